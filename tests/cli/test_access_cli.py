"""The command line's views of citizens' data go on the access log, and ``access-log`` reads it."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.station import Station
from tests.factories import applicant, full_life, request


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


def test_subject_export_gives_everything_held_about_one_person(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    station = Station(data_dir)
    code = full_life(station)  # Nguyễn Văn Đức's dossier, returned to Trần Văn Bình
    other = applicant(name="Lò Thị Khác", id_number="011190000001", dob=date(1990, 1, 1))
    station.receive(request(applicant=other), actor="canbo")
    station.close()
    run(capsys, data_dir, "dossier", "show", code)
    target = tmp_path / "duc.json"
    status, out = run(capsys, data_dir, "subject-export", "001090012345", "-o", str(target))
    assert status == 0 and out.startswith("1 dossiers written")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["id_number"] == "001090012345"
    [dossier] = exported["dossiers"]
    assert dossier["code"] == code and dossier["applicant"]["name"] == "Nguyễn Văn Đức"
    assert [event["type"] for event in dossier["events"]] == [
        "received", "transferred", "processing_started", "resolved", "returned",
    ]  # fmt: skip
    assert dossier["events"][-1]["personal"] == {"receiver_name": "Trần Văn Bình"}
    assert dossier["events"][0]["personal"]["applicant"]["phone"] == "0912345678"
    assert [view["what"] for view in dossier["views"]] == ["Mở hồ sơ"]
    assert "Lò Thị Khác" not in target.read_text(encoding="utf-8")
    [logged, _opened] = json.loads(run(capsys, data_dir, "access-log", code, "--json")[1])
    assert logged["kind"] == "subject_export"
    status, _ = run(capsys, data_dir, "subject-export", "001090012345", "-o", str(target))
    assert status == 1  # never overwritten
    assert (
        run(capsys, data_dir, "subject-export", "079193004321", "-o", str(tmp_path / "x"))[0] == 1
    )
    assert run(capsys, data_dir, "subject-export", "12345", "-o", str(tmp_path / "y"))[0] == 1
