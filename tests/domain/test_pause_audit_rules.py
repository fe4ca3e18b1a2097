"""The pause audit's patterns at their limits (counter_app/domain/pause_audit.py; docs/legal.md
"Pause audit patterns"; README "Pause audit"): every pause begun in the period (00:00 of its
first day to 24:00 of its last, Vietnam time) is a row; it is ``near_due`` when it began with
one working day or less left before the due date in force (or after it), ``over_limit`` when it
lasted longer than the procedure's own time limit in the limit's unit (a same-day procedure's
limit counting as one working day), ``no_ground`` without a lawful ground.

Working day 07:30–11:30, 13:30–17:30 (8 h); March 2026 has no holiday; Saturday 7/3 and
Sunday 8/3 are a weekend."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from counter_app.domain.calendar import VN_TZ, ProcessingTime, TimeUnit, WorkingCalendar
from counter_app.domain.events import EventRecord
from counter_app.domain.pause_audit import PATTERNS, AuditDossier, PauseRow, audit_pauses

CALENDAR = WorkingCalendar()
PROCEDURE = "1.004873"
TEN_WORKING_DAYS = ProcessingTime(10, TimeUnit.WORKING_DAYS)
FAR = datetime(2026, 4, 30, 17, 30, tzinfo=VN_TZ)


def _vn(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _event(seq: int, type_: str, at: datetime, payload: dict[str, Any]) -> EventRecord:
    return EventRecord(
        id=f"e{seq}",
        dossier_id="d",
        station_id="s",
        seq=seq,
        type=type_,
        actor="an",
        wall_clock=at,
        hlc=seq,
        payload=payload,
    )


def _received(due: datetime | None) -> EventRecord:
    dossier = {
        "code": "C",
        "procedure_id": "p",
        "procedure_code": PROCEDURE,
        "applicant": {},
        "channel": "direct",
        "return_method": "counter",
        "documents": [],
    }
    at = _vn(27, 9, month=2)
    return _event(
        1, "received", at, {"dossier": dossier, "due_at": _iso(due), "received_at": _iso(at)}
    )


def _paused(seq: int, at: datetime, kind: str | None = "verification") -> EventRecord:
    payload: dict[str, Any] = {"reason": "Xác minh"} if kind is None else {"kind": kind}
    return _event(seq, "paused", at, payload)


def _resumed(seq: int, at: datetime, due: datetime | None = FAR) -> EventRecord:
    return _event(seq, "resumed", at, {"due_at": _iso(due)})


def _dossier(
    started: datetime,
    ended: datetime,
    *,
    due: datetime | None = FAR,
    limit: ProcessingTime | None = TEN_WORKING_DAYS,
    kind: str | None = "verification",
    code: str = "C",
) -> AuditDossier:
    """A dossier received on 27/2 with one pause from ``started`` to ``ended``."""
    events = [_received(due), _paused(2, started, kind), _resumed(3, ended, due)]
    return AuditDossier(code, PROCEDURE, limit, events)


def _rows(*dossiers: AuditDossier) -> tuple[PauseRow, ...]:
    audit = audit_pauses(
        dossiers, first=date(2026, 3, 1), last=date(2026, 3, 31), calendar=CALENDAR, until=FAR
    )
    return audit.rows


def _patterns(dossier: AuditDossier) -> tuple[str, ...]:
    (row,) = _rows(dossier)
    return row.patterns


def test_a_pause_s_row_gives_its_working_and_calendar_days() -> None:
    """Mon 2/3 09:00 to Tue 3/3 11:00: 2.5 + 4 + 3.5 = 10 working hours = 1.25 working days;
    26 hours = 1.08 calendar days (two decimals)."""
    assert _rows(_dossier(_vn(2, 9), _vn(3, 11))) == (
        PauseRow(
            code="C",
            procedure=PROCEDURE,
            clerk="an",
            ground="verification",
            started=_vn(2, 9),
            ended=_vn(3, 11),
            working_days=1.25,
            calendar_days=1.08,
            due_at=FAR,
            number=1,
            patterns=(),
        ),
    )


def test_the_period_runs_from_the_first_instant_of_its_first_day_to_the_end_of_its_last() -> None:
    """A pause begun at 00:00 of 1/3 is in the March audit; one begun at 00:00 of 1/4 is not."""
    first = _dossier(_vn(1, 0), _vn(2, 9), code="first-instant")
    after = _dossier(_vn(1, 0, month=4), _vn(1, 9, month=4), code="after-the-end")
    assert [row.code for row in _rows(first, after)] == ["first-instant"]


def test_an_event_the_fold_skips_does_not_end_the_dossier_s_audit() -> None:
    """A resumption with no pause to end is skipped, as the projection skips it; the pause
    recorded after it is still audited."""
    events = [
        _received(FAR),
        _resumed(2, _vn(2, 8)),
        _paused(3, _vn(2, 9)),
        _resumed(4, _vn(2, 10)),
    ]
    (row,) = _rows(AuditDossier("C", PROCEDURE, TEN_WORKING_DAYS, events))
    assert (row.started, row.ended, row.number) == (_vn(2, 9), _vn(2, 10), 1)


def test_a_pause_recorded_without_any_ground_is_shown_with_a_dash() -> None:
    """No kind at all: the ground column shows "—" and the pause has no lawful ground."""
    (row,) = _rows(_dossier(_vn(2, 9), _vn(2, 10), kind=None))
    assert (row.ground, row.patterns) == ("—", ("no_ground",))


def test_a_pause_begun_with_exactly_one_working_day_left_is_near_due() -> None:
    """Due Thu 12/3 09:00. Begun Wed 11/3 09:00: 2.5 + 4 + 1.5 = 8 h = one working day left,
    near due; begun a minute earlier, more than one day left, not."""
    due = _vn(12, 9)
    assert _patterns(_dossier(_vn(11, 9), _vn(11, 10), due=due)) == ("near_due",)
    assert _patterns(_dossier(_vn(11, 8, 59), _vn(11, 10), due=due)) == ()


def test_the_near_due_label_says_one_working_day_or_less() -> None:
    """The clerk reads the flag as the rule has it: "one working day or less", not "under
    one working day" (docs/legal.md)."""
    assert PATTERNS["near_due"] == "Tạm dừng khi còn không quá 1 ngày làm việc đến hạn"


