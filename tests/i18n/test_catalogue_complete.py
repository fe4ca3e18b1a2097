"""The English catalogue is complete: every message of the code, placeholders intact.

When one of these fails after new messages were added: run ``python scripts/i18n_extract.py``,
translate the entries it lists in resources/locale/en/LC_MESSAGES/counter.po, run again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pytest

from counter_app.domain import catalogue, catalogue_reading, lifecycle
from counter_app.i18n import LANGUAGES, SOURCE_LANGUAGE, catalogue_path
from counter_app.pofile import Entry, load, parse
from counter_app.settings import OPTIONS
from tests.i18n.extractor import load_extractor

extract = load_extractor()
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]
_FIELD = re.compile(r"\{[^{}]*\}")
_DIRECTIVE = re.compile(r"%[a-zA-Z%]")


def placeholders(text: str) -> list[str]:
    """The ``{…}`` fields (escaped braces aside) and strftime directives of a message."""
    unescaped = text.replace("{{", "").replace("}}", "")
    fields = _FIELD.findall(unescaped)
    return sorted(fields) + sorted(_DIRECTIVE.findall(_FIELD.sub("", unescaped)))


def entries(language: str) -> list[Entry]:
    """The current (not obsolete) messages of a catalogue."""
    path = catalogue_path(language)
    return [
        e for e in parse(path.read_text(encoding="utf-8"), str(path)) if e.msgid and not e.obsolete
    ]


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_in_the_code_is_translated(language: str) -> None:
    found = extract.find_messages(extract.source_files())
    done = {e.key for e in entries(language) if e.translated}
    missing = [key for key in found.places if key not in done]
    assert missing == [], f"translate in {catalogue_path(language)}: {missing}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_its_source(language: str) -> None:
    changed = [
        (e.msgid, e.msgstr)
        for e in entries(language)
        if e.translated and placeholders(e.msgid) != placeholders(e.msgstr)
    ]
    assert changed == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_sources_and_translations_are_nfc(language: str) -> None:
    texts = [text for e in entries(language) for text in (e.msgid, e.msgstr)]
    assert [t for t in texts if unicodedata.normalize("NFC", t) != t] == []


def test_placeholders_see_fields_escaped_braces_and_date_directives() -> None:
    assert placeholders("ô «{{{name}}}» {allowed}") == ["{allowed}", "{name}"]
    assert placeholders("{day:%d/%m/%Y} lúc %H:%M") == ["{day:%d/%m/%Y}", "%H", "%M"]


def _declared_labels() -> Iterable[str]:
    """Labels kept in tables and translated only when shown (Qt-free ones)."""
    yield from lifecycle.STATE_LABELS.values()
    for table in (
        catalogue.FORM_LABELS,
        catalogue.UNIT_LABELS,
        catalogue.LEVEL_LABELS,
        catalogue.STATUS_LABELS,
        catalogue.UNCONFIRMED_LABELS,
    ):
        yield from table.values()
    yield from (catalogue_reading.ITEM_LABEL, catalogue_reading.ROW_LABEL)
    yield from (option.label for option in OPTIONS.values())


@pytest.mark.parametrize("language", TRANSLATED)
def test_labels_declared_in_tables_are_translated(language: str) -> None:
    """Catches a label added to a table without its N_() marker."""
    translations = load(catalogue_path(language))
    assert [label for label in _declared_labels() if translations.gettext(label) == label] == []
    steps = lifecycle.EVENT_LABELS.values()
    assert [step for step in steps if translations.pgettext("event", step) == step] == []
