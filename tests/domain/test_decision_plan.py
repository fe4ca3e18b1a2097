"""What a province's decision does to the catalogue, row by row (README "A province's decision").

A row of a known procedure makes a new version with the decision's name, time limit, fee, place
and legal basis (and documents when listed); an unknown one is added, its documents marked
unverified when the decision publishes only the list; a row under "bãi bỏ" abolishes it. Each
value read names the decision as its source. A cell that cannot be read is noted and the
procedure keeps what it had; a row that cannot be placed refuses the whole file, named by file,
table (or sheet), row and column. Expected values come from the cells as written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

import pytest

from counter_app.domain.catalogue import DocumentForm, ProcedureSpec, RequiredDocument
from counter_app.domain.catalogue_reading import CatalogueProblem, Problem
from counter_app.domain.decision import DecisionInfo
from counter_app.domain.decision_plan import (
    PLACEHOLDER_DOCUMENT,
    DecisionPlan,
    PlannedChange,
    plan_decision,
)
from counter_app.domain.decision_tables import DecisionRow, Section, TableReading
from counter_app.domain.pause_phrases import GroundPhrase

FILE = "qd-9001.docx"
DECISION = DecisionInfo(
    "9001/QĐ-UBND", date(2025, 8, 15), date(2025, 9, 1), "Về việc công bố danh mục"
)
BY = "Quyết định 9001/QĐ-UBND ngày 15/08/2025"
LABELS = {
    "code": "Mã TTHC",
    "name": "Tên thủ tục hành chính",
    "time": "Thời hạn giải quyết",
    "place": "Địa điểm thực hiện",
    "fee": "Phí, lệ phí (nếu có)",
    "legal_basis": "Căn cứ pháp lý",
    "documents": "Thành phần hồ sơ",
    "field": "Lĩnh vực",
}
CIVIL_STATUS = Section(field="Hộ tịch", level="xa")
ABOLISHED = Section(kind="abolished", field="Hộ tịch", level="xa")
CENTRE = "Trung tâm Phục vụ hành chính công xã"
MARRIAGE = "Cấp Giấy xác nhận tình trạng hôn nhân"
OLD_DOCUMENT = RequiredDocument(
    "d1", "Tờ khai theo mẫu", DocumentForm.ORIGINAL, 1, True, None, False
)
ALL_UNCONFIRMED = (
    "time_amount",
    "time_unit",
    "same_day_cutoff",
    "fee_amount",
    "fee_text",
    "legal_basis",
    "documents",
)
# The station's version before the decision: the starter set's values, all unverified.
OLD = ProcedureSpec(
    code="1.004873",
    name=MARRIAGE,
    field="Hộ tịch",
    level="xa",
    time_amount=5,
    time_unit="calendar_days",
    same_day_cutoff=False,
    fee_amount=None,
    fee_text="Theo quy định của HĐND tỉnh",
    legal_basis="Luật Hộ tịch năm 2014",
    decision="",
    status="active",
    documents=(OLD_DOCUMENT,),
    unconfirmed=ALL_UNCONFIRMED,
    place="Ủy ban nhân dân xã",
    sources=(("listing", "mẫu, chưa xác minh"),),
)


def row(
    cells: dict[str, str],
    *,
    number: int = 4,
    table: int = 1,
    sheet: str = "",
    section: Section = CIVIL_STATUS,
    labels: dict[str, str] | None = None,
) -> DecisionRow:
    """A row as the annex reader gives it: every cell's column named by its header."""
    named = {key: LABELS[key] for key in cells} if labels is None else labels
    return DecisionRow(table, number, section, dict(cells), named, sheet)


def plan(
    *rows: DecisionRow,
    known: Iterable[ProcedureSpec] = (),
    decision: DecisionInfo = DECISION,
) -> DecisionPlan:
    return plan_decision(TableReading(FILE, list(rows)), decision, {s.code: s for s in known})


