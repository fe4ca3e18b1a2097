"""Finding dossiers from one box: a code, an ID number, a phone number or a name as typed.

Filters (state, field, period of receipt) are conditions in the same SQL statement, so every
look-up still starts from an index: the code, the ID number, the phone, the folded-name FTS table,
or (a box left empty) the state or receipt-date index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    column,
    literal_column,
    select,
    table,
    text,
    true,
)

from counter_app.domain.calendar import VN_TZ
from counter_app.domain.codes import looks_like_code
from counter_app.domain.text import fold
from counter_app.models.tables import DOSSIERS, PROCEDURES

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
# The FTS table drives the loop (newest first); each hit is checked against the filters.
_FTS = table("dossier_name_fts", column("rowid"))
_NAME_JOIN = _FTS.join(_D, literal_column("dossiers.rowid") == _FTS.c.rowid)
_NAME_MATCH = "dossier_name_fts MATCH :query"


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


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search: a state, a field (lĩnh vực), received from/to (Vietnam days)."""

    state: str | None = None
    field: str | None = None
    received_from: date | None = None
    received_to: date | None = None

    @property
    def any(self) -> bool:
        """True when at least one filter is set."""
        values = (self.state, self.field, self.received_from, self.received_to)
        return any(value is not None for value in values)


NO_FILTERS = SearchFilters()


def search(
    db: Connection, query: str, *, limit: int = 50, filters: SearchFilters = NO_FILTERS
) -> list[DossierSummary]:
    """Dossiers matching ``query`` and ``filters``, newest first; nothing asked finds nothing."""
    cleaned = query.strip()[:200]
    where = _filter_condition(db, filters)
    if not cleaned:
        return _newest(db, where, limit) if filters.any else []
    if looks_like_code(cleaned):
        return _where(db, and_(_D.c.code == cleaned.upper(), where), limit)
    digits = re.sub(r"[\s.\-+()]", "", cleaned)
    if digits.isdigit():
        return _where(db, and_(_by_number(digits), where), limit)
    return _by_name(db, cleaned, where, limit)


def fields(db: Connection) -> list[str]:
    """The fields (lĩnh vực) of the current catalogue, for the filter list."""
    query = select(PROCEDURES.c.field).where(PROCEDURES.c.is_current.is_(True)).distinct()
    return sorted(db.execute(query).scalars(), key=fold)


def _filter_condition(db: Connection, filters: SearchFilters) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = []
    if filters.state is not None:
        conditions.append(_D.c.state == filters.state)
    if filters.field is not None:
        conditions.append(_D.c.procedure_code.in_(_field_codes(db, filters.field)))
    if filters.received_from is not None:
        conditions.append(_D.c.received_at >= _day_start(filters.received_from))
    if filters.received_to is not None:
        conditions.append(_D.c.received_at < _day_start(filters.received_to + timedelta(days=1)))
    return and_(true(), *conditions)


def _field_codes(db: Connection, field: str) -> list[str]:
    query = select(PROCEDURES.c.code).where(PROCEDURES.c.field == field).distinct()
    return list(db.execute(query).scalars())


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=VN_TZ)


def _by_number(digits: str) -> ColumnElement[bool]:
    if len(digits) == 12:
        return _D.c.id_number == digits
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return _D.c.phone == digits


def _by_name(
    db: Connection, query: str, where: ColumnElement[bool], limit: int
) -> list[DossierSummary]:
    tokens = _TOKEN.findall(fold(query))
    if not tokens:
        return []
    match = " ".join(f'"{token}"*' for token in tokens)
    statement = (
        select(*_COLUMNS)
        .select_from(_NAME_JOIN)
        .where(text(_NAME_MATCH).bindparams(query=match), where)
        .order_by(_FTS.c.rowid.desc())
        .limit(limit)
    )
    return [_summary(row) for row in db.execute(statement)]


def _newest(db: Connection, where: ColumnElement[bool], limit: int) -> list[DossierSummary]:
    """Filters alone: newest first by rowid (the order dossiers were written)."""
    statement = select(*_COLUMNS).where(where).order_by(text("dossiers.rowid DESC")).limit(limit)
    return [_summary(row) for row in db.execute(statement)]


def _where(db: Connection, condition: ColumnElement[bool], limit: int) -> list[DossierSummary]:
    rows = db.execute(
        select(*_COLUMNS).where(condition).order_by(_D.c.created_at.desc()).limit(limit)
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
