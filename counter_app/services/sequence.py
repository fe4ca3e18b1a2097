"""Issuing numbers from the station's blocks: dossier codes per day, running numbers per year.

Each number is advanced in the caller's transaction, so it is rolled back with the dossier or
event that would have used it and never given out twice, also after a crash.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from counter_app.domain.codes import DossierCode, first_sequence, next_sequence
from counter_app.domain.numbers import Series, check_in_block, first_number
from counter_app.models.rows import driver

_NEXT = (
    "INSERT INTO sequence_slots (station_id, day, last_number) VALUES (?, ?, ?) "
    "ON CONFLICT (station_id, day) DO UPDATE SET last_number = last_number + 1 "
    "RETURNING last_number"
)
_NEXT_YEARLY = (
    "INSERT INTO yearly_numbers (station_id, series, year, last_number) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (station_id, series, year) DO UPDATE SET last_number = last_number + 1 "
    "RETURNING last_number"
)
_RAISE_YEARLY = (
    "INSERT INTO yearly_numbers (station_id, series, year, last_number) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (station_id, series, year) DO UPDATE SET "
    "last_number = max(last_number, excluded.last_number)"
)


def issue_code(db: Connection, *, station_id: str, agency_code: str, slot: int, day: date) -> str:
    """The next code for ``day``, advanced in the caller's transaction (rolled back with it)."""
    row = driver(db).execute(_NEXT, (station_id, day.isoformat(), first_sequence(slot))).fetchone()
    number = int(row[0])
    next_sequence(slot, number - 1)  # raises when the slot's block is exhausted
    return str(DossierCode(agency_code, day, number))


def issue_yearly(db: Connection, *, station_id: str, slot: int, series: Series, year: int) -> int:
    """The station's next number of ``series`` in ``year``, in the caller's transaction."""
    values = (station_id, series.value, year, first_number(series, slot))
    row = driver(db).execute(_NEXT_YEARLY, values).fetchone()
    return check_in_block(series, slot, int(row[0]))


def raise_yearly(
    db: Connection, *, station_id: str, series: Series, year: int, number: int
) -> None:
    """Make sure ``number`` (seen issued by this station) is never issued again."""
    driver(db).execute(_RAISE_YEARLY, (station_id, series.value, year, number))
