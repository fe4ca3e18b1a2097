"""Reading one procedure of a catalogue file: what is refused, with which sentence, and where.

README "Catalogue files": every problem of an import is named by file, row and field, and an
import is all or nothing. The sentences below are what the administrator reads; the limits are
the format's (a code of at most 40 characters, a time limit of 0 to 365, at most 200 documents).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from counter_app.domain.catalogue import DocumentForm, RequiredDocument
from counter_app.domain.catalogue_reading import (
    CatalogueProblem,
    Problem,
    ProblemSink,
    procedure_from_mapping,
    procedure_to_mapping,
    read_procedure,
)

MISSING = "Thiếu trường bắt buộc."
UNKNOWN_FIELD = "Trường không có trong định dạng danh mục (viết sai tên?)."
NOT_TEXT = "Phải là một chuỗi ký tự."
EMPTY = "Không được để trống."
BAD_CHARACTER = "Chứa ký tự không hợp lệ."
NOT_BOOL = "Phải là Có hoặc Không (true/false)."
BAD_CODE = (
    "Mã TTHC phải có dạng N.NNNNNN, có thể thêm hậu tố "
    "(ví dụ 1.001193, 1.001193.02 hoặc 2.000815.000.00.00.H55)."
)
BAD_TIME = "Thời hạn giải quyết phải là số nguyên từ 0 đến 365."
BAD_FEE = "Mức phí phải là số đồng nguyên không âm, hoặc để trống nếu mức phí thay đổi."
BAD_COUNT = "Số lượng phải là số nguyên dương."
BAD_KEY = "Mã giấy tờ chỉ gồm chữ cái không dấu, chữ số, '.', '_' hoặc '-' (tối đa 20 ký tự)."
BAD_FORM = (
    "Loại giấy tờ không hợp lệ: phải là Bản chính, Bản sao, Bản sao có chứng thực, "
    "Xuất trình bản chính hoặc Khai thác dữ liệu điện tử."
)
BAD_LEVEL = "Cấp thực hiện phải là Xã hoặc Tỉnh: từ 1/7/2025 chính quyền địa phương có hai cấp."
BAD_UNIT = "Đơn vị thời hạn không hợp lệ: phải là ngày làm việc, giờ làm việc hoặc ngày."
BAD_STATUS = "Trạng thái phải là Đang áp dụng hoặc Đã bãi bỏ."
BAD_MARK = (
    "Dấu chưa xác minh không hợp lệ: dùng processing_time, same_day_cutoff, fee, "
    "legal_basis hoặc documents."
)
BAD_DAY = "Ngày hiệu lực phải có dạng YYYY-MM-DD (ví dụ 2026-03-01)."
SOURCES_NOT_MAPPING = "Nguồn phải là một đối tượng (tên giá trị: văn bản)."
SOURCE_KEYS_ONLY = (
    "Chỉ ghi nguồn cho: listing, processing_time, fee, legal_basis, documents, place, "
    "pause_grounds."
)
DATA_SOURCES_LIST = 'Phải là một danh sách nguồn dữ liệu, ví dụ ["vneid"].'


def _document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "key": "to_khai",
        "name": "Tờ khai đăng ký khai sinh theo mẫu",
        "form": "ban_chinh",
        "count": 1,
        "mandatory": True,
        "condition": None,
        "unconfirmed": False,
    }
    document.update(changes)
    return document


def _procedure(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": "1.001193",
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "level": "xa",
        "processing_time": {"amount": 3, "unit": "working_days"},
        "same_day_cutoff": False,
        "fee": {"amount": 8000, "text": "8.000 đồng/lần"},
        "legal_basis": "Luật Hộ tịch năm 2014",
        "decision": "",
        "status": "active",
        "documents": [_document()],
        "unconfirmed": [],
    }
    data.update(changes)
    return data


def _refusals(data: object) -> list[tuple[str | None, str]]:
    """(field, message) of every problem, in the order they were found."""
    with pytest.raises(CatalogueProblem) as caught:
        procedure_from_mapping(data, where="danh-muc.json", row=2)  # type: ignore[arg-type]
    return [(problem.field, problem.message) for problem in caught.value.problems]


def _read(data: dict[str, Any]) -> Any:
    return procedure_from_mapping(data, where="danh-muc.json", row=2)


def _without(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in keys}


# -- the procedure as a whole -----------------------------------------------------------------


@pytest.mark.parametrize("raw", [["1.001193"], "1.001193", None, 5])
def test_a_procedure_that_is_not_an_object_is_refused_as_a_whole(raw: object) -> None:
    assert _refusals(raw) == [(None, "Mỗi thủ tục phải là một đối tượng (các cặp tên: giá trị).")]


@pytest.mark.parametrize(
    "key",
    [
        "code",
        "name",
        "field",
        "level",
        "processing_time",
        "same_day_cutoff",
        "fee",
        "legal_basis",
        "documents",
    ],
)
def test_each_required_field_left_out_is_named(key: str) -> None:
    assert _refusals(_without(_procedure(), key)) == [(key, MISSING)]


def test_an_unknown_field_at_any_level_is_named_by_its_path() -> None:
    data = _procedure(
        colour="xanh",
        processing_time={"amount": 3, "unit": "working_days", "from": "nhận đủ"},
        fee={"amount": 0, "text": "", "currency": "VND"},
        documents=[_document(copies=2)],
    )
    assert sorted(_refusals(data), key=str) == sorted(
        [
            ("colour", UNKNOWN_FIELD),
            ("processing_time.from", UNKNOWN_FIELD),
            ("fee.currency", UNKNOWN_FIELD),
            ("documents[1].copies", UNKNOWN_FIELD),
        ],
        key=str,
    )


def test_every_field_the_format_knows_is_accepted_together() -> None:
    data = _procedure(
        place="Trung tâm Phục vụ hành chính công xã",
        effective_from="2026-03-01",
        sources={"fee": "Thông tư 85/2019/TT-BTC"},
        pause_grounds=["verification"],
        documents=[_document(obtainable_from=["vneid"])],
    )
    spec = _read(data)
    assert spec.place == "Trung tâm Phục vụ hành chính công xã"
    assert spec.documents[0].obtainable_from == ("vneid",)


# -- text fields: type, emptiness, length, characters -------------------------------------------


@pytest.mark.parametrize(
    ("field", "limit"), [("name", 500), ("field", 200), ("legal_basis", 4000), ("decision", 500)]
)
def test_a_text_at_its_limit_is_kept_one_more_character_is_refused(field: str, limit: int) -> None:
    assert getattr(_read(_procedure(**{field: "a" * limit})), field) == "a" * limit
    assert _refusals(_procedure(**{field: "a" * (limit + 1)})) == [
        (field, f"Dài {limit + 1} ký tự, quá giới hạn {limit} ký tự.")
    ]


def test_a_place_at_its_limit_of_1000_is_kept_1001_is_refused() -> None:
    assert _read(_procedure(place="p" * 1000)).place == "p" * 1000
    assert _refusals(_procedure(place="p" * 1001)) == [
        ("place", "Dài 1001 ký tự, quá giới hạn 1000 ký tự.")
    ]


def test_a_fee_text_at_its_limit_of_4000_is_kept_4001_is_refused() -> None:
    fee = {"amount": None, "text": "đ" * 4000}
    assert _read(_procedure(fee=fee)).fee_text == "đ" * 4000
    assert _refusals(_procedure(fee={"amount": None, "text": "đ" * 4001})) == [
        ("fee.text", "Dài 4001 ký tự, quá giới hạn 4000 ký tự.")
    ]


def test_the_length_is_counted_after_trimming_and_nfc() -> None:
    # "ệ" written as e + two combining marks is one character once composed (NFC)
    decomposed = "e\u0323\u0302" * 200
    assert _read(_procedure(field=f"  {decomposed}  ")).field == "ệ" * 200


@pytest.mark.parametrize("field", ["name", "field"])
def test_a_required_text_left_blank_is_refused(field: str) -> None:
    assert _refusals(_procedure(**{field: " \t "})) == [(field, EMPTY)]


@pytest.mark.parametrize("field", ["legal_basis", "decision", "place"])
def test_a_text_that_may_be_empty_is_kept_empty(field: str) -> None:
    assert getattr(_read(_procedure(**{field: "   "})), field) == ""


@pytest.mark.parametrize("field", ["name", "field", "legal_basis", "decision", "place"])
def test_a_text_field_given_a_number_is_refused(field: str) -> None:
    assert _refusals(_procedure(**{field: 2014})) == [(field, NOT_TEXT)]


@pytest.mark.parametrize("character", ["\ud800", "\udfff", "\ufffe", "\uffff"])
def test_a_surrogate_or_non_character_is_refused(character: str) -> None:
    assert _refusals(_procedure(name=f"Đăng ký {character}khai sinh")) == [("name", BAD_CHARACTER)]


def test_line_breaks_are_kept_in_long_texts_and_joined_in_names() -> None:
    spec = _read(
        _procedure(
            name="Đăng ký\nkhai sinh",
            field="Hộ\ntịch",
            legal_basis="Luật Hộ tịch 2014;\nNghị định 123/2015/NĐ-CP",
            decision="Quyết định\n1234/QĐ-UBND",
            place="Bộ phận một cửa\nUBND xã",
            fee={"amount": None, "text": "Lần đầu: miễn\nLần sau: 8.000 đồng"},
        )
    )
    assert spec.name == "Đăng ký khai sinh"
    assert spec.field == "Hộ tịch"
    assert spec.decision == "Quyết định 1234/QĐ-UBND"
    assert spec.legal_basis == "Luật Hộ tịch 2014;\nNghị định 123/2015/NĐ-CP"
    assert spec.place == "Bộ phận một cửa\nUBND xã"
    assert spec.fee_text == "Lần đầu: miễn\nLần sau: 8.000 đồng"


def test_optional_texts_left_out_take_their_empty_defaults() -> None:
    spec = _read(_without(_procedure(), "decision", "status", "unconfirmed"))
    assert (spec.decision, spec.status, spec.place, spec.unconfirmed) == ("", "active", "", ())
    assert (spec.effective_from, spec.sources, spec.pause_grounds) == (None, (), ())


# -- the code ------------------------------------------------------------------------------------


def test_a_code_of_40_characters_is_accepted_41_is_refused() -> None:
    forty = "1.001193" + ".00" * 10 + ".H"
    assert len(forty) == 40
    assert _read(_procedure(code=forty)).code == forty
    assert _refusals(_procedure(code=forty + "5")) == [("code", BAD_CODE)]


@pytest.mark.parametrize("code", ["1.1", "1.001193.", "x1.001193", "1.001193.h55", "1.0011934"])
def test_a_code_of_another_shape_is_refused_with_the_examples(code: str) -> None:
    assert _refusals(_procedure(code=code)) == [("code", BAD_CODE)]


def test_a_code_is_trimmed_and_composed() -> None:
    assert _read(_procedure(code=" 2.000815.000.00.00.H55\n")).code == "2.000815.000.00.00.H55"


@pytest.mark.parametrize("code", [1.001193, None, ["1.001193"]])
def test_a_code_that_is_not_text_is_refused(code: object) -> None:
    assert _refusals(_procedure(code=code)) == [("code", "Mã TTHC phải là một chuỗi ký tự.")]


def test_a_problem_names_the_code_given_even_when_other_fields_are_wrong() -> None:
    with pytest.raises(CatalogueProblem) as caught:
        procedure_from_mapping(_procedure(code=" 1.001193 ", name=""), where="a.json", row=4)
    (problem,) = caught.value.problems
    assert problem == Problem("a.json", 4, "name", EMPTY, "thủ tục", None, "1.001193")


def test_a_problem_names_no_code_when_the_code_is_not_text_or_blank() -> None:
    for code in (1001193, "   "):
        with pytest.raises(CatalogueProblem) as caught:
            procedure_from_mapping(_procedure(code=code), where="a.json", row=4)
        assert caught.value.problems[0].code is None


def test_a_long_code_is_cut_to_40_characters_where_problems_name_it() -> None:
    code = "1.001193" + ".0" * 20
    with pytest.raises(CatalogueProblem) as caught:
        procedure_from_mapping(_procedure(code=code), where="a.json", row=1)
    assert caught.value.problems[0].code == code[:40]


# -- coded choices: level, unit, status ----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"level": "huyen"}, "level", BAD_LEVEL),
        ({"level": 1}, "level", NOT_TEXT),
        ({"status": "nháp"}, "status", BAD_STATUS),
        ({"status": False}, "status", NOT_TEXT),
        ({"processing_time": {"amount": 3, "unit": "tuần"}}, "processing_time.unit", BAD_UNIT),
        ({"processing_time": {"amount": 3, "unit": 3}}, "processing_time.unit", NOT_TEXT),
    ],
)
def test_a_coded_value_refused_says_what_it_may_be(
    change: dict[str, Any], field: str, message: str
) -> None:
    assert _refusals(_procedure(**change)) == [(field, message)]


def test_coded_values_are_read_from_their_vietnamese_labels() -> None:
    spec = _read(
        _procedure(
            level="Cấp tỉnh",
            status="Đã bãi bỏ",
            processing_time={"amount": 8, "unit": "giờ làm việc"},
        )
    )
    assert (spec.level, spec.status, spec.time_unit) == ("tinh", "abolished", "working_hours")


# -- processing time and fee ---------------------------------------------------------------------


@pytest.mark.parametrize("amount", [0, 365])
def test_a_time_limit_from_0_to_365_is_kept(amount: int) -> None:
    spec = _read(_procedure(processing_time={"amount": amount, "unit": "calendar_days"}))
    assert (spec.time_amount, spec.time_unit) == (amount, "calendar_days")


@pytest.mark.parametrize("amount", [-1, 366, 3.0, "3", True, None])
def test_a_time_limit_outside_0_to_365_or_not_whole_is_refused(amount: object) -> None:
    data = _procedure(processing_time={"amount": amount, "unit": "working_days"})
    assert _refusals(data) == [("processing_time.amount", BAD_TIME)]


def test_a_time_limit_without_amount_or_unit_names_each() -> None:
    assert _refusals(_procedure(processing_time={})) == [
        ("processing_time.amount", MISSING),
        ("processing_time.unit", MISSING),
    ]


@pytest.mark.parametrize("value", [3, "3 ngày", ["3", "working_days"]])
def test_a_time_limit_that_is_not_an_object_is_refused(value: object) -> None:
    assert _refusals(_procedure(processing_time=value)) == [
        ("processing_time", "Thời hạn phải là một đối tượng {amount, unit}.")
    ]


@pytest.mark.parametrize("amount", [0, 2_000_000_000])
def test_a_fee_of_whole_dong_up_to_two_billion_is_kept(amount: int) -> None:
    assert _read(_procedure(fee={"amount": amount, "text": ""})).fee_amount == amount


@pytest.mark.parametrize("amount", [-1, 2_000_000_001, 8000.5, "8000", False])
def test_a_fee_that_is_not_a_whole_amount_is_refused(amount: object) -> None:
    assert _refusals(_procedure(fee={"amount": amount, "text": ""})) == [("fee.amount", BAD_FEE)]


def test_a_fee_without_amount_is_a_varying_fee_only_when_written_null() -> None:
    spec = _read(_procedure(fee={"amount": None, "text": "Theo biểu phí"}))
    assert (spec.fee_amount, spec.fee_text) == (None, "Theo biểu phí")
    assert _refusals(_procedure(fee={"text": "Theo biểu phí"})) == [("fee.amount", MISSING)]
    assert _refusals(_procedure(fee={"amount": 0})) == [("fee.text", MISSING)]


@pytest.mark.parametrize("value", [0, "Miễn phí", None])
def test_a_fee_that_is_not_an_object_is_refused(value: object) -> None:
    assert _refusals(_procedure(fee=value)) == [
        ("fee", "Phí phải là một đối tượng {amount, text}.")
    ]


def test_same_day_cutoff_must_be_true_or_false() -> None:
    assert _read(_procedure(same_day_cutoff=True)).same_day_cutoff is True
    assert _read(_procedure(same_day_cutoff=False)).same_day_cutoff is False
    for value in ("true", 1, None):
        assert _refusals(_procedure(same_day_cutoff=value)) == [("same_day_cutoff", NOT_BOOL)]


# -- unconfirmed marks, effective day, sources, pause grounds ------------------------------------


def test_unconfirmed_marks_are_read_from_groups_labels_or_field_names() -> None:
    spec = _read(_procedure(unconfirmed=["Hạn 15 giờ", "legal_basis", "time_unit"]))
    assert spec.unconfirmed == ("time_amount", "time_unit", "same_day_cutoff", "legal_basis")
    assert _read(_procedure(unconfirmed=("documents",))).unconfirmed == ("documents",)
    assert _read(_procedure(unconfirmed=None)).unconfirmed == ()


@pytest.mark.parametrize("value", ["fee", {"fee": True}, ["fee", 1]])
def test_unconfirmed_marks_must_be_a_list_of_names(value: object) -> None:
    assert _refusals(_procedure(unconfirmed=value)) == [
        ("unconfirmed", "Dấu chưa xác minh phải là một danh sách tên trường.")
    ]


def test_an_unknown_unconfirmed_mark_says_which_are_known() -> None:
    assert _refusals(_procedure(unconfirmed=["fee", "màu"])) == [("unconfirmed", BAD_MARK)]


def test_the_effective_day_is_read_as_yyyy_mm_dd() -> None:
    assert _read(_procedure(effective_from="2026-03-01")).effective_from == date(2026, 3, 1)
    assert _read(_procedure(effective_from=None)).effective_from is None


@pytest.mark.parametrize("value", ["2026-02-30", "01/03/2026", ""])
def test_an_effective_day_not_written_yyyy_mm_dd_is_refused(value: str) -> None:
    assert _refusals(_procedure(effective_from=value)) == [("effective_from", BAD_DAY)]


@pytest.mark.parametrize("value", [20260301, ["2026-03-01"], {"year": 2026}])
def test_an_effective_day_that_is_not_text_is_refused_not_dropped(value: object) -> None:
    """Read as "no day", the version would apply to dossiers received before it took effect."""
    assert _refusals(_procedure(effective_from=value)) == [("effective_from", BAD_DAY)]


def test_sources_are_kept_in_the_format_order_of_their_values() -> None:
    spec = _read(
        _procedure(
            sources={
                "pause_grounds": "Luật Đất đai 2024, Điều 5",
                "fee": "Thông tư 85/2019/TT-BTC,\nĐiều 3",
                "listing": "Quyết định 1234/QĐ-UBND",
            }
        )
    )
    assert spec.sources == (
        ("listing", "Quyết định 1234/QĐ-UBND"),
        ("fee", "Thông tư 85/2019/TT-BTC,\nĐiều 3"),
        ("pause_grounds", "Luật Đất đai 2024, Điều 5"),
    )
    assert _read(_procedure(sources=None)).sources == ()


def test_a_source_for_an_unknown_value_names_the_values_a_source_may_be_for() -> None:
    assert _refusals(_procedure(sources={"fee": "Thông tư 85", "name": "Cổng DVC"})) == [
        ("sources.name", SOURCE_KEYS_ONLY)
    ]


def test_every_source_is_checked_after_one_for_an_unknown_value() -> None:
    data = _procedure(sources={"name": "Cổng DVC", "time": "Luật", "fee": "", "place": "UBND"})
    assert _refusals(data) == [
        ("sources.name", SOURCE_KEYS_ONLY),
        ("sources.time", SOURCE_KEYS_ONLY),
        ("sources.fee", EMPTY),
    ]


def test_a_source_must_be_written_out() -> None:
    assert _refusals(_procedure(sources={"fee": "  "})) == [("sources.fee", EMPTY)]
    assert _refusals(_procedure(sources={"fee": 85})) == [("sources.fee", NOT_TEXT)]
    assert _refusals(_procedure(sources={"fee": "x" * 4001})) == [
        ("sources.fee", "Dài 4001 ký tự, quá giới hạn 4000 ký tự.")
    ]
    assert _read(_procedure(sources={"fee": "x" * 4000})).sources == (("fee", "x" * 4000),)


@pytest.mark.parametrize("value", ["Thông tư 85", ["Thông tư 85"]])
def test_sources_must_be_an_object(value: object) -> None:
    assert _refusals(_procedure(sources=value)) == [("sources", SOURCES_NOT_MAPPING)]


def test_pause_grounds_must_be_a_list_of_known_grounds() -> None:
    assert _read(_procedure(pause_grounds=None)).pause_grounds == ()
    assert _read(_procedure(pause_grounds=("appraisal",))).pause_grounds == ("appraisal",)
    for value in ("verification", ["verification", 2]):
        assert _refusals(_procedure(pause_grounds=value)) == [
            ("pause_grounds", "Căn cứ tạm dừng phải là một danh sách mã căn cứ.")
        ]
    assert _refusals(_procedure(pause_grounds=["holiday"])) == [
        (
            "pause_grounds",
            "Căn cứ tạm dừng không có trong danh mục: holiday. Dùng: financial_obligation, "
            "verification, appraisal, consultation, public_posting.",
        )
    ]


# -- documents -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["to_khai", {"key": "to_khai"}, 1])
def test_the_documents_must_be_a_list(value: object) -> None:
    assert _refusals(_procedure(documents=value)) == [
        ("documents", "Thành phần hồ sơ phải là một danh sách giấy tờ.")
    ]


def test_a_procedure_needs_at_least_one_document() -> None:
    assert _refusals(_procedure(documents=[])) == [
        ("documents", "Thủ tục phải có ít nhất một giấy tờ trong thành phần hồ sơ.")
    ]


def test_two_hundred_documents_are_kept_two_hundred_and_one_are_refused() -> None:
    many = [_document(key=None) for _ in range(200)]
    spec = _read(_procedure(documents=many))
    assert [d.key for d in spec.documents] == [f"d{i}" for i in range(1, 201)]
    assert _refusals(_procedure(documents=[*many, _document(key=None)])) == [
        ("documents", "Thủ tục có quá 200 giấy tờ.")
    ]


def test_a_document_that_is_not_an_object_is_named_by_its_position() -> None:
    data = _procedure(documents=[_document(), "Tờ khai"])
    assert _refusals(data) == [
        ("documents[2]", "Mỗi giấy tờ phải là một đối tượng (các cặp tên: giá trị).")
    ]


@pytest.mark.parametrize("key", ["name", "form", "count", "mandatory"])
def test_each_required_document_field_left_out_is_named(key: str) -> None:
    data = _procedure(documents=[_document(), _without(_document(key="k2"), key)])
    assert _refusals(data) == [(f"documents[2].{key}", MISSING)]


def test_optional_document_fields_take_their_defaults() -> None:
    document = _without(_document(), "key", "condition", "unconfirmed")
    spec = _read(_procedure(documents=[document]))
    assert spec.documents == (
        RequiredDocument(
            key="d1",
            name="Tờ khai đăng ký khai sinh theo mẫu",
            form=DocumentForm.ORIGINAL,
            count=1,
            mandatory=True,
            condition=None,
            unconfirmed=False,
            obtainable_from=(),
        ),
    )


@pytest.mark.parametrize("key", [None, "", "   "])
def test_a_blank_document_key_is_made_from_its_position(key: object) -> None:
    data = _procedure(documents=[_document(key="a"), _document(key=key)])
    assert [d.key for d in _read(data).documents] == ["a", "d2"]


def test_a_document_key_is_trimmed_and_may_hold_twenty_characters() -> None:
    twenty = "Ab9_.-" + "x" * 14
    data = _procedure(documents=[_document(key=f" {twenty} ")])
    assert _read(data).documents[0].key == twenty
    assert _refusals(_procedure(documents=[_document(key=twenty + "x")])) == [
        ("documents[1].key", BAD_KEY)
    ]


@pytest.mark.parametrize("key", ["tờ_khai", "to khai", "to/khai", 7])
def test_a_document_key_outside_the_allowed_characters_is_refused(key: object) -> None:
    assert _refusals(_procedure(documents=[_document(key=key)])) == [("documents[1].key", BAD_KEY)]


def test_a_repeated_document_key_names_the_first_document_with_it() -> None:
    data = _procedure(
        documents=[_document(key="a"), _document(key="b"), _document(key="a"), _document(key="a")]
    )
    assert _refusals(data) == [
        ("documents[3].key", "Mã giấy tờ 'a' trùng với giấy tờ thứ 1 của cùng thủ tục."),
        ("documents[4].key", "Mã giấy tờ 'a' trùng với giấy tờ thứ 1 của cùng thủ tục."),
    ]


def test_a_key_given_as_another_document_position_repeats_it() -> None:
    data = _procedure(documents=[_document(key=None), _document(key="d1")])
    assert _refusals(data) == [
        ("documents[2].key", "Mã giấy tờ 'd1' trùng với giấy tờ thứ 1 của cùng thủ tục.")
    ]


def test_a_refused_key_stands_for_its_position_when_keys_are_compared() -> None:
    data = _procedure(documents=[_document(key="d2"), _document(key="tờ khai")])
    assert _refusals(data) == [
        ("documents[2].key", BAD_KEY),
        ("documents[2].key", "Mã giấy tờ 'd2' trùng với giấy tờ thứ 1 của cùng thủ tục."),
    ]


def test_a_document_that_is_not_an_object_stands_for_its_position_too() -> None:
    data = _procedure(documents=[_document(key="d2"), 5])
    assert _refusals(data) == [
        ("documents[2]", "Mỗi giấy tờ phải là một đối tượng (các cặp tên: giá trị)."),
        ("documents[2].key", "Mã giấy tờ 'd2' trùng với giấy tờ thứ 1 của cùng thủ tục."),
    ]


@pytest.mark.parametrize("count", [1, 999])
def test_a_document_count_from_1_to_999_is_kept(count: int) -> None:
    assert _read(_procedure(documents=[_document(count=count)])).documents[0].count == count


@pytest.mark.parametrize("count", [0, 1000, 2.0, True])
def test_a_document_count_outside_1_to_999_is_refused(count: object) -> None:
    assert _refusals(_procedure(documents=[_document(count=count)])) == [
        ("documents[1].count", BAD_COUNT)
    ]


def test_a_document_name_is_required_and_at_most_500_characters() -> None:
    name = "T" * 500
    assert _read(_procedure(documents=[_document(name=name)])).documents[0].name == name
    assert _refusals(_procedure(documents=[_document(name=name + "T")])) == [
        ("documents[1].name", "Dài 501 ký tự, quá giới hạn 500 ký tự.")
    ]
    assert _refusals(_procedure(documents=[_document(name="")])) == [("documents[1].name", EMPTY)]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("Bản sao có chứng thực", DocumentForm.CERTIFIED_COPY),
        ("xuat_trinh", DocumentForm.PRESENT),
        ("bản photo", DocumentForm.COPY),
    ],
)
def test_a_paper_form_is_read_from_its_value_or_label(form: str, expected: DocumentForm) -> None:
    assert _read(_procedure(documents=[_document(form=form)])).documents[0].form is expected


@pytest.mark.parametrize(
    "form", ["du_lieu_dien_tu", "Khai thác dữ liệu điện tử", "xác thực qua VNeID"]
)
def test_a_document_form_naming_a_database_is_refused(form: str) -> None:
    assert _refusals(_procedure(documents=[_document(form=form)])) == [
        (
            "documents[1].form",
            "Thành phần hồ sơ ghi loại giấy tờ bản giấy; nguồn dữ liệu ghi ở obtainable_from.",
        )
    ]


def test_an_unknown_document_form_lists_the_forms() -> None:
    assert _refusals(_procedure(documents=[_document(form="bản nháp")])) == [
        ("documents[1].form", BAD_FORM)
    ]
    assert _refusals(_procedure(documents=[_document(form=1)])) == [("documents[1].form", NOT_TEXT)]


def test_mandatory_and_unconfirmed_must_be_true_or_false() -> None:
    document = _read(_procedure(documents=[_document(mandatory=False, unconfirmed=True)]))
    assert (document.documents[0].mandatory, document.documents[0].unconfirmed) == (False, True)
    assert _refusals(_procedure(documents=[_document(mandatory="có")])) == [
        ("documents[1].mandatory", NOT_BOOL)
    ]
    assert _refusals(_procedure(documents=[_document(unconfirmed=None)])) == [
        ("documents[1].unconfirmed", NOT_BOOL)
    ]


def test_a_condition_is_kept_with_its_lines_and_blank_means_none() -> None:
    condition = "Trường hợp ủy quyền:\nvăn bản ủy quyền"
    spec = _read(_procedure(documents=[_document(condition=condition)]))
    assert spec.documents[0].condition == condition
    for blank in ("", "  \n "):
        spec = _read(_procedure(documents=[_document(condition=blank)]))
        assert spec.documents[0].condition is None


def test_a_condition_is_at_most_500_characters() -> None:
    condition = "c" * 500
    spec = _read(_procedure(documents=[_document(condition=condition)]))
    assert spec.documents[0].condition == condition
    assert _refusals(_procedure(documents=[_document(condition=condition + "c")])) == [
        ("documents[1].condition", "Dài 501 ký tự, quá giới hạn 500 ký tự.")
    ]


def test_databases_a_document_is_obtained_from_are_read_once_each_in_order() -> None:
    document = _document(
        obtainable_from=["VNeID", "csdl_dan_cu", "vneid", "Cơ sở dữ liệu hộ tịch điện tử"]
    )
    spec = _read(_procedure(documents=[document]))
    assert spec.documents[0].obtainable_from == ("vneid", "csdl_dan_cu", "csdl_ho_tich")


@pytest.mark.parametrize("value", ["vneid", None, ["vneid", 1]])
def test_databases_must_be_a_list_of_names(value: object) -> None:
    assert _refusals(_procedure(documents=[_document(obtainable_from=value)])) == [
        ("documents[1].obtainable_from", DATA_SOURCES_LIST)
    ]


def test_each_unknown_database_is_named() -> None:
    document = _document(obtainable_from=["sổ hộ khẩu", "vneid", "CCCD giấy"])
    assert _refusals(_procedure(documents=[document])) == [
        (
            "documents[1].obtainable_from",
            "Nguồn dữ liệu «sổ hộ khẩu» không có; dùng csdl_dan_cu, vneid, csdl_ho_tich, "
            "csdl_dat_dai.",
        ),
        (
            "documents[1].obtainable_from",
            "Nguồn dữ liệu «CCCD giấy» không có; dùng csdl_dan_cu, vneid, csdl_ho_tich, "
            "csdl_dat_dai.",
        ),
    ]


# -- document problems sent to each document's own place (a spreadsheet's rows) ------------------


def test_document_problems_go_to_the_rows_given_for_them() -> None:
    head = ProblemSink("danh-muc.xlsx", 5, "dòng", sheet="ThuTuc", code="1.001193")
    rows = [
        ProblemSink(
            "danh-muc.xlsx", 9, "dòng", sheet="ThanhPhan", code="1.001193", found=head.found
        ),
        ProblemSink(
            "danh-muc.xlsx", 12, "dòng", sheet="ThanhPhan", code="1.001193", found=head.found
        ),
    ]
    data = _procedure(documents=[_document(key="a"), _document(key="a", count=0)])
    assert read_procedure(data, head, rows) is None
    assert [str(problem) for problem in head.found] == [
        "danh-muc.xlsx, trang 'ThanhPhan', dòng 12 (1.001193), trường 'count': "
        "Số lượng phải là số nguyên dương.",
        "danh-muc.xlsx, trang 'ThanhPhan', dòng 12 (1.001193), trường 'key': "
        "Mã giấy tờ 'a' trùng với giấy tờ thứ 1 của cùng thủ tục.",
    ]


def test_a_procedure_read_without_problems_is_returned() -> None:
    sink = ProblemSink("danh-muc.json", 1)
    spec = read_procedure(_procedure(), sink)
    assert sink.found == [] and spec is not None
    assert spec.code == "1.001193"


def test_problems_already_in_the_sink_do_not_refuse_the_next_procedure() -> None:
    sink = ProblemSink("danh-muc.json", 1)
    sink.add("code", BAD_CODE)
    assert read_procedure(_procedure(), sink) is not None
    assert read_procedure(_procedure(name=""), sink) is None
    assert len(sink.found) == 2


# -- writing back --------------------------------------------------------------------------------


def test_a_procedure_is_written_in_the_shape_it_is_read_from() -> None:
    data = _procedure(
        same_day_cutoff=True,
        fee={"amount": None, "text": "Theo biểu phí"},
        decision="1234/QĐ-UBND",
        status="abolished",
        unconfirmed=["fee", "documents"],
        documents=[_document(condition="Nếu ủy quyền", obtainable_from=["vneid"])],
        place="UBND xã",
        effective_from="2026-03-01",
        sources={"documents": "Quyết định 1234/QĐ-UBND", "listing": "Cổng DVC quốc gia"},
        pause_grounds=["verification", "financial_obligation"],
        level="tinh",
        processing_time={"amount": 12, "unit": "working_hours"},
    )
    assert procedure_to_mapping(_read(data)) == data | {
        "sources": {"listing": "Cổng DVC quốc gia", "documents": "Quyết định 1234/QĐ-UBND"},
        "pause_grounds": ["financial_obligation", "verification"],
    }


def test_fields_added_later_are_left_out_when_not_set() -> None:
    written = procedure_to_mapping(_read(_procedure()))
    assert set(written) == {
        "code",
        "name",
        "field",
        "level",
        "processing_time",
        "same_day_cutoff",
        "fee",
        "legal_basis",
        "decision",
        "status",
        "documents",
        "unconfirmed",
    }


def test_capital_letters_are_ordinary_characters() -> None:
    spec = _read(_procedure(field="Xây dựng", name="Cấp giấy phép XÂY DỰNG"))
    assert (spec.field, spec.name) == ("Xây dựng", "Cấp giấy phép XÂY DỰNG")


def test_a_document_refused_on_its_own_row_leaves_its_place_in_the_procedure() -> None:
    """Problems of a document go to that document's sink; the procedure itself is still read,
    each refused value standing as its default (the key: its position; a count of one; the
    paper original; no condition, no database; mandatory only when the document is no object
    at all), so the other rows' keys are compared with it."""
    head = ProblemSink("danh-muc.xlsx", 5, "dòng", sheet="ThuTuc")
    rows = [ProblemSink("danh-muc.xlsx", n, "dòng", sheet="ThanhPhan") for n in (9, 10, 11)]
    faulty = {
        "key": "tờ khai",
        "name": 7,
        "form": "du_lieu_dien_tu",
        "count": 0,
        "mandatory": "có",
        "condition": 5,
        "unconfirmed": "không",
        "obtainable_from": "vneid",
    }
    data = _procedure(documents=[faulty, {"colour": "xanh"}, "Tờ khai"])
    spec = read_procedure(data, head, rows)
    assert head.found == []
    default = RequiredDocument("d1", "", DocumentForm.ORIGINAL, 1, False, None, False, ())
    assert spec is not None
    assert spec.documents == (
        default,
        RequiredDocument("d2", "", DocumentForm.ORIGINAL, 1, False, None, False, ()),
        RequiredDocument("d3", "", DocumentForm.ORIGINAL, 1, True, None, False),
    )
    assert [len(row.found) for row in rows] == [8, 5, 1]
