"""Personal fields kept beside an event, outside its hash, so that they can be erased.

An event's hash covers its payload, and the hash chain must hold forever; a citizen's name, ID
number, address and phone must not. So an event that carries personal fields keeps them in a
part of its own (``EventRecord.personal``: the fields and a random salt) and its payload holds
only a commitment to that part: ``payload["personal"]`` = SHA-256 of the part's canonical JSON.
The chain vouches for the personal fields while they exist (a changed field no longer matches
its commitment); once they are erased, the commitment reveals nothing (the salt is gone with
them: an ID number cannot be found again by trying every number).

Events written before this (their fields inside the hashed payload) are erased by redaction:
``redact`` gives the payload with its personal values removed, and the ``erased`` event that does
it lists, for each redacted event, its hash and the hash of its redacted form. The redacted event
keeps its hash (the chain's links stay), and ``events verify`` checks it against the hash the
``erased`` event, itself in a verified chain, vouches for.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from counter_app.domain.events import EventRecord, canonical_json, event_hash

KEY = "personal"  # the payload's commitment, and the name of the part it commits to
APPLICANT_FIELDS = ("name", "id_number", "dob", "sex", "address", "phone", "email")
SCOPE_PERSONAL = "personal"  # every personal field of the dossier
SCOPE_SCAN = "scan"  # only the text of a scanned card kept by earlier versions
CREATING = ("received", "supplement_requested", "refused")
# legacy payload places of personal values, by event type: (path, value once redacted)
_LEGACY: Mapping[str, tuple[tuple[tuple[str, ...], Any], ...]] = {
    "creating": (
        (("dossier", "applicant"), {field: None for field in APPLICANT_FIELDS}),
        (("dossier", "note"), None),
        (("dossier", "scan_raw"), None),
        (("dossier", "scan_sha256"), None),
    ),
    "returned": ((("receiver_name",), None), (("receiver_id_number",), None)),
}


def seal(fields: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The commitment to put in the payload, and the personal part (``fields`` and a salt)."""
    part = {"salt": secrets.token_hex(16), **fields}
    return commitment(part), part


def commitment(part: Mapping[str, Any]) -> str:
    """SHA-256 of a personal part's canonical JSON."""
    return hashlib.sha256(canonical_json(part).encode()).hexdigest()


def is_sealed(event: EventRecord) -> bool:
    """True when the event's personal fields live beside it (written by this version or later)."""
    return KEY in event.payload


def part(event: EventRecord) -> Mapping[str, Any]:
    """The event's personal part; empty once erased (or when it had none)."""
    return event.personal or {}


def field(event: EventRecord, key: str) -> Any:
    """A personal field of an event, wherever its version kept it (None once erased)."""
    return part(event).get(key) if is_sealed(event) else event.payload.get(key)


def mismatch(event: EventRecord) -> str | None:
    """Why the event's personal part does not match its commitment (None: it does, or erased)."""
    if not is_sealed(event) or event.personal is None:
        return None
    if commitment(event.personal) != event.payload[KEY]:
        return "personal fields do not match their commitment"
    return None


def redact(event: EventRecord, scope: str) -> dict[str, Any] | None:
    """The payload of a legacy event with its personal values removed (None: nothing to do)."""
    if is_sealed(event):
        return None
    places = _LEGACY.get("creating" if event.type in CREATING else event.type, ())
    if event.type == "corrected":
        places = _corrected_places(event)
    if scope == SCOPE_SCAN:
        places = tuple(place for place in places if place[0][-1] == "scan_raw")
    payload = _copy(event.payload)
    changed = False
    for path, blank in places:
        holder = _holder(payload, path)
        if holder is not None and path[-1] in holder and holder[path[-1]] != blank:
            holder[path[-1]] = _copy(blank)
            changed = True
    return payload if changed else None


def vouch(event: EventRecord, redacted: Mapping[str, Any]) -> dict[str, str]:
    """What an ``erased`` event records for one legacy event it redacts."""
    return {
        "id": event.id,
        "hash": event.hash,
        "redacted_hash": event_hash(replace(event, payload=dict(redacted))),
    }


def vouched(erasures: Iterable[EventRecord]) -> dict[str, tuple[str, str]]:
    """Event id → (its hash, the hash of its redacted form), from ``erased`` events."""
    found: dict[str, tuple[str, str]] = {}
    for erasure in erasures:
        for item in erasure.payload.get("redacted", ()):
            found[str(item["id"])] = (str(item["hash"]), str(item["redacted_hash"]))
    return found


def _corrected_places(event: EventRecord) -> tuple[tuple[tuple[str, ...], Any], ...]:
    changes = event.payload.get("changes")
    if not isinstance(changes, Mapping):
        return ()
    return tuple(
        (("changes", field), [None, None]) for field in changes if field in APPLICANT_FIELDS
    )


def _holder(payload: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    holder: Any = payload
    for step in path[:-1]:
        holder = holder.get(step) if isinstance(holder, dict) else None
    return holder if isinstance(holder, dict) else None


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
