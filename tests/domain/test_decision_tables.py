"""The annex tables of a province's decision read into procedure rows: the header, its columns,
the rows skipped and the tables refused.

The rule is the README's ("A province's decision"): every table with a header naming the
procedure and its code or time limit is read, its columns matched by their words in any order
and over one or two header rows, merged cells repeated where they span, a row of column numbers
skipped; a file without a table or with the wrong columns is refused, named by file and table (or
sheet). The tables follow the shapes tests/decisions builds: Hòa Bình's QĐ 1096/QĐ-UBND
(20/6/2024), An Giang's commune list, Đồng Nai's 2025 land list.
"""

from __future__ import annotations

from collections.abc import Sequence

from counter_app.domain.catalogue_reading import Problem
from counter_app.domain.decision_tables import (
    DecisionRow,
    Section,
    SourceTable,
    TableReading,
    looks_like_list,
    read_tables,
)

HEAD = (
    "STT",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Thời hạn giải quyết",
    "Địa điểm thực hiện",
    "Phí, lệ phí (nếu có)",
    "Căn cứ pháp lý",
)
LABELS = {
    "stt": "STT",
    "code": "Mã TTHC",
    "name": "Tên thủ tục hành chính",
    "time": "Thời hạn giải quyết",
    "place": "Địa điểm thực hiện",
    "fee": "Phí, lệ phí (nếu có)",
    "legal_basis": "Căn cứ pháp lý",
}
NUMBERS = ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)")
CENTRE = "Trung tâm Phục vụ hành chính công xã"
MARRIAGE = (
    "1",
    "1.004873",
    "Cấp Giấy xác nhận tình trạng hôn nhân",
    "03 ngày làm việc",
    CENTRE,
    "Mười nghìn đồng/trường hợp",
    "Luật Hộ tịch năm 2014",
)
LETTERHEAD = (
    ("ỦY BAN NHÂN DÂN\nTỈNH MẪU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Số: 9001/QĐ-UBND", "Tỉnh Mẫu, ngày 15 tháng 8 năm 2025"),
)
WRONG_COLUMNS = (
    "Bảng không có cột 'Tên thủ tục hành chính' và 'Mã TTHC' hoặc 'Thời hạn giải quyết'; "
    "sai mẫu cột?"
)
NO_LIST = "Không có bảng nào có dòng tiêu đề danh mục thủ tục."


def _read(rows: Sequence[Sequence[str]], heading: str = "", sheet: str = "") -> TableReading:
    table = SourceTable(1, heading, tuple(tuple(row) for row in rows), sheet)
    return read_tables("qd.docx", [table])


def _cells(reading: TableReading) -> list[dict[str, str]]:
    return [row.cells for row in reading.rows]


def _numbers(reading: TableReading) -> list[int]:
    return [row.row for row in reading.rows]


def test_a_file_without_a_table_is_refused() -> None:
    reading = read_tables("qd.docx", [])
    assert reading.file == "qd.docx" and reading.rows == []
    assert [str(problem) for problem in reading.problems] == [
        "qd.docx: Tệp không có bảng nào; cần bảng danh mục thủ tục."
    ]
    assert reading.problems == [
        Problem("qd.docx", None, None, "Tệp không có bảng nào; cần bảng danh mục thủ tục.")
    ]


def test_a_file_with_only_its_letterhead_has_no_list_to_read() -> None:
    reading = read_tables("qd.docx", [SourceTable(1, "", LETTERHEAD)])
    assert reading.rows == []
    assert reading.problems == [Problem("qd.docx", None, None, NO_LIST)]


def test_a_list_with_the_wrong_columns_is_named_by_its_table() -> None:
    """A list ("STT", "Tên …") that names neither the code nor the time limit: the problem
    names its table, and no second problem says the file has no list."""
    wrong = (("STT", "Tên thủ tục hành chính", "Ghi chú"), ("1", "Đăng ký khai sinh", ""))
    reading = read_tables(
        "qd.docx", [SourceTable(1, "", LETTERHEAD), SourceTable(2, "PHỤ LỤC", wrong)]
    )
    assert reading.rows == []
    assert [str(problem) for problem in reading.problems] == [f"qd.docx, bảng 2: {WRONG_COLUMNS}"]
    [problem] = reading.problems
    assert (problem.row, problem.field, problem.sheet, problem.code) == (None, None, None, None)
    assert problem.table == 2


