"""PySide6's per-import check, answered from the file's bytes, agrees with PySide6's own."""

from __future__ import annotations

import importlib
import sys

import pytest

from counter_app.ui import import_hook

MODULES = (
    "counter_app.ui.reception",  # uses PySide6
    "counter_app.domain.calendar",  # does not
    "json",  # a package of the standard library
    "sys",  # built in: no file
    "PySide6.QtWidgets",  # an extension module
    "sqlalchemy.sql.elements",
)


def test_the_check_in_use_is_the_cheap_one_installed_once() -> None:
    check = sys.modules[import_hook.FEATURE_MODULE]._mod_uses_pyside
    assert hasattr(check, "original")
    import_hook.install()
    assert sys.modules[import_hook.FEATURE_MODULE]._mod_uses_pyside is check


@pytest.mark.parametrize("name", MODULES)
def test_it_answers_as_pyside6_does(name: str) -> None:
    check = sys.modules[import_hook.FEATURE_MODULE]._mod_uses_pyside
    module = importlib.import_module(name)
    assert check(module) == check.original(module)


def test_it_tells_the_window_from_the_rules() -> None:
    check = sys.modules[import_hook.FEATURE_MODULE]._mod_uses_pyside
    assert check(importlib.import_module("counter_app.ui.reception"))
    assert not check(importlib.import_module("counter_app.domain.calendar"))
