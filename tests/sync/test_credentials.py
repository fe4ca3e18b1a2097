"""Token and signing key live in a real keyring; with none, the station says how to fix it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from fastapi.testclient import TestClient
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, fail

from counter_app.station import Station
from counter_app.sync import credentials
from counter_app.sync.credentials import KeyringUnavailable
from counter_server.cli import enrol
from tests.conftest import AGENCY_CODE
from tests.sync.conftest import SERVER_URL


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no usable keyring backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_enrolment_keeps_token_and_key_in_the_keyring(
    enrolled: Callable[[int], Station], secret_backend: KeyringBackend
) -> None:
    station = enrolled(1)
    identity = station.identity
    assert identity is not None
    assert isinstance(secret_backend, SecretService.Keyring)
    assert secret_backend.get_password("counter-app", f"{identity.station_id}/token")
    assert credentials.private_key(identity.station_id) is not None
    store_bytes = station.store.path.read_bytes()
    token = credentials.token(identity.station_id)
    assert token.encode() not in store_bytes  # never in the store, in no plain file
    assert station.settings()["server_url"] == SERVER_URL


def test_no_keyring_is_refused_clearly_and_nothing_is_written(
    make_station: Callable[[int], Station],
    client: TestClient,
    database_url: str,
    secret_backend: KeyringBackend,
    no_keyring: None,
) -> None:
    station = make_station(1)
    code = enrol(database_url, AGENCY_CODE, "UBND phường Quảng Hưng", 1)
    with pytest.raises(KeyringUnavailable) as raised:
        station.enrol(SERVER_URL, code, http=client)
    assert "gnome-keyring" in raised.value.message and "Windows" in raised.value.message
    assert station.settings()["server_url"] == ""
    assert not station.sync_status().enrolled
    keyring.set_keyring(SecretService.Keyring())  # a keyring is installed: the code still works
    station.enrol(SERVER_URL, code, http=client)
    assert station.sync_status().enrolled


def test_a_keyring_daemon_that_does_not_answer_is_refused(
    make_station: Callable[[int], Station],
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    secret_backend: KeyringBackend,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    try:
        with pytest.raises(KeyringUnavailable):
            make_station(1).enrol(SERVER_URL, "AAAA-BBBB-CCCC-DDDD", http=client)
    finally:
        keyring.set_keyring(previous)
