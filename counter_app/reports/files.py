"""Writing the period report (XLSX, PDF) and the register book (PDF) to a file a person chose.

openpyxl and reportlab are imported on the first export only. A file is written beside its
target and renamed over it, so a failed write never leaves half a report under the chosen name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from counter_app.domain.errors import InvalidInput
from counter_app.domain.statistics import PeriodReport
from counter_app.i18n import _
from counter_app.printing.model import RegisterSheet
from counter_app.private_file import replace_private

ReportFormat = Literal["xlsx", "pdf"]


def report_bytes(report: PeriodReport, kind: ReportFormat) -> bytes:
    """The report as an XLSX workbook or a PDF."""
    if kind == "xlsx":
        from counter_app.reports.xlsx import xlsx_bytes

        return xlsx_bytes(report)
    from counter_app.reports.pdf import pdf_bytes

    return pdf_bytes(report)


def write_report(path: Path, report: PeriodReport, kind: ReportFormat) -> Path:
    """Write the report to ``path``; returns it."""
    return write_file(path, report_bytes(report, kind))


def write_register(path: Path, sheet: RegisterSheet) -> Path:
    """Write the register book (form 06/07) for its period to ``path``, landscape A4."""
    from counter_app.printing.forms import render
    from counter_app.printing.model import FormKind, Paper

    return write_file(path, render(FormKind.REGISTER, sheet, paper=Paper.A4))


def write_file(path: Path, data: bytes) -> Path:
    """Write through a ``.partial`` file renamed over ``path``, readable by its owner only
    (mode 0600); a clear message on failure."""
    try:
        replace_private(path, data)  # the register names applicants; reports, their dossiers
    except OSError as error:
        raise InvalidInput(
            _("Không ghi được tệp {path}: {reason}. Hãy chọn thư mục khác.").format(
                path=path, reason=error.strerror or error
            ),
            field="path",
        ) from None
    return path
