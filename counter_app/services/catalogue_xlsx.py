"""Catalogue workbooks, the way provinces keep their lists.

Sheet ``ThuTuc`` has one row per procedure and sheet ``ThanhPhan`` one row per required
document, tied to its procedure by "Mã TTHC". Headers are matched without diacritics or case and
in any column order; a title above the header row and unknown columns (STT, notes) are ignored;
empty rows are skipped.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from counter_app.domain.catalogue import (
    FORM_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
    UNCONFIRMED_LABELS,
    UNIT_LABELS,
    ProcedureSpec,
    fold_key,
    unconfirmed_groups,
)
from counter_app.domain.catalogue_reading import (
    ProblemSink,
    check_duplicate_code,
    read_procedure,
    refuse_file,
)
from counter_app.domain.data_sources import sources_text
from counter_app.i18n import _

MAX_UNPACKED = 200 * 1024 * 1024


MAX_ROWS = 50_000


HEADER_SCAN = 10


PROCEDURE_SHEET = "ThuTuc"


DOCUMENT_SHEET = "ThanhPhan"


YES, NO = "Có", "Không"


_TRUE = frozenset({"co", "x", "1", "true", "yes", "y", "dung"})


_FALSE = frozenset({"khong", "0", "false", "no", "n", "sai"})


_MONEY_RE = re.compile(r"([0-9]{1,3}(?:[., ][0-9]{3})+|[0-9]+)\s*(?:đ|đồng|vnd|vnđ)?", re.I)


@dataclass(frozen=True)
class Column:
    """One column of an XLSX sheet: the key it feeds, its header, whether it must be there."""

    key: str
    label: str
    required: bool = True
    width: int = 14


PROCEDURE_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã TTHC"),
    Column("name", "Tên thủ tục", width=50),
    Column("field", "Lĩnh vực", width=20),
    Column("level", "Cấp", width=8),
    Column("time_amount", "Thời hạn", width=10),
    Column("time_unit", "Đơn vị thời hạn"),
    Column("same_day_cutoff", "Hạn 15 giờ", width=10),
    Column("fee_amount", "Phí (đồng)", width=12),
    Column("fee_text", "Phí, lệ phí", width=50),
    Column("legal_basis", "Căn cứ pháp lý", width=50),
    Column("decision", "Quyết định công bố", required=False, width=30),
    Column("status", "Trạng thái", required=False),
    Column("unconfirmed", "Chưa xác minh", required=False, width=30),
    Column("pause_grounds", "Căn cứ tạm dừng", required=False, width=30),
    Column("place", "Địa điểm thực hiện", required=False, width=30),
    Column("effective_from", "Hiệu lực từ", required=False, width=12),
    Column("sources", "Nguồn", required=False, width=50),
)


DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã TTHC"),
    Column("key", "Mã giấy tờ", required=False, width=10),
    Column("name", "Tên giấy tờ", width=60),
    Column("form", "Loại", width=22),
    Column("count", "Số lượng", width=10),
    Column("mandatory", "Bắt buộc", width=10),
    Column("condition", "Điều kiện", required=False, width=50),
    Column("unconfirmed", "Chưa xác minh", required=False),
    Column("obtainable_from", "Khai thác từ CSDL", required=False, width=30),
)


@dataclass(frozen=True)
class _Row:
    """A non-empty data row of a sheet: its number and its cells by column key."""

    number: int
    cells: Mapping[str, object]


def load_xlsx(path: Path) -> list[ProcedureSpec]:
    """Procedures of an XLSX catalogue (sheets ThuTuc and ThanhPhan)."""
    _check_zip(path)
    sink = ProblemSink(path.name)
    procedures, documents = _read_workbook(path, sink)
    sink.raise_if_any()
    specs = _build_specs(procedures, documents, sink)
    sink.raise_if_any()
    return specs


def sheet_names(path: Path) -> list[str]:
    """The names of a workbook's sheets (empty when it cannot be opened)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # a damaged package is refused by whoever reads it next
        return []
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _check_zip(path: Path) -> None:
    """Refuse a file that is not a ZIP package, or one that unpacks to a huge size."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        refuse_file(path.name, _("Tệp không phải là bảng tính Excel .xlsx hợp lệ."))
    if unpacked > MAX_UNPACKED:
        refuse_file(path.name, _("Bảng tính giải nén ra quá 200 MB; không nhận."))


def _read_workbook(path: Path, sink: ProblemSink) -> tuple[list[_Row], list[_Row]]:
    """The data rows of both sheets; structure problems go to ``sink``."""
    from openpyxl import load_workbook  # loaded on first use: it slows the window's start

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged package
        refuse_file(path.name, _("Không mở được bảng tính: tệp bị hỏng hoặc không phải .xlsx."))
    try:
        procedures = _read_sheet(workbook, PROCEDURE_SHEET, PROCEDURE_COLUMNS, sink)
        documents = _read_sheet(workbook, DOCUMENT_SHEET, DOCUMENT_COLUMNS, sink)
    except Exception:  # damaged sheet XML surfaces while streaming rows
        refuse_file(path.name, _("Bảng tính bị hỏng, không đọc hết được các dòng."))
    finally:
        workbook.close()
    return procedures, documents


def _find_sheet(workbook: Any, title: str) -> Any:
    """The sheet named ``title`` (matched without diacritics, case or spaces), or None."""
    wanted = fold_key(title).replace(" ", "")
    for name in workbook.sheetnames:
        if fold_key(name).replace(" ", "") == wanted:
            return workbook[name]
    return None


def _read_sheet(
    workbook: Any, title: str, columns: Sequence[Column], sink: ProblemSink
) -> list[_Row]:
    """The non-empty data rows of one sheet, after finding its header row."""
    sheet_sink = replace(sink, sheet=title)
    sheet = _find_sheet(workbook, title)
    if sheet is None:
        sheet_sink.add(None, _("Thiếu trang tính này (cần hai trang ThuTuc và ThanhPhan)."))
        return []
    rows = enumerate(sheet.iter_rows(values_only=True), start=1)
    positions = _find_header(rows, columns, sheet_sink)
    if positions is None:
        return []
    return _data_rows(rows, positions, sheet_sink)


def _find_header(
    rows: Iterator[tuple[int, tuple[object, ...]]], columns: Sequence[Column], sink: ProblemSink
) -> dict[str, int] | None:
    """Column positions by key, from the first row (of the first few) holding "Mã TTHC"."""
    first = fold_key(columns[0].label)
    for number, values in itertools.islice(rows, HEADER_SCAN):
        labels = [fold_key(_cell_text(value)) for value in values]
        if first in labels:
            return _header_positions(labels, columns, replace(sink, row=number))
    sink.add(
        None,
        _("Không tìm thấy dòng tiêu đề (có cột '{label}') trong {n} dòng đầu.").format(
            label=columns[0].label, n=HEADER_SCAN
        ),
    )
    return None


def _header_positions(
    labels: Sequence[str], columns: Sequence[Column], sink: ProblemSink
) -> dict[str, int] | None:
    """Column positions by key; a repeated or missing required column is a problem."""
    by_label = {fold_key(column.label): column for column in columns}
    positions: dict[str, int] = {}
    before = len(sink.found)
    for index, label in enumerate(labels):
        column = by_label.get(label)
        if column is not None and positions.setdefault(column.key, index) != index:
            sink.add(column.label, _("Cột này xuất hiện hai lần trong dòng tiêu đề."))
    for column in columns:
        if column.required and column.key not in positions:
            sink.add(
                column.label,
                _("Thiếu cột '{label}' trong dòng tiêu đề.").format(label=column.label),
            )
    return positions if len(sink.found) == before else None


def _data_rows(
    rows: Iterator[tuple[int, tuple[object, ...]]], positions: Mapping[str, int], sink: ProblemSink
) -> list[_Row]:
    """The rows below the header whose known cells are not all empty."""
    result: list[_Row] = []
    for number, values in rows:
        cells = {key: values[i] if i < len(values) else None for key, i in positions.items()}
        if all(_blank(value) for value in cells.values()):
            continue
        if len(result) >= MAX_ROWS:
            replace(sink, row=number).add(None, _("Trang tính có quá 50.000 dòng; không nhận."))
            break
        result.append(_Row(number, cells))
    return result


def _build_specs(
    procedures: Sequence[_Row], documents: Sequence[_Row], sink: ProblemSink
) -> list[ProcedureSpec]:
    """Specs from ThuTuc rows with their ThanhPhan rows; every problem goes to ``sink``.

    A repeated code is reported, and the repeated row is still checked (its documents, those
    of the first row with that code, are not checked twice).
    """
    head_sink = replace(sink, sheet=PROCEDURE_SHEET)
    first_rows: dict[str, int] = {}
    heads: list[tuple[str, _Row, bool]] = []
    for row in procedures:
        code = _cell_code(row.cells["code"])
        here = replace(head_sink, row=row.number, code=code or None)
        heads.append((code, row, check_duplicate_code(code or None, row.number, first_rows, here)))
    parts = _group_documents(documents, set(first_rows), replace(sink, sheet=DOCUMENT_SHEET))
    specs: list[ProcedureSpec] = []
    for code, row, repeated in heads:
        part_rows, part_sinks = parts.get(code, ([], []))
        if repeated:
            part_sinks = [ProblemSink(sink.file) for _row in part_rows]
        data = _procedure_data(row.cells)
        data["documents"] = [_document_data(part.cells) for part in part_rows]
        here = replace(head_sink, row=row.number, code=code or None)
        spec = read_procedure(data, here, part_sinks or None)
        if spec is not None and not repeated:
            specs.append(spec)
    return specs


def _group_documents(
    documents: Sequence[_Row], codes: set[str], sink: ProblemSink
) -> dict[str, tuple[list[_Row], list[ProblemSink]]]:
    """ThanhPhan rows (and a problem sink for each) by procedure code, in sheet order."""
    parts: dict[str, tuple[list[_Row], list[ProblemSink]]] = {}
    for row in documents:
        code = _cell_code(row.cells["code"])
        here = replace(sink, row=row.number, code=code or None)
        if not code:
            here.add("code", _("Thiếu mã TTHC của giấy tờ."))
        elif code not in codes:
            here.add("code", _("Mã TTHC '{code}' không có trong trang ThuTuc.").format(code=code))
        else:
            part_rows, part_sinks = parts.setdefault(code, ([], []))
            part_rows.append(row)
            part_sinks.append(here)
    return parts


def _procedure_data(cells: Mapping[str, object]) -> dict[str, object]:
    """A ThuTuc row in the JSON shape, cells coerced where Excel habits allow."""
    data: dict[str, object] = {
        "code": _cell_code(cells["code"]),
        "name": _cell_text(cells["name"]),
        "field": _cell_text(cells["field"]),
        "level": _cell_text(cells["level"]),
        "processing_time": {
            "amount": _cell_number(cells["time_amount"]),
            "unit": _cell_text(cells["time_unit"]),
        },
        "same_day_cutoff": _cell_bool(cells["same_day_cutoff"], blank=False),
        "fee": {"amount": _cell_number(cells["fee_amount"]), "text": _cell_text(cells["fee_text"])},
        "legal_basis": _cell_text(cells["legal_basis"]),
        "decision": _cell_text(cells.get("decision")),
        "unconfirmed": _cell_list(cells.get("unconfirmed")),
    }
    if not _blank(cells.get("pause_grounds")):
        data["pause_grounds"] = _cell_list(cells.get("pause_grounds"))
    if not _blank(cells.get("status")):
        data["status"] = _cell_text(cells.get("status"))
    if not _blank(cells.get("place")):
        data["place"] = _cell_text(cells.get("place"))
    if not _blank(cells.get("effective_from")):
        data["effective_from"] = _cell_day(cells.get("effective_from"))
    if not _blank(cells.get("sources")):
        data["sources"] = _cell_sources(cells.get("sources"))
    return data


def _cell_day(value: object) -> object:
    """A day cell (a date Excel stores, or text "YYYY-MM-DD") as "YYYY-MM-DD"."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return _cell_text(value).strip()


