"""Procedure specs: parsing of coded values, validation of untrusted data, content hash."""

from __future__ import annotations

import copy
import dataclasses
import unicodedata
from datetime import date
from typing import Any

import pytest

from counter_app.domain.catalogue import (
    FORM_LABELS,
    TIME_UNITS,
    DocumentForm,
    ProcedureSpec,
    RequiredDocument,
    parse_form,
    parse_level,
    parse_status,
    parse_time_unit,
    parse_unconfirmed,
    unconfirmed_fields,
    unconfirmed_groups,
)
from counter_app.domain.catalogue_reading import (
    CatalogueProblem,
    Problem,
    procedure_from_mapping,
    procedure_to_mapping,
)
from counter_app.domain.errors import InvalidInput


def _mapping(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "xa",
        "processing_time": {"amount": 0, "unit": "working_days"},
        "same_day_cutoff": True,
        "fee": {"amount": 0, "text": "Miễn lệ phí nếu đăng ký đúng hạn"},
        "legal_basis": "Luật Hộ tịch năm 2014",
        "decision": "",
        "status": "active",
        "documents": [
            {
                "key": "d1",
                "name": "Tờ khai đăng ký khai sinh theo mẫu",
                "form": "ban_chinh",
                "count": 1,
                "mandatory": True,
                "condition": None,
                "unconfirmed": False,
            },
            {
                "key": "d2",
                "name": "Giấy tờ tùy thân của người yêu cầu",
                "form": "xuat_trinh",
                "count": 1,
                "mandatory": True,
                "condition": None,
                "unconfirmed": True,
            },
        ],
        "unconfirmed": ["fee"],
    }
    data.update(changes)
    return data


def _problems(data: dict[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(CatalogueProblem) as caught:
        procedure_from_mapping(data, where="procedures.json", row=3)
    return caught.value.problems


def _fields(data: dict[str, Any]) -> set[str | None]:
    return {problem.field for problem in _problems(data)}


# -- coded values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("ban_chinh", DocumentForm.ORIGINAL),
        ("Bản chính", DocumentForm.ORIGINAL),
        ("ban chinh", DocumentForm.ORIGINAL),
        ("  BẢN CHÍNH ", DocumentForm.ORIGINAL),
        ("Bản sao", DocumentForm.COPY),
        ("ban_sao", DocumentForm.COPY),
        ("bản sao chứng thực", DocumentForm.CERTIFIED_COPY),
        ("Bản sao có chứng thực", DocumentForm.CERTIFIED_COPY),
        ("ban_chung_thuc", DocumentForm.CERTIFIED_COPY),
        ("Xuất trình bản chính", DocumentForm.PRESENT),
        ("xuat trinh", DocumentForm.PRESENT),
        (unicodedata.normalize("NFD", "Bản chính"), DocumentForm.ORIGINAL),
    ],
)
def test_parse_form_accepts_values_and_labels_folded(text: str, form: DocumentForm) -> None:
    assert parse_form(text) is form


def test_every_form_has_a_label_that_parses_back() -> None:
    assert set(FORM_LABELS) == set(DocumentForm)
    for form, label in FORM_LABELS.items():
        assert parse_form(label) is form
        assert unicodedata.is_normalized("NFC", label)


@pytest.mark.parametrize("text", ["", "bản nháp", "original", "ban"])
def test_parse_form_refuses_unknown_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_form(text)
    assert caught.value.field == "form"


def test_units_levels_statuses_accept_values_and_vietnamese_labels() -> None:
    assert TIME_UNITS == ("working_days", "working_hours", "calendar_days")
    assert parse_time_unit("Ngày làm việc") == "working_days"
    assert parse_time_unit("giờ làm việc") == "working_hours"
    assert parse_time_unit("ngày") == "calendar_days"
    assert parse_time_unit("calendar_days") == "calendar_days"
    assert parse_level("Xã") == "xa"
    assert parse_level("cấp tỉnh") == "tinh"
    assert parse_status("Đã bãi bỏ") == "abolished"
    assert parse_status("active") == "active"
    for parse in (parse_time_unit, parse_level, parse_status):
        with pytest.raises(InvalidInput):
            parse("tuần")


def test_unconfirmed_groups_map_to_spec_fields_and_back() -> None:
    assert unconfirmed_fields(["fee", "processing_time"]) == (
        "time_amount",
        "time_unit",
        "fee_amount",
        "fee_text",
    )
    assert unconfirmed_groups(["fee_text", "time_amount", "documents"]) == (
        "processing_time",
        "fee",
        "documents",
    )
    assert parse_unconfirmed("Phí, lệ phí") == "fee"
    assert parse_unconfirmed("Thời hạn") == "processing_time"
    assert parse_unconfirmed("time_unit") == "processing_time"


# -- building specs -----------------------------------------------------------------------------


