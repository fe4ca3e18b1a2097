"""A dossier's current facts, derived by folding its events in order.

The ``dossiers`` table is this fold kept up to date in the same transaction as each event;
``events verify`` rebuilds it from the log and compares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from counter_app.domain import personal
from counter_app.domain.errors import CounterError
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import EventType, State, next_state
from counter_app.domain.numbers import read_issued

APPLICANT_FIELDS = personal.APPLICANT_FIELDS
_ENDING = {
    EventType.RESOLVED,
    EventType.REFUSED,
    EventType.WITHDRAWN,
    EventType.STOPPED,
}


@dataclass(frozen=True)
class DossierFacts:
    """Everything the projection holds about one dossier."""

    id: str
    code: str
    station_id: str
    procedure_id: str
    procedure_code: str
    applicant: Mapping[str, str | None]
    channel: str
    return_method: str
    documents: tuple[Mapping[str, Any], ...]
    state: State
    created_at: datetime
    received_at: datetime | None = None
    due_at: datetime | None = None
    original_due_at: datetime | None = None
    ended_at: datetime | None = None
    returned_at: datetime | None = None
    pause_kind: str | None = None
    paused_at: datetime | None = None
    apology_count: int = 0
    supplement_count: int = 0
    fee_paid: int | None = None
    rating: str | None = None
    last_hlc: int = 0
    applicable: tuple[str, ...] = ()  # conditional documents the clerk marked as applying
    register_year: int | None = None  # Quyển số: the register book (year) it was entered in
    register_number: int | None = None  # Số thứ tự in that book; None before numbering


def parse_time(value: str | None) -> datetime | None:
    """Read an ISO timestamp from a payload."""
    return None if value is None else datetime.fromisoformat(value)


def fold(events: Iterable[EventRecord]) -> DossierFacts | None:
    """The facts after every event, applied in the given order."""
    facts: DossierFacts | None = None
    for event in events:
        facts = apply(facts, event)
    return facts


@dataclass(frozen=True)
class KeptFold:
    """A fold that kept going past events that do not fit: the facts, and what was skipped."""

    facts: DossierFacts | None
    skipped: tuple[tuple[EventRecord, str], ...] = ()


def fold_kept(events: Iterable[EventRecord]) -> KeptFold:
    """Fold in the given order, skipping (with the reason) every event that does not fit.

    This is THE rule for a log that holds other stations' events: a late event that contradicts
    the dossier's state stays in the log, is flagged as a conflict, and the projection skips it.
    ``events verify`` folds with the same rule.
    """
    facts: DossierFacts | None = None
    skipped: list[tuple[EventRecord, str]] = []
    for event in events:
        try:
            facts = apply(facts, event)
        except CounterError as error:
            skipped.append((event, error.message))
        except (KeyError, TypeError, ValueError) as error:  # a payload this version cannot read
            skipped.append((event, f"{type(error).__name__}: {error}"))
    return KeptFold(facts, tuple(skipped))


def apply(facts: DossierFacts | None, event: EventRecord) -> DossierFacts:
    """One step of the fold; raise TransitionNotAllowed if the event does not fit the state."""
    kind = EventType(event.type)
    state = next_state(None if facts is None else facts.state, kind)
    before = _created(event, state) if facts is None else facts
    changes = _STEPS[kind](before, event, state) if kind in _STEPS else {}
    changes["state"] = state
    changes["last_hlc"] = max(before.last_hlc, event.hlc)
    if kind in _ENDING:
        changes["ended_at"] = event.wall_clock
    return replace(before, **changes)


def _created(event: EventRecord, state: State) -> DossierFacts:
    d = event.payload["dossier"]
    # sealed: the applicant beside the event (none once erased); earlier: inside the payload
    applicant = personal.part(event).get("applicant") or d.get("applicant") or {}
    return DossierFacts(
        id=event.dossier_id,
        code=d["code"],
        station_id=event.station_id,
        procedure_id=d["procedure_id"],
        procedure_code=d["procedure_code"],
        applicant={key: applicant.get(key) for key in APPLICANT_FIELDS},
        channel=d["channel"],
        return_method=d["return_method"],
        documents=tuple(d["documents"]),
        applicable=tuple(d.get("applicable", ())),
        state=state,
        created_at=event.wall_clock,
    )


Changes = dict[str, Any]


def _received(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    due = parse_time(event.payload["due_at"])
    received = parse_time(event.payload["received_at"])
    changes: Changes = {"received_at": received, "due_at": due, "original_due_at": due}
    register = read_issued(event.payload.get("register"))
    if register is not None:
        changes |= {"register_year": register.year, "register_number": register.value}
    return changes


def _supplement_requested(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    paused_at = event.wall_clock if state is State.SUPPLEMENT_REQUESTED else None
    return {"supplement_count": facts.supplement_count + 1, "paused_at": paused_at}


def _supplement_received(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    documents = facts.documents + tuple(event.payload.get("documents", ()))
    if state is State.RECEIVED:  # completed at the counter: the clock starts now
        return _received(facts, event, state) | {"documents": documents}
    return {
        "documents": documents,
        "due_at": parse_time(event.payload["due_at"]),
        "paused_at": None,
    }


def _paused(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    return {"pause_kind": event.payload.get("kind"), "paused_at": event.wall_clock}


def _resumed(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    return {"pause_kind": None, "paused_at": None, "due_at": parse_time(event.payload["due_at"])}


def _apologised(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    return {
        "due_at": parse_time(event.payload["new_due_at"]),
        "apology_count": facts.apology_count + 1,
    }


def _returned(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    return {
        "returned_at": event.wall_clock,
        "fee_paid": event.payload.get("fee_paid"),
        "rating": event.payload.get("rating"),
    }


def _corrected(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    applicant = dict(facts.applicant)
    changes: Changes = {}
    for name, (_old, new) in (personal.field(event, "changes") or {}).items():
        if name in APPLICANT_FIELDS:
            applicant[name] = new
        elif name in ("channel", "return_method"):
            changes[name] = new
    return changes | {"applicant": applicant}


def _erased(facts: DossierFacts, event: EventRecord, state: State) -> Changes:
    if event.payload.get("scope") != personal.SCOPE_PERSONAL:
        return {}
    return {"applicant": dict.fromkeys(APPLICANT_FIELDS)}


_STEPS: dict[EventType, Callable[[DossierFacts, EventRecord, State], Changes]] = {
    EventType.RECEIVED: _received,
    EventType.SUPPLEMENT_REQUESTED: _supplement_requested,
    EventType.SUPPLEMENT_RECEIVED: _supplement_received,
    EventType.PAUSED: _paused,
    EventType.RESUMED: _resumed,
    EventType.APOLOGISED: _apologised,
    EventType.RETURNED: _returned,
    EventType.CORRECTED: _corrected,
    EventType.ERASED: _erased,
}
