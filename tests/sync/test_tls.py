"""TLS is verified: a private CA is trusted only when named in the ``ca_bundle`` setting."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
import truststore
from keyring.backend import KeyringBackend

from counter_app.domain.errors import InvalidInput
from counter_app.station import Station
from counter_app.sync.client import make_http
from counter_app.sync.engine import check_url
from counter_app.sync.errors import ErrorKind, SyncError
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE
from tests.sync.conftest import LiveServer
from tests.sync.helpers import no_wait, received


def test_a_server_signed_by_an_unknown_ca_is_refused(
    station: Station, tls_server: LiveServer, real_keyring: KeyringBackend
) -> None:
    code = enrol(tls_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    with pytest.raises(SyncError) as raised:
        station.enrol(tls_server.url, code)
    assert (
        raised.value.kind is ErrorKind.RETRY and "CERTIFICATE_VERIFY_FAILED" in raised.value.detail
    )
    assert station.settings()["server_url"] == ""


def test_the_ca_bundle_setting_trusts_the_private_ca(
    station: Station, tls_server: LiveServer, real_keyring: KeyringBackend, tmp_path: Path
) -> None:
    code = enrol(tls_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    station.enrol(tls_server.url, code, ca_bundle=str(tmp_path / "ca.pem"))
    assert station.settings()["ca_bundle"] == str(tmp_path / "ca.pem")
    received(station)
    report = station.sync_once(policy=no_wait())
    assert report.pushed == 1


def test_a_ca_bundle_that_went_missing_is_said_plainly(
    station: Station, tls_server: LiveServer, real_keyring: KeyringBackend, tmp_path: Path
) -> None:
    code = enrol(tls_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    station.enrol(tls_server.url, code, ca_bundle=str(tmp_path / "ca.pem"))
    (tmp_path / "ca.pem").unlink()
    with pytest.raises(InvalidInput) as raised:
        station.sync_once(policy=no_wait())
    assert "ca.pem" in raised.value.message


def test_without_a_ca_file_tls_trusts_the_operating_systems_store() -> None:
    system = make_http("https://counter.example.invalid")._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert isinstance(system, truststore.SSLContext)
    assert system.verify_mode == ssl.CERT_REQUIRED and system.check_hostname


@pytest.mark.parametrize(
    "url", ["http://example.org", "http://10.0.0.5:8080", "http://127.0.0.1.example.org", "ftp://x"]
)
def test_plain_http_beyond_this_pc_is_refused(station: Station, url: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        station.enrol(url, "AAAA-BBBB-CCCC-DDDD")
    assert raised.value.message == "Địa chỉ máy chủ phải bắt đầu bằng https://."
    assert station.settings()["server_url"] == ""


@pytest.mark.parametrize(
    "url",
    ["http://localhost:8080", "http://127.0.0.1", "http://127.8.9.10:9", "http://[::1]:8080/"],
)
def test_plain_http_to_this_pc_is_allowed(url: str) -> None:
    assert check_url(url) == url.rstrip("/")


def test_a_saved_plain_http_address_is_refused_before_anything_is_sent(
    station: Station, live_server: LiveServer, real_keyring: KeyringBackend
) -> None:
    code = enrol(live_server.database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    station.enrol(live_server.url, code)
    received(station)
    with station.store.write() as db:  # as a store enrolled before the rule would hold it
        db.exec_driver_sql(
            "UPDATE settings SET value = ? WHERE key = 'server_url'", ('"http://10.0.0.5:8080"',)
        )
    with pytest.raises(InvalidInput) as raised:
        station.sync_once(policy=no_wait())
    assert "https://" in raised.value.message
    assert station.sync_status().waiting == 1
