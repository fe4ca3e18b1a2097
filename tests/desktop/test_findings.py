"""What a clerk's day in a real window found (issue 16), each reproduced with real keystrokes.

Every test starts a demo station's window, logs in as the demo clerk and works the way a clerk
does: typing, Tab, Enter, the function keys and a scanner.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.desktop.conftest import Launch, counter_app
from tests.desktop.driver import App

CARD = (
    "038090012345|123456789|NGUYỄN VĂN THỬ|17051990|Nam|"
    "Số 12, đường Lê Lai, phường Hạc Thành, tỉnh Thanh Hóa|01032022"
)
BIRTH = "1.001193"  # Đăng ký khai sinh


def receive_typed(app: App, name: str, id_number: str, procedure: str = "khai sinh") -> None:
    """A complete reception typed from «Tiếp nhận mới» (F2) to «Tiếp nhận» (Ctrl+Enter)."""
    app.key("F2")
    app.wait("focus()['class'] == 'QLineEdit'")
    app.type(name)
    app.key("Tab")
    app.type(id_number)
    app.key("Tab")
    app.type("17/05/1990")
    app.key("Tab", "Tab")
    app.type("12 Le Lai, Hac Thanh")
    app.key("Tab")
    app.type("0912345678")
    app.key("Tab", "Tab")
    app.type(procedure)
    app.key("Return")
    app.wait("window().reception.checklist.rowCount() > 0")
    app.key("F4", "ctrl+Return")


def message(app: App) -> str:
    """The Reception screen's message line."""
    return str(app.ask("window().reception.message_label.text()"))


# -- 2. a message belongs to the action that caused it -------------------------------------------


def test_the_last_dossiers_banner_goes_when_the_next_dossier_is_worked(launch: Launch) -> None:
    app = launch()
    receive_typed(app, "Tran Van Mot", "038090012345")
    app.wait("window().reception.result_label.text().startswith('Đã tiếp nhận')")
    app.key("F2")
    app.type("Tran Van Hai")
    app.key("ctrl+Return")  # no procedure yet: an error
    app.wait("window().reception.message_label.text() != ''")
    app.shot("stale-banner-next-dossier")
    assert not app.ask("window().reception.result_label.isVisible()") or not app.ask(
        "window().reception.result_label.text()"
    ), "the previous dossier's green banner is still shown under the new errors"


def test_a_wrong_password_is_forgotten_once_logged_in(launch: Launch) -> None:
    app = launch(user=None)
    app.wait("active() is not None and type(active()).__name__ == 'LoginDialog'", 30)
    app.type("canbo")
    app.key("Tab")
    app.type("sai-mat-khau")
    app.key("Return")
    app.wait("'không đúng' in ' '.join(texts(active()))")
    app.type("demo-2026")
    app.key("Return")
    app.wait("window() is not None and window().isActiveWindow()", 30)
    app.settle()
    assert app.ask("status()") == "", app.ask("status()")


def test_a_good_scan_clears_the_bad_scans_error(launch: Launch) -> None:
    app = launch()
    app.scan("XYZ-NOT-A-CARD-12345")
    app.wait("status() != ''")
    app.scan(CARD)
    app.wait("window().reception.id_edit.text() == '038090012345'")
    app.settle()
    assert "không hợp lệ" not in app.ask("status()")
    assert "không hợp lệ" not in message(app)


def test_the_waiting_count_follows_new_dossiers_without_f9(launch: Launch) -> None:
    app = launch()
    before = int(re.sub(r"\D", "", app.ask("window().sync_status.waiting_label.text()")))
    receive_typed(app, "Tran Van Mot", "038090012345")
    app.wait("window().reception.result_label.text().startswith('Đã tiếp nhận')")
    app.settle()
    after = int(re.sub(r"\D", "", app.ask("window().sync_status.waiting_label.text()")))
    assert after > before, (before, after)


# -- 3. each screen's shortcut puts the cursor where its work starts ------------------------------


def test_screen_shortcuts_put_the_focus_where_the_work_starts(launch: Launch) -> None:
    app = launch()
    app.key("ctrl+f")  # the toolbar's search box, as in the issue
    app.key("ctrl+2")
    app.wait("focus() is not None and focus()['class'] == 'QLineEdit'")
    assert app.ask("window().results.code_edit.hasFocus()")
    app.key("ctrl+f", "ctrl+5")
    app.wait("window().search_screen.query_edit.hasFocus()")
    app.key("ctrl+f", "ctrl+4")
    app.wait("window().due_board.rows")
    app.wait("window().due_board.table.hasFocus()")
    first = app.ask("window().due_board.rows[0].code")
    app.key("Return")
    app.wait(f"shown_dossier() == '{first}'")


# -- 4. procedures by name ------------------------------------------------------------------------


def test_procedures_show_their_names_beside_their_codes(launch: Launch) -> None:
    app = launch()
    app.key("ctrl+4")
    app.wait("window().due_board.rows")
    row = app.ask("window().due_board.model._cells(window().due_board.rows[0])")
    code = app.ask("window().due_board.rows[0].procedure_code")
    procedure = row[3]
    assert code in procedure and len(procedure) > len(code) + 5, procedure
    app.shot("due-board-procedure-names")

    first = app.ask("window().due_board.rows[0].code")
    app.key("Return")
    app.wait(f"shown_dossier() == '{first}'")
    facts = app.ask("window().dossier_view.facts_label.text()")
    line = next(line for line in facts.splitlines() if line.startswith("Thủ tục"))
    assert code in line and len(line) > len(f"Thủ tục: {code}") + 5, line

    resolved = app.ask("codes('resolved', 1)")[0]
    app.key("ctrl+2")
    app.wait("window().tabs.currentIndex() == 1")
    app.scan(resolved)
    app.wait("window().results.facts is not None")
    shown = app.ask("window().results.info_labels['procedure'].text()")
    assert len(shown) > len(code) + 5 and "(" in shown, shown
    app.shot("results-procedure-name")


