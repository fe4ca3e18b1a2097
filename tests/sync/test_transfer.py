"""The carried file: sealed, opened, checked; damage and foreign keys are named."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from counter_app.domain.events import GENESIS_HASH, EventRecord, event_hash
from counter_app.sync.protocol import TransferFile, WireEvent
from counter_app.sync.transfer import (
    TransferError,
    open_sealed,
    public_key_text,
    seal,
    verify_signature,
)


def _transfer() -> TransferFile:
    record = EventRecord(
        id="0190a000-0000-7000-8000-000000000001",
        dossier_id="0190a000-0000-7000-8000-000000000002",
        station_id="st-1",
        seq=1,
        type="received",
        actor="canbo",
        wall_clock=datetime(2026, 3, 10, 2, 0, tzinfo=UTC),
        hlc=1,
        payload={"code": "000.17.22.H56-260310-1001", "name": "Nguyễn Văn Đức"},
        prev_hash=GENESIS_HASH,
    )
    record = EventRecord(**{**record.__dict__, "hash": event_hash(record)})
    return TransferFile(
        station_id="st-1",
        agency_code="000.17.22.H56",
        created_at=datetime(2026, 3, 11, tzinfo=UTC),
        events=[WireEvent.from_record(record)],
    )


def test_a_sealed_file_opens_to_the_same_transfer_signed_by_the_station() -> None:
    key = Ed25519PrivateKey.generate()
    sealed = open_sealed(seal(_transfer(), key))
    assert sealed.transfer == _transfer()
    assert sealed.transfer.events[0].payload["name"] == "Nguyễn Văn Đức"
    assert verify_signature(sealed, public_key_text(key))
    assert not verify_signature(sealed, public_key_text(Ed25519PrivateKey.generate()))
    assert not verify_signature(sealed, "not-a-key")


def test_a_changed_byte_in_the_content_is_named_as_damage() -> None:
    envelope = json.loads(gzip.decompress(seal(_transfer(), Ed25519PrivateKey.generate())))
    envelope["content"] = envelope["content"].replace("canbo", "canb0")
    with pytest.raises(TransferError, match="damaged"):
        open_sealed(gzip.compress(json.dumps(envelope).encode()))


def test_a_content_edited_with_its_checksum_fails_the_signature() -> None:
    import hashlib

    key = Ed25519PrivateKey.generate()
    envelope = json.loads(gzip.decompress(seal(_transfer(), key)))
    envelope["content"] = envelope["content"].replace("canbo", "canb0")
    envelope["sha256"] = hashlib.sha256(envelope["content"].encode()).hexdigest()
    sealed = open_sealed(gzip.compress(json.dumps(envelope).encode()))
    assert not verify_signature(sealed, public_key_text(key))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"plain text",
        gzip.compress(b"[1, 2]"),
        gzip.compress(b'{"format": "other"}'),
        gzip.compress(b"\xff\xfe"),
        seal(_transfer(), Ed25519PrivateKey.generate())[:-9],
    ],
)
def test_what_is_not_a_transfer_file_is_refused(data: bytes) -> None:
    with pytest.raises(TransferError):
        open_sealed(data)
