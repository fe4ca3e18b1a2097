"""Collect every ``_("…")``/``N_("…")`` message and bring the catalogues up to date.

Usage: python scripts/i18n_extract.py [--check] | --unmarked FOLDER…

Writes resources/locale/counter.pot (every message, Vietnamese) and merges it into each
resources/locale/<lang>/LC_MESSAGES/counter.po: translations already made are kept, new messages
get an empty translation (or, when an old message was only reworded, its old translation marked
fuzzy for review), messages no longer in the code are kept at the end as obsolete (#~).
The server's Jinja templates (``*.html`` in the packages) are read too: their ``_("…")`` and
``C_("context", "…")`` calls are messages like the code's.
``--check`` writes nothing and exits 1 when a file is out of date. Both modes list what is left
to translate. References name files only, not lines, so that moving code does not touch the
catalogues and branches merge cleanly. ``--unmarked FOLDER…`` only lists Vietnamese literals no
marker wraps: after a merge, each is a clerk-facing sentence to wrap, or data to leave alone.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from counter_app.i18n import LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE, catalogue_path  # noqa: E402
from counter_app.pofile import Entry, format_catalogue, parse  # noqa: E402

PACKAGES = ("counter_app", "counter_server")
TEMPLATE = LOCALE_DIR / "counter.pot"
MARKERS = {"_": 1, "N_": 1, "C_": 2, "NC_": 2}  # marker -> arguments: [context,] message
FUZZY_CUTOFF = 0.8
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
HEADER = (
    "Project-Id-Version: Counter\n"
    "Language: {language}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)
HEADER_COMMENT = "Counter's messages; msgid is the Vietnamese source. See README, Translations."


Key = tuple[str | None, str]  # (msgctxt, msgid)


@dataclass
class Found:
    """Messages in the code: where each one is used, in first-seen order; and misuse found."""

    places: dict[Key, list[tuple[str, int]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, key: Key, path: str, line: int) -> None:
        self.places.setdefault(key, []).append((path, line))


def source_files(root: Path = ROOT) -> Iterator[Path]:
    """Every Python file and Jinja template of the packages, in a stable order."""
    for package in PACKAGES:
        yield from sorted(p for p in (root / package).rglob("*") if p.suffix in (".py", ".html"))


def find_messages(files: Iterable[Path], root: Path = ROOT) -> Found:
    """Every literal passed to a marker, and every marker call the extractor cannot read."""
    found = Found()
    for path in files:
        name = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            _read_template(path, name, found)
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), name)
        for node in sorted(_marker_calls(tree), key=lambda n: (n.lineno, n.col_offset)):
            _read_call(node, name, found)
    return found


def _marker_calls(tree: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in MARKERS:
            yield node


def _read_call(node: ast.Call, path: str, found: Found) -> None:
    assert isinstance(node.func, ast.Name)
    marker, where = node.func.id, f"{path}:{node.lineno}"
    if len(node.args) != MARKERS[marker] or node.keywords:
        found.problems.append(f"{where}: {marker}() takes {MARKERS[marker]} argument(s)")
        return
    *context, message = node.args
    if context and _text(context[0]) is None:
        found.problems.append(f"{where}: {marker}() needs a literal context")
    elif (text := _text(message)) is not None:
        found.add((_text(context[0]) if context else None, text), path, node.lineno)
    elif isinstance(message, ast.JoinedStr):
        found.problems.append(f"{where}: an f-string cannot be translated; use _('…{{x}}').format")
    elif marker.startswith("N") or isinstance(message, ast.Constant):
        found.problems.append(f"{where}: {marker}() needs a string literal")
    # _(variable), C_(context, variable): a literal marked where it was declared, shown later.


def _read_template(path: Path, name: str, found: Found) -> None:
    """The ``_("…")`` and ``C_("context", "…")`` calls of a Jinja template."""
    from jinja2 import Environment, TemplateSyntaxError
    from jinja2.ext import extract_from_ast

    try:
        tree = Environment().parse(path.read_text(encoding="utf-8"))
    except TemplateSyntaxError as error:
        found.problems.append(f"{name}:{error.lineno}: {error.message}")
        return
    for line, marker, arguments in extract_from_ast(tree, ("_", "C_")):
        where = f"{name}:{line}"
        strings = arguments if isinstance(arguments, tuple) else (arguments,)  # None: not literal
        if len(strings) != MARKERS[marker]:
            found.problems.append(f"{where}: {marker}() takes {MARKERS[marker]} argument(s)")
            continue
        *context, message = strings
        if context and context[0] is None:
            found.problems.append(f"{where}: {marker}() needs a literal context")
        elif isinstance(message, str):  # anything else: a label marked where it was declared
            found.add((context[0] if context else None, message), name, line)


def _text(node: ast.expr) -> str | None:
    """The value of a string literal; None for anything else."""
    is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
    return node.value if is_text else None  # type: ignore[attr-defined]


def template(found: Found) -> list[Entry]:
    """The .pot entries: grouped by the first file using each message, in order of use."""
    order = sorted(found.places, key=lambda key: min(found.places[key]))
    return [
        Entry(
            msgid=key[1],
            context=key[0],
            references=tuple(dict.fromkeys(path for path, _ in found.places[key])),
        )
        for key in order
    ]


def header(language: str, comments: tuple[str, ...] = (HEADER_COMMENT,)) -> Entry:
    """The catalogue's header entry."""
    return Entry(msgid="", msgstr=HEADER.format(language=language), comments=comments)


