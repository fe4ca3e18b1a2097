"""The command line's views of citizens' data go on the access log, and ``access-log`` reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.station import Station
from tests.factories import request


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    status = main(["--data-dir", str(data_dir), "--actor", "canbo", *args])
    return status, capsys.readouterr().out


def test_show_print_and_search_are_logged_and_read_back(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    station = Station(data_dir)
    code = station.receive(request(), actor="canbo").code
    station.close()
    assert run(capsys, data_dir, "dossier", "show", code)[0] == 0
    assert run(capsys, data_dir, "print", "slip", code, "-o", str(tmp_path / "s.pdf"))[0] == 0
    assert run(capsys, data_dir, "search", "001090012345")[0] == 0
    status, out = run(capsys, data_dir, "access-log", code, "--json")
    assert status == 0
    logged = json.loads(out)
    assert [(row["kind"], row["via"], row["actor"]) for row in logged] == [
        ("search", "cli", "canbo"),
        ("print", "cli", "canbo"),
        ("open", "cli", "canbo"),
    ]
    assert logged[0]["detail"] == {"query": "id_number", "filters": [], "shown": 1}
    assert logged[1]["detail"] == {"form": "slip"}
    status, out = run(capsys, data_dir, "access-log", "--user", "canbo", "--from", "2020-01-01")
    assert status == 0 and len(out.strip().splitlines()) == 3
    assert "Tìm kiếm theo số định danh" in out
    status, out = run(capsys, data_dir, "events", "verify")
    assert status == 0 and "3 access-log entries: OK" in out
