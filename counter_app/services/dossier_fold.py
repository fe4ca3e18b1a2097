"""Folding a dossier from the whole log, remote events included, and rewriting its projection.

One rule for every reader: events in HLC order, events that do not fit skipped (and flagged
as conflicts), the procedure version named by another station mapped to the one stored here.
Steps, printing, sync and ``events verify`` all fold through here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, delete, select, update

from counter_app.domain.dossier import DossierFacts, KeptFold, apply, fold_kept
from counter_app.domain.events import EventRecord
from counter_app.models.base import to_utc_text
from counter_app.models.rows import driver, insert_rows
from counter_app.models.tables import (
    CONFLICTS,
    DOSSIER_DOCUMENTS,
    DOSSIERS,
    PROCEDURE_ALIASES,
    PROCEDURES,
)
from counter_app.services.eventlog import document_rows, load_events, projection_row

_FLAG = (
    "INSERT INTO dossier_conflicts (event_id, dossier_id, reason, flagged_at) "
    "VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING"
)


def local_procedure_id(db: Connection, procedure_id: str) -> str | None:
    """The id this station stores the version under, or None when it does not have it.

    An alias wins over a row with the same id, as in :func:`fold_records`.
    """
    alias = PROCEDURE_ALIASES.c
    found = db.execute(select(alias.procedure_id).where(alias.foreign_id == procedure_id))
    aliased = found.scalar_one_or_none()
    if aliased is not None:
        return str(aliased)
    if db.execute(select(PROCEDURES.c.id).where(PROCEDURES.c.id == procedure_id)).first():
        return procedure_id
    return None


def procedure_aliases(db: Connection) -> dict[str, str]:
    """Every alias: another station's version id → the id stored here (for bulk folds)."""
    alias = PROCEDURE_ALIASES.c
    rows = db.execute(select(alias.foreign_id, alias.procedure_id))
    return {foreign: local for foreign, local in rows}


def fold_records(records: Iterable[EventRecord], aliases: Mapping[str, str]) -> KeptFold:
    """THE rule: fold in the given (HLC) order keeping past misfits; map the procedure id."""
    kept = fold_kept(records)
    if kept.facts is None:
        return kept
    local = aliases.get(kept.facts.procedure_id, kept.facts.procedure_id)
    return replace(kept, facts=replace(kept.facts, procedure_id=local))


def fold_dossier(db: Connection, dossier_id: str) -> KeptFold:
    """The dossier folded by the rule, its procedure id mapped to the local version."""
    kept = fold_kept(load_events(db, dossier_id))
    if kept.facts is None:
        return kept
    local = local_procedure_id(db, kept.facts.procedure_id) or kept.facts.procedure_id
    return replace(kept, facts=replace(kept.facts, procedure_id=local))


def flagged_ids(db: Connection) -> set[str]:
    """Every event flagged as a conflict (resolved or not)."""
    return set(db.execute(select(CONFLICTS.c.event_id)).scalars())


def refold(db: Connection, dossier_id: str, *, now: datetime) -> DossierFacts | None:
    """Rewrite the dossier's projection from its events; flag each skipped event."""
    kept = fold_dossier(db, dossier_id)
    for event, reason in kept.skipped:
        driver(db).execute(_FLAG, (event.id, dossier_id, reason[:2000], to_utc_text(now)))
    if kept.facts is not None:
        _write_projection(db, kept.facts)
    return kept.facts


def write_creation(db: Connection, record: EventRecord) -> None:
    """The projection row of a dossier created by ``record`` (before the event row exists)."""
    facts = apply(None, record)
    local = local_procedure_id(db, facts.procedure_id) or facts.procedure_id
    _write_projection(db, replace(facts, procedure_id=local))


def _write_projection(db: Connection, facts: DossierFacts) -> None:
    row = projection_row(facts)
    exists = db.execute(select(DOSSIERS.c.id).where(DOSSIERS.c.id == facts.id)).first()
    if exists is None:
        insert_rows(db, DOSSIERS, [row])
    else:
        del row["id"]
        db.execute(update(DOSSIERS).where(DOSSIERS.c.id == facts.id).values(row))
    db.execute(delete(DOSSIER_DOCUMENTS).where(DOSSIER_DOCUMENTS.c.dossier_id == facts.id))
    insert_rows(db, DOSSIER_DOCUMENTS, document_rows(facts.id, facts.documents, start=0))
