"""A real Secret Service for the tests: a private D-Bus session with gnome-keyring on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from keyring.backends import SecretService
from keyring.errors import KeyringError
from secretstorage.exceptions import SecretStorageException

PASSWORD = b"counter-test-keyring"


def _missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def secret_service(home: Path) -> Iterator[SecretService.Keyring]:
    """A running, unlocked gnome-keyring on its own bus, for this process only."""
    for program in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(program) is None:
            _missing(f"{program} is not installed (scripts/keyring_setup.sh installs it)")
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
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
    saved = {key: os.environ.get(key) for key in ("DBUS_SESSION_BUS_ADDRESS", "HOME")}
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = env["DBUS_SESSION_BUS_ADDRESS"]
    try:
        yield _ready(SecretService.Keyring())
    finally:
        for process in (daemon, bus):
            process.terminate()
            process.wait(timeout=10)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            elif key == "DBUS_SESSION_BUS_ADDRESS":
                os.environ[key] = value


def _ready(backend: SecretService.Keyring) -> SecretService.Keyring:
    """Wait (up to 30 s, a loaded CI machine is slow) until the daemon answers on the bus."""
    for _attempt in range(300):
        try:
            backend.set_password("counter-test", "ready", "yes")
            return backend
        except (KeyringError, SecretStorageException):
            time.sleep(0.1)
    _missing("gnome-keyring-daemon did not come up on the private bus")
    raise AssertionError("unreachable")
