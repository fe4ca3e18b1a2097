"""Dossier codes in the national shape ``<agency code>-<yyMMdd>-<nnnn>``.

Several stations of one agency issue codes offline on the same day, so each station owns a
disjoint block of the daily sequence (its slot, given at enrolment): slot ``s`` issues
``s * SLOT_SIZE + 1`` … ``s * SLOT_SIZE + SLOT_SIZE - 1``. Slot 0 therefore issues 0001–0999,
slot 1 issues 1000–1999 (1000 itself is skipped so the first number of every slot ends in 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

SLOT_SIZE = 1000
MAX_SLOT = 9
AGENCY_CODE_RE = re.compile(r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$")
CODE_RE = re.compile(
    r"^(?P<agency>[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2})-(?P<day>[0-9]{6})-(?P<seq>[0-9]{4})$"
)


@dataclass(frozen=True)
class DossierCode:
    """A parsed dossier code."""

    agency: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.agency}-{self.day:%y%m%d}-{self.sequence:04d}"


def validate_agency_code(code: str) -> str:
    """Return the agency code (QCVN 102:2016 shape, e.g. 000.17.22.H56) or raise."""
    cleaned = code.strip().upper()
    if not AGENCY_CODE_RE.match(cleaned):
        raise InvalidInput(
            _("Mã định danh cơ quan phải có dạng 000.00.00.H00 (ví dụ 000.17.22.H56)."),
            field="agency_code",
        )
    return cleaned


def validate_slot(slot: int) -> int:
    """Return the station slot (0–9) or raise."""
    if not 0 <= slot <= MAX_SLOT:
        raise InvalidInput(_("Số khe của máy tiếp nhận phải từ 0 đến 9."), field="slot")
    return slot


def first_sequence(slot: int) -> int:
    """The first daily number a station in ``slot`` issues."""
    return slot * SLOT_SIZE + 1


def next_sequence(slot: int, last: int | None) -> int:
    """The number after ``last`` (None: none yet today) in ``slot``; raise when exhausted."""
    candidate = first_sequence(slot) if last is None else last + 1
    if candidate >= (slot + 1) * SLOT_SIZE:
        raise InvalidInput(
            _("Máy tiếp nhận này đã dùng hết số hồ sơ trong ngày; hãy tiếp nhận trên máy khác."),
            field="code",
        )
    return candidate


def parse_code(text: str) -> DossierCode:
    """Parse a typed or scanned dossier code; raise InvalidInput with the reason."""
    match = CODE_RE.match(text.strip().upper())
    if match is None:
        raise InvalidInput(
            _("Mã hồ sơ phải có dạng <mã cơ quan>-<yyMMdd>-<số thứ tự 4 chữ số>."), field="code"
        )
    digits = match["day"]
    try:
        day = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:]))
    except ValueError:
        raise InvalidInput(_("Ngày trong mã hồ sơ không có thật."), field="code") from None
    return DossierCode(match["agency"], day, int(match["seq"]))


def looks_like_code(text: str) -> bool:
    """Cheap test used to route a scanner burst to the dossier it names."""
    return CODE_RE.match(text.strip().upper()) is not None
