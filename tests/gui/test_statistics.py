"""The statistics screen on the hand-built March 2026 history: table, figures, charts, exports."""

from __future__ import annotations

import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.domain.statistics import Figures, Period, PeriodReport, Row
from counter_app.i18n import set_language
from counter_app.reports import COLUMNS
from counter_app.reports.xlsx import FIRST_DATA, column_of
from counter_app.services.user_types import UserInfo
from counter_app.services.users import create_user
from counter_app.station import Station
from counter_app.ui import statistics as statistics_ui
from counter_app.ui.main_window import MainWindow
from counter_app.ui.operations import Operations
from counter_app.ui.statistics import StatisticsScreen
from counter_app.ui.statistics_table import SIDE_FIGURES, ReportTable
from tests.printing import reading
from tests.reports.history import EXPECTED, EXPECTED_CU_TRU, EXPECTED_WEEKS, FIRST, LAST, build

WAIT = 20_000
TOTAL_ROW = 2  # Cư trú, Hộ tịch, then Tổng cộng


@pytest.fixture
def screen(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[StatisticsScreen]:
    """The statistics screen on the March history, set to March 2026, not yet shown."""
    build(station)
    widget = StatisticsScreen(station, ops, "lanhdao")
    widget.set_period(FIRST, LAST)
    qtbot.addWidget(widget)
    yield widget
    ops.wait(WAIT)


def _show(screen: StatisticsScreen, qtbot: QtBot) -> None:
    with (
        qtbot.waitSignal(screen.view_loaded, timeout=WAIT),
        qtbot.waitSignal(screen.charts_ready, timeout=WAIT),
    ):
        screen.show()


def _column(name: str) -> int:
    return 1 + [counter for _group, _head, counter in COLUMNS].index(name)


def test_table_figures_and_charts_of_march(screen: StatisticsScreen, qtbot: QtBot) -> None:
    _show(screen, qtbot)
    table = screen.table
    assert table.rowCount() == 3
    assert [table.cell_text(row, 0) for row in range(3)] == ["Cư trú", "Hộ tịch", "Tổng cộng"]
    for _group, _head, name in COLUMNS:
        assert table.cell_text(TOTAL_ROW, _column(name)) == str(EXPECTED[name]), name
    shown = {name for _group, _head, name in COLUMNS}
    for name, expected in EXPECTED_CU_TRU.items():
        if name in shown:  # "new" is the sum of the three channel columns
            assert table.cell_text(0, _column(name)) == str(expected), name
    rates = len(COLUMNS) + 1
    assert table.cell_text(TOTAL_ROW, rates) == "66,7"  # (2 early + 2 on time) / 6
    assert table.cell_text(TOTAL_ROW, rates + 1) == "12,5"  # 1 online of 8 new
    assert table.cell_text(1, rates) == "100,0"  # Hộ tịch: C on time
    side = {key: screen.side.values[key].text() for key, _title in SIDE_FIGURES}
    assert side == {
        "returned": "2", "returned_post": "1", "very_satisfied": "1", "satisfied": "1",
        "dissatisfied": "0", "satisfaction": "100,0", "apologies": "1",
        "digitised": "0", "digitisation_recorded": "0", "digitised_ratio": "–",  # none marked
    }  # fmt: skip
    drawing = screen.charts.drawing
    assert drawing is not None
    for label in (screen.charts.weeks_label, screen.charts.fields_label):  # drawn elsewhere
        assert label.pixmap().width() >= label.width() * 0.9
    assert drawing.received == [w[4] for w in EXPECTED_WEEKS]
    assert drawing.resolved == [w[5] for w in EXPECTED_WEEKS]
    assert drawing.field_labels == ["Cư trú", "Hộ tịch"]
    # Cư trú: 2 early + 1 on time of 5 resolved; Hộ tịch: 1 of 1
    assert drawing.rates == pytest.approx([60.0, 100.0])
    assert screen.period_label.text() == "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026"


def test_field_filter_shows_one_field(screen: StatisticsScreen, qtbot: QtBot) -> None:
    _show(screen, qtbot)
    qtbot.waitUntil(lambda: screen.field_combo.findData("Hộ tịch") >= 0, timeout=WAIT)
    with (
        qtbot.waitSignal(screen.view_loaded, timeout=WAIT),
        qtbot.waitSignal(screen.charts_ready, timeout=WAIT),
    ):
        screen.field_combo.setCurrentIndex(screen.field_combo.findData("Hộ tịch"))
    assert screen.table.rowCount() == 2
    assert screen.table.cell_text(1, _column("received")) == "1"
    assert screen.table.cell_text(1, _column("new_online")) == "1"
    assert screen.charts.drawing is not None
    assert screen.charts.drawing.received == [0, 1, 0, 0, 0, 0]


def test_a_period_ending_before_it_starts_runs_nothing(
    screen: StatisticsScreen, qtbot: QtBot, ops: Operations
) -> None:
    _show(screen, qtbot)
    ops.wait(WAIT)
    shown = screen.table.cell_text(TOTAL_ROW, _column("received"))
    screen.set_period(LAST, FIRST)
    with qtbot.assertNotEmitted(screen.view_loaded, wait=300):
        qtbot.mouseClick(screen.run_button, qt_api.QtCore.Qt.MouseButton.LeftButton)
        assert ops.pending == 0
    assert screen.message_label.text() == (
        "Ngày cuối kỳ (01/03/2026) không được trước ngày đầu kỳ (31/03/2026)."
    )
    assert screen.table.cell_text(TOTAL_ROW, _column("received")) == shown


def test_presets_fill_the_dates(screen: StatisticsScreen) -> None:
    screen.today = lambda: LAST.replace(month=5, day=20)
    screen.preset_combo.setCurrentIndex(screen.preset_combo.findData("last_month"))
    assert screen.period() == (FIRST.replace(month=4), FIRST.replace(month=4, day=30))
    assert not screen.from_edit.isEnabled()
    screen.preset_combo.setCurrentIndex(screen.preset_combo.findData("this_quarter"))
    assert screen.period() == (FIRST.replace(month=4), LAST.replace(month=5, day=20))


def test_exports_read_back(screen: StatisticsScreen, qtbot: QtBot, tmp_path: Path) -> None:
    _show(screen, qtbot)
    screen.ask_path = lambda suggested, _filter: str(tmp_path / suggested)
    with qtbot.waitSignal(screen.exported, timeout=WAIT) as blocker:
        qtbot.mouseClick(screen.xlsx_button, qt_api.QtCore.Qt.MouseButton.LeftButton)
    xlsx = tmp_path / "bao-cao-20260301-20260331.xlsx"
    assert blocker.args == [str(xlsx)]
    sheet = load_workbook(BytesIO(xlsx.read_bytes())).active
    assert sheet is not None
    total = FIRST_DATA + 2
    assert sheet.cell(total, 1).value == "Tổng cộng"
    for _group, _head, name in COLUMNS:
        letter = column_of(name)
        assert sheet[f"{letter}{total}"].value == f"=SUM({letter}{FIRST_DATA}:{letter}{total - 1})"
        assert (
            sheet[f"{letter}{FIRST_DATA}"].value + sheet[f"{letter}{total - 1}"].value
            == (EXPECTED[name])
        ), name

    pdf = tmp_path / "r.pdf"
    with qtbot.waitSignal(screen.exported, timeout=WAIT):
        screen.export_report(pdf, "pdf")
    text = reading.text(pdf.read_bytes())
    assert "BÁO CÁO TÌNH HÌNH" in text and "Tổng cộng" in text and "66,7" in text

    with qtbot.waitSignal(screen.exported, timeout=WAIT):
        qtbot.mouseClick(screen.register_button, qt_api.QtCore.Qt.MouseButton.LeftButton)
    book = tmp_path / "so-theo-doi-20260301-20260331.pdf"
    register = reading.text(book.read_bytes())
    # received in March: A B C D E G I J; returned: A and D
    assert "Tổng số hồ sơ: 8; đã trả kết quả: 2; chưa trả kết quả: 6." in register
    assert stat.S_IMODE(book.stat().st_mode) == 0o600  # it names the applicants: owner only


def test_the_pause_audit_of_the_period(screen: StatisticsScreen, qtbot: QtBot) -> None:
    # The March history pauses dossier D once: Wed 4/3 09:00 -> Fri 6/3 09:00 for
    # verification, 2 working days, due 12/3 (6 working days left): no pattern.
    _show(screen, qtbot)
    assert screen.pauses_button.isEnabled()
    dialog = screen.open_pause_audit()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.audit is not None, timeout=WAIT)
    assert dialog.rows.rowCount() == 1
    texts = [dialog.rows.item(0, column).text() for column in range(dialog.rows.columnCount())]
    assert texts[3:] == [
        "Thẩm tra, xác minh theo quy định của thủ tục",
        "1",
        "09:00 04/03/2026",
        "09:00 06/03/2026",
        "2",
        "",
    ]
    assert "1 lần tạm dừng, 0 lần có dấu hiệu" in dialog.summary.text()
    clerks = dialog.groups["by_clerk"]
    assert [clerks.item(0, column).text() for column in range(4)] == ["clerk", "1", "2", "0"]


