"""The server's transfer key: its public half given at enrolment, its private half in a file of
the server's own (mode 0600), never in the database."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from fastapi.testclient import TestClient

from counter_app.domain.errors import InvalidInput
from counter_app.sync.transfer import b64decode, x25519_public_text
from counter_server import transfer_key
from counter_server.cli import enrol
from tests.server.factories import AGENCY, enrolled


def test_enrolment_gives_the_public_half_of_the_key_file(
    client: TestClient, database_url: str, server_transfer_key: Path
) -> None:
    code = enrol(database_url, AGENCY, "UBND phường Quảng Hưng", 2)
    answer = client.post("/v1/enrol", json={"code": code, "station_id": "pc-1"}).json()
    on_file = transfer_key.load(server_transfer_key)
    assert answer["transfer_key"] == x25519_public_text(on_file)
    assert len(b64decode(answer["transfer_key"])) == 32
    station = enrolled(client, database_url, slot=3)
    asked = client.get("/v1/transfer-key", headers=station.headers)
    assert asked.json() == {"transfer_key": answer["transfer_key"]}
    assert client.get("/v1/transfer-key").status_code == 401


def test_the_private_key_is_in_no_database(
    client: TestClient, database_url: str, server_transfer_key: Path
) -> None:
    enrolled(client, database_url)
    private = transfer_key.load(server_transfer_key).private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )
    if database_url.startswith("sqlite:///"):
        database = Path(database_url.removeprefix("sqlite:///")).read_bytes()
        assert private not in database
        assert b"PRIVATE KEY" not in database


def test_a_missing_key_file_is_made_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "transfer-key.pem"
    made = transfer_key.load(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = transfer_key.load(path)
    assert x25519_public_text(again) == x25519_public_text(made)
    assert not list(path.parent.glob("*.partial"))


def test_a_key_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "transfer-key.pem"
    path.write_text("not a key")
    with pytest.raises(InvalidInput):
        transfer_key.load(path)
    assert isinstance(transfer_key.load(tmp_path / "new.pem"), X25519PrivateKey)
