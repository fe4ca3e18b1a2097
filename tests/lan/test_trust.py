"""Only enrolled counters of the agency talk: a stranger is refused and learns nothing, and a
counter never sends a request to an endpoint that is not a sibling."""

from __future__ import annotations

import json
import ssl
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from counter_app.lan import trust
from counter_app.lan.client import NOT_A_SIBLING, PeerApi
from counter_app.lan.server import LanEndpoint, LanServer
from counter_app.services import lan_store
from counter_app.services.context import StationIdentity
from counter_app.station import Station
from counter_app.sync import credentials
from counter_app.sync.errors import ErrorKind, SyncError
from counter_app.sync.transfer import public_key_text
from counter_server.cli import enrol, revoke
from tests.lan.conftest import Counter, wait_until
from tests.lan.test_exchange import holds
from tests.lan.wiretap import Wiretap
from tests.server.factories import OTHER_AGENCY
from tests.sync.conftest import SERVER_URL
from tests.sync.helpers import no_wait, received

PERSONAL = ("Nguyễn Văn Đức", "001090012345", "0912345678")


def open_context() -> ssl.SSLContext:
    """TLS that accepts any certificate: what a stranger's laptop would use."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def test_a_request_without_a_siblings_signature_gets_nothing(
    centre: Callable[[int], list[Counter]],
) -> None:
    (first,) = centre(1)
    first.start()
    received(first.station)
    base = f"https://127.0.0.1:{first.port}/lan/v1"
    stranger = Ed25519PrivateKey.generate()
    with httpx.Client(verify=open_context()) as laptop:
        answers = [laptop.get(f"{base}/pull?after=0"), laptop.get(f"{base}/holdings")]
        target = "/lan/v1/pull?after=0"
        now = datetime.now(UTC)
        for station_id, key, moment in (
            (str(uuid.uuid4()), stranger, now),  # a key no server published for this agency
            (first.station_id, stranger, now),  # a sibling's id with another key
        ):
            headers = trust.signed_headers(key, station_id, "GET", target, moment)
            answers.append(laptop.get(f"https://127.0.0.1:{first.port}{target}", headers=headers))
    for answer in answers:
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthorised"
        assert not any(text in answer.text for text in PERSONAL)
        assert "events" not in answer.json()


def test_an_enrolled_counter_of_another_agency_gets_nothing(
    centre: Callable[[int], list[Counter]],
    client: TestClient,
    database_url: str,
    tmp_path: Path,
) -> None:
    (first,) = centre(1)
    first.start()
    received(first.station)
    neighbour = Station(tmp_path / "neighbour")  # the next commune's counter, brought in
    neighbour.initialise(agency_code=OTHER_AGENCY, agency_name="UBND xã Bên Cạnh", slot=1)
    neighbour.enrol(
        SERVER_URL, enrol(database_url, OTHER_AGENCY, "UBND xã Bên Cạnh", 1), http=client
    )
    neighbour.sync_once(http=client, policy=no_wait())  # it knows its own agency's counters
    identity = neighbour.identity
    assert identity is not None
    api = PeerApi(
        f"127.0.0.1:{first.port}",
        me=identity.station_id,
        key=credentials.private_key(identity.station_id),
        keys=lambda: {first.station_id: public_key_text(credentials.private_key(first.station_id))},
    )  # even told the endpoint's key, as if it had learnt it
    try:
        for ask in (api.hello, api.holdings):
            with pytest.raises(SyncError) as refused:
                ask()
            assert refused.value.status == 401
    finally:
        api.close()
    neighbour.close()
    assert first.station.lan_peers() == []  # nor is it taken for a counter of the centre


def test_personal_data_crosses_the_network_only_encrypted(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    with Wiretap(first.port) as tap:
        second.peers = [f"127.0.0.1:{tap.port}"]  # the second reaches the first through the tap
        first.start(), second.start()
        code = received(first.station)  # Nguyễn Văn Đức, his ID number and phone
        wait_until(lambda: holds(second, code))
        [heard] = second.station.lan_peers()
        assert heard.address == f"127.0.0.1:{tap.port}" and heard.received == 1
        seen = tap.seen()
    assert len(seen) > 2000  # the dossier went through it
    for text in (*PERSONAL, json.dumps(PERSONAL[0])[1:-1], code):
        assert text.encode() not in seen


def test_a_siblings_stale_or_replayed_signature_is_refused(
    centre: Callable[[int], list[Counter]],
) -> None:
    first, second = centre(2)
    first.start()
    key = credentials.private_key(second.station_id)
    target = "/lan/v1/holdings"
    with httpx.Client(verify=open_context()) as client:
        url = f"https://127.0.0.1:{first.port}{target}"
        old = datetime.now(UTC) - timedelta(days=2)
        stale = trust.signed_headers(key, second.station_id, "GET", target, old)
        assert client.get(url, headers=stale).status_code == 401
        fresh = trust.signed_headers(key, second.station_id, "GET", target, datetime.now(UTC))
        other_path = f"https://127.0.0.1:{first.port}/lan/v1/pull?after=0"
        assert client.get(other_path, headers=fresh).status_code == 401
        assert client.get(url, headers=fresh).status_code == 200


def test_a_counter_sends_nothing_to_an_endpoint_that_is_not_a_sibling(
    centre: Callable[[int], list[Counter]],
) -> None:
    (first,) = centre(1)
    stranger = StationIdentity(str(uuid.uuid4()), "x", 1, "000.17.22.H56", "x", "", "")
    asked: list[str] = []

    class Recording(LanEndpoint):
        def answer(self, method: str, target: str, headers: dict[str, str]) -> object:  # type: ignore[override]
            asked.append(target)
            return super().answer(method, target, headers)

    endpoint = Recording(first.station.store, stranger, Ed25519PrivateKey.generate(), lambda: {})
    server = LanServer(endpoint, host="127.0.0.1").start()
    try:
        key = credentials.private_key(first.station_id)
        with first.station.store.read() as db:
            keys = {s: v.public_key for s, v in lan_store.siblings(db).items()}
        api = PeerApi(f"127.0.0.1:{server.port}", me=first.station_id, key=key, keys=lambda: keys)
        with pytest.raises(SyncError) as refused:
            api.hello()
        api.close()
    finally:
        server.stop()
    assert (refused.value.kind, refused.value.code) == (ErrorKind.REJECT, NOT_A_SIBLING)
    assert asked == []


def test_a_counter_enrolled_while_the_centre_is_offline_joins_after_their_next_contact(
    centre: Callable[[int], list[Counter]],
    enrolled: Callable[[int], Station],
    client: TestClient,
) -> None:
    first, _second = centre(2)
    first.start()
    code = received(first.station)
    newcomer = enrolled(3)  # it learns the others' keys from its enrolment; they know nothing
    identity = newcomer.identity
    assert identity is not None
    with newcomer.store.read() as db:
        keys = {s: v.public_key for s, v in lan_store.siblings(db).items()}
    assert first.station_id in keys
    api = PeerApi(
        f"127.0.0.1:{first.port}",
        me=identity.station_id,
        key=credentials.private_key(identity.station_id),
        keys=lambda: keys,
    )
    try:
        with pytest.raises(SyncError) as refused:
            api.hello()
        assert refused.value.status == 401
        first.station.sync_once(http=client, policy=no_wait())  # the link is back a moment
        first.service.keys.refresh()  # type: ignore[union-attr]
        assert api.hello().station_id == first.station_id
        assert any(
            e.payload["dossier"]["code"] == code
            for e in api.pull(after=0, after_id=None, limit=10, wait=0).events
        )
    finally:
        api.close()


def test_a_revoked_counter_is_trusted_no_more(
    centre: Callable[[int], list[Counter]], client: TestClient, database_url: str
) -> None:
    first, second = centre(2)
    first.start()
    key = credentials.private_key(second.station_id)
    api = PeerApi(
        f"127.0.0.1:{first.port}",
        me=second.station_id,
        key=key,
        keys=lambda: {first.station_id: public_key_text(credentials.private_key(first.station_id))},
    )
    assert api.hello().station_id == first.station_id
    assert revoke(database_url, second.station_id)
    first.station.sync_once(http=client, policy=no_wait())  # learns the agency's counters again
    first.service.keys.refresh()  # type: ignore[union-attr]
    with pytest.raises(SyncError) as refused:
        api.holdings()
    api.close()
    assert refused.value.status == 401
