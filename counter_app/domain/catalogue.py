"""The procedure catalogue: what each administrative procedure (TTHC) asks the citizen for.

Specs are plain frozen values. Data from outside (a JSON or XLSX file, a sync payload) becomes a
spec only through ``counter_app.domain.catalogue_reading``, which normalises every string to NFC
and reports every problem found at once, each with its file, row and field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

from counter_app.domain.calendar import TimeUnit
from counter_app.domain.errors import InvalidInput
from counter_app.domain.text import fold
from counter_app.i18n import N_, _

T = TypeVar("T")

TIME_UNITS: tuple[str, ...] = tuple(unit.value for unit in TimeUnit)
LEVELS = ("xa", "tinh")  # two levels of local government since 1/7/2025
STATUSES = ("active", "abolished")
# What a procedure of the starter set says of its source when no decision published it.
STARTER_SOURCE = N_("mẫu, chưa xác minh")
# The values a source can be recorded for (``ProcedureSpec.sources``), besides the decision.
# ("listing": where the procedure's code and name were found.)
SOURCE_KEYS = (
    "listing",
    "processing_time",
    "fee",
    "legal_basis",
    "documents",
    "place",
    "pause_grounds",
)


def fold_key(text: str) -> str:
    """Folded text (see :func:`fold`) with punctuation and underscores turned into single spaces."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def _lookup(pairs: Iterable[tuple[str, T]]) -> Mapping[str, T]:
    """A read-only table from folded spellings to values (built once, at import: the parse_*
    tests pin every table; mutation testing cannot switch a mutant on before import)."""
    return MappingProxyType({fold_key(text): value for text, value in pairs})  # pragma: no mutate


def _choose(table: Mapping[str, T], text: str, message: str, field: str) -> T:
    """The value ``text`` names in ``table`` (matched folded), or InvalidInput."""
    try:
        return table[fold_key(text)]
    except KeyError:
        raise InvalidInput(message, field=field) from None


class DocumentForm(StrEnum):
    """The form in which a document is handed over."""

    ORIGINAL = "ban_chinh"
    COPY = "ban_sao"
    CERTIFIED_COPY = "ban_chung_thuc"
    PRESENT = "xuat_trinh"
    ELECTRONIC = "du_lieu_dien_tu"  # obtained from a database the state holds, with its source


FORM_LABELS: Mapping[DocumentForm, str] = MappingProxyType(
    {
        DocumentForm.ORIGINAL: N_("Bản chính"),
        DocumentForm.COPY: N_("Bản sao"),
        DocumentForm.CERTIFIED_COPY: N_("Bản sao có chứng thực"),
        DocumentForm.PRESENT: N_("Xuất trình bản chính"),
        DocumentForm.ELECTRONIC: N_("Khai thác dữ liệu điện tử"),
    }
)
_FORMS = _lookup(
    [(form.value, form) for form in DocumentForm]
    + [(label, form) for form, label in FORM_LABELS.items()]
    + [
        ("bản sao chứng thực", DocumentForm.CERTIFIED_COPY),
        ("bản chứng thực", DocumentForm.CERTIFIED_COPY),
        ("bản sao công chứng", DocumentForm.CERTIFIED_COPY),
        ("bản photo", DocumentForm.COPY),
        ("bản chụp", DocumentForm.COPY),
        ("xuất trình", DocumentForm.PRESENT),
        ("khai thác dữ liệu", DocumentForm.ELECTRONIC),
        ("dữ liệu điện tử", DocumentForm.ELECTRONIC),
        ("xác thực qua vneid", DocumentForm.ELECTRONIC),
    ]
)


def parse_form(text: str) -> DocumentForm:
    """The form named by its value or Vietnamese label, with or without diacritics."""
    return _choose(
        _FORMS,
        text,
        _(
            "Loại giấy tờ không hợp lệ: phải là Bản chính, Bản sao, Bản sao có chứng thực, "
            "Xuất trình bản chính hoặc Khai thác dữ liệu điện tử."
        ),
        "form",
    )


UNIT_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "working_days": N_("ngày làm việc"),
        "working_hours": N_("giờ làm việc"),
        "calendar_days": N_("ngày"),
    }
)
_UNITS = _lookup(
    [(unit, unit) for unit in TIME_UNITS]
    + [(label, unit) for unit, label in UNIT_LABELS.items()]
    + [("giờ", "working_hours"), ("ngày lịch", "calendar_days")]
)

