"""Timeliness at its exact edges, worked out from the rule's text, not from the code.

Decision 766/QĐ-TTg's calculation guide (domain.md §4.2): a dossier is on time when
NgayKetThucXuLy ≤ NgayHenTra (so ending *exactly* at the appointment is on time, one second
later is late); more than one supplement request during processing counts as late (so exactly
one does not); a dossier finished on a day before the appointment's day is early, on that day
on time. Period bounds: 00:00 of the first day to 24:00 of the last, Vietnam time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.statistics import Period, Step, Trail, build_report, contributions

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
RECEIVED = datetime(2026, 3, 10, 9, 0, tzinfo=VN_TZ)
DUE = datetime(2026, 3, 19, 9, 0, tzinfo=VN_TZ)
SECOND = timedelta(seconds=1)


def _received() -> Step:
    return Step("received", RECEIVED, "lan", due_at=DUE, received_at=RECEIVED)


def _outcome(*steps: Step, period: Period = MARCH) -> tuple[str, ...]:
    return contributions([_received(), *steps], period)[1]


def _supplement_round(asked: datetime, answered: datetime) -> list[Step]:
    """A supplement asked for and answered; the due date moves by the wait (as the station sets
    it on ``supplement_received``)."""
    moved = DUE + (answered - asked)
    return [
        Step("supplement_requested", asked),
        Step("supplement_received", answered, due_at=moved),
    ]


def test_resolved_exactly_at_the_appointment_is_on_time() -> None:
    names = _outcome(Step("resolved", DUE))
    assert "on_time" in names
    assert "late" not in names


def test_resolved_one_second_after_the_appointment_is_late() -> None:
    names = _outcome(Step("resolved", DUE + SECOND))
    assert "late" in names
    assert "late_unapologised" in names


def test_resolved_earlier_on_the_appointment_day_is_on_time_not_early() -> None:
    morning = DUE.replace(hour=7, minute=30)
    assert "on_time" in _outcome(Step("resolved", morning))


def test_resolved_the_last_instant_of_the_day_before_is_early() -> None:
    last_instant = datetime(2026, 3, 18, 23, 59, 59, tzinfo=VN_TZ)
    assert "early" in _outcome(Step("resolved", last_instant))


def test_one_supplement_request_alone_is_not_late() -> None:
    round_trip = _supplement_round(
        datetime(2026, 3, 11, 9, tzinfo=VN_TZ), datetime(2026, 3, 12, 9, tzinfo=VN_TZ)
    )
    names = _outcome(*round_trip, Step("resolved", datetime(2026, 3, 13, 9, tzinfo=VN_TZ)))
    assert "early" in names
    assert "late" not in names


def test_two_supplement_requests_make_it_late_however_early() -> None:
    first = _supplement_round(
        datetime(2026, 3, 11, 9, tzinfo=VN_TZ), datetime(2026, 3, 11, 10, tzinfo=VN_TZ)
    )
    second = _supplement_round(
        datetime(2026, 3, 11, 11, tzinfo=VN_TZ), datetime(2026, 3, 11, 14, tzinfo=VN_TZ)
    )
    names = _outcome(*first, *second, Step("resolved", datetime(2026, 3, 12, 9, tzinfo=VN_TZ)))
    assert "late" in names


def test_an_apology_does_not_move_the_appointment_lateness_is_judged_on() -> None:
    later = DUE + timedelta(days=3)
    apology = Step("apologised", DUE - timedelta(days=1), due_at=later)
    names = _outcome(apology, Step("resolved", DUE + SECOND))
    assert "late_apologised" in names


MARCH_END = datetime(2026, 4, 1, 0, 0, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (MARCH_END, "pending_not_due"),  # due exactly when the period ends: not yet late
        (MARCH_END - SECOND, "pending_overdue"),
    ],
)
def test_an_open_dossier_is_overdue_only_after_its_appointment(
    due: datetime, expected: str
) -> None:
    received = Step("received", RECEIVED, "lan", due_at=due, received_at=RECEIVED)
    assert expected in contributions([received], MARCH)[1]


def test_an_event_at_the_period_end_is_outside_the_period() -> None:
    names = _outcome(Step("resolved", MARCH_END))
    assert "resolved" not in names
    assert "pending" in names


def test_an_event_one_second_before_the_period_end_is_inside() -> None:
    last = datetime(2026, 3, 31, 23, 59, 59, tzinfo=VN_TZ)
    assert "resolved" in _outcome(Step("resolved", last))


@pytest.mark.parametrize(
    ("channel", "counter"),
    [("online", "new_online"), ("post", "new_post"), ("direct", "new_direct")],
)
def test_a_new_dossier_counts_under_its_channel(channel: str, counter: str) -> None:
    assert counter in contributions([_received()], MARCH, channel)[1]


def test_a_dossier_counts_as_received_directly_unless_told_otherwise() -> None:
    assert "new_direct" in contributions([_received()], MARCH)[1]


def test_the_report_is_of_the_period_asked_for() -> None:
    trail = Trail("Hộ tịch", "1.000001", "direct", "counter", [_received()])
    report = build_report([trail], MARCH)
    assert report.period == MARCH
    assert report.totals.new == 1
