"""Run a command beside a Secret Service, as a desktop session has one: a private D-Bus session
with an unlocked gnome-keyring (what the tests start), so that Counter on a headless machine
(CI's smoke path of the frozen program) keeps its store's key as on a PC.

    .venv/bin/python scripts/with_keyring.py COMMAND [ARGUMENT …]

Exits with the command's status. scripts/keyring_setup.sh installs D-Bus and gnome-keyring.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.keyring_service import secret_service  # noqa: E402


def main() -> int:
    """Start the keyring, run the command with it, stop the keyring."""
    with (
        tempfile.TemporaryDirectory(prefix="counter-keyring-") as home,
        secret_service(Path(home)),
    ):
        return subprocess.run(sys.argv[1:], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
