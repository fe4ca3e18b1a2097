"""The station's default: enrolment points every slip's QR at the server's lookup page, and a
slip printed before its dossier reached the server opens the right page once it has."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stdout
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from keyring.backend import KeyringBackend

from counter_app.printing.forms import render
from counter_app.printing.model import DossierSheet, FormKind
from counter_app.station import Station
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE
from tests.factories import BIRTH
from tests.lookup.citizens import citizen_request, publish_procedures
from tests.lookup.pages import look, main_text, personal_in
from tests.printing import reading
from tests.sync.conftest import SERVER_URL
from tests.sync.helpers import no_wait

AGENCY_PAGE = "https://dichvucong.example/tra-cuu?ma={code}"


def test_enrolment_points_the_slips_qr_at_the_servers_page(
    enrolled: Callable[[int], Station],
) -> None:
    assert enrolled(1).settings()["lookup_url"] == f"{SERVER_URL}/tra-cuu?ma={{code}}"


def test_an_address_the_agency_chose_is_kept(
    make_station: Callable[[int], Station],
    client: TestClient,
    database_url: str,
    real_keyring: KeyringBackend,
) -> None:
    station = make_station(1)
    station.set_setting("lookup_url", AGENCY_PAGE)
    with redirect_stdout(io.StringIO()):
        code = enrol(database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    station.enrol(SERVER_URL, code, http=client)
    assert station.settings()["lookup_url"] == AGENCY_PAGE


def test_a_slip_printed_before_sync_opens_its_dossier_once_synced(
    enrolled: Callable[[int], Station], client: TestClient, database_url: str
) -> None:
    publish_procedures(client, database_url)
    station = enrolled(1)
    now = datetime.now(UTC)
    code = station.receive(citizen_request(now), actor="clerk", now=now).code
    sheet = station.sheet(FormKind.SLIP, code, actor="clerk", via="gui")
    assert isinstance(sheet, DossierSheet)
    [scanned] = reading.codes(render(FormKind.SLIP, sheet))["QRCode"]  # as a phone reads it
    assert scanned == f"{SERVER_URL}/tra-cuu?ma={code}"
    opened = scanned.removeprefix(SERVER_URL)

    before = client.get(opened)
    assert "Hồ sơ chưa được cập nhật lên hệ thống, vui lòng thử lại sau." in main_text(before.text)
    station.sync_once(http=client, policy=no_wait())
    after = main_text(client.get(opened).text)
    assert f"Hồ sơ {code} Đã tiếp nhận" in after
    assert "Thủ tục Đăng ký thường trú" in after
    assert personal_in(client.get(opened).text) == []
    assert main_text(look(client, code).text) == after  # typed in the form: the same page


def test_a_procedure_nobody_published_is_named_as_the_starter_set_names_it(
    enrolled: Callable[[int], Station], client: TestClient
) -> None:
    station = enrolled(1)
    now = datetime.now(UTC)
    birth = citizen_request(now, procedure_code=BIRTH)
    code = station.receive(birth, actor="clerk", now=now).code
    station.sync_once(http=client, policy=no_wait())
    assert "Thủ tục Đăng ký khai sinh" in main_text(look(client, code).text)