def refused(
    *rows: DecisionRow,
    known: Iterable[ProcedureSpec] = (),
    decision: DecisionInfo = DECISION,
) -> tuple[Problem, ...]:
    with pytest.raises(CatalogueProblem) as raised:
        plan(*rows, known=known, decision=decision)
    return raised.value.problems


def only(result: DecisionPlan) -> PlannedChange:
    (change,) = result.changes
    return change


# -- a known procedure: a new version --------------------------------------------------------


def test_a_row_of_a_known_procedure_makes_a_version_with_every_value_it_gives() -> None:
    """Name, time limit, fee, place, legal basis and the documents listed replace the old ones,
    each confirmed and sourced to the decision; the version takes the decision's number and day
    and is in force ("active") even when the station had it abolished."""
    old = dataclasses.replace(OLD, status="abolished", same_day_cutoff=False)
    cells = {
        "code": "1.004873",
        "name": "Cấp Giấy xác nhận   tình trạng hôn nhân",
        "time": "Trong ngày",
        "place": f"  {CENTRE} \n",
        "fee": "Mười nghìn  đồng/trường hợp",
        "legal_basis": "Luật Hộ tịch năm 2014;\n\n  Nghị định số 123/2015/NĐ-CP  \n",
        "documents": "- Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu;\n"
        "- Xuất trình Căn cước công dân.",
    }
    expected = dataclasses.replace(
        old,
        name=MARRIAGE,
        time_amount=0,
        time_unit="working_days",
        same_day_cutoff=True,
        fee_amount=10_000,
        fee_text="Mười nghìn đồng/trường hợp",
        legal_basis="Luật Hộ tịch năm 2014;\nNghị định số 123/2015/NĐ-CP",
        place=CENTRE,
        documents=(
            RequiredDocument(
                "d1",
                "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
                DocumentForm.ORIGINAL,
                1,
                True,
                None,
                False,
            ),
            RequiredDocument(
                "d2", "Xuất trình Căn cước công dân", DocumentForm.PRESENT, 1, True, None, False
            ),
        ),
        decision="9001/QĐ-UBND",
        effective_from=date(2025, 9, 1),
        status="active",
        sources=(
            ("listing", "mẫu, chưa xác minh"),
            ("processing_time", BY),
            ("fee", BY),
            ("legal_basis", BY),
            ("documents", BY),
            ("place", BY),
        ),
        unconfirmed=(),
    )
    result = plan(row(cells), known=[old])
    assert result == DecisionPlan(
        FILE, DECISION, (PlannedChange("1.004873", MARRIAGE, "changed", expected),)
    )
    assert result.specs == (expected,)


def test_a_list_only_row_keeps_what_the_station_had_for_the_columns_it_lacks() -> None:
    """A decision publishing only the list (code, name, time limit) changes the time limit
    alone: fee, legal basis, place and documents stay, still unverified, and no source is
    claimed for them."""
    cells = {"code": "1.004873", "name": MARRIAGE, "time": "03 ngày làm việc"}
    change = only(plan(row(cells), known=[OLD]))
    assert change.spec == dataclasses.replace(
        OLD,
        time_amount=3,
        time_unit="working_days",
        same_day_cutoff=False,
        decision="9001/QĐ-UBND",
        effective_from=date(2025, 9, 1),
        sources=(("listing", "mẫu, chưa xác minh"), ("processing_time", BY)),
        unconfirmed=("fee_amount", "fee_text", "legal_basis", "documents"),
    )
    assert (change.change, change.notes) == ("changed", ())


def test_a_same_day_limit_confirms_the_three_pm_rule_with_the_time_limit() -> None:
    """A time limit read from the decision confirms whether it is a same-day limit too."""
    old = dataclasses.replace(OLD, same_day_cutoff=True)
    cells = {"code": "1.004873", "name": MARRIAGE, "time": "05 ngày làm việc"}
    spec = only(plan(row(cells), known=[old])).spec
    assert spec is not None
    assert (spec.time_amount, spec.time_unit, spec.same_day_cutoff) == (5, "working_days", False)
    assert "same_day_cutoff" not in spec.unconfirmed


