"""The wording of every printed form, read from ``resources/forms/<set>.json`` and validated.

An administrator may correct a title or a label in the JSON file without touching code; a file
that is broken (bad JSON, a key missing or misspelt, a ``{placeholder}`` the form cannot fill)
is refused with a Vietnamese message naming the file and the key.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.printing.model import FormKind, FormSet
from counter_app.resources import resource_dir

FORMS_DIR = resource_dir("forms")

_DATE = ("day", "month", "year")
_DATETIME = ("hour", "minute", *_DATE)
_PERSON = ("applicant", "agency", "unit", "parent", "centre")

COMMON: dict[str, tuple[str, ...]] = {
    "country": (),
    "motto": (),
    "place_date": ("place", *_DATE),
    "blank_place_date": ("place",),
    "date": _DATE,
    "datetime": _DATETIME,
    "short_date": _DATE,
    "blank_date": (),
    "blank_datetime": (),
    "missing": (),
    "number": ("number",),
    "form_line": ("number", "circular"),
    "page": ("page", "pages"),
    "money": ("amount",),
    "recipients_title": (),
}

_CONTACT = ("phone", "email")
_DOSSIER = (*_PERSON, "code", "procedure")


@dataclass(frozen=True)
class FormSpec:
    """What a form's labels must contain: text keys with their placeholders, column count."""

    text: Mapping[str, tuple[str, ...]]
    columns: int = 0
    copies: bool = False
    recipients: bool = False


SPECS: dict[FormKind, FormSpec] = {
    FormKind.SLIP: FormSpec(
        text={
            "code": ("code",),
            "unit": ("agency", "unit", "parent", "centre"),
            "applicant": ("applicant",),
            "id_number": ("id_number",),
            "address": ("address",),
            "contact": _CONTACT,
            "request": ("procedure", "procedure_code", "field"),
            "documents": (),
            "set_count": ("count",),
            "time_limit": ("time_limit",),
            "received": ("received",),
            "due": ("due",),
            "return_place": ("return_place",),
            "fee": ("fee",),
            "book": ("book", "number"),
            "lookup": (),
            "bring": (),
        },
        columns=4,
        copies=True,
    ),
    FormKind.SUPPLEMENT: FormSpec(
        text={
            "code": ("code",),
            "intro": _PERSON,
            "request": ("procedure", "procedure_code", "field"),
            "address": ("address",),
            "contact": _CONTACT,
            "missing": (),
            "reason": ("reason",),
            "guidance": ("contact",),
        },
        columns=4,
    ),
    FormKind.REFUSAL: FormSpec(
        text={
            "intro": _PERSON,
            "address": ("address",),
            "phone": ("phone",),
            "email": ("email",),
            "request": ("procedure", "procedure_code", "field"),
            "reasons_intro": _PERSON,
            "closing": (),
        },
    ),
    FormKind.APOLOGY: FormSpec(
        text={
            "addressee": ("applicant",),
            "received": (*_DOSSIER, "received"),
            "code": ("code",),
            "previous_due": ("previous_due",),
            "late": _DOSSIER,
            "reason": ("reason",),
            "new_due": (*_DOSSIER, "new_due", "new_due_time"),
            "sympathy": _PERSON,
        },
        recipients=True,
    ),
    FormKind.STOP: FormSpec(
        text={
            "addressee": ("applicant",),
            "received": (*_DOSSIER, "received"),
            "code": ("code",),
            "stop": (*_DOSSIER, "stopped"),
            "reason": ("reason",),
            "closing": _PERSON,
        },
        recipients=True,
    ),
    FormKind.CONTROL: FormSpec(
        text={
            "code": ("code",),
            "applicant": ("applicant",),
            "received": ("received",),
            "due": ("due",),
            "handling": ("handling_unit",),
            "cooperating": ("cooperating_units",),
            "give": ("giver",),
            "take": ("receiver",),
            "giver_sign": (),
            "receiver_sign": (),
        },
        columns=4,
    ),
    FormKind.REGISTER: FormSpec(
        text={
            "period": ("start", "end"),
            "date_group": (),
            "totals": ("total", "returned", "pending"),
        },
        columns=15,
    ),
    FormKind.RECEIPT: FormSpec(
        text={
            "code": ("code",),
            "procedure": ("procedure", "procedure_code", "field"),
            "applicant": ("applicant",),
            "receiver": ("receiver",),
            "receiver_id": ("id_number",),
            "returned": ("returned",),
            "method": ("method",),
            "fee": ("fee",),
            "rating": ("rating",),
            "no_rating": (),
        },
    ),
}

