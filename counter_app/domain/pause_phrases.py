"""Lawful pause grounds read from a procedure's own published text.

A province's decision often writes the exclusion beside the time limit: "15 ngày làm việc (không
tính thời gian thực hiện nghĩa vụ tài chính)", "… không tính thời gian niêm yết công khai, trưng
cầu giám định", "Thời gian xác minh không tính vào thời hạn giải quyết". Each clause that excludes
time ("không tính", "không kể", "không bao gồm") and names a step of a ground kind (domain.pauses)
gives that ground, the clause as written being its source. An exclusion naming nothing a clerk
may pause for (holidays, the commune's reception, a land-use violation being dealt with) gives no
ground and is reported. A longer limit "trường hợp cần xác minh" is an extension, not an
exclusion, and gives nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from counter_app.domain.pauses import PauseGround
from counter_app.domain.text import fold

_EXCLUDES = (("khong", "tinh"), ("khong", "ke"), ("khong", "bao", "gom"))
# Folded words naming each ground's step; the first kind a clause names comes first.
_GROUND_WORDS: tuple[tuple[PauseGround, tuple[tuple[str, ...], ...]], ...] = (
    (PauseGround.FINANCIAL_OBLIGATION, (("nghia", "vu", "tai", "chinh"), ("nop", "thue"))),
    (PauseGround.PUBLIC_POSTING, (("niem", "yet"), ("cong", "khai"))),
    (
        PauseGround.APPRAISAL,
        (("giam", "dinh"), ("tham", "dinh"), ("kiem", "tra", "thuc", "te")),
    ),
    (PauseGround.VERIFICATION, (("xac", "minh"), ("tham", "tra"))),
    (PauseGround.CONSULTATION, (("lay", "y", "kien"), ("xin", "y", "kien"))),
)
_DAYS_OFF = (("ngay", "nghi"), ("ngay", "le"), ("thu", "bay"), ("chu", "nhat"))
_CLAUSES = re.compile(r"[\n;()\[\]]|\.(?=\s|$)")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GroundPhrase:
    """A ground a text gives, the clause that gives it, and the column it was read in."""

    ground: str  # a PauseGround value
    phrase: str
    column: str = ""


@dataclass(frozen=True)
class PhraseReading:
    """The grounds a text gives, and the exclusions in it that name no ground."""

    grounds: tuple[GroundPhrase, ...] = ()
    unmatched: tuple[str, ...] = ()


def read_pause_phrases(text: str) -> PhraseReading:
    """The grounds each excluding clause of ``text`` names (first phrase per ground)."""
    grounds: dict[str, GroundPhrase] = {}
    unmatched: list[str] = []
    for clause in _clauses(text):
        found = _read_clause(clause)
        if found is None:
            continue
        named, phrase = found
        for ground in named:
            grounds.setdefault(ground, GroundPhrase(ground, phrase))
        if not named and not _only_days_off(phrase):
            unmatched.append(phrase)
    return PhraseReading(tuple(grounds.values()), tuple(unmatched))


def _clauses(text: str) -> Iterator[str]:
    for part in _CLAUSES.split(unicodedata.normalize("NFC", text)):
        clause = " ".join(part.split()).strip(" ,:-–")
        if clause:
            yield clause


def _read_clause(clause: str) -> tuple[tuple[str, ...], str] | None:
    """(grounds named, the phrase) for a clause that excludes time, else None."""
    words = [(fold(m.group()), m.start()) for m in _WORD.finditer(clause)]
    folded = [word for word, _start in words]
    marker = _first(folded, _EXCLUDES)
    if marker is None:
        return None
    after = folded[marker:]
    named = tuple(
        ground.value for ground, spellings in _GROUND_WORDS if _first(after, spellings) is not None
    )
    if named:
        return named, clause[words[marker][1] :]
    before = tuple(
        ground.value
        for ground, spellings in _GROUND_WORDS
        if _first(folded[:marker], spellings) is not None
    )
    return before, clause if before else clause[words[marker][1] :]


def _first(words: list[str], spellings: tuple[tuple[str, ...], ...]) -> int | None:
    """The index where one of ``spellings`` starts in ``words`` (the earliest), else None."""
    starts = [
        i
        for spelling in spellings
        for i in range(len(words) - len(spelling) + 1)
        if tuple(words[i : i + len(spelling)]) == spelling
    ]
    return min(starts) if starts else None


def _only_days_off(phrase: str) -> bool:
    """True for an exclusion of weekends and holidays only (the calendar counts them)."""
    folded = [fold(m.group()) for m in _WORD.finditer(phrase)]
    return _first(folded, _DAYS_OFF) is not None
