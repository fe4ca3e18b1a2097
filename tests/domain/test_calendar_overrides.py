"""Overrides, provisional years and unusual working hours, day by day.

Overrides (a day off or a worked day, published by the server or set by the station's
administrator) win over the decision, the package and the weekday, both ways (docs/legal.md,
"Calendar and due dates"; shared/domain.md §3.4 "Consequence"). A provisional year takes the
Labour Code's days (art. 112) as the ``holidays`` package names them. A same-day limit ends with
the last session of the day, whatever the sessions are (shared/domain.md §3.1).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from counter_app.domain.calendar import (
    VN_TZ,
    CalendarEntry,
    CalendarOverride,
    DaySource,
    OverrideKind,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
    WorkingHours,
)

SAME_DAY = ProcessingTime(0, TimeUnit.WORKING_DAYS, same_day_cutoff=True)


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware moment in Vietnam."""
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def test_an_override_can_make_new_year_s_day_a_working_day() -> None:
    """1/1 is a day off (art. 112), but an override wins both ways, even on the first day."""
    worked = CalendarOverride(date(2026, 1, 1), OverrideKind.WORKING_DAY, "Làm việc")
    calendar = WorkingCalendar([worked])
    assert calendar.is_working_day(date(2026, 1, 1))
    assert calendar.holiday_name(date(2026, 1, 1)) is None
    # Wed 31/12/2025: the next working day is Thu 1/1/2026; (31/12, 2/1] holds only 1/1
    # (Fri 2/1/2026 stays off, swapped with Sat 10/1 by 12729/VPCP-KGVX).
    assert calendar.next_working_day(date(2025, 12, 31)) == date(2026, 1, 1)
    assert calendar.working_days_between(date(2025, 12, 31), date(2026, 1, 2)) == 1


def test_an_override_keeps_its_reason_source_and_document() -> None:
    """A day off the administrator sets is listed with the reason, source and decision given."""
    day_off = CalendarOverride(
        date(2026, 3, 11),
        OverrideKind.DAY_OFF,
        "Nghỉ đột xuất do bão",
        source="local",
        document="Quyết định 12/QĐ-UBND",
    )
    worked = CalendarOverride(
        date(2026, 3, 14),
        OverrideKind.WORKING_DAY,
        "Làm bù thứ Tư 11/3/2026",
        source="published",
        document="Quyết định 12/QĐ-UBND",
    )
    calendar = WorkingCalendar([day_off, worked])
    listed = {entry.day: entry for entry in calendar.entries(2026)}
    assert listed[date(2026, 3, 11)] == CalendarEntry(
        date(2026, 3, 11), False, "Nghỉ đột xuất do bão", DaySource.LOCAL, "Quyết định 12/QĐ-UBND"
    )
    assert listed[date(2026, 3, 14)] == CalendarEntry(
        date(2026, 3, 14),
        True,
        "Làm bù thứ Tư 11/3/2026",
        DaySource.PUBLISHED,
        "Quyết định 12/QĐ-UBND",
    )
    assert calendar.holiday_name(date(2026, 3, 11)) == "Nghỉ đột xuất do bão"
    assert calendar.holiday_name(date(2026, 3, 14)) is None
    assert calendar.overrides == (day_off, worked)


def test_a_provisional_year_lists_the_package_s_names() -> None:
    """2027 has no decision: 1/1 is the Labour Code's day off as the package names it, and 24/11
    is listed by its name but not applied (no law has made it a day off)."""
    calendar = WorkingCalendar()
    assert calendar.is_provisional(2027)
    listed = {entry.day: entry for entry in calendar.entries(2027)}
    assert listed[date(2027, 1, 1)] == CalendarEntry(
        date(2027, 1, 1), False, "Tết Dương lịch", DaySource.LABOUR_CODE, None
    )
    assert listed[date(2027, 11, 24)] == CalendarEntry(
        date(2027, 11, 24), True, "Ngày Văn hóa Việt Nam", DaySource.NOT_APPLIED, None
    )
    assert calendar.holiday_name(date(2027, 1, 1)) == "Tết Dương lịch"
    assert calendar.holiday_name(date(2027, 11, 24)) is None


def test_no_wait_leaves_the_due_date_where_it_is() -> None:
    """A wait of no time moves nothing, even a due date that is not a working instant."""
    calendar = WorkingCalendar()
    saturday = vn(2026, 3, 14, 10)  # Sat 14/3/2026 10:00, not a working day
    waited = vn(2026, 3, 10, 9)
    for unit in TimeUnit:
        assert calendar.shift_for_wait(saturday, waited, waited, unit) == saturday
    # One minute of plain time does move it: Sat 10:01 -> Mon 16/3 10:01 (next working day).
    later = waited + timedelta(minutes=1)
    moved = calendar.shift_for_wait(saturday, waited, later, TimeUnit.CALENDAR_DAYS)
    assert moved == vn(2026, 3, 16, 10, 1)


def test_same_day_with_one_session_ends_at_its_end() -> None:
    """A station open only in the morning (07:30–11:30) returns same-day results at 11:30."""
    morning = WorkingCalendar(hours=WorkingHours(sessions=((time(7, 30), time(11, 30)),)))
    assert morning.due_at(vn(2026, 3, 10, 9), SAME_DAY) == vn(2026, 3, 10, 11, 30)


def test_same_day_with_three_sessions_ends_at_the_last() -> None:
    """Sessions 07:00–09:00, 10:00–12:00, 13:00–17:00: the same day ends at 17:00."""
    hours = WorkingHours(sessions=((time(7), time(9)), (time(10), time(12)), (time(13), time(17))))
    calendar = WorkingCalendar(hours=hours)
    assert calendar.due_at(vn(2026, 3, 10, 8), SAME_DAY) == vn(2026, 3, 10, 17)
