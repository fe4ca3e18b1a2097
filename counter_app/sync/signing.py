"""An event signed by its author: what lets another counter carry it to the server.

The signature is the author's Ed25519 signature (the station key whose public half the server
keeps since enrolment) over the event's hash, which covers its content and its link. A counter
of the centre hands on its own events with their signatures; one that carries them up sends the
signatures along, and the server takes a carried event only when its author signed it.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from counter_app.sync.transfer import b64decode, b64encode

_CONTEXT = b"counter-event/1 "


def sign_event(key: Ed25519PrivateKey, event_hash: str) -> str:
    """The author's signature of the event whose hash is ``event_hash`` (URL-safe base64)."""
    return b64encode(key.sign(_CONTEXT + event_hash.encode()))


def event_signed(public_key: str, event_hash: str, signature: str) -> bool:
    """True when the holder of ``public_key`` signed the event whose hash is ``event_hash``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(b64decode(public_key))
        key.verify(b64decode(signature), _CONTEXT + event_hash.encode())
    except (InvalidSignature, ValueError):
        return False
    return True
