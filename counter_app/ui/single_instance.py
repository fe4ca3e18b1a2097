"""One Counter window per store: a second start brings the running window forward.

Two windows on one store would run two sync timers and let a clerk work in a window hidden
behind the other. The first window listens on a local socket named after its data folder; a
second start on the same folder connects to it, asks it to come forward, tells the clerk and
ends before opening the store.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from counter_app.i18n import _

CONNECT_TIMEOUT_MS = 500
RAISE = b"raise\n"


def already_running_message() -> str:
    """What a second start tells the clerk."""
    return _(
        "Counter đã đang mở trên máy này. Cửa sổ đang mở đã được đưa lên trước; không cần mở thêm."
    )


def socket_name(data_dir: Path) -> str:
    """The local socket's name for a data folder (the same folder, the same name)."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"counter-{digest}"


def bring_forward() -> None:
    """Raise every visible window of this application, un-minimised."""
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            state = widget.windowState() & ~Qt.WindowState.WindowMinimized
            widget.setWindowState(state | Qt.WindowState.WindowActive)
            widget.raise_()
            widget.activateWindow()


class SingleInstance(QObject):
    """The guard of one data folder."""

    raise_requested = Signal()  # a second start asked this window to come forward

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = socket_name(data_dir)
        self._server: QLocalServer | None = None

    def ask_running(self) -> bool:
        """True when a window already runs on the folder (it was asked to come forward)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(RAISE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Start answering later starts; False if the socket cannot be made (no guard then)."""
        server = QLocalServer(self)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)  # left behind by a window that crashed
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def close(self) -> None:
        """Stop answering (the window is closing)."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        socket = self._server.nextPendingConnection()
        socket.disconnected.connect(socket.deleteLater)
        self.raise_requested.emit()
