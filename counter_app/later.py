"""A module named now and imported on first use.

The station façade names its services at import time but imports them (and with them
SQLAlchemy and the store's models) only when a use case first runs, normally on the database
thread after the window has shown.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LaterModule:
    """Stands for the module ``name``; the first attribute read imports it."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        module = self._module
        if module is None:  # importlib's own locks make two threads' first use safe
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attribute)
