"""Printing a dossier's form: build it, send it, and log the attempt on the dossier.

Runs in a worker thread (never on the GUI thread). The dossier is already saved when this runs;
a failed print is recorded as such and the clerk reprints from the dossier at any time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from counter_app.domain.access import Via
from counter_app.printing.model import FormKind, Paper
from counter_app.services.step_types import PrintJob
from counter_app.station import Station

if TYPE_CHECKING:  # Qt's print support and pypdfium2 load with the first print
    from counter_app.ui.print_dispatch import PrintOutcome


@dataclass(frozen=True)
class PrintRequest:
    """What to print and where (printer None: the station's setting, else the default)."""

    kind: FormKind
    code: str
    paper: Paper | None = None  # None: the station's slip format for slips and receipts, else A4
    copies: int = 1
    printer: str | None = None


def print_form(station: Station, request: PrintRequest, *, actor: str) -> PrintOutcome:
    """Build the form, hand it to the spooler and record a ``printed`` event either way."""
    from counter_app.printing.forms import render  # reportlab loads on the first print

    settings = station.settings()
    paper = request.paper or _station_paper(request.kind, settings["slip_format"])
    sheet = station.sheet(request.kind, request.code, actor=actor, via=Via.GUI)
    pdf = render(request.kind, sheet, paper=paper, copies=request.copies)
    printer = request.printer or settings["printer"] or None
    outcome = print_pdf(
        pdf,
        printer_name=printer,
        paper=paper.value,
        job_name=f"{request.kind.value} {request.code}",
    )
    job = PrintJob(
        kind=request.kind.value,
        paper=paper.value,
        printer=outcome.printer,
        ok=outcome.ok,
        error=outcome.error,
        copies=request.copies,
    )
    station.record_print(request.code, job, actor=actor)
    return outcome


def print_pdf(pdf: bytes, *, printer_name: str | None, paper: str, job_name: str) -> PrintOutcome:
    """Hand ``pdf`` to Qt's print path, which loads with the first print."""
    from counter_app.ui import print_dispatch

    return print_dispatch.print_pdf(pdf, printer_name=printer_name, paper=paper, job_name=job_name)


def _station_paper(kind: FormKind, slip_format: str) -> Paper:
    """Slips and receipts follow the station's slip format; other forms print on A4."""
    if kind in (FormKind.SLIP, FormKind.RECEIPT):
        return Paper(slip_format)
    return Paper.A4
