"""Read and write gettext ``.po`` catalogues, so no compiled ``.mo`` file is ever committed.

Only what Counter's catalogues use: one msgid/msgstr per entry, an optional msgctxt, flags
(``#, fuzzy``), references (``#:``), translator comments and obsolete entries (``#~``).
Plural forms are refused with a clear error rather than half-read.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
_KEYWORDS = ("msgctxt", "msgid", "msgstr")


class PoError(ValueError):
    """A catalogue that cannot be read, with the line where it went wrong."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")


@dataclass(frozen=True)
class Entry:
    """One message of a catalogue."""

    msgid: str
    msgstr: str = ""
    context: str | None = None
    flags: frozenset[str] = frozenset()
    references: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    previous: str | None = None  # ``#| msgid``: the source this fuzzy translation was made for
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        """(msgctxt, msgid): what a translation is looked up by."""
        return (self.context, self.msgid)

    @property
    def translated(self) -> bool:
        """True when the entry has a translation that may be used (non-empty, not fuzzy)."""
        return bool(self.msgstr) and "fuzzy" not in self.flags


@dataclass
class _Draft:
    """The entry being read."""

    fields: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    previous: str | None = None
    obsolete: bool = False
    last: str | None = None  # the keyword a continuation line extends

    def entry(self) -> Entry:
        return Entry(
            msgid=self.fields["msgid"],
            msgstr=self.fields.get("msgstr", ""),
            context=self.fields.get("msgctxt"),
            flags=frozenset(self.flags),
            references=tuple(self.references),
            comments=tuple(self.comments),
            previous=self.previous,
            obsolete=self.obsolete,
        )


def unquote(text: str, *, where: tuple[str, int]) -> str:
    """The value of one ``"…"`` literal of a .po file."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoError(*where, f"expected a quoted string, found {text!r}")
    out: list[str] = []
    chars = iter(text[1:-1])
    for char in chars:
        if char == '"':
            raise PoError(*where, 'an unescaped " inside a string')
        if char == "\\":
            escaped = next(chars, "")
            if escaped not in _ESCAPES:
                raise PoError(*where, f"unknown escape \\{escaped}")
            out.append(_ESCAPES[escaped])
        else:
            out.append(char)
    return "".join(out)


def quote(text: str) -> str:
    """``text`` as one ``"…"`` literal."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + body.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + '"'


def parse(text: str, path: str = "<po>") -> list[Entry]:
    """Every entry of a catalogue (the header, msgid "", included), in file order."""
    entries: list[Entry] = []
    draft = _Draft()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if draft.last == "msgstr" and _starts_entry(line):
            entries.append(draft.entry())
            draft = _Draft()
        _read_line(draft, line, (path, number))
    if "msgid" in draft.fields:
        entries.append(draft.entry())
    elif draft.fields:
        raise PoError(path, len(text.splitlines()), "an entry without msgid")
    return entries


def _starts_entry(line: str) -> bool:
    """True for a line that can only begin the next entry."""
    body = line[2:].lstrip() if line.startswith("#~") else line
    comment = line.startswith("#") and not line.startswith("#~")
    return comment or body.startswith(("msgctxt", "msgid"))


def _read_line(draft: _Draft, line: str, where: tuple[str, int]) -> None:
    if not line:
        return
    if line.startswith("#~"):
        draft.obsolete = True
        line = line[2:].strip()
        if not line.startswith(('"', *_KEYWORDS)):
            return
    elif line.startswith("#"):
        _read_comment(draft, line, where)
        return
    if line.startswith('"'):
        if draft.last is None:
            raise PoError(*where, "a string continues nothing")
        draft.fields[draft.last] += unquote(line, where=where)
        return
    keyword, _space, rest = line.partition(" ")
    if keyword not in _KEYWORDS:
        raise PoError(*where, f"unsupported keyword {keyword!r} (plural forms are not used)")
    if keyword in draft.fields:
        raise PoError(*where, f"{keyword} given twice in one entry")
    draft.fields[keyword] = unquote(rest.strip(), where=where)
    draft.last = keyword


def _read_comment(draft: _Draft, line: str, where: tuple[str, int]) -> None:
    kind, body = line[:2], line[2:].strip()
    if kind == "#,":
        draft.flags.update(flag.strip() for flag in body.split(",") if flag.strip())
    elif kind == "#:":
        draft.references.extend(body.split())
    elif kind == "#|":
        previous = body.removeprefix("msgid").strip()
        draft.previous = unquote(previous, where=where) if previous.startswith('"') else None
    elif kind in ("# ", "#") and body:
        draft.comments.append(body)


def format_entry(entry: Entry) -> str:
    """One entry as .po text (no trailing blank line)."""
    lines = [f"# {comment}" for comment in entry.comments]
    lines += [f"#: {reference}" for reference in entry.references]
    if entry.flags:
        lines.append("#, " + ", ".join(sorted(entry.flags)))
    if entry.previous is not None:
        lines.append(f"#| msgid {quote(entry.previous)}")
    if entry.context is not None:
        lines.append(f"msgctxt {quote(entry.context)}")
    lines += _keyword_lines("msgid", entry.msgid) + _keyword_lines("msgstr", entry.msgstr)
    if entry.obsolete:
        return "\n".join(line if line.startswith("#") else f"#~ {line}" for line in lines)
    return "\n".join(lines)


def _keyword_lines(keyword: str, value: str) -> list[str]:
    """A value on one line, or split after each newline as gettext tools do."""
    if "\n" not in value.rstrip("\n"):
        return [f"{keyword} {quote(value)}"]
    parts = value.splitlines(keepends=True)
    return [f'{keyword} ""', *(quote(part) for part in parts)]


def format_catalogue(entries: Iterable[Entry]) -> str:
    """A whole catalogue as .po text."""
    return "\n\n".join(format_entry(entry) for entry in entries) + "\n"


class PoTranslations(gettext.NullTranslations):
    """A gettext translations object read straight from a .po file."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        super().__init__()
        self._messages: dict[tuple[str | None, str], str] = {
            (entry.context, entry.msgid): entry.msgstr
            for entry in entries
            if entry.msgid and entry.translated and not entry.obsolete
        }

    def gettext(self, message: str) -> str:
        """The translation of ``message``, or ``message`` itself when there is none."""
        return self._messages.get((None, message), message)

    def pgettext(self, context: str, message: str) -> str:
        """The translation of ``message`` in ``context``, or ``message`` itself."""
        return self._messages.get((context, message), message)

    def __len__(self) -> int:
        return len(self._messages)


def load(path: Path) -> PoTranslations:
    """Read the catalogue at ``path`` (UTF-8)."""
    return PoTranslations(parse(path.read_text(encoding="utf-8"), str(path)))
