"""The official calendar: days off and make-up working days decided for each year, with sources.

Each year that has a decision ships as ``resources/calendar/<year>.json`` (format
``counter-calendar/1``): every day off and worked Saturday of that year, each with the document
that set it (number and date of issue). Such a year is taken from its file alone. A year without
a file is *provisional*: its days off are the Labour Code's (art. 112) as the ``holidays``
package places them; anything else the package adds (a day a resolution announced but no law
has made a day off yet, such as 24/11 from 2026) is left out until a decision confirms it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from types import MappingProxyType

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.resources import resource_dir

FORMAT = "counter-calendar/1"
CALENDAR_DIR = resource_dir("calendar")
KINDS: Mapping[str, bool] = MappingProxyType({"off": False, "working": True})
MAX_TEXT = 200
# how far ahead an administrator is warned about a year without an official decision
PROVISIONAL_HORIZON = timedelta(days=60)

# The days off of Labour Code 45/2019/QH14 art. 112(1) by the package's Vietnamese names, and
# their compensation days (art. 112(3)); any other name the package gives is not confirmed.
LABOUR_CODE_NAMES = frozenset(
    {
        "Tết Dương lịch",
        "29 Tết",
        "Giao thừa Tết Nguyên Đán",
        "Tết Nguyên Đán",
        "Mùng hai Tết Nguyên Đán",
        "Mùng ba Tết Nguyên Đán",
        "Mùng bốn Tết Nguyên Đán",
        "Mùng năm Tết Nguyên Đán",
        "Mùng sáu Tết Nguyên Đán",
        "Ngày Giỗ Tổ Hùng Vương",
        "Ngày Chiến thắng",
        "Ngày Quốc tế Lao động",
        "Quốc khánh",
    }
)
_QUALIFIER = re.compile(r"\s*\((nghỉ bù|dự kiến|nghỉ bù, dự kiến)\)$")
_KEYS = frozenset({"day", "kind", "name", "document", "issued"})


@dataclass(frozen=True)
class OfficialDay:
    """One day set by a decision: a day off or a worked day, and the document that says so."""

    day: date
    working: bool
    name: str
    document: str
    issued: date


def _problem(file: str, where: str, message: str) -> InvalidInput:
    return InvalidInput(f"{file}, {where}: {message}", field="calendar")


def _text(item: Mapping[str, object], key: str, file: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        if key in ("document", "issued"):
            message = _("thiếu nguồn (số văn bản và ngày ban hành): trường «{key}».")
        else:
            message = _("thiếu trường «{key}».")
        raise _problem(file, where, message.format(key=key))
    if len(value) > MAX_TEXT:
        raise _problem(file, where, _("«{key}» dài quá 200 ký tự.").format(key=key))
    return value.strip()


def _date(item: Mapping[str, object], key: str, file: str, where: str) -> date:
    text = _text(item, key, file, where)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _problem(
            file, where, _("«{key}» phải là ngày dạng YYYY-MM-DD.").format(key=key)
        ) from None


def read_day(item: object, file: str, position: int, year: int) -> OfficialDay:
    """One entry of a calendar file; InvalidInput names the file, the entry and the field."""
    where = _("ngày thứ {n}").format(n=position)
    if not isinstance(item, Mapping):
        raise _problem(file, where, _("mỗi ngày phải là một đối tượng JSON."))
    unknown = sorted(str(key) for key in item if key not in _KEYS)
    if unknown:
        raise _problem(
            file,
            where,
            _("trường không có trong định dạng: {keys}.").format(keys=", ".join(unknown)),
        )
    day = _date(item, "day", file, where)
    where = day.isoformat()
    kind = _text(item, "kind", file, where)
    if kind not in KINDS:
        raise _problem(file, where, _("«kind» phải là off hoặc working."))
    official = OfficialDay(
        day=day,
        working=KINDS[kind],
        name=_text(item, "name", file, where),
        document=_text(item, "document", file, where),
        issued=_date(item, "issued", file, where),
    )
    if day.year != year:
        raise _problem(file, where, _("ngày không thuộc năm {year} của tệp.").format(year=year))
    return official


def read_calendar_document(document: object, file: str) -> tuple[int, tuple[OfficialDay, ...]]:
    """The year and days of a parsed ``counter-calendar/1`` document, all checked."""
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise _problem(file, "format", _('tệp phải có "format": "{f}".').format(f=FORMAT))
    year = document.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise _problem(file, "year", _("«year» phải là một năm (số nguyên)."))
    items = document.get("days")
    if not isinstance(items, list) or not items:
        raise _problem(file, "days", _("«days» phải là danh sách các ngày."))
    days = tuple(read_day(item, file, index, year) for index, item in enumerate(items, start=1))
    seen: set[date] = set()
    for official in days:
        if official.day in seen:
            raise _problem(file, official.day.isoformat(), _("ngày bị lặp lại."))
        seen.add(official.day)
    return year, tuple(sorted(days, key=lambda item: item.day))


def read_calendar_file(path: Path) -> tuple[int, tuple[OfficialDay, ...]]:
    """Read and check one calendar file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _problem(path.name, "JSON", str(error)[:200]) from None
    return read_calendar_document(document, path.name)


@cache
def shipped_years() -> Mapping[int, tuple[OfficialDay, ...]]:
    """Every year shipped in ``resources/calendar``, read once."""
    years: dict[int, tuple[OfficialDay, ...]] = {}
    for path in sorted(CALENDAR_DIR.glob("*.json")):
        year, days = read_calendar_file(path)
        years[year] = days
    return MappingProxyType(years)


def labour_code_name(name: str) -> bool:
    """Is this package name one of the Labour Code's days off (or its compensation day)?"""
    return _QUALIFIER.sub("", name) in LABOUR_CODE_NAMES


def package_days(year: int) -> dict[date, str]:
    """Every day off the ``holidays`` package gives for ``year``, with its Vietnamese name."""
    import holidays  # loaded with the first due date, not with the window

    found = holidays.country_holidays("VN", years=year, language="vi")
    return {day: str(name) for day, name in found.items() if day.year == year}


def provisional_years(confirmed: Mapping[int, str], today: date) -> list[int]:
    """Years from ``today`` to the warning horizon with neither a shipped decision nor a
    confirmation: their days off are the Labour Code's only, and the admin is warned."""
    years = range(today.year, (today + PROVISIONAL_HORIZON).year + 1)
    return [year for year in years if year not in shipped_years() and year not in confirmed]
