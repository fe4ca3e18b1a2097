"""Catalogue files: load a whole catalogue (JSON or XLSX, all or nothing) and dump one.

JSON (``counter-catalogue/1``)::

    {"format": "counter-catalogue/1", "source": "…", "procedures": [{"code": "1.001193", …}]}

XLSX files are read and written by ``catalogue_xlsx``. Loading validates everything first and
raises CatalogueProblem listing every problem (file, sheet, row, field); it never returns part
of a file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from counter_app.domain.catalogue import ProcedureSpec
from counter_app.domain.catalogue_file import FORMAT, read_catalogue
from counter_app.domain.catalogue_reading import (
    ITEM_LABEL,
    ProblemSink,
    check_duplicate_code,
    procedure_to_mapping,
    read_procedure,
    refuse_file,
)
from counter_app.domain.errors import InvalidInput
from counter_app.i18n import _
from counter_app.services.catalogue_xlsx import load_xlsx, xlsx_bytes

DEFAULT_SOURCE = "Xuất từ Counter"


MAX_BYTES = 20 * 1024 * 1024


def load_catalogue(path: Path) -> list[ProcedureSpec]:
    """Every procedure of a .json or .xlsx catalogue file, or CatalogueProblem."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        refuse_file(path.name, _("Chỉ nhận tệp danh mục dạng .json hoặc .xlsx."))
    check_size(path)
    return loader(path)


def check_size(path: Path) -> None:
    """Refuse a missing, unreadable or oversized file before reading it."""
    try:
        if not path.is_file():
            refuse_file(path.name, _("Không tìm thấy tệp (hoặc đây không phải là một tệp)."))
        size = path.stat().st_size
    except OSError as error:
        refuse_file(path.name, _("Không đọc được tệp: {reason}").format(reason=error.strerror))
    if size > MAX_BYTES:
        refuse_file(path.name, _("Tệp lớn quá 20 MB; không nhận."))


def _load_json(path: Path) -> list[ProcedureSpec]:
    """Procedures of a JSON catalogue."""
    return read_catalogue(_parse_json(_read_text(path), path.name), path.name)


def _read_text(path: Path) -> str:
    """The file as UTF-8 text (a byte-order mark is allowed)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        refuse_file(path.name, _("Không đọc được tệp: {reason}").format(reason=error.strerror))
    except UnicodeDecodeError as error:
        refuse_file(
            path.name, _("Tệp không phải văn bản UTF-8 (byte thứ {n}).").format(n=error.start)
        )


def _parse_json(text: str, file: str) -> object:
    """The JSON value of ``text``; a syntax error names its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        message = _("JSON không hợp lệ ở dòng {line}, cột {column}: {reason}.").format(
            line=error.lineno, column=error.colno, reason=error.msg
        )
        refuse_file(file, message, row=error.lineno)
    except RecursionError:
        refuse_file(file, _("JSON lồng nhau quá sâu."))


_LOADERS: Mapping[str, Callable[[Path], list[ProcedureSpec]]] = {
    ".json": _load_json,
    ".xlsx": load_xlsx,
}


def dump_catalogue(
    procedures: Sequence[ProcedureSpec], path: Path, *, source: str = DEFAULT_SOURCE
) -> None:
    """Write ``procedures`` to a .json or .xlsx file that :func:`load_catalogue` reads back."""
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise InvalidInput(_("Chỉ xuất được danh mục ra tệp .json hoặc .xlsx."), field="path")
    _check_dumpable(procedures, path.name)
    _write_atomically(path, writer(procedures, source))


def _check_dumpable(procedures: Sequence[ProcedureSpec], file: str) -> None:
    """Refuse specs the loader would refuse (bad values, duplicate codes)."""
    sink = ProblemSink(file)
    first_rows: dict[str, int] = {}
    for row, spec in enumerate(procedures, start=1):
        here = ProblemSink(file, row, ITEM_LABEL, code=spec.code, found=sink.found)
        read_procedure(procedure_to_mapping(spec), here)
        check_duplicate_code(spec.code, row, first_rows, here)
    sink.raise_if_any()


def _json_bytes(procedures: Sequence[ProcedureSpec], source: str) -> bytes:
    """The JSON file."""
    document = {
        "format": FORMAT,
        "source": source,
        "procedures": [procedure_to_mapping(spec) for spec in procedures],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then replace ``path`` with it."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise InvalidInput(
            _("Không ghi được tệp {name}: {reason}").format(name=path.name, reason=error.strerror),
            field="path",
        ) from error


_WRITERS: Mapping[str, Callable[[Sequence[ProcedureSpec], str], bytes]] = {
    ".json": _json_bytes,
    ".xlsx": xlsx_bytes,
}
