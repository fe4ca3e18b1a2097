"""Every state a citizen can meet, read from the page with and without the last 4 digits.

A real station receives and steps the dossiers and syncs them to the server; the page is asked
for each code as the slip's QR opens it, then with the ID number's and the phone's last digits.
Expected words come from the issue's list of states and the forms' wording, not from the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counter_app.station import Station
from counter_server.lookup.tallies import Quotas
from tests.lookup.citizens import (
    COLLECTOR,
    ID_DIGITS,
    MISSING,
    PHONE_DIGITS,
    REASONS,
    Seeded,
    every_state,
    publish_procedures,
)
from tests.lookup.pages import details, look, main_text, personal_in
from tests.sync.helpers import no_wait

CENTRE = "UBND phường Quảng Hưng"
UNMATCHED = "Không xem được chi tiết: mã hồ sơ hoặc 4 số cuối chưa đúng."

# what the page says of each dossier: the status, and a phrase only the digits reveal
EXPECTED: dict[str, tuple[str, str | None]] = {
    "received": ("Đã tiếp nhận", None),
    "in_progress": ("Đang giải quyết", None),
    "supplement": ("Cần bổ sung hồ sơ", MISSING),
    "resolved": ("Đã có kết quả — mời đến nhận", None),
    "by_post": ("Đã có kết quả — mời đến nhận", None),
    "returned": ("Đã trả kết quả", f"Người nhận kết quả: {COLLECTOR}"),
    "overdue": ("Quá hạn", None),
    "overdue_apologised": ("Quá hạn", None),
    "refused": ("Không tiếp nhận hồ sơ", REASONS["refused"]),  # type: ignore[index]
    "withdrawn": ("Đã rút hồ sơ", REASONS["withdrawn"]),  # type: ignore[index]
    "stopped": ("Dừng giải quyết", REASONS["stopped"]),  # type: ignore[index]
}


@pytest.fixture
def seeded(
    enrolled: Callable[[int], Station], client: TestClient, app: FastAPI, database_url: str
) -> Iterator[Seeded]:
    """The station's dossiers in every state, synced; quotas out of the way of these reads."""
    app.state.lookup_quotas = Quotas(per_client=10_000, overall=10_000, digits_per_code=10_000)
    publish_procedures(client, database_url)
    station = enrolled(1)
    codes = every_state(station)
    station.sync_once(http=client, policy=no_wait())
    yield codes


def test_every_state_in_plain_words_and_nothing_personal_without_the_digits(
    seeded: Seeded, client: TestClient
) -> None:
    for name, (status, secret) in EXPECTED.items():
        page = look(client, seeded[name])
        assert page.status_code == 200, name
        text = main_text(page.text)
        assert status in text, name
        assert "Đăng ký thường trú" in text, name  # the procedure's name
        assert personal_in(page.text) == [], name
        if secret is not None:
            assert secret not in page.text, name
            assert "4 số cuối" in text, name  # the page offers the details
        for digits in (ID_DIGITS, PHONE_DIGITS):
            shown = main_text(details(client, seeded[name], digits).text)
            assert status in shown, name
            assert secret is None or secret in shown, name
            assert UNMATCHED not in shown, name


def test_the_collection_place_and_the_centre(seeded: Seeded, client: TestClient) -> None:
    counter = main_text(look(client, seeded["resolved"]).text)
    assert f"Nơi nhận kết quả Tại Bộ phận Tiếp nhận và Trả kết quả, {CENTRE}" in counter
    assert "Mời ông/bà mang giấy hẹn và giấy tờ tùy thân đến nhận kết quả." in counter
    post = main_text(look(client, seeded["by_post"]).text)
    assert "Nơi nhận kết quả Gửi qua dịch vụ bưu chính đến địa chỉ đã đăng ký" in post
    assert "Kết quả đã có và sẽ được gửi qua dịch vụ bưu chính." in post


def test_a_late_dossier_shows_the_apology_letters_new_date(
    seeded: Seeded, client: TestClient
) -> None:
    apologised = main_text(look(client, seeded["overdue_apologised"]).text)
    assert "Ngày hẹn trả mới (theo văn bản xin lỗi) 16:00 ngày 15/06/2027" in apologised
    late = main_text(look(client, seeded["overdue"]).text)
    assert "sẽ gửi văn bản xin lỗi và hẹn lại ngày trả kết quả" in late
    assert "Ngày hẹn trả mới" not in late


def test_the_missing_documents_after_the_digits(seeded: Seeded, client: TestClient) -> None:
    shown = main_text(details(client, seeded["supplement"], ID_DIGITS).text)
    assert f"Giấy tờ cần bổ sung: {MISSING} — Bản sao, số lượng 1" in shown
    assert f"Lý do: {REASONS['supplement']}" in shown  # type: ignore[index]


def test_wrong_digits_and_an_unknown_code_get_one_answer(
    seeded: Seeded, client: TestClient
) -> None:
    wrong = details(client, seeded["supplement"], "0000")
    never = details(client, seeded["supplement"][:-4] + "0999", "0000")
    assert UNMATCHED in main_text(wrong.text) and UNMATCHED in main_text(never.text)
    assert MISSING not in wrong.text
    assert personal_in(wrong.text) == [] and personal_in(never.text) == []
    assert details(client, seeded["supplement"], "12a4").status_code == 200
    assert "Hãy nhập đúng 4 chữ số." in main_text(
        details(client, seeded["supplement"], "12a4").text
    )


def test_english_on_request(seeded: Seeded, client: TestClient) -> None:
    page = look(client, seeded["supplement"], lang="en")
    assert '<html lang="en">' in page.text
    text = main_text(page.text)
    assert "Documents needed" in text and "Where to collect the result" in text
    shown = main_text(details(client, seeded["supplement"], PHONE_DIGITS, lang="en").text)
    assert f"Documents to add: {MISSING} — Copy, quantity 1" in shown
    assert 'href="/tra-cuu?ma=' in look(client, seeded["received"]).text  # the switch back
