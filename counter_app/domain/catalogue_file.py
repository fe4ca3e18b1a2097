"""A parsed ``counter-catalogue/1`` document read into specs, all or nothing.

Shared by the station's import (``services.catalogue_io``) and the central server's publish, so
a catalogue the server accepts is one every station can import.
"""

from __future__ import annotations

import json

from counter_app.domain.catalogue import ProcedureSpec
from counter_app.domain.catalogue_reading import (
    ITEM_LABEL,
    ProblemSink,
    check_duplicate_code,
    code_hint,
    procedure_to_mapping,
    read_procedure,
)
from counter_app.i18n import _

FORMAT = "counter-catalogue/1"
_TOP_KEYS = frozenset({"format", "source", "procedures", "decision"})
# The decision a published catalogue carries (number, signing day, effective day, title).
DECISION_KEYS = ("number", "signed_on", "effective_from", "title")


def read_catalogue(document: object, file: str) -> list[ProcedureSpec]:
    """Every procedure of a parsed catalogue document, or CatalogueProblem naming each fault."""
    sink = ProblemSink(file)
    items = _procedure_items(document, sink)
    sink.raise_if_any()
    first_rows: dict[str, int] = {}
    specs: list[ProcedureSpec] = []
    for row, item in enumerate(items, start=1):
        code = code_hint(item)
        item_sink = ProblemSink(file, row, ITEM_LABEL, code=code, found=sink.found)
        spec = read_procedure(item, item_sink)
        check_duplicate_code(code, row, first_rows, item_sink)
        if spec is not None:
            specs.append(spec)
    sink.raise_if_any()
    return specs


def catalogue_document(
    specs: list[ProcedureSpec], source: str, decision: dict[str, str] | None = None
) -> dict[str, object]:
    """The canonical document of ``specs`` (what a station imports), with its decision."""
    procedures = [procedure_to_mapping(spec) for spec in specs]
    document: dict[str, object] = {"format": FORMAT, "source": source, "procedures": procedures}
    if decision:
        document["decision"] = decision
    return document


def decision_block(document: object) -> dict[str, str] | None:
    """The decision a parsed document names (only its known text fields), if any."""
    block = document.get("decision") if isinstance(document, dict) else None
    if not isinstance(block, dict):
        return None
    return {key: str(block[key]) for key in DECISION_KEYS if isinstance(block.get(key), str)}


def _procedure_items(document: object, sink: ProblemSink) -> list[object]:
    """The "procedures" list after checking the top-level shape and format marker."""
    if not isinstance(document, dict):
        sink.add(
            None, _("Tệp phải là một đối tượng JSON có các trường format, source, procedures.")
        )
        return []
    for key in document:
        if key not in _TOP_KEYS:
            sink.add(str(key), _("Trường không có trong định dạng danh mục (viết sai tên?)."))
    marker = document.get("format")
    if "format" not in document:
        sink.add(
            "format", _('Thiếu dấu định dạng ("format": "{expected}").').format(expected=FORMAT)
        )
    elif marker != FORMAT:
        sink.add(
            "format",
            _("Định dạng phải là '{expected}' (tệp ghi {found}).").format(
                expected=FORMAT, found=json.dumps(marker, ensure_ascii=False)[:60]
            ),
        )
    if not isinstance(document.get("source", ""), str):
        sink.add("source", _("Phải là một chuỗi ký tự."))
    if document.get("decision") is not None and not isinstance(document["decision"], dict):
        sink.add("decision", _("Quyết định phải là một đối tượng (number, effective_from, …)."))
    items = document.get("procedures")
    if not isinstance(items, list):
        sink.add("procedures", _("Thiếu danh sách thủ tục (procedures phải là một mảng)."))
        return []
    return items
