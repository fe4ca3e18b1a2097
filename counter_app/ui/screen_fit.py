"""Windows sized to fit the screen they open on: a 1366×768 laptop at 125 % has 1093×582
pixels free inside its task bar, less than some dialogs would like."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# what the window manager adds around a window: its borders and its title bar
FRAME_WIDTH, FRAME_HEIGHT = 16, 40


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, cut so that it and its frame fit the free
    area of its screen."""
    screen = widget.screen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, free.width() - FRAME_WIDTH)
        height = min(height, free.height() - FRAME_HEIGHT)
    widget.resize(width, height)
