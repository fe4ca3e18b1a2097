"""A stored catalogue entry as plain values (no SQLAlchemy), for the screens and the rules."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.catalogue import ProcedureSpec


@dataclass(frozen=True)
class CatalogueEntry:
    """One stored version of a procedure."""

    id: str
    version: int
    is_current: bool
    spec: ProcedureSpec
