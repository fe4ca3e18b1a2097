"""Tabs whose pages are built the first time they are shown or asked for.

The window's screens are such tabs, and so are the pages of Settings. Only the screen the clerk
lands on is built before the window shows; the others are built when their tab is first opened,
or when code first asks for them by key. Their modules load in the background once the window's
start-up reads are in (``LaterScreen.load``), or at that first opening if it comes sooner.
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


class LaterScreen:
    """A factory for the screen class ``name`` of ``counter_app.ui.<module>``, imported on the
    first build (or beforehand, by :meth:`load`)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = f"counter_app.ui.{module}", name

    def load(self) -> None:
        """Import the screen's module (any thread: it defines classes, makes no widget)."""
        importlib.import_module(self.module)

    def __call__(self, station: Station, ops: Operations, actor: str) -> QWidget:
        screen_class: ScreenFactory = getattr(importlib.import_module(self.module), self.name)
        return screen_class(station, ops, actor)


class ScreenTabs(Mapping[str, QWidget]):
    """Screens by key: a placeholder page per tab until ``build`` makes the real one."""

    def __init__(
        self,
        tabs: QTabWidget,
        pages: Sequence[tuple[str, str]],  # key, tab text
        build: Callable[[str], QWidget],
        on_built: Callable[[str, QWidget], None] | None = None,
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
        if self._on_built is not None:
            self._on_built(key, screen)
        return screen


def fit_titles(tabs: QTabWidget, full: Sequence[str], short: Sequence[str]) -> None:
    """Title the tabs ``full`` (a name and its shortcut) when all of them fit the tab bar's
    width, else ``short`` (the names): at 1366×768 and 125 % no tab hides behind the bar's
    scroll arrows."""
    bar = tabs.tabBar()
    metrics = bar.fontMetrics()
    shown = sum(metrics.horizontalAdvance(bar.tabText(i)) for i in range(bar.count()))
    frames = bar.sizeHint().width() - shown  # every tab's margins, whatever its title
    needed = frames + sum(metrics.horizontalAdvance(title) for title in full)
    titles = full if needed <= tabs.width() else short
    for index, title in enumerate(titles):
        if bar.tabText(index) != title:
            bar.setTabText(index, title)
