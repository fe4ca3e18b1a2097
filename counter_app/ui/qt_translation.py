"""Qt's own texts (dialog buttons, context menus, file and print-preview dialogs) in our language.

Qt's source texts are English. For another language Qt's translations folder is tried first
(``qtbase_<lang>.qm``); PySide6 ships none for Vietnamese, so Counter keeps its own catalogue of
the Qt texts a clerk meets, resources/locale/vi/LC_MESSAGES/qtbase.po (msgctxt = Qt's class),
served by a QTranslator that reads it directly. It is installed last, so it wins.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from counter_app.i18n import LOCALE_DIR
from counter_app.pofile import PoTranslations, load

log = logging.getLogger(__name__)

QT_DOMAIN = "qtbase"
# Dates and numbers Qt formats itself (date edits, spin boxes): British English keeps day/month.
LOCALES = {
    "vi": QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}
_installed: list[QTranslator] = []  # ours, so that switching language replaces them


class PoTranslator(QTranslator):
    """A QTranslator answering from a .po catalogue whose msgctxt is Qt's translation context."""

    def __init__(self, catalogue: PoTranslations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """Qt's text in our language; None (a null string) lets the next translator answer."""
        found = self.catalogue.pgettext(context, source_text)
        return found if found != source_text else None

    def isEmpty(self) -> bool:
        """True when the catalogue translates nothing."""
        return len(self.catalogue) == 0


def qt_catalogue_path(language: str) -> Path:
    """Where Counter's own catalogue of Qt texts for ``language`` lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{QT_DOMAIN}.po"


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Replace the translators of Qt's texts with those for ``language``; returns them."""
    QLocale.setDefault(LOCALES.get(language, LOCALES["vi"]))
    while _installed:
        app.removeTranslator(_installed.pop())
    installed: list[QTranslator] = []
    shipped = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if shipped.load(f"{QT_DOMAIN}_{language}", folder):
        installed.append(shipped)
    elif language != "en":  # Qt's source texts are English: nothing is missing then
        log.info("Qt ships no %s_%s.qm in %s; using Counter's own", QT_DOMAIN, language, folder)
    own = _own_translator(app, language)
    if own is not None:
        installed.append(own)
    for translator in installed:
        app.installTranslator(translator)
    _installed.extend(installed)
    return installed


def _own_translator(app: QCoreApplication, language: str) -> PoTranslator | None:
    """Counter's catalogue of Qt texts for ``language``, when there is one."""
    path = qt_catalogue_path(language)
    return PoTranslator(load(path), app) if path.exists() else None
