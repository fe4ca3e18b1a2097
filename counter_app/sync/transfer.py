"""Sealing and opening the file a person carries to the province when there is no link.

Signed: gzip of one JSON object ``{"format": "counter-transfer-sealed/1", "content": <the
TransferFile JSON as text>, "sha256": <hex of content>, "signature": <URL-safe base64 Ed25519
signature of the content's UTF-8 bytes>}``. The SHA-256 catches a damaged file (a bad USB stick)
with a plain message; the signature proves it came from the enrolled station's key.

Encrypted to the server (what a station writes): ``ENCRYPTED_MAGIC``, the first 8 bytes of the
SHA-256 of the server's X25519 public key (which key it was sealed to), a fresh X25519 public
key, a 12-byte nonce, then the signed file encrypted with AES-256-GCM under HKDF-SHA256 of the
two keys' shared secret (ECIES). Only the holder of the server's private key reads a lost USB
stick; the header is authenticated with the content.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import zlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import ValidationError

from counter_app.sync.protocol import TransferFile

SEALED_FORMAT = "counter-transfer-sealed/1"
# Inflated. A busy counter writes some 500 events a day of ~1.4 kB: half a year fits, and a file
# inflating further is refused before it is read (one that inflated to 512 MiB held 1.7 GB).
MAX_TRANSFER_BYTES = 64 * 1024 * 1024
_PIECE = 1024 * 1024
ENCRYPTED_MAGIC = b"counter-transfer-encrypted/2\n"
_KEY_ID_BYTES, _PUBLIC_BYTES, _NONCE_BYTES = 8, 32, 12
_HEADER_BYTES = len(ENCRYPTED_MAGIC) + _KEY_ID_BYTES + _PUBLIC_BYTES + _NONCE_BYTES
_INFO = b"counter-transfer/2"


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


def x25519_public_text(private_key: X25519PrivateKey) -> str:
    """The public half of the server's transfer key, as stations are given it."""
    return b64encode(private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def key_id(public_raw: bytes) -> bytes:
    """Which server key a file was sealed to (not secret)."""
    return hashlib.sha256(public_raw).digest()[:_KEY_ID_BYTES]


def _aead_key(shared: bytes, ephemeral: bytes, server: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + server, info=_INFO
    ).derive(shared)
    return AESGCM(derived)


def encrypt_for_server(sealed: bytes, server_public_key: str) -> bytes:
    """``sealed`` (a signed file) encrypted so that only the server's private key opens it."""
    try:
        server_raw = b64decode(server_public_key)
        server = X25519PublicKey.from_public_bytes(server_raw)
    except ValueError:
        raise TransferError("The server's transfer key is not an X25519 public key.") from None
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    nonce = os.urandom(_NONCE_BYTES)
    header = ENCRYPTED_MAGIC + key_id(server_raw) + ephemeral_raw + nonce
    aead = _aead_key(ephemeral.exchange(server), ephemeral_raw, server_raw)
    return header + aead.encrypt(nonce, sealed, header)


def is_encrypted(data: bytes) -> bool:
    """True for a file encrypted to a server (what stations write)."""
    return data.startswith(ENCRYPTED_MAGIC)


def decrypt_for_server(data: bytes, private_key: X25519PrivateKey) -> bytes:
    """The signed file inside ``data``; TransferError when it was sealed to another key or has
    been altered."""
    if len(data) < _HEADER_BYTES or not is_encrypted(data):
        raise TransferError("The file is not an encrypted Counter transfer file.")
    header = data[:_HEADER_BYTES]
    start = len(ENCRYPTED_MAGIC)
    sealed_to = header[start : start + _KEY_ID_BYTES]
    ephemeral_raw = header[start + _KEY_ID_BYTES : start + _KEY_ID_BYTES + _PUBLIC_BYTES]
    nonce = header[-_NONCE_BYTES:]
    server_raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    if sealed_to != key_id(server_raw):
        raise TransferError(
            "The file was encrypted to another server key (not this server's transfer key)."
        )
    try:
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        return _aead_key(shared, ephemeral_raw, server_raw).decrypt(
            nonce, data[_HEADER_BYTES:], header
        )
    except (InvalidTag, ValueError):
        raise TransferError("The file is damaged or was altered: it does not decrypt.") from None
