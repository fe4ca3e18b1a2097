"""The editable calendar: extra days off and make-up working days, and the station settings."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from counter_app.domain.calendar import CalendarOverride, OverrideKind, WorkingHours
from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.text import clean, clean_optional
from counter_app.i18n import _
from counter_app.models.rows import driver
from counter_app.models.tables import CALENDAR_OVERRIDES, CALENDAR_YEARS, SETTINGS
from counter_app.services import first_reads
from counter_app.settings import OPTIONS, coerce


def list_overrides(db: Connection) -> list[CalendarOverride]:
    """Every day published by the server or set by the administrator, by day."""
    rows = db.execute(select(CALENDAR_OVERRIDES).order_by(CALENDAR_OVERRIDES.c.day))
    return [
        CalendarOverride(r.day, OverrideKind(r.kind), r.reason, r.source, r.document) for r in rows
    ]


def set_override(
    db: Connection, *, day: date, kind: str, reason: str, document: str | None = None
) -> CalendarOverride:
    """Add or replace the override of ``day`` (the administrator's)."""
    override = CalendarOverride(
        day,
        OverrideKind(kind),
        clean(reason, field="reason", max_length=200, label=_("Lý do")),
        "local",
        clean_optional(document, field="document", max_length=200),
    )
    values = {
        "kind": override.kind.value,
        "reason": override.reason,
        "source": "local",
        "document": override.document,
    }
    statement = insert(CALENDAR_OVERRIDES).values(day=override.day, **values)
    db.execute(statement.on_conflict_do_update(index_elements=["day"], set_=values))
    return override


def confirm_year(
    db: Connection, *, year: int, source: str = "local", note: str = "", now: datetime | None = None
) -> None:
    """Mark ``year``'s calendar as confirmed (no shipped decision, checked by a person)."""
    if not 2000 <= year <= 2100:
        raise InvalidInput(_("Năm không hợp lệ."), field="year")
    values = {
        "source": source,
        "note": clean(note, field="note", max_length=200, required=False),
        "confirmed_at": now or datetime.now(UTC),
    }
    statement = insert(CALENDAR_YEARS).values(year=year, **values)
    db.execute(statement.on_conflict_do_update(index_elements=["year"], set_=values))


def confirmed_years(db: Connection) -> dict[int, str]:
    """The years confirmed by the server or the administrator, with who confirmed them."""
    return first_reads.confirmed_calendar_years(driver(db))


def remove_override(db: Connection, *, day: date) -> None:
    """Remove the override of ``day``; raise NotFound if there is none."""
    result = db.execute(delete(CALENDAR_OVERRIDES).where(CALENDAR_OVERRIDES.c.day == day))
    if result.rowcount == 0:
        raise NotFound(_("Ngày {day} không có trong lịch điều chỉnh.").format(day=day.isoformat()))


def read_settings(db: Connection) -> dict[str, Any]:
    """Every declared setting: the stored value or its default."""
    return first_reads.read_settings(driver(db))


def write_setting(db: Connection, *, key: str, text: str) -> Any:
    """Parse ``text`` (JSON, or a plain string) for ``key``, check it and store it."""
    if key not in OPTIONS:
        raise InvalidInput(_("Không có thiết lập «{key}».").format(key=key[:50]), field="key")
    value = _parse(text)
    try:
        coerce(key, value)
    except TypeError:
        raise InvalidInput(
            _("Giá trị không đúng kiểu cho thiết lập «{key}».").format(key=key), field=key
        ) from None
    if key in ("working_sessions", "cutoff"):
        current = read_settings(db) | {key: value}
        working_hours(current)  # raises InvalidInput when the sessions or cut-off do not fit
    check_value(key, value)
    statement = insert(SETTINGS).values(key=key, value=value)
    db.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
    return value


MAX_IDLE_MINUTES = 240
MAX_TEXT_SETTING = 500


def check_value(key: str, value: Any) -> None:
    """Rules beyond the declared type: a lookup address with {code}, sensible minutes, lengths."""
    if key == "lookup_url" and value and "{code}" not in value:
        raise InvalidInput(
            _("Địa chỉ tra cứu phải chứa {{code}} ở chỗ mã hồ sơ, ví dụ https://…?ma={{code}}."),
            field=key,
        )
    if key == "lookup_url" and value and not value.startswith(("https://", "http://")):
        raise InvalidInput(_("Địa chỉ tra cứu phải bắt đầu bằng https:// hoặc http://."), field=key)
    if key == "idle_lock_minutes" and not 0 <= value <= MAX_IDLE_MINUTES:
        raise InvalidInput(
            _("Số phút khóa phiên phải từ 0 (không khóa) đến {n}.").format(n=MAX_IDLE_MINUTES),
            field=key,
        )
    if key == "forms_2025_from":
        _check_day(value, key)
    if key == "backup_time" and not _is_clock(value):
        raise InvalidInput(_("Giờ sao lưu phải có dạng giờ:phút, ví dụ 17:30."), field=key)
    if key == "lan_port" and not (value == 0 or 1024 <= value <= 65535):
        raise InvalidInput(_("Cổng phải là 0 (không trao đổi) hoặc từ 1024 đến 65535."), field=key)
    if key == "lan_peers":
        from counter_app.lan.peers_setting import parse_peers

        parse_peers(value)
    limit = MAX_NOTICE if key == "privacy_notice" else MAX_TEXT_SETTING
    if isinstance(value, str) and len(value) > limit:
        raise InvalidInput(_("Giá trị dài quá {n} ký tự.").format(n=limit), field=key)
    if key == "retention_years":
        check_retention(value)


MAX_NOTICE = 10_000
MAX_RETENTION_YEARS = 100


def check_retention(rules: dict[str, Any]) -> None:
    """Years per field of law (lĩnh vực): whole numbers from 0 (never erased) to 100."""
    for field, years in rules.items():
        if not isinstance(field, str) or not field.strip() or len(field) > 200:
            raise InvalidInput(
                _("Tên lĩnh vực trong thời hạn lưu không hợp lệ."), field="retention_years"
            )
        whole = isinstance(years, int) and not isinstance(years, bool)
        if not whole or not 0 <= years <= MAX_RETENTION_YEARS:
            raise InvalidInput(
                _("Thời hạn lưu của lĩnh vực «{field}» phải là số năm từ 0 đến {n}.").format(
                    field=field[:60], n=MAX_RETENTION_YEARS
                ),
                field="retention_years",
            )


def _check_day(value: str, key: str) -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("Ngày phải có dạng YYYY-MM-DD, ví dụ 2025-09-15."), field=key
        ) from None


def _is_clock(value: str) -> bool:
    """``HH:MM`` on a 24-hour clock."""
    try:
        return len(value) == 5 and time.fromisoformat(value).second == 0
    except ValueError:
        return False


def working_hours(values: dict[str, Any]) -> WorkingHours:
    """The working hours described by the settings ``working_sessions`` and ``cutoff``."""
    try:
        sessions = tuple(
            (time.fromisoformat(start), time.fromisoformat(end))
            for start, end in values["working_sessions"]
        )
        cutoff = time.fromisoformat(values["cutoff"])
    except (TypeError, ValueError):
        raise InvalidInput(
            _('Giờ làm việc phải có dạng [["07:30", "11:30"], ["13:30", "17:30"]].'),
            field="working_sessions",
        ) from None
    return WorkingHours(sessions=sessions, cutoff=cutoff)


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text
