"""Working calendar: holidays, working time and appointment dates.

Default sessions 07:30–11:30 and 13:30–17:30 (8 h = 1 working day), cut-off 15:00.
Every expected date below is derived by hand in the comment next to it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import (
    VN_TZ,
    CalendarOverride,
    DaySource,
    OverrideKind,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
    WorkingHours,
)
from counter_app.domain.errors import InvalidInput

CAL = WorkingCalendar()
WD = TimeUnit.WORKING_DAYS
WH = TimeUnit.WORKING_HOURS
CD = TimeUnit.CALENDAR_DAYS
SAME_DAY = ProcessingTime(0, WD, same_day_cutoff=True)
SESSIONS = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 30)))


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware moment in Vietnam."""
    return datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


def due(received: datetime, amount: int, unit: TimeUnit, cutoff: bool = False) -> datetime:
    """Due date with the default calendar."""
    return CAL.due_at(received, ProcessingTime(amount, unit, same_day_cutoff=cutoff))


def in_session(moment: datetime) -> bool:
    """Inside a default session (ends included), judged in Vietnamese wall time."""
    wall = moment.astimezone(VN_TZ).time()
    return any(start <= wall <= end for start, end in SESSIONS)


# --- API shape -----------------------------------------------------------------------------


def test_default_working_hours_are_eight_hours_a_day() -> None:
    hours = WorkingHours()
    assert hours.sessions == SESSIONS
    assert hours.cutoff == time(15, 0)
    assert hours.hours_per_day == 8


def test_new_year_2026_follows_12729_vpcp_kgvx() -> None:
    # Văn bản 12729/VPCP-KGVX (25/12/2025): off Thu 1/1 – Sun 4/1/2026, Fri 2/1 swapped to
    # Sat 10/1/2026, which is worked.
    assert not CAL.is_working_day(date(2026, 1, 2))
    assert CAL.is_working_day(date(2026, 1, 10))
    assert date(2026, 1, 10).weekday() == 5
    # Wed 31/12/2025 09:00 + 1 working day (8 h): 09:00–11:30 2.5 h, 13:30–17:30 4 h (1.5 h
    # left); Thu 1/1 – Sun 4/1 off -> Mon 5/1/2026 07:30 + 1.5 h = 09:00.
    assert due(vn(2025, 12, 31, 9), 1, WD) == vn(2026, 1, 5, 9)
    # Fri 9/1/2026 14:00 + 1 working day: 3.5 h on Friday (4.5 left), Sat 10/1 is worked:
    # 07:30–11:30 4 h (0.5 left) -> 13:30 + 0.5 h = 14:00 on Saturday.
    assert due(vn(2026, 1, 9, 14), 1, WD) == vn(2026, 1, 10, 14)


def test_each_shipped_day_gives_its_day_name_source_and_decision() -> None:
    calendar = WorkingCalendar()  # its own: CAL builds each year once, for whichever test asks
    for year in (2025, 2026):
        assert not calendar.is_provisional(year)
        entries = calendar.entries(year)
        assert entries and all(e.source is DaySource.DECISION and e.document for e in entries)
    by_day = {e.day: e for e in calendar.entries(2026)}
    swap = by_day[date(2026, 1, 10)]
    assert swap.working and swap.document == "Văn bản 12729/VPCP-KGVX"
    assert (swap.day, swap.source) == (date(2026, 1, 10), DaySource.DECISION)
    new_year = by_day[date(2026, 1, 1)]
    assert (new_year.day, new_year.working, new_year.source) == (
        date(2026, 1, 1),
        False,
        DaySource.DECISION,
    )
    # resources/calendar/2026.json: 1/1 as the Labour Code names it, art. 112
    assert (new_year.name, new_year.document) == (
        "Tết Dương lịch",
        "Bộ luật Lao động 45/2019/QH14, Điều 112",
    )


def test_labour_code_days_of_the_package_are_in_the_decisions() -> None:
    # Cross-check: the Labour Code days the package places for 2025 and 2026 are days off in
    # the shipped decisions (the package's Tết of 2025 adds Saturday 1/2, a weekend anyway).
    for year in (2025, 2026):
        package = holidays.country_holidays("VN", years=year, language="vi")
        for day, name in package.items():
            if name != "Ngày Văn hóa Việt Nam":
                assert not CAL.is_working_day(day), (day, name)


def test_results_are_in_vietnam_time_even_for_utc_input() -> None:
    # 03:00 UTC = 10:00 in Vietnam on Tue 10/3/2026; 1 working day -> Wed 11/3 10:00.
    received = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
    result = CAL.due_at(received, ProcessingTime(1, WD))
    assert result == vn(2026, 3, 11, 10)
    assert result.tzinfo == VN_TZ
    assert (result.hour, result.minute) == (10, 0)


