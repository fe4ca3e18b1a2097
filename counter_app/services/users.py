"""The people who log in at a station: argon2 password hashes and three roles (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, select

from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.text import clean
from counter_app.i18n import _
from counter_app.models.tables import USERS
from counter_app.services.eventlog import new_id

PASSWORD_MIN = 8
PASSWORD_MAX = 200
USERNAME_MAX = 50
FULL_NAME_MAX = 200

_hasher = PasswordHasher()


# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
@cache
def _dummy_hash() -> str:
    """The stand-in hash, made on first use rather than at import (hashing is slow on purpose)."""
    return _hasher.hash("counter-no-such-user")


class Role(StrEnum):
    """What a user may do: receive and return, also sign off, also administer."""

    CLERK = "clerk"
    LEADER = "leader"
    ADMIN = "admin"


@dataclass(frozen=True)
class UserInfo:
    """A user as the GUI sees it (never the hash)."""

    id: str
    username: str
    full_name: str
    role: Role
    active: bool


def _login_error() -> InvalidInput:
    return InvalidInput(
        _("Tên đăng nhập hoặc mật khẩu không đúng; hãy nhập lại."), field="password"
    )


def _username(text: str) -> str:
    name = clean(text, field="username", max_length=USERNAME_MAX).lower()
    if any(ch.isspace() for ch in name):
        raise InvalidInput(_("Tên đăng nhập không được chứa dấu cách."), field="username")
    return name


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(
            _("Vai trò phải là cán bộ (clerk), lãnh đạo (leader) hoặc quản trị (admin)."),
            field="role",
        ) from None


def _check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(
            _("Mật khẩu phải có ít nhất {n} ký tự.").format(n=PASSWORD_MIN), field="password"
        )
    if len(password) > PASSWORD_MAX:
        raise InvalidInput(_("Mật khẩu dài quá 200 ký tự."), field="password")


def create_user(
    db: Connection, *, username: str, full_name: str, role: str, password: str
) -> UserInfo:
    """Add a user with an argon2 hash of ``password``; refuse a taken name or a short password."""
    name = _username(username)
    checked_role = _role(role)
    full = clean(full_name, field="full_name", max_length=FULL_NAME_MAX)
    _check_password(password)
    if db.execute(select(USERS.c.id).where(USERS.c.username == name)).first() is not None:
        raise InvalidInput(
            _("Tên đăng nhập «{name}» đã có; hãy chọn tên khác.").format(name=name),
            field="username",
        )
    user = UserInfo(new_id(), name, full, checked_role, True)
    db.execute(
        USERS.insert().values(
            id=user.id,
            username=name,
            full_name=full,
            role=checked_role.value,
            password_hash=_hasher.hash(password),
            active=True,
            created_at=datetime.now(UTC),
        )
    )
    return user


def authenticate(db: Connection, *, username: str, password: str) -> UserInfo:
    """The active user with this name and password; one message for every refusal."""
    row = db.execute(
        select(USERS).where(USERS.c.username == username.strip().lower()[:USERNAME_MAX])
    ).first()
    stored = _dummy_hash() if row is None else row.password_hash
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        raise _login_error() from None
    if row is None or not row.active:
        raise _login_error()
    return UserInfo(row.id, row.username, row.full_name, _role(row.role), bool(row.active))


def has_users(db: Connection) -> bool:
    """True once the first user (the administrator) exists."""
    return bool(db.execute(select(func.count()).select_from(USERS)).scalar())


def reset_password(db: Connection, *, username: str, password: str) -> UserInfo:
    """Give ``username`` a new password (argon2 hash)."""
    user = _find(db, username)
    _check_password(password)
    db.execute(
        USERS.update().where(USERS.c.id == user.id).values(password_hash=_hasher.hash(password))
    )
    return user


def set_active(db: Connection, *, username: str, active: bool) -> UserInfo:
    """Let ``username`` log in again, or no longer; the last active administrator stays."""
    user = _find(db, username)
    if not active and user.role is Role.ADMIN and user.active and _active_admins(db) <= 1:
        raise InvalidInput(
            _("Không thể khóa quản trị viên cuối cùng; hãy tạo quản trị viên khác trước."),
            field="username",
        )
    db.execute(USERS.update().where(USERS.c.id == user.id).values(active=active))
    return UserInfo(user.id, user.username, user.full_name, user.role, active)


def _active_admins(db: Connection) -> int:
    query = select(func.count()).where(USERS.c.role == Role.ADMIN.value, USERS.c.active.is_(True))
    return int(db.execute(query.select_from(USERS)).scalar() or 0)


def _find(db: Connection, username: str) -> UserInfo:
    row = db.execute(
        select(USERS).where(USERS.c.username == username.strip().lower()[:USERNAME_MAX])
    ).first()
    if row is None:
        raise NotFound(
            _("Không có người dùng «{name}».").format(name=username.strip()[:USERNAME_MAX]),
            field="username",
        )
    return UserInfo(row.id, row.username, row.full_name, _role(row.role), bool(row.active))


def list_users(db: Connection) -> list[UserInfo]:
    """Every user, by username."""
    rows = db.execute(select(USERS).order_by(USERS.c.username)).all()
    return [
        UserInfo(row.id, row.username, row.full_name, _role(row.role), bool(row.active))
        for row in rows
    ]
