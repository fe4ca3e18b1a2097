"""Reading printed PDFs back: text (NFC, whitespace folded), page count, barcodes at 200 dpi."""

from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image

SCAN_DPI = 200


def page_count(pdf: bytes) -> int:
    """Number of pages."""
    return len(pdfium.PdfDocument(pdf))


def fold(text: str) -> str:
    """NFC, every run of whitespace (line breaks included) as one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def page_texts(pdf: bytes) -> list[str]:
    """The folded text of each page."""
    document = pdfium.PdfDocument(pdf)
    return [fold(page.get_textpage().get_text_range()) for page in document]


def text(pdf: bytes) -> str:
    """The folded text of the whole document."""
    return " ".join(page_texts(pdf))


def render(pdf: bytes, index: int = 0, dpi: float = SCAN_DPI) -> Image.Image:
    """Page ``index`` as an image."""
    page = pdfium.PdfDocument(pdf)[index]
    image: Image.Image = page.render(scale=dpi / 72).to_pil()
    return image


def codes(pdf: bytes, index: int = 0, dpi: float = SCAN_DPI) -> dict[str, list[str]]:
    """Decoded symbols of page ``index`` by format name ("Code128", "QRCode")."""
    found: dict[str, list[str]] = {}
    for result in zxingcpp.read_barcodes(render(pdf, index, dpi)):
        found.setdefault(result.format.name, []).append(result.text)
    return found


def in_order(haystack: str, needles: list[str]) -> bool:
    """True if every needle occurs, each after the previous one."""
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True
