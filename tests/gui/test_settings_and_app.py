"""Settings file, the exception hook's report dialog, the demo button and the app's entry point."""

from __future__ import annotations

import sys

import pytest

from mmexport.settings import Settings, UnfinishedExport, load_settings, save_settings, settings_path

from .conftest import LONG


def test_settings_round_trip_and_damaged_file():
    settings = Settings(last_server="https://chat.example.org", last_folder="/tmp/x", language="de")
    settings.remember_selection("https://chat.example.org", ["b", "a", "a"])
    settings.unfinished = UnfinishedExport(
        folder="/tmp/x", server="https://chat.example.org", channel_ids=["a"]
    )
    assert save_settings(settings)
    loaded = load_settings()
    assert loaded == Settings(
        last_server="https://chat.example.org",
        last_folder="/tmp/x",
        language="de",
        selections={"https://chat.example.org": ["a", "b"]},
        unfinished=UnfinishedExport(folder="/tmp/x", server="https://chat.example.org", channel_ids=["a"]),
    )
    settings_path().write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()


def test_settings_refuse_to_hold_a_token():
    settings = Settings()
    settings.unfinished = UnfinishedExport(folder="/x", server="s", options={"token": "abc"})
    with pytest.raises(ValueError):
        save_settings(settings)
    assert not settings_path().exists() or "abc" not in settings_path().read_text(encoding="utf-8")


def test_exception_hook_shows_a_copyable_report_without_secrets(qtbot):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from mmexport.gui.app import ExceptionReporter
    from mmexport.gui.dialogs import ErrorReportDialog

    reporter = ExceptionReporter()
    try:
        raise RuntimeError("boom with MMAUTHTOKEN=abcdefghijklmnopqrstuvwxyz in it")
    except RuntimeError:
        reporter.hook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(reporter.reports), timeout=LONG)
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorReportDialog) and w.isVisible()
    ]
    assert dialogs
    dialog = dialogs[-1]
    report = dialog.report.toPlainText()
    assert "RuntimeError" in report and "boom" in report
    assert "abcdefghijklmnopqrstuvwxyz" not in report
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == report
    dialog.close()


def test_exception_in_another_thread_reaches_the_dialog(qtbot):
    import threading

    from mmexport.gui.app import ExceptionReporter

    reporter = ExceptionReporter()
    reporter.show_dialogs = False
    old = threading.excepthook
    reporter.install()
    try:
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(reporter.reports), timeout=LONG)
    finally:
        threading.excepthook = old
        sys.excepthook = sys.__excepthook__
    assert "ZeroDivisionError" in reporter.reports[0]


def test_demo_button_starts_the_demo_server_and_signs_in(qtbot, wizard):
    from mmexport.gui.state import SERVER

    wizard.welcome_page.demo_button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == SERVER, timeout=LONG)
    demo = wizard.state.demo_server
    assert demo is not None and wizard.server_page.address.text() == demo.url
    qtbot.waitUntil(wizard.server_page.isComplete, timeout=LONG)
    wizard.next()
    qtbot.waitUntil(wizard.signin_page.isComplete, timeout=LONG)
    assert "(@anna)" in wizard.signin_page.status.plain_text()
    wizard.shutdown()
    assert wizard.state.demo_server is None


START_AND_CLOSE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from mmexport.gui.app import main
from mmexport.gui.application import create_application
from mmexport.gui.wizard import ExportWizard

app = create_application()

def close_wizard():
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportWizard) and w.isVisible()]
    print("shown:", len(shown), flush=True)
    for w in shown:
        w.close()
    app.quit()

QTimer.singleShot(500, close_wizard)
sys.exit(main())
"""


def test_gui_main_shows_the_wizard_and_returns(tmp_path):
    """main() in its own process (it runs the application's event loop, which a test process must not)."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MMEXPORT_HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", START_AND_CLOSE], env=env, capture_output=True, text=True, timeout=120
    )
    assert "shown: 1" in done.stdout, done.stderr
    assert (tmp_path / "log" / "mmexport.log").exists()
    assert "Traceback" not in done.stderr


def test_the_way_of_signing_in_is_kept_in_neutral_words_and_the_secret_guard_stays_strict():
    settings = Settings(last_server="https://chat.example.org")
    settings.remember_signin_way("https://chat.example.org", "form")
    settings.remember_signin_way("https://other.example.org", "password")  # not a way we keep: ignored
    assert save_settings(settings)
    assert load_settings().signin_way_for("https://chat.example.org") == "form"
    assert load_settings().signin_way_for("https://other.example.org") == ""
    settings.signin_ways["https://chat.example.org"] = "password"  # the guard still refuses the word
    with pytest.raises(ValueError):
        save_settings(settings)
