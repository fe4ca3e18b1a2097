"""Lawful pause grounds read from a province's decision, and district parts of older decisions.

A decision's time limit (or legal basis) that excludes a step ("không tính thời gian thực hiện
nghĩa vụ tài chính") gives the procedure that ground, the clause as its source; the clerk may
then pause on it and on nothing else. A part headed "cấp huyện" (decisions before 1/7/2025) is
shown and set aside. Expected values come from the cells as written.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.decision_tables import SourceTable, read_tables
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType
from counter_app.domain.pause_phrases import GroundPhrase
from counter_app.services.decision_import import read_decision
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.decisions.build import annex_xlsx, decision_docx
from tests.decisions.test_decision_import import CENTRE, HEAD, NUMBERS, _current
from tests.factories import request, vn

TIME = "Thời hạn giải quyết"
LAW = "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP"
FINANCIAL = "không tính thời gian thực hiện nghĩa vụ tài chính"
LABEL = "Quyết định 9101/QĐ-UBND ngày 15/08/2025"


def land_decision(path: Path, *, split_time: str) -> Path:
    """Land procedures written as provinces' lists write them (Đồng Nai 2025, public copy read
    through the code look-up: "Không quá 10 ngày làm việc (không tính thời gian niêm yết/đăng
    tin)"; the land rule of Nghị định 43/2014 Điều 61 as copied under land procedures)."""
    rows = [
        HEAD,
        NUMBERS,
        ["I. LĨNH VỰC ĐẤT ĐAI"] * 7,
        ["1", "1.012784", "Tách thửa hoặc hợp thửa đất", split_time, CENTRE, "Không", LAW],
        [
            "2",
            "1.013967",
            "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp xã",
            "Không quá 45 ngày kể từ ngày thụ lý đơn yêu cầu giải quyết tranh chấp đất đai",
            CENTRE,
            "Không",
            "Luật Đất đai số 31/2024/QH15; Nghị định số 102/2024/NĐ-CP (không tính thời gian "
            "xem xét xử lý đối với trường hợp sử dụng đất có vi phạm pháp luật, thời gian trưng "
            "cầu giám định)",
        ],
        [
            "3",
            "1.012821",
            "Thẩm định, phê duyệt phương án sử dụng đất",
            "20 ngày làm việc, không bao gồm thời gian lấy ý kiến các cơ quan có liên quan",
            CENTRE,
            "Không",
            LAW,
        ],
        [
            "4",
            "1.013949",
            "Giao đất, cho thuê đất, chuyển mục đích sử dụng đất",
            "Không quá 15 ngày làm việc không kể thời gian thu hồi đất, bồi thường, giải "
            "phóng mặt bằng",
            CENTRE,
            "Không",
            LAW,
        ],
        [
            "5",
            "1.004884",
            "Đăng ký lại khai sinh",
            "05 ngày làm việc; trường hợp cần xác minh thì thời hạn được kéo dài không quá 03 "
            "ngày làm việc",
            CENTRE,
            "8.000 đồng/lần",
            "Luật Hộ tịch năm 2014",
        ],
    ]
    return decision_docx(
        path,
        number="9101/QĐ-UBND",
        place_and_day="Tỉnh Mẫu, ngày 15 tháng 8 năm 2025",
        effect="Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 9 năm 2025.",
        parts=[("DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ", rows, [(2, 0, 2, 6)])],
    )


