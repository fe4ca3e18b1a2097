"""Reading procedures from outside data (a JSON or XLSX file, a sync payload) into specs.

Every string is normalised to NFC and every problem found is reported at once, each with its
file, row and field, so an import is all or nothing.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NoReturn, TypeVar

from counter_app.domain.catalogue import (
    LEVELS,
    SOURCE_KEYS,
    STATUSES,
    TIME_UNITS,
    DocumentForm,
    ProcedureSpec,
    RequiredDocument,
    canonical_document,
    parse_form,
    parse_level,
    parse_status,
    parse_time_unit,
    parse_unconfirmed,
    unconfirmed_fields,
    unconfirmed_groups,
)
from counter_app.domain.data_sources import parse_source
from counter_app.domain.errors import InvalidInput
from counter_app.domain.pauses import parse_grounds
from counter_app.domain.text import clean
from counter_app.i18n import N_, _

T = TypeVar("T")

CODE_RE = re.compile(r"[0-9]\.[0-9]{6}(\.[0-9A-Z]+)*")
ITEM_LABEL = N_("thủ tục")
KEY_RE = re.compile(r"[A-Za-z0-9_.\-]{1,20}")
MAX_CODE = 40
MAX_CONDITION = 500
MAX_COUNT = 999
MAX_DECISION = 500
MAX_DOCUMENTS = 200
MAX_FEE = 2_000_000_000
MAX_FIELD = 200
MAX_NAME = 500
MAX_PLACE = 1000
MAX_TEXT = 4000
MAX_TIME = 365
ROW_LABEL = N_("dòng")
SHOWN_PROBLEMS = 3


# -- problems -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalogue file, and where it is."""

    file: str
    row: int | None
    field: str | None
    message: str
    row_label: str = ROW_LABEL
    sheet: str | None = None
    code: str | None = None
    table: int | None = None  # a table of a decision's document; ``field`` is then a column

    def __str__(self) -> str:
        place = [self.file]
        if self.sheet:
            place.append(_("trang '{sheet}'").format(sheet=self.sheet))
        if self.table is not None:
            place.append(_("bảng {n}").format(n=self.table))
        if self.row is not None:
            row = f"{_(self.row_label)} {self.row}"
            place.append(f"{row} ({self.code})" if self.code else row)
        if self.field:
            where = _("cột '{field}'") if self.table is not None else _("trường '{field}'")
            place.append(where.format(field=self.field))
        return f"{', '.join(place)}: {self.message}"


