"""What the counter's desk shows besides the form, as plain values (no SQLAlchemy).

A returning applicant recognised by ID number, the dossiers of theirs still open (a duplicate
warning), and the counter's day (received, returned, appointments still waiting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class OpenDossier:
    """A dossier of the applicant whose result has not been handed back yet."""

    code: str
    procedure_code: str
    procedure_name: str
    state: str
    due_at: datetime | None


@dataclass(frozen=True)
class ApplicantHistory:
    """What the station knows of an ID number from its latest dossiers (newest first)."""

    id_number: str
    name: str | None
    dob: str | None  # ISO day, as stored
    address: str | None
    phone: str | None
    email: str | None
    open_dossiers: tuple[OpenDossier, ...]

    def open_of(self, procedure_code: str) -> OpenDossier | None:
        """The open dossier of ``procedure_code``, the soonest due, if there is one."""
        same = [d for d in self.open_dossiers if d.procedure_code == procedure_code]
        return same[0] if same else None


@dataclass(frozen=True)
class CounterToday:
    """This counter's day: received here, returned (of those received here), and the
    appointments of today not yet returned."""

    received: int
    returned: int
    waiting: int
