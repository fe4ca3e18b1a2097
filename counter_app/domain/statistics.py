"""Period statistics from the event log, following Decision 766/QĐ-TTg (domain.md §4.2–4.3).

Definitions (all instants compared as time-zone-aware datetimes; days are Vietnam days):

* **Period**: from 00:00 of the first day to 24:00 of the last day, Vietnam time. Every event at
  or after the period end is ignored: the report shows the dossiers as they stood at that end.
* **Accepted** (tiếp nhận): the moment in the ``received`` payload, or, for a dossier guided at
  the counter (pending supplement), the ``received_at`` of the ``supplement_received`` event that
  completed it. Dossiers never accepted are only counted when refused (từ chối tiếp nhận).
* **Appointment** (ngày hẹn trả): the ``due_at`` set at acceptance, shifted by the station for
  every legal wait: a supplement requested during processing and a pause. The station already
  moves the due date when the wait ends (``supplement_received`` / ``resumed`` carry the shifted
  ``due_at``), so the waiting time is subtracted by replaying those shifts. An apology's new date
  is **not** an appointment: lateness is judged against the appointment without it.
  A dossier still waiting at the period end has its appointment pushed by the wait so far.
* **End time** (NgayKetThucXuLy): the ``resolved`` event (preferred); else ``stopped`` or
  ``withdrawn`` of an accepted dossier; ``refused`` only happens before acceptance.
* **Timeliness** of a resolved dossier: **late** (quá hạn) if it ended after the appointment or
  had more than one supplement request during processing; else **early** (trước hạn) if it ended
  on a Vietnam day before the appointment's day; else **on time** (đúng hạn). Late ones are split
  into "with apology" (an ``apologised`` event before the end) and "without".
* **Received in the period** = carried over (accepted before the period, not ended at its start)
  + new (accepted in the period; split by channel: online, direct, post). Each of them ends up in
  exactly one of: resolved in the period, withdrawn, stopped, or in progress at the period end
  (not yet due / overdue against the appointment).
* **Refused**: refusals at the counter in the period. **Returned by post**: ``returned`` events
  in the period with method ``post``; satisfaction counts the ratings given with returns in it.
  **Apologies**: ``apologised`` events in the period (letters issued, form 04).
* **On-time rate** = (early + on time) / resolved; **online ratio** = online / new.
* **Digitised** (số hóa): new dossiers whose papers the clerk marked as scanned at the counter
  (``digitised`` in the dossier of the event that created it); **digitised ratio** = digitised /
  new dossiers for which the clerk recorded either way (a dossier with no mark is not guessed).
* Breakdowns: field (lĩnh vực), procedure, channel, return method, clerk (actor of the event
  that accepted the dossier, or of the refusal).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from counter_app.domain.calendar import VN_TZ

if TYPE_CHECKING:
    from counter_app.domain.weekly import WeekTally

DIMENSIONS = ("field", "procedure", "channel", "return_method", "clerk")
_WAITS = ("supplement_requested", "paused")
_ENDS = ("resolved", "stopped", "withdrawn")
_CHANNELS = ("online", "direct", "post")
_VN_FIXED = timezone(timedelta(hours=7))  # Vietnam keeps UTC+7 all year: same days as VN_TZ


@dataclass(frozen=True)
class Period:
    """First and last day (inclusive), Vietnam days."""

    first: date
    last: date

    @cached_property
    def bounds(self) -> tuple[datetime, datetime]:
        """Start and end in UTC, computed once (UTC against UTC compares fastest)."""
        return self.start.astimezone(UTC), self.end.astimezone(UTC)

    @property
    def start(self) -> datetime:
        """00:00 of the first day."""
        return datetime.combine(self.first, time(), VN_TZ)

    @property
    def end(self) -> datetime:
        """24:00 of the last day (exclusive)."""
        return datetime.combine(self.last + timedelta(days=1), time(), VN_TZ)


class Step(NamedTuple):
    """One event, reduced to what statistics need."""

    type: str
    at: datetime
    actor: str = ""
    due_at: datetime | None = None  # received/supplement_received/resumed; apology's new date
    received_at: datetime | None = None
    method: str | None = None
    rating: str | None = None
    digitised: bool | None = None  # the creating event's mark; None: not recorded


@dataclass(frozen=True, slots=True)
class Trail:
    """A dossier's attributes and its events in causal order."""

    field: str
    procedure: str
    channel: str
    return_method: str
    steps: Sequence[Step]


