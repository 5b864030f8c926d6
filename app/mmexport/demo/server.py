"""A Mattermost-compatible HTTP server on the standard library, for demo mode and tests.

    with DemoServer() as server:
        requests.get(server.url + "/api/v4/users/me", headers={"Authorization": f"Bearer {server.token}"})

Run it from a terminal with `python -m mmexport.demo.server` or `mmexport demo-server`.
"""

from __future__ import annotations

import collections
import hashlib
import random
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from mmexport.demo import ids
from mmexport.demo.admin_api import AdminEndpoints
from mmexport.demo.api import Api
from mmexport.demo.desktop_login import DesktopLogin
from mmexport.demo.generate import generated_workspace
from mmexport.demo.http import SESSION_EXPIRED, ApiError, Request, Response, go_json
from mmexport.demo.ratelimit import GcraLimiter, RateResult
from mmexport.demo.roles import add_coordinator
from mmexport.demo.seed import LARGE_BIG_CHANNEL_POSTS
from mmexport.demo.windows_names import add_windows_names
from mmexport.demo.workspace import Session

BUILD_NUMBER = "17265543402"
SITE_NAME = "Mattermost (Demo)"


class DemoServer:
    def __init__(
        self,
        size: str = "small",
        big_channel_posts: int | None = None,
        latency_ms: float = 0,
        rate_limit: float | None = None,
        burst: int | None = None,
        token_expiry_requests: int | None = None,
        token_expiry_seconds: float | None = None,
        fault_rate: float = 0.0,
        drop_rate: float = 0.0,
        version: str = "10.11.2",
        custom_emoji: bool = True,
        real_costs: bool = False,
        seed: int = 1,
        sso_providers: tuple[str, ...] = (),
        host: str = "127.0.0.1",
        port: int = 0,
        name_display: str = "full_name",
        windows_names: bool = False,
    ):
        if size not in ("small", "large"):
            raise ValueError("size must be 'small' or 'large'")
        if big_channel_posts is None and size == "large":
            big_channel_posts = LARGE_BIG_CHANNEL_POSTS
        self.version = version
        self.custom_emoji = custom_emoji
        self.name_display = name_display  # TeammateNameDisplay: username | nickname_full_name | full_name
        self.real_costs = real_costs  # channel-posts requests take as long as on a real server
        self.host, self.port = host, port
        self.token_expiry_requests = token_expiry_requests
        self.token_expiry_seconds = token_expiry_seconds
        self.workspace = generated_workspace(seed=seed, big_channel_posts=big_channel_posts)
        self.server_id = "demo" + hashlib.sha256(f"mmexport demo {seed}".encode()).hexdigest()[:22]
        add_coordinator(self.workspace)
        if windows_names:  # names Windows refuses: packaging/windows/wine_checks.py
            add_windows_names(self.workspace)
        self.request_counts: collections.Counter[str] = collections.Counter()
        self.requests: list[tuple[str, str, str, int]] = []
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._random = random.Random(seed * 31 + 7)
        self.latency_ms = latency_ms
        self.fault_rate = fault_rate
        self.drop_rate = drop_rate
        self._limiter: GcraLimiter | None = None
        self._broken: list[_BrokenAnswers] = []
        self.answers_broken = 0
        # For tests: called in the handler thread before each API request is answered (the workspace
        # changing while a run reads it: deletions between two pages).
        self.before_answer: Callable[[Request], None] | None = None
        self.set_faults(rate_limit=rate_limit, burst=burst)
        self.api = Api(self)
        AdminEndpoints(self.api).register()
        self.desktop_login = DesktopLogin(self, sso_providers)  # single sign-on pages: "gitlab" ...
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.token = self.issue_token()

    # ----- life cycle -----

    def start(self) -> DemoServer:
        self._httpd = _HttpServer((self.host, self.port), _Handler)
        self._httpd.demo = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def major_version(self) -> int:
        try:
            return int(self.version.split(".")[0])
        except ValueError:
            return 0

    # ----- knobs -----

    def set_faults(
        self,
        fault_rate: float | None = None,
        drop_rate: float | None = None,
        latency_ms: float | None = None,
        rate_limit: float | str | None = "unchanged",
        burst: int | None = None,
    ) -> None:
        """Change failure injection, latency or the rate limit while the server runs."""
        with self._lock:
            if fault_rate is not None:
                self.fault_rate = fault_rate
            if drop_rate is not None:
                self.drop_rate = drop_rate
            if latency_ms is not None:
                self.latency_ms = latency_ms
            if rate_limit != "unchanged":
                if rate_limit is None:
                    self._limiter = None
                else:
                    per_second = float(rate_limit)
                    self._limiter = GcraLimiter(
                        per_second, burst if burst is not None else max(1, round(per_second))
                    )

    def break_answers(self, path_part: str, times: int = 1, after: int = 0) -> None:
        """For tests: `times` answers to requests whose path contains path_part come back cut in half
        (status 200, half a JSON body, as from a proxy that gave up), after `after` such requests passed."""
        with self._lock:
            self._broken.append(_BrokenAnswers(path_part, after, times))

    def _breaks(self, path: str) -> bool:
        with self._lock:
            for rule in self._broken:
                if rule.path_part in path and rule.times > 0:
                    if rule.after > 0:
                        rule.after -= 1
                        return False
                    rule.times -= 1
                    self.answers_broken += 1
                    return True
            return False

    def reset_counts(self) -> None:
        with self._lock:
            self.request_counts.clear()
            self.requests.clear()

    # ----- sessions -----

    def issue_token(self, username: str = "anna", kind: str = "session") -> str:
        user = self.workspace.user_by_username(username)
        if user is None:
            raise KeyError(f"no user {username}")
        return self.new_session(user["id"], kind).token

    def new_session(self, user_id: str, kind: str = "session") -> Session:
        with self._lock:
            # Tokens are secret even here: the workspace is seeded, the sessions are not.
            token = ids.encode(secrets.randbits(130), ids.ID_LENGTH)
            csrf = ids.encode(secrets.randbits(130), ids.ID_LENGTH)
            session = Session(token, user_id, csrf, kind, time.monotonic())
            self._sessions[token] = session
            return session

    def expire_token(self, token: str) -> None:
        with self._lock:
            session = self._sessions.get(token)
            if session is not None:
                session.revoked = True

    def _session_for(self, token: str) -> Session | None:
        """The live session of a token, counting this request against the expiry knobs."""
        with self._lock:
            session = self._sessions.get(token)
            if session is None or session.revoked:
                return None
            too_old = (
                self.token_expiry_seconds is not None
                and time.monotonic() - session.issued_at > self.token_expiry_seconds
            )
            used_up = (
                self.token_expiry_requests is not None and session.requests >= self.token_expiry_requests
            )
            if too_old or used_up:
                session.revoked = True
                return None
            session.requests += 1
            return session

    @staticmethod
    def token_of(request: Request) -> str:
        return _token_from(request)[0]

    @staticmethod
    def clearing_cookies() -> list[tuple[str, str]]:
        return [
            ("Set-Cookie", f"{name}=; Path=/; Max-Age=0; HttpOnly")
            for name in ("MMAUTHTOKEN", "MMUSERID", "MMCSRF")
        ]

    # ----- client configuration -----

    def client_config(self, signed_in: bool) -> dict[str, str]:
        config = {
            "Version": self.version,
            "BuildNumber": BUILD_NUMBER,
            "BuildDate": "Tue Oct 14 08:00:00 UTC 2025",
            "BuildHash": "4f0b9b3c1c7e8d2a9e6f5a4b3c2d1e0f9a8b7c6d",
            "BuildHashEnterprise": "none",
            "BuildEnterpriseReady": "false",
            "SiteURL": self.url,
            "SiteName": SITE_NAME,
            "EnableCustomEmoji": str(self.custom_emoji).lower(),
            # The server's install-wide id, as a real server gives it in both fields (owner.py tells servers
            # apart by it): one per seeded workspace, so that two demo workspaces are two servers.
            "DiagnosticId": self.server_id,
            "DiagnosticsEnabled": "false",
            "EnableSignInWithEmail": "true",
            "EnableSignInWithUsername": "true",
            **self.desktop_login.client_config_fields(),
            "NoAccounts": "false",
            "TelemetryId": self.server_id,
        }
        if signed_in:
            config.update(
                {
                    "EnableFileAttachments": "true",
                    "MaxFileSize": "104857600",
                    "EnablePublicLink": "false",
                    "CollapsedThreads": "always_on",
                    "PostPriority": "true",
                    "TeammateNameDisplay": self.name_display,
                    "LockTeammateNameDisplay": "false",
                    "ShowEmailAddress": "false",
                    "ShowFullName": "true",
                    "EnableUserAccessTokens": "false",
                    "EnableMobileFileDownload": "true",
                    "ScheduledPosts": "true",
                    "PluginsEnabled": "true",
                    "MaxPostSize": "16383",
                    "SchemaVersion": "134",
                    "ExperimentalViewArchivedChannels": "true",
                }
            )
        return config

    def version_id(self) -> str:
        digest = hashlib.sha256(go_json(self.client_config(signed_in=False))).hexdigest()
        return f"{self.version}.{BUILD_NUMBER}.{digest}.false"

    # ----- request handling (called from handler threads) -----

    def record(self, method: str, template: str, request: Request, status: int) -> None:
        with self._lock:
            self.request_counts[f"{method} {template}"] += 1
            self.requests.append((method, request.path, request.query_string, status))

    def chance(self, rate: float) -> bool:
        if rate <= 0:
            return False
        with self._lock:
            return self._random.random() < rate

    def rate_check(self, client_ip: str) -> RateResult | None:
        limiter = self._limiter
        return limiter.take(client_ip) if limiter is not None else None

    def handle(self, request: Request) -> Response:
        """The response to an /api/ request."""
        route, params, path_known = self.api.match(request.method, request.path)
        try:
            if route is None:
                if path_known:
                    return Response(status=405, content_type="")
                return _no_such_route(request)
            request.params = params
            self._authenticate(request, route.needs_session)
            return route.handler(request)
        except ApiError as error:
            return _error_response(error, request)

    def _authenticate(self, request: Request, required: bool) -> None:
        token, source = _token_from(request)
        if not token:
            if required:
                raise ApiError(401, *SESSION_EXPIRED)
            return
        if source == "query":
            if required:
                raise ApiError(
                    401,
                    "api.context.token_provided.app_error",
                    "Session is not OAuth but token was provided in the query string.",
                )
            return
        session = self._session_for(token)
        if session is None:
            if required:
                raise ApiError(401, *SESSION_EXPIRED)
            return
        if source == "cookie" and request.method != "GET" and not _csrf_ok(request, session):
            raise ApiError(401, *SESSION_EXPIRED)
        request.user_id = session.user_id


