"""What a decision's rows do to the catalogue: new procedures, new versions, abolitions.

A row of a procedure the station knows amends its name, time limit, fee, place and legal basis
(and its documents when the decision lists them) as a new version; a row of an unknown one adds
it, its documents marked unverified when the decision publishes only the list; a row under
"bãi bỏ" abolishes it. Every version carries the decision and the day it takes effect, and each
value read from the decision names it as its source. A cell that cannot be read as a value is
noted and the row keeps what the station had (or is marked unverified); a row that cannot be
placed at all (no code, a duplicate, a time limit that reads as none) refuses the whole file.

A time limit (or legal basis) that excludes a step's time from the limit ("không tính thời gian
thực hiện nghĩa vụ tài chính") gives the procedure that lawful pause ground, the clause as its
source (domain.pause_phrases). A row under a district-level heading ("cấp huyện") of a decision
from before 1/7/2025 is set aside and noted: there are two levels since then, and what a
district did is now a commune's or the province's procedure, published by a newer decision.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from counter_app.domain.catalogue import (
    SOURCE_KEYS,
    DocumentForm,
    ProcedureSpec,
    RequiredDocument,
    fold_key,
    unconfirmed_fields,
)
from counter_app.domain.catalogue_reading import CODE_RE, CatalogueProblem, Problem
from counter_app.domain.decision import DecisionInfo
from counter_app.domain.decision_tables import DecisionRow, TableReading
from counter_app.domain.errors import InvalidInput
from counter_app.domain.pause_phrases import GroundPhrase, read_pause_phrases
from counter_app.domain.pauses import GROUND_KEYS
from counter_app.domain.published_values import parse_fee, parse_time_limit
from counter_app.i18n import _

Change = Literal["added", "changed", "unchanged", "abolished", "ignored"]
UNSORTED_FIELD = "Chưa phân loại"
PLACEHOLDER_DOCUMENT = (
    "Thành phần hồ sơ theo quy định của thủ tục (quyết định chỉ công bố danh mục, chưa có "
    "thành phần hồ sơ)"
)
_FORM_WORDS = (
    ("ban sao co chung thuc", DocumentForm.CERTIFIED_COPY),
    ("ban sao chung thuc", DocumentForm.CERTIFIED_COPY),
    ("xuat trinh", DocumentForm.PRESENT),
    ("ban sao", DocumentForm.COPY),
    ("ban chup", DocumentForm.COPY),
)


@dataclass(frozen=True)
class PlannedChange:
    """One row of the decision and what it does; ``notes`` names every cell not read."""

    code: str
    name: str
    change: Change
    spec: ProcedureSpec | None
    notes: tuple[str, ...] = ()
    grounds: tuple[GroundPhrase, ...] = ()  # pause grounds its cells give, with their phrases


@dataclass(frozen=True)
class DecisionPlan:
    """A decision read in full against the catalogue, before anything is written."""

    file: str
    decision: DecisionInfo
    changes: tuple[PlannedChange, ...]

    @property
    def specs(self) -> tuple[ProcedureSpec, ...]:
        """The versions to store."""
        return tuple(c.spec for c in self.changes if c.spec is not None and c.change != "ignored")


def plan_decision(
    reading: TableReading, decision: DecisionInfo, known: Mapping[str, ProcedureSpec]
) -> DecisionPlan:
    """The changes of every row, or CatalogueProblem naming each refused cell."""
    reading = TableReading(reading.file, list(reading.rows), list(reading.problems))
    if not decision.complete:
        _missing_decision(reading, decision)
    first: dict[str, DecisionRow] = {}
    changes = [_plan_row(row, decision, known, first, reading) for row in reading.rows]
    if reading.problems:
        raise CatalogueProblem(reading.problems)
    return DecisionPlan(reading.file, decision, tuple(c for c in changes if c is not None))


def _missing_decision(reading: TableReading, decision: DecisionInfo) -> None:
    """Refuse a decision whose number or effective day neither the file nor the admin gave."""
    missing = []
    if not decision.number:
        missing.append(
            _("Không thấy số quyết định trong tệp; hãy nhập số quyết định (--decision).")
        )
    if decision.effective_from is None:
        missing.append(
            _("Không thấy ngày quyết định có hiệu lực trong tệp; hãy nhập ngày (--effective).")
        )
    reading.problems.extend(Problem(reading.file, None, None, text) for text in missing)


def _plan_row(
    row: DecisionRow,
    decision: DecisionInfo,
    known: Mapping[str, ProcedureSpec],
    first: dict[str, DecisionRow],
    reading: TableReading,
) -> PlannedChange | None:
    if row.section.district:
        return _district(row)
    code = _code(row, known, reading)
    if code is None or _duplicate(row, code, first, reading):
        return None
    old = known.get(code)
    if row.section.kind == "abolished":
        return _abolish(row, code, old, decision)
    notes: list[str] = []
    values = _values(row, notes, reading)
    if values is None:
        return None
    spec = _amend(old, values, decision) if old else _add(row, code, values, decision, notes)
    change: Change = "added" if old is None else ("unchanged" if spec == old else "changed")
    return PlannedChange(code, spec.name, change, spec, tuple(notes), values.grounds)


def _district(row: DecisionRow) -> PlannedChange:
    """A row of a district-level part: shown, never imported (no level "huyện" since 1/7/2025)."""
    name = " ".join(row.cells.get("name", "").split())
    note = _(
        "{table}, dòng {row}: thủ tục cấp huyện — từ 1/7/2025 chính quyền địa phương có hai cấp "
        "(tỉnh, xã), không còn cấp huyện; dòng này không được nhập. Thủ tục nay thuộc cấp xã "
        "hoặc cấp tỉnh theo quyết định công bố mới của tỉnh."
    ).format(table=row.sheet or _("bảng {n}").format(n=row.table), row=row.row)
    return PlannedChange(row.code or name[:40], name, "ignored", None, (note,))


def _code(
    row: DecisionRow, known: Mapping[str, ProcedureSpec], reading: TableReading
) -> str | None:
    """The row's national code (a longer local code reduced to a known one), else None."""
    code, label = row.code, row.labels.get("code") or row.labels.get("name", "")
    if code:
        if not CODE_RE.fullmatch(code):
            message = _("Mã TTHC «{code}» không đúng dạng N.NNNNNN.").format(code=code[:40])
            reading.refuse(row, label, message)
            return None
        return code if code in known or code[:8] not in known else code[:8]
    wanted = fold_key(row.cells.get("name", ""))
    matches = [c for c, spec in known.items() if fold_key(spec.name) == wanted]
    if wanted and len(matches) == 1:
        return matches[0]
    reading.refuse(
        row, label, _("Dòng không có mã TTHC và tên không khớp đúng một thủ tục trong danh mục.")
    )
    return None


