"""``recovery-key`` and ``unlock``: the store's recovery key, shown once, and used when this PC
holds no key for its store."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from counter_app.domain.errors import StoreError
from counter_app.i18n import _
from counter_app.private_file import write_private
from counter_app.station import Station


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``recovery-key`` and ``unlock``."""
    shown = sub.add_parser(
        "recovery-key",
        help="show the store's recovery key once (and write its sheet) for the leader to keep",
    )
    shown.add_argument("--sheet", type=Path, help="also write the recovery sheet as PDF")
    shown.set_defaults(handler=_recovery_key, shows_recovery=True)

    unlock = sub.add_parser(
        "unlock", help="open a store copied or restored from another PC with its recovery key"
    )
    unlock.add_argument("--recovery-key", help="the 48 digits (asked for when left out)")
    unlock.set_defaults(handler=_unlock, opens_store=False, shows_recovery=True)


def _recovery_key(station: Station, args: argparse.Namespace) -> int:
    key = station.pending_recovery_key()
    if key is None:
        raise StoreError(
            _(
                "Khóa khôi phục của dữ liệu này đã được hiển thị một lần và không còn được giữ "
                "trên máy; hãy dùng phiếu khôi phục lãnh đạo đang cất giữ."
            )
        )
    show_recovery_key(station, key, args.sheet)
    return 0


def show_recovery_key(station: Station, key: str, sheet: Path | None) -> None:
    """Print the recovery key (and write its sheet), then let the PC forget it."""
    if sheet is not None:
        write_private(sheet, station.recovery_sheet(key))
    print(_("Khóa khôi phục của dữ liệu (chỉ hiển thị một lần):"))
    print(f"    {key}")
    print(
        _(
            "Hãy in phiếu khôi phục (hoặc chép tay khóa) và giao lãnh đạo cất trong tủ có khóa: "
            "khi máy hỏng hay dữ liệu được chép sang máy khác, chỉ khóa này mở được dữ liệu."
        )
    )
    if sheet is not None:
        print(_("Đã ghi phiếu khôi phục vào {path}: in ra rồi xóa tệp này.").format(path=sheet))
    station.recovery_key_shown()


def _unlock(station: Station, args: argparse.Namespace) -> int:
    key = args.recovery_key
    if key is None:
        if not sys.stdin.isatty():
            key = sys.stdin.readline()
        else:
            key = getpass.getpass(_("Khóa khôi phục (48 chữ số): "))
    station.unlock(key)
    print(_("Đã mở khóa dữ liệu {path}; máy này giữ khóa từ nay.").format(path=station.path))
    return 0
