"""A whole ``counter-catalogue/1`` document: its top-level shape, its procedures, all or nothing.

README "Catalogue files": `{"format": "counter-catalogue/1", "procedures": [...], "decision":
{"number", "signed_on", "effective_from", "title"}}`; an import validates everything first and
writes nothing on any error, naming file, row and field; the server checks a publication with
the station's reader, so what it accepts every station can import.
"""

from __future__ import annotations

from typing import Any

import pytest

from counter_app.domain.catalogue_file import catalogue_document, decision_block, read_catalogue
from counter_app.domain.catalogue_reading import (
    CatalogueProblem,
    Problem,
    ProblemSink,
    check_duplicate_code,
    procedure_from_mapping,
    procedure_to_mapping,
    refuse_file,
)

UNKNOWN_FIELD = "Trường không có trong định dạng danh mục (viết sai tên?)."


def _procedure(code: str = "1.001193", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "xa",
        "processing_time": {"amount": 3, "unit": "working_days"},
        "same_day_cutoff": False,
        "fee": {"amount": 0, "text": "Miễn lệ phí"},
        "legal_basis": "Luật Hộ tịch năm 2014",
        "documents": [
            {"name": "Tờ khai", "form": "ban_chinh", "count": 1, "mandatory": True},
        ],
    }
    data.update(changes)
    return data


def _document(*procedures: object, **top: Any) -> dict[str, Any]:
    return {"format": "counter-catalogue/1", "source": "Tỉnh", "procedures": list(procedures)} | top


def _problems(document: object) -> list[Problem]:
    with pytest.raises(CatalogueProblem) as caught:
        read_catalogue(document, "danh-muc.json")
    return list(caught.value.problems)


def _said(document: object) -> list[str]:
    return [str(problem) for problem in _problems(document)]


# -- top level -----------------------------------------------------------------------------------


@pytest.mark.parametrize("document", [[_procedure()], "counter-catalogue/1", None])
def test_a_file_that_is_not_an_object_is_refused_as_a_whole(document: object) -> None:
    assert _said(document) == [
        "danh-muc.json: Tệp phải là một đối tượng JSON có các trường format, source, procedures."
    ]


def test_a_file_without_its_format_marker_is_refused() -> None:
    document = _document(_procedure())
    del document["format"]
    assert _said(document) == [
        'danh-muc.json, trường \'format\': Thiếu dấu định dạng ("format": "counter-catalogue/1").'
    ]


@pytest.mark.parametrize(
    ("marker", "shown"),
    [
        ("counter-catalogue/2", '"counter-catalogue/2"'),
        (None, "null"),
        (1, "1"),
        ("Danh mục", '"Danh mục"'),
        ("x" * 100, '"' + "x" * 59),
    ],
)
def test_a_file_of_another_format_says_what_it_holds_in_sixty_characters(
    marker: object, shown: str
) -> None:
    assert _said(_document(_procedure(), format=marker)) == [
        f"danh-muc.json, trường 'format': Định dạng phải là 'counter-catalogue/1' "
        f"(tệp ghi {shown})."
    ]


def test_unknown_top_level_fields_are_each_named() -> None:
    assert _said(_document(_procedure(), version=2, procedure=[])) == [
        f"danh-muc.json, trường 'version': {UNKNOWN_FIELD}",
        f"danh-muc.json, trường 'procedure': {UNKNOWN_FIELD}",
    ]


def test_the_source_is_text_when_given() -> None:
    document = _document(_procedure())
    del document["source"]
    assert len(read_catalogue(document, "danh-muc.json")) == 1
    assert _said(_document(_procedure(), source=["Tỉnh"])) == [
        "danh-muc.json, trường 'source': Phải là một chuỗi ký tự."
    ]


def test_the_decision_is_an_object_when_given() -> None:
    assert len(read_catalogue(_document(_procedure(), decision=None), "a.json")) == 1
    assert _said(_document(_procedure(), decision="1234/QĐ-UBND")) == [
        "danh-muc.json, trường 'decision': "
        "Quyết định phải là một đối tượng (number, effective_from, …)."
    ]


@pytest.mark.parametrize("procedures", [None, {"1.001193": _procedure()}, "1.001193"])
def test_the_procedures_must_be_a_list(procedures: object) -> None:
    assert _said(_document(procedures=procedures)) == [
        "danh-muc.json, trường 'procedures': Thiếu danh sách thủ tục (procedures phải là một mảng)."
    ]


def test_every_top_level_fault_is_named_before_any_procedure_is_read() -> None:
    document = {"format": "x", "source": 1, "decision": 2, "procedures": [{"code": "9"}]}
    assert [problem.field for problem in _problems(document)] == ["format", "source", "decision"]


# -- procedures ----------------------------------------------------------------------------------


def test_the_procedures_are_read_in_file_order() -> None:
    specs = read_catalogue(_document(_procedure("1.000001"), _procedure("2.000002")), "a.json")
    assert [spec.code for spec in specs] == ["1.000001", "2.000002"]


def test_an_empty_list_reads_as_no_procedures() -> None:
    assert read_catalogue(_document(), "a.json") == []


