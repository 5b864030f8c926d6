"""The QApplication and the interface language: which language the program speaks, Qt's and our own
translations, the application object with the program's name. Used by the wizard (to switch language),
the entry point and the self-test."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from mmexport import APP_ID, APP_NAME, __version__

log = logging.getLogger(__name__)

LANGUAGES = ("de", "en")  # the program's own languages; English is the source text


def effective_language(language: str = "") -> str:
    """The chosen language, or the system's when it is one of ours, else English."""
    code = (language or QLocale.system().name()).replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def interface_locale(language: str = "") -> QLocale:
    """Numbers and dates as the person is used to: the system's own locale when it speaks the chosen
    language (keeps de_AT, de_CH, en_GB), else the language's main locale."""
    lang = effective_language(language)
    system = QLocale.system()
    if system.name().split("_")[0].lower() == lang:
        return system
    return QLocale(lang)  # de_DE, en_US


# The translators install_translations put in, so that a change of language can take them out again.
_installed_translators: list[QTranslator] = []


def install_translations(app: QCoreApplication, language: str = "") -> str:
    """Puts the program (ours) and Qt's own texts (standard buttons and dialogs) into the person's language.

    Both catalogs ship under resources/translations, so no packaging step can lose Qt's. Calling it again
    replaces the earlier translators; the wizard then rebuilds its pages. Returns the language in use."""
    from mmexport.resources import resource_path

    while _installed_translators:
        app.removeTranslator(_installed_translators.pop())
    lang = effective_language(language)
    locale = interface_locale(language)
    QLocale.setDefault(locale)
    folder = str(resource_path("translations"))
    catalogs = [(f"{APP_ID}_en", "")]  # English: only the plural forms ("1 chat", "9 chats")
    if lang != "en":
        catalogs = [
            (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            (f"{APP_ID}_{lang}", ""),
        ]
    for name, fallback in catalogs:
        translator = QTranslator(app)
        if translator.load(name, folder) or (fallback and translator.load(name, fallback)):
            app.installTranslator(translator)
            _installed_translators.append(translator)
        else:
            log.warning("No translation %s found in %s", name, folder)
    return lang


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    return app
