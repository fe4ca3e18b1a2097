"""The dossier as its events make it (DESIGN.md §3: the dossier is the fold of its events). The
``received`` event creates it with what its payload holds (the receipt, the appointment, the
register book's year and number, README "Rules"); a correction is a field diff ("corrected
(field diff)"): each field it names takes its new value — the applicant's fields, the channel
and the way the result is returned — and a name the dossier does not have as a field changes
nothing; an ending step records when it ended."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from counter_app.domain import personal
from counter_app.domain.dossier import fold
from counter_app.domain.events import EventRecord
from counter_app.domain.lifecycle import State

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
APPLICANT = {"name": "Nguyễn Văn Thử", "phone": "0900000000", "address": "Thôn Mẫu"}


def _event(seq: int, type_: str, payload: dict[str, object]) -> EventRecord:
    return EventRecord(
        id=f"e{seq}",
        dossier_id="d",
        station_id="s",
        seq=seq,
        type=type_,
        actor="clerk",
        wall_clock=T0 + timedelta(minutes=seq),
        hlc=seq,
        payload=payload,
    )


RECEIVED = _event(
    1,
    "received",
    {
        "dossier": {
            "code": "000.17.22.H56-260310-1001",
            "procedure_id": "p",
            "procedure_code": "1.004873",
            "applicant": APPLICANT,
            "channel": "direct",
            "return_method": "counter",
            "documents": [],
        },
        "due_at": "2026-03-13T09:00:00+07:00",
        "received_at": "2026-03-10T09:00:00+07:00",
        "register": {"series": "register", "year": 2026, "value": 17, "text": "17"},
    },
)
VN = timezone(timedelta(hours=7))


def test_the_received_event_creates_the_dossier_with_what_it_holds() -> None:
    facts = fold([RECEIVED])
    assert facts is not None
    assert (facts.id, facts.code, facts.station_id) == ("d", "000.17.22.H56-260310-1001", "s")
    assert (facts.procedure_id, facts.procedure_code) == ("p", "1.004873")
    assert dict(facts.applicant) == {
        "name": "Nguyễn Văn Thử",
        "id_number": None,
        "dob": None,
        "sex": None,
        "address": "Thôn Mẫu",
        "phone": "0900000000",
        "email": None,
    }
    assert (facts.documents, facts.applicable) == ((), ())
    assert facts.state is State.RECEIVED
    assert facts.created_at == T0 + timedelta(minutes=1)
    assert facts.received_at == datetime(2026, 3, 10, 9, 0, tzinfo=VN)
    assert facts.due_at == facts.original_due_at == datetime(2026, 3, 13, 9, 0, tzinfo=VN)
    assert (facts.register_year, facts.register_number) == (2026, 17)
    assert (facts.channel, facts.return_method) == ("direct", "counter")
    assert (facts.last_hlc, facts.ended_at) == (1, None)


def test_conditional_documents_marked_as_applying_are_kept() -> None:
    dossier = {**RECEIVED.payload["dossier"], "applicable": ["d3", "d5"]}
    event = _event(1, "received", {**RECEIVED.payload, "dossier": dossier})
    facts = fold([event])
    assert facts is not None and facts.applicable == ("d3", "d5")


def test_a_received_event_without_a_register_number_leaves_it_empty() -> None:
    payload = {key: value for key, value in RECEIVED.payload.items() if key != "register"}
    facts = fold([_event(1, "received", payload)])
    assert facts is not None
    assert (facts.register_year, facts.register_number) == (None, None)


def test_an_ending_step_records_when_it_ended_and_the_latest_clock() -> None:
    steps = [RECEIVED, _event(2, "processing_started", {}), _event(3, "resolved", {"result": "x"})]
    facts = fold(steps)
    assert facts is not None
    assert facts.state is State.RESOLVED
    assert facts.ended_at == T0 + timedelta(minutes=3)
    assert facts.last_hlc == 3
    started = fold(steps[:2])
    assert started is not None and started.ended_at is None


def test_each_field_a_correction_names_takes_its_new_value() -> None:
    changes = {
        "name": ["Nguyễn Văn Thử", "Nguyễn Văn Thứ"],
        "channel": ["direct", "post"],
        "return_method": ["counter", "post"],
    }
    facts = fold([RECEIVED, _event(2, "corrected", {"changes": changes, "reason": "gõ nhầm"})])
    assert facts is not None
    assert facts.applicant["name"] == "Nguyễn Văn Thứ"
    assert (facts.channel, facts.return_method) == ("post", "post")
    assert facts.applicant["phone"] == "0900000000"


def test_a_name_that_is_no_field_changes_nothing() -> None:
    changes = {"state": ["received", "resolved"], "code": ["x", "y"]}
    before = fold([RECEIVED])
    after = fold([RECEIVED, _event(2, "corrected", {"changes": changes, "reason": "thử"})])
    assert before is not None and after is not None
    assert (after.state, after.code, after.channel, after.return_method) == (
        before.state,
        before.code,
        "direct",
        "counter",
    )
    assert after.applicant == before.applicant


def _sealed_correction(changes: dict[str, list[str]]) -> EventRecord:
    """A correction as written since personal fields live beside their event (README "Personal
    fields beside their event"): its old and new values in the personal part, the payload
    holding only the commitment and the reason."""
    digest, part = personal.seal({"changes": changes})
    return replace(
        _event(2, "corrected", {personal.KEY: digest, "reason": "gõ nhầm"}), personal=part
    )


def test_a_sealed_correction_takes_its_new_values_from_its_personal_part() -> None:
    changes = {"name": ["Nguyễn Văn Thử", "Nguyễn Văn Thứ"], "channel": ["direct", "post"]}
    facts = fold([RECEIVED, _sealed_correction(changes)])
    assert facts is not None
    assert (facts.applicant["name"], facts.channel) == ("Nguyễn Văn Thứ", "post")


def test_a_sealed_correction_whose_part_was_erased_changes_nothing() -> None:
    """Once erased, the part is gone (README: the part is dropped, the commitment stays); the
    dossier keeps what it had before the correction instead of failing to fold."""
    erased = _sealed_correction({"name": ["Nguyễn Văn Thử", "Nguyễn Văn Thứ"]})
    erased = replace(erased, personal=None)
    before = fold([RECEIVED])
    after = fold([RECEIVED, erased])
    assert before is not None and after is not None
    assert after.applicant == before.applicant
    assert (after.channel, after.return_method) == ("direct", "counter")
