"""Every screen at 1366×768, 100 % and 125 %: the window fits, every action is in view.

Screenshots of each screen, as it opens and in use, go to SHOTS/<percent>/ (see conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop.conftest import DEMO_PASSWORD, Launch
from tests.desktop.driver import App

SCREENS = (
    "reception",
    "results",
    "dossier",
    "due",
    "search",
    "catalogue",
    "settings",
    "statistics",
)


def assert_in_view(app: App, what: str) -> None:
    """Every button and tab of the active window and the status bar wholly on screen."""
    cut = [b["text"] for b in app.ask("buttons()") if not b["whole"]]
    assert not cut, f"{what} at {app.scale:.0%}: buttons out of view: {cut}"
    assert app.ask("whole(window().statusBar())"), f"{what}: the status bar is off screen"
    bar = "window().tabs.tabBar()"
    hidden = app.ask(
        f"[{bar}.tabText(i) for i in range({bar}.count())"
        f" if {bar}.tabRect(i).right() >= {bar}.width()]"
    )
    assert not hidden, f"{what} at {app.scale:.0%}: tabs behind the arrows: {hidden}"


@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_every_screen_fits_the_screen_with_its_actions_in_view(
    launch: Launch, scale: float
) -> None:
    app = launch("quantri", scale=scale)  # the administrator opens every screen
    frame = app.ask("window().frameGeometry().getRect()")
    x, y, width, height = app.ask("window().screen().availableGeometry().getRect()")
    assert frame[0] >= x and frame[1] >= y, frame
    assert frame[0] + frame[2] <= x + width and frame[1] + frame[3] <= y + height, frame
    for index, key in enumerate(SCREENS, start=1):
        app.key(f"ctrl+{index}")
        app.wait(f"window().tabs.currentIndex() == {index - 1}")
        app.shot(f"screen-{key}")
        assert_in_view(app, key)
    table = "window().catalogue.table"  # a procedure's name is what the clerk looks for
    names, room = app.ask(f"[{table}.columnWidth(1), {table}.viewport().width()]")
    assert names >= room // 3, f"the catalogue's names get {names} of {room} pixels"


@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_screens_in_use_keep_their_actions_in_view(launch: Launch, scale: float) -> None:
    app = launch("quantri", scale=scale)
    app.click("window().reception.procedure_edit")
    app.type("khai sinh")
    app.key("Return")
    app.wait("window().reception.checklist.rowCount() > 0")
    app.shot("reception-procedure-chosen")
    assert_in_view(app, "reception with a procedure")
    checklist = "window().reception.checklist"
    assert not app.ask(f"{checklist}.horizontalScrollBar().isVisible()"), (
        "documents scroll sideways"
    )
    names, room = app.ask(f"[{checklist}.columnWidth(1), {checklist}.viewport().width()]")
    assert names >= room // 4, f"the documents' names get {names} of {room} pixels"

    resolved = app.ask("codes('resolved', 1)")[0]
    app.key("ctrl+2")
    app.wait("window().tabs.currentIndex() == 1")
    app.settle()
    app.scan(resolved)
    app.wait("window().results.return_box.isVisible()")
    app.shot("results-resolved-dossier")
    assert_in_view(app, "results with a resolved dossier")

    in_progress = app.ask("codes('in_progress', 1)")[0]
    app.key("ctrl+3")
    app.wait("window().tabs.currentIndex() == 2")
    app.settle()
    app.scan(in_progress)
    app.wait(f"shown_dossier() == '{in_progress}'")
    app.shot("dossier-in-progress")
    assert_in_view(app, "a dossier in progress")
    timeline = "window().dossier_view.timeline"
    shown = app.ask(f"shown_rect({timeline}).height()")
    first = app.ask(f"{timeline}.horizontalHeader().height() + {timeline}.rowHeight(0)")
    assert shown >= first, "the timeline's first event is below the screen's edge"

    app.key("ctrl+8")
    app.wait("window().screens['statistics'].view is not None", 60)
    app.shot("statistics-report")
    assert_in_view(app, "statistics with a report")


@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_the_first_starts_notice_fits_the_screen_and_esc_leaves_it_for_later(
    launch: Launch, first_start_dir: Path, scale: float
) -> None:
    """Law 91/2025: the administrator adapts the notice of processing at the first start;
    on a 1366×768 laptop its «Lưu» and «Để sau» must be on screen."""
    app = launch(None, scale=scale, data_dir=first_start_dir)
    app.wait("active() is not None and type(active()).__name__ == 'LoginDialog'", 30)
    app.type("quantri")
    app.key("Tab")
    app.type(DEMO_PASSWORD)
    app.key("Return")
    app.wait("active() is not None and type(active()).__name__ == 'NoticeDialog'", 30)
    app.shot("first-start-notice")
    dialog = app.ask("active().frameGeometry().getRect()")
    x, y, width, height = app.ask("active().screen().availableGeometry().getRect()")
    assert dialog[0] >= x and dialog[1] >= y, dialog
    assert dialog[0] + dialog[2] <= x + width and dialog[1] + dialog[3] <= y + height, dialog
    shown = {b["text"] for b in app.ask("buttons()") if b["whole"]}
    assert {"Lưu", "Để sau (Esc)"} <= shown, shown
    app.key("Escape")
    app.wait("window() is not None and window().isActiveWindow()", 30)