def test_processing_time_refuses_negative_amount_and_unknown_unit() -> None:
    with pytest.raises(InvalidInput):
        ProcessingTime(-1, WD)
    with pytest.raises(InvalidInput):
        ProcessingTime(1, "fortnights")  # type: ignore[arg-type]
    assert ProcessingTime(1, "working_hours").unit is WH  # type: ignore[arg-type]


# --- holidays: which days count --------------------------------------------------------------


def test_tet_2025_days_off() -> None:
    # Mùng 1 = Wed 29/1/2025; the package marks Mon 27/1 (29 Tết) – Sat 1/2 off.
    calendar = WorkingCalendar()  # its own: CAL builds each year once, for whichever test asks
    for day in range(27, 32):
        assert not calendar.is_working_day(date(2025, 1, day))
    assert calendar.is_working_day(date(2025, 1, 24))  # Friday before
    assert calendar.is_working_day(date(2025, 2, 3))  # Monday after
    assert calendar.holiday_name(date(2025, 1, 29)) == "Tết Âm lịch (mùng 1 Tết)"


def test_tet_2025_three_working_days_across_tet() -> None:
    # Fri 24/1/2025 14:00, 3 working days = 24 h.
    # Fri 14:00–17:30 = 3.5 h (20.5 left); 25/1–2/2 off (weekend, Tết, weekend);
    # Mon 3/2 8 h (12.5), Tue 4/2 8 h (4.5), Wed 5/2 07:30–11:30 4 h (0.5) -> 14:00.
    assert due(vn(2025, 1, 24, 14), 3, WD) == vn(2025, 2, 5, 14)


def test_tet_2026_five_working_days() -> None:
    # Fri 13/2/2026 10:00, 5 working days = 40 h.
    # Fri 10:00–11:30 1.5 h + 13:30–17:30 4 h = 5.5 h (34.5 left).
    # Sat 14, Sun 15, Mon 16 – Fri 20 (Tết), Sat 21, Sun 22 off.
    # Mon 23 (26.5), Tue 24 (18.5), Wed 25 (10.5), Thu 26 (2.5), Fri 27/2 07:30 + 2.5 h = 10:00.
    for day in range(16, 21):
        assert not CAL.is_working_day(date(2026, 2, day))
    assert CAL.is_working_day(date(2026, 2, 13))
    assert CAL.is_working_day(date(2026, 2, 23))
    assert due(vn(2026, 2, 13, 10), 5, WD) == vn(2026, 2, 27, 10)


def test_tet_2027_per_package() -> None:
    # The package marks Thu 4/2 – Wed 10/2/2027 off.
    # Wed 3/2 16:00, 2 working days = 16 h: Wed 16:00–17:30 1.5 h (14.5 left);
    # next working day Thu 11/2 8 h (6.5 left); Fri 12/2 4 h morning (2.5) -> 13:30 + 2.5 h = 16:00.
    for day in range(4, 11):
        assert not CAL.is_working_day(date(2027, 2, day))
    assert CAL.next_working_day(date(2027, 2, 3)) == date(2027, 2, 11)
    assert due(vn(2027, 2, 3, 16), 2, WD) == vn(2027, 2, 12, 16)


def test_2025_swap_worked_saturday_and_day_off() -> None:
    # 2/5/2025 (Fri) off in exchange for Saturday 26/4/2025 worked.
    assert CAL.is_working_day(date(2025, 4, 26))
    assert CAL.holiday_name(date(2025, 4, 26)) is None
    assert not CAL.is_working_day(date(2025, 5, 2))
    assert not CAL.is_working_day(date(2025, 4, 30))
    assert not CAL.is_working_day(date(2025, 5, 1))
    # Fri 25/4 09:00 + 1 working day -> Sat 26/4 09:00 (worked Saturday).
    assert due(vn(2025, 4, 25, 9), 1, WD) == vn(2025, 4, 26, 9)
    # Tue 29/4 10:00 + 2 working days: 30/4, 1/5, 2/5, 3/5, 4/5 off -> Mon 5/5 10:00, Tue 6/5 10:00.
    assert due(vn(2025, 4, 29, 10), 2, WD) == vn(2025, 5, 6, 10)


def test_without_a_decision_the_saturday_is_a_day_off() -> None:
    bare = WorkingCalendar(official={})
    assert bare.is_provisional(2025)
    assert not bare.is_working_day(date(2025, 4, 26))
    # Fri 25/4/2025 09:00 + 1 working day -> Sat/Sun off -> Mon 28/4 09:00.
    assert bare.due_at(vn(2025, 4, 25, 9), ProcessingTime(1, WD)) == vn(2025, 4, 28, 9)


