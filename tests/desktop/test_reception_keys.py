"""A typical reception with a card scan, counted key by key, and what saves the keys.

The applicant came before (the station knows their ID number, address and phone) and asks for
the procedure this counter received last. From «Tiếp nhận mới» (F2) to the slip: the scan, Enter
on the first procedure offered, F4 for the documents, Enter to accept.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.desktop.conftest import Launch, counter_app

TYPICAL_MAX_KEYS = 10
CARD = (
    "038090012345|123456789|TRẦN VĂN THỬ|17051990|Nam|"
    "Số 12, đường Lê Lai, phường Hạc Thành, tỉnh Thanh Hóa|01032022"
)
PERSON = {
    "name": "Trần Văn Thử",
    "id_number": "038090012345",
    "dob": "1990-05-17",
    "sex": "Nam",
    "address": "Số 7, ngõ 3, phố Hàng Than, phường Hạc Thành",
    "phone": "0912 000 222",
}
CERTIFY = "2.000815"  # Chứng thực bản sao từ bản chính: the applicant's earlier, open dossier
MARITAL = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: the counter's last procedure
NEIGHBOUR = PERSON | {"name": "Lê Thị Láng Giềng", "id_number": "038190054321", "sex": "Nữ"}


def _history(demo_dir: Path) -> None:
    """The applicant's earlier dossier, then a neighbour's: the counter's latest procedure."""
    for person, procedure in ((PERSON, CERTIFY), (NEIGHBOUR, MARITAL)):
        item = {"applicant": person, "procedure": procedure, "documents": "all"}
        path = demo_dir / f"{procedure}.json"
        path.write_text(json.dumps(item, ensure_ascii=False))
        counter_app(demo_dir, "receive", str(path))


def test_a_typical_reception_with_a_card_scan_takes_at_most_ten_keys(
    launch: Launch, demo_dir: Path
) -> None:
    _history(demo_dir)
    app = launch()
    saved = "window().reception.result_label.text().startswith('Đã tiếp nhận')"
    app.key("F2")
    app.scan(CARD)
    app.wait("window().reception.procedure_edit.hasFocus()")  # the phone came from before
    assert app.ask("window().reception.phone_edit.text()") == "0912000222"
    assert app.ask("window().reception.address_edit.text()").startswith("Số 12, đường Lê Lai")
    app.shot("reception-returning-applicant")
    app.key("Return")  # the counter's last procedure, first in the list
    app.wait("window().reception.checklist.rowCount() > 0")
    assert app.ask("window().reception.picker.entry.spec.code") == MARITAL
    assert not app.ask("window().reception.duplicate.isVisible()")
    app.key("F4", "Return")
    app.wait(saved, 30)
    app.shot("reception-typical-saved")
    print(f"keystrokes from «Tiếp nhận mới» to the slip, with a card scan: {app.keys}")
    assert app.keys <= TYPICAL_MAX_KEYS
    assert app.keys == 4  # F2, Enter, F4, Enter


def test_an_open_dossier_of_the_same_procedure_is_shown_one_key_away(
    launch: Launch, demo_dir: Path
) -> None:
    _history(demo_dir)
    app = launch()
    app.key("F2")
    app.scan(CARD)
    app.wait("window().reception.procedure_edit.hasFocus()")
    app.type("chung thuc ban sao tu ban chinh")
    app.key("Return")
    app.wait("window().reception.duplicate.isVisible()")
    warning = app.ask("window().reception.duplicate.label.text()")
    assert warning.startswith("Công dân này đang có hồ sơ") and "chưa trả kết quả" in warning
    earlier = app.ask("window().reception.duplicate.code")
    assert earlier in warning and CERTIFY in warning
    app.shot("reception-duplicate-warning")
    assert app.ask("whole(window().reception.duplicate.button)")
    app.key("F7")
    app.wait(f"shown_dossier() == '{earlier}'")
    app.key("ctrl+1")  # back: the clerk decides to receive it all the same
    app.wait("window().tabs.currentIndex() == 0")
    app.key("F4", "ctrl+Return")
    app.wait("window().reception.result_label.text().startswith('Đã tiếp nhận')", 30)
