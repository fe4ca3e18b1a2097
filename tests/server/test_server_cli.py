from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.cli import main


def test_enrol_prints_a_one_time_code_and_revoke_reports_unknown_stations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert (
        main(["server", "--database-url", url, "enrol", "000.17.22.H56", "UBND phường", "1"]) == 0
    )
    code = capsys.readouterr().out.strip()
    assert len(code) >= 8
    assert main(["server", "--database-url", url, "revoke", "no-such-station"]) == 1
    assert main(["server", "--database-url", url, "enrol", "17.22.H56", "x", "1"]) == 1
    assert "000.00.00.H00" in capsys.readouterr().err


def test_agency_tree_refuses_loops(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    base = ["server", "--database-url", url]
    commune, ward, province = "000.17.22.H56", "000.17.23.H56", "000.00.00.H56"
    assert main([*base, "enrol", commune, "UBND xã", "1", "--parent", province]) == 0
    assert main([*base, "enrol", ward, "UBND phường", "1", "--parent", province]) == 0
    assert main([*base, "parent", province, commune]) == 1
    assert "loop" in capsys.readouterr().err
    assert main([*base, "parent", commune, commune]) == 1
    assert main([*base, "parent", "000.99.99.H01", province]) == 1
    assert main([*base, "parent", ward]) == 0
    assert "top level" in capsys.readouterr().out


def test_admin_token_printed_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert main(["server", "--database-url", url, "admin-token", "--label", "so"]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["server", "--database-url", url, "admin-token"]) == 0
    assert len(first) >= 40 and capsys.readouterr().out.strip() != first
    assert first not in (tmp_path / "server.sqlite3").read_bytes().decode("latin-1")


def test_revoked_admin_token_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from fastapi.testclient import TestClient

    from counter_server.app import create_app

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert main(["server", "--database-url", url, "admin-token", "--label", "so-tu-phap"]) == 0
    headers = {"Authorization": f"Bearer {capsys.readouterr().out.strip()}"}
    app = create_app(url)
    client = TestClient(app)
    assert client.get("/v1/admin/quarantine", headers=headers).status_code == 200
    assert main(["server", "--database-url", url, "revoke-admin", "so-tu-phap"]) == 0
    assert client.get("/v1/admin/quarantine", headers=headers).status_code == 403
    assert main(["server", "--database-url", url, "revoke-admin", "nobody"]) == 1
    app.state.database.dispose()


def test_quarantined_links_are_listed_and_reviewed_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fastapi.testclient import TestClient

    from counter_server.app import create_app
    from tests.server.factories import body, enrolled

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    app = create_app(url)
    client = TestClient(app)
    station = enrolled(client, url)
    [received] = station.next_events(1)
    odd = station.step(received.dossier_id, "returned", {"method": "counter"})
    client.post("/v1/push", json=body([received, odd]), headers=station.headers)
    capsys.readouterr()
    server = ["server", "--database-url", url]
    assert main([*server, "quarantine"]) == 0
    listed = capsys.readouterr()
    assert odd.id in listed.out and "1 quarantined link(s) (open)" in listed.err
    assert main([*server, "review", odd.id, "   "]) == 1  # a review says what was done
    assert main([*server, "review", received.id, "ok"]) == 1  # applied, not quarantined
    capsys.readouterr()
    assert main([*server, "review", odd.id, "Đã báo quầy 1", "--by", "so-tu-phap"]) == 0
    assert main([*server, "review", odd.id, "lần nữa"]) == 1
    capsys.readouterr()
    assert main([*server, "quarantine"]) == 0
    assert "0 quarantined link(s)" in capsys.readouterr().err
    assert main([*server, "quarantine", "--state", "reviewed"]) == 0
    assert "by so-tu-phap: Đã báo quầy 1" in capsys.readouterr().out
    app.state.database.dispose()
