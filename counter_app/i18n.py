"""One gettext catalogue for every message of Counter.

Messages are written in Vietnamese (the source of truth) and wrapped in ``_()``;
an English catalogue translates them when the user picks English.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "locale"
DOMAIN = "counter"

_active: dict[str, gettext.NullTranslations] = {"catalogue": gettext.NullTranslations()}


def set_language(language: str) -> None:
    """Switch every later message to ``language`` ("vi" or "en")."""
    _active["catalogue"] = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )


def _(message: str) -> str:
    """Translate ``message`` (Vietnamese) into the current language."""
    return _active["catalogue"].gettext(message)
