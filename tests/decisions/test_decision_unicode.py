"""A decision typed in decomposed Unicode ("Unicode tổ hợp", which Vietnamese keyboards offer
beside the precomposed form) reads as the same decision typed precomposed: its number, its day,
its headings and its cells, in NFC as Counter stores every text (domain/text.py)."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import docx

from counter_app.domain.decision_tables import Section
from counter_app.services.decision_import import read_decision
from tests.decisions.build import add_table, annex_xlsx

HEAD = ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết"]
BIRTH = ["1", "1.001193", "Đăng ký khai sinh", "Trong ngày"]


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_docx_typed_in_decomposed_unicode_reads_as_typed_precomposed(tmp_path: Path) -> None:
    document = docx.Document()
    letterhead = document.add_table(rows=1, cols=2)
    letterhead.cell(0, 0).text = _nfd("Số: 9001/QĐ-UBND")
    letterhead.cell(0, 1).text = _nfd("Tỉnh Mẫu, ngày 15 tháng 8 năm 2025")
    document.add_paragraph(_nfd("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký."))
    document.add_paragraph(_nfd("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"))
    add_table(
        document,
        [[_nfd(text) for text in row] for row in (HEAD, ["I. LĨNH VỰC HỘ TỊCH"] * 4, BIRTH)],
    )
    path = tmp_path / "qd.docx"
    document.save(str(path))

    source = read_decision(path)
    assert (source.decision.number, source.decision.signed_on) == (
        "9001/QĐ-UBND",
        date(2025, 8, 15),
    )
    assert source.decision.effective_from == date(2025, 8, 15)
    [row] = source.reading.rows
    assert row.section == Section("amended", "Hộ tịch")
    assert row.cells["name"] == "Đăng ký khai sinh"
    assert row.labels["name"] == "Tên thủ tục hành chính"


def test_an_xlsx_typed_in_decomposed_unicode_reads_as_typed_precomposed(tmp_path: Path) -> None:
    rows = [["DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC HỘ TỊCH CẤP XÃ"], HEAD, BIRTH]
    path = annex_xlsx(tmp_path / "pl.xlsx", [[_nfd(text) for text in row] for row in rows])
    [row] = read_decision(path).reading.rows
    assert row.section == Section("listed", "Hộ tịch", "xa")
    assert (row.cells["name"], row.labels["code"]) == ("Đăng ký khai sinh", "Mã TTHC")