def _cell_sources(value: object) -> dict[str, str]:
    """A sources cell: one "value: where it was read" a line."""
    sources: dict[str, str] = {}
    for line in _cell_text(value).splitlines():
        key, _sep, text = line.partition(":")
        if key.strip():
            sources[key.strip()] = text.strip()
    return sources


def _document_data(cells: Mapping[str, object]) -> dict[str, object]:
    """A ThanhPhan row in the JSON shape of one document."""
    condition = cells.get("condition")
    return {
        "key": _cell_key(cells.get("key")),
        "name": _cell_text(cells["name"]),
        "form": _cell_text(cells["form"]),
        "count": _cell_number(cells["count"]),
        "mandatory": _cell_bool(cells["mandatory"], blank=None),
        "condition": None if _blank(condition) else _cell_text(condition),
        "unconfirmed": _cell_bool(cells.get("unconfirmed"), blank=False),
        "obtainable_from": _cell_list(cells.get("obtainable_from")),
    }


def _blank(value: object) -> bool:
    """True for an empty cell (nothing, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_text(value: object) -> str:
    """A cell as text; whole numbers lose Excel's ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell_code(value: object) -> str:
    """A TTHC code cell; a code Excel turned into a number gets its six decimals back."""
    if isinstance(value, float):
        return f"{value:.6f}"
    return _cell_text(value).strip().upper()