def test_2026_swap_worked_saturday_and_quoc_khanh() -> None:
    # 31/8/2026 (Mon) off in exchange for Saturday 22/8/2026; 1/9 (Tue), 2/9 (Wed) Quốc khánh.
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 31))
    assert not CAL.is_working_day(date(2026, 9, 1))
    assert not CAL.is_working_day(date(2026, 9, 2))
    # Fri 28/8 10:00 + 2 working days: 29/8–2/9 off -> Thu 3/9 10:00, Fri 4/9 10:00.
    assert due(vn(2026, 8, 28, 10), 2, WD) == vn(2026, 9, 4, 10)


def test_2025_quoc_khanh_and_adjacent_day() -> None:
    # 2025: Mon 1/9 and Tue 2/9 off. Fri 29/8 10:00 + 1 working day -> Wed 3/9 10:00.
    assert not CAL.is_working_day(date(2025, 9, 1))
    assert not CAL.is_working_day(date(2025, 9, 2))
    assert due(vn(2025, 8, 29, 10), 1, WD) == vn(2025, 9, 3, 10)


def test_2026_hung_kings_compensation_day() -> None:
    # Giỗ Tổ falls on Sun 26/4/2026 -> Mon 27/4 off (nghỉ bù).
    assert not CAL.is_working_day(date(2026, 4, 27))
    name = CAL.holiday_name(date(2026, 4, 27))
    assert name is not None
    assert "nghỉ bù" in name.lower()
    # Fri 24/4 15:00 + 1 working day (no cut-off rule): Fri 15:00–17:30 2.5 h (5.5 left);
    # Sat, Sun, Mon 27 off; Tue 28/4 4 h morning (1.5 left) -> 13:30 + 1.5 h = 15:00.
    assert due(vn(2026, 4, 24, 15), 1, WD) == vn(2026, 4, 28, 15)
    # Wed 29/4 10:00 + 1 working day: Thu 30/4, Fri 1/5, weekend off -> Mon 4/5 10:00.
    assert due(vn(2026, 4, 29, 10), 1, WD) == vn(2026, 5, 4, 10)


def test_vietnamese_culture_day_is_not_a_day_off_until_confirmed() -> None:
    # The package marks 24/11 from 2026; Labour Code art. 112 is not amended yet, so the day
    # stays a working day: Mon 23/11/2026 10:00 + 1 working day -> Tue 24/11 10:00.
    assert (
        "Ngày Văn hóa Việt Nam"
        in holidays.country_holidays("VN", years=2026, language="vi").values()
    )
    assert CAL.is_working_day(date(2026, 11, 24))
    assert due(vn(2026, 11, 23, 10), 1, WD) == vn(2026, 11, 24, 10)
    # In a provisional year it is listed as named by the package but not applied.
    entry = {e.day: e for e in CAL.entries(2027)}[date(2027, 11, 24)]
    assert entry.source is DaySource.NOT_APPLIED and entry.working
    assert CAL.is_working_day(date(2027, 11, 24))
    # A day off published by the server (a decision confirming it) makes it one.
    confirmed = WorkingCalendar(
        [
            CalendarOverride(
                date(2026, 11, 24),
                OverrideKind.DAY_OFF,
                "Ngày Văn hóa Việt Nam",
                source="published",
                document="Bộ luật Lao động (sửa đổi)",
            )
        ]
    )
    assert not confirmed.is_working_day(date(2026, 11, 24))
    assert {e.day: e for e in confirmed.entries(2026)}[date(2026, 11, 24)].source == "published"


def test_weekends_are_days_off_and_names_are_vietnamese() -> None:
    assert not CAL.is_working_day(date(2026, 3, 14))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 15))  # Sunday
    assert CAL.holiday_name(date(2026, 3, 15)) is None
    assert CAL.holiday_name(date(2026, 1, 1)) == "Tết Dương lịch"
    assert CAL.holiday_name(date(2026, 3, 10)) is None


def test_next_working_day_is_strictly_after() -> None:
    assert CAL.next_working_day(date(2026, 3, 10)) == date(2026, 3, 11)  # Tue -> Wed
    assert CAL.next_working_day(date(2026, 3, 13)) == date(2026, 3, 16)  # Fri -> Mon
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)  # over Tết 2026
    assert CAL.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)  # 1/1 Fri, weekend


def test_working_days_between() -> None:
    # (Fri 13/2/2026, Mon 23/2/2026] holds only Mon 23/2.
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    assert CAL.working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert CAL.working_days_between(date(2026, 3, 10), date(2026, 3, 10)) == 0
    # 2026: starts on a Thursday, 365 days -> 261 weekdays; weekday days off 1/1, 2/1, 16–20/2,
    # 27/4, 30/4, 1/5, 31/8, 1/9, 2/9 = 13; Saturdays 10/1 and 22/8 worked -> 261 - 13 + 2 = 250.
    assert CAL.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 250


