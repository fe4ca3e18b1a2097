"""The annex tables of a province's decision (Quyết định công bố danh mục TTHC), read into rows.

A table arrives as rows of cell texts (a merged cell repeated in every cell it covers). Its
header is found among the first rows, over one or two rows ("Thời hạn giải quyết" above
"Trực tiếp | Trực tuyến"), its columns matched by their folded words in any order; a row of
column numbers "(1) (2) (3)" is skipped. A row that spans the table ("I. LĨNH VỰC HỘ TỊCH",
"B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ") sets the field, the level or the kind of change for
the rows below it; so does the heading printed just above a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from counter_app.domain.catalogue import fold_key
from counter_app.domain.catalogue_reading import Problem
from counter_app.i18n import N_, _

Kind = Literal["listed", "new", "amended", "abolished"]
HEADER_SCAN = 8

# Column key, then the folded words a header must contain (the first match wins).
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("code", ("ma tthc", "ma so tthc", "ma thu tuc", "ma so thu tuc", "ma so", "ma ho so")),
    ("name", ("ten thu tuc", "ten tthc", "thu tuc hanh chinh", "ten tt")),
    ("time", ("thoi han", "thoi gian giai quyet")),
    ("place", ("dia diem", "noi tiep nhan", "noi thuc hien")),
    ("fee", ("phi", "le phi")),
    ("documents", ("thanh phan ho so", "ho so gom")),
    ("legal_basis", ("can cu phap ly", "can cu", "van ban quy dinh", "vbqppl")),
    ("field", ("linh vuc",)),
    ("stt", ("stt", "tt", "so tt", "so thu tu")),
)
COLUMN_LABELS = {
    "code": N_("Mã TTHC"),
    "name": N_("Tên thủ tục hành chính"),
    "time": N_("Thời hạn giải quyết"),
    "place": N_("Địa điểm thực hiện"),
    "fee": N_("Phí, lệ phí"),
    "documents": N_("Thành phần hồ sơ"),
    "legal_basis": N_("Căn cứ pháp lý"),
    "field": N_("Lĩnh vực"),
}
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")
_SECTION_PREFIX = re.compile(r"^\s*([A-ZĐ]|[IVXLC]+|\d+(\.\d+)*)[.)/-]\s*", re.IGNORECASE)
# Where a field heading goes on to name the level or the authority: "… cấp xã", "… thuộc thẩm
# quyền …", "… của UBND …", "… tại Trung tâm …", "… do Ủy ban …" ("của" alone belongs to names
# such as "Thành lập và hoạt động của hộ kinh doanh").
_AUTHORITY = re.compile(
    r"\s+(?:thuộc|cấp\s+(?:xã|tỉnh|huyện)|(?:của|tại|do)\s+"
    r"(?:ủy ban|uỷ ban|ubnd|trung tâm|chủ tịch|cơ quan|bộ phận|sở|cấp))(?:\s|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SourceTable:
    """One table of the file: its 1-based number, the heading above it, its rows of cells."""

    number: int
    heading: str
    rows: tuple[tuple[str, ...], ...]
    sheet: str = ""  # the sheet's name, for a workbook


@dataclass(frozen=True)
class Section:
    """What the heading rows above a data row say of it."""

    kind: Kind = "listed"
    field: str = ""
    level: str = ""  # "xa", "tinh" (catalogue.LEVELS) or "" when no heading says
    # Under a heading naming the district level ("cấp huyện") of a decision before 1/7/2025: no
    # level a catalogue entry can take (two levels since then), so decision_plan sets it aside.
    district: bool = False


@dataclass(frozen=True)
class DecisionRow:
    """One procedure of a decision's table, its cells by column key as written."""

    table: int
    row: int
    section: Section
    cells: dict[str, str]
    labels: dict[str, str]  # the header text of each column, to name a cell in messages
    sheet: str = ""

    @property
    def code(self) -> str:
        """The TTHC code as written (spaces removed)."""
        return re.sub(r"\s+", "", self.cells.get("code", "")).upper()


