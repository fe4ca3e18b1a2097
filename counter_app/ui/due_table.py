"""The due board's table: a model over the rows, so that only the rows on screen are drawn.

Filling a QTableWidget makes an item per cell on the GUI thread; an office with a large backlog
froze the window for minutes. The model answers for the cells the view asks about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QTableView

from counter_app.services.due_board import DueRow, Group

Index = QModelIndex | QPersistentModelIndex
_BLACK = QBrush(QColor("#000000"))
_ROOT = QModelIndex()  # the invalid index: a table has no parent rows


class DueTableModel(QAbstractTableModel):
    """Rows of the board; a cell's text comes from ``cells``, its colour from ``colours``."""

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[DueRow], tuple[str, ...]],
        colours: dict[Group, QColor | None],
    ) -> None:
        super().__init__()
        self.headers, self._cells = list(headers), cells
        self._brushes = {group: None if c is None else QBrush(c) for group, c in colours.items()}
        self.rows: list[DueRow] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # by row, made when the view first asks

    def set_rows(self, rows: list[DueRow]) -> None:
        """Show ``rows`` instead of the present ones."""
        self.beginResetModel()
        self.rows, self._texts = rows, {}
        self.endResetModel()

    def _text(self, row: int, column: int) -> str:
        texts = self._texts.get(row)
        if texts is None:
            texts = self._texts[row] = self._cells(self.rows[row])
        return texts[column]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """The text (and tooltip) of a cell, its group's colour, the dossier code as user data."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[row.group]
        if role == Qt.ItemDataRole.ForegroundRole and self._brushes[row.group] is not None:
            return _BLACK  # dark text on the light group colours, whatever the theme
        if role == Qt.ItemDataRole.UserRole:
            return row.code
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class DueTable(QTableView):
    """A read-only, whole-row table that reports Enter on a row."""

    row_chosen = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Return chooses the current row; other keys move as usual."""
        row = self.currentIndex().row()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            self.row_chosen.emit(row)
            event.accept()
            return
        super().keyPressEvent(event)
