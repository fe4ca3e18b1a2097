"""The operating system's keyring (Secret Service on Linux, Credential Manager on Windows) behind
a small interface: the sync credentials and the store's key are kept there and nowhere else.

``keyring`` is imported on first use, not with this module: choosing its backend costs a tenth
of a second, which the window's start does off its critical path (``store_keys.prefetch``).
A backend that is missing, locked or not answering raises :class:`NoKeyring`; each caller turns
it into its own message, and nothing is ever written anywhere instead.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "counter-app"
# Secret Service calls from two threads at once (the sync timer and a round asked for by hand)
# can fail spuriously ("Item does not exist!"); one at a time they do not.
_ONE_AT_A_TIME = threading.Lock()


class NoKeyring(Exception):
    """No usable keyring right now; ``detail`` says what the backend answered."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Vault(Protocol):
    """Where secrets are kept, by name: the OS keyring, or a stand-in given by a test."""

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None."""

    def put(self, name: str, secret: str) -> None:
        """Keep ``secret`` as ``name`` (replacing any)."""

    def delete(self, name: str) -> None:
        """Forget ``name`` (nothing happens when it is not there)."""


def _backend_errors() -> tuple[type[Exception], ...]:
    # Backends also raise their libraries' own errors (D-Bus gone, socket missing), not only
    # KeyringError; any of them means there is no usable keyring right now.
    from keyring.errors import KeyringError

    errors: tuple[type[Exception], ...] = (KeyringError, OSError, RuntimeError, LookupError)
    try:  # Linux's Secret Service backend; absent on Windows
        from secretstorage.exceptions import SecretStorageException
    except ImportError:  # pragma: no cover - platform without it
        return errors
    return (*errors, SecretStorageException)


def backend() -> KeyringBackend:
    """The keyring backend, or NoKeyring when it cannot keep secrets."""
    import keyring
    from keyring.backends import chainer, fail

    chosen = keyring.get_keyring()
    if isinstance(chosen, fail.Keyring):
        raise NoKeyring("no backend")
    if isinstance(chosen, chainer.ChainerBackend) and not chosen.backends:
        raise NoKeyring("no backend")
    try:
        chosen.get_password(SERVICE, "probe")  # a locked or absent daemon fails here
    except _backend_errors() as error:
        raise NoKeyring(str(error)[:200] or type(error).__name__) from None
    return chosen


class KeyringVault:
    """The OS keyring, service ``counter-app``."""

    def get(self, name: str) -> str | None:
        """The secret called ``name``, or None; NoKeyring without a usable keyring."""
        try:
            with _ONE_AT_A_TIME:
                return backend().get_password(SERVICE, name)
        except _backend_errors() as error:
            raise NoKeyring(str(error)[:200] or type(error).__name__) from None

    def put(self, name: str, secret: str) -> None:
        """Keep ``secret`` as ``name``."""
        try:
            with _ONE_AT_A_TIME:
                backend().set_password(SERVICE, name, secret)
        except _backend_errors() as error:
            raise NoKeyring(str(error)[:200] or type(error).__name__) from None

    def delete(self, name: str) -> None:
        """Forget ``name``."""
        from keyring.errors import PasswordDeleteError

        try:
            with _ONE_AT_A_TIME:
                backend().delete_password(SERVICE, name)
        except PasswordDeleteError:
            return  # not there: nothing to forget
        except _backend_errors() as error:
            raise NoKeyring(str(error)[:200] or type(error).__name__) from None
