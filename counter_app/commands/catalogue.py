"""``catalogue import|export|list|decision``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.commands.formatting import emit
from counter_app.i18n import _
from counter_app.station import Station

if TYPE_CHECKING:  # loaded with the command, not with the parser
    from counter_app.services.catalogue_preview import FilePreview

DECISION_SUFFIXES = (".docx",)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``catalogue`` and its actions."""
    parser = sub.add_parser("catalogue", help="the procedure catalogue")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="import procedures from JSON or XLSX, or a province's decision (DOCX/XLSX annex)",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument("--decision", default="", help="the decision's number, when the file lacks it")
    imp.add_argument(
        "--effective", type=date.fromisoformat, help="the day it takes effect (YYYY-MM-DD)"
    )
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=_import)
    exp = actions.add_parser("export", help="export the current catalogue to JSON or XLSX")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=_export)
    lst = actions.add_parser("list", help="list the current procedures")
    lst.add_argument(
        "--on", type=date.fromisoformat, help="the versions in force on this day (YYYY-MM-DD)"
    )
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_list)
    dec = actions.add_parser("decision", help="what a decision changed, procedure by procedure")
    dec.add_argument("number", help="the decision's number, e.g. 1234/QĐ-UBND")
    dec.add_argument("--json", action="store_true")
    dec.set_defaults(handler=_decision)
    con = actions.add_parser(
        "confirm-time", help="a leader confirms a procedure's time limit (a new version)"
    )
    con.add_argument("code")
    con.add_argument("amount", type=int, help="the limit; 0 with --same-day")
    con.add_argument("--unit", default="working_days", help="working_days, working_hours or days")
    con.add_argument("--same-day", action="store_true", help="same day, 15:00 cut-off")
    con.add_argument("--leader", required=True, help="the leader who confirms it")
    con.set_defaults(handler=_confirm_time)


def _is_decision(path: Path) -> bool:
    from counter_app.services.decision_files import is_decision_workbook

    suffix = path.suffix.lower()
    return suffix in DECISION_SUFFIXES or (suffix == ".xlsx" and is_decision_workbook(path))


def _import(station: Station, args: argparse.Namespace) -> int:
    if _is_decision(args.file):
        return _import_decision(station, args)
    from counter_app.services.catalogue_io import load_catalogue  # not at start-up

    specs = load_catalogue(args.file)
    summary = station.preview_catalogue(specs) if args.dry_run else station.import_catalogue(specs)
    data = {"added": summary.added, "changed": summary.changed, "unchanged": summary.unchanged}
    verb = "would add" if args.dry_run else "added"
    emit(
        args,
        data,
        f"{verb} {len(summary.added)}, new versions {len(summary.changed)}, "
        f"unchanged {len(summary.unchanged)}",
    )
    return 0


def _import_decision(station: Station, args: argparse.Namespace) -> int:
    """A province's decision: the preview per procedure, then (unless --dry-run) the import."""
    from counter_app.services.decision_import import read_decision

    source = read_decision(args.file)
    preview = station.preview_decision(source, number=args.decision, effective=args.effective)
    if not args.dry_run:
        station.import_catalogue(preview.specs)
    emit(args, _decision_json(preview, written=not args.dry_run), _decision_text(preview, args))
    return 0


def _decision_json(preview: FilePreview, *, written: bool) -> dict[str, Any]:
    decision = preview.decision
    assert decision is not None
    return {
        "decision": {
            "number": decision.number,
            "signed_on": decision.signed_on.isoformat() if decision.signed_on else None,
            "effective_from": decision.effective_from.isoformat()
            if decision.effective_from
            else None,
            "title": decision.title,
        },
        "written": written,
        "procedures": [
            {
                "code": row.code,
                "name": row.name,
                "change": row.change,
                "fields": list(row.fields),
                "notes": list(row.notes),
                "pause_grounds": [
                    {"ground": g.ground, "phrase": g.phrase, "column": g.column}
                    for g in row.grounds
                ],
            }
            for row in preview.rows
        ],
    }


def _decision_text(preview: FilePreview, args: argparse.Namespace) -> str:
    decision = preview.decision
    assert decision is not None and decision.effective_from is not None
    lines = [f"{preview.file}: {decision.label()}, effective {decision.effective_from.isoformat()}"]
    for row in preview.rows:
        fields = f" ({', '.join(row.fields)})" if row.fields else ""
        lines.append(f"  {row.change:<10} {row.code:<12} {row.name}{fields}")
        lines.extend(
            f"      pause ground {g.ground}: «{g.phrase}» ({g.column})" for g in row.grounds
        )
        lines.extend(f"      ! {note}" for note in row.notes)
    counts = {kind: sum(1 for row in preview.rows if row.change == kind) for kind in _KINDS}
    summary = ", ".join(f"{kind} {n}" for kind, n in counts.items())
    lines.append(("nothing written (--dry-run): " if args.dry_run else "written: ") + summary)
    return "\n".join(lines)


_KINDS = ("added", "changed", "abolished", "unchanged", "ignored")


def _export(station: Station, args: argparse.Namespace) -> int:
    from counter_app.services.catalogue_io import dump_catalogue  # not at start-up

    entries = station.catalogue()
    dump_catalogue([entry.spec for entry in entries], args.file)
    print(f"exported {len(entries)} procedures to {args.file}")
    return 0


def _decision(station: Station, args: argparse.Namespace) -> int:
    changes = station.decision_changes(args.number)
    data = [
        {
            "code": change.code,
            "name": change.name,
            "version": change.version,
            "change": change.change,
            "fields": list(change.fields),
            "effective_from": change.effective_from.isoformat() if change.effective_from else None,
        }
        for change in changes
    ]
    lines = [
        f"{c.change:<10} {c.code:<12} v{c.version:<3} from {c.effective_from}  {c.name}"
        + (f" ({', '.join(c.fields)})" if c.fields else "")
        for c in changes
    ]
    emit(args, data, "\n".join(lines))
    return 0


def _confirm_time(station: Station, args: argparse.Namespace) -> int:
    summary = station.confirm_time_limit(
        args.code, amount=args.amount, unit=args.unit, same_day=args.same_day, leader=args.leader
    )
    print(f"{args.code}: new version stored" if summary.writes else f"{args.code}: unchanged")
    return 0


def _list(station: Station, args: argparse.Namespace) -> int:
    entries = station.offered_catalogue(args.on) if args.on else station.catalogue()
    data = [
        {
            "code": e.spec.code,
            "version": e.version,
            "name": e.spec.name,
            "field": e.spec.field,
            "time": f"{e.spec.time_amount} {e.spec.time_unit}",
            "status": e.spec.status,
            "source": _(e.spec.source) if not e.spec.decision else e.spec.source,
            "effective_from": e.spec.effective_from.isoformat() if e.spec.effective_from else None,
            "sources": dict(e.spec.sources),
            "unconfirmed": list(e.spec.unconfirmed),
        }
        for e in entries
    ]
    mark = "  " + _("(chưa xác minh)")
    lines = [
        f"{d['code']:<12} v{d['version']:<3} {d['name']}{mark if d['unconfirmed'] else ''}"
        for d in data
    ]
    emit(args, data, "\n".join(lines))
    return 0
