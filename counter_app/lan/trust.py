"""Who may talk to whom on the centre's network: the agency's counters, by the keys the server
published, and nobody else.

Each counter keeps the Ed25519 key it enrolled with (in the keyring). Its endpoint speaks TLS
1.3 with a short-lived certificate issued by that key, so a caller checks, right after the
handshake and before a byte of its request leaves, that the certificate was signed by the key of
a sibling (``PinnedContext``). Each request is signed by the caller's own key over the method,
the path and the moment; the endpoint answers only a sibling whose signature checks. Personal
data only ever travels inside that TLS session.

Signed requests, not client certificates: Python's ``ssl`` cannot check a client certificate
against a bare pinned key (it wants a CA chain and offers no verification hook), while a
signature needs nothing but the keys the server already keeps.
"""

from __future__ import annotations

import os
import ssl
import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.x509.oid import NameOID

from counter_app.domain.events import CLOCK_LEAD
from counter_app.sync.transfer import b64decode, b64encode

STATION_HEADER = "X-Counter-Station"
TIME_HEADER = "X-Counter-Time"
SIGNATURE_HEADER = "X-Counter-Signature"
# the endpoint's certificate is renewed daily; a caller accepts one a little past its end
CERTIFICATE_LIFE = timedelta(days=2)
Keys = Callable[[], Mapping[str, str]]  # station id → public key (URL-safe base64)


class NotASibling(ssl.SSLError):
    """The other end is not an enrolled counter of this agency (or not the one expected)."""


def _public(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(b64decode(text))


# -- the endpoint's certificate ------------------------------------------------------------------


def server_context(
    station_key: Ed25519PrivateKey, station_id: str, now: datetime
) -> ssl.SSLContext:
    """A TLS 1.3 server context whose certificate (a fresh P-256 key) the station key issued.

    The certificate's own key is made here and lives only in memory once loaded: ``ssl`` reads
    keys from files alone, so it passes through a private temporary file deleted at once.
    """
    tls_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"counter-{station_id}")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(tls_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + CERTIFICATE_LIFE)
        .sign(station_key, None)
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    with tempfile.TemporaryDirectory() as folder:
        cert_path, key_path = Path(folder) / "cert.pem", Path(folder) / "key.pem"
        cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(
                tls_key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        context.load_cert_chain(cert_path, key_path)
    return context


def issuer_of(der: bytes | None, keys: Mapping[str, str], now: datetime) -> str | None:
    """The sibling whose key issued this certificate (and it is current), else None."""
    if der is None:
        return None
    try:
        certificate = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    slack = timedelta(hours=1)
    if not (
        certificate.not_valid_before_utc - slack <= now <= certificate.not_valid_after_utc + slack
    ):
        return None
    for station_id, text in keys.items():
        try:
            _public(text).verify(certificate.signature, certificate.tbs_certificate_bytes)
        except (InvalidSignature, ValueError):
            continue
        return station_id
    return None


class PinnedSocket(ssl.SSLSocket):
    """A client TLS socket that, once the handshake is done, insists on a sibling's certificate."""

    peer_station: str | None = None

    def do_handshake(self, block: bool = False) -> None:
        """The handshake, then the pin: a stranger never sees the request."""
        super().do_handshake(block)
        context = self.context
        assert isinstance(context, PinnedContext)
        der = self.getpeercert(binary_form=True)
        station = issuer_of(der, context.keys(), datetime.now(UTC))
        if station is None:
            raise NotASibling("the other end is not an enrolled counter of this agency")
        if context.expected is not None and station != context.expected:
            raise NotASibling(f"expected counter {context.expected}, found {station}")
        self.peer_station = station


class PinnedContext(ssl.SSLContext):
    """TLS 1.3 to a sibling: no CA, the certificate's issuer key pinned instead.

    ``expected`` names the one counter an address must lead to, once it is known.
    """

    sslsocket_class = PinnedSocket
    keys: Keys
    expected: str | None


def client_context(keys: Keys, expected: str | None = None) -> PinnedContext:
    """A context for talking to the siblings whose keys ``keys()`` gives."""
    context = PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False  # the pin replaces the name: addresses change on a LAN
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.keys, context.expected = keys, expected
    return context


# -- signed requests --------------------------------------------------------------------------


def _message(method: str, target: str, station_id: str, moment: str) -> bytes:
    return f"counter-lan/1\n{method.upper()}\n{target}\n{station_id}\n{moment}".encode()


def signed_headers(
    key: Ed25519PrivateKey, station_id: str, method: str, target: str, now: datetime
) -> dict[str, str]:
    """The headers that prove ``station_id`` asks for ``method target`` at ``now``."""
    moment = now.astimezone(UTC).isoformat(timespec="seconds")
    signature = key.sign(_message(method, target, station_id, moment))
    return {STATION_HEADER: station_id, TIME_HEADER: moment, SIGNATURE_HEADER: b64encode(signature)}


def caller_of(
    headers: Mapping[str, str], method: str, target: str, keys: Mapping[str, str], now: datetime
) -> str | None:
    """The sibling that signed this request (within the clock window), else None."""
    station_id = headers.get(STATION_HEADER, "")
    moment, signature = headers.get(TIME_HEADER, ""), headers.get(SIGNATURE_HEADER, "")
    key = keys.get(station_id)
    if key is None or not moment or not signature:
        return None
    try:
        at = datetime.fromisoformat(moment)
        if at.tzinfo is None or abs(at - now) > CLOCK_LEAD:
            return None
        _public(key).verify(b64decode(signature), _message(method, target, station_id, moment))
    except (InvalidSignature, ValueError):
        return None
    return station_id
