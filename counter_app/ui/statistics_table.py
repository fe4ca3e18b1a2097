"""The report table in the provincial column layout, and the figures shown beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter_app.domain.statistics import Figures, PeriodReport
from counter_app.i18n import C_, N_, _
from counter_app.reports import COLUMNS, FIELD_HEADING, RATES, UNCLASSIFIED, field_rows, percent

WRAP_AT = 16  # characters: longer heading parts are broken in two, so the table stays narrow


def column_titles() -> list[str]:
    """Field, then "group / heading" for each counter, then the two rates, on short lines."""
    titles = [C_("report", FIELD_HEADING)]
    for group, head, _name in COLUMNS:
        titles.append("\n".join(_lines(C_("report", group)) + _lines(C_("report", head))))
    return titles + ["\n".join(_lines(C_("report", rate))) for rate in RATES]


def _lines(text: str) -> list[str]:
    """``text`` split at ": " and, where still long, at the space nearest its middle."""
    lines: list[str] = []
    for part in filter(None, text.split(": ")):
        spaces = [i for i, char in enumerate(part) if char == " "]
        if len(part) <= WRAP_AT or not spaces:
            lines.append(part)
            continue
        cut = min(spaces, key=lambda i: abs(i - len(part) / 2))
        lines += [part[:cut], part[cut + 1 :]]
    return lines


class ReportTable(QTableWidget):
    """One row per field and a bold total row; read-only, selectable for copying."""

    def __init__(self, parent: QWidget | None = None) -> None:
        titles = column_titles()
        super().__init__(0, len(titles), parent)
        self.setHorizontalHeaderLabels(titles)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def show_report(self, report: PeriodReport) -> None:
        """Fill the rows from ``report``."""
        rows = field_rows(report)
        self.setRowCount(len(rows))
        for index, (label, figures) in enumerate(rows):
            # field names are the catalogue's own text; the total and "no field" rows are ours
            ours = index == len(rows) - 1 or label == UNCLASSIFIED
            values = [C_("report", label) if ours else label, *_values(figures)]
            for column, value in enumerate(values):
                self.setItem(index, column, _item(value, column, index == len(rows) - 1))

    def cell_text(self, row: int, column: int) -> str:
        """The text shown at (row, column)."""
        item = self.item(row, column)
        return "" if item is None else item.text()


def _values(figures: Figures) -> list[str]:
    counts = [str(getattr(figures, name)) for _group, _head, name in COLUMNS]
    return [*counts, percent(figures.on_time_rate), percent(figures.online_ratio)]


def _item(text: str, column: int, total: bool) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if column > 0:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if total:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item


def satisfaction_rate(figures: Figures) -> float | None:
    """(very satisfied + satisfied) / ratings given; None when nobody rated."""
    rated = figures.very_satisfied + figures.satisfied + figures.dissatisfied
    return (figures.very_satisfied + figures.satisfied) / rated if rated else None


SIDE_FIGURES: tuple[tuple[str, str], ...] = (
    ("returned", N_("Đã trả kết quả trong kỳ")),
    ("returned_post", N_("Trả qua dịch vụ bưu chính công ích")),
    ("very_satisfied", N_("Rất hài lòng")),
    ("satisfied", N_("Hài lòng")),
    ("dissatisfied", N_("Không hài lòng")),
    ("satisfaction", N_("Tỷ lệ hài lòng và rất hài lòng (%)")),
    ("apologies", N_("Thư xin lỗi đã phát hành trong kỳ")),
    ("digitised", N_("Hồ sơ mới đã số hóa")),
    ("digitisation_recorded", N_("Hồ sơ mới có ghi nhận số hóa")),
    ("digitised_ratio", N_("Tỷ lệ số hóa (%)")),
)


class SideFigures(QGroupBox):
    """Returns, satisfaction, apologies and digitisation of the period (beside the table)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Trả kết quả, hài lòng, xin lỗi, số hóa"), parent)
        form = QFormLayout(self)
        self.values: dict[str, QLabel] = {}
        for key, title in SIDE_FIGURES:
            label = QLabel("–")
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = label
            form.addRow(_(title), label)

    def show_figures(self, figures: Figures) -> None:
        """Show the totals of the period."""
        for key, _title in SIDE_FIGURES:
            self.values[key].setText(_side_value(figures, key))


def _side_value(figures: Figures, key: str) -> str:
    if key == "satisfaction":
        return percent(satisfaction_rate(figures))
    if key == "digitised_ratio":
        return percent(figures.digitised_ratio)
    return str(getattr(figures, key))
