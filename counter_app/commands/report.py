"""``report --from YYYY-MM-DD --to YYYY-MM-DD [--field TEXT] --format xlsx|pdf|json [-o FILE]``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from counter_app.commands.formatting import parse_day
from counter_app.domain.errors import InvalidInput
from counter_app.private_file import replace_private
from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``report``."""
    parser = sub.add_parser(
        "report", help="period statistics (QĐ 766) and the pause audit, as XLSX, PDF or JSON"
    )
    parser.add_argument("--from", dest="period_from", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="period_to", required=True, help="last day, YYYY-MM-DD")
    parser.add_argument("--field", help="only this field (lĩnh vực)")
    parser.add_argument("--format", choices=["xlsx", "pdf", "json"], default="json")
    parser.add_argument("-o", "--output", type=Path, help="file to write (json: stdout if none)")
    parser.set_defaults(handler=run)


def run(station: Station, args: argparse.Namespace) -> int:
    """Build the report and write it."""
    first, last = parse_day(args.period_from), parse_day(args.period_to)
    if last < first:
        raise InvalidInput("--to must not be before --from")
    from counter_app.reports import report_json  # not at start-up
    from counter_app.services.statistics import period_report  # SQLAlchemy: not at start-up

    report = period_report(station, first, last, args.field)
    pauses = station.pause_audit(first, last)
    if args.format == "json":
        from counter_app.reports.pauses import audit_json

        document = report_json(report) | {"pause_audit": audit_json(pauses)}
        text = json.dumps(document, ensure_ascii=False, indent=2)
        if args.output is None:
            print(text)
            return 0
        data = text.encode()
    elif args.output is None:
        raise InvalidInput(f"report --format {args.format} needs -o FILE")
    elif args.format == "xlsx":
        from counter_app.reports.xlsx import xlsx_bytes

        data = xlsx_bytes(report, pauses)
    else:
        from counter_app.reports.pdf import pdf_bytes

        data = pdf_bytes(report)
    replace_private(args.output, data)  # the pause audit lists dossiers: owner only
    print(f"report written to {args.output}")
    return 0
