"""Sign-in through the browser, end to end: the real wizard opens the demo server's single sign-on in
Debian's chromium (the "system browser" here), the pretend GitLab's button is clicked, and the final page's
address comes back to the wizard through the clipboard or the paste field; then the chats and an export.
Also each way it can go wrong, and `mmexport login --browser` reading the address from standard input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import requests
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from gui.conftest import LONG, enter_server, go_to_server_page, set_folder, tick_chats
from mmexport.archive.layout import MANIFEST
from mmexport.demo.server import DemoServer
from mmexport.gui.wizard import CHATS, DONE, EXPORT, OPTIONS, SIGNIN


class SystemBrowser(QObject):
    """Stands where the system browser is: QDesktopServices hands it the URLs the wizard opens, and it
    opens them in chromium (Qt's own URL-handler hook, the way Qt documents for custom schemes)."""

    def __init__(self, chromium) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.context = chromium.new_context()
        self.page = None

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())

    def sign_in(self, decision: str = "#authorize") -> str:
        """Opens the last URL, clicks the pretend GitLab's button, returns the address it lands on."""
        self.page = self.context.new_page()
        self.page.goto(self.opened[-1])
        self.page.wait_for_selector(decision)
        self.page.click(decision)
        self.page.wait_for_url(lambda url: "/login/desktop" in url or "/error" in url)
        return self.page.url


@pytest.fixture
def system_browser(chromium):
    browser = SystemBrowser(chromium)
    for scheme in ("http", "https"):
        QDesktopServices.setUrlHandler(scheme, browser, "open")
    yield browser
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)
    browser.context.close()


@pytest.fixture
def sso_server():
    with DemoServer(sso_providers=("gitlab",)) as server:
        yield server


def _to_signin(qtbot, wiz, server):
    go_to_server_page(qtbot, wiz)
    enter_server(qtbot, wiz, server.url)
    wiz.next()
    assert wiz.currentId() == SIGNIN
    page = wiz.signin_page
    qtbot.waitUntil(lambda: bool(page.browser_box.provider_buttons), timeout=LONG)
    return page


def _click_sign_in(qtbot, page, browser) -> None:
    from PySide6.QtCore import Qt

    before = len(browser.opened)
    button = page.browser_box.provider_buttons[0]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(browser.opened) > before, timeout=LONG)


def _status(page) -> str:
    return page.status.plain_text()


