"""A UI font that draws Vietnamese: the system's when it has the letters, else the bundled one.

Qt takes its default font from fontconfig. A machine without a font covering Vietnamese (a bare
server image, the offscreen platform in CI) would draw boxes for "ễ", "ặ", "ự"; then the bundled
Liberation Serif (resources/fonts) is registered and used instead.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from counter_app.resources import resource_dir

FONT_DIR = resource_dir("fonts")
BUNDLED = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")
# Letters a Vietnamese name or address needs beyond Latin-1 (stacked tone marks, Đ, ơ, ư).
SAMPLE = "ĐđĂăÂâÊêÔôƠơƯư" + "".join(chr(code) for code in range(0x1EA0, 0x1EFA))  # Ạ … ỹ


def draws_vietnamese(font: QFont) -> bool:
    """True when ``font`` itself (not a fallback) has every letter of SAMPLE."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(letter)) for letter in SAMPLE)


def ensure_vietnamese_font(app: QApplication) -> str:
    """Keep the application's font if it draws Vietnamese, else switch to the bundled one;
    returns the family in use."""
    font = app.font()
    if draws_vietnamese(font):
        return font.family()
    families: list[str] = []
    for name in BUNDLED:
        font_id = QFontDatabase.addApplicationFont(str(FONT_DIR / name))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        bundled = QFont(families[0], font.pointSize())
        app.setFont(bundled)
        return families[0]
    return font.family()
