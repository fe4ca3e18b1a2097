"""The working calendar's refusals, word for word with their field, and their boundaries.

A time limit is a whole number of working days, working hours or calendar days, 0 meaning "the
same day" (docs/legal.md, "Calendar and due dates"; shared/domain.md §3.1); working hours are
sessions of a day given in local wall time (Asia/Ho_Chi_Minh), ordered and disjoint; every
moment taken carries its time zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, tzinfo

import pytest

from counter_app.domain.calendar import (
    VN_TZ,
    CalendarOverride,
    OverrideKind,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
    WorkingHours,
)
from counter_app.domain.errors import InvalidInput

AMOUNT = "Thời hạn giải quyết phải là số nguyên không âm."
UNIT = "Đơn vị thời hạn không hợp lệ."
KIND = "Loại ngày điều chỉnh không hợp lệ."
NO_SESSION = "Phải có ít nhất một buổi làm việc."
ZONED = "Giờ làm việc không được kèm múi giờ."
BACKWARDS = "Giờ bắt đầu buổi làm việc phải trước giờ kết thúc."
OVERLAP = "Các buổi làm việc phải theo thứ tự và không chồng lên nhau."
NAIVE = "Thời điểm phải có múi giờ."
NEGATIVE = "Khoảng thời gian không được âm."


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware moment in Vietnam."""
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def refusal(call: Callable[[], object]) -> tuple[str, str | None]:
    """The message and field of the InvalidInput ``call`` raises."""
    with pytest.raises(InvalidInput) as raised:
        call()
    return raised.value.message, raised.value.field


class _NoOffset(tzinfo):
    """A time zone that cannot say its offset: such a moment is as naive as one without."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


# --- time limits -----------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [-1, True, False, 1.5, "3"])
def test_a_time_limit_is_a_whole_number_not_below_zero(amount: object) -> None:
    """A count of days or hours: no negative, no fraction, no text, no yes/no."""
    message = refusal(lambda: ProcessingTime(amount, TimeUnit.WORKING_DAYS))  # type: ignore[arg-type]
    assert message == (AMOUNT, "amount")


def test_zero_is_the_same_day_limit() -> None:
    """0 working days is "trong ngày" (the same day), the smallest limit there is."""
    limit = ProcessingTime(0, TimeUnit.WORKING_DAYS, same_day_cutoff=True)
    assert (limit.amount, limit.unit, limit.same_day_cutoff) == (0, TimeUnit.WORKING_DAYS, True)


def test_a_time_limit_takes_its_unit_by_value() -> None:
    """The three units a procedure states its limit in, as stored ("ngày làm việc", …)."""
    for value, unit in [
        ("working_days", TimeUnit.WORKING_DAYS),
        ("working_hours", TimeUnit.WORKING_HOURS),
        ("calendar_days", TimeUnit.CALENDAR_DAYS),
    ]:
        limit = ProcessingTime(2, value)  # type: ignore[arg-type]
        assert limit.unit is unit
    assert refusal(lambda: ProcessingTime(2, "months")) == (UNIT, "unit")  # type: ignore[arg-type]


def test_an_override_refuses_an_unknown_kind() -> None:
    """An override makes a day either a day off or a working day, nothing else."""
    day = vn(2026, 3, 14).date()
    assert CalendarOverride(day, "working_day", "làm bù").kind is OverrideKind.WORKING_DAY  # type: ignore[arg-type]
    assert refusal(lambda: CalendarOverride(day, "holiday", "x")) == (KIND, "kind")  # type: ignore[arg-type]


# --- working hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sessions", "cutoff", "message"),
    [
        ((), time(15), NO_SESSION),
        (((time(7, 30, tzinfo=UTC), time(11, 30)),), time(15), ZONED),
        (((time(7, 30), time(11, 30, tzinfo=UTC)),), time(15), ZONED),
        (((time(7, 30), time(11, 30)),), time(15, tzinfo=UTC), ZONED),
        (((time(11, 30), time(7, 30)),), time(15), BACKWARDS),
        (((time(8), time(8)),), time(15), BACKWARDS),
        (((time(7, 30), time(12)), (time(11, 59), time(17))), time(15), OVERLAP),
        (((time(13, 30), time(17, 30)), (time(7, 30), time(11, 30))), time(15), OVERLAP),
    ],
)
def test_working_hours_refusals(
    sessions: tuple[tuple[time, time], ...], cutoff: time, message: str
) -> None:
    """Sessions are wall-clock times, each starting before it ends, in order, not overlapping."""
    assert refusal(lambda: WorkingHours(sessions=sessions, cutoff=cutoff)) == (message, "sessions")


def test_sessions_may_touch() -> None:
    """A session may start the instant the previous one ends (no break between them)."""
    hours = WorkingHours(sessions=((time(8), time(12)), (time(12), time(16))))
    assert hours.hours_per_day == 8


def test_sessions_given_as_lists_are_kept_as_pairs() -> None:
    """Sessions typed as lists (from a settings file) are stored as the same pairs."""
    hours = WorkingHours(sessions=[[time(7), time(11)], [time(13), time(17)]])  # type: ignore[arg-type]
    assert hours.sessions == ((time(7), time(11)), (time(13), time(17)))


def test_day_length_counts_minutes_seconds_and_microseconds() -> None:
    """07:30:15 to 11:45:30.5 is 4 h 15 min 15.5 s; one session of 1 h 30 min gives 1.5 h."""
    hours = WorkingHours(sessions=((time(7, 30, 15), time(11, 45, 30, 500000)),))
    assert hours.day_length == timedelta(hours=4, minutes=15, seconds=15, microseconds=500000)
    assert WorkingHours(sessions=((time(8, 15), time(9, 45)),)).hours_per_day == 1.5


# --- moments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "naive", [datetime(2026, 3, 10, 9), datetime(2026, 3, 10, 9, tzinfo=_NoOffset())]
)
def test_every_moment_must_carry_its_time_zone_and_the_refusal_names_it(naive: datetime) -> None:
    """A moment without a zone (or a zone without an offset) could be any instant: refused."""
    calendar = WorkingCalendar()
    aware = vn(2026, 3, 10, 9)
    limit = ProcessingTime(1, TimeUnit.WORKING_DAYS)
    wd = TimeUnit.WORKING_DAYS
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: calendar.due_at(naive, limit), "received_at"),
        (lambda: calendar.start_of_work(naive), "moment"),
        (lambda: calendar.is_working_instant(naive), "moment"),
        (lambda: calendar.is_working_day(naive), "moment"),
        (lambda: calendar.add_working_time(naive, timedelta(hours=1)), "start"),
        (lambda: calendar.working_time_between(naive, aware), "start"),
        (lambda: calendar.working_time_between(aware, naive), "end"),
        (lambda: calendar.shift_for_wait(naive, aware, aware, wd), "due"),
        (lambda: calendar.shift_for_wait(aware, naive, aware, wd), "waited_from"),
        (lambda: calendar.shift_for_wait(aware, aware, naive, wd), "waited_until"),
    ]
    for call, field in calls:
        assert refusal(call) == (NAIVE, field)


def test_a_negative_amount_of_working_time_is_refused() -> None:
    """Working time is added, never taken away: one microsecond below zero is refused."""
    calendar = WorkingCalendar()
    start = vn(2026, 3, 10, 9)
    message = refusal(lambda: calendar.add_working_time(start, -timedelta(microseconds=1)))
    assert message == (NEGATIVE, "amount")
    assert calendar.add_working_time(start, timedelta(0)) == start
