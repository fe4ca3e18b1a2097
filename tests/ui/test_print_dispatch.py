"""Printing a PDF through Qt to a real CUPS queue (cups-pdf), and every way printing fails.

``scripts/cups_setup.sh`` creates the queue (default ``CounterPDF``) whose jobs cups-pdf writes
as PDFs into one folder (default ``/var/spool/cups-pdf/counter``). What comes out is a raster of
each page, so the checks are page count, paper size, ink on the page and a scannable barcode.
Under CI a missing CUPS fails these tests; elsewhere they skip with the reason.
Qt is reached through pytest-qt (``qtbot``, ``qt_api``): only ``counter_app.ui`` imports it.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from counter_app.ui import print_dispatch
from counter_app.ui.print_dispatch import (
    MSG_BAD_PAPER,
    MSG_BAD_PDF,
    MSG_NO_PRINTER,
    MSG_PREVIEW_CLOSED,
    MSG_PRINTER_REJECTING,
    MSG_PRINTER_STOPPED,
    MSG_SEND_FAILED,
    MSG_UNKNOWN_PRINTER,
    PaperFormat,
    PrintOutcome,
    available_printers,
    default_printer,
    preview_pdf,
    print_pdf,
)
from tests.ci import missing_part
from tests.ui.spooler import (
    QUEUE,
    assert_no_job,
    job_ids,
    job_name,
    run_cups,
    wait_for_output,
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SLIP_TEXT = "Giấy tiếp nhận hồ sơ — Nguyễn Thị Ngọc Hưởng"
A4_BARCODE = "H56.22-250701-0001"
RECEIPT_BARCODE = "H56-0001"  # short enough to fit 72 mm at 0.33 mm bars
MM_TOLERANCE = 1.5


# --- documents -----------------------------------------------------------------------------------


def _text_font() -> tuple[str, str]:
    """A font covering Vietnamese and the slip text, or Helvetica with plain ASCII."""
    if FONT.is_file():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
        return "DejaVuSans", SLIP_TEXT
    return "Helvetica", "Giay tiep nhan ho so"


def _slip_pdf(
    pagesizes: list[tuple[float, float]], barcode: str, *, margin: float = 15 * mm
) -> bytes:
    """Pages carrying the slip heading and a Code 128 of ``barcode``."""
    font, text = _text_font()
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer)
    for width, height in pagesizes:
        pdf.setPageSize((width, height))
        pdf.setFont(font, 9)
        pdf.drawString(margin / 3, height - 12 * mm, text)
        pdf.rect(margin / 3, height - 8 * mm, 10 * mm, 5 * mm, stroke=0, fill=1)  # top-left mark
        Code128(barcode, barWidth=0.33 * mm, barHeight=12 * mm).drawOn(
            pdf, margin / 3, height - 32 * mm
        )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _size_mm(document: Any, index: int) -> tuple[float, float]:
    width, height = document[index].get_size()
    return width / 72 * 25.4, height / 72 * 25.4


def _render(document: Any, index: int, dpi: int = 300) -> Any:
    return document[index].render(scale=dpi / 72).to_pil().convert("L")


def _barcodes(image: Any) -> list[str]:
    return [
        result.text
        for result in zxingcpp.read_barcodes(image)
        if result.format == zxingcpp.BarcodeFormat.Code128
    ]


def _assert_size(document: Any, index: int, width_mm: float, height_mm: float) -> None:
    width, height = _size_mm(document, index)
    assert abs(width - width_mm) <= MM_TOLERANCE, (width, height)
    assert abs(height - height_mm) <= MM_TOLERANCE, (width, height)


# --- printing for real ---------------------------------------------------------------------------


def test_input_slip_carries_the_vietnamese_text() -> None:
    assert FONT.is_file(), f"{FONT} is missing: the slip would print without Vietnamese text"
    document = pdfium.PdfDocument(_slip_pdf([A4], A4_BARCODE))
    assert SLIP_TEXT in document[0].get_textpage().get_text_bounded()


def test_printer_listing_matches_cups(cups_queue: str) -> None:
    assert cups_queue in available_printers()
    reported = run_cups("lpstat", "-d").stdout
    expected = reported.split(":", 1)[1].strip() if ":" in reported else None
    assert default_printer() == expected


def test_a4_slip_prints_scannable_on_the_queue(cups_queue: str) -> None:
    job = job_name()
    outcome = print_pdf(_slip_pdf([A4, A4], A4_BARCODE), printer_name=cups_queue, job_name=job)
    assert outcome == PrintOutcome(ok=True, printer=cups_queue, error=None, pages=2)
    printed = wait_for_output(job, pages=2)
    for index in range(2):
        _assert_size(printed, index, 210, 297)
    page = _render(printed, 0)
    assert page.getextrema()[0] < 64  # ink, not a blank page
    assert page.crop((0, 0, page.width // 3, page.height // 6)).getextrema()[0] < 64  # upright
    assert _barcodes(page) == [A4_BARCODE]


def test_default_printer_is_used_without_a_name(cups_queue: str) -> None:
    if default_printer() != cups_queue:
        missing_part(f"the default printer is {default_printer()!r}, not {cups_queue!r}")
    job = job_name()
    outcome = print_pdf(_slip_pdf([A5], A4_BARCODE), paper="a5", job_name=job)
    assert outcome.ok and outcome.printer == cups_queue
    printed = wait_for_output(job, pages=1)
    _assert_size(printed, 0, 148, 210)
    assert _render(printed, 0).getextrema()[0] < 64


def test_landscape_page_in_a_portrait_job_is_turned_not_flipped(cups_queue: str) -> None:
    job = job_name()
    outcome = print_pdf(
        _slip_pdf([A4, landscape(A4)], A4_BARCODE), printer_name=cups_queue, job_name=job
    )
    assert outcome.ok and outcome.pages == 2
    printed = wait_for_output(job, pages=2)
    _assert_size(printed, 0, 210, 297)
    _assert_size(printed, 1, 210, 297)  # one paper orientation for the whole job
    first = _render(printed, 0, dpi=100)
    top_left = first.crop((0, 0, first.width // 3, first.height // 6))
    bottom_right = first.crop((first.width // 2, first.height // 2, first.width, first.height))
    assert top_left.getextrema()[0] < 64
    assert bottom_right.getextrema()[0] > 200  # the portrait page was not turned upside down
    turned = _render(printed, 1)
    assert turned.getextrema()[0] < 64
    assert _barcodes(turned.rotate(-90, expand=True)) == [A4_BARCODE]


def test_80mm_receipt_is_80mm_wide_and_scannable_from_a_worker_thread(cups_queue: str) -> None:
    job = job_name()
    receipt = _slip_pdf([(80 * mm, 150 * mm)], RECEIPT_BARCODE, margin=12 * mm)
    with ThreadPoolExecutor(max_workers=1) as worker:  # as the window does
        outcome = worker.submit(
            print_pdf,
            receipt,
            printer_name=cups_queue,
            paper=PaperFormat.THERMAL_80MM,
            job_name=job,
        ).result(timeout=120)
    assert outcome == PrintOutcome(ok=True, printer=cups_queue, error=None, pages=1)
    printed = wait_for_output(job, pages=1)
    _assert_size(printed, 0, 80, 150)
    page = _render(printed, 0)
    assert page.getextrema()[0] < 64
    assert _barcodes(page) == [RECEIPT_BARCODE]


def test_80mm_roll_is_cut_at_the_tallest_page(cups_queue: str) -> None:
    job = job_name()
    receipt = _slip_pdf([(80 * mm, 120 * mm), (80 * mm, 90 * mm)], RECEIPT_BARCODE)
    outcome = print_pdf(receipt, printer_name=cups_queue, paper="80mm", job_name=job)
    assert outcome.ok and outcome.pages == 2
    printed = wait_for_output(job, pages=2)
    for index in range(2):
        _assert_size(printed, index, 80, 120)
        assert _render(printed, index, dpi=100).getextrema()[0] < 64


def test_a_page_painted_in_bands_shows_no_seam(cups_queue: str) -> None:
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.rect(20 * mm, 20 * mm, 170 * mm, 257 * mm, stroke=0, fill=1)  # black across every band
    pdf.showPage()
    pdf.save()
    job = job_name()
    assert print_pdf(buffer.getvalue(), printer_name=cups_queue, job_name=job).ok
    page = _render(wait_for_output(job, pages=1), 0)
    dots = 300 / 25.4
    inside = page.crop((int(30 * dots), int(30 * dots), int(180 * dots), int(267 * dots)))
    assert inside.getextrema()[1] < 64  # not one light row between two bands


def test_copies_are_sent_to_cups(cups_queue: str) -> None:
    job = job_name()
    jobs_before = job_ids()
    outcome = print_pdf(
        _slip_pdf([A4], A4_BARCODE), printer_name=cups_queue, job_name=job, copies=2
    )
    assert outcome.ok and outcome.pages == 1
    assert len(job_ids() - jobs_before) == 1  # one job, two copies
    printed = wait_for_output(job, pages=2)  # cups-pdf writes the copies into one file
    assert _render(printed, 1, dpi=100).getextrema()[0] < 64


# --- failures ------------------------------------------------------------------------------------


def test_unknown_queue_name_fails_in_vietnamese(qtbot: QtBot) -> None:
    outcome = print_pdf(_slip_pdf([A4], A4_BARCODE), printer_name="KhongCoMayIn")
    assert outcome == PrintOutcome(
        ok=False,
        printer="KhongCoMayIn",
        error=MSG_UNKNOWN_PRINTER.format(name="KhongCoMayIn"),
        pages=0,
    )
    # what is wrong and what to check; the screen that printed says the dossier is saved
    assert "KhongCoMayIn" in (outcome.error or "") and "lưu" not in (outcome.error or "")


NO_PRINTER_SCRIPT = """
import json, os
from PySide6.QtWidgets import QApplication
app = QApplication([])
from counter_app.ui.print_dispatch import available_printers, default_printer, print_pdf
outcome = print_pdf(bytes.fromhex(os.environ["SLIP_HEX"]))
print(json.dumps({"printers": available_printers(), "default": default_printer(),
                  "ok": outcome.ok, "printer": outcome.printer, "error": outcome.error}))
