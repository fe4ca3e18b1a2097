"""The station's token and signing key, kept in the operating system's keyring only.

Never in a plain file: with no usable keyring backend the station refuses and says how to get
one, and nothing is written anywhere.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from keyring.backend import KeyringBackend

from counter_app import secret_store
from counter_app.domain.errors import CounterError
from counter_app.i18n import _
from counter_app.sync.transfer import b64decode, b64encode

SERVICE = secret_store.SERVICE


class KeyringUnavailable(CounterError):
    """No secret store to keep the station's credentials in."""


class NotEnrolled(CounterError):
    """The station has no token (never enrolled, or the keyring lost it)."""


def _unavailable(detail: str) -> KeyringUnavailable:
    return KeyringUnavailable(
        _(
            "Máy này không có kho khóa bí mật (keyring) dùng được ({detail}), nên không thể giữ "
            "mã truy cập máy chủ. Trên Linux hãy cài và mở khóa một Secret Service, ví dụ "
            "gnome-keyring (apt install gnome-keyring) rồi đăng nhập lại; trên Windows, "
            "Credential Manager có sẵn."
        ).format(detail=detail)
    )


def backend() -> KeyringBackend:
    """The keyring backend, or KeyringUnavailable when it cannot keep secrets."""
    try:
        return secret_store.backend()
    except secret_store.NoKeyring as error:
        raise _unavailable(error.detail) from None


def _put(name: str, secret: str) -> None:
    try:
        secret_store.KeyringVault().put(name, secret)
    except secret_store.NoKeyring as error:
        raise _unavailable(error.detail) from None


def _get(name: str) -> str | None:
    try:
        return secret_store.KeyringVault().get(name)
    except secret_store.NoKeyring as error:
        raise _unavailable(error.detail) from None


def save(station_id: str, token: str, private_key: Ed25519PrivateKey) -> None:
    """Keep the token and the signing key of ``station_id``."""
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    _put(f"{station_id}/signing-key", b64encode(raw))
    _put(f"{station_id}/token", token)


def token(station_id: str) -> str:
    """The station's bearer token."""
    found = _get(f"{station_id}/token")
    if not found:
        raise NotEnrolled(_("Máy chưa đăng ký với máy chủ; hãy chạy «counter-app enrol»."))
    return found


def private_key(station_id: str) -> Ed25519PrivateKey:
    """The station's signing key (for files carried by hand)."""
    found = _get(f"{station_id}/signing-key")
    if not found:
        raise NotEnrolled(_("Máy chưa đăng ký với máy chủ; hãy chạy «counter-app enrol»."))
    return Ed25519PrivateKey.from_private_bytes(b64decode(found))
