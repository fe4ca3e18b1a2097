"""The headings of a decision's annex: what the rows below them are (kind of change, level,
field).

The rule is the README's ("A province's decision"): a row spanning the table, or the heading
printed above it, sets the field ("I. LĨNH VỰC HỘ TỊCH"), the level ("cấp xã") and the kind of
change ("… SỬA ĐỔI, BỔ SUNG", "… BỊ BÃI BỎ"); a part headed "cấp huyện" of a decision before
1/7/2025 is set aside (docs/legal.md: no district level since then). Headings are written as
provinces print them: Hòa Bình's QĐ 1096/QĐ-UBND (20/6/2024) by part ("PHẦN I. DANH MỤC THỦ TỤC
HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"), An Giang's commune list ("23-Lĩnh vực hộ tịch"), Đồng Nai's
2025 land list (titles above the table in its sheet).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from counter_app.domain.decision_tables import Section, SourceTable, read_tables

HEAD = ("STT", "Mã TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết")
MARRIAGE = ("1", "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "03 ngày làm việc")
BIRTH = ("2", "1.001193", "Đăng ký khai sinh", "Trong ngày")
DEATH = ("3", "1.000656", "Đăng ký khai tử", "Trong ngày")


def _across(text: str) -> tuple[str, ...]:
    """A heading row spanning the table (the merged cell repeated in each cell)."""
    return (text,) * len(HEAD)


def _alone(text: str) -> tuple[str, ...]:
    """A heading written in the first cell only."""
    return (text, "", "", "")


def _sections(rows: Sequence[Sequence[str]], heading: str = "") -> list[tuple[str, Section]]:
    table = SourceTable(1, heading, tuple(tuple(row) for row in rows))
    reading = read_tables("qd.docx", [table])
    assert reading.problems == []
    return [(row.code, row.section) for row in reading.rows]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", "amended"),
        ("DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC THAY THẾ", "amended"),
        ("Danh mục thủ tục hành chính được điều chỉnh", "amended"),
        ("PHẦN II. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ", "abolished"),
        ("DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ HỦY BỎ", "abolished"),
        ("DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH", "new"),
        ("Danh mục thủ tục hành chính ban hành mới", "new"),
        ("DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT", "listed"),
    ],
)
def test_the_heading_above_a_table_names_the_kind_of_change(heading: str, kind: str) -> None:
    assert _sections([HEAD, MARRIAGE], heading) == [("1.004873", Section(kind))]  # type: ignore[arg-type]


def test_a_table_without_a_heading_lists_its_procedures() -> None:
    assert _sections([HEAD, MARRIAGE]) == [("1.004873", Section("listed", "", "", False))]


def test_rows_spanning_the_table_change_the_kind_for_the_rows_below() -> None:
    rows = [
        HEAD,
        _across("A. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"),
        MARRIAGE,
        _across("B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"),
        BIRTH,
    ]
    assert _sections(rows) == [("1.004873", Section("new")), ("1.001193", Section("abolished"))]


@pytest.mark.parametrize(
    ("heading", "level", "district"),
    [
        ("DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ", "xa", False),
        ("DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP TỈNH", "tinh", False),
        ("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP HUYỆN", "", True),
    ],
)
def test_the_heading_above_a_table_names_the_level(
    heading: str, level: str, district: bool
) -> None:
    """The commune and the province are levels; the district names none and is set aside."""
    assert _sections([HEAD, MARRIAGE], heading) == [
        ("1.004873", Section("listed", "", level, district))
    ]


def test_a_part_of_district_procedures_abolished_is_both() -> None:
    heading = "PHẦN III. DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP HUYỆN BỊ BÃI BỎ"
    assert _sections([HEAD, MARRIAGE], heading) == [
        ("1.004873", Section("abolished", "", "", True))
    ]


def test_a_field_row_keeps_the_level_and_kind_and_a_later_field_replaces_it() -> None:
    rows = [
        HEAD,
        _across("I. LĨNH VỰC ĐẤT ĐAI"),
        MARRIAGE,
        _across("II. LĨNH VỰC HỘ TỊCH"),
        BIRTH,
    ]
    heading = "PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH SỬA ĐỔI CẤP TỈNH"
    assert _sections(rows, heading) == [
        ("1.004873", Section("amended", "Đất đai", "tinh", False)),
        ("1.001193", Section("amended", "Hộ tịch", "tinh", False)),
    ]


def test_a_field_row_under_a_district_heading_stays_set_aside() -> None:
    rows = [HEAD, _across("I. LĨNH VỰC HỘ TỊCH"), MARRIAGE]
    heading = "PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP HUYỆN"
    assert _sections(rows, heading) == [("1.004873", Section("listed", "Hộ tịch", "", True))]


def test_a_field_row_naming_its_level_sets_both() -> None:
    rows = [HEAD, _across("I. LĨNH VỰC ĐẤT ĐAI THUỘC THẨM QUYỀN CỦA UBND CẤP XÃ"), MARRIAGE]
    assert _sections(rows) == [("1.004873", Section("listed", "Đất đai", "xa", False))]


def test_a_field_row_ending_with_its_level_names_the_field_without_it() -> None:
    rows = [HEAD, _across("II. LĨNH VỰC HỘ TỊCH CẤP XÃ"), MARRIAGE]
    assert _sections(rows) == [("1.004873", Section("listed", "Hộ tịch", "xa", False))]


def test_a_kind_row_ends_the_field_and_keeps_the_level() -> None:
    rows = [
        HEAD,
        _across("I. LĨNH VỰC HỘ TỊCH"),
        MARRIAGE,
        _across("B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"),
        BIRTH,
    ]
    heading = "DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"
    assert _sections(rows, heading) == [
        ("1.004873", Section("listed", "Hộ tịch", "xa", False)),
        ("1.001193", Section("abolished", "", "xa", False)),
    ]


def test_a_level_row_ends_the_field_and_keeps_the_kind() -> None:
    rows = [
        HEAD,
        _across("A. CẤP XÃ"),
        _across("I. LĨNH VỰC HỘ TỊCH"),
        MARRIAGE,
        _across("B. CẤP TỈNH"),
        BIRTH,
        _across("C. THỦ TỤC HÀNH CHÍNH CẤP HUYỆN"),
        DEATH,
    ]
    heading = "DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"
    assert _sections(rows, heading) == [
        ("1.004873", Section("amended", "Hộ tịch", "xa", False)),
        ("1.001193", Section("amended", "", "tinh", False)),
        ("1.000656", Section("amended", "", "", True)),
    ]


def test_a_district_part_ends_at_the_commune_heading() -> None:
    rows = [
        HEAD,
        _across("A. THỦ TỤC HÀNH CHÍNH CẤP HUYỆN"),
        MARRIAGE,
        _across("B. THỦ TỤC HÀNH CHÍNH CẤP XÃ"),
        BIRTH,
    ]
    assert _sections(rows) == [
        ("1.004873", Section("listed", "", "", True)),
        ("1.001193", Section("listed", "", "xa", False)),
    ]


def test_a_spanning_row_that_names_nothing_changes_nothing() -> None:
    """A note across the table is no procedure and keeps the field, level and kind."""
    rows = [
        HEAD,
        _across("I. LĨNH VỰC HỘ TỊCH"),
        MARRIAGE,
        _across("(Các thủ tục dưới đây thực hiện tại Trung tâm Phục vụ hành chính công)"),
        BIRTH,
    ]
    heading = "DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ CẤP XÃ"
    section = Section("abolished", "Hộ tịch", "xa", False)
    assert _sections(rows, heading) == [("1.004873", section), ("1.001193", section)]


def test_a_note_merged_over_two_cells_is_no_procedure() -> None:
    """The same text in two cells is a merged cell: a heading row, not a procedure."""
    note = "(Các thủ tục dưới đây thực hiện tại Trung tâm Phục vụ hành chính công)"
    rows = [HEAD, MARRIAGE, (note, note, "", ""), BIRTH]
    assert [code for code, _ in _sections(rows)] == ["1.004873", "1.001193"]


def test_a_heading_of_punctuation_alone_names_nothing() -> None:
    assert _sections([HEAD, MARRIAGE], "* * *") == [("1.004873", Section())]


@pytest.mark.parametrize(
    ("text", "section"),
    [
        ("II. HỘ TỊCH", Section()),  # numbered as a heading, naming nothing known
        ("Lĩnh vực Chứng thực", Section("listed", "Chứng thực")),
        ("Danh mục thủ tục hành chính bị bãi bỏ", Section("abolished")),
        ("Cấp tỉnh", Section("listed", "", "tinh")),
    ],
)
def test_a_heading_written_in_one_cell_is_no_procedure(text: str, section: Section) -> None:
    """A heading typed in the first cell alone (not merged) reads as one by its number, its
    "Lĩnh vực", its kind of change or its level."""
    rows = [HEAD, MARRIAGE, _alone(text), BIRTH]
    assert _sections(rows) == [("1.004873", Section()), ("1.001193", section)]


def test_a_procedure_name_written_in_one_cell_is_a_procedure() -> None:
    """A row holding only a name reads as no heading: it is a procedure's row."""
    rows = [HEAD, MARRIAGE, ("", "", "Đăng ký khai sinh", "")]
    assert [code for code, _ in _sections(rows)] == ["1.004873", ""]


