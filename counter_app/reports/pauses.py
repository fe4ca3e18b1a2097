"""The pause audit as JSON and as a sheet of the period workbook (station and server alike)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from openpyxl.styles import Font
from openpyxl.workbook import Workbook

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.pause_audit import PATTERNS, AuditGroup, PauseAudit, PauseRow

SHEET = "Tạm dừng"
TITLE = "KIỂM TRA TẠM DỪNG THỜI GIAN GIẢI QUYẾT HỒ SƠ"
ROW_HEADINGS = (
    "Mã hồ sơ",
    "Thủ tục",
    "Cán bộ",
    "Căn cứ",
    "Lần",
    "Bắt đầu",
    "Kết thúc",
    "Hạn lúc tạm dừng",
    "Ngày làm việc",
    "Ngày lịch",
    "Dấu hiệu",
)
GROUP_HEADINGS = ("Số lần tạm dừng", "Ngày làm việc", "Có dấu hiệu")
GROUPINGS = (
    ("by_clerk", "Theo cán bộ"),
    ("by_procedure", "Theo thủ tục"),
    ("by_ground", "Theo căn cứ"),
)


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(VN_TZ).isoformat(timespec="minutes")


def _row_json(row: PauseRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "procedure": row.procedure,
        "clerk": row.clerk,
        "ground": row.ground,
        "number": row.number,
        "started": _moment(row.started),
        "ended": _moment(row.ended),
        "due_at": _moment(row.due_at),
        "working_days": row.working_days,
        "calendar_days": row.calendar_days,
        "patterns": list(row.patterns),
    }


def _group_json(group: AuditGroup) -> dict[str, Any]:
    return {
        "key": group.key,
        "pauses": group.pauses,
        "working_days": group.working_days,
        "flagged": group.flagged,
    }


def audit_json(audit: PauseAudit) -> dict[str, Any]:
    """The audit as a JSON object (the ``pause_audit`` section of ``report --format json``)."""
    return {
        "from": audit.first.isoformat(),
        "to": audit.last.isoformat(),
        "pauses": len(audit.rows),
        "flagged": audit.flagged,
        "patterns": dict(PATTERNS),
        "rows": [_row_json(row) for row in audit.rows],
        **{name: [_group_json(g) for g in getattr(audit, name)] for name, _label in GROUPINGS},
    }


def _local(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


def add_sheet(book: Workbook, audit: PauseAudit) -> None:
    """Append the audit's sheet: one row per pause, then the sums by clerk, procedure, ground."""
    sheet = book.create_sheet(SHEET)
    sheet.cell(1, 1, TITLE).font = Font(bold=True, size=13)
    period = f"Từ ngày {audit.first:%d/%m/%Y} đến ngày {audit.last:%d/%m/%Y}"
    sheet.cell(2, 1, period)
    for column, heading in enumerate(ROW_HEADINGS, start=1):
        sheet.cell(4, column, heading).font = Font(bold=True)
    line = 5
    for row in audit.rows:
        values: tuple[object, ...] = (
            row.code,
            row.procedure,
            row.clerk,
            row.ground,
            row.number,
            _local(row.started),
            _local(row.ended),
            _local(row.due_at),
            row.working_days,
            row.calendar_days,
            "; ".join(PATTERNS[name] for name in row.patterns),
        )
        for column, value in enumerate(values, start=1):
            sheet.cell(line, column, value)
        line += 1
    for name, label in GROUPINGS:
        line += 1
        sheet.cell(line, 1, label).font = Font(bold=True)
        for column, heading in enumerate(GROUP_HEADINGS, start=2):
            sheet.cell(line, column, heading).font = Font(bold=True)
        for group in getattr(audit, name):
            line += 1
            sums = (group.key, group.pauses, group.working_days, group.flagged)
            for column, value in enumerate(sums, start=1):
                sheet.cell(line, column, value)
    widths = (28, 14, 14, 22, 6, 18, 18, 18, 12, 10, 50)
    for letter, width in zip("ABCDEFGHIJK", widths, strict=True):
        sheet.column_dimensions[letter].width = width
