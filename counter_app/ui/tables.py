"""Read-only tables the clerk walks with the keyboard: Enter on a row chooses it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from counter_app.i18n import _


class RowTable(QTableWidget):
    """A read-only, whole-row table that reports Enter on a row."""

    row_chosen = Signal(int)

    def __init__(self, headers: Sequence[str], *, stretch: int | None = None) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels([_(title) for title in headers])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Return chooses the current row; other keys move as usual."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.row_chosen.emit(self.currentRow())
            event.accept()
            return
        super().keyPressEvent(event)

    def fill(self, rows: Sequence[Sequence[str]]) -> None:
        """Replace the rows with ``rows`` (texts), the first one current."""
        self.setRowCount(len(rows))
        for index, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.setItem(index, column, item)
        if rows:
            self.setCurrentCell(0, 0)


class ColumnShares(QObject):
    """Keeps columns of a table at shares of its width (their texts wrap), so that on a narrow
    screen the column that stretches keeps its room instead of long contents taking it."""

    def __init__(self, table: QTableView, shares: Mapping[int, float]) -> None:
        super().__init__(table)
        self.table, self.shares = table, dict(shares)
        header = table.horizontalHeader()
        for column in self.shares:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On each resize of the table's viewport, give the columns their shares again."""
        if event.type() == QEvent.Type.Resize:
            width = self.table.viewport().width()
            for column, share in self.shares.items():
                self.table.setColumnWidth(column, int(width * share))
        return False
