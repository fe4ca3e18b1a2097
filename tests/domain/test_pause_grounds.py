"""Lawful pause grounds by name, and what a clerk or an administrator reads when a pause or a
catalogue names none or the wrong one (README "Rules": a pause stops the clock only on a ground
the law gives and the procedure allows — financial obligation, verification, appraisal,
consultation, public posting; an older "other" pause is shown as having no lawful ground)."""

from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.pauses import PauseGround, check_ground, ground_label, parse_grounds

KNOWN = "financial_obligation, verification, appraisal, consultation, public_posting"


def _refusal(call: object, *args: object) -> tuple[str, str | None]:
    with pytest.raises(InvalidInput) as raised:
        call(*args)  # type: ignore[operator]
    return raised.value.message, raised.value.field


def test_each_ground_has_its_name_and_an_older_kind_none() -> None:
    assert ground_label("financial_obligation") == "Chờ thực hiện nghĩa vụ tài chính"
    assert ground_label("public_posting") == "Niêm yết, công khai theo quy định của thủ tục"
    assert ground_label("other") == "Không có căn cứ hợp pháp (other)"
    assert ground_label(None) == "Không có căn cứ hợp pháp (—)"


def test_a_catalogue_lists_grounds_in_the_laws_order_and_refuses_an_unknown() -> None:
    assert parse_grounds([" public_posting", "", "verification "]) == (
        "verification",
        "public_posting",
    )
    unknown = ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert _refusal(parse_grounds, ["verification", *unknown]) == (
        f"Căn cứ tạm dừng không có trong danh mục: a1, a2, a3, a4, a5. Dùng: {KNOWN}.",
        "pause_grounds",
    )


def test_a_pause_without_a_ground_names_what_the_procedure_allows() -> None:
    assert _refusal(check_ground, None, ["verification", "appraisal"], "1.004873") == (
        "Không được tạm dừng khi không có căn cứ: chọn một căn cứ pháp luật cho phép. "
        "Thủ tục 1.004873 cho phép: verification (Thẩm tra, xác minh theo quy định của thủ tục); "
        "appraisal (Thẩm định, giám định, kiểm tra thực tế theo quy định của thủ tục).",
        "kind",
    )
    assert _refusal(check_ground, "", [], "1.004873") == (
        "Không được tạm dừng khi không có căn cứ: chọn một căn cứ pháp luật cho phép. "
        "Thủ tục 1.004873 cho phép: không có.",
        "kind",
    )


def test_a_ground_the_procedure_does_not_allow_is_refused_by_name() -> None:
    assert _refusal(check_ground, "consultation", ["verification"], "1.004873") == (
        "Thủ tục 1.004873 không cho phép tạm dừng vì «Lấy ý kiến cơ quan, tổ chức khác theo quy "
        "định của thủ tục»: văn bản quy định thủ tục không loại thời gian này khỏi thời hạn. "
        "Thủ tục cho phép: verification (Thẩm tra, xác minh theo quy định của thủ tục).",
        "kind",
    )
    assert _refusal(check_ground, "other", ["verification"], "1.004873") == (
        f"«other» không phải căn cứ tạm dừng hợp pháp. Các căn cứ: {KNOWN}.",
        "kind",
    )
    assert check_ground("verification", ["verification"], "1.004873") is PauseGround.VERIFICATION


def test_an_unknown_kind_is_quoted_up_to_40_characters() -> None:
    kind = "k" * 39 + "XYZ"
    message, _ = _refusal(check_ground, kind, ["verification"], "1.004873")
    assert message.startswith(f"«{'k' * 39}X» không phải")
