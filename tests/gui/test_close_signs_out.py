"""Closing the window ends the session this program made (docs/security.md): the sign-out has reached the
server when closing returns, even while the worker is busy with something else; a pasted sign-in (the
person's browser session) is never signed out; and a server that never answers cannot hold the closing
longer than the bound. Real wizard, real HTTP to the demo server (and the hostile one)."""

from __future__ import annotations

import time

import pytest
import requests
from tests.hostile_server import HostileServer

from mmexport.demo.server import DemoServer
from mmexport.gui.state import CHATS, SIGNIN
from mmexport.gui.wizard import SIGN_OUT_SECONDS

from .conftest import LONG, enter_server, go_to_server_page, sign_in_with_curl

LOGOUT = "/api/v4/users/logout"


def _password_sign_in(qtbot, wizard, url: str) -> str:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, url)
    wizard.next()
    assert wizard.currentId() == SIGNIN
    page = wizard.signin_page
    page.methods.setCurrentIndex(1)
    qtbot.keyClicks(page.password_form.login_id, "anna")
    qtbot.keyClicks(page.password_form.password, "demo")
    page.sign_in_password()
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert wizard.state.client.owns_session and not wizard.state.token_saved
    return wizard.state.client.token


def _me(server, token: str) -> int:
    return requests.get(
        f"{server.url}/api/v4/users/me", headers={"Authorization": f"Bearer {token}"}
    ).status_code


def _logouts(server: DemoServer) -> list[int]:
    return [status for method, path, _, status in list(server.requests) if (method, path) == ("POST", LOGOUT)]


@pytest.fixture
def slow_server():
    with DemoServer() as server:
        yield server


def test_closing_signs_out_before_it_returns_even_while_the_worker_is_busy(qtbot, wizard, slow_server):
    server = slow_server
    token = _password_sign_in(qtbot, wizard, server.url)
    server.set_faults(latency_ms=700)  # every answer takes a moment, the sign-out's too
    wizard.next()  # the chats page loads the chat list on the worker: it is busy when the window closes
    assert wizard.currentId() == CHATS
    pacer = wizard.state.client.pacer
    qtbot.waitUntil(lambda: pacer.in_flight > 0, timeout=LONG)  # a listing request is under way

    wizard.close()

    assert not wizard.isVisible()
    assert _logouts(server) == [200]  # looked at once: it was sent and answered before close() returned
    server.set_faults(latency_ms=0)
    assert _me(server, token) == 401


def test_a_pasted_sign_in_is_not_signed_out_at_close(qtbot, wizard, slow_server):
    server = slow_server
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    assert not wizard.state.client.owns_session

    wizard.close()

    assert _logouts(server) == []
    assert _me(server, server.token) == 200  # the browser's session goes on


def test_closing_does_not_hang_on_a_server_that_never_answers_the_sign_out(qtbot, wizard):
    with HostileServer(max_seconds=20) as hostile:
        _password_sign_in(qtbot, wizard, hostile.url)
        hostile.misbehave("drip_headers", path=f"^{LOGOUT}$", interval=0.5)  # answers, a byte every 0.5 s

        started = time.monotonic()
        wizard.close()
        took = time.monotonic() - started

        assert not wizard.isVisible()
        assert any(path == LOGOUT for _, path, _ in hostile.requests)  # it was tried
        assert took < SIGN_OUT_SECONDS + 3, f"closing took {took:.1f} s"  # the drip would last 20 s