KINDS: dict[FormSet, tuple[FormKind, ...]] = {
    FormSet.TT01_2018: tuple(kind for kind in FormKind if kind is not FormKind.STOP),
    FormSet.TT03_2025: tuple(FormKind),
}

SIGNER_NAMES = ("applicant", "clerk", "signer", "receiver", "none")
_FORM_KEYS = {"number", "title", "text", "columns", "signatures", "notes", "recipients", "copies"}
_SIGNATURE_KEYS = {"title", "hint", "name"}


@dataclass(frozen=True)
class Signature:
    """One signature block: title (``{signer_title}`` allowed), hint, whose name is printed."""

    title: str
    hint: str
    name: str


@dataclass(frozen=True)
class FormLabels:
    """The wording of one form."""

    number: str
    title: str
    text: Mapping[str, str]
    columns: tuple[str, ...]
    signatures: tuple[Signature, ...]
    notes: tuple[str, ...]
    recipients: tuple[str, ...]
    copies: tuple[str, ...]

    def __getitem__(self, key: str) -> str:
        return self.text[key]


@dataclass(frozen=True)
class LabelSet:
    """The wording of every form of one regulation."""

    form_set: FormSet
    circular: str
    common: Mapping[str, str]
    forms: Mapping[FormKind, FormLabels]

    def form(self, kind: FormKind) -> FormLabels:
        """The labels of ``kind``; InvalidInput if the set has no such form."""
        labels = self.forms.get(kind)
        if labels is None:
            raise InvalidInput(
                _("Bộ biểu mẫu {set} không có mẫu «{kind}».").format(
                    set=self.form_set.value, kind=kind.value
                ),
                field="kind",
            )
        return labels


class _Reader:
    """Walks the parsed JSON and refuses anything that does not fit, naming the key."""

    def __init__(self, source: Path) -> None:
        self.name = source.name

    def fail(self, key: str, problem: str) -> InvalidInput:
        message = _("Tệp nhãn biểu mẫu {file}, khóa «{key}»: {problem}").format(
            file=self.name, key=key, problem=problem
        )
        return InvalidInput(message, field=key)

    def mapping(self, value: Any, key: str, allowed: set[str] | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, _("phải là một đối tượng JSON {…}."))
        if allowed is not None:
            for child in value:
                if child not in allowed:
                    raise self.fail(f"{key}.{child}", _("khóa này không được biết."))
        return value

    def child(self, parent: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in parent:
            raise self.fail(path, _("thiếu khóa này."))
        return parent[key]

    def text(self, value: Any, key: str, placeholders: tuple[str, ...] = ()) -> str:
        if not isinstance(value, str):
            raise self.fail(key, _("phải là một chuỗi văn bản."))
        try:
            fields = [
                (name, spec, conversion)
                for _literal, name, spec, conversion in string.Formatter().parse(value)
                if name is not None
            ]
        except ValueError:
            raise self.fail(key, _("dấu ngoặc { } không khớp.")) from None
        for name, spec, conversion in fields:
            if name not in placeholders or spec or conversion:
                allowed = ", ".join(f"{{{p}}}" for p in placeholders) or _("không có")
                raise self.fail(
                    key,
                    _("ô «{{{name}}}» không dùng được ở đây (được dùng: {allowed}).").format(
                        name=name, allowed=allowed
                    ),
                )
        return value

    def texts(self, value: Any, key: str, placeholders: tuple[str, ...] = ()) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, _("phải là một danh sách chuỗi [ … ]."))
        return tuple(self.text(item, f"{key}[{i}]", placeholders) for i, item in enumerate(value))

    def signatures(self, value: Any, key: str) -> tuple[Signature, ...]:
        if not isinstance(value, list):
            raise self.fail(key, _("phải là một danh sách chữ ký [ … ]."))
        blocks = []
        for index, item in enumerate(value):
            path = f"{key}[{index}]"
            block = self.mapping(item, path, _SIGNATURE_KEYS)
            name = self.text(self.child(block, "name", f"{path}.name"), f"{path}.name")
            if name not in SIGNER_NAMES:
                raise self.fail(
                    f"{path}.name",
                    _("phải là một trong: {names}.").format(names=", ".join(SIGNER_NAMES)),
                )
            blocks.append(
                Signature(
                    title=self.text(
                        self.child(block, "title", f"{path}.title"),
                        f"{path}.title",
                        ("signer_title",),
                    ),
                    hint=self.text(self.child(block, "hint", f"{path}.hint"), f"{path}.hint"),
                    name=name,
                )
            )
        return tuple(blocks)

    def form(self, value: Any, kind: FormKind) -> FormLabels:
        key = f"forms.{kind.value}"
        spec = SPECS[kind]
        raw = self.mapping(value, key, _FORM_KEYS)
        text_raw = self.mapping(
            self.child(raw, "text", f"{key}.text"), f"{key}.text", set(spec.text)
        )
        text = {
            name: self.text(
                self.child(text_raw, name, f"{key}.text.{name}"), f"{key}.text.{name}", ph
            )
            for name, ph in spec.text.items()
        }
        columns = self.texts(raw.get("columns", []), f"{key}.columns")
        if len(columns) != spec.columns:
            raise self.fail(f"{key}.columns", _("phải có đúng {n} cột.").format(n=spec.columns))
        copies = self.texts(raw.get("copies", []), f"{key}.copies")
        recipients = self.texts(raw.get("recipients", []), f"{key}.recipients")
        if spec.recipients and not recipients:
            raise self.fail(f"{key}.recipients", _("thiếu danh sách nơi nhận."))
        return FormLabels(
            number=self.text(self.child(raw, "number", f"{key}.number"), f"{key}.number"),
            title=self.text(self.child(raw, "title", f"{key}.title"), f"{key}.title"),
            text=text,
            columns=columns,
            signatures=self.signatures(raw.get("signatures", []), f"{key}.signatures"),
            notes=self.texts(raw.get("notes", []), f"{key}.notes"),
            recipients=recipients,
            copies=copies,
        )


