"""``sync export``: everything unacknowledged, signed and encrypted to the server, mode 0600;
held events are learnt later."""

from __future__ import annotations

import gzip
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from fastapi.testclient import TestClient

from counter_app.domain.errors import InvalidInput
from counter_app.services import outbox
from counter_app.station import Station
from counter_app.sync import credentials
from counter_app.sync.transfer import (
    SealedTransfer,
    TransferError,
    decrypt_for_server,
    open_sealed,
    public_key_text,
    verify_signature,
)
from tests.factories import APPLICANT_ID, APPLICANT_NAME
from tests.sync.helpers import received, sync


def test_export_seals_every_unacknowledged_event(
    enrolled: Callable[[int], Station], client: TestClient, tmp_path: Path
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    sync(station, client)
    later = [received(station, hour=9), received(station, hour=10)]
    assert station.sync_export(tmp_path / "usb.counter") == 2
    sealed = opened(client, tmp_path / "usb.counter")
    identity = station.identity
    assert identity is not None
    key = public_key_text(credentials.private_key(identity.station_id))
    assert verify_signature(sealed, key)
    assert [event.seq for event in sealed.transfer.events] == [2, 3]
    codes = [event.payload["dossier"]["code"] for event in sealed.transfer.events]
    assert codes == later
    with pytest.raises(InvalidInput):
        station.sync_export(tmp_path / "usb.counter")  # never overwrites


def opened(client: TestClient, path: Path) -> SealedTransfer:
    """The file as the server opens it, with its private key."""
    server_key: X25519PrivateKey = client.app.state.transfer_key  # type: ignore[attr-defined]
    return open_sealed(decrypt_for_server(path.read_bytes(), server_key))


def test_the_file_is_its_owners_only_and_reads_only_with_the_server_key(
    enrolled: Callable[[int], Station], client: TestClient, tmp_path: Path
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    target = tmp_path / "usb.counter"
    station.sync_export(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    for clear in (APPLICANT_NAME.encode(), APPLICANT_ID.encode(), b"station_id", b"dossier"):
        assert clear not in data
    assert not any(clear in gzip_members(data) for clear in (APPLICANT_ID.encode(),))
    with pytest.raises(TransferError):
        open_sealed(data)
    with pytest.raises(TransferError):
        decrypt_for_server(data, X25519PrivateKey.generate())
    assert len(opened(client, target).transfer.events) == 1


def gzip_members(data: bytes) -> bytes:
    """Whatever a gzip reader gets out of ``data`` (nothing: it is not gzip)."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError):
        return b""


def test_a_station_enrolled_before_the_key_learns_it_at_its_next_round(
    enrolled: Callable[[int], Station], client: TestClient, tmp_path: Path
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    with station.store.write() as db:
        outbox.save_state(db, server_transfer_key="")
    with pytest.raises(InvalidInput) as refused:
        station.sync_export(tmp_path / "usb.counter")
    assert "khóa công khai của máy chủ" in refused.value.message
    assert not list(tmp_path.glob("usb.counter*"))
    received(station, hour=9)
    sync(station, client)
    received(station, hour=10)
    assert station.sync_export(tmp_path / "usb.counter") == 1
    assert len(opened(client, tmp_path / "usb.counter").transfer.events) == 1


def test_nothing_to_export_is_said_and_no_file_written(
    enrolled: Callable[[int], Station], tmp_path: Path
) -> None:
    station = enrolled(1)
    with pytest.raises(InvalidInput):
        station.sync_export(tmp_path / "usb.counter")
    assert not (tmp_path / "usb.counter").exists()


def test_events_the_province_imported_are_learnt_at_the_next_contact(
    enrolled: Callable[[int], Station], client: TestClient, tmp_path: Path
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    received(station, hour=9)
    station.sync_export(tmp_path / "usb.counter")
    carried = opened(client, tmp_path / "usb.counter").transfer
    identity = station.identity
    assert identity is not None
    # what the province's import stores, the same as a push of the carried events
    headers = {"Authorization": f"Bearer {credentials.token(identity.station_id)}"}
    body = {"events": [event.model_dump(mode="json") for event in carried.events]}
    assert client.post("/v1/push", json=body, headers=headers).status_code == 200
    report = sync(station, client)
    assert report.pushed == 0  # the status said they are held: nothing is sent twice
    assert station.sync_status().waiting == 0