def test_a_sheet_with_the_wrong_columns_is_named_by_its_sheet() -> None:
    wrong = (("STT", "Tên thủ tục hành chính", "Ghi chú"), ("1", "Đăng ký khai sinh", ""))
    reading = _read(wrong, sheet="Phụ lục I")
    [problem] = reading.problems
    assert str(problem) == f"qd.docx, trang 'Phụ lục I': {WRONG_COLUMNS}"
    assert (problem.sheet, problem.table, problem.code) == ("Phụ lục I", None, None)


def test_a_list_headed_by_its_number_column_alone_is_a_list_with_the_wrong_columns() -> None:
    """ "STT" alone marks a list (not a letterhead): it is refused for its columns."""
    reading = _read([("STT", "Nội dung", "Ghi chú"), ("1", "Đăng ký khai sinh", "")])
    assert [str(problem) for problem in reading.problems] == [f"qd.docx, bảng 1: {WRONG_COLUMNS}"]


def test_a_list_headed_by_the_procedure_name_alone_is_a_list_with_the_wrong_columns() -> None:
    reading = _read([("Tên thủ tục hành chính", "Ghi chú"), ("Đăng ký khai sinh", "")])
    assert [str(problem) for problem in reading.problems] == [f"qd.docx, bảng 1: {WRONG_COLUMNS}"]


def test_a_code_and_time_without_the_name_is_no_list() -> None:
    reading = _read([("Mã TTHC", "Thời hạn giải quyết"), ("1.004873", "03 ngày làm việc")])
    assert reading.rows == [] and reading.problems == [Problem("qd.docx", None, None, NO_LIST)]


def test_the_list_of_a_decision_is_read_beside_its_letterhead() -> None:
    """The letterhead after the list does not make the file one without a list."""
    tables = [SourceTable(1, "", (HEAD, MARRIAGE)), SourceTable(2, "", LETTERHEAD)]
    reading = read_tables("qd.docx", tables)
    assert reading.problems == [] and _cells(reading) == [dict(zip(LABELS, MARRIAGE, strict=True))]


def test_a_table_in_hoa_binh_shape_gives_each_procedure_its_cells_and_place() -> None:
    """Header, a row of column numbers, a field row spanning the table, then procedures; each
    row is numbered within its table from 1 (the header), with the header text of its columns."""
    birth = ("2", "1.001193", "Đăng ký khai sinh", "Trong ngày", CENTRE, "Miễn", "Luật Hộ tịch")
    reading = _read([HEAD, NUMBERS, ("I. LĨNH VỰC HỘ TỊCH",) * 7, MARRIAGE, birth])
    assert reading.problems == []
    section = Section("listed", "Hộ tịch", "", False)
    assert reading.rows == [
        DecisionRow(1, 4, section, dict(zip(LABELS, MARRIAGE, strict=True)), LABELS, ""),
        DecisionRow(1, 5, section, dict(zip(LABELS, birth, strict=True)), LABELS, ""),
    ]


def test_a_sheet_names_its_rows_by_table_number_and_sheet() -> None:
    reading = read_tables("qd.xlsx", [SourceTable(3, "", (HEAD, MARRIAGE), "Cấp xã")])
    [row] = reading.rows
    assert (row.table, row.row, row.sheet) == (3, 2, "Cấp xã")


def test_columns_are_matched_by_their_words_in_any_order() -> None:
    """An Giang's list: "TT" for the number, no code column, the time limit before the name;
    other decisions add the field and the documents, "Mã số TTHC" for the code."""
    head = (
        "Thời hạn giải quyết",
        "Lĩnh vực",
        "Tên thủ tục hành chính",
        "TT",
        "Thành phần hồ sơ",
        "Mã số TTHC",
        "Phí, lệ phí (nếu có)",
        "Căn cứ pháp lý",
        "Địa điểm thực hiện",
    )
    row = ("05 ngày", "Hộ tịch", "Đăng ký lại khai sinh", "2", "Tờ khai", "1.004884", "8.000 đồng")
    reading = _read([head, row])
    assert _cells(reading) == [
        {
            "time": "05 ngày",
            "field": "Hộ tịch",
            "name": "Đăng ký lại khai sinh",
            "stt": "2",
            "documents": "Tờ khai",
            "code": "1.004884",
            "fee": "8.000 đồng",
            "legal_basis": "",  # a row shorter than the header: the missing cells are empty
            "place": "",
        }
    ]


