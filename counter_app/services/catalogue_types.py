"""A stored catalogue entry as plain values (no SQLAlchemy), for the screens and the rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from counter_app.domain.catalogue import ProcedureSpec


@dataclass(frozen=True)
class CatalogueEntry:
    """One stored version of a procedure."""

    id: str
    version: int
    is_current: bool
    spec: ProcedureSpec


def in_force(versions: Iterable[CatalogueEntry], day: date) -> CatalogueEntry | None:
    """The version of one procedure that applies on ``day``, or None before its first.

    A decision's version takes effect on its day, so the one in force is the last to have taken
    effect by ``day`` (a version with no day applies from the start); of two taking effect on
    the same day, the later stored wins.
    """
    started = [v for v in versions if v.spec.effective_from is None or v.spec.effective_from <= day]
    return max(started, key=lambda v: (v.spec.effective_from or date.min, v.version), default=None)


def by_code(entries: Iterable[CatalogueEntry]) -> dict[str, list[CatalogueEntry]]:
    """Every stored version, grouped by procedure code."""
    grouped: dict[str, list[CatalogueEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.spec.code, []).append(entry)
    return grouped