def test_empty_cells_are_noted_and_the_procedure_keeps_its_values() -> None:
    """An empty cell is noted ("ô để trống") by table, row and column, and the version keeps
    what the station had, still unverified."""
    cells = {
        "code": "1.004873",
        "name": MARRIAGE,
        "time": "  ",
        "fee": " \n ",
        "legal_basis": "\n \n",
        "place": "",
        "documents": " \n- \n",
    }
    change = only(plan(row(cells), known=[OLD]))
    assert change.notes == (
        "bảng 1, dòng 4, cột 'Thời hạn giải quyết': ô để trống",
        "bảng 1, dòng 4, cột 'Phí, lệ phí (nếu có)': ô để trống",
        "bảng 1, dòng 4, cột 'Căn cứ pháp lý': ô để trống",
        "bảng 1, dòng 4, cột 'Địa điểm thực hiện': ô để trống",
    )
    assert change.spec == dataclasses.replace(
        OLD, decision="9001/QĐ-UBND", effective_from=date(2025, 9, 1)
    )
    assert change.change == "changed"


def test_a_fee_without_an_amount_is_kept_as_written_and_noted() -> None:
    """A fee that names no amount keeps its text, no single amount, and is noted; the note names
    the sheet of a workbook in place of the table."""
    cells = {"code": "1.004873", "name": MARRIAGE, "fee": "Theo quy định của  HĐND tỉnh"}
    change = only(plan(row(cells, sheet="Phụ lục I", number=7), known=[OLD]))
    assert change.notes == (
        "Phụ lục I, dòng 7, cột 'Phí, lệ phí (nếu có)': "
        "không đọc được thành số tiền; giữ nguyên văn",
    )
    assert change.spec is not None
    assert (change.spec.fee_amount, change.spec.fee_text) == (None, "Theo quy định của HĐND tỉnh")
    assert dict(change.spec.sources)["fee"] == BY


def test_a_row_that_says_what_the_station_already_has_is_unchanged() -> None:
    """Importing the same decision twice: the second time every row is "unchanged"."""
    cells = {"code": "1.004873", "name": MARRIAGE, "time": "03 ngày làm việc", "place": CENTRE}
    first = only(plan(row(cells), known=[OLD])).spec
    assert first is not None
    again = only(plan(row(cells), known=[first]))
    assert again == PlannedChange("1.004873", MARRIAGE, "unchanged", first)


# -- an unknown procedure: added ---------------------------------------------------------------


def test_an_unknown_procedure_is_added_with_the_values_the_row_gives() -> None:
    """An unknown code is added under the heading's field and level, every value it gives
    confirmed and sourced to the decision, with the decision's number and day."""
    cells = {
        "code": "2.002165",
        "name": "Đăng ký   khai sinh có yếu tố nước ngoài",
        "time": "15 ngày làm việc",
        "place": CENTRE,
        "fee": "75.000 đồng",
        "legal_basis": "Luật Hộ tịch năm 2014",
        "documents": "Tờ khai đăng ký khai sinh",
    }
    result = plan(row(cells, section=Section(field="Hộ tịch", level="tinh")))
    expected = ProcedureSpec(
        code="2.002165",
        name="Đăng ký khai sinh có yếu tố nước ngoài",
        field="Hộ tịch",
        level="tinh",
        time_amount=15,
        time_unit="working_days",
        same_day_cutoff=False,
        fee_amount=75_000,
        fee_text="75.000 đồng",
        legal_basis="Luật Hộ tịch năm 2014",
        decision="9001/QĐ-UBND",
        status="active",
        documents=(
            RequiredDocument(
                "d1", "Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL, 1, True, None, False
            ),
        ),
        unconfirmed=(),
        place=CENTRE,
        effective_from=date(2025, 9, 1),
        sources=(
            ("processing_time", BY),
            ("fee", BY),
            ("legal_basis", BY),
            ("documents", BY),
            ("place", BY),
        ),
    )
    assert result.changes == (
        PlannedChange("2.002165", "Đăng ký khai sinh có yếu tố nước ngoài", "added", expected),
    )