def test_a_pause_begun_after_the_due_date_is_near_due() -> None:
    """Due Thu 12/3 09:00, paused Fri 13/3 09:00: nothing left at all."""
    assert _patterns(_dossier(_vn(13, 9), _vn(13, 10), due=_vn(12, 9))) == ("near_due",)


def test_a_dossier_without_a_due_date_is_never_near_due() -> None:
    """With no due date in force there is nothing to be near."""
    (row,) = _rows(_dossier(_vn(2, 9), _vn(2, 10), due=None))
    assert (row.due_at, row.patterns) == (None, ())


def test_a_procedure_without_a_time_limit_is_never_over_it() -> None:
    """Three weeks paused, no limit known: not over the limit."""
    assert _patterns(_dossier(_vn(2, 9), _vn(23, 9), limit=None)) == ()


def test_a_limit_in_calendar_days_counts_the_weekend() -> None:
    """Limit 1 calendar day. Sat 7/3 09:00 to Sun 8/3 09:00 is exactly one day: not longer;
    to 09:01 it is longer, though not a minute of it is working time."""
    one_day = ProcessingTime(1, TimeUnit.CALENDAR_DAYS)
    assert _patterns(_dossier(_vn(7, 9), _vn(8, 9), limit=one_day)) == ()
    assert _patterns(_dossier(_vn(7, 9), _vn(8, 9, 1), limit=one_day)) == ("over_limit",)


def test_a_limit_in_calendar_days_is_not_counted_in_working_days() -> None:
    """Limit 3 calendar days. Fri 6/3 09:00 to Tue 10/3 09:00: 4 days, longer, though only
    2 working days of it (Fri and Mon)."""
    three_days = ProcessingTime(3, TimeUnit.CALENDAR_DAYS)
    (row,) = _rows(_dossier(_vn(6, 9), _vn(10, 9), limit=three_days))
    assert (row.working_days, row.patterns) == (2.0, ("over_limit",))


def test_a_limit_in_working_days_does_not_count_the_weekend() -> None:
    """Limit 2 working days. Fri 6/3 09:00 to Tue 10/3 09:00 is exactly 2 working days (Fri and
    Mon) over 4 calendar days: not longer; to 09:01 it is."""
    two_days = ProcessingTime(2, TimeUnit.WORKING_DAYS)
    assert _patterns(_dossier(_vn(6, 9), _vn(10, 9), limit=two_days)) == ()
    assert _patterns(_dossier(_vn(6, 9), _vn(10, 9, 1), limit=two_days)) == ("over_limit",)


def test_a_same_day_procedure_s_limit_counts_as_one_working_day() -> None:
    """Limit 0 working days (same day). Mon 2/3 09:00 to Tue 3/3 09:00 is one working day: not
    longer; to Tue 10:00 (9 h) it is."""
    same_day = ProcessingTime(0, TimeUnit.WORKING_DAYS)
    assert _patterns(_dossier(_vn(2, 9), _vn(3, 9), limit=same_day)) == ()
    assert _patterns(_dossier(_vn(2, 9), _vn(3, 10), limit=same_day)) == ("over_limit",)


def test_a_one_working_day_limit_is_over_after_one_working_day() -> None:
    """Limit 1 working day. Mon 2/3 09:00 to Tue 3/3 10:00 (9 working hours) is longer."""
    one_day = ProcessingTime(1, TimeUnit.WORKING_DAYS)
    assert _patterns(_dossier(_vn(2, 9), _vn(3, 10), limit=one_day)) == ("over_limit",)


def test_a_limit_in_working_hours_is_counted_in_working_hours() -> None:
    """Limit 4 working hours. Tue 3/3 07:30 to 11:30 is exactly 4: not longer; to 13:31 it is
    4 h 1 min (the lunch break does not count)."""
    four_hours = ProcessingTime(4, TimeUnit.WORKING_HOURS)
    assert _patterns(_dossier(_vn(3, 7, 30), _vn(3, 11, 30), limit=four_hours)) == ()
    assert _patterns(_dossier(_vn(3, 7, 30), _vn(3, 13, 31), limit=four_hours)) == ("over_limit",)


def test_an_open_pause_is_measured_to_the_audit_s_moment() -> None:
    """A pause still open at Tue 3/3 09:00 (begun Mon 2/3 09:00) lasted one calendar day."""
    events = [_received(FAR), _paused(2, _vn(2, 9))]
    audit = audit_pauses(
        [AuditDossier("C", PROCEDURE, TEN_WORKING_DAYS, events)],
        first=date(2026, 3, 1),
        last=date(2026, 3, 31),
        calendar=CALENDAR,
        until=_vn(2, 9) + timedelta(days=1),
    )
    (row,) = audit.rows
    assert (row.ended, row.working_days, row.calendar_days) == (None, 1.0, 1.0)
