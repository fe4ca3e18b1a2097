"""A province's decision applied to the catalogue: its number and dates, and what it changes.

The number ("Số: 1234/QĐ-UBND"), the day it was signed and the day it takes effect are read
from the decision's text when it is there ("Quyết định này có hiệu lực kể từ ngày ký", "… từ
ngày 01 tháng 8 năm 2025"); an annex printed alone names its decision ("Ban hành kèm theo
Quyết định số … ngày …"). What the file does not say is given by the administrator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from counter_app.domain.text import fold

_NUMBER = re.compile(r"s[oố]\s*:?\s*(\d{1,6}/(?:\d{4}/)?Q[ĐD][-–][A-ZĐ0-9-]+)", re.IGNORECASE)
_DAY = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_SHORT_DAY = re.compile(r"ngay\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_TITLE = re.compile(r"^(ve viec )?cong bo\b")


@dataclass(frozen=True)
class DecisionInfo:
    """The decision a file publishes: number, signing day, effective day and title."""

    number: str = ""
    signed_on: date | None = None
    effective_from: date | None = None
    title: str = ""

    @property
    def complete(self) -> bool:
        """True when the number and the effective day are known."""
        return bool(self.number) and self.effective_from is not None

    def label(self) -> str:
        """ "1234/QĐ-UBND ngày 15/7/2025", the way a source is cited."""
        if self.signed_on is None:
            return self.number
        day = self.signed_on
        return f"{self.number} ngày {day.day:02d}/{day.month:02d}/{day.year}"

    def given(self, *, number: str | None = None, effective: date | None = None) -> DecisionInfo:
        """This decision with what the administrator gave in place of what the file says."""
        return replace(
            self,
            number=number or self.number,
            effective_from=effective or self.effective_from,
        )


def read_header(texts: Iterable[str]) -> DecisionInfo:
    """The decision's number, dates and title from its paragraphs (what is there)."""
    number, signed, effective, title = "", None, None, ""
    for text in texts:
        folded = fold(" ".join(text.split()))
        if not number and (found := _NUMBER.search(text)):
            number = found.group(1).upper().replace("–", "-").replace("QD-", "QĐ-")
            signed = signed or _first_day(folded)
        elif signed is None:
            signed = _dated_line(folded)
        if not title and _TITLE.match(folded):
            title = " ".join(text.split())
        if effective is None and "hieu luc" in folded:
            clause = folded[folded.index("hieu luc") :]
            effective = signed if "ke tu ngay ky" in clause else _first_day(clause)
    return DecisionInfo(number, signed, effective, title)


def _dated_line(folded: str) -> date | None:
    """The date of the "<place>, ngày … tháng … năm …" line under the header."""
    return _first_day(folded) if re.search(r", ngay \d", folded) else None


def _first_day(folded: str) -> date | None:
    """The first day written in full or as dd/mm/yyyy, when it is a real date."""
    for pattern in (_DAY, _SHORT_DAY):
        found = pattern.search(folded)
        if found:
            day, month, year = (int(part) for part in found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None
