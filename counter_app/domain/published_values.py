"""Time limits and fees as provinces write them in a decision's annex, read into values.

A time limit comes as "Trong ngày", "03 ngày làm việc", "15 ngày", "Không quá 05 ngày làm việc
kể từ ngày nhận đủ hồ sơ", "04 giờ làm việc" or in words ("ba ngày làm việc"); several limits in
one cell (a longer one "trường hợp cần xác minh") give the first, the ordinary one. A fee comes
as "Không", "Miễn lệ phí", "8.000 đồng/lần", "Năm mươi nghìn đồng" or a scale with several
amounts (then the amount is left empty and the text says it all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import fold
from counter_app.i18n import _

# "tư" (four) is left out: folded it is "từ" (from), as in "kể từ ngày".
_DIGITS = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_SCALES = {"nghin": 1000, "ngan": 1000, "trieu": 1_000_000}
_NUMBER_WORDS = frozenset({*_DIGITS, *_SCALES, "muoi", "moi", "tram", "linh", "le"})
# A run of number words counts only before one of these ("năm ngày", not "năm 2025").
_COUNTED = frozenset({"ngay", "gio", "thang", "dong", "d", "vnd"})
_UNIT_WORDS = (
    ("gio lam viec", "working_hours"),
    ("gio", "working_hours"),
    ("ngay lam viec", "working_days"),
    ("ngay", "calendar_days"),
    ("thang", "months"),
)
_SAME_DAY = re.compile(r"^(ngay )?trong ngay|^ngay sau khi|^ngay khi|^giai quyet ngay")
_AMOUNT = re.compile(r"(\d+)\s+(gio lam viec|gio|ngay lam viec|ngay|thang)\b")
_FREE = re.compile(r"^(khong|mien)\b")
_MONEY = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:d\b|dong\b|vnd\b)")


@dataclass(frozen=True)
class TimeLimit:
    """A time limit as Counter counts it (``unit`` one of the calendar's TimeUnit values)."""

    amount: int
    unit: str
    same_day_cutoff: bool


def parse_time_limit(text: str) -> TimeLimit:
    """The limit ``text`` states, or InvalidInput saying what could not be read."""
    folded = _fold(text)
    if not folded:
        raise InvalidInput(_("Ô thời hạn giải quyết để trống."), field="time")
    if _SAME_DAY.search(folded):
        return TimeLimit(0, "working_days", True)
    match = _AMOUNT.search(_digits_for_words(folded))
    if match is None:
        raise InvalidInput(
            _("Không đọc được thời hạn giải quyết «{text}».").format(text=text.strip()[:80]),
            field="time",
        )
    amount, unit = int(match.group(1)), dict(_UNIT_WORDS)[match.group(2)]
    if unit == "months":
        amount, unit = amount * 30, "calendar_days"
    if amount > 365:
        raise InvalidInput(
            _("Thời hạn {n} ngày quá dài (tối đa 365).").format(n=amount), field="time"
        )
    return TimeLimit(amount, unit, False)


def _fold(text: str) -> str:
    """Lower case without diacritics, punctuation but digit separators turned into spaces."""
    return " ".join(re.sub(r"[^0-9a-z.,]+", " ", fold(text)).replace(", ", " ").split())


def _digits_for_words(folded: str) -> str:
    """``folded`` with each run of number words before a unit or "đồng" put in digits."""
    words = folded.split()
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word in _NUMBER_WORDS:
            run.append(word)
            continue
        # the unit is the word up to its first stop or comma: "ngày.Trường hợp" still counts
        unit = re.split(r"[.,]", word)[0]
        value = number_from_words(run) if run and unit in _COUNTED else None
        out.extend([str(value)] if value is not None else run)
        run = []
        if word:
            out.append(word)
    return " ".join(out)


def number_from_words(words: list[str]) -> int | None:
    """The number Vietnamese words name ("mười lăm" 15, "năm mươi nghìn" 50000), or None."""
    # ``last``: the digit just read, which a following "trăm" or "mươi" multiplies ("không
    # trăm" is no hundreds); None: no digit, so "trăm" alone is one hundred and "mười" ten
    total, group = 0, 0
    last: int | None = None
    if words and words[0] in ("lam", "linh", "le"):
        return None
    for word in words:
        if word in _SCALES:
            total += max(group, 1) * _SCALES[word]
            group, last = 0, None
        elif word == "tram":
            group = group - last + last * 100 if last is not None else group + 100
            last = None
        elif word in ("muoi", "moi"):
            group = group - last + max(last, 1) * 10 if last is not None else group + 10
            last = None
        elif word in ("linh", "le"):
            continue
        elif word in _DIGITS:
            last = _DIGITS[word]
            group += last
        else:
            return None
    value = total + group
    return value if words and (value or words == ["khong"]) else None


def parse_fee(text: str) -> int | None:
    """The fee in whole đồng: 0 when none is charged, None for a scale of several amounts.

    InvalidInput when the text names no amount and does not say the procedure is free.
    """
    folded = _fold(text)
    found = _MONEY.findall(_digits_for_words(folded))
    amounts = {int(re.sub(r"[.,]", "", amount)) for amount in found}
    if len(amounts) == 1:
        return amounts.pop()
    if amounts:
        return None
    if _FREE.search(folded) and not folded.startswith("khong qua"):
        return 0
    raise InvalidInput(
        _("Không đọc được mức phí, lệ phí «{text}».").format(text=text.strip()[:80]), field="fee"
    )
