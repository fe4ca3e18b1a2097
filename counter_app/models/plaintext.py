"""Stores and backups written by an earlier Counter, unencrypted, encrypted in place.

A file is replaced by its encrypted copy in three steps, each safe to interrupt: the encrypted
copy is written and made durable beside it (``.encrypting``); the clear file gets a second name
(``.plaintext``, a hard link) and the copy takes its place in one rename; the clear bytes are then
overwritten with zeros and the second name removed. Whatever a crash leaves is finished by the
next full opening (:func:`sweep`). Zeros reach the disk's blocks on a magnetic disk; an SSD or a
copy-on-write file system may keep older blocks, which only full-disk encryption covers.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from counter_app import store_cipher

log = logging.getLogger(__name__)
ENCRYPTING = ".encrypting"
CLEAR = ".plaintext"
_CHUNK = 1 << 20


def make_single_file(path: Path) -> None:
    """Fold the clear store's WAL into it and leave rollback-journal mode, so that the file
    alone holds everything and no clear ``-wal`` or ``-shm`` is left beside it."""
    connection = store_cipher.dbapi.connect(str(path))
    try:
        connection.execute("PRAGMA busy_timeout=10000")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Replace the clear SQLite file ``path`` by an encrypted copy under ``key``."""
    finish_interrupted(path)
    staged, clear = _beside(path, ENCRYPTING), _beside(path, CLEAR)
    store_cipher.encrypt_copy(path, staged, key)
    os.link(path, clear)
    os.replace(staged, path)
    _sync_folder(path.parent)
    shred(clear)


def finish_interrupted(path: Path) -> None:
    """Clear away what an interrupted :func:`encrypt_in_place` of ``path`` left: a partial copy,
    and the clear file's second name, shredded once the encrypted copy has taken its place."""
    staged, clear = _beside(path, ENCRYPTING), _beside(path, CLEAR)
    staged.unlink(missing_ok=True)
    if not clear.exists():
        return
    if path.exists() and os.path.samefile(path, clear):
        clear.unlink()  # interrupted before the swap: ``path`` is still the clear file
    else:
        shred(clear)


def sweep(folder: Path, key: bytes) -> int:
    """Finish interrupted encryptions and encrypt every clear SQLite file in ``folder`` (backups
    written before encryption); return how many were encrypted."""
    if not folder.is_dir():
        return 0
    for suffix in (ENCRYPTING, CLEAR):
        for leftover in folder.glob(f"*{suffix}"):
            finish_interrupted(leftover.with_name(leftover.name.removesuffix(suffix)))
    encrypted = 0
    for candidate in sorted(folder.iterdir()):
        if candidate.is_file() and store_cipher.is_plaintext(candidate):
            encrypt_in_place(candidate, key)
            encrypted += 1
    if encrypted:
        log.info("encrypted %d clear backup(s) in %s", encrypted, folder)
    return encrypted


def shred(path: Path) -> None:
    """Overwrite ``path`` with zeros, make that durable, then remove it."""
    with contextlib.suppress(FileNotFoundError), open(path, "r+b") as handle:
        remaining = os.fstat(handle.fileno()).st_size
        zeros = bytes(_CHUNK)
        while remaining > 0:
            remaining -= handle.write(zeros[: min(_CHUNK, remaining)])
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink(missing_ok=True)


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
