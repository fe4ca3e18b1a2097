"""The verdict on handed documents against the catalogue's required list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.catalogue import DocumentForm, RequiredDocument
from counter_app.domain.checklist import HandedDocument, Shortfall, Verdict, check, satisfies
from counter_app.domain.errors import InvalidInput

F = DocumentForm
PAPER = [form for form in F if form is not F.ELECTRONIC]  # data is a mark, not a paper form


def _doc(
    key: str,
    form: DocumentForm = F.ORIGINAL,
    count: int = 1,
    *,
    mandatory: bool = True,
    condition: str | None = None,
) -> RequiredDocument:
    return RequiredDocument(key, f"Giấy tờ {key}", form, count, mandatory, condition, False)


def _hand(key: str | None, form: DocumentForm, count: int = 1) -> HandedDocument:
    return HandedDocument(key, f"Giấy tờ {key or 'thêm'}", form, count)


REQUIRED = (
    _doc("d1", F.ORIGINAL),
    _doc("d2", F.COPY, 2),
    _doc("d3", F.PRESENT),
    _doc("d4", F.CERTIFIED_COPY, mandatory=False, condition="Trường hợp ủy quyền"),
)


def test_complete_when_every_mandatory_document_is_handed() -> None:
    handed = [_hand("d1", F.ORIGINAL), _hand("d2", F.COPY, 2), _hand("d3", F.PRESENT)]
    assert check(REQUIRED, handed) == Verdict(complete=True, missing=(), extra=())


def test_missing_lists_exactly_the_mandatory_documents_not_handed_in_catalogue_order() -> None:
    verdict = check(REQUIRED, [_hand("d1", F.ORIGINAL)])
    assert not verdict.complete
    assert verdict.missing == (
        Shortfall(document=REQUIRED[1], missing_count=2, handed_count=0),
        Shortfall(document=REQUIRED[2], missing_count=1, handed_count=0),
    )
    assert [(s.document.form, s.document.count) for s in verdict.missing] == [
        (F.COPY, 2),
        (F.PRESENT, 1),
    ]


def test_nothing_handed_demands_every_mandatory_document() -> None:
    verdict = check(REQUIRED, [])
    assert [s.document.key for s in verdict.missing] == ["d1", "d2", "d3"]


def test_partial_count_reports_how_many_more_are_needed() -> None:
    handed = [_hand("d1", F.ORIGINAL), _hand("d2", F.COPY), _hand("d3", F.PRESENT)]
    verdict = check(REQUIRED, handed)
    assert verdict.missing == (Shortfall(REQUIRED[1], missing_count=1, handed_count=1),)


def test_counts_of_acceptable_forms_add_up() -> None:
    handed = [
        _hand("d1", F.ORIGINAL),
        _hand("d2", F.COPY),
        _hand("d2", F.CERTIFIED_COPY),
        _hand("d3", F.ORIGINAL),
    ]
    assert check(REQUIRED, handed).complete


def test_certified_copy_satisfies_copy_but_copy_does_not_satisfy_original() -> None:
    required = [_doc("a", F.COPY), _doc("b", F.ORIGINAL)]
    verdict = check(required, [_hand("a", F.CERTIFIED_COPY), _hand("b", F.COPY)])
    assert verdict.missing == (Shortfall(required[1], missing_count=1, handed_count=0),)


@pytest.mark.parametrize("required", PAPER)
@pytest.mark.parametrize("handed", PAPER)
def test_form_rules_are_exactly_those_of_the_counter(
    handed: DocumentForm, required: DocumentForm
) -> None:
    allowed = {
        (F.ORIGINAL, F.ORIGINAL),
        (F.COPY, F.COPY),
        (F.CERTIFIED_COPY, F.COPY),
        (F.CERTIFIED_COPY, F.CERTIFIED_COPY),
        (F.PRESENT, F.PRESENT),
        (F.ORIGINAL, F.PRESENT),
    }
    assert satisfies(handed, required) == ((handed, required) in allowed)
    verdict = check([_doc("x", required)], [_hand("x", handed)])
    assert verdict.complete == ((handed, required) in allowed)


def test_conditional_document_is_not_demanded_unless_marked_applicable() -> None:
    base = [_hand("d1", F.ORIGINAL), _hand("d2", F.COPY, 2), _hand("d3", F.PRESENT)]
    assert check(REQUIRED, base).complete
    verdict = check(REQUIRED, base, applicable={"d4"})
    assert verdict.missing == (Shortfall(REQUIRED[3], missing_count=1, handed_count=0),)
    handed = [*base, _hand("d4", F.CERTIFIED_COPY)]
    assert check(REQUIRED, handed, applicable=["d4"]).complete


def test_conditional_document_handed_without_being_applicable_is_fine() -> None:
    handed = [
        _hand("d1", F.ORIGINAL),
        _hand("d2", F.COPY, 2),
        _hand("d3", F.PRESENT),
        _hand("d4", F.CERTIFIED_COPY),
    ]
    assert check(REQUIRED, handed).complete


def test_extra_documents_are_recorded_and_never_demanded() -> None:
    extra = _hand(None, F.COPY, 3)
    complete = [_hand("d1", F.ORIGINAL), _hand("d2", F.COPY, 2), _hand("d3", F.PRESENT), extra]
    verdict = check(REQUIRED, complete)
    assert verdict.complete
    assert verdict.extra == (extra,)
    partial = check(REQUIRED, [extra])
    assert partial.extra == (extra,)
    assert all(s.document in REQUIRED for s in partial.missing)


def test_handed_key_not_in_catalogue_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        check(REQUIRED, [_hand("d9", F.ORIGINAL)])
    assert caught.value.field == "key"
    assert "d9" in caught.value.message


def test_applicable_key_not_in_catalogue_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        check(REQUIRED, [], applicable=["d9"])
    assert caught.value.field == "applicable"


def test_negative_count_and_repeated_required_keys_are_refused() -> None:
    with pytest.raises(InvalidInput):
        check(REQUIRED, [_hand("d1", F.ORIGINAL, -1)])
    with pytest.raises(InvalidInput):
        check([_doc("a"), _doc("a", F.COPY)], [])


# -- properties ---------------------------------------------------------------------------------

_KEYS = [f"d{i}" for i in range(1, 7)]


@st.composite
def _required(draw: st.DrawFn) -> list[RequiredDocument]:
    keys = draw(st.lists(st.sampled_from(_KEYS), unique=True, max_size=len(_KEYS)))
    return [
        _doc(
            key,
            draw(st.sampled_from(PAPER)),
            draw(st.integers(1, 3)),
            mandatory=draw(st.booleans()),
        )
        for key in keys
    ]


def _handed(keys: list[str]) -> st.SearchStrategy[list[HandedDocument]]:
    key = st.sampled_from([*keys, None]) if keys else st.none()
    item = st.builds(_hand, key, st.sampled_from(PAPER), st.integers(0, 3))
    return st.lists(item, max_size=8)


@st.composite
def _case(
    draw: st.DrawFn,
) -> tuple[list[RequiredDocument], list[HandedDocument], list[HandedDocument], set[str]]:
    required = draw(_required())
    keys = [d.key for d in required]
    handed = draw(_handed(keys))
    more = draw(_handed(keys))
    applicable = set(draw(st.lists(st.sampled_from(keys)))) if keys else set()
    return required, handed, more, applicable


@given(_case())
def test_missing_only_ever_names_demanded_catalogue_documents(
    case: tuple[list[RequiredDocument], list[HandedDocument], list[HandedDocument], set[str]],
) -> None:
    required, handed, _more, applicable = case
    verdict = check(required, handed, applicable=applicable)
    for shortfall in verdict.missing:
        assert shortfall.document in required
        assert shortfall.document.mandatory or shortfall.document.key in applicable
        assert shortfall.missing_count >= 1
        assert shortfall.missing_count + shortfall.handed_count == shortfall.document.count
    positions = [required.index(s.document) for s in verdict.missing]
    assert positions == sorted(positions)
    assert verdict.complete == (not verdict.missing)
    assert verdict.extra == tuple(h for h in handed if h.key is None)


@given(_case())
def test_handing_over_more_never_increases_what_is_missing(
    case: tuple[list[RequiredDocument], list[HandedDocument], list[HandedDocument], set[str]],
) -> None:
    required, handed, more, applicable = case
    before = {
        s.document.key: s.missing_count
        for s in check(required, handed, applicable=applicable).missing
    }
    after_verdict = check(required, [*handed, *more], applicable=applicable)
    after = {s.document.key: s.missing_count for s in after_verdict.missing}
    assert set(after) <= set(before)
    assert all(after[key] <= before[key] for key in after)
    assert sum(after.values()) <= sum(before.values())


@pytest.mark.parametrize("required", PAPER)
def test_data_from_a_named_source_satisfies_whatever_paper_is_asked(
    required: DocumentForm,
) -> None:
    document = replace(_doc("id", required, count=2), obtainable_from=("csdl_dan_cu", "vneid"))
    obtained = HandedDocument("id", "Căn cước", F.ELECTRONIC, 1, "vneid")
    assert check([document], [obtained]).complete  # the data is whole: both copies
    unlisted = HandedDocument("id", "Căn cước", F.ELECTRONIC, 1, "csdl_dat_dai")
    with pytest.raises(InvalidInput, match="csdl_dan_cu, vneid"):
        check([document], [unlisted])


def test_data_cannot_stand_for_a_document_not_marked_obtainable() -> None:
    obtained = HandedDocument("d1", "Tờ khai", F.ELECTRONIC, 1, "vneid")
    with pytest.raises(InvalidInput, match="Tờ khai"):
        check(REQUIRED, [obtained])
    with pytest.raises(InvalidInput, match="du_lieu_dien_tu"):
        check(REQUIRED, [HandedDocument("d1", "Tờ khai", F.ORIGINAL, 1, "vneid")])
