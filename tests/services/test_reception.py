from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import datetime

import pytest

from counter_app.domain.catalogue import DocumentForm
from counter_app.domain.checklist import HandedDocument
from counter_app.domain.errors import InvalidInput, NotFound
from counter_app.domain.lifecycle import EventType, State
from counter_app.services.applicant import ApplicantInput, validate
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from counter_app.store_file import STORE_FILENAME
from tests.conftest import store_connection
from tests.factories import BIRTH, RESIDENCE, applicant, request, vn


def _count(station: Station, table: str) -> int:
    with store_connection(station.store.path) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_complete_dossier_gets_code_and_due_date(station: Station) -> None:
    receipt = station.receive(
        request(received_at=vn(2026, 3, 10, 9, 0)), actor="clerk", now=vn(2026, 3, 10, 9, 0)
    )
    assert receipt.accepted
    assert receipt.code == "000.17.22.H56-260310-1001"
    # 7 working days from Tue 10/3 09:00 → Thu 19/3 09:00
    assert receipt.due_at == vn(2026, 3, 19, 9, 0)
    facts = station.dossier(receipt.code)
    assert facts.state is State.RECEIVED
    assert facts.applicant["name"] == "Nguyễn Văn Đức"


def test_same_day_procedure_after_cutoff_is_due_next_working_day(station: Station) -> None:
    at = vn(2026, 3, 13, 15, 30)  # a Friday after 15:00
    receipt = station.receive(request(BIRTH, received_at=at), actor="clerk", now=at)
    assert receipt.due_at == vn(2026, 3, 16, 17, 30)


def test_codes_follow_each_other_within_the_day(station: Station) -> None:
    at = vn(2026, 3, 10, 9, 0)
    codes = [station.receive(request(received_at=at), actor="c", now=at).code for _ in range(3)]
    assert [code[-4:] for code in codes] == ["1001", "1002", "1003"]


def test_incomplete_dossier_lists_exactly_what_is_missing(station: Station) -> None:
    entry = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    mandatory = [d for d in entry.spec.documents if d.mandatory]
    handed = [HandedDocument(d.key, d.name, d.form, d.count) for d in mandatory[1:]]
    receipt = station.receive(request(documents=handed), actor="clerk")
    assert not receipt.accepted
    assert receipt.state is State.PENDING_SUPPLEMENT
    assert [s.document.key for s in receipt.missing] == [mandatory[0].key]
    assert receipt.missing[0].missing_count == mandatory[0].count
    assert receipt.due_at is None


def test_supplement_completes_and_starts_the_clock(station: Station) -> None:
    entry = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    first = next(d for d in entry.spec.documents if d.mandatory)
    rest = [
        HandedDocument(d.key, d.name, d.form, d.count)
        for d in entry.spec.documents
        if d.mandatory and d != first
    ]
    receipt = station.receive(request(documents=rest), actor="clerk", now=vn(2026, 3, 9, 10, 0))
    handed = HandedDocument(first.key, first.name, first.form, first.count)
    facts = station.step(
        receipt.code,
        EventType.SUPPLEMENT_RECEIVED,
        StepInput(documents=[handed]),
        actor="clerk",
        now=vn(2026, 3, 12, 14, 0),
    )
    assert facts.state is State.RECEIVED
    assert facts.received_at == vn(2026, 3, 12, 14, 0)
    assert facts.due_at == vn(2026, 3, 23, 14, 0)  # 7 working days after Thu 12/3 14:00


def test_still_incomplete_supplement_is_refused_and_changes_nothing(station: Station) -> None:
    entry = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    receipt = station.receive(request(documents=[]), actor="clerk")
    events = _count(station, "events")
    with pytest.raises(InvalidInput):
        station.step(
            receipt.code, EventType.SUPPLEMENT_RECEIVED, StepInput(documents=[]), actor="clerk"
        )
    assert _count(station, "events") == events
    assert station.dossier(receipt.code).state is State.PENDING_SUPPLEMENT
    assert entry.spec.documents


def test_refusal_keeps_a_code_and_its_reason(station: Station) -> None:
    receipt = station.refuse(request(), reasons="Không thuộc thẩm quyền của phường.", actor="clerk")
    assert receipt.state is State.REFUSED
    with pytest.raises(InvalidInput):
        station.refuse(request(), reasons="   ", actor="clerk")


def test_extra_documents_are_recorded_never_demanded(station: Station) -> None:
    extra = HandedDocument(None, "Ảnh chụp hộ khẩu cũ", DocumentForm.COPY, 1)
    receipt = station.receive(request(documents=None), actor="clerk")
    assert receipt.accepted
    entry = next(e for e in station.catalogue() if e.spec.code == RESIDENCE)
    handed = [
        HandedDocument(d.key, d.name, d.form, d.count) for d in entry.spec.documents if d.mandatory
    ] + [extra]
    receipt = station.receive(request(documents=handed), actor="clerk")
    assert receipt.accepted
    names = [d["name"] for d in station.dossier(receipt.code).documents]
    assert "Ảnh chụp hộ khẩu cũ" in names


@pytest.mark.parametrize(
    "bad",
    [
        lambda: request(procedure_code="9.999999"),
        lambda: request(channel="fax"),
        lambda: request(return_method="post", applicant=applicant(address=None)),
        lambda: request(received_at=datetime(2026, 3, 10, 9)),
        lambda: request(documents=[HandedDocument("zz", "Không có", DocumentForm.COPY, 1)]),
    ],
)
def test_bad_requests_change_nothing(station: Station, bad: object) -> None:
    before = (
        _count(station, "dossiers"),
        _count(station, "events"),
        _count(station, "sequence_slots"),
    )
    with pytest.raises((InvalidInput, NotFound)):
        station.receive(bad(), actor="clerk")  # type: ignore[operator]
    assert (
        _count(station, "dossiers"),
        _count(station, "events"),
        _count(station, "sequence_slots"),
    ) == before


def test_text_is_stored_nfc_and_sql_looking_text_is_just_text(station: Station) -> None:
    person = validate(
        ApplicantInput(name=unicodedata.normalize("NFD", "Trần Thị Ngọc'); DROP TABLE dossiers;--"))
    )
    receipt = station.receive(replace(request(), applicant=person), actor="clerk")
    stored = station.dossier(receipt.code).applicant["name"]
    assert stored == unicodedata.normalize("NFC", "Trần Thị Ngọc'); DROP TABLE dossiers;--")
    assert _count(station, "dossiers") == 1


def test_a_saved_dossier_is_on_disk_for_another_connection(
    station: Station, data_dir: object
) -> None:
    receipt = station.receive(request(), actor="clerk")
    with store_connection(station.store.path.parent / STORE_FILENAME) as other:
        assert other.execute("SELECT code FROM dossiers").fetchone()[0] == receipt.code