@dataclass
class _BrokenAnswers:
    path_part: str
    after: int
    times: int


def _error_response(error: ApiError, request: Request) -> Response:
    response = Response(status=error.status, body=go_json(error.body(request.request_id)))
    response.headers.extend(error.headers)
    if error.error_id == SESSION_EXPIRED[0]:
        response.headers.extend(DemoServer.clearing_cookies())
    return response


def _no_such_route(request: Request) -> Response:
    """web.Handle404 for an API path: the error JSON without request_id, and no Content-Type of its own,
    so Go's sniffing calls it text/plain (recorded from 5.36.1 in tests/recorded)."""
    body = ApiError(404, "api.context.404.app_error", "Sorry, we could not find the page.").body("")
    del body["request_id"]
    body["detailed_error"] = (
        f"There doesn't appear to be an api call for the url='{request.path}'.  "
        "Typo? are you missing a team_id or user_id as part of the url?"
    )
    return Response(status=404, body=go_json(body), content_type="text/plain; charset=utf-8")


def _token_from(request: Request) -> tuple[str, str]:
    """ParseAuthTokenFromRequest: cookie first, then Bearer (any case), then Token, then the query."""
    cookie = request.cookie("MMAUTHTOKEN")
    if cookie:
        return cookie, "cookie"
    header = request.headers.get("Authorization", "")
    if len(header) > 6 and header[:6].upper() == "BEARER":
        return header[7:], "header"
    if len(header) > 5 and header[:5].lower() == "token":
        return header[6:], "header"
    query_token = request.query.get("access_token", "")
    if query_token:
        return query_token, "query"
    return "", ""


