"""From events to a statistics trail, as the server builds it: causal order, only the steps
statistics count, and the payload fields each step type carries (DESIGN.md §3: events are
folded in HLC order, ties broken by station and seq)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from counter_app.domain.events import EventRecord
from counter_app.domain.statistics import Step
from counter_app.domain.trails import trail

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
DUE = "2026-03-19T09:00:00+07:00"
AT = "2026-03-10T09:00:00+07:00"


def _event(
    seq: int, type_: str, hlc: int, payload: dict[str, object], station: str = "s"
) -> EventRecord:
    return EventRecord(
        id=f"{station}{seq}",
        dossier_id="d",
        station_id=station,
        seq=seq,
        type=type_,
        actor=f"actor{seq}",
        wall_clock=T0 + timedelta(hours=seq),
        hlc=hlc,
        payload=payload,
    )


def test_a_trail_keeps_its_attributes_and_orders_steps_by_clock_then_station_then_seq() -> None:
    events = [
        _event(3, "returned", 30, {"method": "post", "rating": "satisfied"}),
        _event(2, "resolved", 20, {"result": "x"}, station="b"),
        _event(
            1, "received", 10, {"due_at": DUE, "received_at": AT, "dossier": {"digitised": True}}
        ),
        _event(4, "printed", 25, {"kind": "slip"}),  # not a statistics step
        _event(5, "resolved", 20, {"result": "x"}, station="a"),  # same clock: station a first
    ]
    built = trail(
        events, procedure="1.000001", field="Hộ tịch", channel="online", return_method="post"
    )
    assert (built.procedure, built.field, built.channel, built.return_method) == (
        "1.000001",
        "Hộ tịch",
        "online",
        "post",
    )
    assert list(built.steps) == [
        Step(
            "received",
            T0 + timedelta(hours=1),
            "actor1",
            datetime.fromisoformat(DUE),
            datetime.fromisoformat(AT),
            None,
            None,
            True,
        ),
        Step("resolved", T0 + timedelta(hours=5), "actor5"),
        Step("resolved", T0 + timedelta(hours=2), "actor2"),
        Step("returned", T0 + timedelta(hours=3), "actor3", method="post", rating="satisfied"),
    ]


def test_fields_of_the_wrong_type_or_step_are_not_read() -> None:
    events = [
        _event(1, "received", 1, {"due_at": 5, "received_at": AT, "method": "post"}),
        _event(2, "resolved", 2, {"due_at": DUE, "rating": "satisfied"}),
    ]
    built = trail(events, procedure="p", field="f", channel="direct", return_method="counter")
    assert built.steps[0] == Step(
        "received", T0 + timedelta(hours=1), "actor1", None, datetime.fromisoformat(AT)
    )
    assert built.steps[1] == Step("resolved", T0 + timedelta(hours=2), "actor2")


def test_a_tie_of_clock_and_station_is_broken_by_seq() -> None:
    events = [
        _event(2, "resolved", 7, {"result": "x"}),
        _event(1, "received", 7, {"due_at": DUE, "received_at": AT}),
    ]
    built = trail(events, procedure="p", field="f", channel="direct", return_method="counter")
    assert [step.type for step in built.steps] == ["received", "resolved"]
