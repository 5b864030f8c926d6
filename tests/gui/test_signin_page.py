"""Sign-in: who is signed in, password with MFA, remembering with and without a usable keyring."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from mmexport import secrets
from mmexport.gui.state import CHATS, SERVER, SIGNIN

from .conftest import LONG, curl_for, enter_server, go_to_server_page, sign_in_with_curl


class BrokenKeyring(keyring.backend.KeyringBackend):
    """A secret store that is there but refuses everything (a locked keychain, a broken D-Bus)."""

    priority = 1

    def get_password(self, service, username):
        raise keyring.errors.KeyringError("the keychain is locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringError("the keychain is locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringError("the keychain is locked")


def _to_signin(qtbot, wizard, server):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    wizard.next()
    assert wizard.currentId() == SIGNIN
    return wizard.signin_page


def test_remember_saves_the_token_in_the_keyring_and_signs_in_next_time(
    qtbot, wizard, shared_demo_server, memory_keyring
):
    server = shared_demo_server
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    page = wizard.signin_page
    page.remember.setChecked(True)
    assert secrets.load_token(server.url) == server.token
    assert "Saved in this computer's password store" in page.remember_status.plain_text()

    # a second visit signs in by itself with the saved token
    wizard.back()
    wizard.state.client = None
    wizard.next()
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert "Signed in as Anna Beispiel (@anna)" in page.status.plain_text()
    page.remember.setChecked(False)
    assert secrets.load_token(server.url) is None


def test_keyring_that_refuses_is_said_plainly_and_the_wizard_goes_on(qtbot, wizard, shared_demo_server):
    keyring.set_keyring(BrokenKeyring())
    server = shared_demo_server
    page = _to_signin(qtbot, wizard, server)
    page.paste.setText(curl_for(server.url, server.token))
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    page.remember.setChecked(True)
    assert not page.remember.isChecked()
    text = page.remember_status.plain_text()
    assert "no password store" in text and "this session only" in text
    assert wizard.state.token_saved is False
    wizard.next()
    assert wizard.currentId() == CHATS


def test_no_keyring_at_all_disables_remember_with_a_reason(qtbot, wizard, shared_demo_server):
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    page = _to_signin(qtbot, wizard, shared_demo_server)
    assert not page.remember.isEnabled()
    text = page.remember_status.plain_text()
    assert "this session only" in text
    assert "until the program is closed" not in text  # said once, not twice in other words


def test_password_sign_in_with_mfa(qtbot, wizard, shared_demo_server):
    page = _to_signin(qtbot, wizard, shared_demo_server)
    page.methods.setCurrentIndex(1)
    qtbot.keyClicks(page.password_form.login_id, "mfa")
    qtbot.keyClicks(page.password_form.password, "demo")
    page.sign_in_password()
    qtbot.waitUntil(lambda: page.password_form.mfa.isVisible(), timeout=LONG)
    assert "authenticator app" in page.status.plain_text()
    qtbot.keyClicks(page.password_form.mfa, "123456")
    page.sign_in_password()
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert "(@mfa)" in page.status.plain_text()
    assert wizard.state.client.owns_session


def test_wrong_password_points_to_copying_from_the_browser(qtbot, wizard, shared_demo_server):
    page = _to_signin(qtbot, wizard, shared_demo_server)
    page.methods.setCurrentIndex(1)
    qtbot.keyClicks(page.password_form.login_id, "anna")
    qtbot.keyClicks(page.password_form.password, "wrong")
    page.sign_in_password()
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=LONG)
    assert "password is wrong" in page.status.plain_text()
    assert "Copy from your browser" in page.status.plain_text()
    assert not page.isComplete()


@pytest.mark.parametrize("material", ["cookie", "bare", "garbage"])
def test_pasted_cookie_or_token_signs_in_and_garbage_says_why(qtbot, wizard, shared_demo_server, material):
    server = shared_demo_server
    page = _to_signin(qtbot, wizard, server)
    text = {
        "cookie": f"MMUSERID=abc; MMAUTHTOKEN={server.token}; MMCSRF=xyz",
        "bare": f'  "{server.token}"\n',
        "garbage": "hello, this is not it",
    }[material]
    page.paste.setText(text)
    if material == "garbage":
        qtbot.waitUntil(lambda: page.status.kind == "error", timeout=LONG)
        assert "No sign-in was found" in page.status.plain_text()
        assert not page.isComplete()
    else:
        qtbot.waitUntil(page.isComplete, timeout=LONG)
        assert "(@anna)" in page.status.plain_text()


def test_clipboard_with_a_curl_is_offered(qtbot, wizard, shared_demo_server):
    from PySide6.QtGui import QGuiApplication

    server = shared_demo_server
    QGuiApplication.clipboard().setText(curl_for(server.url, server.token))
    page = _to_signin(qtbot, wizard, server)
    qtbot.waitUntil(page.clipboard_offer.isVisible, timeout=LONG)
    assert "cURL" in page.clipboard_label.text()
    page.clipboard_button.click()
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert not page.clipboard_offer.isVisible()
    QGuiApplication.clipboard().clear()


class _Browser(QObject):
    """Stands in for the system browser through Qt's own URL-handler hook (openUrl then returns True)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture(scope="module")