@dataclass
class Figures:
    """The counts of one report row."""

    received: int = 0
    carried_over: int = 0
    new: int = 0
    new_online: int = 0
    new_direct: int = 0
    new_post: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    late_apologised: int = 0
    late_unapologised: int = 0
    pending: int = 0
    pending_not_due: int = 0
    pending_overdue: int = 0
    withdrawn: int = 0
    stopped: int = 0
    refused: int = 0
    returned: int = 0
    returned_post: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    apologies: int = 0
    digitised: int = 0
    digitisation_recorded: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """(early + on time) / resolved; None when nothing was resolved."""
        return (self.early + self.on_time) / self.resolved if self.resolved else None

    @property
    def online_ratio(self) -> float | None:
        """online / new; None when nothing new was received."""
        return self.new_online / self.new if self.new else None

    @property
    def digitised_ratio(self) -> float | None:
        """digitised / new dossiers whose digitisation was recorded; None when none was."""
        recorded = self.digitisation_recorded
        return self.digitised / recorded if recorded else None

    def add(self, names: Iterable[str], count: int) -> None:
        """Add ``count`` to each named counter."""
        for name in names:
            setattr(self, name, getattr(self, name) + count)

    def as_dict(self) -> dict[str, int | float | None]:
        """Counters and rates as plain values."""
        values: dict[str, int | float | None] = {
            f.name: getattr(self, f.name) for f in fields(self)
        }
        values["on_time_rate"] = self.on_time_rate
        values["online_ratio"] = self.online_ratio
        values["digitised_ratio"] = self.digitised_ratio
        return values


@dataclass(frozen=True)
class Row:
    """One breakdown line."""

    key: str
    figures: Figures


@dataclass
class PeriodReport:
    """Totals and one list of rows per dimension (sorted by key)."""

    period: Period
    totals: Figures = field(default_factory=Figures)
    breakdowns: dict[str, list[Row]] = field(default_factory=dict)


def contributions(
    steps: Sequence[Step], period: Period, channel: str = "direct"
) -> tuple[str, tuple[str, ...]]:
    """The clerk and the counters one dossier adds to, as it stood at the period end."""
    state = follow(steps, period)
    return state.clerk, state.names(period, channel)


def follow(steps: Sequence[Step], period: Period) -> Fold:
    """One dossier's events folded up to the period end."""
    state = Fold(clerk=steps[0].actor if steps else "")
    start, end = period.bounds
    for step in steps:
        if step.at >= end:
            break
        if step.digitised is not None:
            state.digitised = step.digitised
        if step.type == "returned":
            if step.at >= start:
                state.out += _returned(step)
        elif step.received_at is not None and state.accepted is None:
            state.accepted, state.due, state.clerk = step.received_at, step.due_at, step.actor
        elif step.type == "refused":
            if step.at >= start:
                state.out.append("refused")
        elif state.accepted is not None and state.ended is None:
            state.follow(step, steps, start)
    return state


