"""The PySide6 window: the only package that imports Qt."""

import PySide6.QtCore  # noqa: F401 (loads PySide6's import hook, made cheap just below)

from counter_app.ui import import_hook

import_hook.install()
