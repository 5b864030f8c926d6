"""Starts the desktop program: QApplication, logging, the exception hook with its report dialog, the wizard.

The top of the GUI: it imports the wizard and the self-test; nothing in the GUI imports it."""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from mmexport import APP_NAME, __version__
from mmexport.gui.application import create_application, install_translations

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

    def hook(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            if exc is not None:  # always, from sys.excepthook; a thread's hook may pass None
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


def build_report(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    from mmexport.logsetup import redact

    lines = [
        f"{APP_NAME} {__version__}",
        f"Python {platform.python_version()}, {platform.platform()}",
        "",
        *traceback.format_exception(exc_type, exc, tb),
    ]
    return redact("".join(line if line.endswith("\n") else line + "\n" for line in lines))


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
