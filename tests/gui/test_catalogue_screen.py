"""The Catalogue screen: folded browsing, detail and versions, import preview → confirm, errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from counter_app.station import Station
from counter_app.ui.catalogue_screen import CatalogueScreen
from counter_app.ui.operations import Operations

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "procedures.json"


@pytest.fixture
def screen(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[CatalogueScreen]:
    """The catalogue screen for an administrator, its list loaded."""
    widget = CatalogueScreen(station, ops, "qt")
    widget.set_role("admin")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.table.rowCount() > 0)
    yield widget
    ops.wait(10_000)


def _shipped() -> dict[str, Any]:
    return dict(json.loads(SHIPPED.read_text(encoding="utf-8")))


def _changed_file(folder: Path) -> Path:
    document = _shipped()
    residence = next(p for p in document["procedures"] if p["code"] == "1.004873")
    residence["processing_time"]["amount"] = 5
    extra = json.loads(json.dumps(residence))
    extra["code"], extra["name"] = "1.999999", "Thủ tục thử nghiệm mới"
    document["procedures"].append(extra)
    path = folder / "tinh.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _versions(station: Station, code: str) -> list[int]:
    return [e.version for e in station.catalogue(current_only=False) if e.spec.code == code]


def test_folded_filter_detail_and_versions(screen: CatalogueScreen) -> None:
    screen.filter_edit.setText("dang ky khai sinh")
    assert screen.shown and all("khai sinh" in s.name.lower() for s in screen.shown)
    screen.table.setCurrentCell(0, 0)
    text = screen.detail.toPlainText()
    assert "Thành phần hồ sơ" in text and "Bắt buộc" in text
    assert screen.version_table.rowCount() == 1
    screen.filter_edit.setText("khong co thu tuc nay")
    assert screen.table.rowCount() == 0


def test_unconfirmed_values_are_marked(screen: CatalogueScreen) -> None:
    marked = [s for s in screen.shown if s.unconfirmed]
    assert marked, "the shipped catalogue marks unconfirmed values"
    screen.table.setCurrentCell(screen.shown.index(marked[0]), 0)
    assert "chưa xác minh" in screen.detail.toPlainText()


def test_changed_file_previewed_then_confirmed_as_a_new_version(
    screen: CatalogueScreen, station: Station, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = screen.importer
    with qtbot.waitSignal(panel.previewed) as previewed:
        panel.preview_file(_changed_file(tmp_path))
    rows = {row.code: row for row in previewed.args[0].rows}
    assert rows["1.004873"].change == "changed" and rows["1.004873"].fields == ("time_amount",)
    assert rows["1.999999"].change == "added"
    assert rows["1.001193"].change == "unchanged"
    assert "1 thêm mới, 1 thay đổi" in panel.summary_label.text()
    assert _versions(station, "1.004873") == [1]  # nothing written before the confirmation
    assert panel.confirm_button.isEnabled()
    with qtbot.waitSignal(panel.imported):
        panel.confirm_button.click()
    assert _versions(station, "1.004873") == [1, 2]
    assert _versions(station, "1.999999") == [1]
    qtbot.waitUntil(lambda: "1.999999" in screen.versions)
    screen.filter_edit.setText("1.004873")
    screen.table.setCurrentCell(0, 0)
    assert screen.version_table.rowCount() == 2
    assert "5 ngày làm việc" in screen.detail.toPlainText()


def test_broken_file_lists_its_problems_and_writes_nothing(
    screen: CatalogueScreen, station: Station, qtbot: QtBot, tmp_path: Path
) -> None:
    document = _shipped()
    document["procedures"][2]["name"] = ""
    document["procedures"][4]["processing_time"]["unit"] = "tuần"
    path = tmp_path / "hong.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = len(station.catalogue(current_only=False))
    panel = screen.importer
    with qtbot.waitSignal(panel.problems_found) as found:
        panel.preview_file(path)
    assert len(found.args[0]) == 2
    lines = [panel.problem_list.item(i).text() for i in range(panel.problem_list.count())]
    assert lines[0].startswith("hong.json, thủ tục 3")
    assert "thủ tục 5" in lines[1]
    assert "chưa nhập gì" in panel.message_label.text()
    assert not panel.confirm_button.isEnabled()
    assert len(station.catalogue(current_only=False)) == before


def test_exported_template_reads_back_unchanged(
    screen: CatalogueScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = screen.importer
    target = tmp_path / "mau.xlsx"
    with qtbot.waitSignal(panel.message_shown, check_params_cb=lambda m: "Đã xuất" in m):
        panel.export_to(target)
    with qtbot.waitSignal(panel.previewed) as previewed:
        panel.preview_file(target)
    assert {row.change for row in previewed.args[0].rows} == {"unchanged"}
    assert not panel.confirm_button.isEnabled()


def test_import_is_for_administrators_only(screen: CatalogueScreen) -> None:
    screen.set_role("clerk")
    assert not screen.pages.isTabEnabled(1)
    assert "quản trị" in screen.pages.tabToolTip(1)


def test_the_starter_set_nudges_the_administrator_until_a_decision_is_imported(
    screen: CatalogueScreen, station: Station, qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.decisions.test_decision_import import amending_decision

    assert screen.nudge.isVisibleTo(screen)
    assert screen.nudge_label.text() == "Danh mục mẫu — hãy nhập quyết định công bố của tỉnh"
    panel = screen.importer
    with qtbot.waitSignal(panel.previewed) as previewed:
        panel.preview_file(amending_decision(tmp_path / "qd-9001.docx"))
    rows = {row.code: row for row in previewed.args[0].rows}
    assert rows["2.000930"].change == "abolished"
    assert panel.number_edit.text() == "9001/QĐ-UBND"
    assert panel.effective_edit.text() == "01/09/2025"
    assert "có hiệu lực từ ngày 01/09/2025: 1 bãi bỏ" in panel.summary_label.text()
    assert _versions(station, "2.000930") == [1]
    with qtbot.waitSignal(panel.imported):
        panel.confirm_button.click()
    qtbot.waitUntil(lambda: not screen.nudge.isVisibleTo(screen))
    screen.filter_edit.setText("1.004873")
    screen.table.setCurrentCell(0, 0)
    assert "Quyết định 9001/QĐ-UBND ngày 15/08/2025" in screen.detail.toPlainText()


def test_a_decision_without_its_effective_day_is_read_again_with_the_day_typed(
    screen: CatalogueScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.decisions.build import annex_docx
    from tests.decisions.test_decision_import import HEAD

    rows = [
        HEAD,
        [
            "1",
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            "03 ngày làm việc",
            "UBND xã",
            "Không",
            "Luật Hộ tịch",
        ],
    ]
    path = annex_docx(tmp_path / "pl.docx", ["Kèm theo Quyết định số 9010/QĐ-UBND"], rows)
    panel = screen.importer
    with qtbot.waitSignal(panel.problems_found):
        panel.preview_file(path)
    assert panel.decision_row.isVisibleTo(panel) and panel.effective_edit.text() == ""
    panel.effective_edit.setText("01/10/2025")
    with qtbot.waitSignal(panel.previewed):
        panel.reread_button.click()
    assert panel.confirm_button.isEnabled()


def test_a_leader_confirms_an_unverified_time_limit(
    screen: CatalogueScreen, station: Station, qtbot: QtBot
) -> None:
    screen.set_role("clerk")
    screen.filter_edit.setText("1.000419")
    screen.table.setCurrentCell(0, 0)
    assert not screen.confirm_button.isEnabled()  # a clerk may not
    screen.set_role("leader")
    assert screen.confirm_button.isEnabled()
    with qtbot.waitSignal(screen.time_confirmed):
        screen.confirm_time("1.000419", 3)
    assert _versions(station, "1.000419") == [1, 2]
    qtbot.waitUntil(lambda: "3 ngày làm việc" in screen.detail.toPlainText())
    assert "Lãnh đạo qt xác nhận" in screen.detail.toPlainText()
    assert not screen.confirm_button.isEnabled()  # nothing left to confirm


def test_a_decision_s_pause_grounds_are_previewed_with_their_phrase_then_shown(
    screen: CatalogueScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.decisions.test_decision_pause_grounds import FINANCIAL, land_decision

    panel = screen.importer
    path = land_decision(tmp_path / "qd.docx", split_time=f"12 ngày làm việc ({FINANCIAL})")
    with qtbot.waitSignal(panel.previewed) as previewed:
        panel.preview_file(path)
    row = [row.code for row in previewed.args[0].rows].index("1.012784")
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    cell = panel.table.item(row, headers.index("Căn cứ tạm dừng đọc được")).text()
    assert cell == f"Chờ thực hiện nghĩa vụ tài chính: «{FINANCIAL}» (cột Thời hạn giải quyết)"
    with qtbot.waitSignal(panel.imported):
        panel.confirm_button.click()
    screen.filter_edit.setText("1.012784")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    screen.table.setCurrentCell(0, 0)
    qtbot.waitUntil(lambda: "Chờ thực hiện nghĩa vụ tài chính" in screen.detail.toPlainText())
    assert FINANCIAL in screen.detail.toPlainText()  # the source names the phrase
    screen.filter_edit.setText("1.004884")
    screen.table.setCurrentCell(0, 0)
    assert "Không có: không được tạm dừng" in screen.detail.toPlainText()


def test_a_district_part_is_listed_as_set_aside_and_counted(
    screen: CatalogueScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.decisions.test_decision_pause_grounds import district_decision

    panel = screen.importer
    with qtbot.waitSignal(panel.previewed):
        panel.preview_file(district_decision(tmp_path / "cu.docx"))
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    change, notes = headers.index("Thay đổi"), headers.index("Ô không đọc được")
    rows = [
        (panel.table.item(r, 0).text(), panel.table.item(r, change).text())
        for r in range(panel.table.rowCount())
    ]
    # the district part's listing (2 rows) and abolition (1 row), then the commune's row
    assert rows == [
        ("2.000815", "Bỏ qua"),
        ("1.012819", "Bỏ qua"),
        ("2.000815", "Thay đổi"),
        ("2.000908", "Bỏ qua"),
    ]
    assert "cấp huyện" in panel.table.item(0, notes).text()
    assert "3 dòng bỏ qua, không nhập" in panel.summary_label.text()
