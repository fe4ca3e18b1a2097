"""What the screenshots showed wrong, kept right: marks not clipped, Vietnamese everywhere, fit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qt_compat import qt_api
from pytestqt.qtbot import QtBot

from counter_app.domain.lifecycle import EventType
from counter_app.station import Station
from counter_app.ui.dossier_view import STEPS_PER_ROW, DossierView, StepDialog
from counter_app.ui.elided_label import ElidedLabel
from counter_app.ui.fonts import draws_vietnamese, ensure_vietnamese_font
from counter_app.ui.login import LoginDialog
from counter_app.ui.main_window import MainWindow
from counter_app.ui.messages import TALLEST_LETTERS, room_for_marks
from counter_app.ui.operations import Operations
from counter_app.ui.reception import RefusalDialog
from tests.factories import request

W, G = qt_api.QtWidgets, qt_api.QtGui
OK, CANCEL = W.QDialogButtonBox.StandardButton.Ok, W.QDialogButtonBox.StandardButton.Cancel


@pytest.fixture
def view(qtbot: QtBot, station: Station, ops: Operations) -> Iterator[DossierView]:
    """An administrator's Dossier view."""
    shown = DossierView(station, ops, "an", role="admin")
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    ops.wait(10_000)


def test_a_one_line_label_leaves_room_above_capitals_with_stacked_marks(qtbot: QtBot) -> None:
    label = W.QLabel("NGUYỄN THỊ NGỌC HƯỞNG")
    qtbot.addWidget(label)
    room_for_marks(label)
    metrics = G.QFontMetrics(label.font())
    rise = -metrics.tightBoundingRect(TALLEST_LETTERS).top()
    assert label.contentsMargins().top() + metrics.ascent() >= rise
    assert label.sizeHint().height() >= rise + metrics.descent()


def test_screen_messages_have_that_room(window: MainWindow) -> None:
    window.reception.show_info("Đã đọc thẻ căn cước của NGUYỄN VĂN ĐỨC.")
    label = window.reception.message_label
    metrics = G.QFontMetrics(label.font())
    rise = -metrics.tightBoundingRect(TALLEST_LETTERS).top()
    assert label.contentsMargins().top() + metrics.ascent() >= rise


def test_the_application_font_draws_vietnamese(qtbot: QtBot) -> None:
    app = W.QApplication.instance()
    assert isinstance(app, W.QApplication)
    family = ensure_vietnamese_font(app)
    assert draws_vietnamese(app.font()) and family == app.font().family()


def test_fractional_scaling_is_not_rounded(qtbot: QtBot) -> None:
    """125 % stays 1.25: Qt 6's default policy, which the application relies on."""
    policy = G.QGuiApplication.highDpiScaleFactorRoundingPolicy()
    assert policy == qt_api.QtCore.Qt.HighDpiScaleFactorRoundingPolicy.PassThrough


def test_a_font_without_vietnamese_is_replaced_by_the_bundled_one(qtbot: QtBot) -> None:
    app = W.QApplication.instance()
    assert isinstance(app, W.QApplication)
    lacking = [f for f in G.QFontDatabase.families() if not draws_vietnamese(G.QFont(f))]
    assert lacking, "this machine has no font without Vietnamese to try (fonts-urw-base35)"
    before = app.font()
    try:
        app.setFont(G.QFont(lacking[0]))
        assert ensure_vietnamese_font(app) == "Liberation Serif"
        assert draws_vietnamese(app.font())
    finally:
        app.setFont(before)


def test_the_login_dialog_is_as_tall_as_its_login_page(
    qtbot: QtBot, station: Station, ops: Operations, clerk: object
) -> None:
    dialog = LoginDialog(station, ops)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.mode_decided):
        dialog.show()
    setup_page = dialog.pages.widget(1)
    assert setup_page is not None
    assert dialog.height() < setup_page.sizeHint().height()


def test_the_first_run_button_says_it_sets_the_station_up(qtbot: QtBot, tmp_path: Path) -> None:
    station, ops = Station(tmp_path), Operations()
    try:
        dialog = LoginDialog(station, ops)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.mode_decided):
            dialog.show()
        assert dialog.first_run and dialog.submit_button.text().startswith("Khởi tạo")
    finally:
        ops.wait()
        station.close()


