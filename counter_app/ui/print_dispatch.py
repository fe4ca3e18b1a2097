"""Send an already-built PDF to a real printer through Qt print support.

QtPdf is not part of PySide6-Essentials, so each PDF page is rendered with pypdfium2 at the
printer's resolution (300 dpi on A4/A5, 203 dpi on an 80 mm thermal roll), one page at a time,
and painted onto a ``QPrinter`` scaled to the paper.

Printing never raises and never blocks the dossier: the dossier is saved before printing is
attempted, so every failure (no printer, unknown queue, stopped or rejecting queue, a job CUPS
refused, a corrupt PDF) comes back as ``PrintOutcome(ok=False, error=<Vietnamese reason for
the clerk>)`` with the precise English reason in the log, and the clerk simply prints again.

``print_pdf`` talks to the print spooler and rasterises pages, which takes seconds: callers run
it in a worker thread, never on the GUI thread. ``preview_pdf`` opens a dialog and therefore
runs on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from enum import StrEnum

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PySide6.QtCore import QCoreApplication, QRectF, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from counter_app.i18n import N_, _
from counter_app.ui.cups import IPP_ERROR_FIRST, last_error, queue_status

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4
THERMAL_WIDTH_MM = 80.0

# What the clerk reads: what is wrong and what to check, in one sentence. The screen that
# printed adds that the dossier is saved and offers the reprint (``ui/print_offer.py``).
MSG_NO_PRINTER = N_("không tìm thấy máy in nào trên máy tính này; hãy cài đặt hoặc bật máy in")
MSG_UNKNOWN_PRINTER = N_(
    "không tìm thấy máy in “{name}”; hãy kiểm tra máy in đã bật và cắm dây, "
    "hoặc nhờ quản trị viên chọn lại máy in"
)
MSG_PRINTER_STOPPED = N_(
    "máy in “{name}” đang tạm dừng hoặc báo lỗi; hãy kiểm tra nguồn điện, giấy, mực, kẹt giấy"
)
MSG_PRINTER_REJECTING = N_(
    "máy in “{name}” đang không nhận lệnh in; hãy nhờ quản trị viên bật lại hàng đợi máy in"
)
MSG_SEND_FAILED = N_("không gửi được lệnh in tới máy in “{name}”; hãy kiểm tra máy in")
MSG_BAD_PDF = N_(
    "không đọc được tài liệu cần in (tệp PDF bị hỏng); nếu in lại vẫn lỗi, hãy báo quản trị viên"
)
MSG_BAD_PAPER = N_(
    "khổ giấy “{paper}” không được hỗ trợ; hãy nhờ quản trị viên chọn khổ A4, A5 hoặc 80 mm"
)
MSG_UNEXPECTED = N_("lỗi không xác định khi in; nếu in lại vẫn lỗi, hãy báo quản trị viên")
MSG_PREVIEW_CLOSED = N_("đã đóng bản xem trước mà không in")


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one print request."""

    ok: bool
    printer: str  # the queue name used ("" if none)
    error: str | None  # when not ok, for the clerk: what is wrong and what to check
    pages: int  # pages handed to the printer (0 when nothing was sent)


class PaperFormat(StrEnum):
    """Paper a PDF is printed on (same values as ``counter_app.printing.model.Paper``)."""

    A4 = "a4"
    A5 = "a5"
    THERMAL_80MM = "80mm"


BAND_ROWS = 128  # rows of a rendered page painted per call (see _draw_in_bands)
_DPI = {PaperFormat.A4: 300, PaperFormat.A5: 300, PaperFormat.THERMAL_80MM: 203}
_STANDARD_SIZES = {PaperFormat.A4: QPageSize.PageSizeId.A4, PaperFormat.A5: QPageSize.PageSizeId.A5}