"""


def test_no_printer_installed_fails_in_vietnamese(tmp_path: Path) -> None:
    """A machine whose print system knows no printer (CUPS pointed at nothing)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CUPS_SERVER": str(tmp_path / "no-cupsd.sock"),
        "HOME": str(tmp_path),  # no ~/.cups/lpoptions default either
        "SLIP_HEX": _slip_pdf([A4], A4_BARCODE).hex(),
    }
    result = subprocess.run(
        [sys.executable, "-c", NO_PRINTER_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    reported = json.loads(result.stdout.strip().splitlines()[-1])
    assert reported == {
        "printers": [],
        "default": None,
        "ok": False,
        "printer": "",
        "error": MSG_NO_PRINTER,
    }


def test_stopped_queue_is_refused_and_nothing_is_queued(
    stopped_queue: str, caplog: pytest.LogCaptureFixture
) -> None:
    """cupsdisable: Qt reports QPrinterInfo.state() Error (CUPS printer-state 5, "paused").

    CUPS itself would still accept and hold the job until the queue is enabled, so printing
    later by surprise (and twice after a reprint); the job is refused up front instead.
    """
    job = job_name()
    jobs_before = job_ids()
    with caplog.at_level(logging.WARNING, logger=print_dispatch.__name__):
        outcome = print_pdf(_slip_pdf([A4], A4_BARCODE), printer_name=stopped_queue, job_name=job)
    assert outcome == PrintOutcome(
        ok=False,
        printer=stopped_queue,
        error=MSG_PRINTER_STOPPED.format(name=stopped_queue),
        pages=0,
    )
    assert "stopped or in error (Qt state Error, CUPS printer-state 5" in caplog.text
    assert_no_job(job, jobs_before)


def test_rejecting_queue_is_refused(rejecting_queue: str, caplog: pytest.LogCaptureFixture) -> None:
    """cupsreject: Qt still reports Idle; CUPS reports printer-is-accepting-jobs=false."""
    job = job_name()
    jobs_before = job_ids()
    with caplog.at_level(logging.WARNING, logger=print_dispatch.__name__):
        outcome = print_pdf(_slip_pdf([A4], A4_BARCODE), printer_name=rejecting_queue, job_name=job)
    assert outcome == PrintOutcome(
        ok=False,
        printer=rejecting_queue,
        error=MSG_PRINTER_REJECTING.format(name=rejecting_queue),
        pages=0,
    )
    assert "not accepting jobs (printer-is-accepting-jobs=false" in caplog.text
    assert_no_job(job, jobs_before)


def test_job_refused_by_cups_after_the_checks_is_reported(
    rejecting_queue: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The queue starts rejecting between the check and the submission.

    QPainter.end() still returns True (Qt ignores cupsPrintFile's result); the refusal is read
    from cupsLastError() on the printing thread: IPP 0x0506 client-error-not-accepting-jobs.
    """
    monkeypatch.setattr(print_dispatch, "queue_status", lambda _queue: None)
    job = job_name()
    jobs_before = job_ids()
    with caplog.at_level(logging.WARNING, logger=print_dispatch.__name__):
        outcome = print_pdf(_slip_pdf([A4], A4_BARCODE), printer_name=rejecting_queue, job_name=job)
    assert outcome == PrintOutcome(
        ok=False,
        printer=rejecting_queue,
        error=MSG_SEND_FAILED.format(name=rejecting_queue),
        pages=0,
    )
    assert "IPP status 0x0506" in caplog.text
    assert_no_job(job, jobs_before)


@pytest.mark.parametrize(
    "data",
    [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF", b"%PDF-1.4\n" + bytes(64)],
    ids=["empty", "text", "no-pages", "zeros"],
)
def test_corrupt_pdf_fails_in_vietnamese(qtbot: QtBot, data: bytes) -> None:
    outcome = print_pdf(data, printer_name=QUEUE)
    assert outcome.ok is False
    assert outcome.error == MSG_BAD_PDF
    assert outcome.pages == 0


def test_unknown_paper_fails_in_vietnamese(qtbot: QtBot) -> None:
    outcome = print_pdf(_slip_pdf([A4], A4_BARCODE), paper="letter")
    assert outcome == PrintOutcome(
        ok=False, printer="", error=MSG_BAD_PAPER.format(paper="letter"), pages=0
    )


# --- preview -------------------------------------------------------------------------------------


def _drive_preview(action: str, seen: dict[str, int]) -> Any:
    """Once the preview dialog shows, record its page count, then print or close it."""
    timer = qt_api.QtCore.QTimer()
    timer.setInterval(50)

    def poll() -> None:
        for dialog in qt_api.QtWidgets.QApplication.topLevelWidgets():
            if not (dialog.inherits("QPrintPreviewDialog") and dialog.isVisible()):
                continue
            previews = [
                child
                for child in dialog.findChildren(qt_api.QtWidgets.QWidget)
                if child.inherits("QPrintPreviewWidget")
            ]
            if not previews or previews[0].pageCount() == 0:
                return
            timer.stop()
            seen["pages"] = previews[0].pageCount()
            if action == "print":
                previews[0].print_()  # what Print does once its print dialog is accepted
                dialog.accept()
            else:
                dialog.reject()
            return

    timer.timeout.connect(poll)
    timer.start()
    return timer


def test_preview_shows_every_page_and_prints_them(cups_queue: str) -> None:
    seen: dict[str, int] = {}
    timer = _drive_preview("print", seen)
    job = job_name()
    outcome = preview_pdf(_slip_pdf([A4, A4], A4_BARCODE), printer_name=cups_queue, job_name=job)
    timer.stop()
    assert seen == {"pages": 2}
    assert outcome == PrintOutcome(ok=True, printer=cups_queue, error=None, pages=2)
    printed = wait_for_output(job, pages=2)
    assert _barcodes(_render(printed, 0)) == [A4_BARCODE]


def test_preview_closed_without_printing(cups_queue: str) -> None:
    seen: dict[str, int] = {}
    timer = _drive_preview("close", seen)
    job = job_name()
    jobs_before = job_ids()
    outcome = preview_pdf(
        _slip_pdf([(80 * mm, 120 * mm)], RECEIPT_BARCODE), paper="80mm", job_name=job
    )
    timer.stop()
    assert seen == {"pages": 1}
    assert outcome.ok is False and outcome.error == MSG_PREVIEW_CLOSED and outcome.pages == 0
    assert_no_job(job, jobs_before)


def test_preview_of_a_corrupt_pdf_opens_no_dialog(qtbot: QtBot) -> None:
    outcome = preview_pdf(b"%PDF-1.4 broken")
    assert outcome.ok is False and outcome.error == MSG_BAD_PDF