@dataclass
class TableReading:
    """The rows read from every table, and every problem found (nothing is guessed)."""

    file: str
    rows: list[DecisionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def refuse(self, where: DecisionRow | SourceTable, column: str | None, message: str) -> None:
        """Record a problem at a table (and row) and column (its header text as written)."""
        row = where.row if isinstance(where, DecisionRow) else None
        code = where.code if isinstance(where, DecisionRow) else ""
        table = where.table if isinstance(where, DecisionRow) else where.number
        self.problems.append(
            Problem(
                self.file,
                row,
                column,
                message,
                sheet=where.sheet or None,
                code=code or None,
                table=None if where.sheet else table,
            )
        )


def read_tables(file: str, tables: Sequence[SourceTable]) -> TableReading:
    """The procedure rows of every table that has a header; problems for the rest."""
    reading = TableReading(file)
    if not tables:
        reading.problems.append(
            Problem(file, None, None, _("Tệp không có bảng nào; cần bảng danh mục thủ tục."))
        )
        return reading
    found = 0
    for table in tables:
        found += _read_table(table, reading)
    if found == 0 and not reading.problems:
        reading.problems.append(
            Problem(file, None, None, _("Không có bảng nào có dòng tiêu đề danh mục thủ tục."))
        )
    return reading


def _read_table(table: SourceTable, reading: TableReading) -> int:
    """Rows of one table into ``reading``; 1 when it is a procedure table, else 0."""
    header = _find_header(table.rows)
    if header is None:
        if looks_like_list(table.rows):
            reading.refuse(
                table,
                None,
                _("Bảng không có cột '{name}' và '{code}' hoặc '{time}'; sai mẫu cột?").format(
                    name=_(COLUMN_LABELS["name"]),
                    code=_(COLUMN_LABELS["code"]),
                    time=_(COLUMN_LABELS["time"]),
                ),
            )
        return 0
    first_data, positions, labels = header
    section = _section_of(table.heading, Section())
    for cells in table.rows[: first_data - 1]:  # a title above the header in a sheet
        filled = [text for text in cells if text.strip()]
        if filled and len(set(filled)) == 1:
            section = _section_of(filled[0], section)
    for index in range(first_data, len(table.rows)):
        cells = table.rows[index]
        number = index + 1
        if _is_column_numbers(cells) or not any(text.strip() for text in cells):
            continue
        if _is_section(cells):
            section = _section_of(_first_text(cells), section)
            continue
        values = {key: _at(cells, position) for key, position in positions.items()}
        reading.rows.append(DecisionRow(table.number, number, section, values, labels, table.sheet))
    return 1


def _find_header(
    rows: Sequence[Sequence[str]],
) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """(first data row index, column positions, header labels) or None when there is none."""
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        labels = list(cells)
        positions = _positions(labels)
        if "name" in positions and ("code" in positions or "time" in positions):
            two_rows = index + 1 < len(rows) and _is_subheader(rows[index + 1], cells, positions)
            if two_rows:
                labels = [_joined(labels[i], _at(rows[index + 1], i)) for i in range(len(labels))]
                positions = _positions(labels)
            names = {key: " ".join(labels[i].split()) for key, i in positions.items()}
            return index + (2 if two_rows else 1), positions, names
    return None


def _joined(top: str, below: str) -> str:
    """A two-row header's label: the upper text, then the lower one when it differs."""
    return top if not below.strip() or below.strip() == top.strip() else f"{top} {below}"


def _positions(labels: Sequence[str]) -> dict[str, int]:
    """Column positions by key: each label goes to the first key it matches, once."""
    positions: dict[str, int] = {}
    for i, label in enumerate(labels):
        folded = fold_key(label)
        if not folded:
            continue
        for key, words in COLUMNS:
            if key not in positions and _matches(folded, words):
                if key == "fee" and "thoi han" in folded:
                    continue
                positions[key] = i
                break
    return positions


def _matches(folded: str, words: Sequence[str]) -> bool:
    """True when a folded header holds one of ``words`` as whole words."""
    return any(re.search(rf"(^| ){re.escape(word)}( |$)", folded) for word in words)


def _is_subheader(cells: Sequence[str], above: Sequence[str], positions: dict[str, int]) -> bool:
    """True for the lower row of a two-row header: no procedure or heading in it, under the labels.

    Its cells either repeat the label above (a cell merged down) or name a part of it
    ("Trực tiếp" under "Thời hạn giải quyết"); its name and number cells hold no procedure. A
    heading typed in one cell ("I. Lĩnh vực hộ tịch") starts the first section: no label.
    """
    if _is_column_numbers(cells) or _is_section(cells) or not any(text.strip() for text in cells):
        return False
    for key in ("code", "stt"):
        if key in positions and re.search(r"\d", _at(cells, positions[key])):
            return False
    name = _at(cells, positions["name"]).strip()
    return not name or name == _at(above, positions["name"]).strip()


def _is_column_numbers(cells: Sequence[str]) -> bool:
    """True for a row of column numbers "(1) (2) (3)" printed under the header."""
    filled = [text.strip() for text in cells if text.strip()]
    return len(filled) >= 3 and all(_COLUMN_NUMBERS.match(text) for text in filled)


def _is_section(cells: Sequence[str]) -> bool:
    """True for a heading row: one text across the table, or a lone text that reads as one."""
    filled = [text.strip() for text in cells if text.strip()]
    if not filled or len(set(filled)) != 1:
        return False
    return len(filled) > 1 or _reads_as_heading(filled[0])


def _reads_as_heading(text: str) -> bool:
    """ "I. Lĩnh vực …", "Lĩnh vực …", "B. Danh mục … bãi bỏ", "Cấp xã"."""
    folded = fold_key(text)
    return bool(
        _SECTION_PREFIX.match(text)
        or folded.startswith("linh vuc")
        or _kind_of(folded) is not None
        or _level_of(folded)
    )


def _first_text(cells: Sequence[str]) -> str:
    return next(text for text in cells if text.strip())


def _section_of(text: str, before: Section) -> Section:
    """The section a heading starts: a kind of change, a level, or a field."""
    folded = fold_key(text)
    if not folded:
        return before
    kind = _kind_of(folded)
    named = _level_of(folded)
    level, district = named or (before.level, before.district)
    if kind is not None:
        return Section(kind, "", level, district)
    if "linh vuc" in folded:
        return Section(before.kind, _field_name(text), level, district)
    if named:
        return Section(before.kind, "", level, district)
    return before


def _kind_of(folded: str) -> Kind | None:
    if "bai bo" in folded or "huy bo" in folded:
        return "abolished"
    if "sua doi" in folded or "thay the" in folded or "dieu chinh" in folded:
        return "amended"
    if "moi ban hanh" in folded or "ban hanh moi" in folded:
        return "new"
    return None


def _level_of(folded: str) -> tuple[str, bool] | None:
    """(level, is it the abolished district level) a heading names, or None."""
    for words, named in (("cap xa", ("xa", False)), ("cap huyen", ("", True))):
        if words in folded:
            return named
    return ("tinh", False) if "cap tinh" in folded else None


def _field_name(text: str) -> str:
    """ "I. LĨNH VỰC HỘ TỊCH (05 TTHC)", "23-Lĩnh vực hộ tịch" → "Hộ tịch", as the catalogue's."""
    plain = _SECTION_PREFIX.sub("", text.strip())
    plain = re.sub(r"\(.*?\)", "", plain)
    match = re.search(r"l[iĩ]nh\s+v[uự]c\s*:?\s*(.+)", plain, re.IGNORECASE)
    name = " ".join((match.group(1) if match else plain).split()).strip(" .:;")
    name = _AUTHORITY.split(name)[0]
    return name[:1].upper() + (name[1:].lower() if name.isupper() else name[1:])


def looks_like_list(rows: Sequence[Sequence[str]]) -> bool:
    """True for a table meant as a list (a "Tên …" or "STT" header), not a letterhead."""
    for cells in rows[:HEADER_SCAN]:
        positions = _positions(list(cells))
        if "stt" in positions or "name" in positions:
            return True
    return False


def _at(cells: Sequence[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""
