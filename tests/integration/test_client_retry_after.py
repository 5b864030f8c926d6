"""The client against a test server of its own that answers 429 with a Retry-After and no rate-limit
headers, so the pacer has nothing of its own to space requests by: whatever wait there is comes from the
server's Retry-After. Also: the client registers its token for redaction the moment it gets one."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mmexport.logsetup import redact
from mmexport.mattermost import Client

RETRY_AFTER = 2


class _Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    arrivals: list[float]  # set per server: when each /users/me request came in (monotonic)

    def do_GET(self) -> None:
        if self.path.startswith("/api/v4/users/me"):
            self.arrivals.append(time.monotonic())
            if len(self.arrivals) == 1:
                self._send(429, b"rate limit exceeded\n", [("Retry-After", str(RETRY_AFTER))], "text/plain")
                return
            self._send(200, json.dumps({"id": "u" * 26, "username": "anna"}).encode())
        else:
            self._send(404, b'{"id":"api.context.404.app_error","status_code":404}')

    def _send(self, status: int, body: bytes, extra: list[tuple[str, str]] | None = None,
              kind: str = "application/json") -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra or []:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def limited_server():
    arrivals: list[float] = []
    handler = type("Handler", (_Handler,), {"arrivals": arrivals})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", arrivals
    httpd.shutdown()
    httpd.server_close()


def test_the_client_waits_as_long_as_retry_after_says(limited_server):
    url, arrivals = limited_server
    waits: list[tuple[float, str]] = []
    # backoff_base: without Retry-After the client would try again after a few milliseconds
    client = Client(url, "t" * 26, on_wait=lambda s, r: waits.append((s, r)), backoff_base=0.001)
    assert client.me()["username"] == "anna"
    assert waits == [(float(RETRY_AFTER), "rate limit")]
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= RETRY_AFTER - 0.05, "the second request came before Retry-After"


def test_the_client_registers_its_token_for_redaction() -> None:
    first, second = "Zq.9~kL3|wP7^mX2", "Vb.4~nR8|tY1^cH6"  # shapes no redaction pattern knows
    assert redact(f"a {first} b {second}") == f"a {first} b {second}"
    client = Client("http://127.0.0.1:9", first)
    assert redact(f"a {first}") == "a [redacted]"
    client.set_token(second)
    assert redact(f"b {second}") == "b [redacted]"