def _duplicate(
    row: DecisionRow, code: str, first: dict[str, DecisionRow], reading: TableReading
) -> bool:
    earlier = first.setdefault(code, row)
    if earlier is row:
        return False
    message = _("Mã TTHC {code} trùng với bảng {table}, dòng {row} của cùng quyết định.").format(
        code=code, table=earlier.sheet or earlier.table, row=earlier.row
    )
    reading.refuse(row, row.labels.get("code", row.labels.get("name")), message)
    return True


@dataclass(frozen=True)
class _Values:
    """The values a row gives (None: the cell was empty or unreadable)."""

    name: str
    time: tuple[int, str, bool] | None
    fee: tuple[int | None, str] | None
    legal_basis: str | None
    place: str | None
    documents: tuple[RequiredDocument, ...] | None
    grounds: tuple[GroundPhrase, ...] = ()


def _values(row: DecisionRow, notes: list[str], reading: TableReading) -> _Values | None:
    name = " ".join(row.cells.get("name", "").split())
    if not name:
        reading.refuse(row, row.labels.get("name"), _("Thiếu tên thủ tục."))
        return None
    time = _time(row, notes, reading)
    if time is False:
        return None
    return _Values(
        name=name,
        time=time,
        fee=_fee(row, notes),
        legal_basis=_text(row, "legal_basis", notes),
        place=_text(row, "place", notes),
        documents=_documents(row),
        grounds=_grounds(row, notes),
    )