def test_a_list_only_row_adds_a_procedure_whose_values_are_marked_unverified() -> None:
    """Code and name only, under no field or level heading: the commune level, the field
    "Chưa phân loại" (noted), a 0-day limit that is not a same-day one and is unverified (a
    value nobody filled in), no fee, and one placeholder document marked unverified."""
    cells = {"code": "2.002165", "name": "Đăng ký khai sinh có yếu tố nước ngoài"}
    change = only(plan(row(cells, section=Section())))
    assert change.notes == (
        "chưa rõ lĩnh vực (không có cột hay tiêu đề lĩnh vực); ghi «Chưa phân loại»",
    )
    assert change.spec == ProcedureSpec(
        code="2.002165",
        name="Đăng ký khai sinh có yếu tố nước ngoài",
        field="Chưa phân loại",
        level="xa",
        time_amount=0,
        time_unit="working_days",
        same_day_cutoff=False,
        fee_amount=None,
        fee_text="",
        legal_basis="",
        decision="9001/QĐ-UBND",
        status="active",
        documents=(
            RequiredDocument(
                "d1", PLACEHOLDER_DOCUMENT, DocumentForm.ORIGINAL, 1, True, None, True
            ),
        ),
        unconfirmed=ALL_UNCONFIRMED,
        place="",
        effective_from=date(2025, 9, 1),
        sources=(),
    )


def test_an_added_procedure_with_a_time_limit_has_its_same_day_rule_confirmed() -> None:
    """Only what the row lacks stays unverified: with a time limit given, the 3 pm rule is
    confirmed with it; without a legal basis column the legal basis is not."""
    cells = {"code": "2.002165", "name": "Đăng ký khai sinh", "time": "Trong ngày"}
    spec = only(plan(row(cells))).spec
    assert spec is not None
    assert (spec.time_amount, spec.time_unit, spec.same_day_cutoff) == (0, "working_days", True)
    assert spec.unconfirmed == ("fee_amount", "fee_text", "legal_basis", "documents")


def test_the_field_column_names_the_field_before_the_heading() -> None:
    """A "Lĩnh vực" column names the row's field (spaces collapsed) over the heading's."""
    cells = {"code": "2.002165", "name": "Chứng thực bản sao", "field": "  Chứng   thực "}
    change = only(plan(row(cells)))
    assert change.spec is not None
    assert change.spec.field == "Chứng thực"
    assert change.notes == ()


# -- documents ---------------------------------------------------------------------------------


def test_documents_are_read_one_a_line_without_bullets_in_the_form_they_name() -> None:
    """One document a line, bullets and numbering dropped, end punctuation trimmed; "bản sao có
    chứng thực"/"bản sao chứng thực" is a certified copy, "bản sao"/"bản chụp" a copy,
    "xuất trình" presented, anything else the original."""
    cells = {
        "code": "2.002165",
        "name": "Đăng ký khai sinh",
        "documents": "1. Tờ khai đăng ký khai sinh;\n"
        "2) Bản sao có chứng thực Giấy chứng sinh.\n"
        "\n   \n"
        "• Bản chụp Giấy chứng sinh\n"
        "+ Bản sao chứng thực Giấy chứng nhận kết hôn\n"
        "* Xuất trình Hộ chiếu\n"
        "- Bản sao Giấy tờ tùy thân\n"
        "Văn bản ủy quyền theo mẫu tại Phụ lục IX",
    }
    spec = only(plan(row(cells))).spec
    assert spec is not None
    assert spec.documents == tuple(
        RequiredDocument(key, name, form, 1, True, None, False)
        for key, name, form in (
            ("d1", "Tờ khai đăng ký khai sinh", DocumentForm.ORIGINAL),
            ("d2", "Bản sao có chứng thực Giấy chứng sinh", DocumentForm.CERTIFIED_COPY),
            ("d3", "Bản chụp Giấy chứng sinh", DocumentForm.COPY),
            ("d4", "Bản sao chứng thực Giấy chứng nhận kết hôn", DocumentForm.CERTIFIED_COPY),
            ("d5", "Xuất trình Hộ chiếu", DocumentForm.PRESENT),
            ("d6", "Bản sao Giấy tờ tùy thân", DocumentForm.COPY),
            ("d7", "Văn bản ủy quyền theo mẫu tại Phụ lục IX", DocumentForm.ORIGINAL),
        )
    )
    assert dict(spec.sources)["documents"] == BY
    assert "documents" not in spec.unconfirmed