def _cell_key(value: object) -> str | None:
    """A document key cell; None when empty (the key is then generated)."""
    return None if _blank(value) else _cell_text(value).strip()


def _cell_number(value: object) -> object:
    """A whole number from a number cell or text like "50.000 đ"; anything else unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        if not value.strip():
            return None
        match = _MONEY_RE.fullmatch(value.strip())
        return int(re.sub(r"[^0-9]", "", match.group(1))) if match else value
    return value


def _cell_bool(value: object, *, blank: bool | None) -> object:
    """A yes/no cell ("Có"/"Không", "x", 1/0, TRUE/FALSE); ``blank`` for an empty one."""
    if _blank(value):
        return blank
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = fold_key(value) if isinstance(value, str) else ""
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    return value


def _cell_list(value: object) -> object:
    """An "unconfirmed" or "Khai thác từ CSDL" cell: names separated by ";", "," or line breaks."""
    if _blank(value):
        return []
    parts = re.split(r"[;,\n]", _cell_text(value))
    return [part.strip() for part in parts if part.strip()]


def _yes(value: bool) -> str:
    return YES if value else NO


def _procedure_cells(spec: ProcedureSpec) -> dict[str, object]:
    """A ThuTuc row by column key, with Vietnamese labels for coded values."""
    groups = unconfirmed_groups(spec.unconfirmed)
    return {
        "code": spec.code,
        "name": spec.name,
        "field": spec.field,
        "level": LEVEL_LABELS.get(spec.level, spec.level),
        "time_amount": spec.time_amount,
        "time_unit": UNIT_LABELS.get(spec.time_unit, spec.time_unit),
        "same_day_cutoff": _yes(spec.same_day_cutoff),
        "fee_amount": spec.fee_amount,
        "fee_text": spec.fee_text,
        "legal_basis": spec.legal_basis,
        "decision": spec.decision,
        "status": STATUS_LABELS.get(spec.status, spec.status),
        "unconfirmed": "; ".join(UNCONFIRMED_LABELS[group] for group in groups),
        "pause_grounds": "; ".join(spec.pause_grounds),
        "place": spec.place,
        "effective_from": spec.effective_from.isoformat() if spec.effective_from else "",
        "sources": "\n".join(f"{key}: {text}" for key, text in spec.sources),
    }


def _document_rows(spec: ProcedureSpec) -> list[dict[str, object]]:
    """The ThanhPhan rows of one procedure, by column key."""
    return [
        {
            "code": spec.code,
            "key": document.key,
            "name": document.name,
            "form": FORM_LABELS[document.form],
            "count": document.count,
            "mandatory": _yes(document.mandatory),
            "condition": document.condition,
            "unconfirmed": YES if document.unconfirmed else None,
            "obtainable_from": sources_text(document.obtainable_from) or None,
        }
        for document in spec.documents
    ]


def _write_sheet(
    sheet: Any, columns: Sequence[Column], rows: Sequence[Mapping[str, object]]
) -> None:
    """Header and rows; text is always stored as text (never as a formula)."""
    from openpyxl.utils import get_column_letter

    sheet.append([column.label for column in columns])
    for row in rows:
        sheet.append([_cell_value(row.get(column.key)) for column in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def _cell_value(value: object) -> object:
    """What to store in a cell: empty text becomes an empty cell."""
    return None if value == "" else value


def xlsx_bytes(procedures: Sequence[ProcedureSpec], source: str) -> bytes:
    """The XLSX file (``source`` is not stored: the two sheets hold only procedures)."""
    from openpyxl import Workbook

    del source
    workbook = Workbook()
    heads = workbook.active
    heads.title = PROCEDURE_SHEET
    _write_sheet(heads, PROCEDURE_COLUMNS, [_procedure_cells(spec) for spec in procedures])
    rows = [row for spec in procedures for row in _document_rows(spec)]
    _write_sheet(workbook.create_sheet(DOCUMENT_SHEET), DOCUMENT_COLUMNS, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
