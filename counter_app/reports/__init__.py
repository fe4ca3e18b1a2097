"""Exports of the period report: the provincial column layout (domain.md §4.3) in XLSX and PDF.

``COLUMNS`` is the layout both exports share: group heading, column heading, counter name.
"""

from __future__ import annotations

from typing import Any

from counter_app.domain.statistics import Figures, PeriodReport
from counter_app.i18n import NC_

TITLE = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"

# (group heading, column heading, counter); a group of one column spans both heading rows
COLUMNS: tuple[tuple[str, str, str], ...] = (
    (NC_("report", "Tiếp nhận"), NC_("report", "Tổng số"), "received"),
    (NC_("report", "Tiếp nhận"), NC_("report", "Kỳ trước chuyển qua"), "carried_over"),
    (NC_("report", "Tiếp nhận"), NC_("report", "Mới tiếp nhận: trực tuyến"), "new_online"),
    (NC_("report", "Tiếp nhận"), NC_("report", "Mới tiếp nhận: trực tiếp"), "new_direct"),
    (NC_("report", "Tiếp nhận"), NC_("report", "Mới tiếp nhận: qua BCCI"), "new_post"),
    (NC_("report", "Đã giải quyết"), NC_("report", "Tổng số"), "resolved"),
    (NC_("report", "Đã giải quyết"), NC_("report", "Trước hạn"), "early"),
    (NC_("report", "Đã giải quyết"), NC_("report", "Đúng hạn"), "on_time"),
    (NC_("report", "Đã giải quyết"), NC_("report", "Quá hạn"), "late"),
    (
        NC_("report", "Đã giải quyết"),
        NC_("report", "Quá hạn: đã có thư xin lỗi"),
        "late_apologised",
    ),
    (
        NC_("report", "Đã giải quyết"),
        NC_("report", "Quá hạn: chưa có thư xin lỗi"),
        "late_unapologised",
    ),
    (NC_("report", "Đang giải quyết"), NC_("report", "Tổng số"), "pending"),
    (NC_("report", "Đang giải quyết"), NC_("report", "Chưa đến hạn"), "pending_not_due"),
    (NC_("report", "Đang giải quyết"), NC_("report", "Quá hạn"), "pending_overdue"),
    (NC_("report", "Rút hồ sơ"), "", "withdrawn"),
    (NC_("report", "Dừng xử lý"), "", "stopped"),
    (NC_("report", "Từ chối"), "", "refused"),
)
RATES = (NC_("report", "Tỷ lệ đúng và trước hạn (%)"), NC_("report", "Tỷ lệ trực tuyến (%)"))
TOTAL_LABEL = NC_("report", "Tổng cộng")
FIELD_HEADING = NC_("report", "Lĩnh vực")
UNCLASSIFIED = NC_("report", "(chưa phân loại)")  # a procedure the catalogue gives no field


def field_rows(report: PeriodReport) -> list[tuple[str, Figures]]:
    """One (label, figures) per field, then the total."""
    rows = [(row.key or UNCLASSIFIED, row.figures) for row in report.breakdowns["field"]]
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
