"""The sign-in page and the chat list never keep an old success (issue 13, items 4, 5 and 12).

A dead token is checked again when the page is shown again and when the chats load; a wrong paste
disables "Next"; a cURL for another server asks first. Real demo servers over HTTP; the token dies
through the demo server's expiry knob (token_expiry_requests)."""

from __future__ import annotations

import pytest

from mmexport.demo.server import DemoServer
from mmexport.gui.pages.signin import TAB_BROWSER
from mmexport.gui.wizard import CHATS, SIGNIN

from .conftest import LONG, curl_for, enter_server, go_to_server_page, sign_in_with_curl


def _signed_in_on_chats(qtbot, wizard, server):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    assert wizard.currentId() == CHATS
    qtbot.waitUntil(lambda: wizard.state.chat_list is not None, timeout=LONG)


def _expire_on_next_request(server) -> None:
    """The knob: a session ends after this many requests; every session here has made more already."""
    server.token_expiry_requests = 1


def test_a_token_that_died_is_noticed_when_the_sign_in_page_is_shown_again(qtbot, wizard, demo_server):
    _signed_in_on_chats(qtbot, wizard, demo_server)
    _expire_on_next_request(demo_server)
    wizard.back()
    page = wizard.signin_page
    assert wizard.currentId() == SIGNIN
    wizard.back()  # to the server page and forward again: QWizard initialises the sign-in page anew
    wizard.next()
    assert not page.isComplete()  # checking: no "Next" on the strength of an old success
    qtbot.waitUntil(lambda: page.status.kind == "warn", timeout=LONG)
    assert "expired" in page.status.plain_text()
    assert "Signed in as" not in page.status.plain_text()
    assert not page.isComplete() and wizard.state.client is None


def test_the_chat_list_says_the_sign_in_expired_instead_of_showing_an_old_list(qtbot, wizard, demo_server):
    _signed_in_on_chats(qtbot, wizard, demo_server)
    page = wizard.chats_page
    assert page.model.rowCount() > 0
    wizard.back()
    qtbot.waitUntil(wizard.signin_page.isComplete, timeout=LONG)  # still alive here
    _expire_on_next_request(demo_server)
    wizard.next()  # the same list is cached for this person: it is checked before it is offered
    qtbot.waitUntil(lambda: page.status.kind == "warn", timeout=LONG)
    assert "expired" in page.status.plain_text()
    assert page.model.rowCount() == 0 and not page.isComplete()
    assert page.signin_again.isVisible()
    page.signin_again.click()
    assert wizard.currentId() == SIGNIN
    assert "expired" in wizard.signin_page.status.plain_text()
    demo_server.token_expiry_requests = None
    fresh = demo_server.issue_token()
    wizard.signin_page.paste.setText(f"MMAUTHTOKEN={fresh}")
    qtbot.waitUntil(wizard.signin_page.isComplete, timeout=LONG)
    wizard.next()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.status.kind == "", timeout=LONG)


def test_a_wrong_paste_after_a_good_one_disables_next(qtbot, wizard, shared_demo_server):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, shared_demo_server.url)
    sign_in_with_curl(qtbot, wizard, shared_demo_server.url, shared_demo_server.token)
    page = wizard.signin_page
    assert page.isComplete()
    page.paste.setText("MMCSRF=9bq3kq1cxpfd8mgtwkzcg7hw1e")
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=LONG)
    assert not page.isComplete()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()


@pytest.fixture
def other_server():
    with DemoServer(seed=2) as server:
        yield server


@pytest.mark.parametrize("switch", [False, True])
def test_a_curl_for_another_server_asks_before_switching(
    qtbot, wizard, shared_demo_server, other_server, switch
):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, shared_demo_server.url)
    wizard.next()
    page = wizard.signin_page
    wizard.confirm_answer = switch
    page.paste.setText(curl_for(other_server.url, other_server.token))
    qtbot.waitUntil(lambda: bool(wizard.answers), timeout=LONG)
    _title, question = wizard.answers[-1]
    assert other_server.url in question and shared_demo_server.url in question
    if not switch:
        qtbot.waitUntil(lambda: page.status.kind == "warn", timeout=LONG)
        assert other_server.url in page.status.plain_text()
        assert wizard.state.server_url == shared_demo_server.url and not page.isComplete()
        return
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert wizard.state.server_url == other_server.url
    wizard.back()  # the server page shows the server switched to
    assert wizard.server_page.address.text() == other_server.url


def test_the_pasted_token_is_masked_and_the_clipboard_offer_goes_after_use(qtbot, wizard, shared_demo_server):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLineEdit

    server = shared_demo_server
    QGuiApplication.clipboard().setText(f"MMAUTHTOKEN={server.token}")
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    wizard.next()
    page = wizard.signin_page
    assert page.methods.currentIndex() == TAB_BROWSER
    qtbot.waitUntil(page.clipboard_offer.isVisible, timeout=LONG)
    page.clipboard_button.click()
    assert not page.clipboard_offer.isVisible()
    assert page.paste.echoMode() == QLineEdit.EchoMode.Password
    assert server.token not in page.paste.displayText()
    page.show_paste.setChecked(True)
    assert server.token in page.paste.displayText()
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert not page.clipboard_offer.isVisible()
