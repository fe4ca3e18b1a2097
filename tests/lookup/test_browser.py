"""The lookup page in a real browser: Debian's headless Chromium at 360×640, driven by Selenium.

One server runs for the module as it is deployed (uvicorn, access log on, its output in a file),
on loopback behind which each "phone" gives its own address. A real station enrols with it over
HTTP, receives and steps dossiers into every state the page tells apart, prints a slip and syncs.
The phone opens the slip's QR, reads the state, types the last 4 digits, and each page is kept
as a screenshot; axe-core checks WCAG 2.1 A and AA on every kind of page.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend

from counter_app.printing.forms import render
from counter_app.printing.model import DossierSheet, FormKind
from counter_app.station import Station
from counter_server.cli import agency, enrol
from tests.conftest import AGENCY_CODE, copy_store
from tests.faults.server import ServerProcess
from tests.lookup.browser import Phone, chromium, screenshot_folder
from tests.lookup.citizens import (
    COLLECTOR,
    ID_DIGITS,
    MISSING,
    PERSONAL,
    PHONE_DIGITS,
    REASONS,
    Seeded,
    citizen_request,
    every_state,
    publish_procedures,
)
from tests.printing import reading
from tests.sync.helpers import no_wait

QUOTA = 40  # lookups per caller per minute on this server
UNMATCHED = "Không xem được chi tiết: mã hồ sơ hoặc 4 số cuối chưa đúng."
PENDING = "Hồ sơ chưa được cập nhật lên hệ thống, vui lòng thử lại sau."
CENTRE = "Trung tâm Phục vụ hành chính công phường Quảng Hưng"

# the state shown, and what only the digits reveal (None: a state with nothing personal)
STATES: dict[str, tuple[str, str | None]] = {
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


@dataclass
class Site:
    """The running server; the station, its synced dossiers, and a slip printed but not synced."""

    server: ServerProcess
    station: Station
    seeded: Seeded
    slip_code: str
    slip_qr: str


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, template_dir: Path, secret_backend: KeyringBackend
) -> Iterator[Site]:
    """The server on an SQLite file, and a station enrolled with it over HTTP."""
    folder = tmp_path_factory.mktemp("lookup-site")
    database_url = f"sqlite:///{folder / 'server.sqlite3'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COUNTER_LOOKUP_PER_CLIENT", str(QUOTA))
        server = ServerProcess(database_url, log_level="info").start()
    previous = keyring.get_keyring()
    keyring.set_keyring(secret_backend)
    station = Station(copy_store(template_dir, folder / "station"))
    try:
        code = _quietly(enrol, database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
        _quietly(agency, database_url, AGENCY_CODE, CENTRE, "Số 2 đường Trung Tâm", "1022")
        with httpx.Client(base_url=server.url) as http:
            publish_procedures(http, database_url)
        station.enrol(server.url, code)
        seeded = every_state(station)
        station.sync_once(policy=no_wait())
        now = datetime.now(UTC)  # this one stays on the counter until a test syncs it
        slip_code = station.receive(citizen_request(now), actor="clerk", now=now).code
        sheet = station.sheet(FormKind.SLIP, slip_code, actor="clerk", via="gui")
        assert isinstance(sheet, DossierSheet)
        [qr] = reading.codes(render(FormKind.SLIP, sheet))["QRCode"]  # as a phone reads it
        yield Site(server, station, seeded, slip_code, qr)
    finally:
        station.close()
        keyring.set_keyring(previous)
        server.stop()


def _quietly(function: Any, *args: Any) -> Any:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return function(*args)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this module's screenshots go."""
    return screenshot_folder(tmp_path_factory.mktemp("lookup-screenshots"))


_addresses = itertools.count(1)


@pytest.fixture
def phone(browser: Any, site: Site, shots: Path) -> Phone:
    """The browser as a phone of an address of its own (one per test: quotas stay apart)."""
    return Phone(browser, site.server.url, shots).from_address(f"198.51.100.{next(_addresses)}")


def test_every_state_read_on_a_phone_then_with_the_digits(phone: Phone, site: Site) -> None:
    for number, (name, (status, secret)) in enumerate(STATES.items()):
        code = site.seeded[name]
        phone.from_address(f"203.0.113.{number + 1}").open(f"/tra-cuu?ma={code}")
        assert phone.text(".status") == status, name
        shown = phone.text()
        assert "Đăng ký thường trú" in shown, name
        assert [value for value in PERSONAL if value in phone.source()] == [], name
        assert "<!--" not in phone.source(), name
        phone.screenshot(f"state-{name}")
        if secret is None:
            assert phone.count("#so") == 0, name  # nothing personal to open
            continue
        assert secret not in shown, name
        digits = ID_DIGITS if number % 2 else PHONE_DIGITS
        phone.type_into("so", digits)
        assert phone.text(".status") == status, name
        assert secret in phone.text(), name
        phone.screenshot(f"state-{name}-details")


def test_the_slips_qr_says_not_yet_updated_then_shows_the_dossier(phone: Phone, site: Site) -> None:
    assert site.slip_qr == f"{site.server.url}/tra-cuu?ma={site.slip_code}"
    phone.open(site.slip_qr)
    assert PENDING in phone.text()
    phone.screenshot("slip-not-yet-synced")
    site.station.sync_once(policy=no_wait())
    phone.open(site.slip_qr)
    assert phone.text(".status") == "Đã tiếp nhận"
    assert f"Hồ sơ {site.slip_code}" in phone.text("h1")
    phone.screenshot("slip-synced")