def test_a_procedure_naming_a_field_in_one_cell_right_under_the_header_is_no_heading() -> None:
    """A name that speaks of a field ("… trong lĩnh vực đất đai") does not read as a heading,
    even as the first row under the header: a procedure's row, which sets nothing."""
    rows = [HEAD, ("", "", "Giải quyết khiếu nại trong lĩnh vực đất đai", ""), MARRIAGE]
    assert _sections(rows) == [("", Section()), ("1.004873", Section())]


def test_titles_above_the_header_of_a_sheet_in_dong_nai_shape() -> None:
    """The sheet's title names the field and the level; the line naming the decision and a blank
    row change nothing."""
    rows = [
        (
            "DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤT ĐAI THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA "
            "ỦY BAN NHÂN DÂN CẤP XÃ",
            "",
            "",
            "",
        ),
        (
            "(Kèm theo Quyết định số 9003/QĐ-UBND ngày 30 tháng 6 năm 2025 của Chủ tịch Ủy ban "
            "nhân dân tỉnh)",
            "",
            "",
            "",
        ),
        ("", "", "", ""),
        HEAD,
        ("1", "1.012812", "Hòa giải tranh chấp đất đai", "Không quá 30 ngày"),
    ]
    assert _sections(rows) == [("1.012812", Section("listed", "Đất đai", "xa", False))]