def test_a_header_names_each_column_once_and_skips_empty_labels() -> None:
    """The first column a key's words name is that column; a later one with the same words is
    not read; an empty header cell is no column."""
    head = ("", "Tên thủ tục hành chính", "Mã TTHC", "Tên thủ tục (cũ)", "Thời hạn giải quyết")
    reading = _read([head, ("", "Đăng ký kết hôn", "1.000894", "Kết hôn", "Trong ngày")])
    assert _cells(reading) == [
        {"name": "Đăng ký kết hôn", "code": "1.000894", "time": "Trong ngày"}
    ]
    assert reading.rows[0].labels == {
        "name": "Tên thủ tục hành chính",
        "code": "Mã TTHC",
        "time": "Thời hạn giải quyết",
    }


def test_a_second_time_limit_column_naming_a_fee_is_not_the_fee_column() -> None:
    """A column whose label names the time limit ("thời hạn") is never the fee's, even when it
    also speaks of a fee; the fee is the column headed by the fee alone."""
    head = (
        "Mã TTHC",
        "Tên thủ tục hành chính",
        "Thời hạn giải quyết",
        "Thời hạn khi nộp phí trực tuyến",
        "Phí, lệ phí",
    )
    row = ("1.000894", "Đăng ký kết hôn", "Trong ngày", "Trong ngày", "Miễn lệ phí")
    [read] = _read([head, row]).rows
    assert (read.cells["time"], read.cells["fee"]) == ("Trong ngày", "Miễn lệ phí")
    assert read.labels["fee"] == "Phí, lệ phí"


def test_a_column_of_the_texts_setting_the_time_limit_and_fee_is_the_legal_basis() -> None:
    """ "Văn bản quy định thời hạn, phí, lệ phí" names the texts (the legal basis), though it
    speaks of the time limit and the fee."""
    head = (
        "Mã TTHC",
        "Tên thủ tục hành chính",
        "Thời hạn giải quyết",
        "Văn bản quy định thời hạn, phí, lệ phí",
    )
    row = ("1.000894", "Đăng ký kết hôn", "Trong ngày", "Luật Hộ tịch năm 2014")
    [read] = _read([head, row]).rows
    assert read.cells == {
        "code": "1.000894",
        "name": "Đăng ký kết hôn",
        "time": "Trong ngày",
        "legal_basis": "Luật Hộ tịch năm 2014",
    }


def test_a_label_is_matched_by_whole_words() -> None:
    """ "Phiếu" is not "phí", "TTHC" is not "TT": neither column is read as the fee or number."""
    head = ("Tên TTHC", "Mã TTHC", "Phiếu kiểm soát", "TTHC liên thông", "Thời hạn giải quyết")
    cells = ("Đăng ký kết hôn", "1.000894", "Mẫu 06", "Không", "Trong ngày")
    [row] = _read([head, cells]).rows
    assert set(row.cells) == {"name", "code", "time"}


def test_a_header_label_is_written_on_one_line() -> None:
    """A header cell broken over lines names its column with single spaces."""
    head = ("STT", "Mã\nTTHC", "Tên thủ tục\nhành chính", "Thời hạn  giải quyết")
    [row] = _read([head, MARRIAGE[:4]]).rows
    assert row.labels == {
        "stt": "STT",
        "code": "Mã TTHC",
        "name": "Tên thủ tục hành chính",
        "time": "Thời hạn giải quyết",
    }


