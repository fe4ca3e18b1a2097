"""The people who log in at a station: argon2 password hashes and three roles (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, func, select

from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.text import clean
from counter_app.i18n import _
from counter_app.models.rows import driver
from counter_app.models.tables import USERS
from counter_app.services import first_reads
from counter_app.services.eventlog import new_id
from counter_app.services.first_reads import hasher
from counter_app.services.user_types import (
    FULL_NAME_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    USERNAME_MAX,
    Role,
    UserInfo,
    parse_role,
)


def _username(text: str) -> str:
    name = clean(text, field="username", max_length=USERNAME_MAX, label=_("Tên đăng nhập")).lower()
    if any(ch.isspace() for ch in name):
        raise InvalidInput(_("Tên đăng nhập không được chứa dấu cách."), field="username")
    return name


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
    checked_role = parse_role(role)
    full = clean(full_name, field="full_name", max_length=FULL_NAME_MAX, label=_("Họ và tên"))
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
            password_hash=hasher.hash(password),
            active=True,
            created_at=datetime.now(UTC),
        )
    )
    return user


def authenticate(db: Connection, *, username: str, password: str) -> UserInfo:
    """The active user with this name and password; one message for every refusal."""
    return first_reads.authenticate(driver(db), username=username, password=password)


def has_users(db: Connection) -> bool:
    """True once the first user (the administrator) exists."""
    return first_reads.has_users(driver(db))


def reset_password(db: Connection, *, username: str, password: str) -> UserInfo:
    """Give ``username`` a new password (argon2 hash)."""
    user = _find(db, username)
    _check_password(password)
    db.execute(
        USERS.update().where(USERS.c.id == user.id).values(password_hash=hasher.hash(password))
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
    return UserInfo(row.id, row.username, row.full_name, parse_role(row.role), bool(row.active))


def list_users(db: Connection) -> list[UserInfo]:
    """Every user, by username."""
    rows = db.execute(select(USERS).order_by(USERS.c.username)).all()
    return [
        UserInfo(row.id, row.username, row.full_name, parse_role(row.role), bool(row.active))
        for row in rows
    ]


def display_name(db: Connection, username: str) -> str:
    """The full name printed for ``username`` (the name itself when no such user exists)."""
    name = db.execute(select(USERS.c.full_name).where(USERS.c.username == username)).scalar()
    return name or username