def test_a_document_name_is_cut_at_500_characters() -> None:
    """A document's name holds at most 500 characters."""
    long = "Giấy tờ chứng minh " + "a" * 482
    assert len(long) == 501
    cells = {"code": "2.002165", "name": "Đăng ký khai sinh", "documents": long}
    spec = only(plan(row(cells))).spec
    assert spec is not None
    assert [d.name for d in spec.documents] == [long[:500]]


# -- abolished ---------------------------------------------------------------------------------


def test_a_row_under_bai_bo_abolishes_the_procedure_from_the_decisions_day() -> None:
    """The abolished version is the station's, marked abolished with the decision's number and
    day; it is stored with the other versions."""
    cells = {"code": "1.004873", "name": MARRIAGE}
    result = plan(row(cells, section=ABOLISHED), known=[OLD])
    abolished = dataclasses.replace(
        OLD, status="abolished", decision="9001/QĐ-UBND", effective_from=date(2025, 9, 1)
    )
    assert result.changes == (PlannedChange("1.004873", MARRIAGE, "abolished", abolished),)
    assert result.specs == (abolished,)


def test_abolishing_a_procedure_the_station_does_not_have_is_ignored_and_noted() -> None:
    cells = {"code": "2.000930", "name": "Thôi làm  hòa giải viên"}
    result = plan(row(cells, section=ABOLISHED))
    assert result.changes == (
        PlannedChange(
            "2.000930",
            "Thôi làm hòa giải viên",
            "ignored",
            None,
            ("không có trong danh mục của máy; bỏ qua",),
        ),
    )
    assert result.specs == ()


# -- district level (decisions before 1/7/2025) --------------------------------------------------

DISTRICT = Section(field="Hộ tịch", district=True)
DISTRICT_NOTE = (
    ": thủ tục cấp huyện — từ 1/7/2025 chính quyền địa phương có hai cấp (tỉnh, xã), không còn "
    "cấp huyện; dòng này không được nhập. Thủ tục nay thuộc cấp xã hoặc cấp tỉnh theo quyết "
    "định công bố mới của tỉnh."
)


def test_a_district_level_row_is_shown_set_aside_and_never_imported() -> None:
    """docs/legal.md: a part headed "cấp huyện" is shown as "Bỏ qua" with a note and never
    imported, listings and abolitions alike (no district level since 1/7/2025)."""
    listed = row({"code": "1.000894", "name": "Đăng ký  kết hôn"}, section=DISTRICT, number=9)
    gone = row(
        {"code": "1.004873", "name": MARRIAGE},
        section=dataclasses.replace(DISTRICT, kind="abolished"),
        sheet="Cấp huyện",
        number=3,
    )
    result = plan(listed, gone, known=[OLD])
    assert result.changes == (
        PlannedChange(
            "1.000894", "Đăng ký kết hôn", "ignored", None, ("bảng 1, dòng 9" + DISTRICT_NOTE,)
        ),
        PlannedChange(
            "1.004873", MARRIAGE, "ignored", None, ("Cấp huyện, dòng 3" + DISTRICT_NOTE,)
        ),
    )
    assert result.specs == ()


def test_a_district_level_row_without_a_code_is_named_by_its_first_40_characters() -> None:
    name = "Thủ tục xác nhận thông tin hộ tịch cấp huyện cũ"
    assert len(name) > 40
    change = only(plan(row({"code": "", "name": name}, section=DISTRICT)))
    assert (change.code, change.name, change.change) == (name[:40], name, "ignored")


