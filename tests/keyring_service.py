"""A real Secret Service for the tests: a private D-Bus session with gnome-keyring on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NoReturn

import secretstorage
from keyring.backends import SecretService
from secretstorage.collection import Collection
from secretstorage.exceptions import ItemNotFoundException, SecretStorageException

PASSWORD = b"counter-test-keyring"
LOGIN = "/org/freedesktop/secrets/collection/login"
BUS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS"
STARTS = 3  # now and then the daemon never makes its login keyring; a fresh start does


def _missing(reason: str) -> NoReturn:
    """A part the keyring needs is missing: skipped or failed in a test run (tests.ci), an
    error elsewhere (scripts/run.sh's demo, installed without pytest)."""
    try:
        from tests.ci import missing_part
    except ImportError:
        raise RuntimeError(reason) from None
    missing_part(reason)


@contextmanager
def secret_service(home: Path, data: Path | None = None) -> Iterator[SecretService.Keyring]:
    """A running, unlocked gnome-keyring on its own bus, for this process and the processes it
    starts; its keyrings are kept in ``data`` when given (they outlive the daemon), else under
    ``home``."""
    for program in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(program) is None:
            _missing(f"{program} is not installed (scripts/keyring_setup.sh installs it)")
    saved = os.environ.get(BUS_VARIABLE)
    processes = _start_unlocked(home, data)
    try:
        yield SecretService.Keyring()
    finally:
        _stop(processes)
        if saved is None:
            os.environ.pop(BUS_VARIABLE, None)
        else:
            os.environ[BUS_VARIABLE] = saved


def _start_unlocked(home: Path, data: Path | None) -> list[subprocess.Popen[bytes]]:
    """Start bus and daemon until the login keyring is there (a few tries)."""
    for attempt in range(STARTS):
        processes = _start(home / f"start-{attempt}", data)
        if _wait_unlocked(seconds=10.0):
            return processes
        _stop(processes)
    _missing("gnome-keyring-daemon did not make its login keyring on the private bus")
    raise AssertionError("unreachable")


def _start(home: Path, data: Path | None) -> list[subprocess.Popen[bytes]]:
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    if data is not None:
        data.mkdir(mode=0o700, parents=True, exist_ok=True)
        env["XDG_DATA_HOME"] = str(data)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert bus.stdout is not None
    env[BUS_VARIABLE] = bus.stdout.readline().decode().strip()
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(PASSWORD)
    daemon.stdin.close()
    os.environ[BUS_VARIABLE] = env[BUS_VARIABLE]
    return [daemon, bus]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def _wait_unlocked(*, seconds: float) -> bool:
    """Wait for the unlocked login collection without asking for anything.

    Asking for a secret before the daemon has made its login collection from the password
    makes it try to create a default one through a prompt nobody answers.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with closing(secretstorage.dbus_init()) as connection:
                if not Collection(connection, LOGIN).is_locked():
                    return True
        except (ItemNotFoundException, SecretStorageException, OSError):
            pass
        time.sleep(0.1)
    return False
