"""``init``: make this PC a station of an agency."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from counter_app.commands.formatting import emit
from counter_app.commands.keys import show_recovery_key
from counter_app.i18n import C_, NC_, _
from counter_app.private_file import write_private
from counter_app.station import Station

DEMO_PASSWORD = "demo-2026"
DEMO_USERS = (
    ("canbo", "Lê Văn Đạt", "clerk"),
    ("lanhdao", "Trần Quốc Vượng", "leader"),
    ("quantri", "Nguyễn Thị Mai", "admin"),
)
ROLE_NAMES = {  # the same words as the users screen's
    "clerk": NC_("role", "Cán bộ tiếp nhận"),
    "leader": NC_("role", "Lãnh đạo"),
    "admin": NC_("role", "Quản trị"),
}
DEMO_AGENCY = {
    "agency_code": "000.00.22.H56",
    "agency_name": "Trung tâm Phục vụ hành chính công phường Hạc Thành",
    "parent_name": "UBND PHƯỜNG HẠC THÀNH",
    "place_name": "Hạc Thành",
    "slot": 0,
    "station_name": "Quầy 1",
}
DEMO_SETTINGS = {"contact_phone": "0237 3852 111", "leader_name": "Trần Quốc Vượng"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``init``."""
    init = sub.add_parser("init", help="set up this station (agency code and name, slot)")
    init.add_argument("--agency-code", required=True, help="QCVN 102 code, e.g. 000.17.22.H56")
    init.add_argument("--agency-name", required=True)
    init.add_argument("--parent-name", default="", help="the parent body printed above the agency")
    init.add_argument("--place-name", default="", help="place printed before the date on forms")
    init.add_argument("--slot", type=int, required=True, help="this station's sequence slot, 0-9")
    init.add_argument("--station-name", default="")
    init.add_argument(
        "--recovery-sheet", type=Path, help="write the recovery key's sheet (PDF) here to print"
    )
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=_init, shows_recovery=True)

    demo = sub.add_parser(
        "demo", help="set up a demo station with realistic dossiers, then open it"
    )
    demo.add_argument("--dossiers", type=int, default=300, help="how many dossiers (first run)")
    demo.add_argument("--no-window", action="store_true", help="set up and summarise only")
    demo.set_defaults(handler=_demo)


def _init(station: Station, args: argparse.Namespace) -> int:
    identity = station.initialise(
        agency_code=args.agency_code,
        agency_name=args.agency_name,
        slot=args.slot,
        parent_name=args.parent_name,
        place_name=args.place_name,
        station_name=args.station_name,
    )
    recovery_key = station.pending_recovery_key()
    data: dict[str, object] = {
        "station_id": identity.station_id,
        "agency_code": identity.agency_code,
        "slot": identity.slot,
    }
    if args.json and recovery_key is not None:
        data["recovery_key"] = recovery_key
    emit(
        args,
        data,
        f"Station {identity.station_name} of {identity.agency_name} ({identity.agency_code}), "
        f"slot {identity.slot}, data in {station.data_dir}",
    )
    if recovery_key is not None:
        if args.json:
            if args.recovery_sheet is not None:
                write_private(args.recovery_sheet, station.recovery_sheet(recovery_key))
            station.recovery_key_shown()
        else:
            show_recovery_key(station, recovery_key, args.recovery_sheet)
    return 0


def _demo(station: Station, args: argparse.Namespace) -> int:
    if station.identity is None:
        station.initialise(**DEMO_AGENCY)  # type: ignore[arg-type]
        for key, value in DEMO_SETTINGS.items():  # forms 02, 04 and 05 print with them
            station.set_setting(key, value)
        for username, full_name, role in DEMO_USERS:
            station.create_user(
                username=username, full_name=full_name, role=role, password=DEMO_PASSWORD
            )
        from counter_app.services.demo import DemoPlanner  # SQLAlchemy: not at start-up

        count = max(0, min(args.dossiers, 5000))
        created = DemoPlanner(station, count=count, now=datetime.now(UTC)).run()
        print(
            _("Đã tạo trạm trình diễn trong {folder} với {n} hồ sơ.").format(
                folder=station.data_dir, n=created
            )
        )
    summary = station.board_counts()
    print(
        _(
            "{agency}: {open} hồ sơ đang giải quyết, {today} đến hạn hôm nay, {late} quá hạn."
        ).format(
            agency=station.identity.agency_name if station.identity else "",
            open=summary["open"],
            today=summary["due_today"],
            late=summary["late"],
        )
    )
    names = ", ".join(
        f"{username} ({C_('role', ROLE_NAMES[role])})" for username, _name, role in DEMO_USERS
    )
    print(
        _("Tài khoản trình diễn: {names}; mật khẩu: {password}").format(
            names=names, password=DEMO_PASSWORD
        )
    )
    if args.no_window:
        return 0
    from counter_app.ui.app import main as window  # Qt loads only for the window

    station.close()
    lang = ["--lang", args.lang] if getattr(args, "lang", None) else []
    return window(["--data-dir", str(station.data_dir), *lang])
