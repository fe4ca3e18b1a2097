"""The benchmarks' keyring: a private gnome-keyring (as the tests start), whose keyrings are kept
in bench/.cache so that the cached stores' keys outlive a run, as a PC's keyring does.

``start()`` is called by every bench that opens a store; the processes a bench starts (the
window in bench/startup.py) find the keys on the same private D-Bus session. One bench at a time
uses the kept keyrings (two daemons writing one keyring file would lose each other's keys), and
benches are run one at a time anyway; ``persistent=False`` gives a throwaway keyring instead.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KEYRINGS = ROOT / "bench" / ".cache" / "keyrings"
_started: list[contextlib.ExitStack] = []
STARTED_ENV = "COUNTER_BENCH_KEYRING_STARTED"  # set for the processes of a bench


def start(*, persistent: bool = True) -> None:
    """Use the benches' keyring in this process and its children (once per process).

    A worker of a bench's ``multiprocessing`` pool imports the bench again, and with it this
    call: told by the environment it inherits, it starts nothing (the lock is its parent's, which
    it would wait for forever) and opens no store.
    """
    if _started or os.environ.get(STARTED_ENV) == "1":
        return
    os.environ[STARTED_ENV] = "1"  # for the processes this one starts
    import keyring

    from tests.keyring_service import secret_service

    stack = contextlib.ExitStack()
    home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="counter-bench-")))
    data = home / "keyrings"
    if persistent:
        KEYRINGS.mkdir(parents=True, exist_ok=True)
        lock = stack.enter_context(open(KEYRINGS.with_suffix(".lock"), "w"))  # noqa: SIM115
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the process ends
        data = KEYRINGS
    keyring.set_keyring(stack.enter_context(secret_service(home, data)))
    _started.append(stack)
    atexit.register(stack.close)