def _grounds(row: DecisionRow, notes: list[str]) -> tuple[GroundPhrase, ...]:
    """The pause grounds the time-limit and legal-basis cells give (first phrase per ground)."""
    found: dict[str, GroundPhrase] = {}
    for key in ("time", "legal_basis"):
        reading = read_pause_phrases(row.cells.get(key, ""))
        column = row.labels.get(key, key)
        for phrase in reading.grounds:
            found.setdefault(phrase.ground, dataclasses.replace(phrase, column=column))
        notes.extend(
            _note(
                row,
                key,
                _("«{phrase}» không phải căn cứ tạm dừng; không đặt").format(phrase=text[:120]),
            )
            for text in reading.unmatched
        )
    return tuple(found[key] for key in GROUND_KEYS if key in found)


def _time(
    row: DecisionRow, notes: list[str], reading: TableReading
) -> tuple[int, str, bool] | Literal[False] | None:
    if "time" not in row.cells:
        return None
    text = row.cells["time"]
    if not text.strip():
        notes.append(_note(row, "time", _("ô để trống")))
        return None
    try:
        limit = parse_time_limit(text)
    except InvalidInput as error:
        reading.refuse(row, row.labels["time"], error.message)
        return False
    return limit.amount, limit.unit, limit.same_day_cutoff


def _fee(row: DecisionRow, notes: list[str]) -> tuple[int | None, str] | None:
    if "fee" not in row.cells:
        return None
    text = " ".join(row.cells["fee"].split())
    if not text:
        notes.append(_note(row, "fee", _("ô để trống")))
        return None
    try:
        return parse_fee(text), text
    except InvalidInput:
        notes.append(_note(row, "fee", _("không đọc được thành số tiền; giữ nguyên văn")))
        return None, text


def _text(row: DecisionRow, key: str, notes: list[str]) -> str | None:
    if key not in row.cells:
        return None
    text = "\n".join(line.strip() for line in row.cells[key].splitlines() if line.strip())
    if not text:
        notes.append(_note(row, key, _("ô để trống")))
        return None
    return text


def _documents(row: DecisionRow) -> tuple[RequiredDocument, ...] | None:
    """The documents a "Thành phần hồ sơ" cell lists, one a line (bullets dropped)."""
    lines = [
        re.sub(r"^[-+•*\d.)\s]+", "", line).strip(" ;.")
        for line in row.cells.get("documents", "").splitlines()
    ]
    names = [line for line in lines if line]
    if not names:
        return None
    return tuple(
        RequiredDocument(f"d{i}", name[:500], _form(name), 1, True, None, False)
        for i, name in enumerate(names, start=1)
    )


def _form(name: str) -> DocumentForm:
    folded = fold_key(name)
    return next((form for words, form in _FORM_WORDS if words in folded), DocumentForm.ORIGINAL)


def _note(row: DecisionRow, key: str, what: str) -> str:
    return _("{table}, dòng {row}, cột '{column}': {what}").format(
        table=row.sheet or _("bảng {n}").format(n=row.table),
        row=row.row,
        column=row.labels.get(key, key),
        what=what,
    )


def _given(values: _Values) -> dict[str, bool]:
    return {
        "processing_time": values.time is not None,
        "fee": values.fee is not None,
        "legal_basis": values.legal_basis is not None,
        "documents": values.documents is not None,
        "place": values.place is not None,
    }


def _sources(
    before: tuple[tuple[str, str], ...],
    values: _Values,
    decision: DecisionInfo,
    kept_grounds: tuple[str, ...] = (),
) -> tuple[tuple[str, str], ...]:
    merged = dict(before)
    for key, given in _given(values).items():
        if given:
            merged[key] = f"Quyết định {decision.label()}"  # stored data: always Vietnamese
    if values.grounds:
        read = "; ".join(
            f"{g.ground} «{g.phrase}» (Quyết định {decision.label()}, cột {g.column})"
            for g in values.grounds
        )
        earlier = merged.get("pause_grounds", "")
        merged["pause_grounds"] = f"{read}; {earlier}" if kept_grounds and earlier else read
    return tuple((key, merged[key]) for key in SOURCE_KEYS if key in merged)


