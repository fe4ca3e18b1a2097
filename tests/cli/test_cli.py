from __future__ import annotations

import json
from pathlib import Path

import pytest

from counter_app.cli import main, window_options
from tests.conftest import store_connection

QR = (
    "001090012345|123456789|NGUYỄN VĂN ĐỨC|17051990|Nam"
    "|Số 12 Lê Lai, Quảng Hưng, Thanh Hóa|01032022"
)


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "--actor", "tester", *args])
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def counts(data_dir: Path) -> tuple[int, int]:
    with store_connection(data_dir / "counter.sqlite3") as connection:
        return (
            connection.execute("SELECT count(*) FROM dossiers").fetchone()[0],
            connection.execute("SELECT count(*) FROM events").fetchone()[0],
        )


def test_init_then_catalogue_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(
        capsys,
        tmp_path,
        "init",
        "--agency-code",
        "000.17.22.H56",
        "--agency-name",
        "UBND phường Quảng Hưng",
        "--slot",
        "2",
        "--json",
    )
    assert status == 0 and json.loads(out)["slot"] == 2
    status, out, _ = run(capsys, tmp_path, "catalogue", "list", "--json")
    procedures = json.loads(out)
    assert len(procedures) >= 100
    assert all(p["source"] == "mẫu, chưa xác minh" for p in procedures)  # no decision yet
    assert all(p["sources"].get("listing") for p in procedures)  # where code and name were read
    assert any(p["unconfirmed"] for p in procedures)
    assert not any(p["field"] == "Cư trú" for p in procedures)
    status, _, err = run(
        capsys,
        tmp_path,
        "init",
        "--agency-code",
        "000.17.22.H56",
        "--agency-name",
        "x",
        "--slot",
        "2",
    )
    assert status == 1 and "đã được khởi tạo" in err


def test_receive_by_scan_prints_code_and_due(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    file = write(
        tmp_path / "d.json",
        {
            "scan": QR,
            "procedure": "1.004222",
            "documents": "all",
            "received_at": "2026-03-10T09:00",
            "applicant": {"phone": "0912 345 678"},
        },
    )
    status, out, _ = run(capsys, data_dir, "receive", str(file), "--json")
    assert status == 0
    result = json.loads(out)
    assert result["code"].startswith("000.17.22.H56-")
    assert result["due"] == "2026-03-19T09:00+07:00"
    status, out, _ = run(capsys, data_dir, "dossier", "show", result["code"], "--json")
    shown = json.loads(out)
    assert shown["applicant"]["name"] == "NGUYỄN VĂN ĐỨC"
    assert shown["applicant"]["phone"] == "0912345678"
    status, out, _ = run(capsys, data_dir, "search", "nguyen van duc", "--json")
    assert [d["code"] for d in json.loads(out)] == [result["code"]]


def test_incomplete_dossier_records_a_supplement_request(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    file = write(
        tmp_path / "d.json",
        {"applicant": {"name": "Lê Thị Hoa"}, "procedure": "1.004222", "documents": []},
    )
    status, out, _ = run(capsys, data_dir, "receive", str(file), "--json")
    result = json.loads(out)
    assert status == 0 and not result["accepted"] and result["missing"]
    assert result["state"] == "pending_supplement"


def test_refuse_then_print_form_03_with_its_number(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    from tests.printing.reading import text

    file = write(
        tmp_path / "d.json",
        {"applicant": {"name": "Lê Thị Hoa"}, "procedure": "1.004222", "documents": []},
    )
    reason = "Hồ sơ không thuộc thẩm quyền của phường."
    status, out, _ = run(capsys, data_dir, "refuse", str(file), "--reason", reason, "--json")
    result = json.loads(out)
    # the template station is in slot 1: its form 03 numbers start at 10,001 each year
    assert status == 0 and result["number"] == "10001/TC" and result["state"] == "refused"
    pdf = tmp_path / "03.pdf"
    status, _, _ = run(capsys, data_dir, "print", "refusal", result["code"], "-o", str(pdf))
    printed = text(pdf.read_bytes())
    assert status == 0 and "Số: 10001/TC" in printed and reason in printed
    before = counts(data_dir)
    with pytest.raises(SystemExit) as usage:  # no reason: a usage error, nothing written
        run(capsys, data_dir, "refuse", str(file))
    assert usage.value.code == 2 and "--reason" in capsys.readouterr().err
    status, _, err = run(capsys, data_dir, "refuse", str(file), "--reason", "   ")
    assert status == 1 and err.startswith("error: ") and counts(data_dir) == before


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"scan": "001090012345|NGUYEN|xx", "procedure": "1.004222"}),
        json.dumps(
            {"applicant": {"name": "An", "id_number": "999090012345"}, "procedure": "1.004222"}
        ),
        json.dumps({"applicant": {"name": "An"}, "procedure": "9.999999"}),
        json.dumps({"applicant": {"name": "A" * 10_000}, "procedure": "1.004222"}),
        json.dumps(
            [
                {"applicant": {"name": "An"}, "procedure": "1.004222"},
                {"applicant": {"name": "Bình"}, "procedure": "nope"},
            ]
        ),
        json.dumps(
            {
                "applicant": {"name": "An"},
                "procedure": "1.004222",
                "documents": [{"document": "Giấy không có trong danh mục"}],
            }
        ),
    ],
)
def test_invalid_input_exits_non_zero_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, content: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content, encoding="utf-8")
    before = counts(data_dir)
    status, _, err = run(capsys, data_dir, "receive", str(file))
    assert status == 1
    assert err.startswith("error: ")
    assert counts(data_dir) == before