def test_an_excluded_step_in_the_time_limit_or_legal_basis_becomes_a_ground(
    station: Station, tmp_path: Path
) -> None:
    path = land_decision(
        tmp_path / "qd.docx", split_time=f"Không quá 12 ngày làm việc ({FINANCIAL})"
    )
    preview = station.preview_decision(read_decision(path))
    rows = {row.code: row for row in preview.rows}
    assert rows["1.012784"].grounds == (GroundPhrase("financial_obligation", FINANCIAL, TIME),)
    assert "pause_grounds" in rows["1.012784"].fields
    assert rows["1.013967"].grounds == (
        GroundPhrase(
            "appraisal",
            "không tính thời gian xem xét xử lý đối với trường hợp sử dụng đất có vi phạm pháp "
            "luật, thời gian trưng cầu giám định",
            "Căn cứ pháp lý",
        ),
    )
    assert (rows["1.012821"].change, rows["1.012821"].grounds) == (
        "added",
        (
            GroundPhrase(
                "consultation",
                "không bao gồm thời gian lấy ý kiến các cơ quan có liên quan",
                TIME,
            ),
        ),
    )
    # an exclusion no clerk may pause for is named, not used; an extension is no exclusion
    assert rows["1.013949"].grounds == ()
    assert any(
        "thu hồi đất" in note and "không phải căn cứ" in note for note in rows["1.013949"].notes
    )
    assert rows["1.004884"].grounds == () and "pause_grounds" not in rows["1.004884"].fields

    station.import_catalogue(preview.specs)
    split = _current(station, "1.012784").spec
    assert (split.time_amount, split.time_unit, split.pause_grounds) == (
        12,
        "working_days",
        ("financial_obligation",),
    )
    assert dict(split.sources)["pause_grounds"] == (
        f"financial_obligation «{FINANCIAL}» ({LABEL}, cột {TIME})"
    )
    assert _current(station, "1.013949").spec.pause_grounds == ()
    assert _current(station, "1.004884").spec.pause_grounds == ()


def test_the_clerk_may_pause_on_the_ground_the_decision_gives_and_on_no_other(
    station: Station, tmp_path: Path
) -> None:
    path = land_decision(tmp_path / "qd.docx", split_time=f"12 ngày làm việc ({FINANCIAL})")
    station.import_catalogue(station.preview_decision(read_decision(path)).specs)
    at = vn(2026, 3, 10, 9)
    code = station.receive(request("1.012784", received_at=at), actor="clerk", now=at).code
    with pytest.raises(InvalidInput, match="không cho phép tạm dừng"):
        station.step(code, EventType.PAUSED, StepInput(kind="verification", reason="x"), actor="o")
    paused = StepInput(kind="financial_obligation", reason="Chờ nộp thuế")
    station.step(code, EventType.PAUSED, paused, actor="o", now=vn(2026, 3, 11, 9))
    assert station.dossier(code).state.value == "paused"


def test_a_later_decision_silent_on_a_ground_keeps_it(station: Station, tmp_path: Path) -> None:
    first = land_decision(tmp_path / "a.docx", split_time=f"12 ngày làm việc ({FINANCIAL})")
    station.import_catalogue(station.preview_decision(read_decision(first)).specs)
    later = land_decision(tmp_path / "b.docx", split_time="Không quá 10 ngày làm việc")
    preview = station.preview_decision(read_decision(later), number="9102/QĐ-UBND")
    [row] = [row for row in preview.rows if row.code == "1.012784"]
    assert row.grounds == () and "pause_grounds" not in row.fields
    station.import_catalogue(preview.specs)
    split = _current(station, "1.012784").spec
    assert (split.time_amount, split.pause_grounds) == (10, ("financial_obligation",))
    assert FINANCIAL in dict(split.sources)["pause_grounds"]


def test_the_command_prints_each_ground_with_its_phrase(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = land_decision(tmp_path / "qd.docx", split_time=f"12 ngày làm việc ({FINANCIAL})")
    args = ["--data-dir", str(data_dir), "catalogue", "import", str(path), "--dry-run"]
    assert main([*args, "--json"]) == 0
    procedures = {p["code"]: p for p in json.loads(capsys.readouterr().out)["procedures"]}
    assert procedures["1.012784"]["pause_grounds"] == [
        {"ground": "financial_obligation", "phrase": FINANCIAL, "column": TIME}
    ]
    assert main(args) == 0
    assert f"pause ground financial_obligation: «{FINANCIAL}» ({TIME})" in capsys.readouterr().out


def district_decision(path: Path) -> Path:
    """A decision from before 1/7/2025 in three parts by level, as provinces published them
    (province, district, commune); chứng thực bản sao sits at district and commune level."""
    copy = [
        "1",
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam "
        "cấp hoặc chứng nhận",
        "Trong ngày",
        "Phòng Tư pháp",
        "2.000 đồng/trang",
        "Nghị định số 23/2015/NĐ-CP",
    ]
    commune = [*copy[:4], CENTRE, "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang", copy[6]]
    land = ["2", "1.012819", "Cấp lại Giấy chứng nhận do bị mất", "10 ngày làm việc", "", "", LAW]
    abolished = [
        ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Tên VBQPPL quy định việc bãi bỏ"],
        ["1", "2.000908", "Cấp bản sao từ sổ gốc", "Nghị định số 23/2015/NĐ-CP"],
    ]
    return decision_docx(
        path,
        number="8001/QĐ-UBND",
        place_and_day="Tỉnh Mẫu, ngày 10 tháng 5 năm 2024",
        effect="Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        parts=[
            ("PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP HUYỆN", [HEAD, copy, land], []),
            ("PHẦN II. DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ", [HEAD, commune], []),
            ("PHẦN III. DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP HUYỆN BỊ BÃI BỎ", abolished, []),
        ],
    )


