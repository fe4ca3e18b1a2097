from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.errors import TransitionNotAllowed
from counter_app.domain.lifecycle import (
    FINANCIAL_OBLIGATION,
    EventType,
    PortalStatus,
    State,
    allowed_events,
    next_state,
    portal_status,
)
from tests.domain.transition_table import target


def test_happy_path_reaches_returned() -> None:
    state = next_state(None, EventType.RECEIVED)
    for event in (EventType.TRANSFERRED, EventType.PROCESSING_STARTED, EventType.RESOLVED):
        state = next_state(state, event)
    assert next_state(state, EventType.RETURNED) is State.RETURNED


def test_supplement_at_counter_then_received() -> None:
    state = next_state(None, EventType.SUPPLEMENT_REQUESTED)
    assert state is State.PENDING_SUPPLEMENT
    assert next_state(state, EventType.SUPPLEMENT_RECEIVED) is State.RECEIVED


def test_supplement_during_processing_returns_to_progress() -> None:
    state = next_state(State.IN_PROGRESS, EventType.SUPPLEMENT_REQUESTED)
    assert state is State.SUPPLEMENT_REQUESTED
    assert next_state(state, EventType.SUPPLEMENT_RECEIVED) is State.IN_PROGRESS


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (State.RECEIVED, EventType.RETURNED),
        (State.RESOLVED, EventType.WITHDRAWN),
        (State.RETURNED, EventType.RESOLVED),
        (State.REFUSED, EventType.TRANSFERRED),
        (State.PAUSED, EventType.RESOLVED),
        (State.IN_PROGRESS, EventType.RECEIVED),
        (None, EventType.RESOLVED),
    ],
)
def test_forbidden_steps_say_why(state: State | None, event: EventType) -> None:
    with pytest.raises(TransitionNotAllowed) as raised:
        next_state(state, event)
    assert "Không thể" in raised.value.message


def test_portal_codes_follow_the_national_list() -> None:
    assert portal_status(State.RECEIVED) is PortalStatus.RECEIVED
    assert portal_status(State.REFUSED) == 3
    assert portal_status(State.IN_PROGRESS) == 4
    assert portal_status(State.PENDING_SUPPLEMENT) == 5
    assert portal_status(State.PAUSED, FINANCIAL_OBLIGATION) == 6
    assert portal_status(State.PAUSED, "verification") == 4
    assert portal_status(State.WITHDRAWN) == 7
    assert portal_status(State.STOPPED) == 8
    assert portal_status(State.RESOLVED) == 9
    assert portal_status(State.RETURNED) == 10


def test_withdrawal_allowed_before_result_only() -> None:
    assert EventType.WITHDRAWN in allowed_events(State.PAUSED)
    assert EventType.WITHDRAWN not in allowed_events(State.RESOLVED)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(EventType)), max_size=12))
def test_any_event_sequence_follows_the_hand_written_table(events: list[EventType]) -> None:
    state: State | None = None
    for event in events:
        expected = target(state.value if state else None, event.value)
        if expected is None:
            with pytest.raises(TransitionNotAllowed):
                next_state(state, event)
        else:
            state = next_state(state, event)
            assert state is State(expected)
