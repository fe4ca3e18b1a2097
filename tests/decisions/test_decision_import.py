"""Provinces' decisions imported as they publish them: three shapes, and what is refused.

Expected values come from the cells as written (a time limit "03 ngày làm việc" is 3 working
days), never from the reader.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.catalogue_reading import CatalogueProblem
from counter_app.services.decision_import import read_decision
from counter_app.station import Station
from tests.decisions.build import annex_docx, annex_xlsx, decision_docx, text_docx

HEAD = [
    "STT",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Thời hạn giải quyết",
    "Địa điểm thực hiện",
    "Phí, lệ phí (nếu có)",
    "Căn cứ pháp lý",
]
NUMBERS = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
CENTRE = "Trung tâm Phục vụ hành chính công xã"


def _versions(station: Station, code: str) -> list[int]:
    return [e.version for e in station.catalogue(current_only=False) if e.spec.code == code]


def _current(station: Station, code: str):  # type: ignore[no-untyped-def]
    return next(e for e in station.catalogue() if e.spec.code == code)


def amending_decision(path: Path, *, time: str = "03 ngày làm việc") -> Path:
    """In the shape of Hòa Bình's QĐ 1096/QĐ-UBND (20/6/2024, hộ tịch, read on
    thuvienphapluat.vn): letterhead table, title "Về việc công bố Danh mục …", an article on when
    it takes effect, then the annex by part ("PHẦN I … SỬA ĐỔI, BỔ SUNG", "PHẦN II … BÃI BỎ"),
    with a row of column numbers under the header and a field row spanning the table."""
    amended = [
        HEAD,
        NUMBERS,
        ["I. LĨNH VỰC HỘ TỊCH"] * 7,
        [
            "1",
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            time,
            CENTRE,
            "Mười nghìn đồng/trường hợp",
            "Luật Hộ tịch năm 2014;\nNghị định số 123/2015/NĐ-CP",
        ],
        [
            "2",
            "1.001193",
            "Đăng ký khai sinh",
            "Ngay trong ngày tiếp nhận yêu cầu; trường hợp nhận hồ sơ sau 15 giờ mà không giải "
            "quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo",
            CENTRE,
            "Miễn lệ phí đăng ký khai sinh đúng hạn",
            "Luật Hộ tịch năm 2014, Điều 16",
        ],
    ]
    abolished = [
        ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Tên VBQPPL quy định việc bãi bỏ"],
        ["1", "2.000930", "Thôi làm hòa giải viên", "Luật Hòa giải ở cơ sở (sửa đổi)"],
    ]
    return decision_docx(
        path,
        number="9001/QĐ-UBND",
        place_and_day="Tỉnh Mẫu, ngày 15 tháng 8 năm 2025",
        effect="Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2025.",
        parts=[
            ("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", amended, [(2, 0, 2, 6)]),
            ("PHẦN II. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ", abolished, []),
        ],
    )


def test_a_decision_in_hoa_binh_shape_amends_and_abolishes(
    station: Station, tmp_path: Path
) -> None:
    source = read_decision(amending_decision(tmp_path / "qd-9001.docx"))
    assert source.decision.number == "9001/QĐ-UBND"
    assert source.decision.signed_on == date(2025, 8, 15)
    assert source.decision.effective_from == date(2025, 9, 1)
    preview = station.preview_decision(source)
    rows = {row.code: row for row in preview.rows}
    assert rows["1.004873"].change == "changed"
    assert {"fee_amount", "legal_basis", "place"} <= set(rows["1.004873"].fields)
    assert rows["2.000930"].change == "abolished"
    assert _versions(station, "1.004873") == [1]  # nothing written by the preview

    station.import_catalogue(preview.specs)
    marriage = _current(station, "1.004873").spec
    assert (marriage.time_amount, marriage.time_unit) == (3, "working_days")
    assert (marriage.fee_amount, marriage.place) == (10_000, CENTRE)
    assert marriage.legal_basis == "Luật Hộ tịch năm 2014;\nNghị định số 123/2015/NĐ-CP"
    assert marriage.decision == "9001/QĐ-UBND" and marriage.effective_from == date(2025, 9, 1)
    assert dict(marriage.sources)["processing_time"] == "Quyết định 9001/QĐ-UBND ngày 15/08/2025"
    assert not {"time_amount", "fee_amount", "legal_basis"} & set(marriage.unconfirmed)
    birth = _current(station, "1.001193").spec
    assert (birth.time_amount, birth.same_day_cutoff, birth.fee_amount) == (0, True, 0)
    assert _current(station, "2.000930").spec.status == "abolished"
    assert _versions(station, "2.000930") == [1, 2]


def test_an_annex_without_codes_in_an_giang_shape_matches_names(
    station: Station, tmp_path: Path
) -> None:
    """In the shape of An Giang's list of commune procedures (hộ tịch, read on
    chauphu.angiang.gov.vn): an annex printed alone, no code column, "TT", a field heading row
    "23-Lĩnh vực hộ tịch", fees in a sentence. The annex names its decision but not the day it
    takes effect, which the administrator gives."""
    rows = [
        [
            "TT",
            "Tên thủ tục hành chính",
            "Thời hạn giải quyết",
            "Địa điểm thực hiện",
            "Phí, lệ phí (nếu có)",
            "Căn cứ pháp lý",
        ],
        ["23-Lĩnh vực hộ tịch"] * 6,
        [
            "1",
            "Đăng ký khai tử",
            "Ngay trong ngày tiếp nhận yêu cầu",
            "UBND cấp xã",
            "Miễn lệ phí đối với khai tử đúng hạn",
            "Luật Hộ tịch năm 2014",
        ],
        [
            "2",
            "Đăng ký lại khai sinh",
            "05 ngày làm việc",
            "UBND cấp xã",
            "8.000 đồng/lần đăng ký",
            "Nghị định số 123/2015/NĐ-CP",
        ],
    ]
    path = annex_docx(
        tmp_path / "phu-luc.docx",
        [
            "PHỤ LỤC",
            "(Ban hành kèm theo Quyết định số 9002/QĐ-UBND ngày 20/10/2025 của "
            "Chủ tịch Ủy ban nhân dân tỉnh)",
        ],
        rows,
    )
    source = read_decision(path)
    assert (source.decision.number, source.decision.effective_from) == ("9002/QĐ-UBND", None)
    with pytest.raises(CatalogueProblem, match="ngày quyết định có hiệu lực"):
        station.preview_decision(source)
    preview = station.preview_decision(source, effective=date(2025, 11, 1))
    assert {row.code: row.change for row in preview.rows} == {
        "1.000656": "changed",
        "1.004884": "changed",
    }
    station.import_catalogue(preview.specs)
    again = _current(station, "1.004884").spec
    assert (again.time_amount, again.fee_amount, again.effective_from) == (
        5,
        8000,
        date(2025, 11, 1),
    )


def test_a_workbook_in_dong_nai_shape_with_two_header_rows_and_merged_cells(
    station: Station, tmp_path: Path
) -> None:
    """In the shape of Đồng Nai's 2025 land procedures (after Decision 2304/QĐ-BNNMT of
    23/6/2025; a public copy of the list read through the code look-up): titles above the
    table naming the decision, "Thời hạn giải quyết" over two columns, cells merged down,
    "Không quá 17 ngày làm việc", a fee scale with several amounts, a numbered legal basis; and
    a procedure the station does not have, which is added with its documents unverified."""
    rows: list[list[object]] = [
        [
            "DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤT ĐAI THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA "
            "ỦY BAN NHÂN DÂN CẤP XÃ"
        ],
        [
            "(Kèm theo Quyết định số 9003/QĐ-UBND ngày 30 tháng 6 năm 2025 của Chủ tịch Ủy ban "
            "nhân dân tỉnh, có hiệu lực từ ngày 01/7/2025)"
        ],
        [],
        [
            "STT",
            "Mã TTHC",
            "Tên TTHC",
            "Thời hạn giải quyết",
            None,
            "Địa điểm thực hiện",
            "Phí, lệ phí",
            "Căn cứ pháp lý",
        ],
        [None, None, None, "Nộp trực tiếp", "Trực tuyến", None, None, None],
        [
            1,
            "1.012812",
            "Hòa giải tranh chấp đất đai thuộc thẩm quyền cấp xã",
            "Không quá 30 ngày",
            "Không quá 30 ngày",
            "a) Nộp trực tiếp tại Trung tâm Phục vụ hành chính công xã, phường",
            "Không",
            "(1) Luật Đất đai số 31/2024/QH15\n(2) Nghị định số 151/2025/NĐ-CP",
        ],
        [
            2,
            "1.013833",
            "Đăng ký biến động đối với trường hợp đổi tên người sử dụng đất",
            "Không quá 17 ngày làm việc",
            "Không quá 17 ngày làm việc",
            "Trung tâm PVHCC xã",
            "Đối với đất: 923.000 đồng/giấy; đối với đất và tài sản: 1.351.000 đồng/giấy",
            "(1) Luật Đất đai số 31/2024/QH15",
        ],
    ]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:H5"]
    source = read_decision(annex_xlsx(tmp_path / "dat-dai.xlsx", rows, merges))
    assert source.decision.number == "9003/QĐ-UBND"
    assert source.decision.effective_from == date(2025, 7, 1)
    preview = station.preview_decision(source)
    changes = {row.code: row.change for row in preview.rows}
    assert changes == {"1.012812": "changed", "1.013833": "added"}
    station.import_catalogue(preview.specs)
    land = _current(station, "1.012812").spec
    assert (land.time_amount, land.time_unit, land.fee_amount) == (30, "calendar_days", 0)
    new = _current(station, "1.013833").spec
    assert (new.time_amount, new.time_unit, new.fee_amount) == (17, "working_days", None)
    assert new.fee_text.startswith("Đối với đất: 923.000 đồng/giấy")
    assert new.field == "Đất đai" and new.level == "xa"
    assert "documents" in new.unconfirmed and all(d.unconfirmed for d in new.documents)


def _refused(station: Station, path: Path, **given: object) -> CatalogueProblem:
    with pytest.raises(CatalogueProblem) as caught:
        station.preview_decision(read_decision(path), **given)  # type: ignore[arg-type]
    return caught.value


def test_a_docx_with_no_table_is_refused(station: Station, tmp_path: Path) -> None:
    path = text_docx(tmp_path / "khong-bang.docx", ["Số: 9004/QĐ-UBND", "QUYẾT ĐỊNH"])
    problem = _refused(station, path)
    assert str(problem.problems[0]).startswith("khong-bang.docx: Tệp không có bảng nào")


def test_a_table_with_the_wrong_columns_is_named(station: Station, tmp_path: Path) -> None:
    rows = [
        ["STT", "Tên thủ tục hành chính", "Ghi chú", "Cơ quan thực hiện"],
        ["1", "Đăng ký khai sinh", "", "UBND xã"],
    ]
    path = annex_docx(tmp_path / "sai-cot.docx", ["Số: 9005/QĐ-UBND"], rows)
    problem = _refused(station, path, effective=date(2025, 9, 1))
    assert str(problem.problems[0]).startswith("sai-cot.docx, bảng 1: Bảng không có cột")


def test_a_time_limit_in_words_it_cannot_read_names_its_cell(
    station: Station, tmp_path: Path
) -> None:
    path = amending_decision(tmp_path / "qd.docx", time="Theo quy định của pháp luật chuyên ngành")
    problem = _refused(station, path)
    assert [str(item) for item in problem.problems] == [
        "qd.docx, bảng 1, dòng 4 (1.004873), cột 'Thời hạn giải quyết': Không đọc được thời hạn "
        "giải quyết «Theo quy định của pháp luật chuyên ngành»."
    ]
    assert _versions(station, "1.004873") == [1]


def test_a_code_twice_in_one_decision_is_refused(station: Station, tmp_path: Path) -> None:
    rows = [
        HEAD,
        [
            "1",
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            "03 ngày làm việc",
            CENTRE,
            "Không",
            "Luật Hộ tịch",
        ],
        [
            "2",
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            "05 ngày làm việc",
            CENTRE,
            "Không",
            "Luật Hộ tịch",
        ],
    ]
    path = annex_docx(tmp_path / "trung.docx", ["Số: 9006/QĐ-UBND"], rows)
    problem = _refused(station, path, effective=date(2025, 9, 1))
    assert [str(item) for item in problem.problems] == [
        "trung.docx, bảng 1, dòng 3 (1.004873), cột 'Mã TTHC': Mã TTHC 1.004873 trùng với "
        "bảng 1, dòng 2 của cùng quyết định."
    ]


def test_the_command_previews_then_imports(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = amending_decision(tmp_path / "qd-9001.docx")
    code = main(
        ["--data-dir", str(data_dir), "catalogue", "import", str(path), "--dry-run", "--json"]
    )
    dry = json.loads(capsys.readouterr().out)
    assert code == 0 and dry["written"] is False
    assert dry["decision"] == {
        "number": "9001/QĐ-UBND",
        "signed_on": "2025-08-15",
        "effective_from": "2025-09-01",
        "title": dry["decision"]["title"],
    }
    assert {p["code"]: p["change"] for p in dry["procedures"]} == {
        "1.004873": "changed",
        "1.001193": "changed",
        "2.000930": "abolished",
    }
    assert main(["--data-dir", str(data_dir), "catalogue", "list", "--json"]) == 0
    listed = {p["code"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["1.004873"]["version"] == 1
    assert main(["--data-dir", str(data_dir), "catalogue", "import", str(path)]) == 0
    assert "written: added 0, changed 2, abolished 1" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "catalogue", "list", "--json"]) == 0
    listed = {p["code"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["1.004873"]["source"] == "9001/QĐ-UBND"
    assert listed["2.000930"]["status"] == "abolished"


def test_a_refused_decision_on_the_command_line_writes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = amending_decision(tmp_path / "qd.docx", time="tùy trường hợp")
    assert main(["--data-dir", str(data_dir), "catalogue", "import", str(path)]) == 1
    assert "cột 'Thời hạn giải quyết'" in capsys.readouterr().err
    station = Station(data_dir)
    assert _versions(station, "1.004873") == [1]
    station.close()
