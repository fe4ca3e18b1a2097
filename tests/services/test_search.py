from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import pytest

from counter_app.station import Station
from tests.factories import applicant, request


def test_finds_by_code_id_phone_and_folded_name(station: Station) -> None:
    first = station.receive(request(), actor="c").code
    other = station.receive(
        request(
            applicant=applicant(
                name="Trần Thị Bích", id_number=None, dob=None, sex=None, phone="0987654321"
            )
        ),
        actor="c",
    ).code
    assert [s.code for s in station.search(first)] == [first]
    assert [s.code for s in station.search(first.lower())] == [first]
    assert [s.code for s in station.search("001 090 012 345")] == [first]
    assert [s.code for s in station.search("+84 987 654 321")] == [other]
    for typed in (
        "nguyen van duc",
        "NGUYỄN VĂN ĐỨC",
        unicodedata.normalize("NFD", "Nguyễn Văn Đức"),
        "ng van du",
    ):
        assert [s.code for s in station.search(typed)] == [first], typed
    assert [s.code for s in station.search("bich")] == [other]
    assert station.search("") == []
    assert station.search('"; DROP TABLE dossiers; --') == []
    assert station.search("***") == []


@pytest.mark.parametrize("narrow", [20_000, 0], ids=["rows-checked", "fts-led"])
def test_filters_narrow_by_state_field_and_period(
    station: Station, monkeypatch: pytest.MonkeyPatch, narrow: int
) -> None:
    from counter_app.services import search as search_service
    from counter_app.services.search_types import SearchFilters

    monkeypatch.setattr(search_service, "NARROW", narrow)  # both plans give the same answers
    from tests.factories import BIRTH, vn

    march = station.receive(request(received_at=vn(2026, 3, 10, 9)), actor="c").code
    april = station.receive(
        request(BIRTH, received_at=vn(2026, 4, 2, 9)), actor="c", now=vn(2026, 4, 2, 9)
    ).code
    fields = station.fields()
    assert "Hộ tịch" in fields and "Cư trú" in fields

    def by(**kw: Any) -> list[str]:
        return [s.code for s in station.search("nguyen van duc", filters=SearchFilters(**kw))]

    assert by() == [april, march]
    assert by(field="Hộ tịch") == [april]
    assert by(field="Cư trú") == [march]
    assert by(received_from=date(2026, 4, 1)) == [april]
    assert by(received_to=date(2026, 3, 31)) == [march]
    assert by(state="returned") == []
    assert by(state="received") == [april, march]
    received = SearchFilters(state="received")
    assert [s.code for s in station.search("du ng", filters=received)] == [april, march]
    assert station.search("uyen", filters=received) == []  # words match from their start
    assert station.search("uyen") == []
    only = SearchFilters(received_from=date(2026, 3, 10), received_to=date(2026, 3, 10))
    assert [s.code for s in station.search("", filters=only)] == [march]
    civil = SearchFilters(field="Hộ tịch")
    assert [s.code for s in station.search("001090012345", filters=civil)] == [april]
    assert station.search("") == []
