"""One gettext catalogue for every message of Counter.

Messages are written in Vietnamese (the source of truth) and wrapped in ``_()``; a literal
declared in a table and translated only when shown is marked with ``N_()`` where it is written,
so the extractor (scripts/i18n_extract.py) finds it. ``C_()``/``NC_()`` do the same with a
context, for the few words whose English depends on where they are used. The English
catalogue is read straight from resources/locale/en/LC_MESSAGES/counter.po; nothing compiled
is shipped.
"""

from __future__ import annotations

import gettext
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from counter_app.resources import resource_dir

log = logging.getLogger(__name__)

LOCALE_DIR = resource_dir("locale")
DOMAIN = "counter"
SOURCE_LANGUAGE = "vi"
LANGUAGE_ENV = "COUNTER_LANG"
# Each language named in itself, as language pickers do, so nobody needs to read the other.
LANGUAGES: Mapping[str, str] = MappingProxyType({"vi": "Tiếng Việt", "en": "English"})


@dataclass
class _Active:
    """The language in use and its catalogue (one per process, like gettext's own)."""

    language: str = SOURCE_LANGUAGE
    catalogue: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)


_active = _Active()


def catalogue_path(language: str) -> Path:
    """Where the .po catalogue of ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    from counter_app.pofile import load  # only a translation is read; Vietnamese is the source

    return load(catalogue_path(language))


def translation(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` itself, for a caller that serves several languages at once
    (the server's public page): it translates without touching the process's language."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return _catalogue(language)


def set_language(language: str) -> None:
    """Switch every later message to ``language`` (a key of LANGUAGES)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    _active.catalogue = _catalogue(language)
    _active.language = language


def current_language() -> str:
    """The language messages are shown in now."""
    return _active.language


def languages() -> list[tuple[str, str]]:
    """(code, name) of every language the interface can be shown in, Vietnamese first."""
    return list(LANGUAGES.items())


def choose_language(
    requested: str | None = None, setting: Callable[[], object] | None = None
) -> str:
    """The language to start in: ``--lang``, else $COUNTER_LANG, else the setting, else vi.

    ``setting`` reads the station's ``language`` setting; it is called only when needed.
    """
    sources: tuple[tuple[str, Callable[[], object]], ...] = (
        ("--lang", lambda: requested),
        (LANGUAGE_ENV, lambda: os.environ.get(LANGUAGE_ENV)),
        ("the language setting", setting or (lambda: None)),
    )
    for source, read in sources:
        value = read()
        if isinstance(value, str) and value in LANGUAGES:
            return value
        if value:
            log.warning("ignoring %s=%r: not one of %s", source, value, ", ".join(LANGUAGES))
    return SOURCE_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` (Vietnamese) into the current language."""
    return _active.catalogue.gettext(message)


def C_(context: str, message: str) -> str:  # noqa: N802 - gettext's pgettext, short
    """Translate ``message`` as meant in ``context``, for words whose English depends on use.

    "Tạm dừng" is the state "Paused" and the step "Pause": one Vietnamese word, two English.
    """
    return _active.catalogue.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools know
    """Mark ``message`` for the catalogue without translating it yet (``_()`` does, when shown)."""
    return message


def NC_(context: str, message: str) -> str:  # noqa: N802 - like Qt's QT_TRANSLATE_NOOP
    """Mark ``message`` for the catalogue in ``context``; ``C_(context, …)`` translates it."""
    return message
