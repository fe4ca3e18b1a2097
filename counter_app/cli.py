"""``counter-app``: one command with subcommands; with none it will start the window."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from counter_app import __version__, logs, store_keys
from counter_app.domain.errors import CounterError
from counter_app.i18n import LANGUAGES, _, choose_language, set_language
from counter_app.station import Station, default_data_dir
from counter_app.store_file import STORE_FILENAME

log = logging.getLogger("counter_app")
Handler = Callable[[Any, argparse.Namespace], int]


def _global_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options that come before any subcommand."""
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="data folder (default: $COUNTER_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--actor", default=None, help="user name recorded on events (default: the OS user)"
    )
    parser.add_argument(
        "--lang",
        choices=tuple(LANGUAGES),
        default=None,
        help="language of messages (default: $COUNTER_LANG, else the station's language setting)",
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and its options."""
    from counter_app import commands

    parser = _global_options(
        argparse.ArgumentParser(
            prog="counter-app",
            description="Counter — one-stop reception counter (Bộ phận Tiếp nhận và Trả kết quả).",
        )
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.register(sub)
    return parser


def window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` names no subcommand (the window opens), else None.

    The window's way in reads only the global options, so that the subcommands' modules are
    not loaded on the clerk's way to the window; anything else (a command, ``--help``, a
    mistake) is left to the full parser.
    """
    parser = _global_options(
        argparse.ArgumentParser(prog="counter-app", add_help=False, exit_on_error=False)
    )
    try:
        options, rest = parser.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None
    return None if rest else options


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 1 refused, 2 usage)."""
    logs.install()  # before anything is logged: records without citizens' data
    _start_logging()
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = window_options(arguments) or build_parser().parse_args(arguments)
    set_language(choose_language(args.lang))
    log.info("counter-app %s: %s", __version__, getattr(args, "command", None) or "window")
    if getattr(args, "command", None) is None:  # the window
        data_dir = args.data_dir or default_data_dir()
        store_keys.prefetch(data_dir / STORE_FILENAME)  # the keyring answers while Qt loads
        from counter_app.ui.app import main as window

        return window(["--data-dir", str(data_dir), *(["--lang", args.lang] if args.lang else [])])
    args.actor = args.actor or _os_user()
    handler: Handler = args.handler
    if not getattr(args, "needs_station", True):  # the central server has no station store
        try:
            return handler(None, args)
        except CounterError as error:
            print(f"error: {error.message}", file=sys.stderr)
            return 1
    try:
        station = Station(
            args.data_dir or default_data_dir(), open_now=getattr(args, "opens_store", True)
        )
    except CounterError as error:
        _refused(error)
        return 1
    try:
        if getattr(args, "opens_store", True):
            set_language(choose_language(args.lang, lambda: station.settings().get("language")))
        status = handler(station, args)
        if not getattr(args, "shows_recovery", False):
            _remind_recovery(station)
        return status
    except CounterError as error:
        _refused(error)
        return 1
    except BrokenPipeError:  # output piped into a command that stopped reading (head)
        sys.stdout = None
        return 0
    except Exception as error:  # a bug or a broken disk: on record, without what it was writing
        log.exception("counter-app %s failed", args.command)
        print(f"error: internal failure ({type(error).__name__}); see the log", file=sys.stderr)
        return 1
    finally:
        station.close()


def _start_logging() -> None:
    """Warnings to the console (when there is one), Counter's own records to the log file."""
    logs.quiet_missing_streams()
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", handlers=[console])
    if logs.start_file_log() is not None:
        logging.getLogger("counter_app").setLevel(logging.INFO)


def _refused(error: CounterError) -> None:
    print(f"error: {error.message}", file=sys.stderr)
    from counter_app.store_keys import StoreLocked

    if isinstance(error, StoreLocked):
        print("(counter-app unlock asks for the recovery key)", file=sys.stderr)


def _remind_recovery(station: Station) -> None:
    """Until the recovery key has been shown once, every command says so (a keyring that does
    not answer now leaves the reminder for the next command, not the command's outcome)."""
    try:
        if station.pending_recovery_key() is None:
            return
    except CounterError:
        return
    print(
        _(
            "Chú ý: khóa khôi phục của dữ liệu chưa được lưu giữ. Hãy chạy «counter-app "
            "recovery-key --sheet TỆP.pdf» (hoặc đăng nhập cửa sổ Counter bằng tài khoản lãnh "
            "đạo) và giao phiếu cho lãnh đạo cất giữ."
        ),
        file=sys.stderr,
    )


def _os_user() -> str:
    try:
        return getpass.getuser()[:50]
    except (KeyError, OSError):
        return "cli"


if __name__ == "__main__":
    sys.exit(main())
