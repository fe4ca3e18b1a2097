"""Databases the state already holds, from which a catalogue document can be obtained.

Chỉ thị 24/CT-TTg (13/9/2025), Nghị định 280/2025/NĐ-CP (chứng thực, from 1/11/2025) and Nghị
quyết 66.7/2025/NQ-CP (from 1/1/2026) say a citizen need not hand over papers whose data is in
these databases or shown through a level-2 electronic identity account: the agency obtains it
(docs/legal.md). A catalogue document names the sources it can be obtained from; at the counter
the clerk marks it obtained ("khai thác dữ liệu", or "xác thực qua VNeID"), which satisfies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import fold
from counter_app.i18n import N_, _


@dataclass(frozen=True)
class DataSource:
    """A database (or the VNeID account) a document's data can be taken from."""

    key: str
    name: str  # Vietnamese, as printed
    printed: str  # how form 01 states the document was satisfied


SOURCES: Mapping[str, DataSource] = MappingProxyType(
    {
        source.key: source
        for source in (
            DataSource(
                "csdl_dan_cu",
                N_("Cơ sở dữ liệu quốc gia về dân cư"),
                N_("Khai thác dữ liệu: Cơ sở dữ liệu quốc gia về dân cư"),
            ),
            DataSource(
                "vneid",
                N_("Tài khoản định danh điện tử mức độ 2 (VNeID)"),
                N_("Xác thực qua VNeID"),
            ),
            DataSource(
                "csdl_ho_tich",
                N_("Cơ sở dữ liệu hộ tịch điện tử"),
                N_("Khai thác dữ liệu: Cơ sở dữ liệu hộ tịch điện tử"),
            ),
            DataSource(
                "csdl_dat_dai",
                N_("Cơ sở dữ liệu quốc gia về đất đai"),
                N_("Khai thác dữ liệu: Cơ sở dữ liệu quốc gia về đất đai"),
            ),
        )
    }
)
_BY_FOLDED = {fold(text): key for key, s in SOURCES.items() for text in (key, s.name, s.printed)}


def parse_source(text: str) -> str:
    """The source key named by ``text`` (its key or Vietnamese name, any diacritics)."""
    key = _BY_FOLDED.get(fold(text.strip()))
    if key is None:
        raise InvalidInput(
            _("Nguồn dữ liệu «{name}» không có; dùng {keys}.").format(
                name=text.strip()[:60], keys=", ".join(SOURCES)
            ),
            field="source",
        )
    return key


def parse_sources(text: str) -> tuple[str, ...]:
    """Source keys separated by ";", "," or line breaks (an XLSX cell); "" gives none."""
    return tuple(parse_source(part) for part in re.split(r"[;,\n]", text) if part.strip())


def sources_text(keys: Iterable[str]) -> str:
    """The keys as an XLSX cell writes them."""
    return "; ".join(keys)


def printed_label(source: str | None) -> str:
    """How form 01 lists a document satisfied from ``source`` (printed forms are Vietnamese)."""
    found = SOURCES.get(source or "")
    return found.printed if found is not None else "Khai thác dữ liệu điện tử"