def test_valid_mapping_builds_the_spec() -> None:
    spec = procedure_from_mapping(_mapping(), where="procedures.json", row=1)
    assert spec.code == "1.001193"
    assert spec.time_unit == "working_days"
    assert spec.fee_amount == 0
    assert spec.unconfirmed == ("fee_amount", "fee_text")
    assert spec.documents[1] == RequiredDocument(
        key="d2",
        name="Giấy tờ tùy thân của người yêu cầu",
        form=DocumentForm.PRESENT,
        count=1,
        mandatory=True,
        condition=None,
        unconfirmed=True,
    )
    assert procedure_to_mapping(spec) == _mapping()


def test_strings_are_nfc_and_trimmed() -> None:
    data = _mapping(name=unicodedata.normalize("NFD", "  Đăng ký khai tử  "))
    data["documents"][0]["condition"] = unicodedata.normalize("NFD", "Trường hợp ủy quyền")
    data["documents"][0]["mandatory"] = False
    spec = procedure_from_mapping(data, where="x.json")
    assert spec.name == "Đăng ký khai tử"
    assert unicodedata.is_normalized("NFC", spec.name)
    assert spec.documents[0].condition == "Trường hợp ủy quyền"
    assert unicodedata.is_normalized("NFC", spec.documents[0].condition)


def test_optional_fields_take_defaults_and_keys_are_generated_by_position() -> None:
    data = _mapping()
    del data["decision"], data["status"], data["unconfirmed"]
    for document in data["documents"]:
        del document["key"], document["condition"], document["unconfirmed"]
    spec = procedure_from_mapping(data, where="x.json")
    assert (spec.decision, spec.status, spec.unconfirmed) == ("", "active", ())
    assert [d.key for d in spec.documents] == ["d1", "d2"]
    assert [d.condition for d in spec.documents] == [None, None]


def test_codes_with_suffixes_are_accepted() -> None:
    for code in ("1.001193", "1.001193.02", "2.000815.000.00.00.H55"):
        assert procedure_from_mapping(_mapping(code=code), where="x.json").code == code


@pytest.mark.parametrize("code", ["1.1", "1001193", "1.001193.", "1.001193.h55", "a.001193", ""])
def test_bad_code_shape_is_a_problem(code: str) -> None:
    assert _fields(_mapping(code=code)) == {"code"}


def test_problem_names_file_row_code_and_field() -> None:
    data = _mapping()
    data["documents"][1]["count"] = 0
    (problem,) = _problems(data)
    assert (problem.file, problem.row, problem.field) == (
        "procedures.json",
        3,
        "documents[2].count",
    )
    assert problem.code == "1.001193"
    assert str(problem) == (
        "procedures.json, thủ tục 3 (1.001193), trường 'documents[2].count': "
        "Số lượng phải là số nguyên dương."
    )


def test_problem_text_for_a_spreadsheet_row() -> None:
    problem = Problem("procedures.xlsx", 7, "count", "Số lượng phải là số nguyên dương.")
    assert str(problem) == (
        "procedures.xlsx, dòng 7, trường 'count': Số lượng phải là số nguyên dương."
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "x" * 10_000}, "name"),
        ({"name": "   "}, "name"),
        ({"name": 12}, "name"),
        ({"level": "thon"}, "level"),
        ({"status": "draft"}, "status"),
        ({"same_day_cutoff": "yes"}, "same_day_cutoff"),
        ({"processing_time": {"amount": -1, "unit": "working_days"}}, "processing_time.amount"),
        ({"processing_time": {"amount": 366, "unit": "working_days"}}, "processing_time.amount"),
        ({"processing_time": {"amount": 1.5, "unit": "working_days"}}, "processing_time.amount"),
        ({"processing_time": {"amount": 3, "unit": "weeks"}}, "processing_time.unit"),
        ({"processing_time": 3}, "processing_time"),
        ({"fee": {"amount": -5, "text": ""}}, "fee.amount"),
        ({"fee": {"amount": True, "text": ""}}, "fee.amount"),
        ({"documents": []}, "documents"),
        ({"documents": "d1"}, "documents"),
        ({"unconfirmed": ["colour"]}, "unconfirmed"),
        ({"unconfirmed": "fee"}, "unconfirmed"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_each_bad_value_is_a_problem_on_its_field(change: dict[str, Any], field: str) -> None:
    assert _fields(_mapping(**change)) == {field}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"count": -1}, "documents[1].count"),
        ({"count": "2"}, "documents[1].count"),
        ({"count": True}, "documents[1].count"),
        ({"form": "ban_nhap"}, "documents[1].form"),
        ({"mandatory": None}, "documents[1].mandatory"),
        ({"name": "y" * 501}, "documents[1].name"),
        ({"key": "khóa có dấu"}, "documents[1].key"),
        ({"key": "d2"}, "documents[2].key"),
        ({"condition": 5}, "documents[1].condition"),
    ],
)
def test_each_bad_document_value_is_a_problem_on_its_field(
    change: dict[str, Any], field: str
) -> None:
    data = _mapping()
    data["documents"][0].update(change)
    assert _fields(data) == {field}


