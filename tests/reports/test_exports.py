"""XLSX, PDF and JSON of the hand-built history, read back."""

from __future__ import annotations

import argparse
import json
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from openpyxl import load_workbook

from counter_app.commands import report as report_command
from counter_app.reports import COLUMNS
from counter_app.reports.xlsx import FIRST_DATA, column_of, xlsx_bytes
from counter_app.services.statistics import period_report
from counter_app.station import Station
from tests.reports.history import EXPECTED, FIRST, LAST, build


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    report_command.register(parser.add_subparsers())
    return parser


def _run(station: Station, *argv: str) -> int:
    args = _parser().parse_args(["report", "--from", "2026-03-01", "--to", "2026-03-31", *argv])
    return int(args.handler(station, args))


def test_xlsx_rows_formulas_and_headings(station: Station) -> None:
    build(station)
    sheet = load_workbook(BytesIO(xlsx_bytes(period_report(station, FIRST, LAST)))).active
    assert sheet is not None
    assert sheet["A4"].value == "Lĩnh vực" and sheet["B4"].value == "Tiếp nhận"
    assert "B4:F4" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$4:$5"
    labels = [sheet.cell(row, 1).value for row in range(FIRST_DATA, FIRST_DATA + 3)]
    assert labels == ["Cư trú", "Hộ tịch", "Tổng cộng"]
    total = FIRST_DATA + 2
    for name, expected in EXPECTED.items():
        if name not in {"received", "carried_over", "new_online", "new_direct", "new_post",
                        "resolved", "early", "on_time", "late", "late_apologised",
                        "late_unapologised", "pending", "pending_not_due",
                        "pending_overdue", "withdrawn", "stopped", "refused"}:  # fmt: skip
            continue
        letter = column_of(name)
        formula = sheet[f"{letter}{total}"].value
        assert formula == f"=SUM({letter}{FIRST_DATA}:{letter}{FIRST_DATA + 1})"
        # our own evaluation of the SUM over the field rows
        cells = [sheet[f"{letter}{row}"].value for row in (FIRST_DATA, FIRST_DATA + 1)]
        assert sum(cells) == expected, name
    rate_column = len(COLUMNS) + 2
    rate = sheet.cell(total, rate_column).value
    assert rate.startswith("=IF(") and "ROUND" in rate
    assert sheet.cell(4, rate_column).value == "Tỷ lệ đúng và trước hạn (%)"
    assert sheet[f"{column_of('late_apologised')}5"].value == "Quá hạn: đã có thư xin lỗi"
    assert "G4:L4" in {str(r) for r in sheet.merged_cells.ranges}  # Đã giải quyết: 6 columns


def test_pdf_text(station: Station, tmp_path: Path) -> None:
    build(station)
    out = tmp_path / "r.pdf"
    assert _run(station, "--format", "pdf", "-o", str(out)) == 0
    text = pdfium.PdfDocument(out.read_bytes())[0].get_textpage().get_text_range()
    assert "BÁO CÁO TÌNH HÌNH" in text and "01/03/2026" in text
    assert "Cư trú" in text and "Tổng cộng" in text and "Đã giải quyết" in text
    assert "66,7" in text  # on-time rate 4/6 on the total row


def test_json_to_stdout_and_file(
    station: Station, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(station)
    assert _run(station, "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data["totals"][k] for k in EXPECTED} == EXPECTED
    assert data["totals"]["on_time_rate"] == pytest.approx(4 / 6)
    assert (
        _run(station, "--format", "json", "--field", "Hộ tịch", "-o", str(tmp_path / "r.json")) == 0
    )
    only = json.loads((tmp_path / "r.json").read_text())
    assert only["totals"]["new_online"] == 1 and only["breakdowns"]["field"][0]["key"] == "Hộ tịch"