def _pause_grounds(
    old: tuple[str, ...], values: _Values
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the version's grounds, the earlier ones the decision does not restate).

    A decision's cell that names no ground takes none away: a list often leaves out what the
    procedure's own text excludes, and a ground is removed by importing the catalogue itself.
    """
    named = {g.ground for g in values.grounds}
    kept = tuple(ground for ground in old if ground not in named)
    return tuple(k for k in GROUND_KEYS if k in named or k in old), kept


def _amend(old: ProcedureSpec, values: _Values, decision: DecisionInfo) -> ProcedureSpec:
    given = _given(values)
    confirmed = {
        field
        for group, yes in given.items()
        if yes and group != "place"
        for field in unconfirmed_fields([group])
    }
    if given["processing_time"]:
        confirmed.add("same_day_cutoff")
    amount, unit, cutoff = values.time or (old.time_amount, old.time_unit, old.same_day_cutoff)
    fee_amount, fee_text = values.fee or (old.fee_amount, old.fee_text)
    grounds, kept = _pause_grounds(old.pause_grounds, values)
    return dataclasses.replace(
        old,
        name=values.name,
        time_amount=amount,
        time_unit=unit,
        same_day_cutoff=cutoff,
        fee_amount=fee_amount,
        fee_text=fee_text,
        legal_basis=values.legal_basis if values.legal_basis is not None else old.legal_basis,
        place=values.place if values.place is not None else old.place,
        documents=values.documents or old.documents,
        decision=decision.number,
        effective_from=decision.effective_from,
        status="active",
        sources=_sources(old.sources, values, decision, kept),
        unconfirmed=tuple(f for f in old.unconfirmed if f not in confirmed),
        pause_grounds=grounds,
    )


def _add(
    row: DecisionRow, code: str, values: _Values, decision: DecisionInfo, notes: list[str]
) -> ProcedureSpec:
    field = " ".join(row.cells.get("field", "").split()) or row.section.field
    if not field:
        notes.append(
            _("chưa rõ lĩnh vực (không có cột hay tiêu đề lĩnh vực); ghi «{field}»").format(
                field=UNSORTED_FIELD
            )
        )
    given = _given(values)
    groups = [group for group, yes in given.items() if not yes and group != "place"]
    if not given["processing_time"]:
        groups.append("same_day_cutoff")
    placeholder = RequiredDocument(
        "d1", PLACEHOLDER_DOCUMENT, DocumentForm.ORIGINAL, 1, True, None, True
    )
    amount, unit, cutoff = values.time or (0, "working_days", False)
    fee_amount, fee_text = values.fee or (None, "")
    return ProcedureSpec(
        code=code,
        name=values.name,
        field=field or UNSORTED_FIELD,
        level=row.section.level or "xa",
        time_amount=amount,
        time_unit=unit,
        same_day_cutoff=cutoff,
        fee_amount=fee_amount,
        fee_text=fee_text,
        legal_basis=values.legal_basis or "",
        decision=decision.number,
        status="active",
        documents=values.documents or (placeholder,),
        unconfirmed=unconfirmed_fields(groups),
        place=values.place or "",
        effective_from=decision.effective_from,
        sources=_sources((), values, decision),
        pause_grounds=tuple(g.ground for g in values.grounds),
    )


def _abolish(
    row: DecisionRow, code: str, old: ProcedureSpec | None, decision: DecisionInfo
) -> PlannedChange:
    name = " ".join(row.cells.get("name", "").split())
    if old is None:
        note = _("không có trong danh mục của máy; bỏ qua")
        return PlannedChange(code, name, "ignored", None, (note,))
    spec = dataclasses.replace(
        old, status="abolished", decision=decision.number, effective_from=decision.effective_from
    )
    return PlannedChange(code, old.name, "abolished", spec)
