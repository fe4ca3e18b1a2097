"""scripts/i18n_extract.py loaded as a module, for the catalogue tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "i18n_extract.py"


def load_extractor() -> ModuleType:
    """The extractor script, imported once."""
    if "i18n_extract" not in sys.modules:
        spec = importlib.util.spec_from_file_location("i18n_extract", SCRIPT)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["i18n_extract"] = module
        spec.loader.exec_module(module)
    return sys.modules["i18n_extract"]
