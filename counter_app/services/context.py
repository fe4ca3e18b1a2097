"""What every use case needs to know about the station it runs on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the login reads the identity before the rules' modules load
    from counter_app.domain.calendar import WorkingCalendar
    from counter_app.services.catalogue_types import CatalogueEntry


@dataclass(frozen=True)
class StationIdentity:
    """The local station and its agency."""

    station_id: str
    station_name: str
    slot: int
    agency_code: str
    agency_name: str
    parent_name: str
    place_name: str


@dataclass(frozen=True)
class StationContext:
    """The station's identity, calendar and catalogue look-ups, built once and shared."""

    identity: StationIdentity
    calendar: WorkingCalendar
    current_procedure: Callable[[str], CatalogueEntry]  # by national code; raises NotFound
    procedure_version: Callable[[str], CatalogueEntry]  # by stored id
    # by national code, the version in force on a day (None: the current one is used)
    procedure_on: Callable[[str, date], CatalogueEntry] | None = None

    def procedure(self, code: str, day: date) -> CatalogueEntry:
        """The version of ``code`` in force on ``day`` (NotFound when there is none)."""
        if self.procedure_on is None:
            return self.current_procedure(code)
        return self.procedure_on(code, day)