def sso_server():
    from mmexport.demo.server import DemoServer

    with DemoServer(sso_providers=("gitlab",)) as server:
        yield server


def _click_gitlab(qtbot, wizard, server):
    page = _to_signin(qtbot, wizard, server)
    qtbot.waitUntil(lambda: bool(page.browser_box.provider_buttons), timeout=LONG)
    page.browser_box.provider_buttons[0].click()
    return page.browser_box


def test_a_browser_that_opened_is_said_and_nothing_is_to_be_done_by_hand(qtbot, wizard, sso_server):
    browser = _Browser()
    QDesktopServices.setUrlHandler("http", browser, "open")
    try:
        box = _click_gitlab(qtbot, wizard, sso_server)
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert browser.opened and browser.opened[0].startswith(f"{sso_server.url}/oauth/gitlab/login?desktop_token=")
    assert box.waiting.isVisible() and "Your browser is open" in box.waiting_text.text()
    assert not box.by_hand.isVisible()


def test_a_browser_that_could_not_be_started_gives_the_address_to_open_by_hand(qtbot, wizard, sso_server):
    # No handler: the offscreen platform, like a desktop without a default browser, opens nothing.
    box = _click_gitlab(qtbot, wizard, sso_server)
    assert "Your browser is open" not in box.waiting_text.text()
    assert "could not be opened" in box.waiting_text.text()
    assert box.by_hand.isVisible()
    address = box.entry_address.text()
    assert address.startswith(f"{sso_server.url}/oauth/gitlab/login?desktop_token=")
    box.copy_entry.click()
    assert QGuiApplication.clipboard().text() == address
    assert box.waiting.isVisible()  # and the copied final address is still awaited


def test_the_demo_offers_to_practise_the_paste_step_with_its_token_on_screen(qtbot, wizard):
    wizard.welcome_page.demo_button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == SERVER, timeout=LONG)
    qtbot.waitUntil(wizard.server_page.isComplete, timeout=LONG)
    wizard.next()
    page = wizard.signin_page
    qtbot.waitUntil(page.isComplete, timeout=LONG)  # the demo signs in by itself
    demo = wizard.state.demo_server
    assert page.practice.isVisible() and "optional" in page.practice.title()
    page.practice_button.click()
    assert not page.isComplete()  # signed out here, to sign in by pasting
    assert page.practice_token.text() == demo.token and page.practice_token.isVisible()
    assert page.paste.isVisible() and page.paste.text() == ""
    page.practice_copy.click()
    assert QGuiApplication.clipboard().text() == demo.token
    page.paste.paste()  # what Ctrl+V does
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert "(@anna)" in page.status.plain_text()
    assert "Well done" in page.practice_text.text()


def test_no_practice_outside_the_demo(qtbot, wizard, shared_demo_server):
    page = _to_signin(qtbot, wizard, shared_demo_server)
    assert not page.practice.isVisible()