# -- 5. printing ----------------------------------------------------------------------------------


def test_a_failed_print_says_so_once_and_offers_the_reprint_there(
    launch: Launch, demo_dir: Path
) -> None:
    counter_app(demo_dir, "settings", "set", "printer", "May-in-da-rut-day")
    app = launch()
    receive_typed(app, "Tran Van Mot", "038090012345")
    offer = "window().reception.print_offer"
    app.wait(f"{offer}.isVisible()", 60)
    said = app.ask(f"{offer}.label.text()")
    app.shot("print-failed-reception")
    assert said.count("lưu") == 1 and "May-in-da-rut-day" in said, said
    assert "Cài đặt" not in said and message(app) == "", (said, message(app))
    reprint = app.ask(f"{offer}.button.text()")
    assert app.ask(f"whole({offer}.button)"), "the reprint button is out of view"
    key = re.search(r"\((F\d+)\)", reprint)
    assert key is not None, reprint
    app.key(key.group(1))
    app.wait(f"{offer}.attempts == 1", 60)
    code = app.ask(f"{offer}.request.code")
    app.key("ctrl+3")
    app.scan(code)
    app.wait(f"shown_dossier() == '{code}'")
    timeline = app.ask(
        "[window().dossier_view.timeline.item(r, 1).text()"
        " for r in range(window().dossier_view.timeline.rowCount())]"
    )
    printed = [line for line in timeline if line.startswith("In")]
    assert len(printed) == 2 and all("May-in-da-rut-day" in line for line in printed), timeline
    app.shot("print-failed-timeline")


# -- 6. errors name their field; a search that finds nothing says so -----------------------------


def test_an_empty_name_is_named_and_a_fruitless_procedure_search_says_so(launch: Launch) -> None:
    app = launch()
    app.click("window().reception.procedure_edit")
    app.type("khai sinh")
    app.key("Return", "F4", "ctrl+Return")  # a procedure and its papers, but no name
    app.wait("window().reception.message_label.text() != ''")
    assert "Họ và tên" in message(app), message(app)
    app.click("window().reception.procedure_edit")
    app.type("xqzw thu tuc khong co")
    app.wait("'không tìm thấy' in window().reception.picker.note.text().lower()")
    assert app.ask("window().reception.picker.note.isVisible()")
    app.shot("procedure-search-nothing-found")


# -- 7. what is shown is what was searched --------------------------------------------------------


def test_the_toolbar_search_shows_its_results_with_the_filters_it_used(
    launch: Launch, demo_dir: Path
) -> None:
    person = {"name": "Hà Văn Thử", "id_number": "038090054321", "dob": "1990-05-17"}
    person |= {"sex": "Nam", "address": "Số 3, phường Hạc Thành", "phone": "0912000111"}
    dossiers = [{"applicant": person, "procedure": BIRTH, "documents": "all"}] * 2
    (demo_dir / "two.json").write_text(json.dumps(dossiers, ensure_ascii=False))
    counter_app(demo_dir, "receive", str(demo_dir / "two.json"))
    app = launch()
    app.key("ctrl+5")
    app.wait("window().search_screen.query_edit.hasFocus()")
    app.key("Tab")  # the state filter: down to «Đã có kết quả»
    app.key(*["Down"] * app.ask("window().search_screen.state_combo.findData('resolved')"))
    app.key("Return")
    app.wait("window().search_screen.rows")
    app.key("ctrl+f")
    app.type("ha van thu")
    app.key("Return")
    app.wait("len(window().search_screen.rows) == 2")
    app.shot("toolbar-search-on-search-screen")
    assert app.ask("window().search_screen.state_combo.currentData()") is None
    app.key("ctrl+5", "Return")
    app.settle()
    assert len(app.ask("window().search_screen.rows")) == 2


# -- 8. the small ones ----------------------------------------------------------------------------


def test_reconciliation_headers_are_whole(launch: Launch) -> None:
    app = launch()
    app.key("ctrl+F9")
    app.wait("type(active()).__name__ == 'ReconciliationDialog' and active().loaded")
    app.shot("reconciliation")
    assert app.ask("clipped_headers(active())") == []


def test_f9_offline_says_why(launch: Launch) -> None:
    app = launch()
    app.key("F9")
    app.wait("not window().sync_status.running")
    app.wait("status() != ''")
    assert "máy chủ" in app.ask("status()").lower(), app.ask("status()")


def test_late_dossiers_never_say_zero_days_late(launch: Launch) -> None:
    app = launch()
    app.key("ctrl+4")
    app.wait("window().due_board.rows")
    cells = app.ask(
        "[window().due_board.model._cells(r) for r in window().due_board.rows if r.group == 'late']"
    )
    assert cells and all(cell[0] != "Quá hạn" and " 0 " not in cell[0] for cell in cells), cells