def test_holiday_years_are_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = holidays.country_holidays

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(kwargs.get("years"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(holidays, "country_holidays", counting)
    calendar = WorkingCalendar()
    for offset in range(2000):
        calendar.is_working_day(date(2027, 1, 1) + timedelta(days=offset % 365))
    calendar.due_at(vn(2027, 3, 10, 9), ProcessingTime(15, WD))
    calendar.due_at(vn(2026, 3, 10, 9), ProcessingTime(15, WD))
    assert calls == [2027]  # 2026 has a shipped decision: the package is not asked


# --- start of work -------------------------------------------------------------------------


def test_start_of_work_rules() -> None:
    assert CAL.start_of_work(vn(2026, 3, 10, 9)) == vn(2026, 3, 10, 9)  # in a session
    assert CAL.start_of_work(vn(2026, 3, 10, 7, 30)) == vn(2026, 3, 10, 7, 30)  # a session start
    assert CAL.start_of_work(vn(2026, 3, 10, 6)) == vn(2026, 3, 10, 7, 30)  # before opening
    assert CAL.start_of_work(vn(2026, 3, 10, 11, 30)) == vn(2026, 3, 10, 13, 30)  # session end
    assert CAL.start_of_work(vn(2026, 3, 10, 12, 15)) == vn(2026, 3, 10, 13, 30)  # lunch
    assert CAL.start_of_work(vn(2026, 3, 10, 17, 30)) == vn(2026, 3, 11, 7, 30)  # day end
    assert CAL.start_of_work(vn(2026, 3, 13, 19)) == vn(2026, 3, 16, 7, 30)  # Friday evening
    assert CAL.start_of_work(vn(2026, 2, 17, 9)) == vn(2026, 2, 23, 7, 30)  # Tết


# --- same day and the 15:00 cut-off ---------------------------------------------------------


def test_same_day_before_cutoff() -> None:
    # Tue 10/3/2026 14:59 -> same day 17:30.
    assert CAL.due_at(vn(2026, 3, 10, 14, 59), SAME_DAY) == vn(2026, 3, 10, 17, 30)
    # Before opening: counting starts 07:30 the same day -> 17:30.
    assert CAL.due_at(vn(2026, 3, 10, 6), SAME_DAY) == vn(2026, 3, 10, 17, 30)


def test_same_day_at_and_after_cutoff() -> None:
    # Exactly 15:00 and 16:00 on Tue 10/3 -> next working day Wed 11/3 17:30.
    assert CAL.due_at(vn(2026, 3, 10, 15), SAME_DAY) == vn(2026, 3, 11, 17, 30)
    assert CAL.due_at(vn(2026, 3, 10, 16), SAME_DAY) == vn(2026, 3, 11, 17, 30)


def test_same_day_friday_after_cutoff_before_holiday_monday() -> None:
    # Fri 24/4/2026 16:00; Mon 27/4 is nghỉ bù Giỗ Tổ -> Tue 28/4 17:30.
    assert CAL.due_at(vn(2026, 4, 24, 16), SAME_DAY) == vn(2026, 4, 28, 17, 30)


def test_same_day_without_cutoff_rule() -> None:
    # No 15:00 rule: 16:00 still ends today at 17:30; at 17:30 counting moves to tomorrow.
    plain = ProcessingTime(0, WD)
    assert CAL.due_at(vn(2026, 3, 10, 16), plain) == vn(2026, 3, 10, 17, 30)
    assert CAL.due_at(vn(2026, 3, 10, 17, 30), plain) == vn(2026, 3, 11, 17, 30)


def test_same_day_received_on_saturday() -> None:
    # Sat 14/3/2026 10:00 is not a working day (cut-off irrelevant) -> Mon 16/3 17:30.
    assert CAL.due_at(vn(2026, 3, 14, 10), SAME_DAY) == vn(2026, 3, 16, 17, 30)


def test_cutoff_also_defers_other_units() -> None:
    # Tue 10/3/2026 15:30 with the rule, 1 working day: start Wed 07:30 -> Wed 17:30.
    assert due(vn(2026, 3, 10, 15, 30), 1, WD, cutoff=True) == vn(2026, 3, 11, 17, 30)
    # Without the rule: 15:30–17:30 2 h, Wed 4 h morning, 13:30 + 2 h = 15:30.
    assert due(vn(2026, 3, 10, 15, 30), 1, WD) == vn(2026, 3, 11, 15, 30)


# --- receipt outside working time -----------------------------------------------------------


def test_received_in_lunch_break() -> None:
    # Tue 10/3/2026 12:15 -> start 13:30; 8 h: 13:30–17:30 4 h, Wed 07:30–11:30 4 h.
    # The amount runs out exactly at a session end -> Wed 11:30 (not 13:30).
    assert due(vn(2026, 3, 10, 12, 15), 1, WD) == vn(2026, 3, 11, 11, 30)


def test_received_after_hours() -> None:
    # Tue 10/3/2026 18:00 -> start Wed 07:30; 8 h -> Wed 17:30.
    assert due(vn(2026, 3, 10, 18), 1, WD) == vn(2026, 3, 11, 17, 30)


def test_received_on_sunday() -> None:
    # Sun 8/3/2026 09:00 -> start Mon 9/3 07:30; 16 h -> Tue 10/3 17:30.
    assert due(vn(2026, 3, 8, 9), 2, WD) == vn(2026, 3, 10, 17, 30)


def test_received_on_a_holiday() -> None:
    # Wed 18/2/2026 (Tết) 09:00 -> start Mon 23/2 07:30; 8 h -> Mon 23/2 17:30.
    assert due(vn(2026, 2, 18, 9), 1, WD) == vn(2026, 2, 23, 17, 30)


# --- working hours (e.g. Thông báo lưu trú: 1 hour) -----------------------------------------


def test_one_working_hour_across_lunch() -> None:
    # Tue 10/3/2026 11:00: 11:00–11:30 0.5 h, then 13:30 + 0.5 h = 14:00.
    assert due(vn(2026, 3, 10, 11), 1, WH) == vn(2026, 3, 10, 14)
    # 10:30 + 1 h ends exactly at the session end 11:30.
    assert due(vn(2026, 3, 10, 10, 30), 1, WH) == vn(2026, 3, 10, 11, 30)


def test_one_working_hour_across_the_evening_and_weekend() -> None:
    # Tue 17:00: 0.5 h today, Wed 07:30 + 0.5 h = 08:00.
    assert due(vn(2026, 3, 10, 17), 1, WH) == vn(2026, 3, 11, 8)
    # Fri 13/3 17:00: 0.5 h, then Mon 16/3 07:30 + 0.5 h = 08:00.
    assert due(vn(2026, 3, 13, 17), 1, WH) == vn(2026, 3, 16, 8)


def test_working_hours_equal_working_days_times_eight() -> None:
    # 3 working days = 24 working hours from the same start.
    received = vn(2026, 2, 13, 10)
    assert due(received, 3, WD) == due(received, 24, WH)


# --- calendar days ---------------------------------------------------------------------------


def test_calendar_days_on_a_working_day() -> None:
    # Mon 9/3/2026 10:00 + 3 days = Thu 12/3 10:00.
    assert due(vn(2026, 3, 9, 10), 3, CD) == vn(2026, 3, 12, 10)


def test_calendar_days_landing_on_sunday() -> None:
    # Thu 12/3/2026 10:00 + 3 days = Sun 15/3 10:00 -> Mon 16/3 10:00.
    assert due(vn(2026, 3, 12, 10), 3, CD) == vn(2026, 3, 16, 10)


def test_calendar_days_landing_in_tet() -> None:
    # Wed 11/2/2026 09:00 + 5 days = Mon 16/2 (Tết) -> next working day Mon 23/2 09:00.
    assert due(vn(2026, 2, 11, 9), 5, CD) == vn(2026, 2, 23, 9)


def test_calendar_days_from_a_weekend_receipt() -> None:
    # Sat 14/3/2026 10:00 -> start Mon 16/3 07:30; + 1 day = Tue 17/3 07:30.
    assert due(vn(2026, 3, 14, 10), 1, CD) == vn(2026, 3, 17, 7, 30)


def test_calendar_days_keep_the_wall_time_when_pushed() -> None:
    # Chosen rule: a landing on a day off keeps its wall time on the next working day.
    # Thu 12/3 16:00 + 2 days = Sat 16:00 -> Mon 16/3 16:00, while a later receipt
    # Fri 13/3 08:00 + 2 days = Sun 08:00 -> Mon 16/3 08:00 (same day, earlier hour).
    assert due(vn(2026, 3, 12, 16), 2, CD) == vn(2026, 3, 16, 16)
    assert due(vn(2026, 3, 13, 8), 2, CD) == vn(2026, 3, 16, 8)


# --- adding and measuring working time ------------------------------------------------------


def test_add_working_time_zero_and_session_end() -> None:
    assert CAL.add_working_time(vn(2026, 3, 10, 12), timedelta(0)) == vn(2026, 3, 10, 13, 30)
    assert CAL.add_working_time(vn(2026, 3, 10, 10, 30), timedelta(hours=1)) == vn(
        2026, 3, 10, 11, 30
    )
    # Adding 0 to a session end moves on, so (x + 0) differs from ((x) + 0) only there.
    assert CAL.add_working_time(vn(2026, 3, 10, 11, 30), timedelta(0)) == vn(2026, 3, 10, 13, 30)


def test_add_working_time_refuses_negative() -> None:
    with pytest.raises(InvalidInput):
        CAL.add_working_time(vn(2026, 3, 10, 9), timedelta(minutes=-1))


def test_add_many_working_days_across_years() -> None:
    # Wed 30/12/2026 07:30 + 3 working days (24 h): Wed 30 (8), Thu 31 (8), 1/1 holiday,
    # weekend, Mon 4/1/2027 07:30 + 8 h = 17:30.
    assert CAL.add_working_time(vn(2026, 12, 30, 7, 30), timedelta(hours=24)) == vn(
        2027, 1, 4, 17, 30
    )


def test_working_time_between() -> None:
    # Fri 13/3 16:00 → Mon 16/3 09:00: 1.5 h Friday + 1.5 h Monday = 3 h.
    assert CAL.working_time_between(vn(2026, 3, 13, 16), vn(2026, 3, 16, 9)) == timedelta(hours=3)
    # Same day across lunch: 11:00–11:30 + 13:30–14:00 = 1 h.
    assert CAL.working_time_between(vn(2026, 3, 10, 11), vn(2026, 3, 10, 14)) == timedelta(hours=1)
    # A whole Tết week (Mon 16/2 00:00 → Mon 23/2 00:00) holds no working time.
    assert CAL.working_time_between(vn(2026, 2, 16), vn(2026, 2, 23)) == timedelta(0)
    # Mon 9/3 00:00 → Mon 16/3 00:00: five working days = 40 h.
    assert CAL.working_time_between(vn(2026, 3, 9), vn(2026, 3, 16)) == timedelta(hours=40)
    assert CAL.working_time_between(vn(2026, 3, 16), vn(2026, 3, 9)) == timedelta(0)


# --- waiting for a supplement / financial obligation ----------------------------------------


def test_shift_for_wait_counts_only_working_time() -> None:
    # Wait Fri 13/3 16:00 → Mon 16/3 09:00 = 3 working hours (weekend not counted).
    # Due Wed 18/3 10:00 + 3 h: 10:00–11:30 1.5 h, 13:30 + 1.5 h = 15:00.
    shifted = CAL.shift_for_wait(vn(2026, 3, 18, 10), vn(2026, 3, 13, 16), vn(2026, 3, 16, 9), WD)
    assert shifted == vn(2026, 3, 18, 15)


def test_shift_for_wait_over_a_weekend_only_changes_nothing() -> None:
    due_date = vn(2026, 3, 18, 17, 30)
    shifted = CAL.shift_for_wait(due_date, vn(2026, 3, 14, 8), vn(2026, 3, 15, 18), WH)
    assert shifted == due_date


def test_shift_for_wait_from_a_session_end() -> None:
    # Due Wed 18/3 17:30, waited 1 working hour (Tue 10/3 08:00–09:00) -> Thu 19/3 08:30.
    shifted = CAL.shift_for_wait(
        vn(2026, 3, 18, 17, 30), vn(2026, 3, 10, 8), vn(2026, 3, 10, 9), WD
    )
    assert shifted == vn(2026, 3, 19, 8, 30)


def test_shift_for_wait_calendar_days() -> None:
    # Due Thu 12/3 10:00, waited 2 plain days -> Sat 14/3 10:00 -> Mon 16/3 10:00.
    shifted = CAL.shift_for_wait(vn(2026, 3, 12, 10), vn(2026, 3, 9, 10), vn(2026, 3, 11, 10), CD)
    assert shifted == vn(2026, 3, 16, 10)
    # Due Mon 16/3 16:00 + 1.5 h = 17:30 (a working instant, kept); + 2 h = 18:00 -> Tue 07:30.
    start = vn(2026, 3, 1, 8)
    due_date = vn(2026, 3, 16, 16)
    kept = CAL.shift_for_wait(due_date, start, start + timedelta(minutes=90), CD)
    assert kept == vn(2026, 3, 16, 17, 30)
    moved = CAL.shift_for_wait(due_date, start, start + timedelta(hours=2), CD)
    assert moved == vn(2026, 3, 17, 7, 30)


def test_shift_for_negative_wait_is_unchanged() -> None:
    due_date = vn(2026, 3, 18, 10)
    assert CAL.shift_for_wait(due_date, vn(2026, 3, 12), vn(2026, 3, 11), WD) == due_date


# --- configuration: working hours and overrides --------------------------------------------


def test_custom_working_hours() -> None:
    hours = WorkingHours(sessions=((time(7), time(11, 30)), (time(13, 30), time(17))))
    assert hours.hours_per_day == 8  # 4.5 h + 3.5 h
    calendar = WorkingCalendar(hours=hours)
    # Same day, received 06:30 Tue 10/3/2026 -> 17:00.
    assert calendar.due_at(vn(2026, 3, 10, 6, 30), SAME_DAY) == vn(2026, 3, 10, 17)
    # Tue 16:00 + 1 working day: 16:00–17:00 1 h; Wed 07:00–11:30 4.5 h (2.5 left) -> 16:00.
    assert calendar.due_at(vn(2026, 3, 10, 16), ProcessingTime(1, WD)) == vn(2026, 3, 11, 16)
    assert calendar.start_of_work(vn(2026, 3, 10, 17)) == vn(2026, 3, 11, 7)


@pytest.mark.parametrize(
    "sessions",
    [
        (),
        ((time(11, 30), time(7, 30)),),
        ((time(8), time(8)),),
        ((time(7, 30), time(12)), (time(11, 30), time(17))),
        ((time(13, 30), time(17, 30)), (time(7, 30), time(11, 30))),
    ],
)
def test_invalid_working_hours(sessions: tuple[tuple[time, time], ...]) -> None:
    with pytest.raises(InvalidInput) as caught:
        WorkingHours(sessions=sessions)
    assert caught.value.field == "sessions"


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 3, 10, 9)
    aware = vn(2026, 3, 10, 9)
    calls = [
        lambda: CAL.due_at(naive, ProcessingTime(1, WD)),
        lambda: CAL.start_of_work(naive),
        lambda: CAL.add_working_time(naive, timedelta(hours=1)),
        lambda: CAL.working_time_between(aware, naive),
        lambda: CAL.shift_for_wait(aware, naive, aware, WD),
    ]
    for call in calls:
        with pytest.raises(InvalidInput, match="múi giờ"):
            call()


def test_override_makes_saturday_a_working_day() -> None:
    extra = CalendarOverride(date(2026, 3, 14), OverrideKind.WORKING_DAY, "Làm bù")
    calendar = WorkingCalendar(overrides=[extra])
    assert calendar.is_working_day(date(2026, 3, 14))
    # Fri 13/3 10:00 + 1 working day -> Sat 14/3 10:00.
    assert calendar.due_at(vn(2026, 3, 13, 10), ProcessingTime(1, WD)) == vn(2026, 3, 14, 10)


def test_override_makes_wednesday_a_day_off() -> None:
    storm = CalendarOverride(date(2026, 3, 11), OverrideKind.DAY_OFF, "Nghỉ tránh bão")
    calendar = WorkingCalendar(overrides=[storm])
    assert not calendar.is_working_day(date(2026, 3, 11))
    assert calendar.holiday_name(date(2026, 3, 11)) == "Nghỉ tránh bão"
    assert calendar.is_working_day(date(2025, 4, 26))  # the decision is kept
    # Tue 10/3 10:00 + 1 working day -> Wed off -> Thu 12/3 10:00.
    assert calendar.due_at(vn(2026, 3, 10, 10), ProcessingTime(1, WD)) == vn(2026, 3, 12, 10)


def test_override_wins_over_a_package_holiday() -> None:
    work = CalendarOverride(date(2026, 2, 16), "working_day", "Trực Tết")  # type: ignore[arg-type]
    calendar = WorkingCalendar(overrides=[work])
    assert calendar.is_working_day(date(2026, 2, 16))
    assert calendar.holiday_name(date(2026, 2, 16)) is None
    assert calendar.next_working_day(date(2026, 2, 13)) == date(2026, 2, 16)


# --- properties ------------------------------------------------------------------------------

receipts = st.datetimes(
    min_value=datetime(2024, 1, 1),
    max_value=datetime(2028, 12, 31, 23, 59),
    timezones=st.sampled_from([VN_TZ, UTC]),
)
units = st.sampled_from(list(TimeUnit))
amounts = st.integers(min_value=0, max_value=60)
minutes = st.integers(min_value=0, max_value=60 * 8 * 30)


@settings(max_examples=200, deadline=None)
@given(receipts, amounts, units, st.booleans())
def test_due_is_a_working_instant_not_before_receipt(
    received: datetime, amount: int, unit: TimeUnit, cutoff: bool
) -> None:
    result = due(received, amount, unit, cutoff)
    assert result.tzinfo == VN_TZ
    assert CAL.is_working_day(result.date())
    assert in_session(result)
    assert result >= received


@settings(max_examples=200, deadline=None)
@given(receipts, amounts, amounts, units, st.booleans())
def test_longer_limit_never_earlier(
    received: datetime, first: int, second: int, unit: TimeUnit, cutoff: bool
) -> None:
    shorter, longer = sorted((first, second))
    assert due(received, shorter, unit, cutoff) <= due(received, longer, unit, cutoff)


@settings(max_examples=200, deadline=None)
@given(receipts, receipts, amounts, units, st.booleans())
def test_later_receipt_never_earlier(
    first: datetime, second: datetime, amount: int, unit: TimeUnit, cutoff: bool
) -> None:
    early, late = sorted((first, second))
    early_due, late_due = due(early, amount, unit, cutoff), due(late, amount, unit, cutoff)
    if unit == CD:
        # Calendar days keep the wall time when pushed past a day off: only the day is monotone.
        assert early_due.date() <= late_due.date()
    else:
        assert early_due <= late_due


@settings(max_examples=200, deadline=None)
@given(receipts, minutes, minutes.filter(lambda value: value > 0))
def test_adding_working_time_is_associative(start: datetime, first: int, second: int) -> None:
    x, y = timedelta(minutes=first), timedelta(minutes=second)
    once = CAL.add_working_time(start, x + y)
    twice = CAL.add_working_time(CAL.add_working_time(start, x), y)
    assert once == twice


@settings(max_examples=200, deadline=None)
@given(receipts, minutes)
def test_working_time_between_inverts_adding(moment: datetime, amount: int) -> None:
    start = CAL.start_of_work(moment)
    span = timedelta(minutes=amount)
    assert CAL.working_time_between(start, CAL.add_working_time(start, span)) == span


@settings(max_examples=200, deadline=None)
@given(receipts, amounts, units, receipts)
def test_zero_or_negative_wait_is_identity(
    received: datetime, amount: int, unit: TimeUnit, waited: datetime
) -> None:
    due_date = due(received, amount, unit)
    assert CAL.shift_for_wait(due_date, waited, waited, unit) == due_date
    earlier = waited - timedelta(hours=1)
    assert CAL.shift_for_wait(due_date, waited, earlier, unit) == due_date


@settings(max_examples=200, deadline=None)
@given(receipts, amounts, units, receipts, minutes)
def test_waiting_never_brings_the_due_date_forward(
    received: datetime, amount: int, unit: TimeUnit, waited_from: datetime, wait: int
) -> None:
    due_date = due(received, amount, unit)
    shifted = CAL.shift_for_wait(due_date, waited_from, waited_from + timedelta(minutes=wait), unit)
    assert shifted >= due_date
    assert CAL.is_working_day(shifted.date())
    assert in_session(shifted)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    st.integers(min_value=-40, max_value=40),
)
def test_working_days_between_matches_day_by_day_count(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    low, high = sorted((start, end))
    counted = sum(
        CAL.is_working_day(low + timedelta(days=step)) for step in range(1, (high - low).days + 1)
    )
    assert CAL.working_days_between(start, end) == (counted if end >= start else -counted)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)))
