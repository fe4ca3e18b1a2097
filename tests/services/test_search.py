from __future__ import annotations

import unicodedata

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
