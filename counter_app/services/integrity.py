"""``events verify``: the hash chains hold and the projection equals a rebuild from events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, func, select

from counter_app.domain import personal
from counter_app.domain.dossier import KeptFold
from counter_app.domain.events import ChainBreak, EventRecord, verify_chain, verify_held_links
from counter_app.domain.pauses import is_lawful
from counter_app.domain.trails import payload_texts
from counter_app.models.rows import driver
from counter_app.models.tables import ACCESS_LOG, DOSSIER_DOCUMENTS, DOSSIERS, EVENTS, STATIONS
from counter_app.services import access_log
from counter_app.services.dossier_fold import flagged_ids, fold_records, procedure_aliases
from counter_app.services.eventlog import (
    STEP_FIELDS,
    document_rows,
    projection_row,
    record_from_row,
)

_E = EVENTS
_STEP_ROWS = f"SELECT id, dossier_id, type, payload, {', '.join(STEP_FIELDS)} FROM events"
_D = DOSSIERS
_DOCS = DOSSIER_DOCUMENTS


@dataclass
class VerifyReport:
    """What ``events verify`` found."""

    events: int = 0
    dossiers: int = 0
    chain_breaks: list[ChainBreak] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    # pauses without a lawful ground (kind ``other`` of older versions): they fold as written,
    # and are reported, not counted as a mismatch
    unlawful_pauses: list[str] = field(default_factory=list)
    access_entries: int = 0
    access_breaks: list[ChainBreak] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.chain_breaks and not self.mismatches and not self.access_breaks


def verify(db: Connection) -> VerifyReport:
    """Recompute every station's chain and every dossier's projection; report differences."""
    report = VerifyReport()
    local = set(db.execute(select(STATIONS.c.id).where(STATIONS.c.is_local.is_(True))).scalars())
    erasures = list(_events(db, _E.c.station_id, _E.c.seq, where=_E.c.type == "erased"))
    vouched = personal.vouched(erasures)
    erased = {e.dossier_id for e in erasures if e.payload.get("scope") == personal.SCOPE_PERSONAL}
    for station, records in groupby(_events(db, _E.c.station_id, _E.c.seq), lambda r: r.station_id):
        chain = list(records)
        report.events += len(chain)
        check = verify_chain if station in local else verify_held_links
        report.chain_breaks.extend(check(chain, vouched))
        report.mismatches.extend(_personal_mismatches(chain, erased))
    rows = {row.id: row._mapping for row in db.execute(select(_D))}
    documents = _documents(db)
    flagged, aliases = flagged_ids(db), procedure_aliases(db)
    by_dossier = _events(db, _E.c.dossier_id, _E.c.hlc, _E.c.station_id, _E.c.seq)
    for dossier_id, group in groupby(by_dossier, lambda r: r.dossier_id):
        report.dossiers += 1
        events = list(group)
        kept = fold_records(events, aliases)
        report.unlawful_pauses.extend(
            f"{kept.facts.code if kept.facts else dossier_id}: pause of {r.wall_clock.isoformat()}"
            f" by {r.actor}, ground {r.payload.get('kind') or '—'!r} is no lawful ground"
            for r in events
            if r.type == "paused" and not is_lawful(r.payload.get("kind"))
        )
        row = rows.pop(dossier_id, None)
        _compare(report, dossier_id, kept, row=row, documents=documents, flagged=flagged)
    report.mismatches.extend(f"dossier {dossier_id}: row without events" for dossier_id in rows)
    report.mismatches.extend(_step_column_mismatches(db))
    report.access_entries = int(
        db.execute(select(func.count()).select_from(ACCESS_LOG)).scalar_one()
    )
    report.access_breaks = access_log.verify(db)
    return report


def _step_column_mismatches(db: Connection) -> Iterator[str]:
    """Events whose statistics columns are not their payload's (the hash covers the payload)."""
    for row in driver(db).execute(_STEP_ROWS):
        event_id, dossier_id, type_, payload, *stored = row
        if stored[-1] is not None:
            stored[-1] = bool(stored[-1])
        if tuple(stored) != payload_texts(type_, json.loads(payload)):
            yield f"dossier {dossier_id}: event {event_id}: statistics columns differ from payload"


def _personal_mismatches(chain: list[EventRecord], erased: set[str]) -> Iterator[str]:
    """Personal parts that do not match their commitment, or are missing without an erasure."""
    for event in chain:
        reason = personal.mismatch(event)
        if reason is None and personal.is_sealed(event) and event.personal is None:
            reason = None if event.dossier_id in erased else "personal fields missing, not erased"
        if reason is not None:
            yield f"dossier {event.dossier_id}: event {event.id}: {reason}"


def _events(db: Connection, *order: Any, where: Any = None) -> Iterator[EventRecord]:
    query = select(_E).order_by(*order)
    for row in db.execute(query if where is None else query.where(where)):
        yield record_from_row(row._mapping)


def _documents(db: Connection) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    columns = ("dossier_id", "position", "key", "name", "form", "count", "extra")
    for row in db.execute(select(_DOCS).order_by(_DOCS.c.dossier_id, _DOCS.c.position)):
        found.setdefault(row.dossier_id, []).append({name: row._mapping[name] for name in columns})
    return found


def _compare(
    report: VerifyReport,
    dossier_id: str,
    kept: KeptFold,
    *,
    row: Any,
    documents: dict[str, list[dict[str, Any]]],
    flagged: set[str],
) -> None:
    if row is None:
        report.mismatches.append(f"dossier {dossier_id}: events without a row")
        return
    for event, reason in kept.skipped:
        if event.id not in flagged:  # skipping is only lawful for an event flagged for a person
            report.mismatches.append(
                f"dossier {dossier_id}: event {event.id} does not fold ({reason})"
            )
    facts = kept.facts
    if facts is None:
        report.mismatches.append(f"dossier {dossier_id}: no event creates it")
        return
    expected = projection_row(facts)
    for name, value in expected.items():
        if row[name] != value:
            report.mismatches.append(
                f"dossier {dossier_id}: {name} is {row[name]!r}, events say {value!r}"
            )
    if documents.get(dossier_id, []) != document_rows(dossier_id, facts.documents, start=0):
        report.mismatches.append(f"dossier {dossier_id}: documents differ from events")
