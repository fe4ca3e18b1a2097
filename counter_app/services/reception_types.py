"""A dossier as handed over and the outcome the clerk is told, as plain values.

No SQLAlchemy and no Qt: the Reception screen builds these before the store's models load.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from counter_app.domain.checklist import HandedDocument, Shortfall
from counter_app.domain.lifecycle import State
from counter_app.services.applicant import Applicant


class Channel(StrEnum):
    """How the dossier reached the agency (KenhThucHien 1–3)."""

    DIRECT = "direct"
    ONLINE = "online"
    POST = "post"


class ReturnMethod(StrEnum):
    """Where the applicant collects the result."""

    COUNTER = "counter"
    POST = "post"


@dataclass(frozen=True)
class IntakeRequest:
    """A dossier as handed over, before any check. ``documents=None`` means every required one."""

    procedure_code: str
    applicant: Applicant
    documents: Sequence[HandedDocument] | None = None
    applicable: Sequence[str] = ()
    channel: str = Channel.DIRECT
    return_method: str = ReturnMethod.COUNTER
    received_at: datetime | None = None
    scan_raw: str | None = None  # the QR text as scanned: hashed on receipt, never stored
    note: str | None = None
    digitised: bool | None = None  # papers scanned at the counter; None: not recorded


@dataclass(frozen=True)
class Receipt:
    """The outcome the clerk is told about once the commit is durable."""

    dossier_id: str
    code: str
    state: State
    due_at: datetime | None
    missing: tuple[Shortfall, ...] = field(default=())
    number: str | None = None  # form 03's or 02's number ("03/TC"), or the register's ("7")

    @property
    def accepted(self) -> bool:
        """True when the dossier was received (form 01), False when guided (form 02)."""
        return self.state is State.RECEIVED
