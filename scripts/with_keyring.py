"""Run a command beside a Secret Service, as a desktop session has one: a private D-Bus session
with an unlocked gnome-keyring (what the tests start), so that Counter on a headless machine
(CI's smoke path of the frozen program) keeps its store's key as on a PC.

    .venv/bin/python scripts/with_keyring.py [--keep DIR] COMMAND [ARGUMENT …]

The keyring is thrown away afterwards unless ``--keep DIR`` keeps its file in DIR (the demo of
scripts/run.sh on a machine without a Secret Service, whose store must open again next time).
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
    command, kept = sys.argv[1:], None
    if command[:1] == ["--keep"] and len(command) > 2:
        kept, command = Path(command[1]).resolve(), command[2:]
    try:
        with (
            tempfile.TemporaryDirectory(prefix="counter-keyring-") as home,
            secret_service(Path(home), kept),
        ):
            return subprocess.run(command, check=False).returncode
    except RuntimeError as error:  # no D-Bus or gnome-keyring: scripts/keyring_setup.sh
        print(f"with_keyring: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