def test_a_file_that_cannot_be_written(
    screen: StatisticsScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    _show(screen, qtbot)
    target = tmp_path / "no-such-folder" / "r.xlsx"
    with qtbot.waitSignal(screen.message_shown, timeout=WAIT, check_params_cb=_failed):
        screen.export_report(target, "xlsx")
    assert "Không ghi được tệp" in screen.message_label.text()
    assert not target.parent.exists()


def _failed(message: str) -> bool:
    return message.startswith("Không ghi được tệp")


def test_progress_shows_while_the_report_takes_long(
    screen: StatisticsScreen, qtbot: QtBot, ops: Operations, monkeypatch: pytest.MonkeyPatch
) -> None:
    _show(screen, qtbot)
    monkeypatch.setattr(statistics_ui, "PROGRESS_DELAY_MS", 50)
    release = threading.Event()
    ops.run_db(lambda: release.wait(WAIT / 1000))  # the database thread is busy elsewhere
    screen.refresh()
    qtbot.waitUntil(screen.progress.isVisible, timeout=WAIT)
    with qtbot.waitSignal(screen.view_loaded, timeout=WAIT):
        release.set()
    assert not screen.progress.isVisible()


def _window(qtbot: QtBot, station: Station, ops: Operations, role: str) -> MainWindow:
    with station.store.write() as db:
        user: UserInfo = create_user(
            db, username=role, full_name="Nguyễn Thị Lan", role=role, password="mat-khau-1"
        )
    window = MainWindow(station, ops, user)
    qtbot.addWidget(window)
    return window


def test_only_leaders_and_admins_see_the_screen(
    qtbot: QtBot, station: Station, ops: Operations
) -> None:
    clerk = _window(qtbot, station, ops, "clerk")
    index = clerk.tabs.indexOf(clerk.screens["statistics"])
    assert not clerk.tabs.isTabEnabled(index)
    assert "lãnh đạo" in clerk.tabs.tabToolTip(index)
    assert not clerk.actions_by_method["show_statistics"].isEnabled()
    clerk.show_statistics()
    assert clerk.tabs.currentWidget() is not clerk.screens["statistics"]
    leader = _window(qtbot, station, ops, "leader")
    assert leader.tabs.isTabEnabled(leader.tabs.indexOf(leader.screens["statistics"]))
    assert leader.actions_by_method["show_statistics"].isEnabled()
    leader.show()
    screen = leader.screens["statistics"]
    assert isinstance(screen, StatisticsScreen)
    with qtbot.waitSignal(screen.view_loaded, timeout=WAIT):
        leader.actions_by_method["show_statistics"].trigger()
    assert leader.tabs.currentWidget() is screen
    ops.wait(WAIT)


def _in_a_fresh_interpreter(code: str) -> str:
    """What ``code`` prints when run by a new Python from the repository's root."""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )  # fmt: skip
    return result.stdout.strip()


def test_the_screen_module_loads_no_export_library() -> None:
    code = (
        "import sys, counter_app.ui.statistics\n"
        "print(sorted(m for m in ('openpyxl', 'reportlab') if m in sys.modules))"
    )
    assert _in_a_fresh_interpreter(code) == "[]"


def test_the_rows_without_a_field_and_the_total_read_in_english(qtbot: QtBot) -> None:
    set_language("en")
    table = ReportTable()
    qtbot.addWidget(table)
    period = Period(FIRST, LAST)
    rows = [Row("", Figures(received=2)), Row("Hộ tịch", Figures(received=1))]
    table.show_report(PeriodReport(period, Figures(received=3), {"field": rows}))
    # a field's name is the catalogue's text and stays as it is
    assert [table.cell_text(row, 0) for row in range(3)] == ["(no field)", "Hộ tịch", "Total"]