def test_the_header_needs_the_name_and_the_code_or_the_time_limit() -> None:
    name = "Đăng ký khai tử"
    by_code = _read([("STT", "Mã TTHC", "Tên thủ tục hành chính"), ("1", "1.000656", name)])
    by_time = _read([("STT", "Tên thủ tục hành chính", "Thời hạn giải quyết"), ("1", name, "")])
    assert _cells(by_code) == [{"stt": "1", "code": "1.000656", "name": name}]
    assert _cells(by_time) == [{"stt": "1", "name": name, "time": ""}]


def test_the_header_is_looked_for_in_the_first_eight_rows() -> None:
    """Titles and blank rows may stand above the header in a sheet: a header in the eighth row
    is found, one in the ninth is not (and the table is then no list)."""
    titles = [("PHỤ LỤC",), ("",), ("",), ("",), ("",), ("",), ("",)]
    eighth = _read([*titles, HEAD, MARRIAGE])
    assert _numbers(eighth) == [9] and eighth.problems == []
    ninth = _read([*titles, ("",), HEAD, MARRIAGE])
    assert ninth.rows == [] and ninth.problems == [Problem("qd.docx", None, None, NO_LIST)]


def test_a_list_is_recognised_in_the_first_eight_rows_only() -> None:
    wrong = ("STT", "Tên thủ tục hành chính", "Ghi chú")
    blank = [("",)] * 7
    assert looks_like_list([*blank, wrong])
    assert not looks_like_list([*blank, ("",), wrong])
    assert not looks_like_list(LETTERHEAD)


def test_a_header_with_no_row_under_it_gives_no_procedure() -> None:
    reading = _read([HEAD])
    assert reading.rows == [] and reading.problems == []


def test_a_row_of_column_numbers_is_skipped() -> None:
    """ "(1) (2) (3)" under the header, in a table of three columns, is no procedure."""
    head = ("TT", "Tên thủ tục hành chính", "Thời hạn giải quyết")
    reading = _read([head, ("(1)", "(2)", "(3)"), ("1", "Đăng ký khai tử", "Trong ngày")])
    assert _numbers(reading) == [3]
    assert reading.rows[0].labels == {
        "stt": "TT",
        "name": "Tên thủ tục hành chính",
        "time": "Thời hạn giải quyết",
    }


def test_column_numbers_may_be_written_without_brackets() -> None:
    reading = _read([HEAD, ("1", "2", "3", "4", "5", "6", "7"), MARRIAGE])
    assert _numbers(reading) == [3]


def test_two_numbers_are_not_a_row_of_column_numbers() -> None:
    """Column numbers number at least three columns; a row with two numbers is a procedure's
    row (with its cells as written)."""
    reading = _read([HEAD, MARRIAGE, ("2", "", "", "15", "", "", "")])
    assert _numbers(reading) == [2, 3]


def test_blank_rows_are_skipped() -> None:
    reading = _read([HEAD, ("", " ", "\n", "", "", "", ""), MARRIAGE])
    assert _numbers(reading) == [3]


def test_a_header_over_two_rows_in_dong_nai_shape() -> None:
    """ "Thời hạn giải quyết" over "Nộp trực tiếp | Trực tuyến", the other cells merged down
    (repeated in both rows): each column is named by its upper text, then the lower one where
    it differs; the time limit is the first of the two columns."""
    head = (
        "STT",
        "Mã TTHC",
        "Tên TTHC",
        "Thời hạn giải quyết",
        "Thời hạn giải quyết",
        "Địa điểm thực hiện",
        "Phí, lệ phí",
    )
    below = ("STT", "Mã TTHC", "Tên TTHC", "Nộp trực tiếp", "Trực tuyến", "Địa điểm thực hiện", "")
    land = (
        "1",
        "1.012812",
        "Hòa giải tranh chấp đất đai thuộc thẩm quyền cấp xã",
        "Không quá 30 ngày",
        "Không quá 25 ngày",
        "Trung tâm PVHCC xã",
        "Không",
    )
    reading = _read([head, below, land])
    [row] = reading.rows
    assert row.row == 3
    assert row.labels == {
        "stt": "STT",
        "code": "Mã TTHC",
        "name": "Tên TTHC",
        "time": "Thời hạn giải quyết Nộp trực tiếp",
        "place": "Địa điểm thực hiện",
        "fee": "Phí, lệ phí",
    }
    assert row.cells["time"] == "Không quá 30 ngày"


