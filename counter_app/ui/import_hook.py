"""PySide6's import hook, answered without reading every imported module's source.

PySide6 replaces ``__import__`` to support ``from __feature__ import …`` (which Counter does not
use) and, after every later import, asks whether the new module mentions PySide6 by calling
``inspect.getsource`` on it: decoding and splitting the whole file into lines. The window's own
modules paid it on the way to the window, and SQLAlchemy and the holiday tables, loading on the
database thread once the window shows, spent some 100 ms of Python's lock in it. The same
question is answered here by searching the file's bytes; a module without a ``.py`` file is
left to PySide6's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"  # where PySide6 keeps the check (6.8 to 6.11)

Check = Callable[[ModuleType], bool]


def _by_bytes(original: Check) -> Check:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> None:
    """Replace PySide6's check once; nothing happens if this PySide6 has none."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if callable(original) and not hasattr(original, "original"):
        feature._mod_uses_pyside = _by_bytes(original)  # type: ignore[union-attr]
