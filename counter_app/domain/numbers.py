"""Running numbers per year: the documents that carry a "Số:" and the register book.

Nghị định 30/2020/NĐ-CP (Phụ lục I) numbers an agency's documents per kind and per year, in
Arabic digits with a zero before numbers below 10, followed by the kind's abbreviation
("Số: 03/TC"). The register (Sổ theo dõi hồ sơ) numbers the dossiers received through the year,
and the slip prints the same number ("Quyển số / Số thứ tự"). Several stations of one agency
issue these offline, so each owns a disjoint block per series and year, as for dossier codes:
slot ``s`` issues ``s * block + 1`` … ``s * block + block - 1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _


class Series(StrEnum):
    """What a running number counts."""

    REGISTER = "register"  # dossiers received (Sổ theo dõi hồ sơ)
    SUPPLEMENT = "supplement"  # form 02
    REFUSAL = "refusal"  # form 03
    APOLOGY = "apology"  # form 04
    STOP = "stop"  # form 05 (2025 set)


# The kind's abbreviation after the number; forms 02–05 are not among the kinds named in
# Nghị định 30/2020 Phụ lục III, so these follow the one-stop forms in use (docs/legal.md).
SYMBOLS: Mapping[Series, str] = MappingProxyType(
    {
        Series.SUPPLEMENT: "HDHS",
        Series.REFUSAL: "TC",
        Series.APOLOGY: "PXL",
        Series.STOP: "TB",
    }
)
BLOCKS: Mapping[Series, int] = MappingProxyType(
    {series: 100_000 if series is Series.REGISTER else 10_000 for series in Series}
)


def first_number(series: Series, slot: int) -> int:
    """The first number a station in ``slot`` issues in ``series`` each year."""
    return slot * BLOCKS[series] + 1


def check_in_block(series: Series, slot: int, number: int) -> int:
    """``number``, or InvalidInput when the slot's block for the year is used up."""
    if number >= (slot + 1) * BLOCKS[series]:
        raise InvalidInput(
            _("Máy tiếp nhận này đã dùng hết số văn bản trong năm; hãy dùng máy khác."),
            field="number",
        )
    return number


def number_text(number: int, series: Series, agency_symbol: str = "") -> str:
    """As "03/TC", or "03/TC-TTPVHCC" with the issuing agency's abbreviation; the register's
    numbers are written bare ("7")."""
    if series is Series.REGISTER:
        return str(number)
    symbol = SYMBOLS[series] + (f"-{agency_symbol}" if agency_symbol else "")
    return f"{number:02d}/{symbol}"


def blank_number(series: Series) -> str:
    """The number line of a document issued before numbers were kept ("……/TC")."""
    return f"……/{SYMBOLS[series]}"


@dataclass(frozen=True)
class IssuedNumber:
    """A number given out, as an event payload records it."""

    series: Series
    year: int
    value: int
    text: str

    def payload(self) -> dict[str, Any]:
        """The JSON an event keeps."""
        return {
            "series": self.series.value,
            "year": self.year,
            "value": self.value,
            "text": self.text,
        }


def read_issued(value: Any) -> IssuedNumber | None:
    """The number an event payload records, or None (older events, or not a number)."""
    if not isinstance(value, Mapping):
        return None
    try:
        series = Series(value["series"])
        year, number, text = int(value["year"]), int(value["value"]), str(value["text"])
    except (KeyError, TypeError, ValueError):
        return None
    return IssuedNumber(series, year, number, text)