# -- refusals ----------------------------------------------------------------------------------


def test_a_malformed_code_refuses_the_file_naming_the_code_column() -> None:
    problems = refused(row({"code": "1.00487", "name": MARRIAGE}), known=[OLD])
    assert problems == (
        Problem(
            FILE,
            4,
            "Mã TTHC",
            "Mã TTHC «1.00487» không đúng dạng N.NNNNNN.",
            code="1.00487",
            table=1,
        ),
    )


def test_a_malformed_code_is_quoted_to_40_characters() -> None:
    code = "1-004873-" * 5
    (problem,) = refused(row({"code": code, "name": MARRIAGE}))
    assert problem.message == f"Mã TTHC «{code[:40]}» không đúng dạng N.NNNNNN."


def test_a_local_code_is_reduced_to_the_national_code_the_station_knows() -> None:
    """A longer local code ("1.004873.000.00.00.H12") is the known national one it starts with;
    a local code the station knows itself, or whose national code it does not know, stays."""
    local = "1.004873.000.00.00.H12"
    cells = {"code": local, "name": MARRIAGE}
    assert only(plan(row(cells), known=[OLD])).code == "1.004873"
    known_local = dataclasses.replace(OLD, code=local)
    assert only(plan(row(cells), known=[OLD, known_local])).code == local
    assert only(plan(row({"code": "2.002165.000.00.00.H12", "name": "Khai sinh"}))).code == (
        "2.002165.000.00.00.H12"
    )


def test_a_row_without_a_code_is_matched_to_the_one_procedure_of_its_name() -> None:
    """No code column: the name (folded: case, accents, punctuation) names one procedure."""
    cells = {"name": "cấp giấy xác nhận tình trạng hôn nhân."}
    change = only(plan(row(cells), known=[OLD]))
    assert (change.code, change.change) == ("1.004873", "changed")


def test_a_row_without_a_code_whose_name_matches_nothing_refuses_the_file() -> None:
    """Named in the code column where the table has one, else in the name column."""
    message = "Dòng không có mã TTHC và tên không khớp đúng một thủ tục trong danh mục."
    with_column = row({"code": " ", "name": "Đăng ký kết hôn"}, number=5)
    without = row({"name": "Đăng ký kết hôn"}, table=2, number=6)
    assert refused(with_column, without, known=[OLD]) == (
        Problem(FILE, 5, "Mã TTHC", message, table=1),
        Problem(FILE, 6, "Tên thủ tục hành chính", message, table=2),
    )


def test_a_row_with_neither_code_nor_name_matches_no_procedure() -> None:
    """A blank name names no procedure, not even one whose name has no letters."""
    nameless = dataclasses.replace(OLD, code="2.000001", name="—")
    (problem,) = refused(row({"code": "", "name": " "}), known=[OLD, nameless])
    assert problem.message == (
        "Dòng không có mã TTHC và tên không khớp đúng một thủ tục trong danh mục."
    )


def test_a_code_twice_in_one_decision_refuses_the_second_row() -> None:
    """Named in the code column, or in the name column when the table has no code column; the
    second row is not read further (its unreadable time limit is not reported)."""
    first = row({"code": "1.004873", "name": MARRIAGE}, number=4)
    second = row({"code": "1.004873", "name": MARRIAGE, "time": "Theo quy định"}, table=2, number=8)
    assert refused(first, second, known=[OLD]) == (
        Problem(
            FILE,
            8,
            "Mã TTHC",
            "Mã TTHC 1.004873 trùng với bảng 1, dòng 4 của cùng quyết định.",
            code="1.004873",
            table=2,
        ),
    )
    by_name = [row({"name": MARRIAGE}, number=n) for n in (4, 5)]
    assert refused(*by_name, known=[OLD]) == (
        Problem(
            FILE,
            5,
            "Tên thủ tục hành chính",
            "Mã TTHC 1.004873 trùng với bảng 1, dòng 4 của cùng quyết định.",
            table=1,
        ),
    )


