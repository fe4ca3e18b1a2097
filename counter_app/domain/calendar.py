"""Working calendar: which days count, and when a dossier is due.

Days off come from the official calendar (``official_calendar``: the decisions shipped for each
year, else the Labour Code's days as the ``holidays`` package places them) corrected by
overrides the server published or the station's administrator set (extra days off, worked
Saturdays). Working time runs only inside the sessions of
working days (07:30–11:30 and 13:30–17:30 by default). All arithmetic is done in the local wall
time of the calendar's time zone (Asia/Ho_Chi_Minh, which has no daylight-saving time); every
datetime taken or returned is timezone-aware.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from counter_app.domain.errors import InvalidInput
from counter_app.domain.official_calendar import (
    OfficialDay,
    labour_code_name,
    package_days,
    shipped_years,
)
from counter_app.i18n import _

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_ZERO = timedelta(0)
_TICK = timedelta(microseconds=1)
_DAY = timedelta(days=1)
_MIDNIGHT = time(0, 0)
_SATURDAY = 5

_E = TypeVar("_E", bound=StrEnum)


class TimeUnit(StrEnum):
    """How a procedure states its time limit."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"


class OverrideKind(StrEnum):
    """What an override does to its day."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


def _member(kind: type[_E], value: object, message: str, field: str) -> _E:
    """``value`` as a member of ``kind``, or InvalidInput."""
    try:
        return kind(value)  # type: ignore[arg-type]  # any value: ValueError if unknown
    except ValueError:
        raise InvalidInput(message, field=field) from None


@dataclass(frozen=True)
class ProcessingTime:
    """A time limit: ``amount`` of ``unit`` (0 working days = same day), optional 15:00 rule."""

    amount: int
    unit: TimeUnit
    same_day_cutoff: bool = False

    def __post_init__(self) -> None:
        amount_ok = isinstance(self.amount, int) and not isinstance(self.amount, bool)
        if not amount_ok or self.amount < 0:
            raise InvalidInput(_("Thời hạn giải quyết phải là số nguyên không âm."), field="amount")
        unit = _member(TimeUnit, self.unit, _("Đơn vị thời hạn không hợp lệ."), "unit")
        object.__setattr__(self, "unit", unit)


@dataclass(frozen=True)
class CalendarOverride:
    """One day made a day off or a working day, whatever the package and the weekday say."""

    day: date
    kind: OverrideKind
    reason: str
    source: str = "local"  # "published" by the server, or "local" (the station's admin)
    document: str | None = None  # the decision it follows, when one was given

    def __post_init__(self) -> None:
        kind = _member(OverrideKind, self.kind, _("Loại ngày điều chỉnh không hợp lệ."), "kind")
        object.__setattr__(self, "kind", kind)


class DaySource(StrEnum):
    """Where a day that is not an ordinary weekday or weekend comes from."""

    DECISION = "decision"  # shipped official decision (resources/calendar)
    LABOUR_CODE = "labour_code"  # provisional year: the Labour Code's day, placed by the package
    PUBLISHED = "published"  # published by the central server
    LOCAL = "local"  # set by the station's administrator
    NOT_APPLIED = "not_applied"  # the package names it, no decision confirms it: still worked


@dataclass(frozen=True)
class CalendarEntry:
    """One special day of a year as the calendar applies it, with its source."""

    day: date
    working: bool
    name: str
    source: DaySource
    document: str | None = None


DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 30)),
)
DEFAULT_CUTOFF = time(15, 0)


def _offset(moment: time) -> timedelta:
    """Time elapsed since midnight at the wall-clock ``moment``."""
    return timedelta(
        hours=moment.hour,
        minutes=moment.minute,
        seconds=moment.second,
        microseconds=moment.microsecond,
    )


def _check_sessions(sessions: tuple[tuple[time, time], ...], cutoff: time) -> None:
    """Raise InvalidInput unless the sessions are non-empty, ordered and disjoint."""
    if not sessions:
        raise InvalidInput(_("Phải có ít nhất một buổi làm việc."), field="sessions")
    moments = [moment for session in sessions for moment in session]
    if any(moment.tzinfo is not None for moment in [*moments, cutoff]):
        raise InvalidInput(_("Giờ làm việc không được kèm múi giờ."), field="sessions")
    previous_end: time | None = None
    for start, end in sessions:
        if start >= end:
            raise InvalidInput(
                _("Giờ bắt đầu buổi làm việc phải trước giờ kết thúc."), field="sessions"
            )
        if previous_end is not None and start < previous_end:
            raise InvalidInput(
                _("Các buổi làm việc phải theo thứ tự và không chồng lên nhau."),
                field="sessions",
            )
        previous_end = end


@dataclass(frozen=True)
class WorkingHours:
    """Daily sessions (wall-clock, closed intervals) and the same-day cut-off."""

    sessions: tuple[tuple[time, time], ...] = DEFAULT_SESSIONS
    cutoff: time = DEFAULT_CUTOFF

    def __post_init__(self) -> None:
        sessions = tuple((start, end) for start, end in self.sessions)
        _check_sessions(sessions, self.cutoff)
        object.__setattr__(self, "sessions", sessions)

    @property
    def day_length(self) -> timedelta:
        """Working time in one working day (8 h by default)."""
        return sum((_offset(end) - _offset(start) for start, end in self.sessions), _ZERO)

    @property
    def hours_per_day(self) -> float:
        """Hours in one working day: 1 working day = this many working hours."""
        return self.day_length / timedelta(hours=1)


DEFAULT_HOURS = WorkingHours()


@dataclass(frozen=True, slots=True)
class _Year:
    """Everything the calendar knows about one year, built once."""

    working: frozenset[date]
    ordered: tuple[date, ...]
    names: dict[date, str]
    entries: tuple[CalendarEntry, ...]


def _days_of(year: int) -> Iterator[date]:
    """Every day of ``year`` in order."""
    first = date(year, 1, 1)
    for index in range((date(year + 1, 1, 1) - first).days):
        yield first + timedelta(days=index)


def _offset_of(moment: datetime) -> timedelta:
    """Time elapsed since the midnight of the (naive, local) ``moment``."""
    return moment - datetime.combine(moment.date(), _MIDNIGHT)


def _at(day: date, offset: timedelta) -> datetime:
    """The naive local moment ``offset`` after the midnight of ``day``."""
    return datetime.combine(day, _MIDNIGHT) + offset


class WorkingCalendar:
    """Working days and working time of one station; years are built lazily and cached."""

    def __init__(
        self,
        overrides: Iterable[CalendarOverride] = (),
        hours: WorkingHours = DEFAULT_HOURS,
        tz: ZoneInfo = VN_TZ,
        official: Mapping[int, tuple[OfficialDay, ...]] | None = None,
    ) -> None:
        self.hours = hours
        self.tz = tz
        self._official = shipped_years() if official is None else official
        self._overrides: dict[date, CalendarOverride] = {item.day: item for item in overrides}
        self._sessions = tuple((_offset(start), _offset(end)) for start, end in hours.sessions)
        self._day_length = hours.day_length
        self._years: dict[int, _Year] = {}

    @property
    def overrides(self) -> tuple[CalendarOverride, ...]:
        """The overrides in force, one per day, by date."""
        return tuple(sorted(self._overrides.values(), key=lambda item: item.day))

    # --- days -------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Mon–Fri and not a public holiday; overrides win both ways."""
        day = self._as_date(day)
        return day in self._year(day.year).working

    def holiday_name(self, day: date) -> str | None:
        """Vietnamese name of the day off (decision, package name or override), else None."""
        day = self._as_date(day)
        return self._year(day.year).names.get(day)

    def is_provisional(self, year: int) -> bool:
        """True when no official decision for ``year`` is shipped (Labour Code days only)."""
        return year not in self._official

    def entries(self, year: int) -> tuple[CalendarEntry, ...]:
        """Every special day of ``year`` as applied, with its source, by date."""
        return self._year(year).entries

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self._nth_working_day(self._as_date(day), 1)

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days in (start, end]; negative if ``end`` < ``start``."""
        start, end = self._as_date(start), self._as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        whole_years = sum(len(self._year(year).ordered) for year in range(start.year, end.year))
        return whole_years + self._rank(end) - self._rank(start)

    # --- instants ---------------------------------------------------------------------

    def is_working_instant(self, moment: datetime) -> bool:
        """True if ``moment`` is inside a session (ends included) of a working day."""
        return self._is_instant(self._local(moment))

    def start_of_work(self, moment: datetime) -> datetime:
        """The first working instant at or after ``moment`` (a session end moves on)."""
        return self._aware(self._start_local(self._local(moment)))

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """``start`` plus ``amount`` of working time; ends exactly at a session end if due."""
        if amount < _ZERO:
            raise InvalidInput(_("Khoảng thời gian không được âm."), field="amount")
        return self._aware(self._add_local(self._start_local(self._local(start, "start")), amount))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time inside [start, end]; zero if ``end`` <= ``start``."""
        first, last = self._local(start, "start"), self._local(end, "end")
        if last <= first:
            return _ZERO
        if first.date() == last.date():
            return self._overlap(first.date(), _offset_of(first), _offset_of(last))
        whole = self.working_days_between(first.date(), last.date() - _DAY)
        head = self._overlap(first.date(), _offset_of(first), _DAY)
        tail = self._overlap(last.date(), _ZERO, _offset_of(last))
        return head + whole * self._day_length + tail

    def due_at(self, received_at: datetime, limit: ProcessingTime) -> datetime:
        """The appointment for a dossier received at ``received_at`` with time limit ``limit``."""
        received = self._local(received_at, "received_at")
        start = self._counting_start(received, limit.same_day_cutoff)
        return self._aware(self._due_local(start, limit))

    def shift_for_wait(
        self, due: datetime, waited_from: datetime, waited_until: datetime, unit: TimeUnit
    ) -> datetime:
        """``due`` moved later by the time waited (working time; plain time for calendar days)."""
        local_due = self._local(due, "due")
        self._local(waited_from, "waited_from")
        self._local(waited_until, "waited_until")
        waited = waited_until - waited_from
        if waited <= _ZERO:
            return self._aware(local_due)
        if unit == TimeUnit.CALENDAR_DAYS:
            return self._aware(self._land(local_due + waited))
        working = self.working_time_between(waited_from, waited_until)
        if working == _ZERO:
            return self._aware(local_due)
        return self._aware(self._add_local(self._start_local(local_due), working))

    # --- helpers: years ---------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        """The cached facts of ``year``, built on first use."""
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        """Apply the official days, weekends and overrides to every day of ``year``."""
        base = self._base_entries(year)
        for day, override in self._overrides.items():
            if day.year == year:
                base[day] = CalendarEntry(
                    day,
                    override.kind == OverrideKind.WORKING_DAY,
                    override.reason,
                    DaySource(override.source),
                    override.document,
                )
        applied = {
            day: entry for day, entry in base.items() if entry.source is not DaySource.NOT_APPLIED
        }
        names = {day: entry.name for day, entry in applied.items() if not entry.working}
        ordered = tuple(day for day in _days_of(year) if self._decide(day, applied))
        entries = tuple(entry for _day, entry in sorted(base.items()))
        return _Year(working=frozenset(ordered), ordered=ordered, names=names, entries=entries)

    def _base_entries(self, year: int) -> dict[date, CalendarEntry]:
        """The year's special days before overrides: its decision, else the Labour Code's."""
        official = self._official.get(year)
        if official is not None:
            return {
                item.day: CalendarEntry(
                    item.day, item.working, item.name, DaySource.DECISION, item.document
                )
                for item in official
            }
        entries: dict[date, CalendarEntry] = {}
        for day, name in package_days(year).items():
            known = labour_code_name(name)
            source = DaySource.LABOUR_CODE if known else DaySource.NOT_APPLIED
            entries[day] = CalendarEntry(day, not known, name, source)
        return entries

    @staticmethod
    def _decide(day: date, applied: Mapping[date, CalendarEntry]) -> bool:
        """Is ``day`` a working day: its special entry if any, else Monday to Friday."""
        entry = applied.get(day)
        if entry is not None:
            return entry.working
        return day.weekday() < _SATURDAY

    def _rank(self, day: date) -> int:
        """Number of working days from 1 January of its year up to and including ``day``."""
        return bisect_right(self._year(day.year).ordered, day)

    def _nth_working_day(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (count >= 1), skipping days in one step."""
        year = day.year
        ordered = self._year(year).ordered
        index = bisect_right(ordered, day) + count - 1
        while index >= len(ordered):
            index -= len(ordered)
            year += 1
            ordered = self._year(year).ordered
        return ordered[index]

    # --- helpers: local wall time -----------------------------------------------------

    def _as_date(self, day: date) -> date:
        """``day`` itself, or the local date of a datetime."""
        if isinstance(day, datetime):
            return self._local(day).date()
        return day

    def _local(self, moment: datetime, field: str = "moment") -> datetime:
        """``moment`` as naive local wall time of the calendar's zone; naive input is refused."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise InvalidInput(_("Thời điểm phải có múi giờ."), field=field)
        return moment.astimezone(self.tz).replace(tzinfo=None)

    def _aware(self, local: datetime) -> datetime:
        """Naive local wall time back to an aware datetime in the calendar's zone."""
        return local.replace(tzinfo=self.tz)

    def _first_start(self, day: date) -> datetime:
        """Start of the first session of ``day``."""
        return _at(day, self._sessions[0][0])

    def _last_end(self, day: date) -> datetime:
        """End of the last session of ``day``."""
        return _at(day, self._sessions[-1][1])

    def _is_instant(self, local: datetime) -> bool:
        """Is the local moment inside a session (ends included) of a working day?"""
        if not self.is_working_day(local.date()):
            return False
        offset = _offset_of(local)
        return any(start <= offset <= end for start, end in self._sessions)

    def _start_local(self, local: datetime) -> datetime:
        """First working instant at or after ``local``; a session end moves to the next start."""
        day = local.date()
        if self.is_working_day(day):
            offset = _offset_of(local)
            for start, end in self._sessions:
                if offset < start:
                    return _at(day, start)
                if offset < end:
                    return local
        return self._first_start(self.next_working_day(day))

    def _land(self, local: datetime) -> datetime:
        """A calendar-day result: same wall time on the next working day, then a working instant."""
        day = local.date()
        if not self.is_working_day(day):
            local = datetime.combine(self.next_working_day(day), local.time())
        return local if self._is_instant(local) else self._start_local(local)

    def _overlap(self, day: date, low: timedelta, high: timedelta) -> timedelta:
        """Working time of ``day`` between the offsets ``low`` and ``high``."""
        if not self.is_working_day(day):
            return _ZERO
        return sum(
            (max(_ZERO, min(end, high) - max(start, low)) for start, end in self._sessions),
            _ZERO,
        )

    # --- helpers: deadlines -----------------------------------------------------------

    def _counting_start(self, received: datetime, cutoff: bool) -> datetime:
        """Where counting starts; the cut-off rule defers to the next working day."""
        # On a day off this equals start_of_work anyway, so no working-day test is needed.
        if cutoff and received.time() >= self.hours.cutoff:
            return self._first_start(self.next_working_day(received.date()))
        return self._start_local(received)

    def _due_local(self, start: datetime, limit: ProcessingTime) -> datetime:
        """The local due moment counted from the working instant ``start``."""
        if limit.unit == TimeUnit.CALENDAR_DAYS:
            return self._land(start + timedelta(days=limit.amount))
        if limit.unit == TimeUnit.WORKING_HOURS:
            return self._add_local(start, timedelta(hours=limit.amount))
        if limit.amount == 0:
            return self._last_end(start.date())
        return self._add_local(start, limit.amount * self._day_length)

    def _consume(
        self, day: date, offset: timedelta, amount: timedelta
    ) -> tuple[datetime | None, timedelta]:
        """Spend ``amount`` in the sessions of ``day`` from ``offset``: (result or None, left)."""
        for start, end in self._sessions:
            if offset >= end:
                continue
            begin = max(offset, start)
            if amount <= end - begin:
                return _at(day, begin + amount), _ZERO
            amount -= end - begin
        return None, amount

    def _add_local(self, start: datetime, amount: timedelta) -> datetime:
        """Add working time to a working instant: finish the day, skip whole days, finish."""
        day = start.date()
        result, left = self._consume(day, _offset_of(start), amount)
        if result is not None:
            return result
        skipped = (left - _TICK) // self._day_length
        target = self._nth_working_day(day, skipped + 1)
        result = self._consume(target, _ZERO, left - skipped * self._day_length)[0]
        assert result is not None  # the rest fits in one working day by construction
        return result
