"""Personal fields beside their event, and the redaction of older events (counter_app/domain/
personal.py; docs/legal.md, erasure under Luật 91/2025/QH15 Điều 14 khoản 3; README "Retention"):
a sealed event's payload holds only the SHA-256 of its personal part (the fields and a random
salt); an older event keeps them in its hashed payload and is redacted in place: the applicant,
note and card text of the event that created the dossier, the receiver of a ``returned`` event,
the applicant's fields changed by a ``corrected`` event; the scope ``scan`` removes only the
card's text. The ``erased`` event lists, for each redacted event, its hash and its redacted
form's hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from counter_app.domain.events import EventRecord, event_hash
from counter_app.domain.personal import (
    SCOPE_PERSONAL,
    SCOPE_SCAN,
    commitment,
    field,
    is_sealed,
    mismatch,
    part,
    redact,
    seal,
    vouch,
    vouched,
)

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
APPLICANT = {"name": "Nguyễn Văn An", "id_number": "001090001234", "phone": "0912345678"}
ERASED_APPLICANT = {
    "name": None,
    "id_number": None,
    "dob": None,
    "sex": None,
    "address": None,
    "phone": None,
    "email": None,
}


def _event(
    type_: str, payload: dict[str, Any], personal: dict[str, Any] | None = None
) -> EventRecord:
    return EventRecord(
        id="e1",
        dossier_id="d1",
        station_id="s1",
        seq=1,
        type=type_,
        actor="lan",
        wall_clock=T0,
        hlc=1,
        payload=payload,
        hash="h1",
        personal=personal,
    )


def _sha256_json(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _legacy_received(**dossier: Any) -> EventRecord:
    """A ``received`` event of an older version: the applicant inside the hashed payload."""
    return _event(
        "received",
        {"dossier": {"code": "C1", **dossier}, "due_at": "2026-03-13T09:00:00+07:00"},
    )


def _sealed(fields: dict[str, Any]) -> EventRecord:
    digest, personal = seal(fields)
    return _event("received", {"dossier": {"code": "C1"}, "personal": digest}, personal)


# sealing


def test_the_commitment_is_sha256_of_the_part_s_canonical_json() -> None:
    """SHA-256 of the part's JSON with sorted keys and no spaces."""
    part_ = {"salt": "00ff", "applicant": {"name": "An"}}
    assert commitment(part_) == _sha256_json('{"applicant":{"name":"An"},"salt":"00ff"}')


