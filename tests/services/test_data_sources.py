"""Papers the state already holds: a catalogue document obtainable from a named database is
satisfied at the counter by obtaining its data, listed so on form 01 and never asked for on
paper by form 02 (Chỉ thị 24/CT-TTg, Nghị định 280/2025, Nghị quyết 66.7/2025/NQ-CP).

The birth registration of the bundled catalogue (1.001193) names the applicant's identity paper
(d5) as obtainable from the population database and VNeID; its other documents are paper.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from counter_app.domain.catalogue import DocumentForm, canonical_document
from counter_app.domain.checklist import HandedDocument
from counter_app.domain.errors import InvalidInput
from counter_app.domain.lifecycle import EventType
from counter_app.printing.forms import render
from counter_app.printing.model import FormKind
from counter_app.services.intake_json import parse_request
from counter_app.services.step_types import StepInput
from counter_app.station import Station
from tests.conftest import store_connection
from tests.factories import BIRTH, RESIDENCE, request
from tests.printing.reading import text

VNEID = HandedDocument("d5", "Giấy tờ tùy thân", DocumentForm.ELECTRONIC, 1, "vneid")
PAPER = [
    HandedDocument("d1", "Tờ khai", DocumentForm.ORIGINAL, 1),
    HandedDocument("d2", "Giấy chứng sinh", DocumentForm.ORIGINAL, 1),
]
ID_PAPER = "Giấy tờ tùy thân của người yêu cầu"
ID_PAPER_FULL = f"{ID_PAPER} (thẻ Căn cước, Căn cước công dân hoặc hộ chiếu còn giá trị)"


def printed(station: Station, kind: FormKind, code: str) -> str:
    return text(render(kind, station.sheet(kind, code, actor="clerk", via="gui")))


def test_a_document_obtained_through_vneid_is_on_slip_01(station: Station) -> None:
    receipt = station.receive(request(BIRTH, documents=[*PAPER, VNEID]), actor="clerk")
    assert receipt.accepted
    slip = printed(station, FormKind.SLIP, receipt.code)
    assert "3 Giấy tờ tùy thân Xác thực qua VNeID 1" in slip


def test_form_02_never_asks_on_paper_for_what_was_obtained(station: Station) -> None:
    receipt = station.receive(request(BIRTH, documents=[PAPER[0], VNEID]), actor="clerk")
    assert not receipt.accepted
    form_02 = printed(station, FormKind.SUPPLEMENT, receipt.code)
    assert "Giấy chứng sinh" in form_02
    assert ID_PAPER not in form_02
    brought = StepInput(documents=[PAPER[1]])
    station.step(receipt.code, EventType.SUPPLEMENT_RECEIVED, brought, actor="clerk")
    assert "Xác thực qua VNeID" in printed(station, FormKind.SLIP, receipt.code)


def test_guidance_is_refused_while_an_obtainable_document_is_neither_obtained_nor_handed(
    station: Station, data_dir: Path
) -> None:
    before = _counts(data_dir)
    with pytest.raises(InvalidInput, match=ID_PAPER) as refused:
        station.receive(request(BIRTH, documents=[PAPER[0]]), actor="clerk")
    assert "khai thác dữ liệu" in refused.value.message and "vneid" in refused.value.message
    assert _counts(data_dir) == before


def test_the_population_database_satisfies_it_too(station: Station) -> None:
    from_database = HandedDocument("d5", "x", DocumentForm.ELECTRONIC, 1, "csdl_dan_cu")
    receipt = station.receive(request(BIRTH, documents=[*PAPER, from_database]), actor="c")
    slip = printed(station, FormKind.SLIP, receipt.code)
    assert "Khai thác dữ liệu: Cơ sở dữ liệu quốc gia về dân cư" in slip


@pytest.mark.parametrize(
    ("document", "named"),
    [
        # a document the catalogue does not mark obtainable
        ({"document": "d1", "form": "du_lieu_dien_tu", "source": "vneid"}, "Tờ khai"),
        # a source the catalogue does not name for it
        ({"document": "d5", "form": "du_lieu_dien_tu", "source": "csdl_dat_dai"}, "csdl_dan_cu"),
        # a source nobody knows
        ({"document": "d5", "form": "du_lieu_dien_tu", "source": "facebook"}, "facebook"),
        # obtained, but from where?
        ({"document": "d5", "form": "du_lieu_dien_tu"}, "source"),
        # a source on a paper
        ({"document": "d5", "form": "xuat_trinh", "source": "vneid"}, "du_lieu_dien_tu"),
    ],
)
def test_bad_data_marks_are_refused_with_what_is_wrong(
    station: Station, data_dir: Path, document: dict[str, Any], named: str
) -> None:
    item = {
        "applicant": {"name": "Lê Thị Hoa"},
        "procedure": BIRTH,
        "documents": [{"document": "d1"}, {"document": "d2"}, document],
    }
    before = _counts(data_dir)
    with pytest.raises(InvalidInput, match=named):
        station.receive(parse_request(item, ctx=station.context()), actor="clerk")
    assert _counts(data_dir) == before


def test_the_receive_json_takes_the_mark(station: Station) -> None:
    item = {
        "applicant": {"name": "Lê Thị Hoa"},
        "procedure": BIRTH,
        "documents": [
            {"document": "d1"},
            {"document": "d2"},
            {"document": ID_PAPER_FULL, "form": "du_lieu_dien_tu", "source": "csdl_dan_cu"},
        ],
    }
    receipt = station.receive(parse_request(item, ctx=station.context()), actor="clerk")
    documents = station.dossier(receipt.code).documents
    assert receipt.accepted
    assert documents[-1]["form"] == "du_lieu_dien_tu" and documents[-1]["source"] == "csdl_dan_cu"


def test_a_department_cannot_ask_on_paper_for_an_obtainable_document(station: Station) -> None:
    code = station.receive(request(BIRTH), actor="clerk").code  # every paper handed
    station.step(code, EventType.TRANSFERRED, StepInput(to="Tư pháp"), actor="clerk")
    asked = StepInput(missing_keys=["d5"], reason="Thiếu giấy tờ tùy thân.")
    with pytest.raises(InvalidInput, match=ID_PAPER):
        station.step(code, EventType.SUPPLEMENT_REQUESTED, asked, actor="officer")


def test_a_document_without_the_mark_keeps_its_content_hash(station: Station) -> None:
    residence = station.context().current_procedure(RESIDENCE).spec
    assert all("obtainable_from" not in canonical_document(d) for d in residence.documents)
    birth = station.context().current_procedure(BIRTH).spec
    assert canonical_document(birth.documents[-1])["obtainable_from"] == ["csdl_dan_cu", "vneid"]


def _counts(data_dir: Path) -> tuple[int, int]:
    connection = store_connection(data_dir / "counter.sqlite3")
    try:
        return (
            connection.execute("SELECT count(*) FROM dossiers").fetchone()[0],
            connection.execute("SELECT count(*) FROM events").fetchone()[0],
        )
    finally:
        connection.close()
