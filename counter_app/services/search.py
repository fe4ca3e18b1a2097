"""Finding dossiers from one box: a code, an ID number, a phone number or a name as typed.

Filters (state, field, period of receipt) are conditions in the same SQL statement, so every
look-up still starts from an index: the code, the ID number, the phone, the folded-name FTS table,
or (a box left empty) the state or receipt-date index.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    column,
    func,
    literal,
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
from counter_app.services.search_types import NO_FILTERS, DossierSummary, SearchFilters

_D = DOSSIERS
_COLUMNS = (
    _D.c.id,
    _D.c.code,
    _D.c.applicant_name,
    _D.c.id_number,
    _D.c.phone,
    _D.c.procedure_code,
    _D.c.state,
    _D.c.received_at,
    _D.c.due_at,
)
Driver = Literal["state", "period", "fts"] | None  # which index leads; "fts": the name table
_TOKEN = re.compile(r"[0-9a-z]+")
# Below this many dossiers in the chosen state/period, the name is checked on those rows (read
# through the state or receipt-date index); above it, the FTS table drives, newest hit first.
NARROW = 20_000
# The FTS table drives the loop (newest first); each hit is checked against the filters.
_FTS = table("dossier_name_fts", column("rowid"))
_NAME_JOIN = _FTS.join(_D, literal_column("dossiers.rowid") == _FTS.c.rowid)
_NAME_MATCH = "dossier_name_fts MATCH :query"


def search(
    db: Connection, query: str, *, limit: int = 50, filters: SearchFilters = NO_FILTERS
) -> list[DossierSummary]:
    """Dossiers matching ``query`` and ``filters``, newest first; nothing asked finds nothing."""
    cleaned = query.strip()[:200]
    if not cleaned:
        return _newest(db, filters, limit) if filters.any else []
    if looks_like_code(cleaned):
        return _where(db, and_(_D.c.code == cleaned.upper(), _filters(db, filters)), limit)
    digits = re.sub(r"[\s.\-+()]", "", cleaned)
    if digits.isdigit():
        return _where(db, and_(_by_number(digits), _filters(db, filters)), limit)
    tokens = _TOKEN.findall(fold(cleaned))
    if not tokens:
        return []
    driver, count = _driver(db, filters)
    if count < NARROW:
        return _by_name_among(db, tokens, _filters(db, filters, driver), limit)
    return _by_name(db, tokens, _filters(db, filters, "fts"), limit)


def fields(db: Connection) -> list[str]:
    """The fields (lĩnh vực) of the current catalogue, for the filter list."""
    query = select(PROCEDURES.c.field).where(PROCEDURES.c.is_current.is_(True)).distinct()
    return sorted(db.execute(query).scalars(), key=fold)


def _filters(db: Connection, filters: SearchFilters, driver: Driver = None) -> ColumnElement[bool]:
    """Every filter as SQL; only the ``driver``'s index may be used (None: the planner chooses)."""
    conditions = [_state(filters, driver), _period(filters, driver)]
    if filters.field is not None:
        conditions.append(_D.c.procedure_code.in_(_field_codes(db, filters.field)))
    return and_(true(), *conditions)


def _column(name: str, usable: bool) -> ColumnElement[Any]:
    """A dossiers column; SQLite's unary + keeps an index from answering the term."""
    column = _D.c[name]
    return column if usable else literal_column(f"+dossiers.{name}", type_=column.type)


def _state(filters: SearchFilters, driver: Driver) -> ColumnElement[bool]:
    if filters.state is None:
        return true()
    return _column("state", driver in (None, "state")) == filters.state


def _period(filters: SearchFilters, driver: Driver) -> ColumnElement[bool]:
    received = _column("received_at", driver in (None, "period"))
    conditions: list[ColumnElement[bool]] = []
    if filters.received_from is not None:
        conditions.append(received >= _day_start(filters.received_from))
    if filters.received_to is not None:
        conditions.append(received < _day_start(filters.received_to + timedelta(days=1)))
    return and_(true(), *conditions)


def _driver(db: Connection, filters: SearchFilters) -> tuple[Driver, int]:
    """The indexed filter (state or period) holding the fewest dossiers, counted up to NARROW."""
    counts: dict[Driver, int] = {}
    if filters.state is not None:
        counts["state"] = _bounded_count(db, _state(filters, None))
    if filters.received_from is not None or filters.received_to is not None:
        counts["period"] = _bounded_count(db, _period(filters, None))
    if not counts:
        return None, NARROW
    best = min(counts, key=lambda key: counts[key])
    return best, counts[best]


def _bounded_count(db: Connection, condition: ColumnElement[bool]) -> int:
    """How many dossiers meet ``condition`` (one indexed column: no table reads), up to NARROW."""
    some = select(literal(1)).select_from(_D).where(condition).limit(NARROW)
    return int(db.execute(select(func.count()).select_from(some.subquery())).scalar_one())


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
    db: Connection, tokens: list[str], where: ColumnElement[bool], limit: int
) -> list[DossierSummary]:
    match = " ".join(f'"{token}"*' for token in tokens)
    statement = (
        select(*_COLUMNS)
        .select_from(_NAME_JOIN)
        .where(text(_NAME_MATCH).bindparams(query=match), where)
        .order_by(_FTS.c.rowid.desc())
        .limit(limit)
    )
    return [_summary(row) for row in db.execute(statement)]


def _by_name_among(
    db: Connection, tokens: list[str], where: ColumnElement[bool], limit: int
) -> list[DossierSummary]:
    """The FTS rule (every typed word starts a word of the name) on a few thousand rows."""
    spaced = literal(" ").concat(_D.c.applicant_folded)
    words = [spaced.like(f"% {token}%") for token in tokens]  # tokens are [0-9a-z]+ only
    statement = (
        select(*_COLUMNS).where(where, *words).order_by(text("dossiers.rowid DESC")).limit(limit)
    )
    return [_summary(row) for row in db.execute(statement)]


def _newest(db: Connection, filters: SearchFilters, limit: int) -> list[DossierSummary]:
    """Filters alone, newest first, in the order of the narrowest index that answers them."""
    driver, _count = _driver(db, filters)
    if driver == "period":
        order = _D.c.received_at.desc()
    elif driver == "state":
        order = _D.c.due_at.desc()  # the (state, due_at) index, read backwards
    else:
        order = literal_column("dossiers.rowid").desc()
    where = _filters(db, filters, driver)
    statement = select(*_COLUMNS).where(where).order_by(order).limit(limit)
    return [_summary(row) for row in db.execute(statement)]


def _where(db: Connection, condition: ColumnElement[bool], limit: int) -> list[DossierSummary]:
    rows = db.execute(
        select(*_COLUMNS).where(condition).order_by(_D.c.created_at.desc()).limit(limit)
    ).all()
    return [_summary(row) for row in rows]


def _summary(row: object) -> DossierSummary:
    r = row._mapping  # type: ignore[attr-defined]
    return DossierSummary(
        dossier_id=r["id"],
        code=r["code"],
        applicant_name=r["applicant_name"],
        id_number=r["id_number"],
        phone=r["phone"],
        procedure_code=r["procedure_code"],
        state=r["state"],
        received_at=r["received_at"],
        due_at=r["due_at"],
    )
