"""Sealing and opening the file a person carries to the province when there is no link.

Layout: gzip of one JSON object ``{"format": "counter-transfer-sealed/1", "content": <the
TransferFile JSON as text>, "sha256": <hex of content>, "signature": <URL-safe base64 Ed25519
signature of the content's UTF-8 bytes>}``. The SHA-256 catches a damaged file (a bad USB stick)
with a plain message; the signature proves it came from the enrolled station's key.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import zlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import ValidationError

from counter_app.sync.protocol import TransferFile

SEALED_FORMAT = "counter-transfer-sealed/1"
# Inflated. A busy counter writes some 500 events a day of ~1.4 kB: half a year fits, and a file
# inflating further is refused before it is read (one that inflated to 512 MiB held 1.7 GB).
MAX_TRANSFER_BYTES = 64 * 1024 * 1024
_PIECE = 1024 * 1024


class TransferError(ValueError):
    """A carried file that cannot be used: damaged, not ours, or not signed by the station."""


@dataclass(frozen=True)
class SealedTransfer:
    """An opened file: its content, and the exact bytes the signature covers."""

    transfer: TransferFile
    content: bytes
    signature: bytes


def b64encode(raw: bytes) -> str:
    """URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64decode(text: str) -> bytes:
    """The inverse of :func:`b64encode` (padding optional)."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_key_text(private_key: Ed25519PrivateKey) -> str:
    """The public half as sent at enrolment."""
    raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return b64encode(raw)


def seal(transfer: TransferFile, private_key: Ed25519PrivateKey) -> bytes:
    """The file's bytes: content, its hash and the station's signature, gzipped."""
    content = transfer.model_dump_json().encode()
    envelope = {
        "format": SEALED_FORMAT,
        "content": content.decode(),
        "sha256": hashlib.sha256(content).hexdigest(),
        "signature": b64encode(private_key.sign(content)),
    }
    return gzip.compress(json.dumps(envelope, ensure_ascii=False).encode(), mtime=0)


def open_sealed(data: bytes) -> SealedTransfer:
    """Read a sealed file; raise TransferError when it is damaged or not a transfer file."""
    envelope = _envelope(_inflate(data))
    content = str(envelope["content"]).encode()
    if hashlib.sha256(content).hexdigest() != envelope["sha256"]:
        raise TransferError("The file is damaged: its content does not match its checksum.")
    try:
        transfer = TransferFile.model_validate_json(content)
        signature = b64decode(str(envelope["signature"]))
    except (ValidationError, ValueError) as error:
        raise TransferError(f"The file's content is not a transfer: {error}") from None
    return SealedTransfer(transfer=transfer, content=content, signature=signature)


def verify_signature(sealed: SealedTransfer, public_key: str) -> bool:
    """True when the station whose public key is ``public_key`` signed this file."""
    try:
        key = Ed25519PublicKey.from_public_bytes(b64decode(public_key))
        key.verify(sealed.signature, sealed.content)
    except (InvalidSignature, ValueError):
        return False
    return True


def _inflate(data: bytes) -> bytearray:
    """The file inflated piece by piece into one buffer, refused as soon as it outgrows the
    limit: no second copy of a large file is ever made."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    out, tail = bytearray(), data
    try:
        while tail and len(out) <= MAX_TRANSFER_BYTES:
            out += inflater.decompress(tail, _PIECE)
            tail = inflater.unconsumed_tail
        out += inflater.flush()
    except zlib.error:
        raise TransferError("The file is not a Counter transfer file (not gzip).") from None
    if len(out) > MAX_TRANSFER_BYTES:
        raise TransferError("The file is too large to be a transfer file.")
    if not inflater.eof:
        raise TransferError("The file is damaged: it ends too early.")
    if inflater.unused_data:
        raise TransferError("The file is damaged: something follows its end.")
    return out


def _envelope(raw: bytearray) -> dict[str, object]:
    try:
        envelope = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise TransferError("The file is damaged: its envelope is not JSON.") from None
    if not isinstance(envelope, dict) or envelope.get("format") != SEALED_FORMAT:
        raise TransferError("The file is not a Counter transfer file.")
    if not all(isinstance(envelope.get(key), str) for key in ("content", "sha256", "signature")):
        raise TransferError("The file is damaged: its envelope lacks a field.")
    return envelope
