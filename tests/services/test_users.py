from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.services.user_types import Role
from counter_app.services.users import authenticate, create_user, has_users, list_users
from counter_app.station import Station


def _add(station: Station, username: str = "an", password: str = "mat-khau-1") -> None:
    with station.store.write() as db:
        create_user(db, username=username, full_name="Lê Văn An", role="clerk", password=password)


def test_first_user_makes_has_users_true(station: Station) -> None:
    with station.store.read() as db:
        assert not has_users(db)
    _add(station)
    with station.store.read() as db:
        assert has_users(db)
        assert [u.username for u in list_users(db)] == ["an"]


def test_authenticate_returns_the_user_and_never_the_hash(station: Station) -> None:
    _add(station, username="An")
    with station.store.read() as db:
        user = authenticate(db, username=" an ", password="mat-khau-1")
    assert user.username == "an"
    assert user.role is Role.CLERK
    assert not hasattr(user, "password_hash")


def test_password_is_stored_as_argon2(station: Station) -> None:
    _add(station)
    with station.store.read() as db:
        stored = db.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert stored.startswith("$argon2id$")
    assert "mat-khau-1" not in stored


def test_wrong_password_and_unknown_user_give_the_same_message(station: Station) -> None:
    _add(station)
    with station.store.read() as db:
        with pytest.raises(InvalidInput) as wrong:
            authenticate(db, username="an", password="sai-mat-khau")
        with pytest.raises(InvalidInput) as unknown:
            authenticate(db, username="khong-co", password="mat-khau-1")
    assert wrong.value.message == unknown.value.message
    assert "không đúng" in wrong.value.message


def test_inactive_user_is_refused_with_the_same_message(station: Station) -> None:
    _add(station)
    with station.store.write() as db:
        db.exec_driver_sql("UPDATE users SET active = 0")
    with station.store.read() as db, pytest.raises(InvalidInput, match="không đúng"):
        authenticate(db, username="an", password="mat-khau-1")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("password", "ngan", "ít nhất 8"),
        ("role", "boss", "Vai trò"),
        ("username", "le an", "dấu cách"),
        ("username", "", "."),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    station: Station, field: str, value: str, message: str
) -> None:
    values = {"username": "an", "full_name": "Lê Văn An", "role": "clerk", "password": "12345678"}
    values[field] = value
    with station.store.write() as db, pytest.raises(InvalidInput, match=message):
        create_user(db, **values)
    with station.store.read() as db:
        assert not has_users(db)


def test_taken_username_is_refused(station: Station) -> None:
    _add(station)
    with pytest.raises(InvalidInput, match="đã có"):
        _add(station, username="AN")


def test_reset_password_and_deactivate_but_never_the_last_admin(station: Station) -> None:
    station.create_user(username="qt", full_name="Quản Trị", role="admin", password="mat-khau-1")
    _add(station)
    station.reset_password("an", "mat-khau-moi")
    assert station.authenticate("an", "mat-khau-moi").username == "an"
    with pytest.raises(InvalidInput, match="ít nhất"):
        station.reset_password("an", "ngan")
    station.set_user_active("an", False)
    with pytest.raises(InvalidInput):
        station.authenticate("an", "mat-khau-moi")
    with pytest.raises(InvalidInput, match="quản trị viên cuối cùng"):
        station.set_user_active("qt", False)
    assert station.authenticate("qt", "mat-khau-1").active
    station.create_user(
        username="qt2", full_name="Quản Trị Hai", role="admin", password="mat-khau-2"
    )
    assert not station.set_user_active("qt", False).active
    assert [(u.username, u.active) for u in station.users()] == [
        ("an", False),
        ("qt", False),
        ("qt2", True),
    ]
