"""A province's decision read from its own text: number, signing day, effective day, title.

The number ("Số: 1234/QĐ-UBND"), the day it was signed ("<place>, ngày … tháng … năm …") and
the day it takes effect ("Quyết định này có hiệu lực kể từ ngày ký", "… từ ngày 01 tháng 8 năm
2025") are read when the text says them; an annex printed alone names its decision ("Ban hành
kèm theo Quyết định số … ngày …"). What the file does not say, the administrator gives (README
"A province's decision"). Expected values come from the paragraphs as written.
"""

from __future__ import annotations

from datetime import date

from counter_app.domain.decision import DecisionInfo, read_header

TITLE = "Về việc công bố Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của cấp xã"


def test_a_decision_in_hoa_binh_shape_gives_number_days_and_title() -> None:
    """In the shape of Hòa Bình's QĐ 1096/QĐ-UBND (20/6/2024): effective from signing. A later
    decision it names, a later title-like line and a later "hiệu lực" clause change nothing."""
    info = read_header(
        [
            "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH",
            "Số: 1096/QĐ-UBND",
            "Hòa Bình, ngày 20 tháng 6 năm 2024",
            "QUYẾT ĐỊNH",
            "Về việc  công bố Danh mục thủ tục hành chính\nthuộc thẩm quyền giải quyết của cấp xã",
            "Căn cứ Quyết định số 500/QĐ-UBND ngày 01 tháng 3 năm 2020 của Ủy ban nhân dân tỉnh;",
            "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.",
            "Công bố công khai trên Cổng Dịch vụ công quốc gia.",
            "Quyết định số 500/QĐ-UBND hết hiệu lực kể từ ngày 01 tháng 7 năm 2024.",
        ]
    )
    assert info == DecisionInfo("1096/QĐ-UBND", date(2024, 6, 20), date(2024, 6, 20), TITLE)


def test_an_effective_day_written_out_is_that_day() -> None:
    info = read_header(
        [
            "Số: 9001/QĐ-UBND",
            "Tỉnh Mẫu, ngày 15 tháng 8 năm 2025",
            "Công bố Danh mục thủ tục hành chính",
            "Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2025.",
        ]
    )
    assert info == DecisionInfo(
        "9001/QĐ-UBND", date(2025, 8, 15), date(2025, 9, 1), "Công bố Danh mục thủ tục hành chính"
    )


def test_the_effective_day_is_the_first_one_after_hieu_luc() -> None:
    """The day the decision takes effect, not the day an earlier one it replaces ends."""
    info = read_header(
        [
            "Số: 9001/QĐ-UBND",
            "Quyết định này có hiệu lực từ ngày 01/9/2025 và thay thế Quyết định số "
            "500/QĐ-UBND, hết hiệu lực từ ngày 31/8/2025.",
        ]
    )
    assert info.effective_from == date(2025, 9, 1)


def test_an_annex_printed_alone_names_its_decision_and_day() -> None:
    """ "Ban hành kèm theo Quyết định số … ngày …": the number and the signing day; no
    effective day and no title (the administrator gives the day)."""
    info = read_header(
        [
            "Phụ lục",
            "DANH MỤC THỦ TỤC HÀNH CHÍNH",
            "(Ban hành kèm theo Quyết định số 2304/QĐ-UBND ngày 23 tháng 6 năm 2025 của Chủ "
            "tịch Ủy ban nhân dân tỉnh)",
        ]
    )
    assert info == DecisionInfo("2304/QĐ-UBND", date(2025, 6, 23), None, "")


def test_a_signing_day_already_read_stays_when_the_number_line_has_another() -> None:
    info = read_header(["Tỉnh Mẫu, ngày 02 tháng 01 năm 2025", "Số: 5/QĐ-UBND ngày 03/01/2025"])
    assert (info.number, info.signed_on) == ("5/QĐ-UBND", date(2025, 1, 2))


def test_a_date_in_a_recital_is_not_the_signing_day() -> None:
    """Only the "<place>, ngày …" line under the header dates the decision; without it, a
    decision effective "from signing" has no known day."""
    info = read_header(
        [
            "Số: 1096/QĐ-UBND",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Quyết định này có hiệu lực kể từ ngày ký.",
        ]
    )
    assert info == DecisionInfo("1096/QĐ-UBND", None, None, "")


def test_a_day_that_does_not_exist_is_not_read() -> None:
    info = read_header(
        ["Số: 77/QĐ-UBND", "Tỉnh Mẫu, ngày 31 tháng 02 năm 2025", "Có hiệu lực từ ngày 30/02/2025."]
    )
    assert (info.signed_on, info.effective_from) == (None, None)


def test_a_number_is_written_in_capitals_with_qd_and_a_hyphen() -> None:
    """However it is typed (lower case, "QD", an en dash), a number is written one way:
    "QĐ-", capitals, hyphens."""
    assert read_header(["Số: 12/qđ-ubnd"]).number == "12/QĐ-UBND"
    assert read_header(["số 12/2025/QD-UBND"]).number == "12/2025/QĐ-UBND"
    assert read_header(["Số: 12/QĐ–UBND"]).number == "12/QĐ-UBND"


def test_an_en_dash_after_qd_is_read_as_qd_with_a_hyphen() -> None:
    """ "12/QD–UBND" (ASCII D, en dash) is the same number as "12/QĐ-UBND"."""
    assert read_header(["Số: 12/QD–UBND"]).number == "12/QĐ-UBND"


def test_nothing_said_reads_as_nothing() -> None:
    assert read_header(["QUYẾT ĐỊNH", "Điều 1. Công bố kèm theo Quyết định này"]) == DecisionInfo()


def test_what_the_administrator_gives_replaces_what_the_file_says() -> None:
    """--decision and --effective replace the file's number and day; what is not given stays."""
    read = DecisionInfo("", date(2025, 8, 15), None, TITLE)
    assert read.given(number="9001/QĐ-UBND", effective=date(2025, 9, 1)) == DecisionInfo(
        "9001/QĐ-UBND", date(2025, 8, 15), date(2025, 9, 1), TITLE
    )
    full = DecisionInfo("9001/QĐ-UBND", date(2025, 8, 15), date(2025, 9, 1), TITLE)
    assert full.given() == full
    assert full.given(number="9002/QĐ-UBND").number == "9002/QĐ-UBND"
    assert full.given(effective=date(2025, 10, 1)).effective_from == date(2025, 10, 1)


def test_a_decision_is_cited_by_number_and_signing_day() -> None:
    assert DecisionInfo("9001/QĐ-UBND", date(2025, 8, 5)).label() == "9001/QĐ-UBND ngày 05/08/2025"
    assert DecisionInfo("9001/QĐ-UBND").label() == "9001/QĐ-UBND"
    assert DecisionInfo("9001/QĐ-UBND", effective_from=date(2025, 9, 1)).complete
    assert not DecisionInfo("9001/QĐ-UBND").complete
    assert not DecisionInfo(effective_from=date(2025, 9, 1)).complete
