"""Exports of the period report: the provincial column layout (domain.md §4.3) in XLSX and PDF.

``COLUMNS`` is the layout both exports share: group heading, column heading, counter name.
"""

from __future__ import annotations

from typing import Any

from counter_app.domain.statistics import Figures, PeriodReport

TITLE = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"

# (group heading, column heading, counter); a group of one column spans both heading rows
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Tiếp nhận", "Tổng số", "received"),
    ("Tiếp nhận", "Kỳ trước chuyển qua", "carried_over"),
    ("Tiếp nhận", "Mới tiếp nhận: trực tuyến", "new_online"),
    ("Tiếp nhận", "Mới tiếp nhận: trực tiếp", "new_direct"),
    ("Tiếp nhận", "Mới tiếp nhận: qua BCCI", "new_post"),
    ("Đã giải quyết", "Tổng số", "resolved"),
    ("Đã giải quyết", "Trước hạn", "early"),
    ("Đã giải quyết", "Đúng hạn", "on_time"),
    ("Đã giải quyết", "Quá hạn", "late"),
    ("Đã giải quyết", "Quá hạn: đã có thư xin lỗi", "late_apologised"),
    ("Đã giải quyết", "Quá hạn: chưa có thư xin lỗi", "late_unapologised"),
    ("Đang giải quyết", "Tổng số", "pending"),
    ("Đang giải quyết", "Chưa đến hạn", "pending_not_due"),
    ("Đang giải quyết", "Quá hạn", "pending_overdue"),
    ("Rút hồ sơ", "", "withdrawn"),
    ("Dừng xử lý", "", "stopped"),
    ("Từ chối", "", "refused"),
)
RATES = ("Tỷ lệ đúng và trước hạn (%)", "Tỷ lệ trực tuyến (%)")
TOTAL_LABEL = "Tổng cộng"
FIELD_HEADING = "Lĩnh vực"


def field_rows(report: PeriodReport) -> list[tuple[str, Figures]]:
    """One (label, figures) per field, then the total."""
    rows = [(row.key or "(chưa phân loại)", row.figures) for row in report.breakdowns["field"]]
    return [*rows, (TOTAL_LABEL, report.totals)]


def period_text(report: PeriodReport) -> str:
    """Kỳ báo cáo: từ ngày … đến ngày …"""
    period = report.period
    return f"Kỳ báo cáo: từ ngày {period.first:%d/%m/%Y} đến ngày {period.last:%d/%m/%Y}"


def percent(value: float | None) -> str:
    """A rate as Vietnamese text (comma decimal), or an en dash."""
    return "–" if value is None else f"{value * 100:.1f}".replace(".", ",")


def report_json(report: PeriodReport) -> dict[str, Any]:
    """The report as a JSON object: period, totals, breakdowns (the CLI's and the server's)."""
    return {
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "totals": report.totals.as_dict(),
        "breakdowns": {
            dimension: [{"key": row.key, **row.figures.as_dict()} for row in rows]
            for dimension, rows in report.breakdowns.items()
        },
    }
