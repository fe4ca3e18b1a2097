"""The access log: who saw which citizen's data, when, from which counter, and how.

Every view of a dossier's personal data (opened, printed, exported, listed with names in a
search result) is one entry. Each station (and each agency's back office on the server) chains
its own entries as it chains its events, in a chain of their own: views never change a dossier's
fold, and a removed or edited entry breaks the chain. A search records what kind of query it was
(code, ID number, phone, name, filters), never what was typed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from counter_app.domain.codes import looks_like_code
from counter_app.domain.events import GENESIS_HASH, ChainBreak, canonical_json
from counter_app.i18n import N_


class AccessKind(StrEnum):
    """What was done with the data."""

    OPEN = "open"  # one dossier shown in full
    PRINT = "print"  # a form of one dossier built (printed, previewed or written to a file)
    SEARCH = "search"  # a search result listing names
    LIST = "list"  # a work list listing names (the due board)
    REGISTER = "register"  # the register book of a period (every dossier's applicant)
    EXPORT = "export"  # data carried out of the station (a transfer file)
    SUBJECT_EXPORT = "subject_export"  # everything held about one person, for that person


class QueryKind(StrEnum):
    """What a search was looked up by: the kind of text typed, never the text."""

    CODE = "code"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    NAME = "name"
    FILTERS = "filters"  # the box left empty, filters alone


class Via(StrEnum):
    """Where the view was made."""

    GUI = "gui"
    CLI = "cli"
    OFFICE = "office"  # the central server's back office


KIND_LABELS: Mapping[str, str] = {
    AccessKind.OPEN: N_("Mở hồ sơ"),
    AccessKind.PRINT: N_("In, xuất giấy tờ"),
    AccessKind.SEARCH: N_("Tìm kiếm"),
    AccessKind.LIST: N_("Danh sách hạn giải quyết"),
    AccessKind.REGISTER: N_("Sổ theo dõi hồ sơ"),
    AccessKind.EXPORT: N_("Xuất tệp đồng bộ"),
    AccessKind.SUBJECT_EXPORT: N_("Xuất dữ liệu của một người"),
}
QUERY_LABELS: Mapping[str, str] = {
    QueryKind.CODE: N_("theo mã hồ sơ"),
    QueryKind.ID_NUMBER: N_("theo số định danh"),
    QueryKind.PHONE: N_("theo số điện thoại"),
    QueryKind.NAME: N_("theo họ tên"),
    QueryKind.FILTERS: N_("theo điều kiện lọc"),
}
VIA_LABELS: Mapping[str, str] = {
    Via.GUI: N_("Cửa sổ"),
    Via.CLI: N_("Dòng lệnh"),
    Via.OFFICE: N_("Bộ phận xử lý (máy chủ)"),
}


ID_NUMBER_DIGITS = 12
_SEPARATORS = re.compile(r"[\s.\-+()]")


def query_kind(query: str) -> QueryKind:
    """What a search box's text is, the way the search reads it (the text itself is not kept)."""
    cleaned = query.strip()
    if not cleaned:
        return QueryKind.FILTERS
    if looks_like_code(cleaned):
        return QueryKind.CODE
    digits = _SEPARATORS.sub("", cleaned)
    if digits.isdigit():
        return QueryKind.ID_NUMBER if len(digits) == ID_NUMBER_DIGITS else QueryKind.PHONE
    return QueryKind.NAME


def search_detail(query: str, filters: Sequence[str], shown: int) -> dict[str, object]:
    """What a search entry records: the query's kind, the filters used (by name), the count."""
    return {"query": query_kind(query).value, "filters": sorted(filters), "shown": shown}


@dataclass(frozen=True)
class AccessEntry:
    """One view, as stored, hashed and synced."""

    id: str
    station_id: str
    seq: int  # 1, 2, 3 … per station: the order of the access chain
    actor: str
    at: datetime
    kind: str
    via: str
    dossier_ids: tuple[str, ...] = ()
    detail: Mapping[str, Any] = field(default_factory=dict)
    prev_hash: str = GENESIS_HASH
    hash: str = ""


def access_hash(entry: AccessEntry) -> str:
    """The hash an entry must carry, given its content and ``prev_hash``."""
    body = canonical_json(
        [
            "access",  # an entry can never pass for an event with the same fields
            entry.id,
            entry.station_id,
            entry.seq,
            entry.actor,
            entry.at.isoformat(),
            entry.kind,
            entry.via,
            list(entry.dossier_ids),
            entry.detail,
            entry.prev_hash,
        ]
    )
    return hashlib.sha256(body.encode()).hexdigest()


def verify_access_chain(
    entries: Iterable[AccessEntry], *, after_seq: int = 0, after_hash: str = GENESIS_HASH
) -> list[ChainBreak]:
    """Check one station's entries, given in ``seq`` order from ``after_seq + 1``."""
    breaks: list[ChainBreak] = []
    previous_hash, expected_seq = after_hash, after_seq + 1
    for entry in entries:
        if entry.seq != expected_seq:
            breaks.append(ChainBreak(entry.station_id, entry.seq, f"expected seq {expected_seq}"))
        if entry.prev_hash != previous_hash:
            breaks.append(ChainBreak(entry.station_id, entry.seq, "prev_hash does not link"))
        if access_hash(entry) != entry.hash:
            breaks.append(ChainBreak(entry.station_id, entry.seq, "hash does not match content"))
        previous_hash, expected_seq = entry.hash, entry.seq + 1
    return breaks