def test_a_row_without_a_name_refuses_the_file() -> None:
    (problem,) = refused(row({"code": "1.004873", "name": "  "}), known=[OLD])
    assert problem == Problem(
        FILE, 4, "Tên thủ tục hành chính", "Thiếu tên thủ tục.", code="1.004873", table=1
    )


def test_a_time_limit_that_names_none_refuses_the_file() -> None:
    cells = {"code": "1.004873", "name": MARRIAGE, "time": "Theo quy định"}
    assert refused(row(cells), known=[OLD]) == (
        Problem(
            FILE,
            4,
            "Thời hạn giải quyết",
            "Không đọc được thời hạn giải quyết «Theo quy định».",
            code="1.004873",
            table=1,
        ),
    )


def test_every_refused_row_is_named_and_the_readers_problems_are_kept() -> None:
    """The file is refused with every problem at once, the reader's first; the reading given
    is left as it was."""
    earlier = Problem(FILE, None, None, "Bảng không có cột 'Tên thủ tục hành chính'")
    reading = TableReading(
        FILE,
        [row({"code": "1.00487", "name": MARRIAGE}), row({"code": "1.004873", "name": ""})],
        [earlier],
    )
    with pytest.raises(CatalogueProblem) as raised:
        plan_decision(reading, DECISION, {OLD.code: OLD})
    assert [p.message for p in raised.value.problems] == [
        earlier.message,
        "Mã TTHC «1.00487» không đúng dạng N.NNNNNN.",
        "Thiếu tên thủ tục.",
    ]
    assert reading.problems == [earlier]


def test_a_decision_without_number_or_effective_day_is_refused() -> None:
    """The number and the effective day come from the file or the administrator."""
    number = "Không thấy số quyết định trong tệp; hãy nhập số quyết định (--decision)."
    day = "Không thấy ngày quyết định có hiệu lực trong tệp; hãy nhập ngày (--effective)."
    assert refused(decision=DecisionInfo()) == (
        Problem(FILE, None, None, number),
        Problem(FILE, None, None, day),
    )
    no_day = DecisionInfo("9001/QĐ-UBND")
    assert refused(decision=no_day) == (Problem(FILE, None, None, day),)
    no_number = DecisionInfo(effective_from=date(2025, 9, 1))
    assert refused(decision=no_number) == (Problem(FILE, None, None, number),)


def test_a_complete_decision_without_rows_plans_nothing() -> None:
    assert plan() == DecisionPlan(FILE, DECISION, ())


# -- pause grounds -----------------------------------------------------------------------------

FINANCIAL = "không tính thời gian thực hiện nghĩa vụ tài chính"
POSTING = "không kể thời gian niêm yết công khai"
EARLIER = "verification «không tính thời gian xác minh» (Quyết định 100/QĐ-UBND, cột Thời hạn)"


def test_a_time_limit_and_legal_basis_give_the_grounds_they_exclude() -> None:
    """docs/legal.md: an exclusion in the time limit or the legal basis gives that ground, the
    clause and its column as its source; a later decision silent on a ground keeps it (and
    its source, after the new ones)."""
    old = dataclasses.replace(
        OLD,
        pause_grounds=("verification",),
        sources=(("listing", "mẫu"), ("pause_grounds", EARLIER)),
    )
    cells = {
        "code": "1.004873",
        "name": MARRIAGE,
        "time": f"15 ngày làm việc ({FINANCIAL})",
        "legal_basis": f"Luật Đất đai số 31/2024/QH15; {POSTING}",
    }
    change = only(plan(row(cells), known=[old]))
    assert change.grounds == (
        GroundPhrase("financial_obligation", FINANCIAL, "Thời hạn giải quyết"),
        GroundPhrase("public_posting", POSTING, "Căn cứ pháp lý"),
    )
    assert change.spec is not None
    assert change.spec.pause_grounds == ("financial_obligation", "verification", "public_posting")
    assert dict(change.spec.sources)["pause_grounds"] == (
        f"financial_obligation «{FINANCIAL}» ({BY}, cột Thời hạn giải quyết); "
        f"public_posting «{POSTING}» ({BY}, cột Căn cứ pháp lý); {EARLIER}"
    )


