"""Days as the clerk types them (dd/mm/yyyy), read with a Vietnamese message on a mistake."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _


def parse_day(text: str, label: str) -> date | None:
    """A day typed as dd/mm/yyyy (empty: None); InvalidInput names the box."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return datetime.strptime(cleaned, "%d/%m/%Y").date()
    except ValueError:
        raise InvalidInput(
            _("«{label}» phải là một ngày dạng ngày/tháng/năm, ví dụ 05/03/2026.").format(
                label=label
            ),
            field="period",
        ) from None
