"""Rate limits, faults, dropped connections, expiry, cancel and sign-in against fresh demo servers."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from mmexport.demo.server import DemoServer
from mmexport.mattermost import (
    Cancelled,
    Client,
    LoginFailed,
    MfaRequired,
    NotReachable,
    Pacer,
    ServerError,
    SignInExpired,
    iter_channel_posts,
)


def statuses(server: DemoServer) -> list[int]:
    return [status for _method, _path, _query, status in server.requests]


def test_a_paced_burst_gets_no_429():
    with DemoServer(rate_limit=40, burst=10) as server:
        pacer = Pacer()
        with Client(server.url, server.token, pacer=pacer, pool_size=8) as client:
            channel_ids = [c["id"] for c in client.my_channels()]
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda cid: client.posts_page(cid, per_page=20), channel_ids * 3))
        assert len(server.requests) > 100
        assert 429 not in statuses(server)


def test_retry_after_is_honoured_when_a_429_comes():
    with DemoServer(rate_limit=2, burst=1) as server:
        waits: list[tuple[float, str]] = []
        # Someone else (another program on this machine) spends the budget our pacer knows nothing of.
        for _ in range(3):
            requests.get(server.url + "/api/v4/system/ping", timeout=5)
        second = Client(server.url, server.token, on_wait=lambda s, r: waits.append((s, r)))
        started = time.monotonic()
        assert second.me()["username"] == "anna"
        assert 429 in statuses(server)
        assert any(reason == "rate limit" for _s, reason in waits)
        assert time.monotonic() - started >= 0.4


def test_server_errors_are_retried():
    with DemoServer(fault_rate=0.4, seed=3) as server:
        with Client(server.url, server.token, backoff_base=0.01, max_retries=10) as client:
            channels = client.my_channels()
            for channel in channels[:6]:
                assert list(iter_channel_posts(client, channel["id"]))
        assert 500 in statuses(server)


def test_persistent_server_error_gives_up_with_server_error():
    with DemoServer(fault_rate=1.0) as server:
        client = Client(server.url, server.token, backoff_base=0.01, max_retries=2)
        with pytest.raises(ServerError) as info:
            client.me()
        assert info.value.status == 500
        assert statuses(server).count(500) == 3


def test_dropped_connections_are_retried():
    with DemoServer(drop_rate=0.3, seed=5) as server:
        with Client(server.url, server.token, backoff_base=0.01, max_retries=10) as client:
            for channel in client.my_channels()[:6]:
                assert list(iter_channel_posts(client, channel["id"]))
        assert 0 in statuses(server)  # the demo server records a dropped request as status 0


def test_expired_token_is_not_retried_and_can_be_replaced(demo_server):
    with Client(demo_server.url, demo_server.token, backoff_base=0.01) as client:
        client.me()
        demo_server.expire_token(demo_server.token)
        demo_server.reset_counts()
        with pytest.raises(SignInExpired) as info:
            client.me()
        assert info.value.status == 401
        assert info.value.server_error_id == "api.context.session_expired.app_error"
        assert len(demo_server.requests) == 1
        client.set_token(demo_server.issue_token())
        assert client.me()["username"] == "anna"


def test_token_expiring_after_n_requests():
    with DemoServer(token_expiry_requests=3) as server, Client(server.url, server.token) as client:
        client.me()
        client.my_teams()
        client.me()
        with pytest.raises(SignInExpired):
            client.me()


def test_cancel_during_backoff_returns_within_a_second():
    with DemoServer(fault_rate=1.0) as server:
        cancel = threading.Event()
        waiting = threading.Event()
        client = Client(server.url, server.token, cancel=cancel, backoff_base=20,
                        on_wait=lambda s, r: waiting.set())  # fmt: skip
        result: list[BaseException] = []

        def call():
            try:
                client.me()
            except Exception as exc:  # the test looks at it below
                result.append(exc)

        thread = threading.Thread(target=call)
        thread.start()
        assert waiting.wait(5)
        cancelled_at = time.monotonic()
        cancel.set()
        thread.join(5)
        assert time.monotonic() - cancelled_at < 1.0
        assert isinstance(result[0], Cancelled)


def test_unreachable_port_is_named_quickly():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again at once: nothing listens there
    client = Client(f"http://127.0.0.1:{port}", "x" * 26)
    started = time.monotonic()
    with pytest.raises(NotReachable) as info:
        client.probe()
    assert "refused" in info.value.message
    assert time.monotonic() - started < 5


def test_password_login_and_logout_of_own_session(demo_server):
    client = Client(demo_server.url)
    user = client.login("anna", "demo")
    assert user["username"] == "anna" and client.owns_session
    token = client.token
    assert client.me()["username"] == "anna"
    assert client.logout() is True
    assert client.token is None and not client.owns_session
    with pytest.raises(SignInExpired):
        Client(demo_server.url, token).me()


def test_pasted_token_is_never_logged_out(demo_server):
    client = Client(demo_server.url, demo_server.token)
    assert client.logout() is False
    assert demo_server.request_counts["POST /api/v4/users/logout"] == 0
    assert client.me()["username"] == "anna"


def test_wrong_password_and_mfa(demo_server):
    with pytest.raises(LoginFailed) as info:
        Client(demo_server.url).login("anna", "wrong")
    assert "wrong" in info.value.message
    with pytest.raises(MfaRequired):
        Client(demo_server.url).login("mfa", "demo")
    with pytest.raises(MfaRequired) as info:
        Client(demo_server.url).login("mfa", "demo", "000000")
    assert "code" in info.value.message
    client = Client(demo_server.url)
    assert client.login("mfa", "demo", "123456")["username"] == "mfa"
    assert client.owns_session


def test_users_by_ids_is_batched(demo_server):
    ids = list(demo_server.workspace.users)
    padded = ids + [f"{i:026d}" for i in range(450)] + ids  # unknown ids pad the list, duplicates removed
    with Client(demo_server.url, demo_server.token) as client:
        users = client.users_by_ids(padded)
    assert sorted(u["id"] for u in users) == sorted(ids)
    assert demo_server.request_counts["POST /api/v4/users/ids"] == -(-(len(ids) + 450) // 200)


def test_custom_emoji_disabled_gives_empty_list():
    with DemoServer(custom_emoji=False) as server, Client(server.url, server.token) as client:
        assert client.custom_emoji() == []


def test_flood_as_newest_posts_is_read_completely(demo_server):
    ws = demo_server.workspace
    channel = next(c for c in ws.channels_of_user(ws.me_id) if c["name"] == "off-topic")
    at = channel["last_post_at"] + 1000
    for i in range(450):
        ws.add_post(channel["id"], ws.me_id, f"flood {i}", create_at=at)
    with Client(demo_server.url, demo_server.token) as client:
        got = [p["id"] for p in iter_channel_posts(client, channel["id"])]
    visible = ws.visible_posts(channel["id"])
    assert sorted(got) == sorted(p["id"] for p in visible.page(0, len(visible)))


def test_cookies_a_server_sets_are_never_sent_back(tmp_path):
    """The server prefers a cookie over the Authorization header: a cookie jar that kept a Set-Cookie would
    send another session (or a proxy's) instead of ours. Every answer here sets one; no request returns it."""
    import json
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str | None, str | None]] = []

    class SetsCookies(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.headers.get("Cookie"), self.headers.get("Authorization")))
            body = json.dumps({"id": "u" * 26, "username": "anna"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Set-Cookie", "MMAUTHTOKEN=someone-else; Path=/")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), SetsCookies)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = Client(f"http://127.0.0.1:{server.server_port}", "t" * 26)
        for _ in range(3):
            assert client.me()["username"] == "anna"
    finally:
        server.shutdown()
        server.server_close()
    assert len(seen) == 3
    assert all(cookie is None and auth == "Bearer " + "t" * 26 for cookie, auth in seen), seen
