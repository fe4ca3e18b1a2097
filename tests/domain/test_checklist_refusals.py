"""What the clerk reads when the documents handed over cannot be checked against the catalogue
(README "receive input": a document obtainable from a database is satisfied by obtaining its
data, from a source the catalogue names for it; any other document must be handed on paper; a
count is never negative; a document marked as applying must be one of the procedure's). Each
refusal names the document and the field."""

from __future__ import annotations

import pytest

from counter_app.domain.catalogue import DocumentForm, RequiredDocument
from counter_app.domain.checklist import HandedDocument, check
from counter_app.domain.errors import InvalidInput

F = DocumentForm
ID_CARD = RequiredDocument(
    "d1", "Căn cước", F.ORIGINAL, 1, True, None, False, obtainable_from=("csdl_dan_cu", "vneid")
)
FORM = RequiredDocument("d2", "Tờ khai", F.ORIGINAL, 1, True, None, False)
REQUIRED = (ID_CARD, FORM)


def _refusal(
    handed: list[HandedDocument],
    required: tuple[RequiredDocument, ...] = REQUIRED,
    applicable: tuple[str, ...] = (),
) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        check(required, handed, applicable=applicable)
    return raised.value.message, raised.value.field


def test_a_document_that_is_not_the_procedures_is_named() -> None:
    assert _refusal([HandedDocument("d9", "Sổ hộ khẩu", F.ORIGINAL, 1)]) == (
        "Giấy tờ 'Sổ hộ khẩu' (mã 'd9') không thuộc thành phần hồ sơ của thủ tục.",
        "key",
    )


def test_a_negative_count_is_refused() -> None:
    assert _refusal([HandedDocument("d2", "Tờ khai", F.ORIGINAL, -1)]) == (
        "Số lượng giấy tờ đã nhận không được âm.",
        "count",
    )


def test_a_source_is_written_only_for_obtained_data() -> None:
    handed = HandedDocument("d1", "Căn cước", F.ORIGINAL, 1, source="vneid")
    assert _refusal([handed]) == (
        "Giấy tờ 'Căn cước': chỉ ghi nguồn dữ liệu khi hình thức là du_lieu_dien_tu.",
        "source",
    )


def test_data_is_obtained_only_for_a_document_marked_obtainable_and_from_its_sources() -> None:
    form = HandedDocument("d2", "Tờ khai", F.ELECTRONIC, 1, source="csdl_dan_cu")
    assert _refusal([form]) == (
        "Giấy tờ 'Tờ khai' không được đánh dấu là khai thác được từ cơ sở dữ liệu; "
        "phải nhận bản giấy.",
        "form",
    )
    extra = HandedDocument(None, "Giấy xác nhận", F.ELECTRONIC, 1, source="vneid")
    assert _refusal([extra])[1] == "form"
    card = HandedDocument("d1", "Căn cước", F.ELECTRONIC, 1, source="csdl_ho_tich")
    assert _refusal([card]) == (
        "Giấy tờ 'Căn cước' chỉ khai thác được từ: csdl_dan_cu, vneid.",
        "source",
    )
    obtained = HandedDocument("d1", "Căn cước", F.ELECTRONIC, 1, source="vneid")
    paper = HandedDocument("d2", "Tờ khai", F.ORIGINAL, 1)
    assert check(REQUIRED, [obtained, paper]).complete


def test_a_document_marked_as_applying_must_be_the_procedures() -> None:
    assert _refusal([], applicable=("d7",)) == (
        "Giấy tờ 'd7' được đánh dấu áp dụng nhưng không thuộc thành phần hồ sơ.",
        "applicable",
    )


def test_a_catalogue_with_a_key_twice_is_refused() -> None:
    twice = (FORM, RequiredDocument("d2", "Tờ khai khác", F.COPY, 1, True, None, False))
    assert _refusal([], required=twice) == (
        "Mã giấy tờ 'd2' bị trùng trong thành phần hồ sơ.",
        "key",
    )


@pytest.mark.parametrize("key", ["XXXX", "d9", "x"])
def test_an_extra_document_is_never_taken_for_a_catalogue_one(key: str) -> None:
    """A paper outside the catalogue (no key) cannot be obtained from a database, whatever keys
    (1 to 20 letters, digits, ``_.-``, as the catalogue is read) its own documents have."""
    keyed = RequiredDocument(key, "Giấy xác nhận", F.ORIGINAL, 1, True, None, False, ("vneid",))
    extra = HandedDocument(None, "Giấy xác nhận", F.ELECTRONIC, 1, source="vneid")
    assert _refusal([extra], required=(ID_CARD, FORM, keyed))[1] == "form"
