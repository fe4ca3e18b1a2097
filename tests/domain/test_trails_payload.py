"""Which payload values a step carries into the statistics (counter_app/domain/trails.py:
"only values of the expected JSON type count"): the appointment of the steps that set one,
the receipt time of a receipt, the return method and rating of a return, the digitised mark
of the dossier a receipt creates — each only from the step it belongs to, of its JSON type."""

from __future__ import annotations

from counter_app.domain.trails import payload_texts

AT = "2026-03-10T09:00:00+07:00"


def test_a_step_that_creates_no_dossier_carries_no_digitised_mark() -> None:
    dossier = {"digitised": True}
    assert payload_texts("received", {"dossier": dossier})[4] is True
    assert payload_texts("supplement_requested", {"dossier": dossier})[4] is True
    for type_ in ("returned", "resolved", "supplement_received", "paused"):
        assert payload_texts(type_, {"dossier": dossier})[4] is None


def test_a_digitised_mark_that_is_not_true_or_false_counts_as_none() -> None:
    for mark in ("true", 1, "có", None):
        assert payload_texts("received", {"dossier": {"digitised": mark}})[4] is None
    assert payload_texts("received", {"dossier": {"digitised": False}})[4] is False
    assert payload_texts("received", {"dossier": "digitised"})[4] is None


def test_only_a_receipt_carries_its_receipt_time() -> None:
    assert payload_texts("received", {"received_at": AT})[1] == AT
    assert payload_texts("supplement_received", {"received_at": AT})[1] == AT
    for type_ in ("paused", "resumed", "returned", "resolved", "apologised"):
        assert payload_texts(type_, {"received_at": AT})[1] is None


def test_the_appointment_comes_from_the_key_of_each_step() -> None:
    assert payload_texts("received", {"due_at": AT})[0] == AT
    assert payload_texts("resumed", {"due_at": AT})[0] == AT
    assert payload_texts("apologised", {"new_due_at": AT, "due_at": "x"})[0] == AT
    assert payload_texts("paused", {"due_at": AT})[0] is None
    assert payload_texts("received", {"due_at": 20260310})[0] is None


def test_a_return_carries_its_method_and_rating_as_text_only() -> None:
    payload = {"method": "post", "rating": "satisfied"}
    assert payload_texts("returned", payload)[2:4] == ("post", "satisfied")
    assert payload_texts("resolved", payload)[2:4] == (None, None)
    assert payload_texts("returned", {"method": 1, "rating": ["good"]})[2:4] == (None, None)
