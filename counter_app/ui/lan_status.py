"""The sync corner's part for the centre's other counters, and the exchange that feeds it.

The exchange (``counter_app.lan``) starts on the input/output pool once the window is up and
runs on its own threads; the label reads the peers from the store on the database thread every
few seconds, and at once when a page of another counter's events was applied. It says which
counters are in reach and when each was last heard; the tooltip says it of every counter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.errors import CounterError
from counter_app.i18n import _
from counter_app.services.lan_types import PeerStatus
from counter_app.station import Station
from counter_app.ui.elided_label import ElidedLabel
from counter_app.ui.operations import Operations

if TYPE_CHECKING:  # the network parts load when the exchange starts, not with the window
    from counter_app.lan.service import LanService

log = logging.getLogger(__name__)
REFRESH_MS = 10_000


def start_exchange(station: Station, on_applied: Callable[[int], None]) -> LanService | None:
    """The counter's exchange, started; None when it is off (port 0) or not enrolled yet."""
    if station.settings().get("lan_port") == 0:
        return None
    try:
        service = station.lan_service(on_applied=on_applied)
    except CounterError:  # not enrolled: it joins after its enrolment and the next start
        return None
    return service.start()


def _clock(moment: datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(VN_TZ).strftime("%H:%M")


def peers_text(peers: list[PeerStatus]) -> str:
    """The label: the counters in reach, each with when it was last heard."""
    near = [peer for peer in peers if peer.in_reach]
    if not near:
        return _("Không thấy quầy nào khác trong mạng")
    shown = ", ".join(f"{peer.slot} ({_clock(peer.last_heard_at)})" for peer in near)
    return _("Quầy trong mạng: {counters}").format(counters=shown)


def peers_tooltip(peers: list[PeerStatus]) -> str:
    """Every counter of the centre: in reach or not, last heard when and where."""
    lines = []
    for peer in peers:
        state = _("trong mạng") if peer.in_reach else _("ngoài tầm")
        when = _clock(peer.last_heard_at) if peer.last_heard_at else _("chưa nghe thấy")
        line = _("Quầy {slot}: {state}, nghe lần cuối {when} ({address})").format(
            slot=peer.slot if peer.slot is not None else "?",
            state=state,
            when=when,
            address=peer.address or "—",
        )
        lines.append(line)
    return "\n".join(lines)


class LanCorner(ElidedLabel):
    """Which of the centre's counters are in reach, and when each was last heard."""

    peers_shown = Signal(object)  # list[PeerStatus]
    events_applied = Signal(int)  # emitted from the exchange's threads

    def __init__(self, station: Station, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.ops = station, ops
        self.service: LanService | None = None
        self.starting = False
        self.hide()  # until the counter knows its siblings (a round with the server teaches it)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self.events_applied.connect(self._on_self_events_applied)
        self.refresh()

    def refresh(self) -> None:
        """Read the peers again (database thread) and show them."""
        self.ops.run_db(self.station.lan_peers, self._on_peers_loaded)

    def stop(self) -> None:
        """Stop the exchange on a thread of its own (the window is closing: never wait here)."""
        self.timer.stop()
        service, self.service = self.service, None
        if service is not None:
            threading.Thread(target=service.stop, name="lan-stop").start()

    def _start(self) -> None:
        """Start the exchange in the background, once the counter knows its siblings."""
        self.starting = True
        self.ops.run_io(
            lambda: start_exchange(self.station, self.events_applied.emit),
            self._on_exchange_started,
            self._on_exchange_failed,
        )

    def _on_exchange_started(self, service: LanService | None) -> None:
        self.service = service
        if not self.timer.isActive() and service is not None:  # closed while it started
            self.stop()

    def _on_exchange_failed(self, message: str) -> None:
        log.warning("the exchange with the centre's counters did not start: %s", message)
        self.setText(_("Không mở được trao đổi trong mạng: {why}").format(why=message[:200]))
        self.show()

    def _on_self_events_applied(self, _count: int) -> None:
        self.refresh()

    def _on_peers_loaded(self, peers: list[PeerStatus]) -> None:
        if peers and not self.starting and self.timer.isActive():
            self._start()
        self.setVisible(bool(peers))
        if peers:
            self.setText(peers_text(peers))
            self.setToolTip(peers_tooltip(peers))
        self.peers_shown.emit(peers)
