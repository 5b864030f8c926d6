"""Starts the desktop program: QApplication, logging, the exception hook with its report dialog, the wizard."""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal, Slot
from PySide6.QtWidgets import QApplication

from mmexport import APP_ID, APP_NAME, __version__

log = logging.getLogger(__name__)


class ExceptionReporter(QObject):
    """Shows a dialog with a copyable report instead of letting the program vanish.

    Exceptions in other threads arrive through a signal, so the dialog is always built in the GUI thread.
    """

    report_ready = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reports: list[str] = []  # kept for tests and for the log
        self.show_dialogs = True
        self.report_ready.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.hook
        threading.excepthook = self._thread_hook

    def hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = build_report(exc_type, exc, tb)
        log.error("Unexpected error:\n%s", report)
        self.report_ready.emit(report)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show(self, report: str) -> None:
        from mmexport.gui.dialogs import ErrorReportDialog
        from mmexport.logsetup import log_file_path, redact

        self.reports.append(report)
        if not self.show_dialogs:
            return
        dialog = ErrorReportDialog(redact(report), str(log_file_path()), QApplication.activeWindow())
        dialog.setModal(True)
        dialog.open()
        self._dialog = dialog  # keep a reference while it is open


def build_report(exc_type, exc, tb) -> str:
    from mmexport.logsetup import redact

    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()}, {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact("".join(line if line.endswith("\n") else line + "\n" for line in lines))


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
    if lang == "en":
        return lang
    folder = str(resource_path("translations"))
    for name, fallback in (
        (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        (f"{APP_ID}_{lang}", ""),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder) or (fallback and translator.load(name, fallback)):
            app.installTranslator(translator)
            _installed_translators.append(translator)
        else:
            log.warning("No translation %s found in %s", name, folder)
    return lang


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    return app


def main(demo: bool = False) -> int:
    from mmexport.gui.wizard import ExportWizard, app_icon
    from mmexport.logsetup import setup_logging
    from mmexport.settings import load_settings

    if "--self-test" in sys.argv[1:]:  # installers start this entry point; it must answer the self-test too
        from mmexport.selftest import main as self_test

        return self_test()
    app = create_application()
    setup_logging(to_file=True)
    reporter = ExceptionReporter(app)
    reporter.install()
    settings = load_settings()
    install_translations(app, settings.language)
    app.setWindowIcon(app_icon())
    log.info("Starting %s %s%s", APP_NAME, __version__, " (demo)" if demo else "")
    wizard = ExportWizard(demo=demo, settings=settings)
    wizard.setWindowTitle(f"{APP_NAME} {__version__}")  # the one version number, where people see it
    wizard.show()
    code = app.exec()
    wizard.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main(demo="--demo" in sys.argv))
