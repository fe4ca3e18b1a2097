"""Pause grounds read from a procedure's published time limit, as provinces write it.

Each text is written the way a published list or decision writes it (the source is named); the
expected ground is the kind the clause names (domain.pauses), never what the reader returns.
"""

from __future__ import annotations

import pytest

from counter_app.domain.pause_phrases import GroundPhrase, read_pause_phrases

# Nghị định 43/2014/NĐ-CP Điều 61 khoản 4, as provinces copied it under their land procedures
# (quoted by thegioithao.com and luathongminh.com): four exclusions in two clauses.
LAND_RULE = (
    "Thời gian thực hiện được tính kể từ ngày nhận được hồ sơ hợp lệ; không tính thời gian các "
    "ngày nghỉ, ngày lễ theo quy định của pháp luật; không tính thời gian tiếp nhận hồ sơ tại "
    "xã, thời gian thực hiện nghĩa vụ tài chính của người sử dụng đất; không tính thời gian xem "
    "xét xử lý đối với trường hợp sử dụng đất có vi phạm pháp luật, thời gian trưng cầu giám định."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # land registration in provinces' one-stop lists
            "Không quá 15 ngày làm việc (không tính thời gian thực hiện nghĩa vụ tài chính)",
            [("financial_obligation", "không tính thời gian thực hiện nghĩa vụ tài chính")],
        ),
        (  # Đồng Nai's 2025 land list, cấp lại Giấy chứng nhận do bị mất (1.012786)
            "Không quá 10 ngày làm việc (không tính thời gian niêm yết/đăng tin)",
            [("public_posting", "không tính thời gian niêm yết/đăng tin")],
        ),
        (  # measuring at a land office: "ký giáp ranh và niêm yết công khai tại nơi có đất"
            "30 ngày - Không tính thời gian ký giáp ranh và niêm yết công khai tại nơi có đất",
            [
                (
                    "public_posting",
                    "Không tính thời gian ký giáp ranh và niêm yết công khai tại nơi có đất",
                )
            ],
        ),
        (  # the exclusion written after the step
            "Thời gian niêm yết công khai không tính vào thời hạn giải quyết",
            [("public_posting", "Thời gian niêm yết công khai không tính vào thời hạn giải quyết")],
        ),
        (  # several steps in one clause, other words ("không kể", "xác minh", "lấy ý kiến")
            "Không quá 05 ngày làm việc, không kể thời gian lấy ý kiến cơ quan thuế và xác minh",
            [
                ("verification", "không kể thời gian lấy ý kiến cơ quan thuế và xác minh"),
                ("consultation", "không kể thời gian lấy ý kiến cơ quan thuế và xác minh"),
            ],
        ),
        (  # "không bao gồm", thẩm định
            "20 ngày làm việc, không bao gồm thời gian thẩm định hồ sơ thiết kế",
            [("appraisal", "không bao gồm thời gian thẩm định hồ sơ thiết kế")],
        ),
        (
            LAND_RULE,
            [
                (
                    "financial_obligation",
                    "không tính thời gian tiếp nhận hồ sơ tại xã, thời gian thực hiện nghĩa vụ "
                    "tài chính của người sử dụng đất",
                ),
                (
                    "appraisal",
                    "không tính thời gian xem xét xử lý đối với trường hợp sử dụng đất có vi phạm"
                    " pháp luật, thời gian trưng cầu giám định",
                ),
            ],
        ),
    ],
)
def test_an_excluded_step_gives_its_ground_with_the_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    reading = read_pause_phrases(text)
    assert reading.grounds == tuple(GroundPhrase(g, p) for g, p in expected)
    assert reading.unmatched == ()


@pytest.mark.parametrize(
    "text",
    [
        "03 ngày làm việc",
        "Trong ngày",
        # civil status: a longer limit when verification is needed is an extension, not a pause
        "05 ngày làm việc; trường hợp cần xác minh thì thời hạn được kéo dài không quá 03 ngày "
        "làm việc",
        "Không quá 30 ngày kể từ ngày nhận được đơn yêu cầu hòa giải tranh chấp đất đai.",
        "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP",
        "10 ngày (không kể thứ bảy, chủ nhật, ngày lễ, Tết)",  # the calendar counts those
        "",
    ],
)
def test_no_exclusion_gives_no_ground(text: str) -> None:
    assert read_pause_phrases(text).grounds == ()
    assert read_pause_phrases(text).unmatched == ()


def test_an_exclusion_naming_no_ground_is_reported_not_used() -> None:
    # Nghị định 43/2014 Điều 61 for giao đất (as quoted by luatsuhathanh.com)
    reading = read_pause_phrases(
        "Không quá 20 ngày không kể thời gian thu hồi đất, bồi thường, giải phóng mặt bằng."
    )
    assert reading.grounds == ()
    assert reading.unmatched == ("không kể thời gian thu hồi đất, bồi thường, giải phóng mặt bằng",)


def test_decomposed_text_reads_as_composed() -> None:
    import unicodedata

    text = unicodedata.normalize(
        "NFD", "15 ngày (không tính thời gian thực hiện nghĩa vụ tài chính)"
    )
    [found] = read_pause_phrases(text).grounds
    assert found.ground == "financial_obligation"
    assert found.phrase == "không tính thời gian thực hiện nghĩa vụ tài chính"
