"""Report periods a leader picks: this month, last month, this quarter, this year, or any days.

A period that includes today ends today, not at the end of the month, quarter or year: a
dossier still open is judged against the period end, and a future end would count as "not yet
due" dossiers that are already overdue, or as overdue ones that are still within their time.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

Preset = Literal["this_month", "last_month", "this_quarter", "this_year", "custom"]
PRESETS: tuple[tuple[Preset, str], ...] = (
    ("this_month", "Tháng này"),
    ("last_month", "Tháng trước"),
    ("this_quarter", "Quý này"),
    ("this_year", "Năm nay"),
    ("custom", "Tùy chọn (từ ngày … đến ngày)"),
)


def preset_period(preset: Preset, today: date) -> tuple[date, date]:
    """First and last day of ``preset`` as seen on ``today`` ("custom": today only)."""
    if preset == "this_month":
        return today.replace(day=1), today
    if preset == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if preset == "this_quarter":
        first_month = 3 * ((today.month - 1) // 3) + 1
        return date(today.year, first_month, 1), today
    if preset == "this_year":
        return date(today.year, 1, 1), today
    return today, today


def check_period(first: date, last: date) -> None:
    """Refuse a period whose last day comes before its first."""
    if last < first:
        raise InvalidInput(
            _("Ngày cuối kỳ ({last}) không được trước ngày đầu kỳ ({first}).").format(
                first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}"
            ),
            field="period",
        )