def test_missing_fields_are_each_reported() -> None:
    data = _mapping()
    del data["name"], data["fee"]
    del data["documents"][0]["form"]
    problems = _problems(data)
    assert {p.field for p in problems} == {"name", "fee", "documents[1].form"}
    assert all(p.message == "Thiếu trường bắt buộc." for p in problems)


def test_every_problem_of_one_procedure_is_reported_at_once() -> None:
    data = _mapping(code="9", name="", level="?", processing_time={"amount": -1, "unit": "?"})
    data["documents"][1].update(count=0, form="?")
    fields = _fields(data)
    assert fields == {
        "code",
        "name",
        "level",
        "processing_time.amount",
        "processing_time.unit",
        "documents[2].count",
        "documents[2].form",
    }


def test_not_a_mapping_is_a_problem() -> None:
    with pytest.raises(CatalogueProblem) as caught:
        procedure_from_mapping(["1.001193"], where="x.json", row=2)  # type: ignore[arg-type]
    assert caught.value.problems[0].row == 2


def test_catalogue_problem_message_shows_the_first_problems_and_counts_the_rest() -> None:
    problems = [Problem("a.json", i, "name", "Không được để trống.") for i in range(1, 6)]
    error = CatalogueProblem(problems)
    assert isinstance(error, InvalidInput)
    assert error.problems == tuple(problems)
    assert "a.json, dòng 1, trường 'name'" in error.message
    assert "a.json, dòng 4" not in error.message
    assert error.message.endswith("(và 2 lỗi khác)")
    assert error.field == "name"


# -- content hash -------------------------------------------------------------------------------


def test_same_content_same_hash_and_any_change_changes_it() -> None:
    spec = procedure_from_mapping(_mapping(), where="x.json")
    again = procedure_from_mapping(copy.deepcopy(_mapping()), where="y.json")
    assert spec.content_hash() == again.content_hash()
    assert len(spec.content_hash()) == 64
    changes: dict[str, object] = {
        "code": "1.001194",
        "name": "Khác",
        "field": "Chứng thực",
        "level": "tinh",
        "time_amount": 1,
        "time_unit": "calendar_days",
        "same_day_cutoff": False,
        "fee_amount": None,
        "fee_text": "Khác",
        "legal_basis": "Khác",
        "decision": "QĐ 1",
        "status": "abolished",
        "documents": spec.documents[:1],
        "unconfirmed": (),
        "place": "Trung tâm Phục vụ hành chính công xã",
        "effective_from": date(2026, 3, 1),
        "sources": (("fee", "Luật Hộ tịch 2014, Điều 11"),),
        "pause_grounds": ("verification",),
    }
    assert set(changes) == {f.name for f in dataclasses.fields(ProcedureSpec)}
    for name, value in changes.items():
        assert dataclasses.replace(spec, **{name: value}).content_hash() != spec.content_hash()
    for name, value in {"form": DocumentForm.COPY, "count": 2, "unconfirmed": False}.items():
        document = dataclasses.replace(spec.documents[1], **{name: value})
        changed = dataclasses.replace(spec, documents=(spec.documents[0], document))
        assert changed.content_hash() != spec.content_hash()


def test_hash_ignores_the_python_types_used_for_the_same_values() -> None:
    spec = procedure_from_mapping(_mapping(), where="x.json")
    as_lists = dataclasses.replace(spec, unconfirmed=list(spec.unconfirmed))  # type: ignore[arg-type]
    assert as_lists.content_hash() == spec.content_hash()


def test_fields_added_later_leave_earlier_hashes_as_they_were() -> None:
    """A version stored before place, effective date and sources existed keeps its id."""
    spec = procedure_from_mapping(_mapping(), where="x.json")
    assert "place" not in procedure_to_mapping(spec)
    dated = dataclasses.replace(spec, effective_from=date(2026, 3, 1))
    assert procedure_to_mapping(dated)["effective_from"] == "2026-03-01"
    back = procedure_from_mapping(procedure_to_mapping(dated), where="y.json")
    assert back == dated and back.content_hash() == dated.content_hash()


def test_pause_grounds_are_read_checked_and_written_back() -> None:
    data = _mapping() | {"pause_grounds": ["verification", "financial_obligation"]}
    spec = procedure_from_mapping(data, where="x.json")
    assert spec.pause_grounds == ("financial_obligation", "verification")  # declaration order
    assert procedure_to_mapping(spec)["pause_grounds"] == ["financial_obligation", "verification"]
    # a procedure without grounds keeps the hash it had before grounds existed
    plain = procedure_from_mapping(_mapping(), where="x.json")
    assert "pause_grounds" not in procedure_to_mapping(plain)
    assert plain.content_hash() != spec.content_hash()
    with pytest.raises(CatalogueProblem) as refused:
        procedure_from_mapping(_mapping() | {"pause_grounds": ["other"]}, where="x.json")
    assert "pause_grounds" in str(refused.value) and "other" in str(refused.value)
    with pytest.raises(CatalogueProblem):
        procedure_from_mapping(_mapping() | {"pause_grounds": "verification"}, where="x.json")
