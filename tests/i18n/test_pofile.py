"""The .po reader and writer that replace compiled .mo files."""

from __future__ import annotations

from pathlib import Path

import pytest

from counter_app.pofile import Entry, PoError, PoTranslations, format_catalogue, load, parse

SAMPLE = r"""# header comment
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

# a translator's note
#: counter_app/a.py counter_app/b.py
msgid "Hồ sơ {code}"
msgstr "Dossier {code}"

msgid ""
"Dòng một\n"
"dòng \"hai\""
msgstr ""
"Line one\n"
"line \"two\""

#, fuzzy
#| msgid "Cũ"
msgid "Mới"
msgstr "Old"

msgctxt "QPlatformTheme"
msgid "OK"
msgstr "Đồng ý"

msgid "Chưa dịch"
msgstr ""

#~ msgid "Bỏ"
#~ msgstr "Dropped"
"""


def test_entries_are_read_with_their_parts() -> None:
    header, plain, multi, fuzzy, context, empty, obsolete = parse(SAMPLE)
    assert header.msgid == "" and "Language: en\n" in header.msgstr
    assert plain == Entry(
        "Hồ sơ {code}",
        "Dossier {code}",
        references=("counter_app/a.py", "counter_app/b.py"),
        comments=("a translator's note",),
    )
    assert (multi.msgid, multi.msgstr) == ('Dòng một\ndòng "hai"', 'Line one\nline "two"')
    assert fuzzy.flags == {"fuzzy"} and fuzzy.previous == "Cũ" and not fuzzy.translated
    assert (context.context, context.msgstr) == ("QPlatformTheme", "Đồng ý")
    assert not empty.translated
    assert obsolete.obsolete and obsolete.msgstr == "Dropped"


def test_translations_use_only_reviewed_current_entries() -> None:
    catalogue = PoTranslations(parse(SAMPLE))
    assert catalogue.gettext("Hồ sơ {code}") == "Dossier {code}"
    assert catalogue.gettext("Mới") == "Mới"  # fuzzy: never shown unreviewed
    assert catalogue.gettext("Chưa dịch") == "Chưa dịch"
    assert catalogue.gettext("Bỏ") == "Bỏ"  # obsolete
    assert catalogue.gettext("") == ""  # the header is not a message
    assert catalogue.pgettext("QPlatformTheme", "OK") == "Đồng ý"
    assert catalogue.gettext("OK") == "OK"  # a context is part of the key
    assert len(catalogue) == 3


def test_writing_then_reading_gives_the_same_entries() -> None:
    entries = parse(SAMPLE)
    again = parse(format_catalogue(entries))
    assert again == entries
    assert format_catalogue(again) == format_catalogue(entries)


def test_special_characters_survive_a_round_trip() -> None:
    entry = Entry('a\\b "c"\td\r\ne\n', 'x\\y "z"\n')
    assert parse(format_catalogue([entry])) == [entry]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\n', "plural forms are not used"),
        ('msgid "a\\q"\nmsgstr ""\n', "unknown escape"),
        ('msgid "a"\nmsgstr "b\n', "expected a quoted string"),
        ('msgid "a" "b"\nmsgstr ""\n', 'unescaped "'),
        ('"stray"\n', "continues nothing"),
        ('msgid "a"\nmsgid "b"\nmsgstr ""\n', "given twice"),
        ('msgstr "b"\n', "without msgid"),
    ],
)
def test_a_broken_catalogue_names_the_line(text: str, problem: str) -> None:
    with pytest.raises(PoError, match=problem) as raised:
        parse(text, "x.po")
    assert str(raised.value).startswith("x.po:")


def test_load_reads_utf8_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "c.po"
    path.write_text('msgid "Đúng"\nmsgstr "Right"\n', encoding="utf-8")
    assert load(path).gettext("Đúng") == "Right"
