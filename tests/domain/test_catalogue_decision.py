"""The decision a catalogue file names (README "Catalogue": the top-level ``decision``
{"number", "signed_on", "effective_from", "title"} is optional and written only when set, so a
catalogue without it reads as before; format marker ``counter-catalogue/1``)."""

from __future__ import annotations

from counter_app.domain.catalogue_file import catalogue_document, decision_block

DECISION = {
    "number": "1234/QĐ-UBND",
    "signed_on": "2026-02-01",
    "effective_from": "2026-03-01",
    "title": "Công bố danh mục thủ tục hành chính",
}


def test_a_catalogue_without_a_decision_writes_none() -> None:
    assert catalogue_document([], "Tỉnh X") == {
        "format": "counter-catalogue/1",
        "source": "Tỉnh X",
        "procedures": [],
    }
    assert "decision" not in catalogue_document([], "Tỉnh X", {})


def test_a_catalogue_with_a_decision_writes_it_and_reads_it_back() -> None:
    document = catalogue_document([], "Tỉnh X", DECISION)
    assert document["decision"] == DECISION
    assert decision_block(document) == DECISION


def test_only_the_known_text_fields_of_a_decision_are_read() -> None:
    block = {"number": "5/QĐ", "signed_on": 20260201, "title": "T", "signer": "Chủ tịch"}
    assert decision_block({"decision": block}) == {"number": "5/QĐ", "title": "T"}


def test_no_decision_or_one_of_the_wrong_shape_is_none() -> None:
    assert decision_block({"format": "counter-catalogue/1"}) is None
    assert decision_block({"decision": ["5/QĐ"]}) is None
    assert decision_block([{"decision": DECISION}]) is None
