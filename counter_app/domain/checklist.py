"""The verdict on what was handed over at the counter, against the catalogue's required list.

Only catalogue documents can ever be demanded: those that are mandatory, and conditional ones the
clerk marked as applying. Documents outside the catalogue are recorded as extra, never demanded.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from counter_app.domain.catalogue import DocumentForm, RequiredDocument
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _

# For each required form, the handed forms that satisfy it.
ACCEPTED_FORMS: Mapping[DocumentForm, frozenset[DocumentForm]] = MappingProxyType(
    {
        DocumentForm.ORIGINAL: frozenset({DocumentForm.ORIGINAL}),
        DocumentForm.COPY: frozenset({DocumentForm.COPY, DocumentForm.CERTIFIED_COPY}),
        DocumentForm.CERTIFIED_COPY: frozenset({DocumentForm.CERTIFIED_COPY}),
        DocumentForm.PRESENT: frozenset({DocumentForm.PRESENT, DocumentForm.ORIGINAL}),
        DocumentForm.ELECTRONIC: frozenset(),  # never a catalogue form: see obtainable_from
    }
)


@dataclass(frozen=True)
class HandedDocument:
    """A document handed over; ``key`` None means an extra one outside the catalogue."""

    key: str | None
    name: str
    form: DocumentForm
    count: int
    source: str | None = None  # for DocumentForm.ELECTRONIC: the database it was obtained from


@dataclass(frozen=True)
class Shortfall:
    """A demanded document not (fully) handed over in an acceptable form."""

    document: RequiredDocument
    missing_count: int
    handed_count: int


@dataclass(frozen=True)
class Verdict:
    """Whether the dossier is complete, what is missing, and what was handed in addition."""

    complete: bool
    missing: tuple[Shortfall, ...]
    extra: tuple[HandedDocument, ...]


def satisfies(handed: DocumentForm, required: DocumentForm) -> bool:
    """True when a document handed in form ``handed`` counts for one required in ``required``."""
    return handed in ACCEPTED_FORMS[required]


def counts_for(handed: HandedDocument, document: RequiredDocument) -> bool:
    """True when ``handed`` satisfies ``document``: a paper in an accepted form, or its data
    obtained from a source the catalogue names for it."""
    if handed.key != document.key:
        return False
    if handed.form is DocumentForm.ELECTRONIC:
        return handed.source in document.obtainable_from
    return satisfies(handed.form, document.form)


def _index(required: Sequence[RequiredDocument]) -> dict[str, RequiredDocument]:
    """The required documents by key; repeated keys are a caller error."""
    by_key: dict[str, RequiredDocument] = {}
    for document in required:
        if by_key.setdefault(document.key, document) is not document:
            raise InvalidInput(
                _("Mã giấy tờ '{key}' bị trùng trong thành phần hồ sơ.").format(key=document.key),
                field="key",
            )
    return by_key


def _check_handed(handed: Sequence[HandedDocument], by_key: Mapping[str, RequiredDocument]) -> None:
    """Refuse handed documents with an unknown key, a negative count, or data obtained from a
    source the catalogue does not name for them."""
    for document in handed:
        if document.key is not None and document.key not in by_key:
            raise InvalidInput(
                _("Giấy tờ '{name}' (mã '{key}') không thuộc thành phần hồ sơ của thủ tục.").format(
                    name=document.name, key=document.key
                ),
                field="key",
            )
        if document.count < 0:
            raise InvalidInput(_("Số lượng giấy tờ đã nhận không được âm."), field="count")
        _check_source(document, by_key.get(document.key or ""))


def _check_source(handed: HandedDocument, required: RequiredDocument | None) -> None:
    if handed.form is not DocumentForm.ELECTRONIC:
        if handed.source is not None:
            raise InvalidInput(
                _(
                    "Giấy tờ '{name}': chỉ ghi nguồn dữ liệu khi hình thức là du_lieu_dien_tu."
                ).format(name=handed.name),
                field="source",
            )
        return
    if required is None or not required.obtainable_from:
        raise InvalidInput(
            _(
                "Giấy tờ '{name}' không được đánh dấu là khai thác được từ cơ sở dữ liệu; "
                "phải nhận bản giấy."
            ).format(name=handed.name),
            field="form",
        )
    if handed.source not in required.obtainable_from:
        raise InvalidInput(
            _("Giấy tờ '{name}' chỉ khai thác được từ: {sources}.").format(
                name=handed.name, sources=", ".join(required.obtainable_from)
            ),
            field="source",
        )


def _check_applicable(applicable: Collection[str], by_key: Mapping[str, object]) -> None:
    """Refuse an applicable key that is not a catalogue document."""
    for key in applicable:
        if key not in by_key:
            raise InvalidInput(
                _(
                    "Giấy tờ '{key}' được đánh dấu áp dụng nhưng không thuộc thành phần hồ sơ."
                ).format(key=key),
                field="applicable",
            )


def _shortfall(document: RequiredDocument, handed: Sequence[HandedDocument]) -> Shortfall | None:
    """What is still missing of ``document``, or None when enough acceptable ones were handed."""
    count = sum(
        document.count if h.form is DocumentForm.ELECTRONIC else h.count  # the data is whole
        for h in handed
        if counts_for(h, document)
    )
    if count >= document.count:
        return None
    return Shortfall(document=document, missing_count=document.count - count, handed_count=count)


def check(
    required: Sequence[RequiredDocument],
    handed: Sequence[HandedDocument],
    *,
    applicable: Collection[str] = (),
) -> Verdict:
    """The verdict on ``handed`` against ``required`` (catalogue order).

    Conditional documents are demanded only when their key is in ``applicable``. A handed or
    applicable key that is not in ``required`` raises InvalidInput.
    """
    by_key = _index(required)
    _check_handed(handed, by_key)
    _check_applicable(applicable, by_key)
    chosen = frozenset(applicable)
    demanded = [d for d in required if d.mandatory or d.key in chosen]
    missing = tuple(s for s in (_shortfall(d, handed) for d in demanded) if s is not None)
    extra = tuple(document for document in handed if document.key is None)
    return Verdict(complete=not missing, missing=missing, extra=extra)
