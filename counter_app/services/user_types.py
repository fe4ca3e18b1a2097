"""Users as the window sees them: the three roles and a user without its hash.

Plain values only (no SQLAlchemy, no Qt), so the login dialog and the window can import them
before the store's models have loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

PASSWORD_MIN = 8
PASSWORD_MAX = 200
USERNAME_MAX = 50
FULL_NAME_MAX = 200


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


def parse_role(text: str) -> Role:
    """The role named ``text``, or InvalidInput."""
    try:
        return Role(text)
    except ValueError:
        raise InvalidInput(
            _("Vai trò phải là cán bộ (clerk), lãnh đạo (leader) hoặc quản trị (admin)."),
            field="role",
        ) from None
