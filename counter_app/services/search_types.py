"""One line of a search result and what narrows a search, as plain values (no SQLAlchemy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class DossierSummary:
    """One line of a search result."""

    dossier_id: str
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
