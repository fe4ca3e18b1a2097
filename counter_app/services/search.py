"""Finding dossiers from one box: a code, an ID number, a phone number or a name as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, text

from counter_app.domain.codes import looks_like_code
from counter_app.domain.text import fold
from counter_app.models.tables import DOSSIERS

_D = DOSSIERS
_COLUMNS = (
    _D.c.code,
    _D.c.applicant_name,
    _D.c.id_number,
    _D.c.phone,
    _D.c.procedure_code,
    _D.c.state,
    _D.c.received_at,
    _D.c.due_at,
)
_TOKEN = re.compile(r"[0-9a-z]+")
_NAME_QUERY = text(
    "SELECT rowid FROM dossier_name_fts WHERE dossier_name_fts MATCH :query "
    "ORDER BY rowid DESC LIMIT :limit"
)


@dataclass(frozen=True)
class DossierSummary:
    """One line of a search result."""

    code: str
    applicant_name: str
    id_number: str | None
    phone: str | None
    procedure_code: str
    state: str
    received_at: datetime | None
    due_at: datetime | None


def search(db: Connection, query: str, *, limit: int = 50) -> list[DossierSummary]:
    """Dossiers matching ``query``, newest first; an empty query finds nothing."""
    cleaned = query.strip()[:200]
    if not cleaned:
        return []
    if looks_like_code(cleaned):
        return _where(db, _D.c.code == cleaned.upper(), limit)
    digits = re.sub(r"[\s.\-+()]", "", cleaned)
    if digits.isdigit():
        return _by_number(db, digits, limit)
    return _by_name(db, cleaned, limit)


def _by_number(db: Connection, digits: str, limit: int) -> list[DossierSummary]:
    if len(digits) == 12:
        return _where(db, _D.c.id_number == digits, limit)
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return _where(db, _D.c.phone == digits, limit)


def _by_name(db: Connection, query: str, limit: int) -> list[DossierSummary]:
    tokens = _TOKEN.findall(fold(query))
    if not tokens:
        return []
    match = " ".join(f'"{token}"*' for token in tokens)
    rowids = db.execute(_NAME_QUERY, {"query": match, "limit": limit}).scalars().all()
    if not rowids:
        return []
    rows = db.execute(
        select(*_COLUMNS, text("dossiers.rowid AS rid"))
        .select_from(_D)
        .where(text("dossiers.rowid IN (SELECT value FROM json_each(:ids))"))
        .order_by(text("rid DESC")),
        {"ids": "[" + ",".join(str(rowid) for rowid in rowids) + "]"},
    ).all()
    return [_summary(row) for row in rows]


def _where(db: Connection, condition: object, limit: int) -> list[DossierSummary]:
    rows = db.execute(
        select(*_COLUMNS).where(condition).order_by(_D.c.created_at.desc()).limit(limit)  # type: ignore[arg-type]
    ).all()
    return [_summary(row) for row in rows]


def _summary(row: object) -> DossierSummary:
    r = row._mapping  # type: ignore[attr-defined]
    return DossierSummary(
        code=r["code"],
        applicant_name=r["applicant_name"],
        id_number=r["id_number"],
        phone=r["phone"],
        procedure_code=r["procedure_code"],
        state=r["state"],
        received_at=r["received_at"],
        due_at=r["due_at"],
    )