def test_dialog_buttons_speak_vietnamese(view: DossierView, qtbot: QtBot, station: Station) -> None:
    refusal = RefusalDialog()
    qtbot.addWidget(refusal)
    code = station.receive(request(), actor="an").code
    with qtbot.waitSignal(view.page_loaded):
        view.open_code(code)
    view.ask_step(EventType.TRANSFERRED)
    step = view.step_dialog
    assert isinstance(step, StepDialog)
    for dialog in (refusal, step):
        box = dialog.findChild(W.QDialogButtonBox)
        assert box is not None
        texts = {box.button(OK).text(), box.button(CANCEL).text()}
        assert not texts & {"OK", "&OK", "Cancel", "&Cancel"}, texts
    step.reject()


def test_dossier_facts_are_in_vietnamese_and_day_first(
    view: DossierView, qtbot: QtBot, station: Station
) -> None:
    code = station.receive(request(), actor="an").code
    with qtbot.waitSignal(view.page_loaded):
        view.open_code(code)
    text = view.facts_label.text()
    assert "Ngày sinh: 17/05/1990" in text
    assert "Kênh nộp: Trực tiếp; hình thức trả: Tại quầy" in text
    assert "direct" not in text and "counter" not in text


def test_steps_are_laid_out_a_few_to_a_row(
    view: DossierView, qtbot: QtBot, station: Station
) -> None:
    code = station.receive(request(), actor="an").code
    with qtbot.waitSignal(view.page_loaded):
        view.open_code(code)
    offered = [b for b in view.step_buttons.values() if not b.isHidden()]
    assert len(offered) > STEPS_PER_ROW  # else the test shows nothing
    rows = {view.steps_grid.getItemPosition(view.steps_grid.indexOf(b))[0] for b in offered}
    assert rows == set(range(-(-len(offered) // STEPS_PER_ROW)))
    assert all(b.isVisibleTo(view) for b in offered)


def test_a_locked_window_disables_its_search_box(window: MainWindow, qtbot: QtBot) -> None:
    window.lock()
    assert not window.search_edit.isEnabled() and not window.menuBar().isEnabled()
    dialog = window.lock_dialog
    assert dialog is not None
    dialog.logged_in.emit(window.user)
    assert window.search_edit.isEnabled() and window.menuBar().isEnabled()


def test_the_status_bar_fits_1366_pixels_at_125_percent(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1093, 550)
    qtbot.waitUntil(lambda: window.station_label.text() != "")
    window.station_label.setText(
        "Trung tâm Phục vụ hành chính công xã Quảng Hưng, tỉnh Thanh Hóa — Quầy tiếp nhận số 1"
    )
    window.user_label.setText("Cán bộ: Nguyễn Thị Ngọc Hưởng (nguyenthingochuong)")
    qtbot.wait(50)
    bar = window.statusBar()
    assert bar.width() <= 1093
    labels = [label for label in bar.findChildren(W.QLabel) if label.isVisible()]
    assert window.station_label in labels and window.clock_label in labels
    for label in labels:
        assert label.geometry().right() < bar.width()
        if isinstance(label, ElidedLabel):  # shortened with "…", the whole text in its tooltip
            shown = label.shown_text()
            assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
            assert label.toolTip() == label.text()
        else:  # never cut
            assert label.width() >= label.sizeHint().width(), label.text()
    assert window.station_label.shown_text().endswith("…")


def test_a_status_message_takes_the_room_of_who_and_where(window: MainWindow, qtbot: QtBot) -> None:
    window.statusBar().showMessage("Tìm thấy 3 hồ sơ.")
    assert not window.user_label.isVisible() and not window.station_label.isVisible()
    window.statusBar().clearMessage()
    assert window.user_label.isVisible() and window.station_label.isVisible()


def test_the_agency_is_in_the_title_bar_and_the_status_bar_names_the_counter(
    window: MainWindow, station: Station, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: window.station_label.text() != "")
    identity = station.identity
    assert identity is not None
    assert window.windowTitle() == f"Bộ phận tiếp nhận và trả kết quả — {identity.agency_name}"
    assert window.station_label.text() == identity.station_name
    assert identity.agency_name in window.station_label.toolTip()
