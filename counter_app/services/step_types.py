"""What a person gives for a lifecycle step, and one print attempt, as plain values.

No SQLAlchemy and no Qt: the screens build these before the store's models load.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from counter_app.domain.checklist import HandedDocument

RATINGS = ("very_satisfied", "satisfied", "dissatisfied")


@dataclass(frozen=True)
class StepInput:
    """What the person gave for a step; which fields matter depends on the event."""

    reason: str | None = None
    to: str | None = None
    kind: str | None = None
    new_due_at: datetime | None = None
    result: str | None = None
    fee_paid: int | None = None
    rating: str | None = None
    method: str | None = None
    receiver_name: str | None = None
    receiver_id_number: str | None = None
    documents: Sequence[HandedDocument] = ()
    missing_keys: Sequence[str] = ()
    changes: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class PrintJob:
    """One attempt to print a form of a dossier."""

    kind: str
    paper: str
    printer: str  # queue name, or "file:<path>" for a PDF written to disk
    ok: bool
    error: str | None = None
    copies: int = 1
