"""The due board: open dossiers late, due today or due soon, with hand-computed dates.

RESIDENCE has a limit of 7 working days; March 2026 has no public holiday, so a dossier
received on a weekday at 09:00 is due at 09:00 seven weekdays later.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType, State
from counter_app.services.due_board import DueList, due_limits, due_list, due_query
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.factories import request, vn

NOW = vn(2026, 3, 18, 10)  # Wednesday 18/3/2026 10:00


def _receive(station: Station, day: int, hour: int = 9) -> str:
    at = vn(2026, 3, day, hour)
    return station.receive(request(received_at=at), actor="clerk", now=at).code


def _list(station: Station, within_days: int = 3, per_group: int = 500) -> DueList:
    with station.store.read() as db:
        return due_list(
            db, calendar=station.calendar(), now=NOW, within_days=within_days, per_group=per_group
        )


def _rows(station: Station, within_days: int = 3) -> list[tuple[str, str, int]]:
    return [(row.code, row.group, row.days_late) for row in _list(station, within_days).rows]


def test_limits_count_working_days_from_today(station: Station) -> None:
    calendar = station.calendar()
    end_today, limit = due_limits(calendar=calendar, now=NOW, within_days=3)
    assert end_today == vn(2026, 3, 19)
    assert limit == vn(2026, 3, 24)  # Thu 19, Fri 20, (weekend), Mon 23 → end of Mon 23/3
    assert due_limits(calendar=calendar, now=NOW, within_days=0) == (end_today, end_today)
    with pytest.raises(InvalidInput):
        due_limits(calendar=calendar, now=NOW, within_days=-1)


def test_groups_order_and_days_late(station: Station) -> None:
    oldest = _receive(station, 2)  # Mon 2/3 → due Wed 11/3 09:00: late 12,13,16,17,18 = 5
    older = _receive(station, 4)  # Wed 4/3 → due Fri 13/3 09:00: late 16,17,18 = 3
    this_morning = _receive(station, 9)  # Mon 9/3 09:00 → due Wed 18/3 09:00: late, 0 days
    afternoon = _receive(station, 9, 14)  # Mon 9/3 14:00 → due Wed 18/3 14:00: today
    tomorrow = _receive(station, 10)  # Tue 10/3 → due Thu 19/3 09:00: soon
    monday = _receive(station, 12)  # Thu 12/3 → due Mon 23/3 09:00: soon (3rd working day)
    tuesday = _receive(station, 13)  # Fri 13/3 → due Tue 24/3 09:00: beyond 3 days
    assert station.dossier(monday).due_at == vn(2026, 3, 23, 9)
    assert station.dossier(oldest).due_at == vn(2026, 3, 11, 9)
    assert _rows(station) == [
        (oldest, "late", 5),
        (older, "late", 3),
        (this_morning, "late", 0),
        (afternoon, "today", 0),
        (tomorrow, "soon", 0),
        (monday, "soon", 0),
    ]
    late_today = next(row for row in _list(station).rows if row.code == this_morning)
    assert late_today.hours_late == 1  # due 09:00, now 10:00
    assert late_today.procedure_name == "Đăng ký thường trú"
    assert [code for code, _group, _days in _rows(station, 4)][-1] == tuesday
    assert [code for code, _group, _days in _rows(station, 0)][-1] == afternoon


def test_closed_dossiers_are_left_out_and_apologies_counted(station: Station) -> None:
    resolved = _receive(station, 2)
    for event, data in (
        (EventType.TRANSFERRED, StepInput(to="Công an phường")),
        (EventType.PROCESSING_STARTED, StepInput()),
        (EventType.RESOLVED, StepInput(result="Đã đăng ký")),
    ):
        station.step(resolved, event, data, actor="clerk", now=vn(2026, 3, 12, 9))
    apologised = _receive(station, 3)  # Tue 3/3 → due Thu 12/3 09:00
    station.step(
        apologised,
        EventType.APOLOGISED,
        StepInput(new_due_at=vn(2026, 3, 16, 9), reason="Chờ xác minh"),
        actor="leader",
        now=vn(2026, 3, 12, 8),
    )
    listed = _list(station)
    rows = listed.rows
    assert [row.code for row in rows] == [apologised]
    row = rows[0]
    assert row.due_at == vn(2026, 3, 16, 9)
    assert (row.group, row.days_late, row.apology_count) == ("late", 2, 1)  # 17, 18
    assert row.state is State.RECEIVED
    assert row.state_label == "Đã tiếp nhận"
    assert row.applicant_name
    assert listed.counts == {"late": 1, "today": 0, "soon": 0} and not listed.shortened


def test_each_group_is_listed_up_to_a_bound_and_counted_whole(station: Station) -> None:
    late = [_receive(station, day) for day in (2, 3, 4)]  # due 11, 12, 13/3: all late
    today = [_receive(station, 9, hour) for hour in (14, 15)]  # due 18/3 14:00 and 15:00
    soon = _receive(station, 10)  # due Thu 19/3 09:00
    listed = _list(station, per_group=2)
    assert [row.code for row in listed.rows] == [late[0], late[1], *today, soon]
    assert listed.counts == {"late": 3, "today": 2, "soon": 1} and listed.shortened
    assert not _list(station, per_group=3).shortened


@pytest.mark.parametrize("since", [None, NOW])
def test_query_uses_the_state_due_index(station: Station, since: datetime | None) -> None:
    query = due_query(since, vn(2026, 3, 24))
    with station.store.read() as db:
        compiled = query.compile(db, compile_kwargs={"render_postcompile": True})
        names = compiled.positiontup or []
        values = tuple(compiled.construct_params()[name] for name in names)
        plan = db.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values).all()
    details = " ".join(str(step[-1]) for step in plan)
    assert "ix_dossiers_state_due" in details
