"""The administrator's warning about years that have no official calendar decision."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.calendar import VN_TZ
from counter_app.i18n import _


def today() -> date:
    """Today in Vietnam (the day the warning is judged on)."""
    return datetime.now(VN_TZ).date()


def provisional_warning(years: list[int]) -> str:
    """The warning for ``years`` without an official decision ("" when there is none)."""
    if not years:
        return ""
    return _(
        "Lịch nghỉ năm {years} chưa có quyết định chính thức: hạn giải quyết chỉ tính các ngày "
        "nghỉ của Bộ luật Lao động. Hãy cập nhật khi có văn bản, hoặc xác nhận lịch năm đó "
        "(Cài đặt → Lịch làm việc)."
    ).format(years=", ".join(str(year) for year in years))
