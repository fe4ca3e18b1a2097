"""``counter-app enrol``, ``sync``, ``sync status``, ``sync export`` against a live server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from counter_app.cli import main
from counter_app.station import Station
from counter_server.cli import enrol, revoke
from tests.conftest import AGENCY_CODE
from tests.factories import request
from tests.sync.conftest import LiveServer
from tests.sync.helpers import received


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "--actor", "tester", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def counter_dir(data_dir: Path) -> Path:
    """A station with one dossier waiting to go up."""
    station = Station(data_dir)
    received(station)
    station.close()
    return data_dir


def test_enrol_sync_and_status_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
    counter_dir: Path,
    live_server: LiveServer,
    real_keyring: KeyringBackend,
) -> None:
    code = enrol(live_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    status, out, err = run(capsys, counter_dir, "enrol", live_server.url, code)
    assert status == 0, err
    assert "slot 1" in out
    station = Station(counter_dir)
    station.receive(request(), actor="clerk")  # today, beside the one of 10/3/2026
    station.close()
    status, out, err = run(capsys, counter_dir, "sync")
    assert status == 0, err
    assert "pushed 2" in out
    status, out, _ = run(capsys, counter_dir, "sync", "status", "--json")
    report = json.loads(out)
    assert (report["online"], report["waiting"], report["acked_seq"]) == (True, 0, 2)
    today = report["counters"][0]
    assert today["is_local"] is True
    assert (today["received"], today["returned"]) == (1, 0)
    assert (today["events_today"], today["acknowledged_today"]) == (1, 1)
    status, out, _ = run(capsys, counter_dir, "sync", "status")
    assert "online" in out and "waiting to go up: 0" in out


def test_offline_sync_exits_1_with_the_reason(
    capsys: pytest.CaptureFixture[str],
    counter_dir: Path,
    real_keyring: KeyringBackend,
    live_server: LiveServer,
) -> None:
    code = enrol(live_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    assert run(capsys, counter_dir, "enrol", live_server.url, code)[0] == 0
    assert run(capsys, counter_dir, "settings", "set", "server_url", "http://127.0.0.1:9")[0] == 0
    status, _out, err = run(capsys, counter_dir, "sync")
    assert status == 1 and "offline" in err
    status, out, _ = run(capsys, counter_dir, "sync", "status", "--json")
    report = json.loads(out)
    assert (report["online"], report["waiting"], report["last_error_class"]) == (False, 1, "retry")
    assert report["outbox"][0]["state"] == "waiting" and report["outbox"][0]["reason"]


def test_revoked_station_is_told_to_enrol_again(
    capsys: pytest.CaptureFixture[str],
    counter_dir: Path,
    real_keyring: KeyringBackend,
    live_server: LiveServer,
) -> None:
    code = enrol(live_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    assert run(capsys, counter_dir, "enrol", live_server.url, code)[0] == 0
    station = Station(counter_dir)
    identity = station.identity
    station.close()
    assert identity is not None
    revoke(live_server.database_url, identity.station_id)
    status, _out, err = run(capsys, counter_dir, "sync")
    assert status == 1 and "enrol again" in err


def test_enrol_refuses_a_bad_address_and_a_missing_ca_bundle(
    capsys: pytest.CaptureFixture[str], counter_dir: Path, real_keyring: KeyringBackend
) -> None:
    status, _out, err = run(capsys, counter_dir, "enrol", "ftp://example", "AAAA-BBBB")
    assert status == 1 and "https://" in err
    status, _out, err = run(
        capsys, counter_dir, "enrol", "https://x.example", "AAAA-BBBB", "--ca-bundle", "/nope.pem"
    )
    assert status == 1 and "/nope.pem" in err
    assert run(capsys, counter_dir, "sync")[0] == 1  # never enrolled: nothing to sync with


def test_export_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
    counter_dir: Path,
    live_server: LiveServer,
    real_keyring: KeyringBackend,
    tmp_path: Path,
) -> None:
    code = enrol(live_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    assert run(capsys, counter_dir, "enrol", live_server.url, code)[0] == 0
    target = tmp_path / "usb" / "carry.counter"
    target.parent.mkdir()
    status, out, err = run(capsys, counter_dir, "sync", "export", str(target))
    assert status == 0, err
    assert "1 events sealed" in out and target.stat().st_size > 0
    assert not list(target.parent.glob("*.partial"))
