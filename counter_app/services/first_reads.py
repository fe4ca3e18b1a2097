"""The reads the window needs before it shows, sent straight to sqlite3.

Who may log in, the password check, the station's identity and the stored settings: the login
dialog and the main window need them first, before SQLAlchemy and the store's models have
loaded (that import is most of a cold start). The services call the same functions on their
connection's driver, so each read exists once.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.services.context import StationIdentity
from counter_app.services.user_types import USERNAME_MAX, UserInfo, parse_role
from counter_app.settings import OPTIONS

hasher = PasswordHasher()

_IDENTITY = (
    "SELECT stations.id, stations.name, stations.slot, agencies.code, agencies.name,"
    " agencies.parent_name, agencies.place_name"
    " FROM stations JOIN agencies ON agencies.code = stations.agency_code"
    " WHERE stations.is_local = 1"
)
_USER = "SELECT id, username, full_name, role, password_hash, active FROM users WHERE username = ?"


# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
@cache
def _dummy_hash() -> str:
    """The stand-in hash, made on first use rather than at import (hashing is slow on purpose)."""
    return hasher.hash("counter-no-such-user")


def load_identity(conn: sqlite3.Connection) -> StationIdentity | None:
    """The local station and its agency, or None before ``init``."""
    row = conn.execute(_IDENTITY).fetchone()
    if row is None:
        return None
    return StationIdentity(*row)


def has_users(conn: sqlite3.Connection) -> bool:
    """True once the first user (the administrator) exists."""
    return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def _login_error() -> InvalidInput:
    return InvalidInput(
        _("Tên đăng nhập hoặc mật khẩu không đúng; hãy nhập lại."), field="password"
    )


def authenticate(conn: sqlite3.Connection, *, username: str, password: str) -> UserInfo:
    """The active user with this name and password; one message for every refusal."""
    row = conn.execute(_USER, (username.strip().lower()[:USERNAME_MAX],)).fetchone()
    stored = _dummy_hash() if row is None else row[4]
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise _login_error() from None
    if row is None or not row[5]:
        raise _login_error()
    return UserInfo(row[0], row[1], row[2], parse_role(row[3]), bool(row[5]))


def is_stored(conn: sqlite3.Connection, key: str) -> bool:
    """True when the setting ``key`` has been saved (else its default applies)."""
    return conn.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone() is not None


def read_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every declared setting: the stored value (JSON text) or its default."""
    stored = {
        key: None if value is None else json.loads(value)
        for key, value in conn.execute("SELECT key, value FROM settings")
    }
    return {key: stored.get(key, option.default) for key, option in OPTIONS.items()}


def confirmed_calendar_years(conn: sqlite3.Connection) -> dict[int, str]:
    """Years without a shipped decision that the server or the administrator confirmed."""
    return {int(year): str(source) for year, source in conn.execute(_CALENDAR_YEARS)}


_CALENDAR_YEARS = "SELECT year, source FROM calendar_years"