LEVEL_LABELS: Mapping[str, str] = MappingProxyType({"xa": N_("Xã"), "tinh": N_("Tỉnh")})
_LEVELS = _lookup(
    [(level, level) for level in LEVELS]
    + [(f"cấp {label}", lv) for lv, label in LEVEL_LABELS.items()]
)

STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {"active": N_("Đang áp dụng"), "abolished": N_("Đã bãi bỏ")}
)
_STATUSES = _lookup(
    [(status, status) for status in STATUSES]
    + [(label, status) for status, label in STATUS_LABELS.items()]
    + [("còn hiệu lực", "active"), ("bãi bỏ", "abolished"), ("hết hiệu lực", "abolished")]
)


def parse_time_unit(text: str) -> str:
    """One of TIME_UNITS from its value or label ("ngày làm việc", "giờ làm việc", "ngày")."""
    return _choose(
        _UNITS,
        text,
        _("Đơn vị thời hạn không hợp lệ: phải là ngày làm việc, giờ làm việc hoặc ngày."),
        "time_unit",
    )


def parse_level(text: str) -> str:
    """One of LEVELS ("xa", "tinh") from its value or label ("Xã", "cấp xã")."""
    return _choose(
        _LEVELS,
        text,
        _("Cấp thực hiện phải là Xã hoặc Tỉnh: từ 1/7/2025 chính quyền địa phương có hai cấp."),
        "level",
    )


def parse_status(text: str) -> str:
    """One of STATUSES from its value or label ("Đang áp dụng", "Đã bãi bỏ")."""
    return _choose(_STATUSES, text, _("Trạng thái phải là Đang áp dụng hoặc Đã bãi bỏ."), "status")


# The one place that maps the unconfirmed marks of a file (groups) to ProcedureSpec fields.
UNCONFIRMED_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "processing_time": ("time_amount", "time_unit"),
        "same_day_cutoff": ("same_day_cutoff",),
        "fee": ("fee_amount", "fee_text"),
        "legal_basis": ("legal_basis",),
        "documents": ("documents",),
    }
)
UNCONFIRMED_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "processing_time": N_("Thời hạn"),
        "same_day_cutoff": N_("Hạn 15 giờ"),
        "fee": N_("Phí"),
        "legal_basis": N_("Căn cứ pháp lý"),
        "documents": N_("Thành phần hồ sơ"),
    }
)
_GROUPS = _lookup(
    [(group, group) for group in UNCONFIRMED_GROUPS]
    + [(label, group) for group, label in UNCONFIRMED_LABELS.items()]
    + [(name, group) for group, names in UNCONFIRMED_GROUPS.items() for name in names]
    + [
        ("thời hạn giải quyết", "processing_time"),
        ("đơn vị thời hạn", "processing_time"),
        ("phí, lệ phí", "fee"),
        ("lệ phí", "fee"),
        ("phí (đồng)", "fee"),
        ("thành phần", "documents"),
        ("giấy tờ", "documents"),
    ]
)


def parse_unconfirmed(text: str) -> str:
    """The group (a key of UNCONFIRMED_GROUPS) named by ``text``: group, label or field name."""
    return _choose(
        _GROUPS,
        text,
        _(
            "Dấu chưa xác minh không hợp lệ: dùng processing_time, same_day_cutoff, fee, "
            "legal_basis hoặc documents."
        ),
        "unconfirmed",
    )


@dataclass(frozen=True)
class RequiredDocument:
    """One document of the procedure's dossier (thành phần hồ sơ)."""

    key: str
    name: str
    form: DocumentForm
    count: int
    mandatory: bool
    condition: str | None
    unconfirmed: bool
    obtainable_from: tuple[str, ...] = ()  # data sources (domain.data_sources) it can come from


