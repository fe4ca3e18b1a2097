"""The window's tabs, each screen built the first time it is shown or asked for.

Only the screen the clerk lands on is built before the window shows; the others (and their
modules) load when their tab is first opened, or when code first asks for them by key.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from counter_app.station import Station
    from counter_app.ui.operations import Operations

ScreenFactory = Callable[["Station", "Operations", str], QWidget]


def later(module: str, name: str) -> ScreenFactory:
    """A factory for the screen class ``name`` of ``counter_app.ui.<module>``, imported on the
    first build."""

    def build(station: Station, ops: Operations, actor: str) -> QWidget:
        imported = importlib.import_module(f"counter_app.ui.{module}")
        screen_class: ScreenFactory = getattr(imported, name)
        return screen_class(station, ops, actor)

    return build


class ScreenTabs(Mapping[str, QWidget]):
    """Screens by key: a placeholder page per tab until ``build`` makes the real one."""

    def __init__(
        self,
        tabs: QTabWidget,
        pages: Sequence[tuple[str, str]],  # key, tab text
        build: Callable[[str], QWidget],
        on_built: Callable[[str, QWidget], None],
    ) -> None:
        self.tabs, self._build, self._on_built = tabs, build, on_built
        self.keys_in_order = [key for key, _text in pages]
        self.built: dict[str, QWidget] = {}
        for _key, text in pages:
            tabs.addTab(QWidget(), text)
        tabs.currentChanged.connect(self._on_current_changed)

    def __getitem__(self, key: str) -> QWidget:
        screen = self.built.get(key)
        return screen if screen is not None else self._put_in_place(key)

    def __contains__(self, key: object) -> bool:
        return key in self.keys_in_order  # without building it

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_in_order)

    def __len__(self) -> int:
        return len(self.keys_in_order)

    def index(self, key: str) -> int:
        """The tab of ``key`` (without building its screen)."""
        return self.keys_in_order.index(key)

    def build_current(self) -> None:
        """Build the screen of the current tab (the one the window opens on)."""
        self._on_current_changed(self.tabs.currentIndex())

    def _on_current_changed(self, index: int) -> None:
        if 0 <= index < len(self.keys_in_order):
            self[self.keys_in_order[index]]

    def _put_in_place(self, key: str) -> QWidget:
        if key not in self.keys_in_order:
            raise KeyError(key)
        index = self.index(key)
        screen = self._build(key)
        tabs = self.tabs
        current, enabled = tabs.currentIndex(), tabs.isTabEnabled(index)
        text, tip = tabs.tabText(index), tabs.tabToolTip(index)
        placeholder = tabs.widget(index)
        with QSignalBlocker(tabs):  # the swap is no change of tab for anyone listening
            tabs.removeTab(index)
            tabs.insertTab(index, screen, text)
            tabs.setTabEnabled(index, enabled)
            tabs.setTabToolTip(index, tip)
            tabs.setCurrentIndex(current)
        if placeholder is not None:
            placeholder.deleteLater()
        self.built[key] = screen
        self._on_built(key, screen)
        return screen
