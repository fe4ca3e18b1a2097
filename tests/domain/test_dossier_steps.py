"""Each step of a dossier's life as the projection folds it (DESIGN.md §3; README "Rules"): a
supplement request counts and stops the clock, the supplement received restarts it with the
moved appointment and adds the papers; a pause records its ground and stops the clock, the
resumption clears it and moves the appointment; an apology gives the new date and counts;
the return records the fee and the rating. A dossier guided at the counter is accepted by the
supplement that completed it. An event that does not fit is skipped with its reason, and the
rest is folded (the rule for a log that holds other stations' events)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from counter_app.domain.dossier import fold, fold_kept
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import State

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
VN = timezone(timedelta(hours=7))
DOSSIER = {
    "code": "000.17.22.H56-260310-1001",
    "procedure_id": "p",
    "procedure_code": "1.004873",
    "applicant": {"name": "Nguyễn Văn Thử"},
    "channel": "direct",
    "return_method": "counter",
    "documents": [{"key": "d1"}],
}


def _event(seq: int, type_: str, payload: dict[str, object]) -> EventRecord:
    return EventRecord(
        id=f"e{seq}",
        dossier_id="d",
        station_id="s",
        seq=seq,
        type=type_,
        actor="clerk",
        wall_clock=T0 + timedelta(hours=seq),
        hlc=seq,
        payload=payload,
    )


RECEIVED = _event(
    1,
    "received",
    {
        "dossier": DOSSIER,
        "due_at": "2026-03-13T09:00:00+07:00",
        "received_at": "2026-03-10T09:00:00+07:00",
    },
)
STARTED = _event(2, "processing_started", {})


def test_a_supplement_request_counts_and_stops_the_clock_its_answer_restarts_it() -> None:
    asked = _event(3, "supplement_requested", {"reason": "thiếu giấy"})
    facts = fold([RECEIVED, STARTED, asked])
    assert facts is not None
    assert (facts.state, facts.supplement_count) == (State.SUPPLEMENT_REQUESTED, 1)
    assert facts.paused_at == T0 + timedelta(hours=3)
    answered = _event(
        4,
        "supplement_received",
        {"documents": [{"key": "d2"}], "due_at": "2026-03-16T09:00:00+07:00"},
    )
    facts = fold([RECEIVED, STARTED, asked, answered])
    assert facts is not None
    assert facts.state is State.IN_PROGRESS
    assert facts.paused_at is None
    assert facts.due_at == datetime(2026, 3, 16, 9, 0, tzinfo=VN)
    assert facts.original_due_at == datetime(2026, 3, 13, 9, 0, tzinfo=VN)
    assert facts.documents == ({"key": "d1"}, {"key": "d2"})
    assert facts.supplement_count == 1


def test_a_dossier_guided_at_the_counter_is_accepted_by_the_supplement_that_completed_it() -> None:
    guided = _event(1, "supplement_requested", {"dossier": DOSSIER, "reason": "hướng dẫn"})
    completed = _event(
        2,
        "supplement_received",
        {
            "documents": [{"key": "d2"}],
            "due_at": "2026-03-16T09:00:00+07:00",
            "received_at": "2026-03-11T09:00:00+07:00",
        },
    )
    facts = fold([guided, completed])
    assert facts is not None
    assert facts.state is State.RECEIVED
    assert facts.received_at == datetime(2026, 3, 11, 9, 0, tzinfo=VN)
    assert facts.due_at == facts.original_due_at == datetime(2026, 3, 16, 9, 0, tzinfo=VN)
    assert facts.documents == ({"key": "d1"}, {"key": "d2"})
    assert facts.paused_at is None


def test_a_pause_records_its_ground_and_the_resumption_moves_the_appointment() -> None:
    paused = _event(3, "paused", {"kind": "verification", "reason": "xác minh"})
    facts = fold([RECEIVED, STARTED, paused])
    assert facts is not None
    assert (facts.state, facts.pause_kind) == (State.PAUSED, "verification")
    assert facts.paused_at == T0 + timedelta(hours=3)
    resumed = _event(4, "resumed", {"due_at": "2026-03-17T09:00:00+07:00"})
    facts = fold([RECEIVED, STARTED, paused, resumed])
    assert facts is not None
    assert (facts.state, facts.pause_kind, facts.paused_at) == (State.IN_PROGRESS, None, None)
    assert facts.due_at == datetime(2026, 3, 17, 9, 0, tzinfo=VN)


def test_an_apology_gives_the_new_date_and_counts_and_the_return_records_fee_and_rating() -> None:
    apologies = [
        _event(3, "apologised", {"new_due_at": "2026-03-20T09:00:00+07:00"}),
        _event(4, "apologised", {"new_due_at": "2026-03-24T09:00:00+07:00"}),
    ]
    resolved = _event(5, "resolved", {"result": "x"})
    returned = _event(6, "returned", {"fee_paid": 50000, "rating": "satisfied"})
    facts = fold([RECEIVED, STARTED, *apologies, resolved, returned])
    assert facts is not None
    assert facts.apology_count == 2
    assert facts.due_at == datetime(2026, 3, 24, 9, 0, tzinfo=VN)
    assert facts.original_due_at == datetime(2026, 3, 13, 9, 0, tzinfo=VN)
    assert (facts.state, facts.returned_at) == (State.RETURNED, T0 + timedelta(hours=6))
    assert (facts.fee_paid, facts.rating) == (50000, "satisfied")


def test_an_event_that_does_not_fit_is_skipped_with_its_reason_and_the_rest_folded() -> None:
    early_return = _event(2, "returned", {"fee_paid": 0})
    unreadable = _event(3, "resumed", {})  # a resumption of a dossier that is not paused
    kept = fold_kept([RECEIVED, early_return, STARTED, unreadable])
    assert kept.facts is not None
    assert kept.facts.state is State.IN_PROGRESS
    assert [event.id for event, _reason in kept.skipped] == ["e2", "e3"]
    assert all(reason for _event, reason in kept.skipped)
    broken = _event(2, "supplement_requested", {})
    answer = _event(3, "supplement_received", {"documents": []})  # no due_at: cannot be read
    kept = fold_kept([RECEIVED, broken, answer])
    assert [event.id for event, _reason in kept.skipped] == ["e3"]
    assert kept.skipped[0][1] == "KeyError: 'due_at'"
    assert kept.facts is not None and kept.facts.state is State.SUPPLEMENT_REQUESTED


def test_an_answer_that_lists_no_documents_keeps_those_handed_before() -> None:
    """A supplement's answer may bring no paper the clerk lists (the missing fact was given
    by the state's database, say): the dossier keeps its documents and the clock restarts."""
    asked = _event(3, "supplement_requested", {"reason": "thiếu giấy"})
    answered = _event(4, "supplement_received", {"due_at": "2026-03-16T09:00:00+07:00"})
    facts = fold([RECEIVED, STARTED, asked, answered])
    assert facts is not None
    assert facts.state is State.IN_PROGRESS
    assert facts.documents == ({"key": "d1"},)
    assert facts.due_at == datetime(2026, 3, 16, 9, 0, tzinfo=VN)
