"""Issuing dossier codes from the station's slice of the agency's daily sequence."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from counter_app.domain.codes import DossierCode, first_sequence, next_sequence
from counter_app.models.rows import driver

_NEXT = (
    "INSERT INTO sequence_slots (station_id, day, last_number) VALUES (?, ?, ?) "
    "ON CONFLICT (station_id, day) DO UPDATE SET last_number = last_number + 1 "
    "RETURNING last_number"
)


def issue_code(db: Connection, *, station_id: str, agency_code: str, slot: int, day: date) -> str:
    """The next code for ``day``, advanced in the caller's transaction (rolled back with it)."""
    row = driver(db).execute(_NEXT, (station_id, day.isoformat(), first_sequence(slot))).fetchone()
    number = int(row[0])
    next_sequence(slot, number - 1)  # raises when the slot's block is exhausted
    return str(DossierCode(agency_code, day, number))