def test_a_header_over_two_rows_with_nothing_under_it_gives_no_procedure() -> None:
    head = ("STT", "Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", "")
    below = ("", "", "", "Nộp trực tiếp", "Trực tuyến")
    reading = _read([head, below])
    assert reading.rows == [] and reading.problems == []


def test_a_lower_header_row_may_leave_the_name_cell_empty() -> None:
    """A sheet without merged cells writes the name only in the upper row."""
    head = ("STT", "Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", "")
    below = ("", "", "", "Nộp trực tiếp", "Trực tuyến")
    land = ("1", "1.012812", "Hòa giải tranh chấp đất đai", "Không quá 30 ngày", "")
    [row] = _read([head, below, land]).rows
    assert (row.row, row.labels["time"]) == (3, "Thời hạn giải quyết Nộp trực tiếp")


def test_a_procedure_without_its_name_under_the_header_is_a_row_not_a_header() -> None:
    """A row whose code holds a procedure's code is a procedure even with its name missing
    (the plan then refuses it for the name), so the header is one row."""
    head = ("STT", "Mã TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết")
    reading = _read([head, ("", "1.004873", "", "03 ngày làm việc")])
    [row] = reading.rows
    assert (row.row, row.code, row.cells["name"]) == (2, "1.004873", "")
    assert row.labels["time"] == "Thời hạn giải quyết"


def test_a_numbered_row_without_its_name_under_the_header_is_a_row_not_a_header() -> None:
    """The same for a list without codes (An Giang's): its number makes it a procedure."""
    head = ("TT", "Tên thủ tục hành chính", "Thời hạn giải quyết")
    reading = _read([head, ("1", "", "05 ngày làm việc")])
    [row] = reading.rows
    assert (row.row, row.cells) == (2, {"stt": "1", "name": "", "time": "05 ngày làm việc"})
    assert row.labels["time"] == "Thời hạn giải quyết"


def test_a_row_of_column_numbers_leaving_the_name_unnumbered_is_no_header_row() -> None:
    head = ("Tên thủ tục hành chính", "Thời hạn giải quyết", "Địa điểm thực hiện", "Phí, lệ phí")
    reading = _read([head, ("", "(2)", "(3)", "(4)"), ("Đăng ký khai tử", "Trong ngày", "", "")])
    [row] = reading.rows
    assert row.row == 3
    assert row.labels == {
        "name": "Tên thủ tục hành chính",
        "time": "Thời hạn giải quyết",
        "place": "Địa điểm thực hiện",
        "fee": "Phí, lệ phí",
    }


def test_a_row_with_a_lone_text_that_is_no_heading_is_a_procedure() -> None:
    """Only the name written: a procedure's row (the plan refuses what it lacks)."""
    reading = _read([HEAD, ("", "", "Đăng ký khai sinh", "", "", "", "")])
    assert _numbers(reading) == [2]


def test_a_refusal_at_a_row_names_its_table_row_and_code() -> None:
    """A problem at a procedure's row names the table, the row, the column as headed and the
    code as written (spaces removed)."""
    reading = TableReading("qd.docx")
    row = DecisionRow(2, 7, Section(), {"code": " 1.004 873 "}, {"code": "Mã TTHC"})
    reading.refuse(row, "Thời hạn giải quyết", "Thiếu thời hạn.")
    assert reading.problems == [
        Problem("qd.docx", 7, "Thời hạn giải quyết", "Thiếu thời hạn.", code="1.004873", table=2)
    ]


def test_a_refusal_at_a_sheet_row_names_the_sheet_not_the_table() -> None:
    reading = TableReading("qd.xlsx")
    row = DecisionRow(1, 5, Section(), {"name": "Đăng ký khai tử"}, {}, "Cấp xã")
    reading.refuse(row, None, "Không tìm thấy thủ tục.")
    assert reading.problems == [
        Problem("qd.xlsx", 5, None, "Không tìm thấy thủ tục.", sheet="Cấp xã", table=None)
    ]