def test_a_ground_the_decision_restates_takes_the_new_clause_as_its_only_source() -> None:
    old = dataclasses.replace(
        OLD,
        pause_grounds=("financial_obligation",),
        sources=(("pause_grounds", "financial_obligation «nộp thuế» (Quyết định 100)"),),
    )
    cells = {"code": "1.004873", "name": MARRIAGE, "time": f"10 ngày làm việc, {FINANCIAL}"}
    spec = only(plan(row(cells), known=[old])).spec
    assert spec is not None
    assert spec.pause_grounds == ("financial_obligation",)
    assert dict(spec.sources)["pause_grounds"] == (
        f"financial_obligation «{FINANCIAL}» ({BY}, cột Thời hạn giải quyết)"
    )


def test_a_kept_ground_without_a_recorded_source_adds_nothing_to_the_source() -> None:
    old = dataclasses.replace(OLD, pause_grounds=("verification",))
    cells = {"code": "1.004873", "name": MARRIAGE, "time": f"10 ngày làm việc, {FINANCIAL}"}
    spec = only(plan(row(cells), known=[old])).spec
    assert spec is not None
    assert spec.pause_grounds == ("financial_obligation", "verification")
    assert dict(spec.sources)["pause_grounds"] == (
        f"financial_obligation «{FINANCIAL}» ({BY}, cột Thời hạn giải quyết)"
    )


def test_an_added_procedure_takes_the_grounds_its_cells_give() -> None:
    cells = {"code": "2.002165", "name": "Tách thửa đất", "time": f"15 ngày ({FINANCIAL})"}
    spec = only(plan(row(cells))).spec
    assert spec is not None
    assert spec.pause_grounds == ("financial_obligation",)
    assert spec.sources == (
        ("processing_time", BY),
        ("pause_grounds", f"financial_obligation «{FINANCIAL}» ({BY}, cột Thời hạn giải quyết)"),
    )


def test_an_exclusion_that_names_no_ground_is_noted_not_used() -> None:
    """docs/legal.md: an exclusion naming none of the grounds (land recovery and compensation)
    gives no ground and is noted, quoted to 120 characters."""
    recovery = "không kể thời gian thu hồi đất, bồi thường, giải phóng mặt bằng"
    violation = (
        "không tính thời gian xem xét xử lý đối với trường hợp sử dụng đất có vi phạm pháp luật "
        "và thời gian giải quyết khiếu nại của hộ gia đình"
    )
    assert len(violation) > 121
    cells = {
        "code": "1.004873",
        "name": MARRIAGE,
        "time": f"Không quá 15 ngày làm việc {recovery}",
        "legal_basis": f"Luật Đất đai; {violation}",
    }
    change = only(plan(row(cells), known=[OLD]))
    assert change.notes == (
        f"bảng 1, dòng 4, cột 'Thời hạn giải quyết': «{recovery}» không phải căn cứ tạm dừng; "
        "không đặt",
        f"bảng 1, dòng 4, cột 'Căn cứ pháp lý': «{violation[:120]}» không phải căn cứ tạm "
        "dừng; không đặt",
    )
    assert change.grounds == ()
    assert change.spec is not None
    assert change.spec.pause_grounds == ()


def test_a_known_procedure_takes_the_name_the_decision_gives_it() -> None:
    """A row of a known procedure makes a new version with the decision's name."""
    renamed = "Cấp Giấy xác nhận tình trạng hôn nhân (cấp lần đầu)"
    change = only(plan(row({"code": "1.004873", "name": renamed}), known=[OLD]))
    assert change.spec is not None
    assert (change.name, change.spec.name, change.change) == (renamed, renamed, "changed")