def _csrf_ok(request: Request, session: Session) -> bool:
    if request.headers.get("X-CSRF-Token", "") == session.csrf:
        return True
    # ExperimentalStrictCSRFEnforcement is off by default, so this header is enough.
    return request.headers.get("X-Requested-With", "") == "XMLHttpRequest"


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    demo: DemoServer


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # otherwise Nagle + delayed ACK add ~40 ms to every response
    wbufsize = 1 << 16  # headers and body leave in one write
    server_version = "demo"
    sys_version = ""

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests and the terminal stay quiet

    def _serve(self) -> None:
        demo = self.server.demo
        raw_path, _, query = self.path.partition("?")
        path = unquote(raw_path)
        request = Request(self.command, path, query, self.headers, self._read_body(), self.client_address[0])
        request.request_id = ids.encode(secrets.randbits(130), ids.ID_LENGTH)
        route = demo.api.match(self.command, path)[0]
        template = route.template if route else path  # the key of request_counts, whatever the outcome
        if demo.latency_ms:
            time.sleep(demo.latency_ms / 1000)
        if demo.chance(demo.drop_rate):
            demo.record(self.command, template, request, 0)
            self.close_connection = True  # nothing was written: the client sees the connection close
            return
        rate = demo.rate_check(request.client_ip)
        if rate is not None and rate.limited:
            response = Response(
                status=429, body=b"limit exceeded\n", content_type="text/plain; charset=utf-8"
            )
        elif path.startswith("/api/v4/") and demo.chance(demo.fault_rate):
            response = _error_response(
                ApiError(
                    500,
                    "demo.fault_injection.app_error",
                    "An internal error happened (the demo server simulates a failing server).",
                ),
                request,
            )
        elif path.startswith("/api/"):
            if demo.before_answer is not None:
                demo.before_answer(request)
            response = self._api_response(request)
        else:
            response = demo.desktop_login.page(request) or _welcome_page(demo)
        if response.status == 200 and response.body and demo._breaks(path):
            response.body = response.body[: len(response.body) // 2]
        if rate is not None:
            response.headers.extend(rate.headers())
        demo.record(self.command, template, request, response.status)
        self._write(response, request.request_id)

    def _api_response(self, request: Request) -> Response:
        try:
            return self.server.demo.handle(request)
        except Exception:  # a bug in the demo server: answer like the real server would, and show it
            traceback.print_exc()
            error = ApiError(500, "api.demo.internal_error.app_error", "The demo server failed unexpectedly.")
            return _error_response(error, request)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _write(self, response: Response, request_id: str) -> None:
        demo = self.server.demo
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        self.send_header("X-Version-Id", demo.version_id())
        self.send_header("X-Request-Id", request_id)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.chunks is not None:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            if self.command != "HEAD":
                for chunk in response.chunks:
                    if chunk:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD" and response.body:
            self.wfile.write(response.body)


def _welcome_page(demo: DemoServer) -> Response:
    body = (
        b"<!doctype html><meta charset=utf-8><title>Mattermost demo</title>"
        b"<h1>Mattermost-Demoserver</h1><p>Dies ist der eingebaute Demoserver des Mattermost Export Assistant. "
        b"Die Programmschnittstelle liegt unter <code>/api/v4/</code>.</p>"
    )
    return Response(body=body, content_type="text/html; charset=utf-8")
