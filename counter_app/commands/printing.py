"""``print KIND CODE -o FILE.pdf`` and ``print register --from --to -o FILE.pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.commands.formatting import parse_day
from counter_app.domain.access import Via
from counter_app.domain.errors import InvalidInput
from counter_app.printing.model import FormKind, Paper
from counter_app.private_file import replace_private
from counter_app.station import Station

THERMAL_KINDS = {FormKind.SLIP, FormKind.RECEIPT}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``print``."""
    parser = sub.add_parser("print", help="write a form of a dossier (or the register) to PDF")
    parser.add_argument("kind", choices=[kind.value for kind in FormKind])
    parser.add_argument("code", nargs="?", help="dossier code (not for register)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    parser.add_argument("--format", choices=[paper.value for paper in Paper], default="a4")
    parser.add_argument("--copies", type=int, choices=[1, 2], default=1, help="liên (slip)")
    parser.add_argument("--from", dest="period_from", help="register: first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="period_to", help="register: last day, YYYY-MM-DD")
    parser.set_defaults(handler=_print)


def _print(station: Station, args: argparse.Namespace) -> int:
    kind, paper = FormKind(args.kind), Paper(args.format)
    if paper is Paper.THERMAL_80MM and kind not in THERMAL_KINDS:
        raise InvalidInput(f"--format 80mm is for the slip and the receipt, not {kind.value}")
    from counter_app.printing.forms import render  # reportlab loads only when printing
    from counter_app.services.step_types import PrintJob  # not while the parser is built

    if kind is FormKind.REGISTER:
        if not (args.period_from and args.period_to):
            raise InvalidInput("print register needs --from and --to")
        period = parse_day(args.period_from), parse_day(args.period_to)
        sheet = station.register_sheet(*period, actor=args.actor, via=Via.CLI)
        _write(args.output, render(kind, sheet, paper=paper))
        print(f"register written to {args.output}")
        return 0
    if not args.code:
        raise InvalidInput(f"print {kind.value} needs a dossier code")
    pdf = render(
        kind,
        station.sheet(kind, args.code, actor=args.actor, via=Via.CLI),
        paper=paper,
        copies=args.copies,
    )
    job = PrintJob(kind.value, paper.value, f"file:{args.output}", ok=True, copies=args.copies)
    try:
        _write(args.output, pdf)
    except OSError as error:
        failed = PrintJob(kind.value, paper.value, job.printer, ok=False, error=str(error))
        station.record_print(args.code, failed, actor=args.actor)
        raise InvalidInput(f"{args.output}: cannot write ({error.strerror})") from None
    station.record_print(args.code, job, actor=args.actor)
    print(f"{kind.value} of {args.code} written to {args.output}")
    return 0


def _write(path: Path, data: bytes) -> None:
    replace_private(path, data)  # a form names its applicant: readable by its owner only