class _PrintFailure(Exception):
    """A printing problem: an English reason for the log and a sentence for the clerk."""

    def __init__(self, reason: str, message: str, printer: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message
        self.printer = printer

    def outcome(self) -> PrintOutcome:
        """The failed outcome, logged."""
        log.warning("printing failed (printer %r): %s", self.printer, self.reason)
        return PrintOutcome(ok=False, printer=self.printer, error=self.message, pages=0)


# --- printers ------------------------------------------------------------------------------------


def available_printers() -> list[str]:
    """Queue names of the printers installed on this machine."""
    return [str(name) for name in QPrinterInfo.availablePrinterNames()]


def default_printer() -> str | None:
    """The system default printer's queue name, or None when there is none."""
    info = QPrinterInfo.defaultPrinter()
    return None if info.isNull() else info.printerName()


def _resolve_printer(printer_name: str | None) -> QPrinterInfo:
    """The chosen printer (or the default), checked to exist, be ready and accept jobs."""
    if printer_name:
        if printer_name not in available_printers():
            raise _PrintFailure(
                f"no printer queue named {printer_name!r} (installed: {available_printers()})",
                _(MSG_UNKNOWN_PRINTER).format(name=printer_name),
                printer_name,
            )
        info = QPrinterInfo.printerInfo(printer_name)
    else:
        info = QPrinterInfo.defaultPrinter()
    if info.isNull():
        if printer_name:
            raise _PrintFailure(
                f"printer queue {printer_name!r} could not be opened",
                _(MSG_UNKNOWN_PRINTER).format(name=printer_name),
                printer_name,
            )
        raise _PrintFailure("no printer is installed and there is no default", _(MSG_NO_PRINTER))
    name = info.printerName()
    state = info.state()
    status = queue_status(name)
    if state in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        detail = f", CUPS printer-state {status.state} ({status.reasons})" if status else ""
        raise _PrintFailure(
            f"printer {name!r} is stopped or in error (Qt state {state.name}{detail})",
            _(MSG_PRINTER_STOPPED).format(name=name),
            name,
        )
    if status is not None:
        if status.accepting is False:
            raise _PrintFailure(
                f"CUPS queue {name!r} is not accepting jobs (printer-is-accepting-jobs=false, "
                f"reasons {status.reasons})",
                _(MSG_PRINTER_REJECTING).format(name=name),
                name,
            )
        if status.state == "5":
            raise _PrintFailure(
                f"CUPS queue {name!r} is stopped (printer-state 5, reasons {status.reasons})",
                _(MSG_PRINTER_STOPPED).format(name=name),
                name,
            )
        if "offline" in status.reasons:
            # Not refused: CUPS keeps the job and retries, and the reason only clears on the
            # next job once the printer is back, so refusing here could block printing forever.
            log.warning("printer %r last reported offline (%s)", name, status.reasons)
    return info


# --- pages ---------------------------------------------------------------------------------------


def _paper(paper: str) -> PaperFormat:
    """The paper format named by a setting value."""
    try:
        return PaperFormat(paper.strip().lower())
    except ValueError:
        raise _PrintFailure(
            f"unknown paper {paper!r}", _(MSG_BAD_PAPER).format(paper=paper)
        ) from None


class _Pages:
    """An open PDF whose pages are all loadable, with each page's size in points."""

    def __init__(self, pdf: bytes) -> None:
        try:
            self.document = pdfium.PdfDocument(bytes(pdf))
        except Exception as error:
            raise _PrintFailure(f"the PDF cannot be opened: {error}", _(MSG_BAD_PDF)) from None
        self.sizes: list[tuple[float, float]] = []
        try:
            for index in range(len(self.document)):
                page = self.document[index]
                width, height = page.get_size()
                page.close()
                if width <= 0 or height <= 0:
                    raise ValueError(f"page {index + 1} has an empty size")
                self.sizes.append((float(width), float(height)))
        except Exception as error:
            self.close()
            raise _PrintFailure(
                f"the PDF has an unreadable page: {error}", _(MSG_BAD_PDF)
            ) from None
        if not self.sizes:
            self.close()
            raise _PrintFailure("the PDF has no pages", _(MSG_BAD_PDF))

    def close(self) -> None:
        """Release the document."""
        self.document.close()


@dataclass(frozen=True)
class _Sheet:
    """How one PDF page goes on paper: the page size, orientation and rotation of the image."""

    size: QPageSize
    landscape: bool
    rotation: int  # degrees clockwise applied when rendering (0, 90 or 270)


def _sheets(paper: PaperFormat, sizes: list[tuple[float, float]]) -> list[_Sheet]:
    """One sheet per page, all of one size and orientation (CUPS sets both per job).

    Qt sends CUPS the last page's ``media`` and ``landscape`` for the whole job, so A4/A5 keep
    the first page's orientation and a page that differs is rendered turned a quarter instead,
    exactly as a printer turns a landscape page onto portrait paper. An 80 mm roll is cut at the
    tallest page's height (a custom page size in millimetres), shorter pages sit at the top.
    """
    if paper is PaperFormat.THERMAL_80MM:
        height_mm = round(max(height for _w, height in sizes) / POINTS_PER_INCH * MM_PER_INCH, 1)
        roll = QPageSize(
            QSizeF(THERMAL_WIDTH_MM, height_mm),
            QPageSize.Unit.Millimeter,
            f"80 x {height_mm:g} mm",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        return [_Sheet(roll, landscape=False, rotation=0) for _size in sizes]
    first_width, first_height = sizes[0]
    landscape = first_width > first_height
    size = QPageSize(_STANDARD_SIZES[paper])
    sheets = []
    for width, height in sizes:
        turned = (width > height) != landscape
        rotation = (90 if landscape else 270) if turned else 0
        sheets.append(_Sheet(size, landscape=landscape, rotation=rotation))
    return sheets


def _apply_sheet(printer: QPrinter, sheet: _Sheet) -> None:
    """Set the printer's paper and orientation for the next page."""
    if not printer.setPageSize(sheet.size):
        log.warning("printer %r refused page size %s", printer.printerName(), sheet.size.name())
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape if sheet.landscape else QPageLayout.Orientation.Portrait
    )


def _render(pages: _Pages, index: int, dpi: int, rotation: int) -> tuple[QImage, object]:
    """One page as an 8-bit grey image at ``dpi``, with the bitmap that owns its pixels.

    The forms are black on white, so grey loses nothing on paper, and it is a third of the
    pixels of colour: the printer engine compresses the page inside ``QPainter.end()`` holding
    Python's lock, about 220 ms for an A4 page in colour, which froze the window after each
    accept.
    """
    page = pages.document[index]
    try:
        bitmap = page.render(
            scale=dpi / POINTS_PER_INCH,
            rotation=rotation,
            grayscale=True,
            fill_color=(255, 255, 255, 255),
        )
    finally:
        page.close()
    if bitmap.mode != "L":
        raise _PrintFailure(f"unexpected bitmap mode {bitmap.mode!r}", _(MSG_UNEXPECTED))
    image = QImage(
        memoryview(bitmap.buffer).cast("B"),
        bitmap.width,
        bitmap.height,
        bitmap.stride,
        QImage.Format.Format_Grayscale8,
    )
    return image, bitmap


def _paint_pages(printer: QPrinter, pages: _Pages, paper: PaperFormat) -> None:
    """Paint every page onto ``printer``, one rendered page at a time."""
    dpi = _DPI[paper]
    sheets = _sheets(paper, pages.sizes)
    _apply_sheet(printer, sheets[0])
    name = printer.printerName()
    painter = QPainter()
    if not painter.begin(printer):
        raise _PrintFailure(
            f"QPainter.begin() failed on printer {name!r}",
            _(MSG_SEND_FAILED).format(name=name),
            name,
        )
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for index, sheet in enumerate(sheets):
            if index and not printer.newPage():
                raise _PrintFailure(
                    f"QPrinter.newPage() failed before page {index + 1}",
                    _(MSG_SEND_FAILED).format(name=name),
                    name,
                )
            image, bitmap = _render(pages, index, dpi, sheet.rotation)
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            scale = min(target.width() / image.width(), target.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            left = target.left() + (target.width() - width) / 2
            _draw_in_bands(painter, image, QRectF(left, target.top(), width, height))
            del image, bitmap  # bounded: only one rendered page alive at a time
    except BaseException:
        # Qt's PDF/CUPS engine cannot abort: ending still spools the pages painted so far.
        if not printer.abort():
            log.warning("could not abort the job on %r; earlier pages may print", name)
        painter.end()
        raise
    if not painter.end():
        raise _PrintFailure(
            f"QPainter.end() failed on printer {name!r} (the job was not spooled)",
            _(MSG_SEND_FAILED).format(name=name),
            name,
        )


def _draw_in_bands(painter: QPainter, image: QImage, target: QRectF) -> None:
    """Paint ``image`` into ``target`` a band of rows at a time, yielding between bands.

    One drawImage call holds Python's interpreter lock until Qt has converted and compressed
    the whole image (about half a second for an A4 page at 300 dpi), which would freeze the
    window while a slip prints. Bands alone were not enough: the printing thread took the lock
    straight back after each call, and the GUI thread waited for the whole page (80 to 130 ms
    measured); ``time.sleep(0)`` after each band hands the lock over. Neighbouring bands share
    their edge exactly, so the page looks as if drawn at once.
    """
    scale = target.height() / image.height()
    for top in range(0, image.height(), BAND_ROWS):
        rows = min(BAND_ROWS, image.height() - top)
        band = QRectF(target.left(), target.top() + top * scale, target.width(), rows * scale)
        painter.drawImage(band, image, QRectF(0, top, image.width(), rows))
        time.sleep(0)  # let a thread waiting for Python's lock (the GUI) run


def _make_printer(info: QPrinterInfo, paper: PaperFormat, pages: _Pages, job: str) -> QPrinter:
    """A printer for ``info`` set up for this document's first page, full-page, at paper dpi."""
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setResolution(_DPI[paper])
    printer.setFullPage(True)
    printer.setDocName(job)
    printer.setColorMode(
        QPrinter.ColorMode.GrayScale
        if paper is PaperFormat.THERMAL_80MM
        else QPrinter.ColorMode.Color
    )
    _apply_sheet(printer, _sheets(paper, pages.sizes)[0])
    return printer


def _check_submitted(printer: QPrinter) -> None:
    """Raise when CUPS refused the job Qt just submitted from this thread."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.outputFileName():
        return
    status = last_error()
    if status is not None and status[0] >= IPP_ERROR_FIRST:
        name = printer.printerName()
        raise _PrintFailure(
            f"CUPS refused the job for {name!r}: IPP status 0x{status[0]:04x} {status[1]}",
            _(MSG_SEND_FAILED).format(name=name),
            name,
        )


def _qt_ready() -> None:
    """Raise when there is no Qt GUI application (print support needs one)."""
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        raise _PrintFailure("no QGuiApplication exists; printing needs one", _(MSG_UNEXPECTED))


# --- public API ----------------------------------------------------------------------------------


def _failed(error: Exception, name: str, doing: str) -> PrintOutcome:
    """The failed outcome for ``error`` (call inside the ``except`` so the log has the trace)."""
    if isinstance(error, _PrintFailure):
        return _PrintFailure(error.reason, error.message, error.printer or name).outcome()
    log.exception("unexpected error while %s %r", doing, name)
    return _PrintFailure(f"unexpected {error!r}", _(MSG_UNEXPECTED), name).outcome()


def print_pdf(
    pdf: bytes,
    *,
    printer_name: str | None = None,
    paper: str = "a4",
    job_name: str = "Counter",
    copies: int = 1,
) -> PrintOutcome:
    """Print ``pdf`` without a dialog on ``printer_name`` (or the system default printer).

    Run this in a worker thread, never on the GUI thread: it waits on the spooler and renders
    each page at the printer's resolution. It never raises for a printing problem; the dossier
    was saved before, so a failed outcome only asks the clerk to print again. ``ok`` means the
    spooler took the job; a printer that jams afterwards stops its queue, and the next
    ``print_pdf`` on it reports that.
    """
    name = printer_name or ""
    pages: _Pages | None = None
    try:
        _qt_ready()
        fmt = _paper(paper)
        pages = _Pages(pdf)
        info = _resolve_printer(printer_name)
        name = info.printerName()
        printer = _make_printer(info, fmt, pages, job_name)
        printer.setCopyCount(max(1, copies))
        queue_status(name)  # resets this thread's CUPS status before Qt submits the job
        _paint_pages(printer, pages, fmt)
        _check_submitted(printer)
    except Exception as error:  # every printing problem becomes an outcome, never a raise
        return _failed(error, name, "printing on")
    finally:
        if pages is not None:
            pages.close()
    count = len(pages.sizes)
    log.info("printed %d page(s) x%d on %r as %r", count, max(1, copies), name, job_name)
    return PrintOutcome(ok=True, printer=name, error=None, pages=count)


def preview_pdf(
    pdf: bytes,
    *,
    parent: QWidget | None = None,
    paper: str = "a4",
    printer_name: str | None = None,
    job_name: str = "Counter",
) -> PrintOutcome:
    """Show ``pdf`` in a print preview (GUI thread); ``ok`` says whether the user printed it.

    The preview paints the same rendered pages as ``print_pdf``; failures never raise.
    """
    name = printer_name or ""
    pages: _Pages | None = None
    failures: list[_PrintFailure] = []
    try:
        _qt_ready()
        fmt = _paper(paper)
        pages = _Pages(pdf)
        info = _resolve_printer(printer_name)
        name = info.printerName()
        printer = _make_printer(info, fmt, pages, job_name)
        opened = pages

        def paint(target: QPrinter) -> None:
            # Called for the preview and, when the user prints, for the real printer.
            failures.clear()
            try:
                _paint_pages(target, opened, fmt)
                _check_submitted(target)
            except _PrintFailure as failure:
                failures.append(failure)
            except Exception as error:
                log.exception("unexpected error while painting the preview")
                failures.append(_PrintFailure(f"unexpected {error!r}", _(MSG_UNEXPECTED), name))

        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(_("Xem trước khi in"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.paintRequested.connect(paint)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        name = printer.printerName() or name
        dialog.deleteLater()
    except Exception as error:
        return _failed(error, name, "previewing for")
    finally:
        if pages is not None:
            pages.close()
    if not accepted:
        log.info("print preview closed without printing")
        return PrintOutcome(ok=False, printer=name, error=_(MSG_PREVIEW_CLOSED), pages=0)
    if failures:
        return _PrintFailure(failures[-1].reason, failures[-1].message, name).outcome()
    log.info("printed %d page(s) from the preview on %r", len(pages.sizes), name)
    return PrintOutcome(ok=True, printer=name, error=None, pages=len(pages.sizes))