def test_a_sealed_part_is_the_fields_and_a_random_salt_of_128_bits() -> None:
    """The part holds the fields and a salt of 128 random bits (README: "a random 128-bit
    salt", in hex); the payload's commitment is the part's
    SHA-256; the same fields sealed twice give two salts, so two commitments."""
    digest, sealed = seal({"applicant": APPLICANT})
    assert set(sealed) == {"salt", "applicant"}
    assert sealed["applicant"] == APPLICANT
    assert len(sealed["salt"]) == 32 and set(sealed["salt"]) <= set("0123456789abcdef")
    text = json.dumps(sealed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert digest == _sha256_json(text)
    again, other = seal({"applicant": APPLICANT})
    assert other["salt"] != sealed["salt"] and again != digest


def test_a_sealed_event_reads_its_fields_from_its_part_an_older_one_from_its_payload() -> None:
    """``field`` finds a personal field wherever the event's version kept it."""
    sealed = _sealed({"receiver_name": "Trần Thị Bình"})
    older = _event("returned", {"receiver_name": "Lê Văn Cường"})
    assert (is_sealed(sealed), is_sealed(older)) == (True, False)
    assert part(sealed)["receiver_name"] == "Trần Thị Bình"
    assert field(sealed, "receiver_name") == "Trần Thị Bình"
    assert field(older, "receiver_name") == "Lê Văn Cường"
    assert part(older) == {}


def test_an_erased_part_reads_as_nothing() -> None:
    """Once erased the event has no part: every field reads None."""
    erased = _event("returned", {"personal": "ab" * 32})
    assert part(erased) == {}
    assert field(erased, "receiver_name") is None


def test_a_changed_personal_field_no_longer_matches_its_commitment() -> None:
    """The chain vouches for the fields while they exist; once erased there is nothing to
    check, and an older event has no commitment."""
    sealed = _sealed({"applicant": APPLICANT})
    assert mismatch(sealed) is None
    assert sealed.personal is not None
    changed = {**sealed.personal, "applicant": {**APPLICANT, "name": "Nguyễn Văn Ân"}}
    forged = _event("received", dict(sealed.payload), changed)
    assert mismatch(forged) == "personal fields do not match their commitment"
    assert mismatch(_event("received", dict(sealed.payload))) is None
    assert mismatch(_legacy_received(applicant=APPLICANT)) is None


# redaction of older events


def test_the_creating_event_loses_the_applicant_the_note_and_the_card_text() -> None:
    """Every applicant field, the note, the card's text and its hash are blanked; the rest of
    the payload stays as it was."""
    event = _legacy_received(
        applicant=APPLICANT, note="Gọi trước khi trả", scan_raw="001090001234||An", scan_sha256="ab"
    )
    assert redact(event, SCOPE_PERSONAL) == {
        "dossier": {
            "code": "C1",
            "applicant": ERASED_APPLICANT,
            "note": None,
            "scan_raw": None,
            "scan_sha256": None,
        },
        "due_at": "2026-03-13T09:00:00+07:00",
    }
    assert event.payload["dossier"]["applicant"] == APPLICANT  # the event itself is untouched


@pytest.mark.parametrize("type_", ["supplement_requested", "refused"])
def test_a_dossier_created_by_a_guidance_or_a_refusal_loses_its_applicant(type_: str) -> None:
    """A guided or refused dossier is created by that event: it holds the applicant."""
    event = _event(type_, {"dossier": {"code": "C1", "applicant": APPLICANT}})
    assert redact(event, SCOPE_PERSONAL) == {
        "dossier": {"code": "C1", "applicant": ERASED_APPLICANT}
    }


def test_the_scan_scope_removes_only_the_card_text() -> None:
    """Scope ``scan``: the card's text goes, the applicant and the card's hash stay."""
    event = _legacy_received(applicant=APPLICANT, scan_raw="001090001234||An", scan_sha256="ab")
    assert redact(event, SCOPE_SCAN) == {
        "dossier": {
            "code": "C1",
            "applicant": APPLICANT,
            "scan_raw": None,
            "scan_sha256": "ab",
        },
        "due_at": "2026-03-13T09:00:00+07:00",
    }


def test_fields_an_event_never_had_are_not_added() -> None:
    """Only values present are removed: an event without a note or card text gets none."""
    event = _legacy_received(applicant=APPLICANT)
    assert redact(event, SCOPE_PERSONAL) == {
        "dossier": {"code": "C1", "applicant": ERASED_APPLICANT},
        "due_at": "2026-03-13T09:00:00+07:00",
    }


def test_an_event_already_redacted_has_nothing_left_to_do() -> None:
    """Redacting twice changes nothing the second time."""
    event = _legacy_received(applicant=ERASED_APPLICANT, note=None, scan_raw=None)
    assert redact(event, SCOPE_PERSONAL) is None
    assert redact(_legacy_received(applicant=APPLICANT), SCOPE_SCAN) is None


def test_the_returned_event_loses_its_receiver() -> None:
    """Who collected the result: name and ID number."""
    event = _event(
        "returned",
        {"receiver_name": "Lê Văn Cường", "receiver_id_number": "001090009999", "fee_paid": 0},
    )
    assert redact(event, SCOPE_PERSONAL) == {
        "receiver_name": None,
        "receiver_id_number": None,
        "fee_paid": 0,
    }
    assert redact(event, SCOPE_SCAN) is None  # no card text in it


def test_a_correction_loses_the_applicant_s_values_and_keeps_the_others() -> None:
    """A ``corrected`` event's old and new values of an applicant field are personal; a changed
    channel is not."""
    event = _event(
        "corrected",
        {"changes": {"name": ["Nguyen Van An", "Nguyễn Văn An"], "channel": ["direct", "post"]}},
    )
    assert redact(event, SCOPE_PERSONAL) == {
        "changes": {"name": [None, None], "channel": ["direct", "post"]}
    }
    channel_only = _event("corrected", {"changes": {"channel": ["direct", "post"]}})
    assert redact(channel_only, SCOPE_PERSONAL) is None
    assert redact(_event("corrected", {"reason": "sai chính tả"}), SCOPE_PERSONAL) is None


def test_events_without_personal_values_or_already_sealed_are_left_alone() -> None:
    """A sealed event is erased by dropping its part, never redacted; a step without personal
    values, or an event whose dossier is not a record (skipped by the fold), has none."""
    assert redact(_sealed({"applicant": APPLICANT}), SCOPE_PERSONAL) is None
    assert redact(_event("processing_started", {"note": "x"}), SCOPE_PERSONAL) is None
    malformed = _event("received", {"dossier": ["applicant", "note", "scan_raw"]})
    assert redact(malformed, SCOPE_PERSONAL) is None


# what the erased event vouches for


def test_the_erased_event_vouches_for_each_redacted_form() -> None:
    """It records the event's id and hash and the hash of its redacted form; read back, the
    ``erased`` events give event id → (hash, redacted hash); one without redactions, none."""
    event = _legacy_received(applicant=APPLICANT)
    redacted = redact(event, SCOPE_PERSONAL)
    assert redacted is not None
    item = vouch(event, redacted)
    redacted_event = replace(event, payload=redacted)
    assert item == {"id": "e1", "hash": "h1", "redacted_hash": event_hash(redacted_event)}
    erasures = [
        _event("erased", {"scope": SCOPE_PERSONAL, "redacted": [item]}),
        _event("erased", {"scope": SCOPE_SCAN}),
    ]
    assert vouched(erasures) == {"e1": ("h1", event_hash(redacted_event))}
