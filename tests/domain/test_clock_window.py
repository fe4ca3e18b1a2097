"""The window an event's clocks must lie in (DESIGN.md §9: a station's clock or HLC outside a
bounded window is quarantined). The window as counter_app/domain/events.py states it: at most
24 hours ahead of the server's clock, for the wall clock and for the HLC (whose value packs
``(milliseconds << 16) | counter``); no wall clock before 1 January 2020, when no station had
written an event yet; an old HLC is fine (a station offline for weeks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from counter_app.domain.events import EventRecord, canonical_json, clock_fault, hlc_moment

SERVER = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
AHEAD = "Đồng hồ của máy trạm ghi {at}, đi trước máy chủ quá 24 giờ; sự kiện không được áp dụng."
BEFORE_2020 = "Đồng hồ của máy trạm ghi {at}, trước năm 2020; sự kiện không được áp dụng."


def _hlc(at: datetime, counter: int = 0) -> int:
    return (int(at.timestamp() * 1000) << 16) | counter


def _event(wall_clock: datetime, hlc: int | None = None) -> EventRecord:
    return EventRecord(
        id="e1",
        dossier_id="d",
        station_id="s",
        seq=1,
        type="received",
        actor="a",
        wall_clock=wall_clock,
        hlc=_hlc(wall_clock) if hlc is None else hlc,
    )


def test_the_hlc_carries_its_milliseconds_in_the_bits_above_the_counter() -> None:
    at = datetime(2026, 3, 10, 2, 0, 0, 123000, tzinfo=UTC)
    assert hlc_moment(_hlc(at, counter=65535)) == at
    assert hlc_moment(0) == datetime(1970, 1, 1, tzinfo=UTC)


def test_an_hlc_past_what_a_date_can_hold_is_the_end_of_time() -> None:
    assert hlc_moment(2**80) == datetime.max.replace(tzinfo=UTC)


def test_a_wall_clock_exactly_24_hours_ahead_is_inside_and_one_microsecond_more_is_not() -> None:
    edge = SERVER + timedelta(hours=24)
    assert clock_fault(_event(edge, hlc=_hlc(SERVER)), SERVER) is None
    late = edge + timedelta(microseconds=1)
    assert clock_fault(_event(late, hlc=_hlc(SERVER)), SERVER) == AHEAD.format(
        at="2026-03-11 02:00"
    )


def test_an_hlc_more_than_24_hours_ahead_is_refused_even_with_a_right_wall_clock() -> None:
    edge = SERVER + timedelta(hours=24)
    assert clock_fault(_event(SERVER, hlc=_hlc(edge, counter=65535)), SERVER) is None
    ahead = _event(SERVER, hlc=_hlc(edge + timedelta(milliseconds=1)))
    assert clock_fault(ahead, SERVER) == AHEAD.format(at="2026-03-11 02:00")
    assert clock_fault(_event(SERVER, hlc=2**80), SERVER) == AHEAD.format(at="9999-12-31 23:59")


def test_the_later_of_the_two_clocks_is_the_one_named() -> None:
    wall = SERVER + timedelta(days=3, hours=5, minutes=7)
    hlc = SERVER + timedelta(days=2)
    assert clock_fault(_event(wall, hlc=_hlc(hlc)), SERVER) == AHEAD.format(at="2026-03-13 07:07")
    assert clock_fault(_event(hlc, hlc=_hlc(wall)), SERVER) == AHEAD.format(at="2026-03-13 07:07")


def test_a_wall_clock_from_before_2020_is_a_reset_clock() -> None:
    first = datetime(2020, 1, 1, tzinfo=UTC)
    assert clock_fault(_event(first), SERVER) is None
    reset = first - timedelta(microseconds=1)
    assert clock_fault(_event(reset), SERVER) == BEFORE_2020.format(at="2019-12-31 23:59")


def test_old_events_and_an_old_hlc_are_inside() -> None:
    weeks_ago = SERVER - timedelta(weeks=6)
    assert clock_fault(_event(weeks_ago), SERVER) is None
    assert clock_fault(_event(SERVER, hlc=0), SERVER) is None


def test_canonical_json_has_sorted_keys_no_spaces_and_letters_as_they_are() -> None:
    # An event's hash covers this text (events.py), so every station and the server must write
    # the same text for the same value: keys sorted, no spaces, Vietnamese letters unescaped.
    value = {"tên": "Đức", "a": [1, {"z": None, "b": True}]}
    assert canonical_json(value) == '{"a":[1,{"b":true,"z":null}],"tên":"Đức"}'
