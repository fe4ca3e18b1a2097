"""The pause audit on a hand-built March 2026 history; every figure is worked out by hand.

Đăng ký thường trú (RESIDENCE): 7 working days; working day 07:30–11:30, 13:30–17:30 (8 h).
The audit takes pauses begun 1/3–31/3/2026; an open pause is measured to 1/4 00:00.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from counter_app.cli import main
from counter_app.domain.lifecycle import EventType
from counter_app.domain.pause_audit import PATTERNS, AuditGroup, PauseRow
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.factories import RESIDENCE, allow_pauses, legacy_pause, request, vn

E = EventType


def _receive(station: Station, at: object) -> str:
    return station.receive(request(received_at=at), actor="clerk", now=at).code  # type: ignore[arg-type]


def _step(station: Station, code: str, event: EventType, at: object, actor: str, **kw: str) -> None:
    station.step(code, event, StepInput(**kw), actor=actor, now=at)  # type: ignore[arg-type]


def build(station: Station) -> dict[str, str]:
    """Dossiers P1–P4; returns their codes."""
    allow_pauses(station)
    # P4: received Mon 23/2 09:00, due Wed 4/3 09:00. First pause 25/2–27/2 (before the
    # period: 2 working days, due -> Fri 6/3 09:00). Second pause Mon 2/3 09:00 by "an"
    # (financial obligation): 4 working days left -> not near; its 2nd pause -> REPEATED;
    # resumed Tue 3/3 09:00 -> 1.0 working day.
    p4 = _receive(station, vn(2026, 2, 23, 9))
    _step(station, p4, E.PAUSED, vn(2026, 2, 25, 9), "an", kind="verification", reason="Xác minh")
    _step(station, p4, E.RESUMED, vn(2026, 2, 27, 9), "an")
    _step(
        station, p4, E.PAUSED, vn(2026, 3, 2, 9), "an", kind="financial_obligation", reason="Thuế"
    )
    _step(station, p4, E.RESUMED, vn(2026, 3, 3, 9), "an")
    # P1: received Tue 3/3 09:00, due Thu 12/3 09:00. Pause Wed 4/3 09:00 by "an"
    # (verification), 6 working days left; resumed Fri 6/3 09:00 -> 2.0 working days, due
    # -> Mon 16/3 09:00. No pattern.
    p1 = _receive(station, vn(2026, 3, 3, 9))
    _step(station, p1, E.PAUSED, vn(2026, 3, 4, 9), "an", kind="verification", reason="Xác minh")
    _step(station, p1, E.RESUMED, vn(2026, 3, 6, 9), "an")
    # P1 again: pause Fri 13/3 10:00 by "binh" (financial obligation): left until Mon 16/3
    # 09:00 = 1.5 + 4 + 1.5 = 7 h <= 8 h -> NEAR DUE; 2nd pause -> REPEATED. Resumed Wed 18/3
    # 10:00: Fri 5.5 h + Mon 8 + Tue 8 + Wed 2.5 = 24 h -> 3.0 working days (< 7: not over).
    _step(
        station,
        p1,
        E.PAUSED,
        vn(2026, 3, 13, 10),
        "binh",
        kind="financial_obligation",
        reason="Thuế",
    )
    _step(station, p1, E.RESUMED, vn(2026, 3, 18, 10), "binh")
    # P2: received Mon 2/3 09:00, due Wed 11/3 09:00. Pause Thu 5/3 14:00 by "an"
    # (verification): 29 h left -> not near. Resumed Thu 19/3 14:00: Thu 3.5 h + Fri 8 +
    # 5 x 8 + 3 x 8 + Thu 4.5 h = 80 h -> 10.0 working days > 7 -> OVER LIMIT.
    p2 = _receive(station, vn(2026, 3, 2, 9))
    _step(station, p2, E.PAUSED, vn(2026, 3, 5, 14), "an", kind="verification", reason="Xác minh")
    _step(station, p2, E.RESUMED, vn(2026, 3, 19, 14), "an")
    # P3: received Mon 9/3 09:00, due Wed 18/3 09:00. An older version's pause of kind
    # "other" by "cuong" Tue 17/3 10:00: 1.5 + 4 + 1.5 = 7 h left -> NEAR DUE; NO GROUND;
    # still paused: to Tue 31/3 17:30 = 5.5 + 3 x 8 + 5 x 8 + 2 x 8 = 85.5 h -> 10.69 working
    # days -> OVER LIMIT.
    p3 = _receive(station, vn(2026, 3, 9, 9))
    legacy_pause(station, p3, vn(2026, 3, 17, 10), actor="cuong")
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4}


@pytest.fixture
def audited(station: Station) -> tuple[dict[str, str], list[PauseRow], object]:
    codes = build(station)
    audit = station.pause_audit(date(2026, 3, 1), date(2026, 3, 31), now=vn(2026, 4, 10, 9))
    return codes, list(audit.rows), audit


def test_each_pause_of_the_period_with_its_duration_and_patterns(
    audited: tuple[dict[str, str], list[PauseRow], object],
) -> None:
    codes, rows, _audit = audited
    seen = [
        (row.code, row.clerk, row.ground, row.number, row.working_days, row.patterns)
        for row in rows
    ]
    assert seen == [
        (codes["p4"], "an", "financial_obligation", 2, 1.0, ("repeated",)),
        (codes["p1"], "an", "verification", 1, 2.0, ()),
        (codes["p2"], "an", "verification", 1, 10.0, ("over_limit",)),
        (codes["p1"], "binh", "financial_obligation", 2, 3.0, ("near_due", "repeated")),
        (codes["p3"], "cuong", "other", 1, 10.69, ("near_due", "over_limit", "no_ground")),
    ]
    assert rows[1].due_at == vn(2026, 3, 12, 9)
    assert rows[3].due_at == vn(2026, 3, 16, 9)  # moved by the first pause's 2 days
    assert rows[4].ended is None and rows[0].ended == vn(2026, 3, 3, 9)
    assert rows[2].calendar_days == 14.0


def test_sums_by_clerk_procedure_and_ground(
    audited: tuple[dict[str, str], list[PauseRow], object],
) -> None:
    _codes, _rows, audit = audited
    assert audit.flagged == 4  # type: ignore[attr-defined]
    assert audit.by_clerk == (  # type: ignore[attr-defined]
        AuditGroup("an", 3, 13.0, 2),
        AuditGroup("binh", 1, 3.0, 1),
        AuditGroup("cuong", 1, 10.69, 1),
    )
    assert audit.by_ground == (  # type: ignore[attr-defined]
        AuditGroup("financial_obligation", 2, 4.0, 2),
        AuditGroup("verification", 2, 12.0, 1),
        AuditGroup("other", 1, 10.69, 1),
    )
    assert audit.by_procedure == (AuditGroup(RESIDENCE, 5, 26.69, 4),)  # type: ignore[attr-defined]


def test_a_period_without_pauses_is_empty(station: Station) -> None:
    build(station)
    audit = station.pause_audit(date(2026, 4, 1), date(2026, 4, 30), now=vn(2026, 5, 1, 9))
    assert audit.rows == () and audit.flagged == 0


def test_report_json_and_xlsx_carry_the_audit(
    data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    station = Station(data_dir)
    try:
        codes = build(station)
    finally:
        station.close()
    period = ["--from", "2026-03-01", "--to", "2026-03-31"]
    assert main(["--data-dir", str(data_dir), "report", *period, "--format", "json"]) == 0
    section = json.loads(capsys.readouterr().out)["pause_audit"]
    assert (section["pauses"], section["flagged"]) == (5, 4)
    assert section["rows"][4]["code"] == codes["p3"]
    assert section["rows"][4]["patterns"] == ["near_due", "over_limit", "no_ground"]
    assert section["by_clerk"][0] == {"key": "an", "pauses": 3, "working_days": 13.0, "flagged": 2}
    target = tmp_path / "r.xlsx"
    args = ["--data-dir", str(data_dir), "report", *period, "--format", "xlsx", "-o", str(target)]
    assert main(args) == 0
    sheet = load_workbook(target)["Tạm dừng"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5, max_row=9)]
    assert [row[0] for row in values] == [
        codes["p4"],
        codes["p1"],
        codes["p2"],
        codes["p1"],
        codes["p3"],
    ]
    assert values[2][8] == 10.0 and values[2][10] == PATTERNS["over_limit"]