def test_due_date_calculator(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    # Fri 13/2/2026 10:00 + 5 working days: Tết 16–20/2 is off → Fri 27/2 10:00
    status, out, _ = run(
        capsys, data_dir, "due-date", "--received", "2026-02-13T10:00", "--days", "5", "--json"
    )
    assert status == 0 and json.loads(out) == {"due": "2026-02-27T10:00+07:00"}
    status, out, _ = run(
        capsys,
        data_dir,
        "due-date",
        "--received",
        "2026-02-13T16:00",
        "--procedure",
        "1.001193",
        "--json",
    )
    assert json.loads(out) == {"due": "2026-02-23T17:30+07:00"}


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Wed 31/12/2025 09:00 + 1 working day: 6.5 h that Wednesday, 1/1–4/1/2026 off
        # (2/1 swapped by 12729/VPCP-KGVX) -> Mon 5/1 07:30 + 1.5 h.
        ("2025-12-31T09:00", "2026-01-05T09:00+07:00"),
        # Fri 25/4/2025 09:00 + 1 working day -> the worked Saturday 26/4/2025.
        ("2025-04-25T09:00", "2025-04-26T09:00+07:00"),
        # Fri 21/8/2026 09:00 + 1 working day -> the worked Saturday 22/8/2026.
        ("2026-08-21T09:00", "2026-08-22T09:00+07:00"),
    ],
)
def test_due_date_is_the_same_without_a_station(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
    received: str,
    expected: str,
) -> None:
    args = ("due-date", "--received", received, "--days", "1", "--json")
    bare = tmp_path / "no-station"
    assert json.loads(run(capsys, bare, *args)[1]) == {"due": expected}
    assert json.loads(run(capsys, data_dir, *args)[1]) == {"due": expected}


