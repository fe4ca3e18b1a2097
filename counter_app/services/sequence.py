"""Issuing dossier codes from the station's slice of the agency's daily sequence."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, text

from counter_app.domain.codes import DossierCode, first_sequence, next_sequence

_NEXT = text(
    "INSERT INTO sequence_slots (station_id, day, last_number) VALUES (:station, :day, :first) "
    "ON CONFLICT (station_id, day) DO UPDATE SET last_number = last_number + 1 "
    "RETURNING last_number"
)


def issue_code(db: Connection, *, station_id: str, agency_code: str, slot: int, day: date) -> str:
    """The next code for ``day``, advanced in the caller's transaction (rolled back with it)."""
    number = db.execute(
        _NEXT, {"station": station_id, "day": day.isoformat(), "first": first_sequence(slot)}
    ).scalar_one()
    next_sequence(slot, number - 1)  # raises when the slot's block is exhausted
    return str(DossierCode(agency_code, day, number))
