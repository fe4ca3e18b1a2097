"""Driver-level inserts for the intake hot path.

SQLAlchemy's statement machinery costs more than SQLite itself for the handful of small
statements one dossier needs; these helpers send prebuilt SQL straight to the sqlite3
connection inside the same transaction, converting values exactly as the column types do.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Connection, Table

from counter_app import store_cipher
from counter_app.models.base import to_utc_text


def driver(db: Connection) -> sqlite3.Connection:
    """The driver connection under ``db`` (same transaction): SQLCipher's, with sqlite3's API."""
    connection = db.connection.driver_connection
    assert isinstance(connection, store_cipher.Connection)
    return cast(sqlite3.Connection, connection)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_CONVERTERS: dict[type, Any] = {
    datetime: to_utc_text,
    date: date.isoformat,
    dict: _json,
    list: _json,
}


def to_db(value: Any) -> Any:
    """A Python value as the store's column types write it (one dict look-up per value)."""
    convert = _CONVERTERS.get(type(value))
    return value if convert is None else convert(value)


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    marks = ",".join("?" * len(columns))
    return f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})"


def insert_rows(db: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (all with the same keys) into ``table``."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql = _insert_sql(table.name, columns)
    values = [tuple(to_db(row[name]) for name in columns) for row in rows]
    if len(values) == 1:
        driver(db).execute(sql, values[0])
    else:
        driver(db).executemany(sql, values)
