"""Python's cyclic garbage collector held off while the window starts.

Start-up imports some thousand modules (the window's, then SQLAlchemy and the holiday tables on
the database thread) and nearly everything they make lives as long as the process, so the
collector's full passes over them find nothing; one taken on the database thread holds Python's
lock away from the GUI thread for as long as it runs (83 ms measured while the window opened on
a large store). Collection waits until the window's start-up reads have reported; what start-up
made is then frozen, never to be traversed again, and collection resumes for what comes after.
"""

from __future__ import annotations

import gc


def hold() -> None:
    """No cyclic collection until :func:`resume` (reference counting still frees the rest)."""
    gc.disable()


def resume() -> None:
    """Freeze what exists now and collect again; nothing happens if collection is not held."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