@dataclass(frozen=True)
class ProcedureSpec:
    """One administrative procedure as the catalogue describes it."""

    code: str
    name: str
    field: str
    level: str
    time_amount: int
    time_unit: str
    same_day_cutoff: bool
    fee_amount: int | None
    fee_text: str
    legal_basis: str
    decision: str
    status: str
    documents: tuple[RequiredDocument, ...]
    unconfirmed: tuple[str, ...]
    # Added after the first format: a default leaves the canonical form (and the hash) of
    # every earlier version as it was.
    place: str = ""  # địa điểm thực hiện, as the decision publishes it
    effective_from: date | None = None  # the day this version takes effect (None: always)
    sources: tuple[tuple[str, str], ...] = ()  # (a SOURCE_KEYS value, where it was read)

    @property
    def source(self) -> str:
        """The decision that published this version, or the starter set's mark."""
        return self.decision or STARTER_SOURCE

    pause_grounds: tuple[str, ...] = ()  # lawful grounds to stop the clock (domain.pauses)

    def content_hash(self) -> str:
        """SHA-256 of a canonical JSON of every field: equal content, equal hash."""
        payload = json.dumps(
            _canonical(self), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def time_limit_missing(spec: ProcedureSpec) -> bool:
    """True when the 0-day limit stands for a value nobody filled in (not a same-day limit)."""
    return spec.time_amount == 0 and not spec.same_day_cutoff and "time_amount" in spec.unconfirmed


# Stations that import the same catalogue derive the same version ids from it (uuid5).
VERSION_NAMESPACE = uuid.UUID("6f1c3f0e-8a57-5d8e-9b0a-3c1d2e4f5a60")


def version_id(code: str, content_hash: str) -> str:
    """The id every station gives the version of ``code`` with this content."""
    return str(uuid.uuid5(VERSION_NAMESPACE, f"{code}\n{content_hash}"))


SPEC_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ProcedureSpec))


def _canonical(spec: ProcedureSpec) -> dict[str, object]:
    """Every field of ``spec`` as plain JSON types (whatever types the caller passed)."""
    return {
        "code": str(spec.code),
        "name": str(spec.name),
        "field": str(spec.field),
        "level": str(spec.level),
        "time_amount": int(spec.time_amount),
        "time_unit": str(spec.time_unit),
        "same_day_cutoff": bool(spec.same_day_cutoff),
        "fee_amount": None if spec.fee_amount is None else int(spec.fee_amount),
        "fee_text": str(spec.fee_text),
        "legal_basis": str(spec.legal_basis),
        "decision": str(spec.decision),
        "status": str(spec.status),
        "documents": [canonical_document(document) for document in spec.documents],
        "unconfirmed": [str(name) for name in spec.unconfirmed],
        **_later_fields(spec),
    }


def _later_fields(spec: ProcedureSpec) -> dict[str, object]:
    """The fields added after the first format, only when set (so earlier hashes stay)."""
    later: dict[str, object] = {}
    if spec.place:
        later["place"] = str(spec.place)
    if spec.effective_from is not None:
        later["effective_from"] = spec.effective_from.isoformat()
    if spec.sources:
        later["sources"] = {str(key): str(text) for key, text in spec.sources}
    if spec.pause_grounds:
        later["pause_grounds"] = [str(ground) for ground in spec.pause_grounds]
    return later


def canonical_document(document: RequiredDocument) -> dict[str, object]:
    """Every field of ``document`` as plain JSON types; ``obtainable_from`` only when it names
    a source, so that a document without one keeps the content hash (and version id) it had."""
    canonical: dict[str, object] = {
        "key": str(document.key),
        "name": str(document.name),
        "form": str(document.form),
        "count": int(document.count),
        "mandatory": bool(document.mandatory),
        "condition": None if document.condition is None else str(document.condition),
        "unconfirmed": bool(document.unconfirmed),
    }
    if document.obtainable_from:
        canonical["obtainable_from"] = [str(source) for source in document.obtainable_from]
    return canonical


def unconfirmed_fields(groups: Iterable[str]) -> tuple[str, ...]:
    """The ProcedureSpec fields marked by the file ``groups``, in declaration order."""
    marked = {name for group in groups for name in UNCONFIRMED_GROUPS[group]}
    return tuple(name for name in SPEC_FIELDS if name in marked)


def unconfirmed_groups(fields: Iterable[str]) -> tuple[str, ...]:
    """The file groups to write for the unconfirmed ProcedureSpec ``fields``."""
    marked = set(fields)
    return tuple(g for g, names in UNCONFIRMED_GROUPS.items() if marked.intersection(names))