@dataclass(slots=True)
class Fold:
    """Where one dossier stands: acceptance, appointment, waits, end, counters so far."""

    clerk: str
    accepted: datetime | None = None
    due: datetime | None = None
    supplements: int = 0
    apologised: bool = False
    waiting: datetime | None = None
    ended: tuple[str, datetime] | None = None
    digitised: bool | None = None
    out: list[str] = field(default_factory=list)

    def follow(self, step: Step, steps: Sequence[Step], start: datetime) -> None:
        """One event of an accepted, unfinished dossier (``start``: the period's)."""
        kind = step.type
        if kind in _WAITS:
            self.supplements += kind == "supplement_requested"
            self.waiting = step.at
        elif kind in ("supplement_received", "resumed") and step.due_at is not None:
            if self.due is not None and self.waiting is not None:
                self.due += step.due_at - _shifted_from(steps, step)
            self.waiting = None
        elif kind == "apologised":
            self.apologised = True
            if step.at >= start:
                self.out.append("apologies")
        elif kind in _ENDS:
            self.ended = (kind, step.at)

    def names(self, period: Period, channel: str) -> tuple[str, ...]:
        """Every counter the dossier adds to (empty: it does not count in the period)."""
        start, end = period.bounds
        accepted, ended = self.accepted, self.ended
        if accepted is None or (ended is not None and ended[1] < start):
            return tuple(self.out)
        if accepted < start:
            received = ["received", "carried_over"]
        else:
            received = _new(channel) + _digitisation(self.digitised)
        return tuple(self.out + received + self.outcome(end))

    def outcome(self, end: datetime) -> list[str]:
        """Where the dossier stands at ``end``."""
        due = self.due
        if self.ended is None:
            if due is not None and self.waiting is not None:
                due += end - self.waiting  # still waiting: the clock is stopped
            overdue = due is not None and end > due
            return ["pending", "pending_overdue" if overdue else "pending_not_due"]
        kind, at = self.ended
        if kind != "resolved":
            return [kind]
        if self.supplements > 1 or (due is not None and at > due):
            late = "late_apologised" if self.apologised else "late_unapologised"
            return ["resolved", "late", late]
        if due is None or at.astimezone(_VN_FIXED).date() < due.astimezone(_VN_FIXED).date():
            return ["resolved", "early"]
        return ["resolved", "on_time"]


def _new(channel: str) -> list[str]:
    return ["received", "new", f"new_{channel}" if channel in _CHANNELS else "new_direct"]


def _digitisation(digitised: bool | None) -> list[str]:
    if digitised is None:
        return []
    return ["digitisation_recorded", "digitised"] if digitised else ["digitisation_recorded"]


def _returned(step: Step) -> list[str]:
    names = ["returned"] + (["returned_post"] if step.method == "post" else [])
    if step.rating in ("very_satisfied", "satisfied", "dissatisfied"):
        names.append(step.rating)
    return names


def _shifted_from(steps: Sequence[Step], shift: Step) -> datetime:
    """The due date in force just before ``shift`` (the fold's ``due_at``, apologies included)."""
    current: datetime | None = None
    for step in steps:
        if step is shift:
            break
        if step.due_at is not None:
            current = step.due_at
    assert current is not None
    return current


# one signature of what a dossier adds: field, procedure, channel, return method, clerk, counters
Signature = tuple[str, str, str, str, str, tuple[str, ...]]


def build_report(
    trails: Iterable[Trail], period: Period, *, weeks: WeekTally | None = None
) -> PeriodReport:
    """The period report for these dossiers (any dossier that adds nothing is skipped).

    With ``weeks`` the same folds also feed the weekly series, in the same pass.
    """
    return report_from_tally(tally_trails(trails, period, weeks=weeks), period)


def tally_trails(
    trails: Iterable[Trail], period: Period, *, weeks: WeekTally | None = None
) -> Counter[Signature]:
    """How many dossiers add each signature; tallies of disjoint dossiers simply add up."""
    tally: Counter[Signature] = Counter()
    for trail in trails:
        state = follow(trail.steps, period)
        if weeks is not None:
            weeks.add(state)
        names = state.names(period, trail.channel)
        if names:
            attributes = (trail.field, trail.procedure, trail.channel, trail.return_method)
            tally[(*attributes, state.clerk, names)] += 1
    return tally


def report_from_tally(tally: Mapping[Signature, int], period: Period) -> PeriodReport:
    """Expand per-signature counts into totals and breakdown rows."""
    report = PeriodReport(period)
    by: dict[str, dict[str, Figures]] = {dimension: {} for dimension in DIMENSIONS}
    for (*keys, names), count in tally.items():
        report.totals.add(names, count)
        for dimension, key in zip(DIMENSIONS, keys, strict=True):
            by[dimension].setdefault(key, Figures()).add(names, count)
    report.breakdowns = {
        dimension: [Row(key, rows[key]) for key in sorted(rows)] for dimension, rows in by.items()
    }
    return report
