"""«Quầy hôm nay»: what this counter received, returned and still expects today, always in
view in the toolbar, counted again after each saved dossier and every minute."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from counter_app.i18n import _
from counter_app.services.desk_types import CounterToday
from counter_app.station import Station
from counter_app.ui.operations import Operations

REFRESH_MS = 60_000  # other counters' returns, and midnight


def strip_text(today: CounterToday) -> str:
    """The strip's words."""
    return _("Quầy hôm nay: nhận {received} · trả {returned} · hẹn trả còn chờ {waiting}").format(
        received=today.received, returned=today.returned, waiting=today.waiting
    )


class CounterStrip(QLabel):
    """This counter's day in one line; ``refresh`` after anything is saved."""

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.today: CounterToday | None = None
        self._asked = self._again = False
        self.setToolTip(
            _(
                "Hồ sơ quầy này tiếp nhận hôm nay, hồ sơ đã trả kết quả hôm nay, và hồ sơ hẹn trả"
                " hôm nay chưa trả."
            )
        )
        self.setContentsMargins(12, 0, 6, 0)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """Count now and every minute."""
        self.timer.start()
        self.refresh()

    def stop(self) -> None:
        """No more counting (the window closes)."""
        self.timer.stop()

    def refresh(self) -> None:
        """Count again on the database thread (one count at a time; one more after it when
        asked meanwhile)."""
        if self._asked:
            self._again = True
            return
        self._asked, self._again = True, False
        station = self.station
        self.ops.run_db(
            lambda: station.counter_today(datetime.now(UTC)), self._on_counted, self._on_failed
        )

    def _on_counted(self, today: CounterToday) -> None:
        self.today = today
        self.setText(strip_text(today))
        self._done()

    def _on_failed(self, _message: str) -> None:
        self._done()

    def _done(self) -> None:
        self._asked = False
        if self._again:
            self.refresh()
