"""The "Sign in again" dialog of an export whose sign-in expired: it opens on the way the person signed in,
empty, with every way offered (the browser first where the server signs in through one). The server's
sign-in services are looked up over real HTTP from the demo server, with and without GitLab."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from mmexport.demo.server import DemoServer
from mmexport.gui.dialogs import NewTokenDialog
from mmexport.gui.worker import TaskRunner

from .conftest import LONG
from .geometry import overlaps


@pytest.fixture(scope="module")
def sso_server():
    with DemoServer(sso_providers=("gitlab",)) as server:
        yield server


@pytest.fixture
def runner(qapp):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown(wait_ms=5000)


def _open(qtbot, runner, server, way: str) -> NewTokenDialog:
    QGuiApplication.clipboard().setText(f"MMAUTHTOKEN={server.token}")  # the sign-in that just expired
    dialog = NewTokenDialog(runner)
    qtbot.addWidget(dialog)
    dialog.reset(server.url, server.version, way)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.browser_box.looking_up(), timeout=LONG)  # the server answered
    return dialog


def _tab_titles(dialog: NewTokenDialog) -> list[str]:
    return [dialog.methods.tabText(i).replace("&", "") for i in range(dialog.methods.count())]


def _all_tabs_fit(dialog: NewTokenDialog) -> bool:
    bar = dialog.methods.tabBar()
    return sum(bar.tabRect(i).width() for i in range(bar.count())) <= bar.width()


def _nothing_filled_in(dialog: NewTokenDialog) -> bool:
    return all(not edit.text() for edit in dialog.findChildren(QLineEdit) if not edit.isReadOnly())


@pytest.mark.parametrize(
    ("way", "tab", "focus"),
    [("password", "password_tab", "login_id"), ("cookie", "paste_tab", "paste"), ("token", "paste_tab", "paste")],
)
def test_without_sso_it_opens_empty_on_the_way_signed_in(qtbot, runner, shared_demo_server, way, tab, focus):
    dialog = _open(qtbot, runner, shared_demo_server, way)
    assert dialog.methods.currentWidget() is getattr(dialog, tab)
    assert _tab_titles(dialog) == ["Copy from your browser", "User name and password"]
    assert _nothing_filled_in(dialog)  # never the old (hidden) value, even with it in the clipboard
    field = dialog.password_form.login_id if focus == "login_id" else dialog.paste
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=LONG)
    assert overlaps(dialog) == []


@pytest.mark.parametrize(
    ("way", "tab"),
    [("browser", "browser_box"), ("", "browser_box"), ("password", "password_tab"), ("cookie", "paste_tab")],
)
def test_with_sso_the_browser_comes_first_and_the_way_signed_in_is_open(qtbot, runner, sso_server, way, tab):
    dialog = _open(qtbot, runner, sso_server, way)
    assert _tab_titles(dialog) == ["Sign in in the browser", "Copy from your browser", "User name and password"]
    assert dialog.methods.currentWidget() is getattr(dialog, tab)
    assert [b.text().replace("&", "") for b in dialog.browser_box.provider_buttons] == ["Sign in with GitLab"]
    assert _nothing_filled_in(dialog)
    qtbot.wait(50)
    assert overlaps(dialog) == []  # only the open tab is painted
    assert _all_tabs_fit(dialog)  # every way in view, no scroll arrows


def test_the_words_fit_every_way_and_a_wrong_try_keeps_the_focus_on_the_field(qtbot, runner, shared_demo_server):
    dialog = _open(qtbot, runner, shared_demo_server, "password")
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "same way as before" not in words  # a password user never copied a cookie
    assert "expired" in words
    dialog.continue_button.click()  # nothing typed
    assert dialog.status.kind == "error"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password_form.login_id, timeout=LONG)


def test_in_german_no_one_is_told_to_copy_the_cookie_as_before(qtbot, qapp, runner, shared_demo_server):
    from mmexport.gui.application import install_translations

    install_translations(qapp, "de")
    try:
        dialog = _open(qtbot, runner, shared_demo_server, "password")
        words = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "abgelaufen" in words and "wie zuvor" not in words
        assert dialog.methods.tabText(dialog.methods.currentIndex()).replace("&", "") == "Benutzername und Passwort"
    finally:
        install_translations(qapp, "en")


def test_while_checking_the_focus_is_not_left_on_stop(qtbot, runner, shared_demo_server):
    from PySide6.QtCore import Qt

    dialog = _open(qtbot, runner, shared_demo_server, "cookie")
    dialog.paste.setText(f"MMAUTHTOKEN={'a' * 26}")
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)  # no one answers: still checking
    assert dialog.status.kind == "busy" and not dialog.continue_button.isEnabled()
    qtbot.wait(20)
    # Enter or Space now must not stop the export by accident
    assert QApplication.focusWidget() is not dialog.stop_button


def test_enter_in_a_field_continues_once(qtbot, runner, shared_demo_server):
    from PySide6.QtCore import Qt

    dialog = _open(qtbot, runner, shared_demo_server, "password")
    tries = []
    dialog.password_submitted.connect(lambda *args: tries.append(args))
    qtbot.keyClicks(dialog.password_form.login_id, "anna")
    qtbot.keyClicks(dialog.password_form.password, "demo")
    qtbot.keyClick(dialog.password_form.password, Qt.Key.Key_Return)
    assert tries == [("anna", "demo", "")]


def test_browser_tab_continue_without_an_address_says_what_to_do_and_a_second_opening_is_fresh(
    qtbot, runner, sso_server
):
    dialog = _open(qtbot, runner, sso_server, "browser")
    dialog.continue_button.click()
    assert dialog.status.kind == "error" and "first" in dialog.status.plain_text()
    dialog.browser_box.provider_buttons[0].click()  # offscreen: no browser starts, the address is shown
    assert dialog.browser_box.waiting.isVisible()
    dialog.browser_box.paste.setText("https://elsewhere.example/some/page")
    dialog.reject()
    dialog.reset(sso_server.url, sso_server.version, "browser")
    dialog.open()
    qtbot.waitUntil(lambda: not dialog.browser_box.looking_up(), timeout=LONG)
    assert not dialog.browser_box.waiting.isVisible() and dialog.browser_box.paste.text() == ""
    assert dialog.status.kind == ""


def test_after_a_restart_with_a_remembered_password_sign_in_it_opens_on_the_password_form(qtbot, tmp_path):
    """The way of signing in is remembered with the sign-in (settings.json, neutral words, never the
    secret), so a later start whose remembered sign-in expires opens the dialog on the password form."""
    from mmexport.demo.seed import DEMO_PASSWORD
    from mmexport.gui.pages.signin import TAB_PASSWORD
    from mmexport.gui.state import EXPORT, SIGNIN
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import load_settings, settings_path

    from .conftest import enter_server, go_to_server_page, set_folder, tick_chats
    from .test_export_page import CHATS, POSTS_ROUTE, _when

    def new_wizard() -> ExportWizard:
        wiz = ExportWizard(settings=load_settings())
        qtbot.addWidget(wiz)
        wiz.show()
        qtbot.waitExposed(wiz)
        return wiz

    with DemoServer(latency_ms=15) as server:
        first = new_wizard()
        go_to_server_page(qtbot, first)
        enter_server(qtbot, first, server.url)
        first.next()
        page = first.signin_page
        page.remember.setChecked(True)
        page.methods.setCurrentIndex(TAB_PASSWORD)
        qtbot.keyClicks(page.password_form.login_id, "anna")
        qtbot.keyClicks(page.password_form.password, DEMO_PASSWORD)
        page.sign_in_password()
        qtbot.waitUntil(lambda: first.state.token_saved, timeout=LONG)
        first.shutdown()  # closed: a remembered sign-in stays valid
        first.close()
        stored = settings_path().read_text(encoding="utf-8")
        assert '"signin_ways"' in stored and '"form"' in stored and DEMO_PASSWORD not in stored

        second = new_wizard()  # the next start, same settings folder and secret store
        try:
            go_to_server_page(qtbot, second)
            assert second.server_page.address.text() == server.url  # remembered
            second.server_page.check_now()
            qtbot.waitUntil(second.server_page.isComplete, timeout=LONG)
            second.next()
            assert second.currentId() == SIGNIN
            qtbot.waitUntil(second.signin_page.isComplete, timeout=LONG)  # signed in by itself
            token = second.state.token()
            second.next()
            tick_chats(qtbot, second, CHATS)
            second.next()
            set_folder(second, tmp_path / "archive")
            server.reset_counts()
            _when(lambda: server.request_counts[POSTS_ROUTE] >= 3, lambda: server.expire_token(token))
            second.next()
            assert second.currentId() == EXPORT
            export = second.export_page
            qtbot.waitUntil(lambda: export.token_dialog is not None and export.token_dialog.isVisible(), timeout=LONG)
            dialog = export.token_dialog
            qtbot.waitUntil(lambda: not dialog.browser_box.looking_up(), timeout=LONG)
            assert dialog.methods.currentWidget() is dialog.password_tab
            assert _nothing_filled_in(dialog)
            qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password_form.login_id, timeout=LONG)
            dialog.stop_button.click()
        finally:
            second.shutdown()
