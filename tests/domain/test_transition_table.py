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
    event_label,
    next_state,
    portal_status,
)
from counter_app.i18n import set_language
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


def test_a_forbidden_step_names_the_step_and_the_state() -> None:
    with pytest.raises(TransitionNotAllowed) as raised:
        next_state(State.RESOLVED, EventType.STOPPED)
    assert (
        raised.value.message
        == "Không thể «Dừng xử lý» khi hồ sơ đang ở trạng thái «Đã có kết quả»."
    )
    assert raised.value.field == "event"


def test_a_step_on_a_dossier_that_does_not_exist_says_so() -> None:
    with pytest.raises(TransitionNotAllowed) as raised:
        next_state(None, EventType.RESUMED)
    assert raised.value.message == "Không thể «Tiếp tục xử lý» khi hồ sơ chưa được tạo."


def test_in_english_the_step_and_the_state_use_their_own_words() -> None:
    """ "Tạm dừng" is both a state (Paused) and a step (Pause): the step's context decides."""
    set_language("en")
    assert event_label(EventType.PAUSED) == "Pause"
    with pytest.raises(TransitionNotAllowed) as raised:
        next_state(State.PAUSED, EventType.PAUSED)
    assert raised.value.message == "Cannot «Pause» while the dossier is «Paused»."