def test_a_code_typed_in_the_form(phone: Phone, site: Site) -> None:
    phone.open("/tra-cuu")
    phone.screenshot("form")
    phone.type_into("ma", site.seeded["in_progress"].lower().replace("-", " - "))
    assert phone.text(".status") == "Đang giải quyết"


def test_an_unknown_code_and_wrong_digits_are_answered_alike(phone: Phone, site: Site) -> None:
    phone.open(f"/tra-cuu?ma={site.seeded['supplement']}").type_into("so", "0000")
    wrong = phone.text(".alert")
    phone.screenshot("wrong-digits")
    never = site.seeded["supplement"][:-4] + "0999"  # plausible, never issued
    phone.open(f"/tra-cuu?ma={site.seeded['supplement']}")
    phone.driver.execute_script(
        "document.querySelector('input[name=ma]').value = arguments[0]", never
    )
    phone.type_into("so", "0000")
    assert phone.text(".alert") == wrong == UNMATCHED
    assert PENDING in phone.text()
    phone.screenshot("unknown-code-with-digits")


def test_one_phone_is_told_to_try_again_after_its_quota(phone: Phone, site: Site) -> None:
    address = "192.0.2.250"
    for _attempt in range(2):  # once more if a minute turned during the burst
        minute = int(time.time() // 60)
        with httpx.Client(base_url=site.server.url, headers={"X-Forwarded-For": address}) as http:
            answers = [
                http.get("/tra-cuu", params={"ma": site.seeded["received"]})
                for _ in range(QUOTA + 1)
            ]
        phone.from_address(address).open(f"/tra-cuu?ma={site.seeded['received']}")
        if int(time.time() // 60) == minute:
            break
        address = "192.0.2.251"
    assert [a.status_code for a in answers] == [200] * QUOTA + [429]
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60
    assert phone.text("h1") == "Vui lòng thử lại sau"
    assert "Có quá nhiều lượt tra cứu" in phone.text()
    phone.screenshot("try-again-later")
    phone.from_address("192.0.2.252").open(f"/tra-cuu?ma={site.seeded['received']}")
    assert phone.text(".status") == "Đã tiếp nhận"  # another phone is still answered


def test_english_on_a_tap(phone: Phone, site: Site) -> None:
    phone.open(f"/tra-cuu?ma={site.seeded['overdue_apologised']}").click_link("English")
    assert phone.text(".status") == "Overdue"
    assert "New date for the result (from the letter of apology)" in phone.text()
    phone.screenshot("english-overdue")
    phone.click_link("Tiếng Việt")
    assert phone.text(".status") == "Quá hạn"


def test_readable_at_320_pixels_without_sideways_scrolling(phone: Phone, site: Site) -> None:
    phone.resize(320, 568)
    try:
        for path in ("/tra-cuu", f"/tra-cuu?ma={site.seeded['supplement']}"):
            phone.open(path)
            assert phone.scroll_width() <= 320, path
            size = phone.driver.execute_script(
                "return parseFloat(getComputedStyle(document.body).fontSize)"
            )
            assert size >= 16, path
        phone.type_into("so", ID_DIGITS)
        assert phone.scroll_width() <= 320
        phone.screenshot("details-at-320px")
    finally:
        phone.resize(360, 640)


def test_no_wcag_aa_violation_on_any_kind_of_page(phone: Phone, site: Site) -> None:
    pages = {
        "form": "/tra-cuu",
        "pending": f"/tra-cuu?ma={site.seeded['received'][:-4]}0999",
        "not-a-code": "/tra-cuu?ma=xyz",
        **{name: f"/tra-cuu?ma={site.seeded[name]}" for name in STATES},
        "english": f"/tra-cuu?ma={site.seeded['supplement']}&lang=en",
    }
    found = {}
    for name, path in pages.items():
        found[name] = [v["id"] for v in phone.open(path).axe()]
    phone.open(f"/tra-cuu?ma={site.seeded['supplement']}").type_into("so", "0000")
    found["wrong-digits"] = [v["id"] for v in phone.axe()]
    phone.type_into("so", PHONE_DIGITS)
    found["details"] = [v["id"] for v in phone.axe()]
    assert found == {name: [] for name in found}


def test_the_server_log_names_nobody(phone: Phone, site: Site) -> None:
    phone.open(f"/tra-cuu?ma={site.seeded['returned']}").type_into("so", ID_DIGITS)
    assert COLLECTOR in phone.text()  # the person was on the page …
    log = site.server.log()
    assert "GET /tra-cuu" in log and "POST /tra-cuu" in log  # … the log is on …
    assert [value for value in PERSONAL if value in log] == []  # … and names nobody
    assert f"so={ID_DIGITS}" not in log and "so=" not in log


def test_the_checker_finds_what_it_looks_for(phone: Phone) -> None:
    broken = (
        "data:text/html;charset=utf-8,<html><title>x</title><body>"
        "<input id=a><p style='color:%23bbb;background:%23fff'>faint text</p></body></html>"
    )
    found = {violation["id"] for violation in phone.open(broken).axe()}
    assert {"label", "color-contrast", "html-has-lang"} <= found
