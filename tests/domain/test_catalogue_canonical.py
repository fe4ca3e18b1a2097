"""The canonical form of a procedure, its content hash and version id, and the coded values.

README "Catalogue versions": version ids are derived from code and content (uuid5), so stations
importing the same catalogue agree; ``ProcedureSpec.content_hash`` is the SHA-256 of a canonical
JSON of every field (keys sorted, no spaces, UTF-8 text as written); the fields added after the
first format (place, effective day, sources, pause grounds, a document's databases) are written
only when set, so every earlier version keeps its hash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from datetime import date

import pytest

from counter_app.domain.catalogue import (
    DocumentForm,
    ProcedureSpec,
    RequiredDocument,
    canonical_document,
    fold_key,
    parse_form,
    parse_level,
    parse_status,
    parse_time_unit,
    parse_unconfirmed,
    time_limit_missing,
    unconfirmed_fields,
    unconfirmed_groups,
    version_id,
)
from counter_app.domain.errors import InvalidInput

FORM = DocumentForm.ORIGINAL
PLAIN = ProcedureSpec(
    code="1.001193",
    name="Đăng ký khai sinh",
    field="Hộ tịch",
    level="xa",
    time_amount=3,
    time_unit="working_days",
    same_day_cutoff=False,
    fee_amount=None,
    fee_text="Theo biểu phí",
    legal_basis="Luật Hộ tịch 2014",
    decision="",
    status="active",
    documents=(RequiredDocument("to_khai", "Tờ khai", FORM, 1, True, None, False),),
    unconfirmed=("fee_amount", "fee_text"),
)
FULL = ProcedureSpec(
    code="2.000815.000.00.00.H55",
    name="Chứng thực bản sao từ bản chính",
    field="Chứng thực",
    level="tinh",
    time_amount=0,
    time_unit="working_hours",
    same_day_cutoff=True,
    fee_amount=2000,
    fee_text="2.000 đồng/trang",
    legal_basis="Nghị định 280/2025/NĐ-CP",
    decision="1234/QĐ-UBND",
    status="abolished",
    documents=(
        RequiredDocument(
            "ban_chinh",
            "Bản chính giấy tờ",
            DocumentForm.PRESENT,
            2,
            False,
            "Nếu có",
            True,
            ("csdl_dan_cu", "vneid"),
        ),
    ),
    unconfirmed=(),
    place="Bộ phận một cửa",
    effective_from=date(2026, 3, 1),
    sources=(("listing", "Cổng DVC"), ("fee", "Thông tư 226/2016/TT-BTC")),
    pause_grounds=("financial_obligation",),
)


def _hash_of(canonical: dict[str, object]) -> str:
    """SHA-256 of the canonical JSON: keys sorted, no spaces, text as written, UTF-8."""
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_hash_of_a_first_format_procedure_covers_exactly_its_fields() -> None:
    assert PLAIN.content_hash() == _hash_of(
        {
            "code": "1.001193",
            "name": "Đăng ký khai sinh",
            "field": "Hộ tịch",
            "level": "xa",
            "time_amount": 3,
            "time_unit": "working_days",
            "same_day_cutoff": False,
            "fee_amount": None,
            "fee_text": "Theo biểu phí",
            "legal_basis": "Luật Hộ tịch 2014",
            "decision": "",
            "status": "active",
            "documents": [
                {
                    "key": "to_khai",
                    "name": "Tờ khai",
                    "form": "ban_chinh",
                    "count": 1,
                    "mandatory": True,
                    "condition": None,
                    "unconfirmed": False,
                }
            ],
            "unconfirmed": ["fee_amount", "fee_text"],
        }
    )


def test_the_hash_of_a_procedure_with_every_later_field_covers_them_too() -> None:
    assert FULL.content_hash() == _hash_of(
        {
            "code": "2.000815.000.00.00.H55",
            "name": "Chứng thực bản sao từ bản chính",
            "field": "Chứng thực",
            "level": "tinh",
            "time_amount": 0,
            "time_unit": "working_hours",
            "same_day_cutoff": True,
            "fee_amount": 2000,
            "fee_text": "2.000 đồng/trang",
            "legal_basis": "Nghị định 280/2025/NĐ-CP",
            "decision": "1234/QĐ-UBND",
            "status": "abolished",
            "documents": [
                {
                    "key": "ban_chinh",
                    "name": "Bản chính giấy tờ",
                    "form": "xuat_trinh",
                    "count": 2,
                    "mandatory": False,
                    "condition": "Nếu có",
                    "unconfirmed": True,
                    "obtainable_from": ["csdl_dan_cu", "vneid"],
                }
            ],
            "unconfirmed": [],
            "place": "Bộ phận một cửa",
            "effective_from": "2026-03-01",
            "sources": {"listing": "Cổng DVC", "fee": "Thông tư 226/2016/TT-BTC"},
            "pause_grounds": ["financial_obligation"],
        }
    )


def test_a_document_is_written_with_its_databases_only_when_it_names_one() -> None:
    document = FULL.documents[0]
    assert canonical_document(document) == {
        "key": "ban_chinh",
        "name": "Bản chính giấy tờ",
        "form": "xuat_trinh",
        "count": 2,
        "mandatory": False,
        "condition": "Nếu có",
        "unconfirmed": True,
        "obtainable_from": ["csdl_dan_cu", "vneid"],
    }
    assert "obtainable_from" not in canonical_document(PLAIN.documents[0])


def test_the_version_id_is_the_uuid5_of_code_and_hash_in_the_counter_namespace() -> None:
    namespace = uuid.UUID("6f1c3f0e-8a57-5d8e-9b0a-3c1d2e4f5a60")
    digest = PLAIN.content_hash()
    assert version_id("1.001193", digest) == str(uuid.uuid5(namespace, f"1.001193\n{digest}"))


@pytest.mark.parametrize(
    ("amount", "same_day", "unconfirmed", "missing"),
    [
        (0, False, ("time_amount", "time_unit"), True),
        (0, True, ("time_amount", "time_unit"), False),
        (1, False, ("time_amount", "time_unit"), False),
        (0, False, ("fee_amount",), False),
    ],
)
def test_only_an_unverified_zero_that_is_not_same_day_is_a_missing_time_limit(
    amount: int, same_day: bool, unconfirmed: tuple[str, ...], missing: bool
) -> None:
    """README "Where each value comes from": a limit of 0 days that is not a same-day limit and
    is unverified stands for a value nobody filled in."""
    spec = dataclasses.replace(
        PLAIN, time_amount=amount, same_day_cutoff=same_day, unconfirmed=unconfirmed
    )
    assert time_limit_missing(spec) is missing


# -- coded values --------------------------------------------------------------------------------


def test_a_folded_key_has_no_diacritics_case_or_punctuation() -> None:
    assert fold_key("  BẢN_SAO -- có  chứng thực!! ") == "ban sao co chung thuc"
    assert fold_key("Phí (đồng)") == "phi dong"
    assert fold_key("Đã bãi bỏ") == "da bai bo"


@pytest.mark.parametrize(
    ("parse", "text", "message", "field"),
    [
        (
            parse_form,
            "bản nháp",
            "Loại giấy tờ không hợp lệ: phải là Bản chính, Bản sao, Bản sao có chứng thực, "
            "Xuất trình bản chính hoặc Khai thác dữ liệu điện tử.",
            "form",
        ),
        (
            parse_time_unit,
            "tuần",
            "Đơn vị thời hạn không hợp lệ: phải là ngày làm việc, giờ làm việc hoặc ngày.",
            "time_unit",
        ),
        (
            parse_level,
            "cấp huyện",
            "Cấp thực hiện phải là Xã hoặc Tỉnh: từ 1/7/2025 chính quyền địa phương có hai cấp.",
            "level",
        ),
        (parse_status, "tạm dừng", "Trạng thái phải là Đang áp dụng hoặc Đã bãi bỏ.", "status"),
        (
            parse_unconfirmed,
            "tên",
            "Dấu chưa xác minh không hợp lệ: dùng processing_time, same_day_cutoff, fee, "
            "legal_basis hoặc documents.",
            "unconfirmed",
        ),
    ],
)
def test_an_unknown_coded_value_says_what_it_may_be(
    parse: object, text: str, message: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse(text)  # type: ignore[operator]
    assert (caught.value.message, caught.value.field) == (message, field)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Khai thác dữ liệu", DocumentForm.ELECTRONIC),
        ("du_lieu_dien_tu", DocumentForm.ELECTRONIC),
        ("Xác thực qua VNeID", DocumentForm.ELECTRONIC),
        ("Bản sao công chứng", DocumentForm.CERTIFIED_COPY),
        ("bản chụp", DocumentForm.COPY),
        ("Xuất trình", DocumentForm.PRESENT),
    ],
)
def test_forms_are_read_from_the_words_catalogues_use(text: str, form: DocumentForm) -> None:
    assert parse_form(text) is form


@pytest.mark.parametrize(
    ("parse", "text", "value"),
    [
        (parse_time_unit, "Giờ", "working_hours"),
        (parse_time_unit, "ngày lịch", "calendar_days"),
        (parse_time_unit, "NGAY LAM VIEC", "working_days"),
        (parse_level, "cấp xã", "xa"),
        (parse_level, "Tinh", "tinh"),
        (parse_status, "Còn hiệu lực", "active"),
        (parse_status, "hết hiệu lực", "abolished"),
        (parse_status, "Bãi bỏ", "abolished"),
        (parse_status, "Đang áp dụng", "active"),
    ],
)
def test_units_levels_and_statuses_are_read_from_their_words(
    parse: object, text: str, value: str
) -> None:
    assert parse(text) == value  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Thời hạn giải quyết", "processing_time"),
        ("đơn vị thời hạn", "processing_time"),
        ("Hạn 15 giờ", "same_day_cutoff"),
        ("lệ phí", "fee"),
        ("Phí (đồng)", "fee"),
        ("fee_amount", "fee"),
        ("Căn cứ pháp lý", "legal_basis"),
        ("Thành phần hồ sơ", "documents"),
        ("giấy tờ", "documents"),
        ("thành phần", "documents"),
    ],
)
def test_unconfirmed_marks_are_read_from_labels_and_field_names(text: str, group: str) -> None:
    assert parse_unconfirmed(text) == group


def test_groups_and_fields_of_unconfirmed_marks_map_both_ways_in_format_order() -> None:
    assert unconfirmed_fields(["documents", "same_day_cutoff", "legal_basis"]) == (
        "same_day_cutoff",
        "legal_basis",
        "documents",
    )
    assert unconfirmed_fields([]) == ()
    assert unconfirmed_groups(["legal_basis", "time_unit", "same_day_cutoff"]) == (
        "processing_time",
        "same_day_cutoff",
        "legal_basis",
    )
    assert unconfirmed_groups(["name"]) == ()
