"""Report periods as a leader picks them, worked out on the calendar by hand.

A period that includes today ends today (the module's rule): open dossiers are judged on today.
Quarters are January–March, April–June, July–September, October–December.
"""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.periods import check_period, preset_period


@pytest.mark.parametrize(
    ("preset", "today", "first", "last"),
    [
        ("this_month", date(2026, 3, 17), date(2026, 3, 1), date(2026, 3, 17)),
        ("this_month", date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 1)),
        ("last_month", date(2026, 3, 17), date(2026, 2, 1), date(2026, 2, 28)),
        ("last_month", date(2024, 3, 1), date(2024, 2, 1), date(2024, 2, 29)),  # leap year
        ("last_month", date(2026, 1, 10), date(2025, 12, 1), date(2025, 12, 31)),
        ("this_quarter", date(2026, 3, 31), date(2026, 1, 1), date(2026, 3, 31)),
        ("this_quarter", date(2026, 4, 1), date(2026, 4, 1), date(2026, 4, 1)),
        ("this_quarter", date(2026, 6, 30), date(2026, 4, 1), date(2026, 6, 30)),
        ("this_quarter", date(2026, 7, 15), date(2026, 7, 1), date(2026, 7, 15)),
        ("this_quarter", date(2026, 12, 6), date(2026, 10, 1), date(2026, 12, 6)),
        ("this_year", date(2026, 12, 6), date(2026, 1, 1), date(2026, 12, 6)),
        ("this_year", date(2027, 1, 1), date(2027, 1, 1), date(2027, 1, 1)),
        ("custom", date(2026, 12, 6), date(2026, 12, 6), date(2026, 12, 6)),
    ],
)
def test_preset_periods(preset: str, today: date, first: date, last: date) -> None:
    assert preset_period(preset, today) == (first, last)  # type: ignore[arg-type]


def test_a_one_day_period_is_allowed() -> None:
    check_period(date(2026, 3, 1), date(2026, 3, 1))


def test_a_period_ending_before_it_starts_is_refused_with_both_days() -> None:
    with pytest.raises(InvalidInput) as raised:
        check_period(date(2026, 3, 2), date(2026, 3, 1))
    assert (
        raised.value.message
        == "Ngày cuối kỳ (01/03/2026) không được trước ngày đầu kỳ (02/03/2026)."
    )
    assert raised.value.field == "period"
