"""The server page says plainly what is wrong: a typo, nothing listening, a web page that is not Mattermost."""

from __future__ import annotations

import http.server
import socket
import threading

import pytest

from .conftest import LONG, enter_server, go_to_server_page

LOGIN_PAGE = b"""<!doctype html><html><head><title>Anmeldung - Firmennetz</title></head>
<body><form action="/login" method="post"><input name="user"><input name="password" type="password">
</form></body></html>"""


class _LoginPageHandler(http.server.BaseHTTPRequestHandler):
    """What a company proxy shows before it lets anyone through: an HTML login page for every address."""

    disable_nagle_algorithm = True

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(LOGIN_PAGE)))
        self.end_headers()
        self.wfile.write(LOGIN_PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def login_page_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LoginPageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_error(qtbot, page) -> str:
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=LONG)
    return page.status.plain_text()


def test_a_non_mattermost_server_is_named_as_such(qtbot, wizard, login_page_server):
    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    qtbot.keyClicks(page.address, login_page_server)
    page.check_now()
    text = _wait_for_error(qtbot, page)
    assert "not a Mattermost server" in text
    assert "sign-in page of a proxy" in text  # the way forward for a proxy
    assert login_page_server in text  # which address it is about
    assert not page.isComplete()


def test_nothing_listening_says_could_not_be_reached(qtbot, wizard):
    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    qtbot.keyClicks(page.address, f"http://127.0.0.1:{_free_port()}")
    page.check_now()
    text = _wait_for_error(qtbot, page)
    assert "127.0.0.1 does not answer on port" in text
    assert "port number" in text
    assert not page.isComplete()


def test_impossible_address_is_refused_without_a_request(qtbot, wizard):
    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    qtbot.keyClicks(page.address, "http://exa mple..org:99999")
    page.check_now()
    text = _wait_for_error(qtbot, page)
    assert "does not look like a server address" in text
    assert not page.isComplete()


def test_typo_then_correction_moves_on(qtbot, wizard, shared_demo_server):
    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    qtbot.keyClicks(page.address, f"http://127.0.0.1:{_free_port()}")
    page.check_now()
    _wait_for_error(qtbot, page)
    enter_server(qtbot, wizard, shared_demo_server.url)
    assert "Mattermost version 10.11" in page.status.plain_text()
    # typing again makes the page incomplete until the new address is checked
    qtbot.keyClicks(page.address, "x")
    assert not page.isComplete()


def test_pasting_a_curl_into_the_address_field_fills_address_and_sign_in(qtbot, wizard, shared_demo_server):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from .conftest import curl_for

    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    page.address.setFocus()
    # a real paste: one edit with the whole text (Ctrl+V), the way people do it
    QGuiApplication.clipboard().setText(curl_for(shared_demo_server.url, shared_demo_server.token))
    qtbot.keyClick(page.address, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert page.address.text() == shared_demo_server.url
    wizard.next()
    qtbot.waitUntil(wizard.signin_page.isComplete, timeout=LONG)
    assert "Signed in as Anna Beispiel (@anna)" in wizard.signin_page.status.plain_text()


@pytest.fixture
def back_to_english(qapp):
    yield
    from mmexport.gui.application import install_translations

    install_translations(qapp, "en")


def test_going_back_to_switch_the_language_keeps_the_typed_address(qtbot, wizard, back_to_english):
    from mmexport.gui.state import SERVER, WELCOME

    wizard.state.settings.last_server = "https://chat.remembered.example"
    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    assert page.address.text() == "https://chat.remembered.example"
    typed = f"http://127.0.0.1:{_free_port()}"  # nothing answers there: the check fails, the text stays
    page.address.clear()
    qtbot.keyClicks(page.address, typed)
    wizard.back()
    assert wizard.currentId() == WELCOME
    wizard.switch_language("de")
    wizard.next()
    assert wizard.currentId() == SERVER
    assert wizard.server_page.address.text() == typed


def test_the_first_step_has_no_jargon_tip(qtbot, wizard):
    from PySide6.QtWidgets import QLabel

    go_to_server_page(qtbot, wizard)
    words = " ".join(label.text() for label in wizard.server_page.findChildren(QLabel))
    assert "cURL" not in words and "cURL" not in wizard.server_page.subTitle()


def test_a_demo_that_comes_up_after_going_on_fills_in_the_shown_server_page(qtbot):
    from mmexport.gui.state import SERVER
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import load_settings

    wizard = ExportWizard(demo=True, settings=load_settings())  # mmexport gui --demo
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        wizard.next()  # before the demo server is up (it starts in the background)
        assert wizard.currentId() == SERVER and wizard.state.demo_server is None
        qtbot.waitUntil(lambda: wizard.state.demo_server is not None, timeout=LONG)
        qtbot.waitUntil(wizard.server_page.isComplete, timeout=LONG)
        assert wizard.server_page.address.text() == wizard.state.demo_server.url
    finally:
        wizard.shutdown()
