from __future__ import annotations

import pytest

from counter_app.domain.errors import InvalidInput, TransitionNotAllowed
from counter_app.domain.lifecycle import EventType, State
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.conftest import store_connection
from tests.factories import RESIDENCE, allow_pauses, full_life, legacy_pause, request, vn

T0 = vn(2026, 3, 10, 9, 0)  # Tuesday; 7 working days → due Thu 19/3 09:00


def _received(station: Station) -> str:
    return station.receive(request(received_at=T0), actor="clerk", now=T0).code


def _events(station: Station) -> int:
    with store_connection(station.store.path) as connection:
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])


def test_full_life_to_returned(station: Station) -> None:
    facts = station.dossier(full_life(station))
    assert facts.state is State.RETURNED
    assert facts.fee_paid == 20_000
    assert facts.ended_at == vn(2026, 3, 18, 9)
    assert facts.returned_at == vn(2026, 3, 19, 8)
    assert station.verify().ok


def test_forbidden_step_changes_nothing(station: Station) -> None:
    code = _received(station)
    before = _events(station)
    with pytest.raises(TransitionNotAllowed):
        station.step(code, EventType.RETURNED, StepInput(), actor="clerk")
    assert _events(station) == before
    assert station.dossier(code).state is State.RECEIVED


def test_pause_moves_the_due_date_by_the_working_time_waited(station: Station) -> None:
    allow_pauses(station)
    code = _received(station)
    station.step(code, EventType.PROCESSING_STARTED, StepInput(), actor="o", now=vn(2026, 3, 11, 8))
    station.step(
        code,
        EventType.PAUSED,
        StepInput(kind="financial_obligation", reason="Chờ nộp thuế"),
        actor="o",
        now=vn(2026, 3, 13, 16, 30),
    )
    paused = station.dossier(code)
    assert paused.state is State.PAUSED
    [event] = [e for e in station.events(paused.id) if e.type == "paused"]
    assert event.actor == "o" and event.payload["kind"] == "financial_obligation"
    assert "nghĩa vụ tài chính" in event.payload["legal_basis"]
    assert event.payload["procedure_basis"]  # the procedure's own legal basis, as catalogued
    # resumed Mon 16/3 08:30: waited Fri 16:30–17:30 + Mon 07:30–08:30 = 2 working hours
    facts = station.step(
        code, EventType.RESUMED, StepInput(), actor="o", now=vn(2026, 3, 16, 8, 30)
    )
    assert facts.due_at == vn(2026, 3, 19, 11, 0)
    assert facts.state is State.IN_PROGRESS


def test_supplement_during_processing_only_asks_for_catalogue_documents(station: Station) -> None:
    code = _received(station)
    station.step(code, EventType.PROCESSING_STARTED, StepInput(), actor="o", now=vn(2026, 3, 11, 8))
    with pytest.raises(InvalidInput):
        station.step(
            code,
            EventType.SUPPLEMENT_REQUESTED,
            StepInput(missing_keys=["giay-to-la"], reason="x"),
            actor="o",
        )
    entry = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    key = entry.spec.documents[0].key
    facts = station.step(
        code,
        EventType.SUPPLEMENT_REQUESTED,
        StepInput(missing_keys=[key], reason="Bản sao mờ"),
        actor="o",
        now=vn(2026, 3, 12, 8),
    )
    assert facts.state is State.SUPPLEMENT_REQUESTED
    assert facts.supplement_count == 1
    # returned one working day later (Fri 13/3 08:00): the due date moves by 8 working hours
    facts = station.step(
        code, EventType.SUPPLEMENT_RECEIVED, StepInput(), actor="o", now=vn(2026, 3, 13, 8)
    )
    assert facts.state is State.IN_PROGRESS
    assert facts.due_at == vn(2026, 3, 20, 9, 0)


def test_apology_sets_a_new_date_and_is_counted(station: Station) -> None:
    code = _received(station)
    with pytest.raises(InvalidInput):
        station.step(
            code,
            EventType.APOLOGISED,
            StepInput(new_due_at=vn(2026, 3, 18, 9), reason="x"),
            actor="leader",
            now=T0,
        )
    facts = station.step(
        code,
        EventType.APOLOGISED,
        StepInput(
            new_due_at=vn(2026, 3, 21, 9), reason="Chờ xác minh"
        ),  # a Saturday → Monday 07:30
        actor="leader",
        now=vn(2026, 3, 18, 9),
    )
    assert facts.due_at == vn(2026, 3, 23, 7, 30)
    assert facts.original_due_at == vn(2026, 3, 19, 9)
    assert facts.apology_count == 1


def test_correction_is_an_event_and_updates_search(station: Station) -> None:
    code = _received(station)
    station.step(
        code,
        EventType.CORRECTED,
        StepInput(changes={"name": "Nguyễn Văn Đực"}, reason="Sai chính tả"),
        actor="clerk",
    )
    assert station.dossier(code).applicant["name"] == "Nguyễn Văn Đực"
    assert [s.code for s in station.search("nguyen van duc")] == [code]
    with pytest.raises(InvalidInput):
        station.step(
            code,
            EventType.CORRECTED,
            StepInput(changes={"id_number": "0"}, reason="x"),
            actor="clerk",
        )
    assert station.verify().ok


def test_withdrawal_ends_the_dossier(station: Station) -> None:
    code = _received(station)
    facts = station.step(
        code,
        EventType.WITHDRAWN,
        StepInput(reason="Công dân xin rút"),
        actor="clerk",
        now=vn(2026, 3, 11, 9),
    )
    assert facts.state is State.WITHDRAWN
    assert facts.ended_at == vn(2026, 3, 11, 9)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (None, "không có căn cứ"),
        ("other", "không phải căn cứ tạm dừng hợp pháp"),
        ("holiday", "không phải căn cứ tạm dừng hợp pháp"),
        ("appraisal", "không cho phép tạm dừng"),
    ],
)
def test_a_pause_without_a_lawful_allowed_ground_is_refused_and_writes_nothing(
    station: Station, kind: str | None, words: str
) -> None:
    allow_pauses(station)  # financial_obligation and verification only
    code = _received(station)
    before = _events(station)
    with pytest.raises(InvalidInput) as refused:
        station.step(code, EventType.PAUSED, StepInput(kind=kind, reason="x"), actor="o")
    assert words in refused.value.message
    assert _events(station) == before
    assert station.dossier(code).state is State.RECEIVED


def test_the_seed_catalogue_allows_no_pause(station: Station) -> None:
    code = _received(station)
    with pytest.raises(InvalidInput) as refused:
        station.step(code, EventType.PAUSED, StepInput(kind="verification", reason="x"), actor="o")
    assert "Thủ tục cho phép: không có" in refused.value.message


def test_an_old_pause_without_ground_folds_but_resuming_moves_nothing(station: Station) -> None:
    code = _received(station)  # due Thu 19/3 09:00
    legacy_pause(station, code, vn(2026, 3, 12, 9))
    assert station.dossier(code).state is State.PAUSED
    report = station.verify()
    assert report.ok  # the log is history: it folds as written, and is reported
    [note] = report.unlawful_pauses
    assert code in note and "'other'" in note and "old" in note
    facts = station.step(code, EventType.RESUMED, StepInput(), actor="o", now=vn(2026, 3, 16, 9))
    assert facts.due_at == vn(2026, 3, 19, 9)  # 2 working days waited, not counted
