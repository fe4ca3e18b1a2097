"""A code the server does not hold: "not yet updated" when its agency could have issued it by
now (a slip printed before its dossier was synced), "not found" or "not a code" otherwise."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from counter_server import sync
from counter_server.cli import enrol
from tests.lookup.pages import look, main_text
from tests.server.factories import AGENCY, OTHER_AGENCY

PENDING = "Hồ sơ chưa được cập nhật lên hệ thống, vui lòng thử lại sau."
NOT_FOUND = "Không tìm thấy hồ sơ có mã này. Hãy kiểm tra lại mã in trên giấy hẹn."
NOT_A_CODE = "Mã hồ sơ chưa đúng dạng."
NOW = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)  # 00:30 on 8/12/2026 in Vietnam


@pytest.fixture
def served(app: FastAPI, database_url: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """The server with one enrolled agency, its clock at NOW."""
    monkeypatch.setattr(sync, "utc_now", lambda: NOW)
    with redirect_stdout(io.StringIO()):
        enrol(database_url, AGENCY, "UBND phường Quảng Hưng", 1)
    return TestClient(app)


ANSWERS = [
    (f"{AGENCY}-261208-1001", PENDING),  # today in Vietnam (still the 7th in UTC)
    (f"{AGENCY}-200101-0001", PENDING),  # long ago: synced late is still possible
    (f"  {AGENCY.lower()} -261207-2999 ", PENDING),  # as typed: spaces, small letters
    (f"{AGENCY}-261209-1001", NOT_FOUND),  # tomorrow: no slip can carry it yet
    (f"{AGENCY}-261207-2000", NOT_FOUND),  # no slot issues a round thousand
    (f"{AGENCY}-261207-0000", NOT_FOUND),
    (f"{OTHER_AGENCY}-261207-1001", NOT_FOUND),  # an agency this server does not serve
    (f"{AGENCY}-260231-1001", NOT_A_CODE),  # 31 February
    ("000.17.22-261207-1001", NOT_A_CODE),
    ("<script>alert(1)</script>", NOT_A_CODE),
]


def test_what_a_code_not_held_is_told(served: TestClient) -> None:
    for code, expected in ANSWERS:
        page = look(served, code)
        assert page.status_code == 200, code
        assert expected in main_text(page.text), code
        assert "<script>" not in page.text, code  # what was typed is shown escaped


def test_the_empty_form(served: TestClient) -> None:
    text = main_text(served.get("/tra-cuu").text)
    assert text.startswith("Tra cứu hồ sơ Nhập mã hồ sơ in trên giấy tiếp nhận hồ sơ")
