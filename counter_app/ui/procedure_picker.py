"""The procedure picker of the Reception screen: type a code or a name (any diacritics), Enter.

The catalogue arrives once from the database thread; matching is a pure, fast fold over it.
The procedures this counter received last come first: offered as soon as the box gets the
cursor empty (Enter takes the first), and ahead of the others among the matches.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from counter_app.domain.text import fold
from counter_app.i18n import _
from counter_app.services.catalogue_types import CatalogueEntry
from counter_app.ui.messages import ERROR_STYLE

MAX_MATCHES = 30
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def ranked(
    entries: list[tuple[str, CatalogueEntry]], text: str, recent: Sequence[str] = ()
) -> list[CatalogueEntry]:
    """Entries whose folded code and name hold every typed word: this counter's recent ones
    first (the latest first), then code prefix, name prefix, short."""
    words = fold(text).split()
    if not words:
        return []
    query = " ".join(words)
    order = {code: rank for rank, code in enumerate(recent)}
    return sorted(
        (e for key, e in entries if all(w in key for w in words)),
        key=lambda e: (
            order.get(e.spec.code, len(order)),
            not e.spec.code.startswith(query),
            not fold(e.spec.name).startswith(query),
            len(e.spec.name),
        ),
    )


class ProcedurePicker(QWidget):
    """A search box over the active catalogue and the list of its matches."""

    entry_chosen = Signal(object)  # CatalogueEntry, or None when the text is edited again

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[tuple[str, CatalogueEntry]] = []
        self.recent: list[str] = []  # codes this counter received last, the latest first
        self.entry: CatalogueEntry | None = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_("Gõ mã hoặc tên thủ tục, Enter để chọn"))
        self.matches = QListWidget()
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMaximumHeight(140)
        self.matches.hide()
        self.note = QLabel()  # says so while typing when nothing matches
        self.note.setWordWrap(True)
        self.note.setStyleSheet(ERROR_STYLE)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.matches)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_edit_text_edited)
        self.edit.installEventFilter(self)
        self.matches.itemActivated.connect(lambda _item: self._choose_current())

    @property
    def ready(self) -> bool:
        """True once the catalogue has arrived."""
        return bool(self._entries)

    def set_entries(self, entries: list[CatalogueEntry]) -> int:
        """Offer the active procedures of ``entries``; return how many."""
        active = [e for e in entries if e.spec.status == "active"]
        self._entries = [(fold(f"{e.spec.code} {e.spec.name}"), e) for e in active]
        return len(self._entries)

    def set_recent(self, codes: Sequence[str]) -> None:
        """The procedures this counter received last (the latest first)."""
        self.recent = list(codes)

    def show_entry(self, entry: CatalogueEntry) -> None:
        """Show ``entry`` as chosen (a dossier's own version, for instance) without a search."""
        self.edit.setText(f"{entry.spec.code} — {entry.spec.name}")
        self._hide_matches()
        self.entry = entry

    def clear(self) -> None:
        """Empty the box and forget the choice."""
        self.edit.clear()
        self._hide_matches()
        self.entry = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the box: Up/Down move in the matches, Enter picks one; entering the box empty
        offers this counter's recent procedures."""
        is_key = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.edit and is_key:
            assert isinstance(event, QKeyEvent)
            return self._on_edit_key(event)
        if watched is self.edit and event.type() == QEvent.Type.FocusIn:
            self._offer_recent()
        return super().eventFilter(watched, event)

    def _offer_recent(self) -> None:
        if self.entry is not None or self.edit.text().strip() or not self.isEnabled():
            return
        by_code = {entry.spec.code: entry for _key, entry in self._entries}
        self._list([by_code[code] for code in self.recent if code in by_code])

    def _on_edit_key(self, event: QKeyEvent) -> bool:
        rows = self.matches.count()
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and rows:
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.matches.setCurrentRow(max(0, min(rows - 1, self.matches.currentRow() + step)))
            return True
        if event.key() in _ENTER and self.entry is None and rows:
            self._choose_current()
            return True
        return False

    def _on_edit_text_edited(self, text: str) -> None:
        self.entry = None
        self.entry_chosen.emit(None)
        if not text.strip():
            self._hide_matches()
            self._offer_recent()
            return
        found = ranked(self._entries, text, self.recent)
        self._list(found)
        self._say_nothing_found(text if self._entries and not found else "")

    def _list(self, found: list[CatalogueEntry]) -> None:
        self._hide_matches()
        for entry in found[:MAX_MATCHES]:
            self.matches.addItem(f"{entry.spec.code} — {entry.spec.name}")
            self.matches.item(self.matches.count() - 1).setData(
                Qt.ItemDataRole.UserRole, entry.spec.code
            )
        self.matches.setCurrentRow(0)
        self.matches.setVisible(bool(found))

    def _say_nothing_found(self, text: str) -> None:
        self.note.setText(
            _(
                "Không tìm thấy thủ tục nào khớp «{text}»; hãy gõ mã (ví dụ 1.001193) "
                "hoặc vài chữ trong tên thủ tục."
            ).format(text=text.strip()[:60])
            if text
            else ""
        )
        self.note.setVisible(bool(text))

    def _choose_current(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        entry = next(e for _key, e in self._entries if e.spec.code == code)
        self.show_entry(entry)
        self.entry_chosen.emit(entry)

    def _hide_matches(self) -> None:
        self.matches.clear()
        self.matches.hide()
        self._say_nothing_found("")