def test_gitlab_sign_in_in_the_browser_then_chats_and_export(
    qtbot, wizard, sso_server, system_browser, tmp_path
):
    page = _to_signin(qtbot, wizard, sso_server)
    button = page.browser_box.provider_buttons[0]
    assert button.text() == "Sign in with GitLab"
    assert page.browser_box.isVisible() and not page.methods.isVisible()  # the first (and only shown) choice

    _click_sign_in(qtbot, page, system_browser)
    assert system_browser.opened[-1].startswith(f"{sso_server.url}/oauth/gitlab/login?desktop_token=")
    final = system_browser.sign_in()
    assert "You are now logged in" in system_browser.page.inner_text("h1")
    QGuiApplication.clipboard().setText(final)  # what Ctrl+L, Ctrl+C does in the browser

    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert "Signed in as Anna Beispiel (@anna)" in _status(page)
    client = wizard.state.client
    assert client.owns_session  # made by us: may be signed out at the end
    assert client.token != sso_server.token and sso_server.desktop_login.stored_tokens() == 0

    wizard.next()
    assert wizard.currentId() == CHATS
    ids = tick_chats(qtbot, wizard, ["Projekt Alpha"])
    wizard.next()
    assert wizard.currentId() == OPTIONS
    set_folder(wizard, tmp_path / "archive")
    wizard.next()
    assert wizard.currentId() == EXPORT
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    manifest = json.loads((tmp_path / "archive" / MANIFEST).read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["channels"]] == ids
    assert client.token not in (tmp_path / "archive" / MANIFEST).read_text(encoding="utf-8")

    token = client.token
    wizard.shutdown()  # not remembered: the program's own session is signed out
    me = requests.get(f"{sso_server.url}/api/v4/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_pasted_address_signs_in_and_a_reused_one_is_refused(qtbot, wizard, sso_server, system_browser):
    page = _to_signin(qtbot, wizard, sso_server)
    _click_sign_in(qtbot, page, system_browser)
    final = system_browser.sign_in()
    page.browser_box.paste.setText(final)  # pasted with Ctrl+V into the field
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert "Signed in as Anna" in _status(page)
    server_token = final.split("server_token=")[1].split("&")[0]
    assert server_token not in page.browser_box.paste.text()  # masked once handed on

    page.browser_box.paste.clear()
    page.browser_box.paste.setText(final)  # the same address again: the server token is spent
    qtbot.waitUntil(lambda: "used already" in _status(page), timeout=LONG)
    assert not page.isComplete()


def test_expired_address_is_explained(qtbot, wizard, sso_server, system_browser):
    page = _to_signin(qtbot, wizard, sso_server)
    _click_sign_in(qtbot, page, system_browser)
    final = system_browser.sign_in()
    sso_server.desktop_login.age_tokens(181)  # three minutes and a second later
    page.browser_box.paste.setText(final)
    qtbot.waitUntil(lambda: "expired" in _status(page), timeout=LONG)
    assert not page.isComplete()


def test_address_of_an_earlier_attempt_is_refused_and_not_spent(qtbot, wizard, sso_server, system_browser):
    page = _to_signin(qtbot, wizard, sso_server)
    _click_sign_in(qtbot, page, system_browser)
    earlier = system_browser.sign_in()
    _click_sign_in(qtbot, page, system_browser)  # a new attempt, with a new client token
    page.browser_box.paste.setText(earlier)
    qtbot.waitUntil(lambda: "different sign-in attempt" in _status(page), timeout=LONG)
    assert sso_server.desktop_login.stored_tokens() == 1  # refused before the exchange: not spent


def test_denied_at_the_provider_is_explained(qtbot, wizard, sso_server, system_browser):
    page = _to_signin(qtbot, wizard, sso_server)
    _click_sign_in(qtbot, page, system_browser)
    final = system_browser.sign_in("#deny")
    assert "/error?" in final and "oauth_access_denied" in final
    QGuiApplication.clipboard().setText(final)
    qtbot.waitUntil(lambda: "cancelled or refused" in _status(page), timeout=LONG)


def test_address_of_another_server_is_refused(qtbot, wizard, sso_server, system_browser):
    with DemoServer(sso_providers=("gitlab",)) as other:
        page = _to_signin(qtbot, wizard, sso_server)
        _click_sign_in(qtbot, page, system_browser)
        system_browser.opened[-1] = system_browser.opened[-1].replace(sso_server.url, other.url)
        final = system_browser.sign_in()
        assert final.startswith(other.url)
        page.browser_box.paste.setText(final)
        qtbot.waitUntil(lambda: "different server" in _status(page), timeout=LONG)
        assert other.desktop_login.stored_tokens() == 1


def test_a_5x_server_is_too_old_and_the_developer_tools_way_is_shown(qtbot, wizard):
    with DemoServer(version="5.36.1", sso_providers=("gitlab",)) as old:
        go_to_server_page(qtbot, wizard)
        enter_server(qtbot, wizard, old.url)
        wizard.next()
        page = wizard.signin_page
        box = page.browser_box
        qtbot.waitUntil(lambda: box.too_old.isVisible(), timeout=LONG)
        assert "too old" in box.too_old.text() and "5.36.1" in box.too_old.text()
        assert not box.provider_buttons and page.methods.isVisible()


def _cli_login(server, chromium, *options: str, env=None) -> tuple[int, str, str]:
    """Runs `mmexport login --browser`, opens what it prints in chromium, clicks Authorize, and types the
    final address into its standard input: (exit code, standard output, standard error)."""
    command = [sys.executable, "-m", "mmexport", "login", "--server", server.url, "--browser", *options]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    said = []
    while not any("desktop_token=" in line for line in said):
        line = process.stderr.readline()
        assert line, f"mmexport login ended early: {''.join(said)}"
        said.append(line)
    context = chromium.new_context()
    page = context.new_page()
    page.goto(next(line.strip() for line in said if "desktop_token=" in line))
    page.click("#authorize")
    page.wait_for_url(lambda url: "/login/desktop" in url)
    out, err = process.communicate(page.url + "\n", timeout=60)
    context.close()
    return process.returncode, out, "".join(said) + err


def test_cli_login_reads_the_final_address_from_standard_input(sso_server, chromium):
    code, out, err = _cli_login(sso_server, chromium, "--print-token")
    assert code == 0, err
    token = out.strip()
    assert token and token not in err  # the token only on standard output, only because it was asked for
    me = requests.get(f"{sso_server.url}/api/v4/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == "anna"


def test_cli_login_refuses_another_attempts_address_with_the_sign_in_exit_code(sso_server):
    stale = f"{sso_server.url}/login/desktop?client_token={'0' * 64}&server_token={'y' * 64}"
    result = subprocess.run(
        [sys.executable, "-m", "mmexport", "login", "--server", sso_server.url, "--browser"],
        input=stale + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert "different sign-in attempt" in result.stderr and "Traceback" not in result.stderr


def test_remembered_browser_sign_in_is_kept_for_next_time(qtbot, wizard, sso_server, system_browser):
    from mmexport import secrets

    page = _to_signin(qtbot, wizard, sso_server)
    page.remember.setChecked(True)
    _click_sign_in(qtbot, page, system_browser)
    page.browser_box.paste.setText(system_browser.sign_in())
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    token = wizard.state.client.token
    assert secrets.load_token(sso_server.url) == token
    wizard.shutdown()  # remembered: the saved session must stay valid, so it is not signed out
    me = requests.get(f"{sso_server.url}/api/v4/users/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200


def test_cli_login_without_a_password_store_says_so_and_ends_the_unusable_session(sso_server, chromium):
    import os

    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")  # no store at all
    code, out, err = _cli_login(sso_server, chromium, env=env)
    assert code == 3 and out == ""
    assert "no password store" in err and "--print-token" in err and "Traceback" not in err
    logouts = [r for r in sso_server.requests if r[1] == "/api/v4/users/logout"]
    assert logouts and logouts[-1][3] == 200  # the session nobody could use is ended at once


def test_saml_sign_in_with_the_servers_button_text(qtbot, wizard, system_browser):
    with DemoServer(sso_providers=("saml",)) as saml_server:
        page = _to_signin(qtbot, wizard, saml_server)
        assert page.browser_box.provider_buttons[0].text() == "Sign in with Hochschul-Login"
        _click_sign_in(qtbot, page, system_browser)
        assert system_browser.opened[-1].startswith(f"{saml_server.url}/login/sso/saml?desktop_token=")
        QGuiApplication.clipboard().setText(system_browser.sign_in())  # the IdP answers with a form POST
        qtbot.waitUntil(page.isComplete, timeout=LONG)
        assert "Signed in as Anna" in _status(page)


def test_expired_during_the_export_signs_in_again_in_the_browser_and_remembers_the_new_session(
    qtbot, wizard, system_browser, tmp_path
):
    import threading
    import time

    from mmexport import secrets

    posts = "GET /api/v4/channels/{channel_id}/posts"
    with DemoServer(sso_providers=("gitlab",), latency_ms=15) as server:
        page = _to_signin(qtbot, wizard, server)
        page.remember.setChecked(True)
        _click_sign_in(qtbot, page, system_browser)
        page.browser_box.paste.setText(system_browser.sign_in())
        qtbot.waitUntil(page.isComplete, timeout=LONG)
        first = wizard.state.client.token
        wizard.next()
        tick_chats(qtbot, wizard, ["Projekt Alpha", "Allgemein"])
        wizard.next()
        set_folder(wizard, tmp_path / "archive")
        server.reset_counts()

        def expire_soon() -> None:  # the session ends while the export runs, as on a real server
            deadline = time.monotonic() + 60
            while server.request_counts[posts] < 3 and time.monotonic() < deadline:
                time.sleep(0.005)
            server.expire_token(first)

        threading.Thread(target=expire_soon, daemon=True).start()
        wizard.next()
        assert wizard.currentId() == EXPORT
        export = wizard.export_page
        qtbot.waitUntil(lambda: export.token_dialog is not None and export.token_dialog.isVisible(), timeout=LONG)
        dialog = export.token_dialog
        qtbot.waitUntil(lambda: dialog.methods.currentWidget() is dialog.browser_box, timeout=LONG)
        _click_sign_in(qtbot, dialog, system_browser)
        QGuiApplication.clipboard().setText(system_browser.sign_in())  # noticed by the dialog's box
        qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
        fresh = wizard.state.client.token
        assert fresh != first and wizard.state.client.owns_session
        assert secrets.load_token(server.url) == fresh  # "Remember" keeps the new session, not the dead one
        assert wizard.state.signed_in_with == "browser"
        wizard.shutdown()
