"""The procedure catalogue in the store: versioned import, listing and look-up.

An import never edits a version a dossier may point at: a changed procedure gets a new version
and the old one stays, no longer current.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update

from counter_app.domain.catalogue import (
    SOURCE_KEYS,
    DocumentForm,
    ProcedureSpec,
    RequiredDocument,
    version_id,
)
from counter_app.domain.text import fold
from counter_app.models.tables import PROCEDURE_ALIASES, PROCEDURE_DOCUMENTS, PROCEDURES
from counter_app.services.catalogue_types import CatalogueEntry

_PROCEDURES = PROCEDURES
_DOCUMENTS = PROCEDURE_DOCUMENTS


@dataclass
class ImportSummary:
    """What an import adds or changes, by procedure code."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def writes(self) -> int:
        """How many new versions the import stores."""
        return len(self.added) + len(self.changed)


def preview_import(db: Connection, specs: Sequence[ProcedureSpec]) -> ImportSummary:
    """What importing ``specs`` would do, without writing anything."""
    current = _current_hashes(db)
    summary = ImportSummary()
    for spec in specs:
        known = current.get(spec.code)
        if known is None:
            summary.added.append(spec.code)
        elif known[1] == spec.content_hash():
            summary.unchanged.append(spec.code)
        else:
            summary.changed.append(spec.code)
    return summary


def import_specs(
    db: Connection, specs: Sequence[ProcedureSpec], *, now: datetime | None = None
) -> ImportSummary:
    """Store a new version of every new or changed procedure, in the caller's transaction."""
    summary = preview_import(db, specs)
    current = _current_hashes(db)
    stamp = now or datetime.now(UTC)
    to_write = set(summary.added) | set(summary.changed)
    for spec in specs:
        if spec.code not in to_write:
            continue
        version = 1
        if spec.code in current:
            version = current[spec.code][0] + 1
            db.execute(
                update(_PROCEDURES)
                .where(_PROCEDURES.c.code == spec.code, _PROCEDURES.c.is_current.is_(True))
                .values(is_current=False)
            )
        if not _revive(db, spec):
            _insert_version(db, spec, version, stamp)
    return summary


def _revive(db: Connection, spec: ProcedureSpec) -> bool:
    """Make an older stored version with the same content current again, if there is one.

    Its id is derived from the content, so a second row with that content cannot exist.
    """
    derived = version_id(spec.code, spec.content_hash())
    alias = PROCEDURE_ALIASES.c
    aliased = db.execute(select(alias.procedure_id).where(alias.foreign_id == derived)).scalar()
    procedure_id = aliased or derived  # a version stored before ids were derived
    revived = db.execute(
        update(_PROCEDURES).where(_PROCEDURES.c.id == procedure_id).values(is_current=True)
    )
    return revived.rowcount > 0


def _current_hashes(db: Connection) -> dict[str, tuple[int, str]]:
    rows = db.execute(
        select(_PROCEDURES.c.code, _PROCEDURES.c.version, _PROCEDURES.c.content_hash).where(
            _PROCEDURES.c.is_current.is_(True)
        )
    )
    return {row.code: (row.version, row.content_hash) for row in rows}


def _insert_version(db: Connection, spec: ProcedureSpec, version: int, stamp: datetime) -> None:
    procedure_id = version_id(spec.code, spec.content_hash())
    db.execute(
        _PROCEDURES.insert(),
        {
            "id": procedure_id,
            "code": spec.code,
            "version": version,
            "is_current": True,
            "name": spec.name,
            "name_folded": fold(spec.name),
            "field": spec.field,
            "level": spec.level,
            "time_amount": spec.time_amount,
            "time_unit": spec.time_unit,
            "same_day_cutoff": spec.same_day_cutoff,
            "fee_amount": spec.fee_amount,
            "fee_text": spec.fee_text,
            "legal_basis": spec.legal_basis,
            "decision": spec.decision,
            "status": spec.status,
            "unconfirmed": list(spec.unconfirmed),
            "pause_grounds": list(spec.pause_grounds),
            "content_hash": spec.content_hash(),
            "imported_at": stamp,
            "place": spec.place,
            "effective_from": spec.effective_from,
            "sources": dict(spec.sources),
        },
    )
    db.execute(
        _DOCUMENTS.insert(),
        [
            {
                "procedure_id": procedure_id,
                "position": position,
                "key": document.key,
                "name": document.name,
                "form": document.form.value,
                "count": document.count,
                "mandatory": document.mandatory,
                "condition": document.condition,
                "unconfirmed": document.unconfirmed,
                "obtainable_from": list(document.obtainable_from) or None,
            }
            for position, document in enumerate(spec.documents)
        ],
    )


def load_entries(db: Connection, *, current_only: bool = True) -> list[CatalogueEntry]:
    """Stored procedure versions (current ones by default), ordered by code then version."""
    query = select(_PROCEDURES).order_by(_PROCEDURES.c.code, _PROCEDURES.c.version)
    if current_only:
        query = query.where(_PROCEDURES.c.is_current.is_(True))
    procedures = db.execute(query).all()
    documents: dict[str, list[RequiredDocument]] = {}
    for row in db.execute(select(_DOCUMENTS).order_by(_DOCUMENTS.c.position)):
        documents.setdefault(row.procedure_id, []).append(_document(row))
    return [_entry(row, documents.get(row.id, [])) for row in procedures]


def load_entry(db: Connection, procedure_id: str) -> CatalogueEntry:
    """One stored version by id (a dossier's procedure, even if no longer current)."""
    row = db.execute(select(_PROCEDURES).where(_PROCEDURES.c.id == procedure_id)).one()
    documents = db.execute(
        select(_DOCUMENTS)
        .where(_DOCUMENTS.c.procedure_id == procedure_id)
        .order_by(_DOCUMENTS.c.position)
    )
    return _entry(row, [_document(document) for document in documents])


def _document(row: object) -> RequiredDocument:
    return RequiredDocument(
        key=row.key,  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        form=DocumentForm(row.form),  # type: ignore[attr-defined]
        count=row.count,  # type: ignore[attr-defined]
        mandatory=row.mandatory,  # type: ignore[attr-defined]
        condition=row.condition,  # type: ignore[attr-defined]
        unconfirmed=row.unconfirmed,  # type: ignore[attr-defined]
        obtainable_from=tuple(row.obtainable_from or ()),  # type: ignore[attr-defined]
    )


def _entry(row: object, documents: list[RequiredDocument]) -> CatalogueEntry:
    r = row._mapping  # type: ignore[attr-defined]
    spec = ProcedureSpec(
        code=r["code"],
        name=r["name"],
        field=r["field"],
        level=r["level"],
        time_amount=r["time_amount"],
        time_unit=r["time_unit"],
        same_day_cutoff=r["same_day_cutoff"],
        fee_amount=r["fee_amount"],
        fee_text=r["fee_text"],
        legal_basis=r["legal_basis"],
        decision=r["decision"],
        status=r["status"],
        documents=tuple(documents),
        unconfirmed=tuple(r["unconfirmed"]),
        place=r["place"],
        effective_from=r["effective_from"],
        sources=tuple(sorted(r["sources"].items(), key=lambda item: SOURCE_KEYS.index(item[0]))),
        pause_grounds=tuple(r["pause_grounds"]),
    )
    return CatalogueEntry(id=r["id"], version=r["version"], is_current=r["is_current"], spec=spec)
