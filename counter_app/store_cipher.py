"""The store's file encrypted at rest: every connection to it is opened here, with its key.

SQLCipher 4 (AES-256 in CBC per page with an HMAC-SHA512 over each page; the WAL's frames are
pages too) through the ``sqlcipher3`` binding, whose wheels carry SQLCipher and OpenSSL built in
for Linux and Windows alike. The key is 32 random bytes given raw (``x'…'``), so opening a
connection derives nothing: SQLCipher's slow passphrase derivation is for typed passwords.
Temporary tables and sorts stay in memory (SQLCipher's build sets ``SQLITE_TEMP_STORE=2``), so no
clear temporary file is written beside the store.

A wrong key and a file that is not a database look the same to SQLCipher (page 1 fails its
HMAC): :class:`CannotDecrypt` says both.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import cast

import sqlcipher3
from sqlcipher3 import dbapi2

dbapi = sqlcipher3  # the DB-API module SQLAlchemy's sqlite dialect is given
Connection = dbapi2.Connection
Error: type[Exception] = dbapi2.Error
DatabaseError: type[Exception] = dbapi2.DatabaseError
KEY_BYTES = 32
PLAINTEXT_HEADER = b"SQLite format 3\x00"  # how every unencrypted SQLite file begins
BUSY_TIMEOUT_MS = 10_000


class CannotDecrypt(Exception):
    """The file does not open with the key: another key, or not a store at all."""


def key_pragma(key: bytes) -> str:
    """The statement that gives a connection its raw key."""
    if len(key) != KEY_BYTES:
        raise ValueError("a store key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(path: Path | str, key: bytes, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the encrypted database at ``path`` (created when missing, unless
    ``read_only``), usable from any thread; CannotDecrypt when ``key`` does not open it."""
    target = f"{Path(path).resolve().as_uri()}?mode=ro" if read_only else str(path)
    connection = sqlcipher3.connect(target, uri=read_only, check_same_thread=False)
    try:
        _unlock(connection, key, path)
    except BaseException:
        connection.close()
        raise
    # one type for the code that reads through either module: sqlcipher3's is sqlite3's API
    return cast(sqlite3.Connection, connection)


def _unlock(connection: dbapi2.Connection, key: bytes, path: Path | str) -> None:
    connection.execute("PRAGMA cipher_log_level = NONE")  # refusals are ours to report
    connection.execute(key_pragma(key))
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as error:
        if "not a database" not in str(error):
            raise
        raise CannotDecrypt(str(path)) from None


def path_of(connection: sqlite3.Connection | dbapi2.Connection) -> str:
    """The file of the connection's main database ('' for one in memory)."""
    for _seq, name, file in connection.execute("PRAGMA database_list"):
        if name == "main":
            return str(file or "")
    return ""


def is_plaintext(path: Path) -> bool:
    """True when ``path`` is an unencrypted SQLite file (a store of an earlier Counter)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER
    except OSError:
        return False


def copy(source: Path, target: Path, key: bytes) -> None:
    """A consistent copy of the live encrypted database ``source`` into ``target`` through
    SQLite's backup API; both are encrypted with ``key``."""
    src = connect(source, key)
    try:
        dst = connect(target, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def encrypt_copy(plain: Path, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the unencrypted database ``plain`` to a new file ``target``
    (made durable before this returns); ``plain``'s content is only read."""
    if target.exists():
        raise FileExistsError(target)
    connection = sqlcipher3.connect(str(plain))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    _fsync(target)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
