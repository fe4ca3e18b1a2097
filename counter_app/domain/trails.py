"""From events to statistics trails: the one code path the station and the server share.

The station reads the payload fields from the copies its event rows keep (written by
:func:`payload_texts` with the event) and the server from its stored events with the same
function; both turn them into ``Step`` values with :func:`steps_from_rows`, so the same events
give the same report on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from counter_app.domain.events import EventRecord
from counter_app.domain.statistics import Step, Trail

STEP_TYPES = (
    "received",
    "supplement_requested",
    "supplement_received",
    "refused",
    "paused",
    "resumed",
    "resolved",
    "returned",
    "withdrawn",
    "stopped",
    "apologised",
)
_DUE_KEYS = {
    "apologised": "new_due_at",
    "received": "due_at",
    "supplement_received": "due_at",
    "resumed": "due_at",
}
_RECEIVED_TYPES = ("received", "supplement_received")


_CREATING_TYPES = ("received", "supplement_requested")

PayloadTexts = tuple[str | None, str | None, str | None, str | None, bool | None]


def payload_texts(type_: str, payload: Mapping[str, Any]) -> PayloadTexts:
    """Due, received-at, return method, rating and digitised mark of a payload.

    Only values of the expected JSON type count (text, or true/false for the mark): the store
    copies them into the event row by this function, the server reads them with it.
    """
    due_key = _DUE_KEYS.get(type_)
    returned = type_ == "returned"
    dossier = payload.get("dossier") if type_ in _CREATING_TYPES else None
    digitised = dossier.get("digitised") if isinstance(dossier, Mapping) else None
    return (
        None if due_key is None else _text(payload.get(due_key)),
        _text(payload.get("received_at")) if type_ in _RECEIVED_TYPES else None,
        _text(payload.get("method")) if returned else None,
        _text(payload.get("rating")) if returned else None,
        digitised if isinstance(digitised, bool) else None,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def steps_from_rows(rows: Iterable[Sequence[Any]]) -> list[Step]:
    """Steps from rows ending in (type, wall-clock text, actor, due, received, method, rating,
    digitised).

    One comprehension over plain indexes: the station feeds millions of SQL rows through it.
    """
    parse = datetime.fromisoformat
    return [
        Step(
            r[-8],
            parse(r[-7]),
            r[-6],
            None if r[-5] is None else parse(r[-5]),
            None if r[-4] is None else parse(r[-4]),
            r[-3],
            r[-2],
            None if r[-1] is None else bool(r[-1]),
        )
        for r in rows
    ]


def causal_key(hlc: int, station_id: str, seq: int) -> tuple[int, str, int]:
    """The order a dossier's events are folded and counted in."""
    return (hlc, station_id, seq)


def trail(
    events: Iterable[EventRecord], *, procedure: str, field: str, channel: str, return_method: str
) -> Trail:
    """The trail of one dossier from its events (any order; non-statistics types skipped)."""
    ordered = sorted(events, key=lambda e: causal_key(e.hlc, e.station_id, e.seq))
    rows = [
        (e.type, e.wall_clock.isoformat(), e.actor, *payload_texts(e.type, e.payload))
        for e in ordered
        if e.type in STEP_TYPES
    ]
    return Trail(field, procedure, channel, return_method, steps_from_rows(rows))
