"""One hostile Mattermost server for tests: the demo server behind a proxy that misbehaves on demand.

    with HostileServer() as server:
        server.misbehave("short_file_close")          # every file download from now on is cut in half
        Client(server.url, server.token).download_file(...)

Everything not switched is the demo server's own answer, so ping, config, users/me and the listings are
valid and only the misbehaviour differs. Loopback only; every misbehaviour that holds a connection open
(dripping) gives up after `max_seconds`, and `stop()` ends every connection, so a test cannot hang.

Misbehaviours (name: what happens to the requests whose path matches `path`, a regular expression):

- short_file_close: a file body without Content-Length, cut in half, then the connection is closed
- short_file_length: the full Content-Length announced, half the body sent, the connection closed
- short_file_chunked: chunked transfer, half the body, closed before the last chunk
- small_file: a complete answer (its own Content-Length) of half the file: shorter than the file info's size
- file_elsewhere: a redirect of a file download to another origin (`server.elsewhere`)
- redirect: a redirect to `to` (a URL; "self" for a loop onto the same address)
- echo_auth: 400 (or `status`) with a JSON error whose message echoes the Authorization header it received
- gzip_bomb: 200 JSON, gzip-encoded, that decodes to `size` bytes (256 MB by default)
- huge_length: 200 JSON announcing Content-Length `size` (3 GB), then dripping
- drip: status line and headers at once, then the real body one byte every `interval` seconds
- drip_headers: the status line and headers one byte every `interval` seconds
- json: 200 with `body` (any JSON value) instead of the real answer: wrong shapes
- hook: the real answer, after calling `call(path)` first (e.g. to archive a channel mid-export)
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import ssl
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from mmexport.demo.server import DemoServer

FILE_PATH = r"^/api/v4/files/[a-z0-9]+(\?.*)?$"
DEFAULT_PATHS = {
    "short_file_close": FILE_PATH,
    "short_file_length": FILE_PATH,
    "short_file_chunked": FILE_PATH,
    "small_file": FILE_PATH,
    "file_elsewhere": FILE_PATH,
    "echo_auth": r"^/api/v4/channels/[a-z0-9]+/posts",
}
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}
_bombs: dict[int, bytes] = {}


def gzip_bomb(size: int) -> bytes:
    """gzip of `size` zero bytes, made once per size (256 MB compress to about 250 KB)."""
    if size not in _bombs:
        z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        block = b"\0" * (1 << 20)
        _bombs[size] = b"".join([*(z.compress(block) for _ in range(size >> 20)), z.flush()])
    return _bombs[size]


class _Elsewhere(BaseHTTPRequestHandler):
    """Another origin: answers every GET with its own body and remembers the headers it was sent."""

    def do_GET(self) -> None:
        self.server.seen_headers.append(dict(self.headers))  # type: ignore[attr-defined]
        body = b"not the file you asked for"
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 20  # a client that stops reading cannot hold a thread for longer

    server: _HostileHttpd

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def log_message(self, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        hostile = self.server.hostile
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        hostile.requests.append((self.command, self.path, dict(self.headers)))
        mode = hostile.mode_for(self.path)
        if mode is None:
            self._relay(*self._fetch(body))
            return
        name, params = mode
        getattr(self, "_" + name)(body, **params)

    # ---- the real answer ----

    def _fetch(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        demo = self.server.hostile.demo
        connection = http.client.HTTPConnection(demo.host, demo.port, timeout=30)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "accept-encoding")}
            connection.request(self.command, self.path, body=body or None, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def _relay(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers:
            if key.lower() not in _HOP_BY_HOP and key.lower() not in ("date", "server"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    # ---- misbehaviours ----

    def _short_file_close(self, body: bytes) -> None:
        status, _headers, data = self._fetch(body)
        self._head(status, {"Content-Type": "application/octet-stream", "Connection": "close"})
        self.wfile.write(data[: len(data) // 2])
        self.close_connection = True

    def _short_file_length(self, body: bytes) -> None:
        status, _headers, data = self._fetch(body)
        self._head(status, {"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True

    def _short_file_chunked(self, body: bytes) -> None:
        status, _headers, data = self._fetch(body)
        self._head(status, {"Content-Type": "application/octet-stream", "Transfer-Encoding": "chunked"})
        half = data[: len(data) // 2]
        self.wfile.write(f"{len(half):x}\r\n".encode() + half + b"\r\n")
        self.wfile.flush()
        self.close_connection = True

    def _small_file(self, body: bytes) -> None:
        status, _headers, data = self._fetch(body)
        self._relay(status, [("Content-Type", "application/octet-stream")], data[: len(data) // 2])

    def _file_elsewhere(self, body: bytes) -> None:
        self._redirect(body, to=self.server.hostile.elsewhere + self.path)

    def _redirect(self, body: bytes, to: str, status: int = 302) -> None:
        target = self.server.hostile.url + self.path if to == "self" else to
        self._head(status, {"Location": target, "Content-Length": "0"})

    def _echo_auth(self, body: bytes, status: int = 400) -> None:
        echoed = {
            "id": "api.context.permissions.app_error",
            "message": f"Access denied for request with Authorization: {self.headers.get('Authorization')}",
            "status_code": status,
        }
        self._relay(status, [("Content-Type", "application/json")], json.dumps(echoed).encode())

    def _gzip_bomb(self, body: bytes, size: int = 256 << 20) -> None:
        data = gzip_bomb(size)
        self._head(
            200,
            {"Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": str(len(data))},
        )
        self.wfile.write(data)

    def _huge_length(self, body: bytes, size: int = 3_000_000_000, interval: float = 0.5) -> None:
        self._head(200, {"Content-Type": "application/json", "Content-Length": str(size)})
        self._send_slowly(b"[" + b'{"id": "x"},' * 1000, interval)

    def _send_slowly(self, data: bytes, interval: float) -> None:
        stop = time.monotonic() + self.server.hostile.max_seconds
        for i in range(len(data)):
            if time.monotonic() > stop or self.server.hostile.stopping.is_set():
                break
            try:
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
            except OSError:
                break
            self.server.hostile.stopping.wait(interval)
        self.close_connection = True

    def _drip_body(self, body: bytes, interval: float = 0.5) -> None:
        status, headers, data = self._fetch(body)
        kind = dict((k.lower(), v) for k, v in headers).get("content-type", "application/json")
        self._head(status, {"Content-Type": kind, "Content-Length": str(len(data))})
        self._send_slowly(data, interval)

    def _drip_headers(self, body: bytes, interval: float = 0.5) -> None:
        status = self._fetch(body)[0]
        head = f"HTTP/1.1 {status} OK\r\n" + "".join(f"X-Pad-{i}: {'a' * 20}\r\n" for i in range(50))
        self._send_slowly(head.encode(), interval)

    def _json(self, body: bytes, body_value: Any = None) -> None:
        self._relay(200, [("Content-Type", "application/json")], json.dumps(body_value).encode())

    def _hook(self, body: bytes, call: Any) -> None:
        call(self.path)
        self._relay(*self._fetch(body))


class _HostileHttpd(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, hostile: HostileServer, tls: ssl.SSLContext | None) -> None:
        self.hostile = hostile
        self.tls = tls
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up mid-answer (the point of most misbehaviours) is no error here

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        if self.tls is not None:  # the handshake happens in the handler's thread, not the accept loop
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def finish_request(self, request: Any, client_address: Any) -> None:
        if isinstance(request, ssl.SSLSocket):
            request.settimeout(10)
            try:
                request.do_handshake()
            except (ssl.SSLError, OSError):
                return  # plain HTTP sent to this TLS port, or a client that gave up
        super().finish_request(request, client_address)


class HostileServer:
    """The demo server's workspace behind switchable misbehaviours (see the module docstring)."""

    def __init__(
        self, demo: DemoServer | None = None, tls: ssl.SSLContext | None = None, max_seconds: float = 15.0
    ) -> None:
        self.demo = demo or DemoServer()
        self._own_demo = demo is None
        self.tls = tls
        self.max_seconds = max_seconds
        self.stopping = threading.Event()
        self.requests: list[tuple[str, str, dict]] = []
        self._modes: list[tuple[str, re.Pattern[str], dict, list[int | None]]] = []
        self._lock = threading.Lock()

    # ---- switches ----

    def misbehave(
        self, name: str, path: str | None = None, times: int | None = None, **params: Any
    ) -> HostileServer:
        """From now on, requests whose path matches `path` get misbehaviour `name` (see the docstring);
        `times`: only that many of them, then the real answers again."""
        handler_name = "drip_body" if name == "drip" else name
        if name.startswith("_") or name == "send_slowly" or not hasattr(_Handler, "_" + handler_name):
            raise ValueError(f"no misbehaviour {name!r}")
        if name == "json":
            params = {"body_value": params.pop("body")}
        pattern = re.compile(path or DEFAULT_PATHS.get(name, r"^/api/v4/"))
        with self._lock:
            self._modes.append((handler_name, pattern, params, [times]))
        return self

    def behave(self) -> None:
        with self._lock:
            self._modes.clear()

    def mode_for(self, path: str) -> tuple[str, dict] | None:
        with self._lock:
            for name, pattern, params, left in reversed(self._modes):
                if pattern.search(path) and left[0] != 0:
                    if left[0] is not None:
                        left[0] -= 1
                    return name, params
        return None

    # ---- life ----

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def token(self) -> str:
        return self.demo.token

    @property
    def workspace(self) -> Any:
        return self.demo.workspace

    @property
    def elsewhere_headers(self) -> list[dict]:
        return self._elsewhere.seen_headers  # type: ignore[attr-defined]

    def start(self) -> HostileServer:
        if self._own_demo:
            self.demo.start()
        self._httpd = _HostileHttpd(self, self.tls)
        self._elsewhere = ThreadingHTTPServer(("127.0.0.1", 0), _Elsewhere)
        self._elsewhere.seen_headers = []  # type: ignore[attr-defined]
        self.elsewhere = f"http://127.0.0.1:{self._elsewhere.server_address[1]}"
        self._threads = [
            threading.Thread(target=self._httpd.serve_forever, name="hostile", daemon=True),
            threading.Thread(target=self._elsewhere.serve_forever, name="elsewhere", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for server in (self._httpd, self._elsewhere):
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._own_demo:
            self.demo.stop()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