def merge(messages: list[Entry], existing: list[Entry]) -> list[Entry]:
    """``messages`` with the translations of ``existing``; what the code dropped, obsolete."""
    old = {entry.key: entry for entry in existing if entry.msgid}
    wanted = {entry.key for entry in messages}
    dropped = [key for key in old if key not in wanted and old[key].msgstr]
    merged = [_merge_one(entry, old, dropped) for entry in messages]
    obsolete = [replace(old[key], obsolete=True, references=()) for key in dropped]
    return merged + obsolete


def _merge_one(entry: Entry, old: dict[Key, Entry], dropped: list[Key]) -> Entry:
    before = old.get(entry.key)
    if before is not None:
        return replace(
            entry,
            msgstr=before.msgstr,
            flags=before.flags,
            comments=before.comments,
            previous=before.previous if "fuzzy" in before.flags else None,
        )
    candidates = {key[1]: key for key in dropped if key[0] == entry.context}
    close = difflib.get_close_matches(entry.msgid, candidates, n=1, cutoff=FUZZY_CUTOFF)
    if close:  # reworded: offer the old translation for review, never use it unreviewed
        return replace(
            entry,
            msgstr=old[candidates[close[0]]].msgstr,
            flags=frozenset({"fuzzy"}),
            previous=close[0],
        )
    return entry


def untranslated(entries: Iterable[Entry]) -> list[Key]:
    """Messages of a catalogue still waiting for a (reviewed) translation."""
    return [e.key for e in entries if e.msgid and not e.obsolete and not e.translated]


def read_entries(path: Path) -> list[Entry]:
    """A catalogue's entries, none when it does not exist yet."""
    return parse(path.read_text(encoding="utf-8"), str(path)) if path.exists() else []


def planned(found: Found) -> dict[Path, str]:
    """The text every catalogue file should have."""
    messages = template(found)
    files = {TEMPLATE: format_catalogue([header(""), *messages])}
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        path = catalogue_path(language)
        existing = read_entries(path)
        head = next((e for e in existing if not e.msgid), header(language))
        files[path] = format_catalogue([head, *merge(messages, existing)])
    return files


def unmarked(files: Iterable[Path], root: Path = ROOT) -> Iterator[str]:
    """Vietnamese string literals outside any marker (docstrings aside): messages to wrap?"""
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = {id(n) for call in _marker_calls(tree) for n in ast.walk(call)}
        inside |= {id(node.body[0].value) for node in ast.walk(tree) if _has_docstring(node)}
        literals = [n for n in ast.walk(tree) if isinstance(n, ast.expr) and _text(n)]
        for node in sorted(literals, key=lambda n: (n.lineno, n.col_offset)):
            text = _text(node) or ""
            if id(node) not in inside and VIETNAMESE.search(text):
                yield f"{path.relative_to(root).as_posix()}:{node.lineno}: {text[:70]!r}"


def _has_docstring(node: ast.AST) -> bool:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    body = getattr(node, "body", None) if isinstance(node, kinds) else None
    return bool(body) and isinstance(body[0], ast.Expr) and _text(body[0].value) is not None


def main(argv: list[str] | None = None) -> int:
    """Extract, merge, write (or only check); print what is left to translate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument(
        "--unmarked",
        nargs="+",
        type=Path,
        metavar="FOLDER",
        help="only list Vietnamese literals outside _()/N_() in these folders",
    )
    args = parser.parse_args(argv)
    if args.unmarked:
        files = sorted(p.resolve() for folder in args.unmarked for p in folder.rglob("*.py"))
        print("\n".join(unmarked(files)))
        return 0
    found = find_messages(source_files())
    for problem in found.problems:
        print(problem, file=sys.stderr)
    stale = [path for path, text in planned(found).items() if _differs(path, text, args.check)]
    print(f"{len(found.places)} messages in {TEMPLATE.relative_to(ROOT)}")
    for language in LANGUAGES:
        if language != SOURCE_LANGUAGE:
            _report(language)
    for path in stale:
        verb = "out of date" if args.check else "written"
        print(f"{path.relative_to(ROOT)}: {verb}")
    return 1 if found.problems or (args.check and stale) else 0


def _differs(path: Path, text: str, check: bool) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True


def _report(language: str) -> None:
    path = catalogue_path(language)
    left = untranslated(read_entries(path))
    print(f"{path.relative_to(ROOT)}: {len(left)} to translate")
    for context, msgid in left:
        print(f"  [{context}] {msgid!r}" if context else f"  {msgid!r}")


if __name__ == "__main__":
    sys.exit(main())
