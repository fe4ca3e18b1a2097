"""The state machine checked pair by pair against the hand-written table of the dossier's life."""

from __future__ import annotations

import itertools

import pytest

from counter_app.domain.errors import TransitionNotAllowed
from counter_app.domain.lifecycle import (
    FINANCIAL_OBLIGATION,
    TRANSITIONS,
    EventType,
    State,
    allowed_events,
    next_state,
    portal_status,
)
from tests.domain.transition_table import (
    EVENTS,
    LAWFUL,
    NEW,
    PAUSED_FOR_FINANCIAL_OBLIGATION,
    PORTAL,
    target,
)

STATES: list[str | None] = [None, *(state for state in LAWFUL if state != NEW)]
PAIRS = list(itertools.product(STATES, EVENTS))


def test_the_table_names_every_state_and_event_of_the_code() -> None:
    assert {state for state in LAWFUL if state != NEW} == {state.value for state in State}
    assert set(EVENTS) == {event.value for event in EventType} == set(TRANSITIONS)


@pytest.mark.parametrize(("state", "event"), PAIRS)
def test_each_pair_is_allowed_or_forbidden_as_the_table_says(state: str | None, event: str) -> None:
    current = State(state) if state else None
    expected = target(state, event)
    if expected is None:
        with pytest.raises(TransitionNotAllowed):
            next_state(current, EventType(event))
        assert EventType(event) not in allowed_events(current)
    else:
        assert next_state(current, EventType(event)) is State(expected)
        assert EventType(event) in allowed_events(current)


def test_the_forbidden_pairs_are_most_of_the_table() -> None:
    forbidden = [pair for pair in PAIRS if target(*pair) is None]
    assert len(forbidden) == len(PAIRS) - sum(len(row) for row in LAWFUL.values())
    assert ("resolved", "stopped") in forbidden
    assert ("resolved", "withdrawn") in forbidden
    assert ("paused", "resolved") in forbidden


@pytest.mark.parametrize("state", [state for state in LAWFUL if state != NEW])
def test_portal_code_of_each_state(state: str) -> None:
    assert portal_status(State(state)) == PORTAL[state]


def test_a_pause_for_a_financial_obligation_is_portal_code_6() -> None:
    paused = portal_status(State.PAUSED, FINANCIAL_OBLIGATION)
    assert paused == PAUSED_FOR_FINANCIAL_OBLIGATION
