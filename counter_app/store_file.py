"""The store's file as sqlite3 sees it, before SQLAlchemy loads.

Most starts open a store that already holds the newest schema: that is read here from the
``alembic_version`` table and the shipped migration files as text, so the window can show
before SQLAlchemy, the models and Alembic are imported. Any other file (new, older, newer,
foreign, unencrypted, or one this PC holds no key for) is opened the full way at once, which
encrypts and upgrades it after a backup, or refuses it saying why.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from counter_app import store_cipher
from counter_app.resources import package_dir

STORE_FILENAME = "counter.sqlite3"
MIGRATIONS_DIR = package_dir("counter_app", "models", "migrations")


def shipped_head(migrations: Path = MIGRATIONS_DIR) -> str | None:
    """The newest revision among the shipped migration files, read as text (no Alembic);
    None unless exactly one revision is nobody's parent."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (migrations / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        for line in re.findall(r"^revision\b.*$", text, re.MULTILINE):
            revisions.update(re.findall(r"[\"']([^\"']+)[\"']", line))
        for line in re.findall(r"^down_revision\b.*$", text, re.MULTILINE):
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", line))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def revision(conn: sqlite3.Connection) -> str | None:
    """The schema revision recorded in the store on ``conn``; None without exactly one."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if found is None:
        return None
    rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def at_head(conn: sqlite3.Connection, migrations: Path = MIGRATIONS_DIR) -> bool:
    """True when the store on ``conn`` already holds the newest shipped schema."""
    found = revision(conn)
    return found is not None and found == shipped_head(migrations)


def connect(path: Path, key: bytes) -> sqlite3.Connection:
    """A driver connection for a few reads (the store's writers wait for each other)."""
    return store_cipher.connect(path, key)


def is_current(path: Path, key: bytes | None) -> bool:
    """True when ``path`` is an existing store that ``key`` opens, at the newest schema; False
    for anything else."""
    if key is None or not path.is_file():
        return False
    try:
        conn = connect(path, key)
        try:
            return at_head(conn)
        finally:
            conn.close()
    except (store_cipher.Error, store_cipher.CannotDecrypt):  # the full way decides and says
        return False