def test_each_faulty_procedure_is_named_by_its_number_and_code() -> None:
    document = _document(
        _procedure("1.000001"), _procedure("1.000002", name=""), _procedure("1.000003", level="")
    )
    assert _said(document) == [
        "danh-muc.json, thủ tục 2 (1.000002), trường 'name': Không được để trống.",
        "danh-muc.json, thủ tục 3 (1.000003), trường 'level': "
        "Cấp thực hiện phải là Xã hoặc Tỉnh: từ 1/7/2025 chính quyền địa phương có hai cấp.",
    ]


def test_a_code_repeated_in_the_file_names_the_first_procedure_with_it() -> None:
    document = _document(
        _procedure("1.000001"), _procedure("1.000002"), _procedure(" 1.000001"), _procedure()
    )
    assert _said(document) == [
        "danh-muc.json, thủ tục 3 (1.000001), trường 'code': "
        "Mã TTHC '1.000001' trùng với thủ tục 1 trong cùng tệp."
    ]


def test_a_repeated_faulty_procedure_is_also_checked() -> None:
    document = _document(_procedure("1.000001"), _procedure("1.000001", field=""))
    assert _said(document) == [
        "danh-muc.json, thủ tục 2 (1.000001), trường 'field': Không được để trống.",
        "danh-muc.json, thủ tục 2 (1.000001), trường 'code': "
        "Mã TTHC '1.000001' trùng với thủ tục 1 trong cùng tệp.",
    ]


def test_procedures_without_a_readable_code_are_not_taken_for_repeats() -> None:
    document = _document(_procedure(code=5), _procedure(code=5))  # type: ignore[arg-type]
    assert _said(document) == [
        "danh-muc.json, thủ tục 1, trường 'code': Mã TTHC phải là một chuỗi ký tự.",
        "danh-muc.json, thủ tục 2, trường 'code': Mã TTHC phải là một chuỗi ký tự.",
    ]


def test_a_procedure_row_in_a_spreadsheet_is_called_a_row_when_repeated() -> None:
    sink = ProblemSink("danh-muc.xlsx", 8, "dòng", sheet="ThuTuc")
    first: dict[str, int] = {}
    assert check_duplicate_code("1.001193", 5, first, sink) is False
    assert check_duplicate_code("1.001193", 5, first, sink) is False  # the same row again
    assert check_duplicate_code(None, 8, first, sink) is False
    assert check_duplicate_code("1.001193", 8, first, sink) is True
    assert [str(problem) for problem in sink.found] == [
        "danh-muc.xlsx, trang 'ThuTuc', dòng 8, trường 'code': "
        "Mã TTHC '1.001193' trùng với dòng 5 trong cùng tệp."
    ]


# -- the whole message --------------------------------------------------------------------------


def test_the_message_shows_three_problems_and_counts_the_others() -> None:
    problems = [Problem("a.json", row, "name", "Không được để trống.") for row in range(1, 5)]
    assert CatalogueProblem(problems).message == (
        "a.json, dòng 1, trường 'name': Không được để trống.\n"
        "a.json, dòng 2, trường 'name': Không được để trống.\n"
        "a.json, dòng 3, trường 'name': Không được để trống.\n"
        "(và 1 lỗi khác)"
    )


def test_three_problems_are_all_shown_without_a_count() -> None:
    problems = [Problem("a.json", row, None, "Sai.") for row in range(1, 4)]
    assert CatalogueProblem(problems).message == (
        "a.json, dòng 1: Sai.\na.json, dòng 2: Sai.\na.json, dòng 3: Sai."
    )


def test_a_refusal_without_any_problem_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match=r"^CatalogueProblem needs at least one problem$"):
        CatalogueProblem([])


def test_a_whole_file_refused_for_one_reason_names_the_file_and_row() -> None:
    with pytest.raises(CatalogueProblem) as caught:
        refuse_file("danh-muc.xlsx", "Thiếu trang ThuTuc.", row=2)
    assert caught.value.problems == (Problem("danh-muc.xlsx", 2, None, "Thiếu trang ThuTuc."),)
    assert caught.value.message == "danh-muc.xlsx, dòng 2: Thiếu trang ThuTuc."


# -- writing a catalogue ------------------------------------------------------------------------


def test_a_catalogue_is_written_with_its_format_source_and_decision() -> None:
    spec = procedure_from_mapping(_procedure(), where="a.json")
    decision = {"number": "1234/QĐ-UBND", "effective_from": "2026-03-01"}
    assert catalogue_document([spec], "Tỉnh Thanh Hóa", decision) == {
        "format": "counter-catalogue/1",
        "source": "Tỉnh Thanh Hóa",
        "procedures": [procedure_to_mapping(spec)],
        "decision": decision,
    }
    assert catalogue_document([spec], "Tỉnh", {}) == {
        "format": "counter-catalogue/1",
        "source": "Tỉnh",
        "procedures": [procedure_to_mapping(spec)],
    }
    written = catalogue_document([spec], "Tỉnh")
    assert read_catalogue(written, "b.json") == [spec]


def test_the_decision_of_a_document_keeps_only_its_known_text_fields() -> None:
    document = _document(
        decision={
            "number": "1234/QĐ-UBND",
            "signed_on": "2026-02-20",
            "effective_from": 20260301,
            "title": "Công bố danh mục",
            "signer": "Chủ tịch",
        }
    )
    assert decision_block(document) == {
        "number": "1234/QĐ-UBND",
        "signed_on": "2026-02-20",
        "title": "Công bố danh mục",
    }
    assert decision_block(_document()) is None
    assert decision_block(_document(decision="1234")) is None
    assert decision_block([document]) is None