def _summary(problems: Sequence[Problem]) -> str:
    """The first few problems, and how many more there are."""
    text = "\n".join(str(problem) for problem in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    return text + "\n" + _("(và {n} lỗi khác)").format(n=more) if more > 0 else text


class CatalogueProblem(InvalidInput):
    """A catalogue (or one procedure) is refused; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("CatalogueProblem needs at least one problem")
        super().__init__(_summary(self.problems), field=self.problems[0].field)


@dataclass
class ProblemSink:
    """Collects the problems of one place (file, sheet, row); nested sinks share the list."""

    file: str
    row: int | None = None
    row_label: str = ROW_LABEL
    sheet: str | None = None
    code: str | None = None
    prefix: str = ""
    found: list[Problem] = dataclasses.field(default_factory=list)

    def add(self, field: str | None, message: str) -> None:
        """Record a problem about ``field`` (None: the place as a whole)."""
        name = f"{self.prefix}{field}" if field else self.prefix.rstrip(".") or None
        self.found.append(
            Problem(self.file, self.row, name, message, self.row_label, self.sheet, self.code)
        )

    def nested(self, prefix: str) -> ProblemSink:
        """A sink for the fields under ``prefix`` (e.g. "fee."), sharing this one's list."""
        return dataclasses.replace(self, prefix=self.prefix + prefix)

    def raise_if_any(self) -> None:
        """Raise CatalogueProblem when anything was recorded."""
        if self.found:
            raise CatalogueProblem(self.found)


# -- reading untrusted values -----------------------------------------------------------------

_ABSENT = object()
_PROCEDURE_KEYS = frozenset(
    {
        "code",
        "name",
        "field",
        "level",
        "processing_time",
        "same_day_cutoff",
        "fee",
        "legal_basis",
        "decision",
        "status",
        "documents",
        "unconfirmed",
        "place",
        "effective_from",
        "sources",
        "pause_grounds",
    }
)
_DOCUMENT_KEYS = frozenset(
    {"key", "name", "form", "count", "mandatory", "condition", "unconfirmed", "obtainable_from"}
)
_TIME_KEYS = frozenset({"amount", "unit"})
_FEE_KEYS = frozenset({"amount", "text"})


def _take(data: Mapping[str, object], key: str, sink: ProblemSink) -> object:
    """``data[key]``, or _ABSENT after recording that the required field is missing."""
    if key in data:
        return data[key]
    sink.add(key, _("Thiếu trường bắt buộc."))
    return _ABSENT


def _check_keys(data: Mapping[str, object], known: frozenset[str], sink: ProblemSink) -> None:
    """Record every key of ``data`` that the format does not know (a typo loses data)."""
    for key in data:
        if key not in known:
            sink.add(str(key), _("Trường không có trong định dạng danh mục (viết sai tên?)."))


def _as_mapping(value: object, sink: ProblemSink, message: str) -> Mapping[str, object] | None:
    """``value`` when it is a mapping; otherwise record ``message`` (silent when absent)."""
    if isinstance(value, Mapping):
        return value
    if value is not _ABSENT:
        sink.add(None, message)
    return None


def _bad_character(text: str) -> bool:
    """True when ``text`` holds a surrogate or a non-character that no file can carry."""
    return any(unicodedata.category(ch) == "Cs" or ch in "\ufffe\uffff" for ch in text)


def _as_text(
    value: object,
    field: str,
    sink: ProblemSink,
    *,
    limit: int,
    empty_ok: bool = False,
    multiline: bool = False,
) -> str:
    """``value`` cleaned (NFC, trimmed, no control characters) and checked; "" when bad."""
    if value is _ABSENT:
        return ""
    if not isinstance(value, str):
        sink.add(field, _("Phải là một chuỗi ký tự."))
        return ""
    text = clean(value, field=field, max_length=sys.maxsize, required=False, multiline=multiline)
    if not text and not empty_ok:
        sink.add(field, _("Không được để trống."))
    elif len(text) > limit:
        sink.add(
            field, _("Dài {n} ký tự, quá giới hạn {limit} ký tự.").format(n=len(text), limit=limit)
        )
    elif _bad_character(text):
        sink.add(field, _("Chứa ký tự không hợp lệ."))
    return text


def _as_optional_text(value: object, field: str, sink: ProblemSink, *, limit: int) -> str | None:
    """Like :func:`_as_text`; None, absent or blank give None."""
    if value is None or value is _ABSENT:
        return None
    return _as_text(value, field, sink, limit=limit, empty_ok=True, multiline=True) or None


def _as_int(
    value: object, field: str, sink: ProblemSink, *, low: int, high: int, message: str
) -> int:
    """``value`` when it is an integer in [low, high]; otherwise record ``message``."""
    if value is _ABSENT:
        return low
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        sink.add(field, message)
        return low
    return value


def _as_bool(value: object, field: str, sink: ProblemSink) -> bool:
    """``value`` when it is a boolean; otherwise record a problem."""
    if isinstance(value, bool):
        return value
    if value is not _ABSENT:
        sink.add(field, _("Phải là Có hoặc Không (true/false)."))
    return False


def _as_choice(
    value: object, field: str, sink: ProblemSink, parse: Callable[[str], T], default: T
) -> T:
    """``parse(value)``; a non-string or an unknown name is recorded and gives ``default``."""
    if value is _ABSENT:
        return default
    if not isinstance(value, str):
        sink.add(field, _("Phải là một chuỗi ký tự."))
        return default
    try:
        return parse(value)
    except InvalidInput as error:
        sink.add(field, error.message)
        return default


def _as_code(value: object, sink: ProblemSink) -> str:
    """The national TTHC code N.NNNNNN (optionally with suffixes), checked."""
    if value is _ABSENT:
        return ""
    if not isinstance(value, str):
        sink.add("code", _("Mã TTHC phải là một chuỗi ký tự."))
        return ""
    code = unicodedata.normalize("NFC", value).strip()
    if len(code) > MAX_CODE or not CODE_RE.fullmatch(code):
        sink.add(
            "code",
            _(
                "Mã TTHC phải có dạng N.NNNNNN, có thể thêm hậu tố "
                "(ví dụ 1.001193, 1.001193.02 hoặc 2.000815.000.00.00.H55)."
            ),
        )
    return code


def _as_key(value: object, position: int, sink: ProblemSink) -> str:
    """The document key from the file, or "d<position>" when none is given."""
    if value is None or value is _ABSENT or (isinstance(value, str) and not value.strip()):
        return f"d{position}"
    if not isinstance(value, str) or not KEY_RE.fullmatch(value.strip()):
        sink.add(
            "key",
            _("Mã giấy tờ chỉ gồm chữ cái không dấu, chữ số, '.', '_' hoặc '-' (tối đa 20 ký tự)."),
        )
        return f"d{position}"
    return value.strip()


def _read_time(value: object, sink: ProblemSink) -> tuple[int, str]:
    """The processing time {amount, unit}."""
    data = _as_mapping(value, sink, _("Thời hạn phải là một đối tượng {amount, unit}."))
    if data is None:
        return 0, TIME_UNITS[0]
    _check_keys(data, _TIME_KEYS, sink)
    amount = _as_int(
        _take(data, "amount", sink),
        "amount",
        sink,
        low=0,
        high=MAX_TIME,
        message=_("Thời hạn giải quyết phải là số nguyên từ 0 đến 365."),
    )
    unit = _as_choice(_take(data, "unit", sink), "unit", sink, parse_time_unit, TIME_UNITS[0])
    return amount, unit


def _read_fee(value: object, sink: ProblemSink) -> tuple[int | None, str]:
    """The fee {amount (whole đồng or null), text}."""
    data = _as_mapping(value, sink, _("Phí phải là một đối tượng {amount, text}."))
    if data is None:
        return None, ""
    _check_keys(data, _FEE_KEYS, sink)
    raw = _take(data, "amount", sink)
    amount = (
        None
        if raw is None or raw is _ABSENT
        else _as_int(
            raw,
            "amount",
            sink,
            low=0,
            high=MAX_FEE,
            message=_(
                "Mức phí phải là số đồng nguyên không âm, hoặc để trống nếu mức phí thay đổi."
            ),
        )
    )
    text = _as_text(
        _take(data, "text", sink), "text", sink, limit=MAX_TEXT, empty_ok=True, multiline=True
    )
    return amount, text


def _read_unconfirmed(value: object, sink: ProblemSink) -> tuple[str, ...]:
    """The unconfirmed marks of a procedure, as ProcedureSpec field names."""
    if value is _ABSENT or value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        sink.add("unconfirmed", _("Dấu chưa xác minh phải là một danh sách tên trường."))
        return ()
    groups = [_as_choice(v, "unconfirmed", sink, parse_unconfirmed, "") for v in value]
    return unconfirmed_fields(group for group in groups if group)


def _read_effective(value: object, sink: ProblemSink) -> date | None:
    """The day a version takes effect ("YYYY-MM-DD"), or None when not given."""
    if value is None or value is _ABSENT:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    sink.add("effective_from", _("Ngày hiệu lực phải có dạng YYYY-MM-DD (ví dụ 2026-03-01)."))
    return None


def _read_sources(value: object, sink: ProblemSink) -> tuple[tuple[str, str], ...]:
    """Where each value was read: {"processing_time": "Luật Hộ tịch 2014, Điều 16", …}."""
    if value is None or value is _ABSENT:
        return ()
    if not isinstance(value, Mapping):
        sink.add("sources", _("Nguồn phải là một đối tượng (tên giá trị: văn bản)."))
        return ()
    sources: list[tuple[str, str]] = []
    for key, text in value.items():
        if key not in SOURCE_KEYS:
            sink.add(
                f"sources.{key}",
                _("Chỉ ghi nguồn cho: {keys}.").format(keys=", ".join(SOURCE_KEYS)),
            )
            continue
        cleaned = _as_text(text, f"sources.{key}", sink, limit=MAX_TEXT, multiline=True)
        if cleaned:
            sources.append((str(key), cleaned))
    return tuple(sorted(sources, key=lambda item: SOURCE_KEYS.index(item[0])))


def _read_grounds(value: object, sink: ProblemSink) -> tuple[str, ...]:
    """The lawful pause grounds a procedure allows (none when absent)."""
    if value is _ABSENT or value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        sink.add("pause_grounds", _("Căn cứ tạm dừng phải là một danh sách mã căn cứ."))
        return ()
    try:
        return parse_grounds(value)
    except InvalidInput as error:
        sink.add("pause_grounds", error.message)
        return ()


def read_document(item: object, sink: ProblemSink, position: int) -> RequiredDocument:
    """One document of a procedure (1-based ``position``); problems go to ``sink``."""
    data = _as_mapping(item, sink, _("Mỗi giấy tờ phải là một đối tượng (các cặp tên: giá trị)."))
    if data is None:
        return RequiredDocument(f"d{position}", "", DocumentForm.ORIGINAL, 1, True, None, False)
    _check_keys(data, _DOCUMENT_KEYS, sink)
    return RequiredDocument(
        key=_as_key(data.get("key"), position, sink),
        name=_as_text(_take(data, "name", sink), "name", sink, limit=MAX_NAME),
        form=_as_choice(
            _take(data, "form", sink), "form", sink, _paper_form, DocumentForm.ORIGINAL
        ),
        count=_as_int(
            _take(data, "count", sink),
            "count",
            sink,
            low=1,
            high=MAX_COUNT,
            message=_("Số lượng phải là số nguyên dương."),
        ),
        mandatory=_as_bool(_take(data, "mandatory", sink), "mandatory", sink),
        condition=_as_optional_text(data.get("condition"), "condition", sink, limit=MAX_CONDITION),
        unconfirmed=_as_bool(data.get("unconfirmed", False), "unconfirmed", sink),
        obtainable_from=_read_data_sources(data.get("obtainable_from", []), sink),
    )


def _paper_form(text: str) -> DocumentForm:
    """The form the catalogue asks for on paper; data from a database is ``obtainable_from``."""
    form = parse_form(text)
    if form is DocumentForm.ELECTRONIC:
        raise InvalidInput(
            _("Thành phần hồ sơ ghi loại giấy tờ bản giấy; nguồn dữ liệu ghi ở obtainable_from."),
            field="form",
        )
    return form


def _read_data_sources(value: object, sink: ProblemSink) -> tuple[str, ...]:
    """The data sources a document can be obtained from (keys of domain.data_sources)."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        sink.add("obtainable_from", _('Phải là một danh sách nguồn dữ liệu, ví dụ ["vneid"].'))
        return ()
    sources: list[str] = []
    for item in value:
        try:
            source = parse_source(item)
        except InvalidInput as error:
            sink.add("obtainable_from", error.message)
            continue
        if source not in sources:
            sources.append(source)
    return tuple(sources)


def _read_documents(
    value: object, sink: ProblemSink, document_sinks: Sequence[ProblemSink] | None
) -> tuple[RequiredDocument, ...]:
    """The documents list: non-empty, each valid, keys unique within the procedure."""
    if value is _ABSENT:
        return ()
    if not isinstance(value, list | tuple):
        sink.add("documents", _("Thành phần hồ sơ phải là một danh sách giấy tờ."))
        return ()
    if not value:
        sink.add("documents", _("Thủ tục phải có ít nhất một giấy tờ trong thành phần hồ sơ."))
    elif len(value) > MAX_DOCUMENTS:
        sink.add("documents", _("Thủ tục có quá 200 giấy tờ."))
        return ()
    sinks = document_sinks or [sink.nested(f"documents[{i}].") for i in range(1, len(value) + 1)]
    documents = tuple(read_document(item, sinks[i], i + 1) for i, item in enumerate(value))
    _check_unique_keys(documents, sinks)
    return documents


def _check_unique_keys(documents: Sequence[RequiredDocument], sinks: Sequence[ProblemSink]) -> None:
    """Record every document whose key repeats an earlier one."""
    seen: dict[str, int] = {}
    for position, document in enumerate(documents, start=1):
        first = seen.setdefault(document.key, position)
        if first != position:
            sinks[position - 1].add(
                "key",
                _("Mã giấy tờ '{key}' trùng với giấy tờ thứ {first} của cùng thủ tục.").format(
                    key=document.key, first=first
                ),
            )


def code_hint(data: object) -> str | None:
    """The code of a raw procedure mapping when it is a string, to name it in problems."""
    code = data.get("code") if isinstance(data, Mapping) else None
    return code.strip()[:MAX_CODE] if isinstance(code, str) and code.strip() else None


def read_procedure(
    raw: object, sink: ProblemSink, document_sinks: Sequence[ProblemSink] | None = None
) -> ProcedureSpec | None:
    """A spec from the JSON-shaped ``raw``, or None when ``sink`` received problems.

    Document problems go to ``document_sinks[i]`` when given (one per document, e.g. XLSX
    rows), otherwise to ``sink`` under the field prefix ``documents[i].`` (1-based).
    """
    before = len(sink.found)
    data = _as_mapping(raw, sink, _("Mỗi thủ tục phải là một đối tượng (các cặp tên: giá trị)."))
    if data is None:
        return None
    _check_keys(data, _PROCEDURE_KEYS, sink)
    amount, unit = _read_time(_take(data, "processing_time", sink), sink.nested("processing_time."))
    fee_amount, fee_text = _read_fee(_take(data, "fee", sink), sink.nested("fee."))
    spec = ProcedureSpec(
        code=_as_code(_take(data, "code", sink), sink),
        name=_as_text(_take(data, "name", sink), "name", sink, limit=MAX_NAME),
        field=_as_text(_take(data, "field", sink), "field", sink, limit=MAX_FIELD),
        level=_as_choice(_take(data, "level", sink), "level", sink, parse_level, LEVELS[0]),
        time_amount=amount,
        time_unit=unit,
        same_day_cutoff=_as_bool(_take(data, "same_day_cutoff", sink), "same_day_cutoff", sink),
        fee_amount=fee_amount,
        fee_text=fee_text,
        legal_basis=_as_text(
            _take(data, "legal_basis", sink),
            "legal_basis",
            sink,
            limit=MAX_TEXT,
            empty_ok=True,
            multiline=True,
        ),
        decision=_as_text(
            data.get("decision", ""), "decision", sink, limit=MAX_DECISION, empty_ok=True
        ),
        status=_as_choice(
            data.get("status", STATUSES[0]), "status", sink, parse_status, STATUSES[0]
        ),
        documents=_read_documents(_take(data, "documents", sink), sink, document_sinks),
        unconfirmed=_read_unconfirmed(data.get("unconfirmed"), sink),
        place=_as_text(
            data.get("place", ""), "place", sink, limit=MAX_PLACE, empty_ok=True, multiline=True
        ),
        effective_from=_read_effective(data.get("effective_from"), sink),
        sources=_read_sources(data.get("sources"), sink),
        pause_grounds=_read_grounds(data.get("pause_grounds", _ABSENT), sink),
    )
    return spec if len(sink.found) == before else None


def procedure_from_mapping(
    data: Mapping[str, object], *, where: str, row: int | None = None, row_label: str = ITEM_LABEL
) -> ProcedureSpec:
    """A spec from the JSON-shaped ``data``, or CatalogueProblem listing every problem.

    ``where`` names the source (a file name); ``row`` the item within it (1-based).
    """
    sink = ProblemSink(where, row, row_label, code=code_hint(data))
    spec = read_procedure(data, sink)
    if spec is None:
        raise CatalogueProblem(sink.found)
    return spec


# -- writing ------------------------------------------------------------------------------------


def document_to_mapping(document: RequiredDocument) -> dict[str, object]:
    """The JSON shape of one document."""
    return canonical_document(document)


def procedure_to_mapping(spec: ProcedureSpec) -> dict[str, object]:
    """The JSON shape of one procedure (the inverse of :func:`procedure_from_mapping`)."""
    return {
        "code": spec.code,
        "name": spec.name,
        "field": spec.field,
        "level": str(spec.level),
        "processing_time": {"amount": spec.time_amount, "unit": str(spec.time_unit)},
        "same_day_cutoff": spec.same_day_cutoff,
        "fee": {"amount": spec.fee_amount, "text": spec.fee_text},
        "legal_basis": spec.legal_basis,
        "decision": spec.decision,
        "status": str(spec.status),
        "documents": [document_to_mapping(document) for document in spec.documents],
        "unconfirmed": list(unconfirmed_groups(spec.unconfirmed)),
        **later_mapping(spec),
    }


def later_mapping(spec: ProcedureSpec) -> dict[str, object]:
    """The fields added after the first format, written only when set.

    A catalogue without them stays readable by stations that do not know them yet.
    """
    later: dict[str, object] = {}
    if spec.place:
        later["place"] = spec.place
    if spec.effective_from is not None:
        later["effective_from"] = spec.effective_from.isoformat()
    if spec.sources:
        later["sources"] = dict(spec.sources)
    if spec.pause_grounds:
        later["pause_grounds"] = list(spec.pause_grounds)
    return later


# -- whole files -------------------------------------------------------------------------


def refuse_file(file: str, message: str, *, row: int | None = None) -> NoReturn:
    """Refuse the whole file for one reason."""
    raise CatalogueProblem([Problem(file, row, None, message)])


def check_duplicate_code(
    code: str | None, row: int, first_rows: dict[str, int], sink: ProblemSink
) -> bool:
    """Record a code already seen in the file; True when it is a duplicate."""
    if code is None:
        return False
    first = first_rows.setdefault(code, row)
    if first == row:
        return False
    sink.add(
        "code",
        _("Mã TTHC '{code}' trùng với {label} {first} trong cùng tệp.").format(
            code=code, label=_(sink.row_label), first=first
        ),
    )
    return True
