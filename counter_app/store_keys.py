"""Which key opens which store: kept in the OS keyring under the store file's full path.

- A new store gets a new recovery key (``domain.recovery``) and the key derived from it. The key
  goes into the keyring as ``store-key:<path>``; the recovery key waits there as
  ``store-recovery:<path>`` until it has been shown and printed once, and is then deleted, so
  that afterwards only the leader's sheet holds it.
- An existing store opens with the key kept for its path. Without one (the store was copied or
  restored from another PC, moved to another folder, or the keyring was reset) it is refused with
  :class:`StoreLocked`, which asks for the recovery key; that gives the key back (``adopt``).
- Nothing is ever written to a file. Keys read once are kept in this process's memory, so the
  keyring is asked once per store and process.

Tests give a vault of their own (``use_vault``); everything else uses the OS keyring.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from counter_app import secret_store
from counter_app.domain import recovery
from counter_app.domain.errors import StoreError
from counter_app.i18n import _

_KEY_PREFIX = "store-key:"
_RECOVERY_PREFIX = "store-recovery:"
_lock = threading.Lock()


@dataclass
class _Keys:
    """This process's view: the vault in use, keys already read, and reads under way."""

    vault: secret_store.Vault | None = None
    known: dict[str, bytes] = field(default_factory=dict)  # by keyring name
    fetching: dict[str, threading.Thread] = field(default_factory=dict)


_keys = _Keys()


class StoreLocked(StoreError):
    """This PC's keyring holds no key that opens the store: the recovery key is needed."""


class StoreKeyUnavailable(StoreError):
    """No usable keyring: the store's key has nowhere to be kept, so the store is not opened."""


def use_vault(vault: secret_store.Vault | None) -> None:
    """Keep keys in ``vault`` from now on (None: the OS keyring)."""
    with _lock:
        _keys.vault = vault
        _keys.known.clear()


def _store() -> secret_store.Vault:
    return _keys.vault if _keys.vault is not None else secret_store.KeyringVault()


def _name(prefix: str, store_path: Path) -> str:
    return prefix + os.path.normcase(str(Path(store_path).resolve()))


def _unavailable(detail: str) -> StoreKeyUnavailable:
    return StoreKeyUnavailable(
        _(
            "Máy này không có kho khóa bí mật (keyring) dùng được ({detail}), nên không giữ được "
            "khóa mã hóa dữ liệu; Counter không mở dữ liệu khi chưa có nó. Trên Linux hãy cài và "
            "mở khóa một Secret Service, ví dụ gnome-keyring (apt install gnome-keyring) rồi "
            "đăng nhập lại; trên Windows, Credential Manager có sẵn."
        ).format(detail=detail)
    )


def _get(name: str) -> str | None:
    try:
        return _store().get(name)
    except secret_store.NoKeyring as error:
        raise _unavailable(error.detail) from None


def _put(name: str, secret: str) -> None:
    try:
        _store().put(name, secret)
    except secret_store.NoKeyring as error:
        raise _unavailable(error.detail) from None


def _delete(name: str) -> None:
    try:
        _store().delete(name)
    except secret_store.NoKeyring as error:
        raise _unavailable(error.detail) from None


def prefetch(store_path: Path) -> None:
    """Start reading the store's key in the background (the keyring's first use is slow)."""
    name = _name(_KEY_PREFIX, store_path)
    with _lock:
        if name in _keys.known or name in _keys.fetching:
            return
        thread = threading.Thread(target=_fetch_quietly, args=(name,), daemon=True)
        _keys.fetching[name] = thread
    thread.start()


def _fetch_quietly(name: str) -> None:
    with contextlib.suppress(StoreError):  # said again, with its message, when asked for
        _fetch(name)


def _fetch(name: str) -> bytes | None:
    text = _get(name)
    if not text:
        return None
    key = bytes.fromhex(text)
    with _lock:
        _keys.known[name] = key
    return key


def stored_key(store_path: Path) -> bytes | None:
    """The key kept for the store at ``store_path``, or None; StoreKeyUnavailable without a
    usable keyring."""
    name = _name(_KEY_PREFIX, store_path)
    with _lock:
        fetching = _keys.fetching.pop(name, None)
    if fetching is not None:
        fetching.join()
    with _lock:
        if name in _keys.known:
            return _keys.known[name]
    return _fetch(name)


def require_key(store_path: Path) -> bytes:
    """The key of an existing store, or StoreLocked saying why it cannot be opened."""
    key = stored_key(store_path)
    if key is None:
        raise StoreLocked(
            _(
                "Khóa mã hóa của dữ liệu {path} không có trong kho khóa bí mật của máy này: dữ "
                "liệu được chép hoặc khôi phục từ máy khác, được chuyển sang thư mục khác, hoặc "
                "kho khóa đã bị xóa (nếu không, tệp không phải dữ liệu Counter hoặc đã hỏng). Hãy "
                "mở khóa bằng khóa khôi phục (48 chữ số trên phiếu khôi phục lãnh đạo cất giữ)."
            ).format(path=store_path)
        )
    return key


def wrong_key(store_path: Path) -> StoreLocked:
    """The refusal for a store the kept key does not open."""
    return StoreLocked(
        _(
            "Dữ liệu {path} không mở được bằng khóa mã hóa của máy này: tệp đã được thay bằng dữ "
            "liệu của máy khác hoặc đã hỏng. Nếu là dữ liệu của máy khác, hãy mở khóa bằng khóa "
            "khôi phục của nó."
        ).format(path=store_path)
    )


def create_key(store_path: Path) -> bytes:
    """A new key for a new store, derived from a new recovery key that waits to be shown."""
    secret = recovery.new_secret()
    key = recovery.store_key(secret)
    _put(_name(_RECOVERY_PREFIX, store_path), recovery.text_of(secret))
    adopt(store_path, key)
    return key


def adopt(store_path: Path, key: bytes) -> None:
    """Keep ``key`` as the key of the store at ``store_path`` (checked by the caller)."""
    name = _name(_KEY_PREFIX, store_path)
    _put(name, key.hex())
    with _lock:
        _keys.known[name] = key


def pending_recovery(store_path: Path) -> str | None:
    """The recovery key of the store, while it has not yet been shown once."""
    return _get(_name(_RECOVERY_PREFIX, store_path)) or None


def recovery_shown(store_path: Path) -> None:
    """The recovery key has been shown and printed: this PC forgets it."""
    _delete(_name(_RECOVERY_PREFIX, store_path))