def test_a_title_just_above_the_header_names_the_kind() -> None:
    rows = [("DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ",) * 4, HEAD, MARRIAGE]
    assert _sections(rows) == [("1.004873", Section("abolished"))]


def test_a_title_above_a_header_over_two_rows_names_the_level() -> None:
    head = ("STT", "Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", "")
    below = ("", "", "", "Nộp trực tiếp", "Trực tuyến")
    rows = [("DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP TỈNH",), head, below, MARRIAGE]
    assert _sections(rows) == [("1.004873", Section("listed", "", "tinh", False))]


def test_a_row_above_the_header_with_several_texts_is_no_title() -> None:
    """A letterhead row ("ỦY BAN NHÂN DÂN … | CỘNG HÒA …") above the list names nothing."""
    rows = [
        ("ỦY BAN NHÂN DÂN CẤP XÃ", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""),
        HEAD,
        MARRIAGE,
    ]
    assert _sections(rows) == [("1.004873", Section())]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("I. LĨNH VỰC HỘ TỊCH (05 TTHC)", "Hộ tịch"),
        ("Lĩnh vực: Đất đai", "Đất đai"),
        ("2. Lĩnh vực Giáo dục và Đào tạo", "Giáo dục và Đào tạo"),
        ("III. LĨNH VỰC XÂY DỰNG.", "Xây dựng"),
        ("LĨNH VỰC ĐẤT ĐAI THUỘC THẨM QUYỀN GIẢI QUYẾT", "Đất đai"),
        ("Lĩnh vực Chứng thực tại Trung tâm Phục vụ hành chính công", "Chứng thực"),
        ("B/ LĨNH VỰC NUÔI CON NUÔI", "Nuôi con nuôi"),
        ("23-Lĩnh vực hộ tịch", "Hộ tịch"),
        ("Lĩnh vực hộ tịch do Ủy ban nhân dân xã giải quyết", "Hộ tịch"),
        ("LĨNH VỰC ĐẤT ĐAI CỦA UBND TỈNH", "Đất đai"),
        (
            "IV. LĨNH VỰC THÀNH LẬP VÀ HOẠT ĐỘNG CỦA HỘ KINH DOANH",
            "Thành lập và hoạt động của hộ kinh doanh",
        ),
    ],
)
def test_a_field_row_names_the_field_as_written(text: str, field: str) -> None:
    """The words after "Lĩnh vực", without the heading's number, a count in brackets, closing
    punctuation or the authority it names ("thuộc …", "tại Trung tâm …", "do Ủy ban …", "của
    UBND …"), starting with a capital as the catalogue's fields do ("Hộ tịch", "Thành lập và
    hoạt động của hộ kinh doanh" in resources/catalogue): a name printed in capitals is written
    as a sentence, any other as printed."""
    assert _sections([HEAD, _across(text), MARRIAGE]) == [("1.004873", Section("listed", field))]


def test_a_misspelt_field_heading_keeps_its_words() -> None:
    """ "Lĩnh vục" (a typing slip) still names a field: its words, without the number and the
    count, are the field's name rather than a part of them guessed."""
    rows = [HEAD, _across("I. LĨNH VỤC HỘ TỊCH (05 TTHC)"), MARRIAGE]
    assert _sections(rows) == [("1.004873", Section("listed", "Lĩnh vục hộ tịch"))]


def test_a_field_typed_in_the_first_cell_right_under_the_header_is_a_heading() -> None:
    """A sheet often has the field typed in column A, under the header, without merging: the
    rows below are of that field, and the column keeps the label printed for it."""
    head = ("Mã TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết")
    rows = (head, ("I. Lĩnh vực hộ tịch", "", ""), MARRIAGE[1:])
    reading = read_tables("qd.xlsx", [SourceTable(1, "", rows, "Phụ lục")])
    [row] = reading.rows
    assert (row.row, row.section) == (3, Section("listed", "Hộ tịch"))
    assert row.labels == {
        "code": "Mã TTHC",
        "name": "Tên thủ tục hành chính",
        "time": "Thời hạn giải quyết",
    }


def test_a_level_typed_in_the_number_column_right_under_the_header_is_a_heading() -> None:
    rows = (HEAD, _alone("A. CẤP XÃ"), MARRIAGE)
    reading = read_tables("qd.xlsx", [SourceTable(1, "", rows, "Phụ lục")])
    [row] = reading.rows
    assert (row.row, row.section, row.labels["stt"]) == (3, Section("listed", "", "xa"), "STT")