def test_a_district_part_of_an_older_decision_is_shown_and_set_aside(
    station: Station, tmp_path: Path
) -> None:
    preview = station.preview_decision(read_decision(district_decision(tmp_path / "cu.docx")))
    rows = [(row.code, row.change) for row in preview.rows]
    assert rows == [
        ("2.000815", "ignored"),
        ("1.012819", "ignored"),
        ("2.000815", "changed"),  # the same code at commune level is no duplicate
        ("2.000908", "ignored"),  # a district's abolition does not abolish the commune's
    ]
    [note] = preview.rows[0].notes
    assert "bảng 1, dòng 2" in note and "cấp huyện" in note and "hai cấp" in note
    assert [spec.code for spec in preview.specs] == ["2.000815"]
    station.import_catalogue(preview.specs)
    copy = _current(station, "2.000815").spec
    assert (copy.level, copy.place, copy.effective_from) == ("xa", CENTRE, date(2024, 5, 10))
    assert _current(station, "2.000908").spec.status == "active"


def test_a_district_heading_gives_no_level_and_a_commune_heading_ends_it() -> None:
    head = ("STT", "Mã TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết")
    rows = (
        head,
        ("A. THỦ TỤC HÀNH CHÍNH CẤP HUYỆN",) * 4,
        ("1", "2.000815", "Chứng thực bản sao từ bản chính", "Trong ngày"),
        ("B. THỦ TỤC HÀNH CHÍNH CẤP XÃ",) * 4,
        ("1", "2.000815", "Chứng thực bản sao từ bản chính", "Trong ngày"),
        ("C. THỦ TỤC HÀNH CHÍNH CẤP TỈNH",) * 4,
        ("1", "1.012784", "Tách thửa hoặc hợp thửa đất", "12 ngày làm việc"),
    )
    reading = read_tables("qd.docx", [SourceTable(1, "", rows)])
    sections = [(row.code, row.section.level, row.section.district) for row in reading.rows]
    assert sections == [
        ("2.000815", "", True),
        ("2.000815", "xa", False),
        ("1.012784", "tinh", False),
    ]


def test_an_xlsx_annex_gives_the_ground_its_time_column_states(
    station: Station, tmp_path: Path
) -> None:
    """Đồng Nai's 2025 land list writes the lost-certificate limit "Không quá 10 ngày làm việc
    (không tính thời gian niêm yết/đăng tin)" under "Thời hạn giải quyết" split in two columns."""
    posting = "không tính thời gian niêm yết/đăng tin"
    limit = f"Không quá 10 ngày làm việc ({posting})"
    rows: list[list[object]] = [
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤT ĐAI"],
        [
            "(Kèm theo Quyết định số 9005/QĐ-UBND ngày 30 tháng 6 năm 2025 của Chủ tịch Ủy ban "
            "nhân dân tỉnh, có hiệu lực từ ngày 01/7/2025)"
        ],
        [],
        ["STT", "Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", None, "Phí, lệ phí"],
        [None, None, None, "Nộp trực tiếp", "Trực tuyến", None],
        [1, "1.012786", "Cấp lại Giấy chứng nhận do bị mất", limit, limit, "Không"],
    ]
    merges = ["A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5"]
    source = read_decision(annex_xlsx(tmp_path / "dat-dai.xlsx", rows, merges))
    [row] = station.preview_decision(source).rows
    assert row.grounds == (
        GroundPhrase("public_posting", posting, "Thời hạn giải quyết Nộp trực tiếp"),
    )
