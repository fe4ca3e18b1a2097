"""Files carried by hand: signed by the station, encrypted to the server, imported with the
idempotency of a push."""

from __future__ import annotations

import gzip
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi.testclient import TestClient
from httpx import Response

from counter_app.cli import main
from counter_app.sync.protocol import TransferFile, WireEvent
from counter_app.sync.transfer import (
    TransferError,
    decrypt_for_server,
    encrypt_for_server,
    open_sealed,
    public_key_text,
    seal,
    x25519_public_text,
)
from counter_server import transfer_key
from counter_server.cli import enrol
from tests.server.factories import (
    AGENCY,
    OTHER_AGENCY,
    StationChain,
    admin_headers,
    body,
    enrolled,
)
from tests.server.test_push import stored


def keyed_station(client: TestClient, database_url: str) -> tuple[StationChain, Ed25519PrivateKey]:
    """A station enrolled with an Ed25519 public key, and its private key."""
    key = Ed25519PrivateKey.generate()
    station_id = str(uuid.uuid4())
    code = enrol(database_url, AGENCY, "UBND", 4)
    answer = {"code": code, "station_id": station_id, "public_key": public_key_text(key)}
    response = client.post("/v1/enrol", json=answer)
    assert response.status_code == 200, response.text
    return StationChain(station_id, response.json()["token"], AGENCY, slot=4), key


def signed(
    station: StationChain, key: Ed25519PrivateKey, events: list[WireEvent], agency: str = AGENCY
) -> bytes:
    """A signed transfer file without the encryption (as Counter wrote before it)."""
    transfer = TransferFile(
        station_id=station.station_id,
        agency_code=agency,
        created_at=datetime.now(UTC),
        events=events,
    )
    return seal(transfer, key)


def server_public_key() -> str:
    """The test server's transfer key, as stations learn it at enrolment."""
    return x25519_public_text(transfer_key.load())


def sealed(
    station: StationChain, key: Ed25519PrivateKey, events: list[WireEvent], agency: str = AGENCY
) -> bytes:
    """The bytes of a transfer file as ``sync export`` writes them: signed, then encrypted."""
    return encrypt_for_server(signed(station, key, events, agency), server_public_key())


def post_file(client: TestClient, data: bytes, headers: dict[str, str]) -> Response:
    """POST a file to /v1/import."""
    headers = {**headers, "Content-Type": "application/octet-stream"}
    return client.post("/v1/import", content=data, headers=headers)


def test_import_twice_changes_nothing_and_push_is_a_noop(
    client: TestClient, database_url: str
) -> None:
    station, key = keyed_station(client, database_url)
    events = station.next_events(4)
    admin = admin_headers(database_url)
    first = post_file(client, sealed(station, key, events), admin)
    assert first.status_code == 200, first.text
    assert first.json()["stored"] == 4 and first.json()["held_through_seq"] == 4
    again = post_file(client, sealed(station, key, events), admin)
    assert again.json()["stored"] == 0
    pushed = client.post("/v1/push", json=body(events), headers=station.headers)
    assert pushed.json() == {"held_through_seq": 4, "rejected": []}
    assert stored(database_url) == 4
    status = client.get("/v1/status", headers=station.headers).json()
    assert status["held_through_seq"] == 4


def test_cli_import(
    client: TestClient, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station, key = keyed_station(client, database_url)
    early = station.next_events(2)
    client.post("/v1/push", json=body(early), headers=station.headers)
    file = tmp_path / "carried.counter"
    file.write_bytes(sealed(station, key, early + station.next_events(3)))
    assert main(["server", "--database-url", database_url, "import", str(file)]) == 0
    assert "5 events in the file, 3 new" in capsys.readouterr().out
    assert main(["server", "--database-url", database_url, "import", str(file)]) == 0
    assert "0 new" in capsys.readouterr().out
    assert stored(database_url) == 5


def test_damaged_unsigned_and_foreign_files_refused(
    client: TestClient, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    station, key = keyed_station(client, database_url)
    events = station.next_events(2)
    good = sealed(station, key, events)
    keyless = enrolled(client, database_url, slot=5)
    cases = {
        "truncated": good[: len(good) // 2],
        "not gzip": b"PK\x03\x04 a zip file",
        "other key": sealed(station, Ed25519PrivateKey.generate(), events),
        "other agency": sealed(station, key, events, agency=OTHER_AGENCY),
        "no key enrolled": sealed(keyless, key, keyless.next_events(1)),
        "unknown station": sealed(StationChain("nobody", "", AGENCY), key, events),
        "edited": good[:-40] + bytes([good[-40] ^ 1]) + good[-39:],
        "edited inside": encrypt_for_server(
            gzip.compress(gzip.decompress(signed(station, key, events)).replace(b"1", b"2")),
            server_public_key(),
        ),
        "another server's key": encrypt_for_server(
            signed(station, key, events), x25519_public_text(X25519PrivateKey.generate())
        ),
    }
    for name, data in cases.items():
        file = tmp_path / "file.counter"
        file.write_bytes(data)
        assert main(["server", "--database-url", database_url, "import", str(file)]) == 1, name
        assert capsys.readouterr().err.startswith("error: "), name
    admin = admin_headers(database_url)
    response = post_file(client, cases["other key"], admin)
    assert response.status_code == 422
    assert "signature" in response.json()["detail"]
    response = post_file(client, cases["another server's key"], admin)
    assert response.status_code == 422
    assert "another server key" in response.json()["detail"]
    assert stored(database_url) == 0


def test_the_file_reads_only_with_the_server_key(client: TestClient, database_url: str) -> None:
    station, key = keyed_station(client, database_url)
    events = station.next_events(2)
    data = sealed(station, key, events)
    assert data.startswith(b"counter-transfer-encrypted/2\n")
    assert station.station_id.encode() not in data
    with pytest.raises(TransferError):
        open_sealed(data)  # without the server's key it is not even a transfer file
    opened = open_sealed(decrypt_for_server(data, transfer_key.load()))
    assert [event.id for event in opened.transfer.events] == [event.id for event in events]


def test_a_signed_file_from_before_encryption_is_still_imported(
    client: TestClient, database_url: str
) -> None:
    station, key = keyed_station(client, database_url)
    answer = post_file(
        client, signed(station, key, station.next_events(2)), admin_headers(database_url)
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["stored"] == 2


def test_import_needs_the_admin_token(client: TestClient, database_url: str) -> None:
    station, key = keyed_station(client, database_url)
    data = sealed(station, key, station.next_events(1))
    for headers in ({}, station.headers):
        assert post_file(client, data, headers).status_code == 401
    assert stored(database_url) == 0
