"""``catalogue import|export|list``."""

from __future__ import annotations

import argparse
from pathlib import Path

from counter_app.commands.formatting import emit
from counter_app.i18n import _
from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``catalogue`` and its actions."""
    parser = sub.add_parser("catalogue", help="the procedure catalogue")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="import procedures from JSON or XLSX (all or nothing)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=_import)
    exp = actions.add_parser("export", help="export the current catalogue to JSON or XLSX")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=_export)
    lst = actions.add_parser("list", help="list the current procedures")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=_list)


def _import(station: Station, args: argparse.Namespace) -> int:
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


def _export(station: Station, args: argparse.Namespace) -> int:
    from counter_app.services.catalogue_io import dump_catalogue  # not at start-up

    entries = station.catalogue()
    dump_catalogue([entry.spec for entry in entries], args.file)
    print(f"exported {len(entries)} procedures to {args.file}")
    return 0


def _list(station: Station, args: argparse.Namespace) -> int:
    entries = station.catalogue()
    data = [
        {
            "code": e.spec.code,
            "version": e.version,
            "name": e.spec.name,
            "field": e.spec.field,
            "time": f"{e.spec.time_amount} {e.spec.time_unit}",
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