def test_next_working_day_skips_only_days_off(day: date) -> None:
    following = CAL.next_working_day(day)
    assert following > day
    assert CAL.is_working_day(following)
    gap = (following - day).days
    assert not any(CAL.is_working_day(day + timedelta(days=step)) for step in range(1, gap))


@settings(max_examples=200, deadline=None)
@given(receipts, st.integers(min_value=1, max_value=60))
def test_working_days_are_eight_working_hours(received: datetime, amount: int) -> None:
    assert due(received, amount, WD) == due(received, amount * 8, WH)


def test_a_working_instant_is_inside_a_session_of_a_working_day_ends_included() -> None:
    # Sessions 07:30–11:30 and 13:30–17:30 (ends included); Tuesday 10/3/2026 is a working day,
    # Saturday 14/3/2026 and 1/1/2026 are not, Saturday 10/1/2026 was worked (Văn bản
    # 12729/VPCP-KGVX). Judged in Vietnamese wall time: 00:30 UTC is 07:30 in Hà Nội.
    inside = [(7, 30), (9, 0), (11, 30), (13, 30), (17, 30)]
    outside = [(7, 29), (11, 31), (13, 29), (17, 31), (0, 0)]
    assert all(CAL.is_working_instant(vn(2026, 3, 10, h, m)) for h, m in inside)
    assert not any(CAL.is_working_instant(vn(2026, 3, 10, h, m)) for h, m in outside)
    assert not CAL.is_working_instant(vn(2026, 3, 14, 9, 0))
    assert not CAL.is_working_instant(vn(2026, 1, 1, 9, 0))
    assert CAL.is_working_instant(vn(2026, 1, 10, 9, 0))
    assert CAL.is_working_instant(datetime(2026, 3, 10, 0, 30, tzinfo=UTC))
    assert not CAL.is_working_instant(datetime(2026, 3, 10, 0, 29, tzinfo=UTC))


def test_an_override_takes_its_kind_by_value_and_refuses_an_unknown_one() -> None:
    override = CalendarOverride(date(2026, 3, 14), "working_day", "Làm bù")  # type: ignore[arg-type]
    assert override.kind is OverrideKind.WORKING_DAY
    with pytest.raises(InvalidInput) as raised:
        CalendarOverride(date(2026, 3, 14), "holiday", "Nghỉ")  # type: ignore[arg-type]
    assert (raised.value.message, raised.value.field) == (
        "Loại ngày điều chỉnh không hợp lệ.",
        "kind",
    )


def test_a_negative_amount_of_working_time_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as raised:
        CAL.add_working_time(vn(2026, 3, 10, 9), timedelta(minutes=-1))
    assert (raised.value.message, raised.value.field) == (
        "Khoảng thời gian không được âm.",
        "amount",
    )
