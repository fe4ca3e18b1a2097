"""Importing a province's decision: read the file, compare with the catalogue, then write.

Reading (python-docx or openpyxl) needs no database and runs beside the database thread in the
window; the comparison reads the current catalogue; the write is the catalogue's own import, in
one transaction, so a decision is stored whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection

from counter_app.domain.decision import DecisionInfo
from counter_app.domain.decision_plan import DecisionPlan, plan_decision
from counter_app.domain.decision_tables import TableReading, read_tables
from counter_app.services.catalogue import load_entries, preview_import
from counter_app.services.catalogue_io import check_size
from counter_app.services.catalogue_preview import FilePreview, PreviewRow, changed_fields
from counter_app.services.decision_files import read_decision_file


@dataclass(frozen=True)
class DecisionSource:
    """A decision's file read in full: what it says of itself, and its rows."""

    file: str
    decision: DecisionInfo
    reading: TableReading


def read_decision(path: Path) -> DecisionSource:
    """The decision and the procedure rows of a .docx or .xlsx file (CatalogueProblem)."""
    check_size(path)
    found = read_decision_file(path)
    return DecisionSource(found.file, found.decision, read_tables(found.file, found.tables))


def plan(
    db: Connection, source: DecisionSource, *, number: str = "", effective: date | None = None
) -> DecisionPlan:
    """What the decision does to the current catalogue (CatalogueProblem when refused)."""
    known = {entry.spec.code: entry.spec for entry in load_entries(db)}
    decision = source.decision.given(number=number, effective=effective)
    return plan_decision(source.reading, decision, known)


def preview_decision(
    db: Connection, source: DecisionSource, *, number: str = "", effective: date | None = None
) -> FilePreview:
    """The decision's changes as the import screen and the CLI show them, nothing written."""
    planned = plan(db, source, number=number, effective=effective)
    known = {entry.spec.code: entry.spec for entry in load_entries(db)}
    rows = tuple(
        PreviewRow(
            change.code,
            change.name,
            change.change,
            _fields(change.spec, known.get(change.code)) if change.change == "changed" else (),
            change.notes,
            change.grounds,
        )
        for change in planned.changes
    )
    summary = preview_import(db, planned.specs)
    return FilePreview(source.file, planned.specs, summary, rows, planned.decision)


def _fields(new: object, old: object) -> tuple[str, ...]:
    from counter_app.domain.catalogue import ProcedureSpec

    if isinstance(new, ProcedureSpec) and isinstance(old, ProcedureSpec):
        return changed_fields(old, new)
    return ()
