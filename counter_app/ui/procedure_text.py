"""A procedure as the clerk reads it: its name, its national code beside it.

Bare codes ("1.004859") mean nothing at a counter; names are long ("Thủ tục đăng ký khai sinh,
đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"). In a narrow table cell the
name gives up its end and the code stays whole (the full text is the cell's tooltip).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

CODE_OPEN = " ("


def procedure_text(name: str, code: str) -> str:
    """``Đăng ký khai sinh (1.001193)``; the code alone when the name is not known."""
    return f"{name}{CODE_OPEN}{code})" if name else code


class ProcedureDelegate(QStyledItemDelegate):
    """Draws ``name (code)`` cells with the name elided and the code whole."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Paint the cell as usual, its text fitted by :func:`fit`."""
        self.initStyleOption(option, index)
        option.text = fit(option.text, option.rect.width() - 8, option)
        option.textElideMode = Qt.TextElideMode.ElideNone
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)


def fit(text: str, width: int, option: QStyleOptionViewItem) -> str:
    """``text`` in ``width`` pixels of ``option``'s font: the name shortened, the code whole."""
    metrics = option.fontMetrics
    if metrics.horizontalAdvance(text) <= width or CODE_OPEN not in text:
        return text
    name, code = text.rsplit(CODE_OPEN, 1)
    tail = f"{CODE_OPEN}{code}"
    room = max(0, width - metrics.horizontalAdvance(tail))
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, room) + tail
