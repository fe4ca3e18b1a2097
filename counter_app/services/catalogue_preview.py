"""What importing a catalogue file would change, per procedure, before anything is written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Connection

from counter_app.domain.catalogue import SPEC_FIELDS, ProcedureSpec
from counter_app.domain.decision import DecisionInfo
from counter_app.domain.pause_phrases import GroundPhrase
from counter_app.i18n import N_
from counter_app.services.catalogue import ImportSummary, load_entries, preview_import
from counter_app.services.catalogue_io import load_catalogue

Change = Literal["added", "changed", "unchanged", "abolished", "ignored"]
FIELD_LABELS: Mapping[str, str] = {
    "name": N_("Tên"),
    "field": N_("Lĩnh vực"),
    "level": N_("Cấp thực hiện"),
    "time_amount": N_("Thời hạn"),
    "time_unit": N_("Đơn vị thời hạn"),
    "same_day_cutoff": N_("Hạn 15 giờ"),
    "fee_amount": N_("Lệ phí"),
    "fee_text": N_("Ghi chú lệ phí"),
    "legal_basis": N_("Căn cứ pháp lý"),
    "decision": N_("Quyết định công bố"),
    "status": N_("Tình trạng"),
    "documents": N_("Thành phần hồ sơ"),
    "unconfirmed": N_("Dấu chưa xác minh"),
    "place": N_("Địa điểm thực hiện"),
    "effective_from": N_("Ngày hiệu lực"),
    "sources": N_("Nguồn"),
    "pause_grounds": N_("Căn cứ tạm dừng"),
}


@dataclass(frozen=True)
class PreviewRow:
    """One procedure of the file and what the import does to it."""

    code: str
    name: str
    change: Change
    fields: tuple[str, ...] = ()  # the fields that differ from the current version
    notes: tuple[str, ...] = ()  # every cell of the row that could not be read
    grounds: tuple[GroundPhrase, ...] = ()  # pause grounds a decision's cells give


@dataclass(frozen=True)
class FilePreview:
    """A catalogue file read in full, and what importing it would do."""

    file: str
    specs: tuple[ProcedureSpec, ...]
    summary: ImportSummary
    rows: tuple[PreviewRow, ...]
    decision: DecisionInfo | None = None  # the decision a province's file publishes


def preview_file(db: Connection, path: Path) -> FilePreview:
    """Read ``path`` (CatalogueProblem on any error) and compare it with the current catalogue."""
    return preview_specs(db, path.name, load_catalogue(path))


def preview_specs(db: Connection, file: str, specs: Sequence[ProcedureSpec]) -> FilePreview:
    """Compare the procedures read from ``file`` with the current catalogue."""
    summary = preview_import(db, specs)
    current = {entry.spec.code: entry.spec for entry in load_entries(db)}
    rows = tuple(_row(spec, current.get(spec.code), summary) for spec in specs)
    return FilePreview(file, tuple(specs), summary, rows)


def _row(spec: ProcedureSpec, old: ProcedureSpec | None, summary: ImportSummary) -> PreviewRow:
    if spec.code in summary.added or old is None:
        return PreviewRow(spec.code, spec.name, "added")
    if spec.code in summary.unchanged:
        return PreviewRow(spec.code, spec.name, "unchanged")
    return PreviewRow(spec.code, spec.name, "changed", changed_fields(old, spec))


def changed_fields(old: ProcedureSpec, new: ProcedureSpec) -> tuple[str, ...]:
    """The ProcedureSpec fields whose values differ."""
    return tuple(name for name in SPEC_FIELDS if getattr(old, name) != getattr(new, name))
