"""The extractor: what it finds in code, and how it merges into a catalogue."""

from __future__ import annotations

from pathlib import Path

from counter_app.pofile import Entry
from tests.i18n.extractor import load_extractor

extract = load_extractor()

SOURCE = """
from counter_app.i18n import C_, N_, NC_, _

LABELS = {"a": N_("Nhãn một"), "b": N_("Nhãn hai")}
STEPS = {"pause": NC_("event", "Tạm dừng")}


def message(code: str, label: str) -> str:
    first = _("Hồ sơ {code} "
              "đã lưu.").format(code=code)
    return first + _(LABELS[label]) + _("Nhãn một") + C_("event", STEPS[label])


def broken(name: str) -> str:
    return _(f"Xin chào {name}") + _("a", "b") + N_(name) + _(3) + C_(name, "x")
"""


def found_in(tmp_path: Path, text: str = SOURCE) -> object:
    (tmp_path / "pkg").mkdir()
    path = tmp_path / "pkg" / "mod.py"
    path.write_text(text, encoding="utf-8")
    return extract.find_messages([path], root=tmp_path)


def test_literals_are_found_with_implicit_concatenation_and_n_markers(tmp_path: Path) -> None:
    found = found_in(tmp_path)
    assert list(found.places) == [
        (None, "Nhãn một"),
        (None, "Nhãn hai"),
        ("event", "Tạm dừng"),
        (None, "Hồ sơ {code} đã lưu."),
    ]
    assert found.places[None, "Nhãn một"] == [("pkg/mod.py", 4), ("pkg/mod.py", 11)]


def test_calls_that_cannot_be_extracted_are_reported(tmp_path: Path) -> None:
    problems = found_in(tmp_path).problems
    assert len(problems) == 5
    assert "f-string" in problems[0] and problems[0].startswith("pkg/mod.py:15")
    assert "takes 1 argument" in problems[1]
    assert ["string literal" in problem for problem in problems[2:]] == [True, True, False]
    assert "literal context" in problems[4]


def test_the_template_lists_each_message_once_with_its_files(tmp_path: Path) -> None:
    messages = extract.template(found_in(tmp_path))
    assert [entry.msgid for entry in messages][:2] == ["Nhãn một", "Nhãn hai"]
    assert messages[0].references == ("pkg/mod.py",)  # files only: moving code changes nothing
    assert (messages[2].context, messages[2].msgid) == ("event", "Tạm dừng")


def test_merge_keeps_translations_and_leaves_new_messages_empty() -> None:
    messages = [Entry("Lưu"), Entry("Hoàn toàn mới")]
    existing = [Entry("Lưu", "Save", comments=("verb",)), Entry("Xóa", "Delete")]
    merged = extract.merge(messages, existing)
    assert merged[0] == Entry("Lưu", "Save", comments=("verb",))
    assert merged[1] == Entry("Hoàn toàn mới")
    assert merged[2] == Entry("Xóa", "Delete", obsolete=True)  # kept for a later rewording
    assert extract.untranslated(merged) == [(None, "Hoàn toàn mới")]


def test_a_reworded_message_gets_its_old_translation_marked_fuzzy() -> None:
    old = "Số định danh phải gồm đúng 12 chữ số."
    new = "Số định danh phải gồm đúng 12 chữ số!"
    merged = extract.merge([Entry(new)], [Entry(old, "The ID number must have 12 digits.")])
    assert merged[0].msgstr == "The ID number must have 12 digits."
    assert merged[0].flags == {"fuzzy"} and merged[0].previous == old
    assert extract.untranslated(merged) == [(None, new)]  # fuzzy is not done until reviewed


def test_a_context_keeps_two_translations_of_one_word_apart() -> None:
    messages = [Entry("Tạm dừng"), Entry("Tạm dừng", context="event")]
    existing = [Entry("Tạm dừng", "Paused"), Entry("Tạm dừng", "Pause", context="event")]
    assert [e.msgstr for e in extract.merge(messages, existing)] == ["Paused", "Pause"]


def test_the_shipped_template_and_catalogues_are_up_to_date() -> None:
    found = extract.find_messages(extract.source_files())
    assert found.problems == []
    stale = [
        path.name
        for path, text in extract.planned(found).items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run: python scripts/i18n_extract.py"


def test_unmarked_lists_vietnamese_literals_no_marker_wraps(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    path = tmp_path / "pkg" / "screen.py"
    path.write_text(
        '''"""Màn hình (a docstring is not a message)."""
from counter_app.i18n import _

TITLE = _("Cài đặt")
HINT = "Nhập giờ làm việc"
SEPARATOR = " — "
''',
        encoding="utf-8",
    )
    assert list(extract.unmarked([path], root=tmp_path)) == ["pkg/screen.py:5: 'Nhập giờ làm việc'"]
