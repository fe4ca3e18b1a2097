"""Request and answer models of the server's own APIs (back office, administration, reports).

The station's wire contract lives in ``counter_app.sync.protocol``; these models are only
spoken by departments' and administrators' tools, so they stay on the server.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Text = Annotated[str, Field(min_length=1, max_length=2000)]
StepName = Literal[
    "transferred", "processing_started", "supplement_requested", "paused", "resumed", "resolved"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepRequest(_Strict):
    """One processing step recorded by a department."""

    event: StepName
    to: Annotated[str | None, Field(max_length=200)] = None
    reason: Text | None = None
    # a pause's ground; any string, so that an unknown one is refused with the reason (409)
    kind: Annotated[str | None, Field(max_length=40)] = None
    missing: Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=100)] = []
    result: Text | None = None


class OfficeDossier(_Strict):
    """A dossier as the back office lists it."""

    code: str | None
    state: str | None
    procedure_code: str | None
    applicant_name: str | None
    received_at: datetime | None
    due_at: datetime | None
    station_id: str | None
    last_hlc: int
    conflicts: int


class DossierPage(_Strict):
    """One page of the agency's dossiers."""

    dossiers: list[OfficeDossier]
    total: int
    next_offset: int | None


class CataloguePublish(_Strict):
    """A catalogue file's JSON (``counter-catalogue/1``), checked as a station would."""

    format: str
    source: Annotated[str, Field(max_length=500)] = ""
    procedures: Annotated[list[dict[str, Any]], Field(max_length=5000)]
    # the province's decision it publishes: number, signed_on, effective_from, title
    decision: dict[str, str] | None = None


class Published(_Strict):
    """What was published."""

    pub_seq: int
    kind: str
    published_at: AwareDatetime


class ImportResult(_Strict):
    """What a hand-carried file changed."""

    station_id: str
    events_in_file: int
    stored: int
    held_through_seq: int
    rejected: int


class QuarantinedEvent(_Strict):
    """A link held in a chain but not applied: for an administrator to look at."""

    id: str
    agency_code: str
    station_id: str
    seq: int
    server_seq: int
    dossier_id: str
    type: str
    reason: str
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    review_note: str | None = None


class QuarantineReview(_Strict):
    """What an administrator did about a quarantined link (it stays held, never applied)."""

    note: Annotated[str, Field(min_length=1, max_length=500)]


class AgencyContacts(_Strict):
    """What the lookup page shows of a centre; a field left out is kept, "" clears it."""

    name: Annotated[str | None, Field(max_length=200)] = None
    address: Annotated[str | None, Field(max_length=300)] = None
    phone: Annotated[str | None, Field(max_length=40)] = None


class AgencyShown(_Strict):
    """A centre as the lookup page shows it."""

    code: str
    name: str
    address: str | None
    phone: str | None
