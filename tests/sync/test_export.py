"""``sync export``: everything unacknowledged, sealed and signed; held events are learnt later."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from counter_app.domain.errors import InvalidInput
from counter_app.station import Station
from counter_app.sync import credentials
from counter_app.sync.transfer import open_sealed, public_key_text, verify_signature
from tests.sync.helpers import received, sync


def test_export_seals_every_unacknowledged_event(
    enrolled: Callable[[int], Station], client: TestClient, tmp_path: Path
) -> None:
    station = enrolled(1)
    received(station, hour=8)
    sync(station, client)
    later = [received(station, hour=9), received(station, hour=10)]
    assert station.sync_export(tmp_path / "usb.counter") == 2
    sealed = open_sealed((tmp_path / "usb.counter").read_bytes())
    identity = station.identity
    assert identity is not None
    key = public_key_text(credentials.private_key(identity.station_id))
    assert verify_signature(sealed, key)
    assert [event.seq for event in sealed.transfer.events] == [2, 3]
    codes = [event.payload["dossier"]["code"] for event in sealed.transfer.events]
    assert codes == later
    with pytest.raises(InvalidInput):
        station.sync_export(tmp_path / "usb.counter")  # never overwrites


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
    carried = open_sealed((tmp_path / "usb.counter").read_bytes()).transfer
    identity = station.identity
    assert identity is not None
    # what the province's import stores, the same as a push of the carried events
    headers = {"Authorization": f"Bearer {credentials.token(identity.station_id)}"}
    body = {"events": [event.model_dump(mode="json") for event in carried.events]}
    assert client.post("/v1/push", json=body, headers=headers).status_code == 200
    report = sync(station, client)
    assert report.pushed == 0  # the status said they are held: nothing is sent twice
    assert station.sync_status().waiting == 0
