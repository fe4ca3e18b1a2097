"""Choosing the language: core messages and the command line in English, and back."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from counter_app.cli import main
from counter_app.domain.errors import InvalidInput, TransitionNotAllowed
from counter_app.domain.lifecycle import EventType, State, next_state
from counter_app.domain.text import clean
from counter_app.i18n import (
    LANGUAGE_ENV,
    _,
    choose_language,
    current_language,
    languages,
    set_language,
)
from counter_app.services.applicant import parse_sex
from counter_app.settings import OPTIONS
from counter_app.station import Station
from tests.factories import request, vn


def refusal_of_sex() -> str:
    with pytest.raises(InvalidInput) as raised:
        parse_sex("không rõ")
    return raised.value.message


def test_english_makes_service_and_domain_errors_english_and_vietnamese_comes_back() -> None:
    set_language("en")
    assert current_language() == "en"
    assert refusal_of_sex() == "The sex must be «Nam» (male) or «Nữ» (female)."
    with pytest.raises(InvalidInput, match="This box must not be empty"):
        clean(" ", field="name", max_length=10)
    with pytest.raises(TransitionNotAllowed) as raised:
        next_state(State.RESOLVED, EventType.TRANSFERRED)
    assert raised.value.message == "Cannot «Transfer» while the dossier is «Resolved»."
    set_language("vi")
    assert refusal_of_sex() == "Giới tính phải là «Nam» hoặc «Nữ»."
    assert _("Mã hồ sơ:") == "Mã hồ sơ:"


def test_an_unknown_language_is_refused_and_nothing_changes() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        set_language("fr")
    assert current_language() == "vi"


def test_languages_are_the_setting_choices_named_in_themselves() -> None:
    assert languages() == [("vi", "Tiếng Việt"), ("en", "English")]
    assert tuple(code for code, _name in languages()) == OPTIONS["language"].choices


def test_the_choice_goes_flag_then_environment_then_setting(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    never = lambda: pytest.fail("the setting is read only when nothing else decides")  # noqa: E731
    assert choose_language() == "vi"
    assert choose_language(setting=lambda: "en") == "en"
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert choose_language(setting=never) == "en"
    assert choose_language("vi", setting=never) == "vi"
    monkeypatch.setenv(LANGUAGE_ENV, "fr")
    with caplog.at_level(logging.WARNING):
        assert choose_language(setting=lambda: "vi") == "vi"
    assert "ignoring COUNTER_LANG='fr'" in caplog.text


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "--actor", "tester", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_lang_flag_gives_english_messages(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    status, _out, err = run(
        capsys, data_dir, "--lang", "en", "dossier", "show", "000.17.22.H56-260310-1999"
    )
    assert status == 1
    assert err == "error: No dossier has the code 000.17.22.H56-260310-1999.\n"
    status, _out, err = run(capsys, data_dir, "dossier", "show", "000.17.22.H56-260310-1999")
    assert err == "error: Không tìm thấy hồ sơ có mã 000.17.22.H56-260310-1999.\n"


def test_cli_follows_the_environment_then_the_station_setting(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    assert run(capsys, data_dir, "search", "không có ai")[1] == "(nothing found)\n"
    monkeypatch.delenv(LANGUAGE_ENV)
    assert run(capsys, data_dir, "search", "không có ai")[1] == "(không tìm thấy)\n"
    assert run(capsys, data_dir, "settings", "set", "language", "en")[0] == 0
    assert run(capsys, data_dir, "search", "không có ai")[1] == "(nothing found)\n"
    assert run(capsys, data_dir, "--lang", "vi", "search", "không có ai")[1] == "(không tìm thấy)\n"


def test_cli_dossier_text_is_english_and_aligned(
    capsys: pytest.CaptureFixture[str], station: Station, data_dir: Path
) -> None:
    code = station.receive(
        request(received_at=vn(2026, 3, 10, 9)), actor="t", now=vn(2026, 3, 10, 9)
    ).code
    station.close()
    status, out, _err = run(capsys, data_dir, "--lang", "en", "dossier", "show", code)
    lines = out.splitlines()
    assert status == 0
    assert lines[0] == f"Dossier code: {code}"
    assert lines[1] == "State:        Received"
    assert lines[6] == "Documents:"


def test_a_bad_lang_flag_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--data-dir", str(data_dir), "--lang", "fr", "search", "x"])
    assert raised.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_the_window_starts_in_the_language_asked_for(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from counter_app.ui import app

    started: list[list[str]] = []
    monkeypatch.setattr(app, "main", lambda argv: started.append(argv) or 0)
    assert main(["--data-dir", str(data_dir), "--lang", "en"]) == 0
    assert main(["--data-dir", str(data_dir)]) == 0
    assert started == [["--data-dir", str(data_dir), "--lang", "en"], ["--data-dir", str(data_dir)]]