def parse_labels(raw: Any, source: Path) -> LabelSet:
    """Validate parsed JSON ``raw`` (read from ``source``) into a label set."""
    reader = _Reader(source)
    top = reader.mapping(raw, "(gốc)", {"set", "circular", "common", "forms"})
    set_name = reader.text(reader.child(top, "set", "set"), "set")
    try:
        form_set = FormSet(set_name)
    except ValueError:
        raise reader.fail(
            "set", _("phải là một trong: {names}.").format(names=", ".join(FormSet))
        ) from None
    common_raw = reader.mapping(reader.child(top, "common", "common"), "common", set(COMMON))
    common = {
        name: reader.text(reader.child(common_raw, name, f"common.{name}"), f"common.{name}", ph)
        for name, ph in COMMON.items()
    }
    kinds = KINDS[form_set]
    forms_raw = reader.mapping(
        reader.child(top, "forms", "forms"), "forms", {kind.value for kind in kinds}
    )
    forms = {
        kind: reader.form(reader.child(forms_raw, kind.value, f"forms.{kind.value}"), kind)
        for kind in kinds
    }
    return LabelSet(
        form_set=form_set,
        circular=reader.text(reader.child(top, "circular", "circular"), "circular"),
        common=common,
        forms=forms,
    )


def load_labels_file(path: Path) -> LabelSet:
    """Read and validate one label file (no caching)."""
    reader = _Reader(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise reader.fail("(tệp)", _("không đọc được tệp ({error}).").format(error=error)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise reader.fail(
            "(tệp)", _("không phải JSON hợp lệ ({error}).").format(error=error)
        ) from None
    return parse_labels(raw, path)


@lru_cache(maxsize=4)
def load_labels(form_set: FormSet, folder: Path = FORMS_DIR) -> LabelSet:
    """The validated labels of ``form_set`` (read once per process and folder)."""
    path = folder / f"{form_set.value}.json"
    labels = load_labels_file(path)
    if labels.form_set is not form_set:
        raise _Reader(path).fail("set", _("phải là «{set}».").format(set=form_set.value))
    return labels