def test_calendar_list_marks_a_year_without_decision_provisional(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    out = run(capsys, data_dir, "calendar", "list", "--year", "2026", "--year", "2027", "--json")[1]
    years = {item["year"]: item for item in json.loads(out)["years"]}
    assert not years[2026]["provisional"] and years[2026]["official_decision"]
    assert years[2027]["provisional"] and years[2027]["confirmed_by"] is None
    sources = {day["day"]: day["source"] for day in years[2027]["days"]}
    assert sources["2027-01-01"] == "labour_code"
    assert sources["2027-11-24"] == "not_applied"
    text = run(capsys, data_dir, "calendar", "list", "--year", "2027")[1]
    assert "PROVISIONAL" in text
    assert run(capsys, data_dir, "calendar", "confirm", "2027", "--note", "Thông báo …")[0] == 0
    out = run(capsys, data_dir, "calendar", "list", "--year", "2027", "--json")[1]
    year = json.loads(out)["years"][0]
    assert not year["provisional"] and year["confirmed_by"] == "local"


def test_transition_and_verify(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    file = write(
        tmp_path / "d.json", {"applicant": {"name": "Phạm Minh Tuấn"}, "procedure": "1.004222"}
    )
    code = json.loads(run(capsys, data_dir, "receive", str(file), "--json")[1])["code"]
    status, out, _ = run(
        capsys, data_dir, "transition", code, "transferred", "--to", "Công an phường", "--json"
    )
    assert status == 0 and json.loads(out)["state"] == "transferred"
    status, _, err = run(capsys, data_dir, "transition", code, "returned")
    assert status == 1 and "Không thể" in err
    status, out, _ = run(capsys, data_dir, "events", "verify", "--json")
    assert status == 0 and json.loads(out)["ok"]


def test_verify_reports_a_tampered_event(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    file = write(
        tmp_path / "d.json", {"applicant": {"name": "Phạm Minh Tuấn"}, "procedure": "1.004222"}
    )
    run(capsys, data_dir, "receive", str(file))
    with store_connection(data_dir / "counter.sqlite3") as connection:
        connection.execute("UPDATE events SET actor = 'someone-else'")
    connection.close()
    status, out, _ = run(capsys, data_dir, "events", "verify", "--json")
    assert status == 1 and not json.loads(out)["ok"]


def test_backup_and_restore(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    file = write(tmp_path / "d.json", {"applicant": {"name": "Vũ Thu Hà"}, "procedure": "1.004222"})
    first = json.loads(run(capsys, data_dir, "receive", str(file), "--json")[1])["code"]
    backup = tmp_path / "backup.sqlite3"
    assert run(capsys, data_dir, "backup", str(backup))[0] == 0
    second = json.loads(run(capsys, data_dir, "receive", str(file), "--json")[1])["code"]
    assert run(capsys, data_dir, "restore", str(backup))[0] == 0
    assert run(capsys, data_dir, "dossier", "show", first)[0] == 0
    assert run(capsys, data_dir, "dossier", "show", second)[0] == 1
    third = json.loads(run(capsys, data_dir, "receive", str(file), "--json")[1])["code"]
    assert third != second  # a number handed out after the backup is never issued again
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\x00" * 500)
    assert run(capsys, data_dir, "restore", str(corrupt))[0] == 1
    foreign = tmp_path / "foreign"
    run(
        capsys,
        foreign,
        "init",
        "--agency-code",
        "000.17.22.H56",
        "--agency-name",
        "Khác",
        "--slot",
        "3",
    )
    assert run(capsys, data_dir, "restore", str(foreign / "counter.sqlite3"))[0] == 1
    assert run(capsys, data_dir, "dossier", "show", first)[0] == 0


def test_broken_catalogue_import_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(
        json.dumps({"format": "counter-catalogue/1", "procedures": [{"code": "1.000001"}]}),
        encoding="utf-8",
    )
    with store_connection(data_dir / "counter.sqlite3") as connection:
        before = connection.execute("SELECT count(*) FROM procedures").fetchone()[0]
    status, _, err = run(capsys, data_dir, "catalogue", "import", str(file))
    assert status == 1 and "bad.json" in err
    with store_connection(data_dir / "counter.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM procedures").fetchone()[0] == before


def test_catalogue_export_import_round_trip_makes_no_new_versions(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    for suffix in ("json", "xlsx"):
        target = tmp_path / f"catalogue.{suffix}"
        assert run(capsys, data_dir, "catalogue", "export", str(target))[0] == 0
        status, out, _ = run(capsys, data_dir, "catalogue", "import", str(target), "--json")
        result = json.loads(out)
        assert status == 0 and result["added"] == [] and result["changed"] == []


def test_calendar_override_changes_due_dates(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    args = ("due-date", "--received", "2026-03-10T09:00", "--days", "1", "--json")
    assert json.loads(run(capsys, data_dir, *args)[1]) == {"due": "2026-03-11T09:00+07:00"}
    assert (
        run(capsys, data_dir, "calendar", "add", "2026-03-11", "--off", "--reason", "Bão")[0] == 0
    )
    assert json.loads(run(capsys, data_dir, *args)[1]) == {"due": "2026-03-12T09:00+07:00"}
    out = run(capsys, data_dir, "calendar", "list", "--year", "2026", "--json")[1]
    days = {row["day"]: row for row in json.loads(out)["years"][0]["days"]}
    assert (
        days["2026-08-22"]["kind"] == "working_day" and days["2026-08-22"]["source"] == "decision"
    )
    assert days["2026-08-22"]["document"] == "Thông báo 9441/TB-BNV"
    assert days["2026-03-11"]["source"] == "local" and days["2026-03-11"]["kind"] == "day_off"
    assert run(capsys, data_dir, "calendar", "remove", "2026-03-11")[0] == 0
    assert run(capsys, data_dir, "calendar", "remove", "2026-03-11")[0] == 1
    assert run(capsys, data_dir, "calendar", "add", "11/03/2026", "--off", "--reason", "x")[0] == 1


def test_working_hours_setting(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    sessions = '[["07:00", "11:30"], ["13:30", "17:00"]]'
    assert run(capsys, data_dir, "settings", "set", "working_sessions", sessions)[0] == 0
    args = ("due-date", "--received", "2026-03-10T16:00", "--days", "1", "--json")
    # 1 h left on Tuesday, then 7 h on Wednesday from 07:00 → 16:00
    assert json.loads(run(capsys, data_dir, *args)[1]) == {"due": "2026-03-11T16:00+07:00"}
    assert (
        run(capsys, data_dir, "settings", "set", "working_sessions", '[["12:00", "08:00"]]')[0] == 1
    )
    assert run(capsys, data_dir, "settings", "set", "cutoff", "noon")[0] == 1
    assert run(capsys, data_dir, "settings", "set", "unknown_key", "1")[0] == 1


def test_slip_format_setting_only_takes_known_papers(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, data_dir, "settings", "set", "slip_format", "a5")[0] == 0
    assert run(capsys, data_dir, "settings", "set", "slip_format", "letter")[0] == 1


@pytest.mark.parametrize(
    ("argv", "opens_window"),
    [
        ([], True),
        (["--data-dir", "d", "--lang", "en"], True),
        (["--actor", "an"], True),
        (["demo"], False),
        (["--data-dir", "d", "report"], False),
        (["-h"], False),
        (["--lang", "fr"], False),
        (["--data-dir"], False),
        (["--unknown"], False),
    ],
)
def test_only_a_command_line_without_a_command_opens_the_window(
    argv: list[str], opens_window: bool
) -> None:
    assert (window_options(argv) is not None) is opens_window


def test_the_window_options_are_read_like_the_full_parser() -> None:
    options = window_options(["--data-dir", "d", "--lang", "en"])
    assert options is not None and (options.data_dir, options.lang) == (Path("d"), "en")


def test_a_mistake_before_the_window_is_reported_by_the_full_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "fr"])
    assert stopped.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_demo_speaks_the_stations_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, tmp_path / "vi", "demo", "--no-window", "--dossiers", "3")
    assert status == 0
    assert "Đã tạo trạm trình diễn" in out and "mật khẩu: demo-2026" in out
    assert "canbo (Cán bộ tiếp nhận)" in out and "password" not in out
    status, out, _ = run(capsys, tmp_path / "vi", "--lang", "en", "demo", "--no-window")
    assert status == 0 and "Demo users: canbo (Reception clerk)" in out
