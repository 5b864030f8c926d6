"""The Mattermost REST API v4 client: one requests.Session, retries, pacing and typed errors.

Calls return the server's JSON unchanged: the archive keeps what the server sent, and only the places that
need a field read it. Every failure becomes a MattermostError subclass whose `message` people can read.

TLS: certificates are checked against the operating system's store through a `truststore.SSLContext`
mounted on this client's own adapter, instead of `truststore.inject_into_ssl()`: injecting patches the
`ssl` module for the whole process (the demo server, tests with their own CA, other libraries), while an
adapter affects exactly the requests this client sends.

Hostile servers (issue 12, docs/security.md): every request has an overall deadline and every body a
size cap (transport.py); redirects are followed here, never by requests, so that https is never left for
http, the token never goes to another origin and a loop is named as one; a download is checked against
the size the server announced for the file; answers of the wrong shape are refused at this boundary
(shapes.py) instead of failing later with a TypeError.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import http.cookiejar
import logging
import random
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urljoin, urlsplit

import orjson
import requests

from mmexport import __version__
from mmexport.logsetup import remember_secret
from mmexport.mattermost import errors, shapes, transport
from mmexport.mattermost.address import normalize_server_url
from mmexport.mattermost.errors import (
    Cancelled,
    Forbidden,
    IncompleteFile,
    InsecureRedirect,
    LoginFailed,
    MattermostError,
    MfaRequired,
    NotFound,
    NotMattermost,
    NotReachable,
    OtherOrigin,
    RateLimited,
    RedirectLoop,
    ServerError,
    SignInExpired,
    TlsError,
    TooLarge,
    TooSlow,
)
from mmexport.mattermost.pacer import Pacer

log = logging.getLogger(__name__)

API_PREFIX = "/api/v4"
BATCH_SIZE = 200  # users/ids and users/usernames: keeps the body far below MaximumPayloadSizeBytes
MAX_RETRY_AFTER = 120.0  # seconds; urllib3 would honour up to 6 hours
# A 429 is the server asking us to wait, not a failure: a neighbour on the same address (the limit is per
# address) may spend the budget for a while. Only this long without a single accepted request ends a run.
RATE_PATIENCE = 300.0  # seconds
BACKOFF_CAP = 30.0
PROBE_RETRIES = 1  # a wrong address should fail in seconds, not after a minute of backoff
DEADLINE = 90.0  # seconds for a whole API request, body included, however the server drips it
PROBE_DEADLINE = 20.0  # `check` and the wizard's address page must not wait minutes for a dripping server
DOWNLOAD_MIN_RATE = 16_000  # bytes/s a download is granted on top of DEADLINE (a 200 MB file: 3.5 hours)
MAX_JSON_BYTES = 64 << 20  # decoded; a page of 200 posts is about 1 MB, a list of 10,000 channels 10 MB
MAX_IMAGE_BYTES = 32 << 20  # avatars and custom emoji
MAX_ERROR_BYTES = 64 << 10  # an error's body is read for its message only
MAX_REDIRECTS = 5
SIZE_RETRIES = 2  # a file that arrives shorter or longer than announced is fetched this many more times
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

# POSTs that only read: safe to send again after a dropped connection or a 5xx.
_READ_ONLY_POSTS = frozenset({"/users/ids", "/users/usernames", "/users/group_channels"})

_MFA_ERROR_IDS = frozenset(
    {
        "mfa.validate_token.authenticate.app_error",
        "api.user.check_user_mfa.bad_code.app_error",
        "ent.mfa.validate_token.authenticate.app_error",
    }
)

WaitCallback = Callable[[float, str], None]
SlowCallback = Callable[[str, float], None]  # (what is being waited for, seconds so far)


@dataclass
class Answer:
    """A response whose body was read (within its cap) inside the retry loop: what endpoint methods see."""

    status_code: int
    headers: Any  # requests' case-insensitive dict
    content: bytes
    url: str
    method: str

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """The server prefers a cookie over the Bearer header, so a stale cookie would win: accept none."""

    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False


class Client:
    """A connection to one Mattermost server, safe to share between the threads of a run."""

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        pacer: Pacer | None = None,
        cancel: threading.Event | None = None,
        timeout: float = 30.0,
        max_retries: int = 6,
        pool_size: int = 16,
        on_wait: WaitCallback | None = None,
        verify: bool | str = True,
        backoff_base: float = 0.5,
        deadline: float = DEADLINE,
        on_slow: SlowCallback | None = None,
        slow_notice: float = transport.SLOW_NOTICE,
        rate_patience: float = RATE_PATIENCE,
    ) -> None:
        self.base_url = normalize_server_url(server_url)
        self.api_url = self.base_url + API_PREFIX
        self.pacer = pacer or Pacer()
        self.cancel = cancel
        self.timeout = timeout
        self.max_retries = max(0, max_retries)
        self.on_wait = on_wait
        self.verify = verify
        self.backoff_base = backoff_base
        self.deadline = deadline
        self.on_slow = on_slow
        self.slow_notice = slow_notice
        self.rate_patience = rate_patience
        self._refused_since: float | None = None  # first 429 after the last accepted answer (monotonic)
        self._watchdog = transport.WATCHDOG
        self.owns_session = False
        self.server_version: str | None = None
        remember_secret(token)
        self._token = token
        self._token_lock = threading.Lock()
        self._my_user_id: str | None = None
        self._session = self._build_session(pool_size, verify, self.base_url)
        # Added for the length of a run by stopped_by(): its own stop signal and wait listener.
        self._run_stops: list[threading.Event] = []
        self._wait_listeners: list[WaitCallback] = []
        self._clock_skew_ms: int | None = None  # how far the server's clock is at least ahead of ours

    @staticmethod
    def _build_session(pool_size: int, verify: bool | str, base_url: str) -> requests.Session:
        session = requests.Session()
        session.cookies.set_policy(_NoCookies())
        session.verify = verify
        # Company networks need HTTPS_PROXY and friends. They are read once here: with trust_env on,
        # requests reads the whole environment again for every request (about 1 ms each), and it would
        # also pick up credentials from ~/.netrc, which must never reach the server.
        session.proxies = requests.utils.get_environ_proxies(base_url)
        session.trust_env = False
        for prefix in ("https://", "http://"):
            # max_retries=0: urllib3 retries nothing, our loop decides (and stays cancellable).
            adapter = transport.WatchedAdapter(
                pool_connections=4, pool_maxsize=max(1, pool_size), max_retries=0, trust_os=verify is True
            )
            session.mount(prefix, adapter)
        session.headers.update(
            {
                "User-Agent": f"mmexport/{__version__}",
                "Accept": "application/json",
                "Accept-Encoding": transport.ENCODINGS,
                # The official clients send it; harmless with header auth and avoids CSRF surprises.
                "X-Requested-With": "XMLHttpRequest",
            }
        )
        return session

    # ---- token ----

    @property
    def token(self) -> str | None:
        with self._token_lock:
            return self._token

    def set_token(self, token: str | None) -> None:
        """Swap in a fresh token (after SignInExpired) for every thread's next request."""
        remember_secret(token)
        with self._token_lock:
            self._token = token

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- discovery and sign-in ----

    @contextlib.contextmanager
    def stopped_by(self, stop: threading.Event, on_wait: WaitCallback | None = None) -> Iterator[None]:
        """While inside: setting `stop` cancels this client's requests and waits as `cancel` does, and
        on_wait hears about every wait. For a run (the export engine) that must not touch the owner's
        `cancel` Event or `on_wait` callback."""
        self._run_stops.append(stop)
        if on_wait is not None:
            self._wait_listeners.append(on_wait)
        try:
            yield
        finally:
            self._run_stops.remove(stop)
            if on_wait is not None:
                self._wait_listeners.remove(on_wait)

    def server_time_ms(self) -> int:
        """The server's clock now (ms), from the Date header of its answers; our clock before the first.

        Date has whole seconds, so each answer only says the server's clock was at least Date when it
        arrived: the largest such bound is kept, and a `since` built from it never lies after the server's
        own time, whatever our clock says."""
        return int(time.time() * 1000) + (self._clock_skew_ms or 0)

    def refused_for(self) -> float:
        """Seconds the server has refused every request (429) of this client, 0 when it accepts them."""
        since = self._refused_since
        return 0.0 if since is None else max(0.0, time.monotonic() - since)

    def answers(self) -> bool:
        """Whether the server answers a small request that reads its database, now, in one try.

        Tells "this one request keeps failing" (a file whose body always breaks, a page the server cannot
        produce) from "the network or the server is down", which is waited out. `/system/ping` would not
        do: it answers without the database."""
        try:
            self._get_json("/users/me/teams", retries=0, deadline=PROBE_DEADLINE)
        except (NotReachable, ServerError):
            return False
        except Cancelled:
            raise
        except MattermostError:  # an answer all the same (a refusal, an odd body): the server is there
            return True
        return True

    def ping(self) -> dict:
        return self._get_json("/system/ping", retries=PROBE_RETRIES, deadline=PROBE_DEADLINE)

    def client_config(self) -> dict:
        config = self._get_json("/config/client", params={"format": "old"}, deadline=PROBE_DEADLINE)
        if isinstance(config, dict) and config.get("Version"):
            self.server_version = str(config["Version"])
        return config

    def probe(self) -> dict:
        """Is there a Mattermost server at base_url? {"version", "site_name"} or a plain error."""
        try:
            ping = self.ping()
        except NotFound as exc:
            raise NotMattermost(
                "The address answers, but there is no Mattermost server at it. If Mattermost lives under "
                "a sub-path (like example.org/mattermost), include it in the address.",
                detail=exc.detail,
                status=exc.status,
                reason="no_api",
                params={"server": self.base_url},
            ) from None
        except NotMattermost as exc:
            exc.params.setdefault("server", self.base_url)  # "which address?" is the first question
            raise
        if not isinstance(ping, dict) or "status" not in ping:
            raise NotMattermost(
                detail=f"ping answered without a status: {str(ping)[:200]}", params={"server": self.base_url}
            )
        config = self.client_config()
        if not isinstance(config, dict) or not (config.get("Version") or config.get("BuildNumber")):
            raise NotMattermost(
                detail="config/client answered without Version", params={"server": self.base_url}
            )
        return {"version": self.server_version or config.get("Version"), "site_name": config.get("SiteName")}

    def login(self, login_id: str, password: str, mfa_token: str | None = None) -> dict:
        """Password sign-in. The session belongs to us, so logout() may end it later."""
        body = {"login_id": login_id, "password": password}
        if mfa_token:
            body["token"] = mfa_token
        response = self._request("POST", "/users/login", json=body, authorized=False, check=False)
        if response.status_code >= 400:
            raise self._login_error(response, bool(mfa_token))
        token = response.headers.get("Token")
        if not token:
            raise NotMattermost(detail="login answered without a Token header")
        self.set_token(token)
        self.owns_session = True
        user = shapes.record(self._json(response), "the signed-in user")
        self._my_user_id = user["id"]
        return user

    def logout(self, deadline: float | None = None) -> bool:
        """End the session only if login() made it: a pasted token is the user's browser session.
        deadline: seconds the request may take (at close, a dead server must not hold the program long)."""
        if not self.owns_session or not self.token:
            return False
        try:
            self._request("POST", "/users/logout", retries=1, deadline=deadline)
        except MattermostError as exc:
            log.warning("logout failed: %s", exc.detail or exc.message)
            return False
        finally:
            self.owns_session = False
            self.set_token(None)
        return True

    # ---- sign-in through the browser (the desktop-token flow: mattermost/desktop_login.py) ----

    def login_with_desktop_token(self, server_token: str) -> dict:
        """Exchange the server token of /login/desktop for a new session. It is ours: logout() may end it."""
        remember_secret(server_token)
        response = self._request(
            "POST", "/users/login/desktop_token", json={"token": server_token}, authorized=False, check=False
        )
        if response.status_code >= 400:
            raise _desktop_token_error(response)
        token = response.headers.get("Token")
        if not token:
            raise NotMattermost(detail="login/desktop_token answered without a Token header")
        self.set_token(token)
        self.owns_session = True
        user = self._json(response)
        self._my_user_id = user.get("id") if isinstance(user, dict) else None
        return user

    # ---- who and where ----

    def me(self) -> dict:
        user = shapes.record(self._get_json("/users/me"), "the signed-in user")
        self._my_user_id = user["id"]
        return user

    def my_user_id(self) -> str:
        return self._my_user_id or self.me()["id"]

    def my_teams(self) -> list[dict]:
        return shapes.records(self._get_json("/users/me/teams"), "the list of teams")

    def my_channels(
        self, include_archived: bool = False, on_found: Callable[[int], None] | None = None
    ) -> list[dict]:
        """Every channel of every team plus DMs and GMs, each once.

        Both listings are asked and merged: the per-team one works on every server version but misses
        DMs of someone in no team, and lists DMs once per team; `/users/{id}/channels` (6.1+) covers all
        of it in one call but is missing on old servers and sends broken JSON when the list is empty.
        """
        params = {"include_deleted": "true"} if include_archived else None
        user_id = self.my_user_id()
        merged: dict[str, dict] = {}
        for team in self.my_teams():
            try:
                channels = self._get_json(f"/users/{user_id}/teams/{team['id']}/channels", params=params)
            except NotFound:  # the server's way of saying "no channels here"
                channels = []
            for channel in shapes.records(channels, "the list of channels"):
                merged.setdefault(channel["id"], channel)
            if on_found is not None:  # a workspace with many teams takes a while: say how far it got
                on_found(len(merged))
        try:
            everything = shapes.records(
                self._get_json(f"/users/{user_id}/channels", params=params), "the list of channels"
            )
        except (SignInExpired, Cancelled, NotReachable, TlsError):
            raise
        except MattermostError as exc:  # older server, or its broken JSON for an empty list
            log.info("users/{id}/channels unavailable: %s", exc.detail or exc.message)
            everything = []
        for channel in everything:
            if include_archived or not channel.get("delete_at"):
                merged.setdefault(channel["id"], channel)
        return list(merged.values())

    def my_channel_members(self) -> dict[str, dict]:
        members: dict[str, dict] = {}
        for team in self.my_teams():
            try:
                team_members = self._get_json(f"/users/me/teams/{team['id']}/channels/members")
            except NotFound:
                continue
            for member in shapes.records(team_members, "the channel memberships", key="channel_id"):
                members.setdefault(member["channel_id"], member)
        return members

    def channel(self, channel_id: str) -> dict:
        return shapes.record(self._get_json(f"/channels/{channel_id}"), "a channel")

    # ---- every channel of a team (what a coordinator lists; see mattermost/every_channel.py) ----

    def member_count(self, channel_id: str) -> int:
        """How many people belong to a channel (the stats without the costly file count)."""
        stats = self._get_json(f"/channels/{channel_id}/stats", params={"exclude_files_count": "true"})
        return int(stats.get("member_count") or 0)

    def team(self, team_id: str) -> dict:
        return self._get_json(f"/teams/{team_id}")

    def all_teams(self) -> list[dict]:
        """GET /teams: every team for a system administrator, otherwise only the teams open to all."""
        return self._get_pages("/teams")

    def team_channels(self, team_id: str, listing: str = "") -> list[dict]:
        """One of the team listings, all pages: "" public, "private" (system administrators only, 403
        otherwise), "deleted" (archived public ones, and archived private ones the caller belongs to)."""
        path = f"/teams/{team_id}/channels" + (f"/{listing}" if listing else "")
        return self._get_pages(path)

    def all_channels(self, include_deleted: bool = True) -> list[dict]:
        """GET /channels: public and private channels of every team, with the team's name added
        (system administrators only). The one listing with other people's archived private channels."""
        params = {"include_deleted": "true"} if include_deleted else {}
        return self._get_pages("/channels", params)

    def my_memberships_in_team(self, team_id: str) -> list[dict]:
        try:
            return self._get_json(f"/users/me/teams/{team_id}/channels/members")
        except NotFound:
            return []

    def _get_pages(self, path: str, params: dict | None = None, per_page: int = 200) -> list[dict]:
        found: list[dict] = []
        page = 0
        while True:
            batch = self._get_json(path, params={**(params or {}), "page": page, "per_page": per_page})
            if not isinstance(batch, list):
                raise NotMattermost(detail=f"GET {path} answered without a list: {str(batch)[:120]}")
            found.extend(batch)
            if len(batch) < per_page:
                return found
            page += 1

    def channel_stats(self, channel_id: str) -> dict:
        """member_count, pinnedpost_count and files_count (attachments in the channel) of one channel."""
        stats = self._get_json(f"/channels/{channel_id}/stats", params={"exclude_files_count": "false"})
        return shapes.record(stats, "a channel's statistics", key=None)

    def team_by_name(self, name: str) -> dict:
        return shapes.record(self._get_json(f"/teams/name/{name}"), "a team")

    def channel_by_name(self, team_id: str, name: str) -> dict:
        channel = self._get_json(f"/teams/{team_id}/channels/name/{name}", params={"include_deleted": "true"})
        return shapes.record(channel, "a channel")

    # ---- users and emoji ----

    def users_by_ids(self, ids: Iterable[str]) -> list[dict]:
        """Users for these ids (deactivated ones included); unknown ids are left out by the server."""
        return self._post_batches("/users/ids", ids)

    def users_by_usernames(self, names: Iterable[str]) -> list[dict]:
        return self._post_batches("/users/usernames", names)

    def group_channel_members(self, channel_ids: Iterable[str]) -> dict[str, list[dict]]:
        result: dict[str, list[dict]] = {}
        for batch in _batches(channel_ids):
            answer = self._json(self._request("POST", "/users/group_channels", json=batch))
            result.update(shapes.records_by_key(answer, "the members of group messages"))
        return result

    def custom_emoji(self) -> list[dict]:
        emoji: list[dict] = []
        page = 0
        while True:
            try:
                batch = self._get_json("/emoji", params={"page": page, "per_page": 200, "sort": "name"})
            except MattermostError as exc:
                if exc.status == 501:  # custom emoji switched off on this server
                    return []
                raise
            batch = shapes.records(batch, "the list of custom emoji")
            emoji.extend(batch)
            if len(batch) < 200:
                return emoji
            page += 1

    def user_avatar(self, user_id: str) -> bytes:
        return self._request("GET", f"/users/{user_id}/image", accept="image/*", limit=MAX_IMAGE_BYTES).content

    def emoji_image(self, emoji_id: str) -> bytes:
        return self._request("GET", f"/emoji/{emoji_id}/image", accept="image/*", limit=MAX_IMAGE_BYTES).content

    # ---- posts and files ----

    def posts_page(
        self,
        channel_id: str,
        *,
        page: int = 0,
        per_page: int = 200,
        before: str | None = None,
        after: str | None = None,
        since: int | None = None,
        skip_threads: bool = True,
    ) -> dict:
        params: dict[str, Any] = {"page": page, "per_page": per_page}
        if before:
            params["before"] = before
        if after:
            params["after"] = after
        if since is not None:
            params["since"] = since
        if skip_threads:
            params["skipFetchThreads"] = "true"
        return shapes.post_list(self._get_json(f"/channels/{channel_id}/posts", params=params))

    def post_thread(self, post_id: str) -> dict:
        return shapes.post_list(self._get_json(f"/posts/{post_id}/thread"))

    def file_info(self, file_id: str) -> dict:
        return shapes.record(self._get_json(f"/files/{file_id}/info"), "a file's details")

    def download_file(
        self,
        file_id: str,
        out: BinaryIO,
        chunk_size: int = 1 << 16,
        on_bytes: Callable[[int], None] | None = None,
        expected_size: int | None = None,
    ) -> int:
        """Stream a file into `out`; returns the bytes written (after undoing gzip transfer encoding).

        The bytes are checked against Content-Length (urllib3 raises on a short body) and against
        `expected_size`, the file info's size: a close-delimited body cut short has no other tell. A short
        or overlong body and a connection dropped mid-file are fetched again from the start when `out` can
        be rewound; the network's errors never reach the caller as OSError, which means the disk here.
        A redirect to another origin is refused (OtherOrigin): that body is not the server's file.
        """
        start = out.tell() if out.seekable() else None
        attempt = size_attempt = 0
        path = f"/files/{file_id}"
        while True:
            response, watch = self._open(path, expected_size)
            written = 0
            try:
                limit = expected_size if expected_size is not None and expected_size >= 0 else None
                for chunk in transport.body_chunks(response.raw, _encoding(response), limit):
                    self._check_cancel()
                    out.write(chunk)  # an OSError here is the disk's, and is meant to stop the run
                    written += len(chunk)
                    if on_bytes is not None:
                        on_bytes(len(chunk))
                if limit is None or written == limit:
                    return written
                problem: MattermostError = IncompleteFile(
                    detail=f"file {file_id}: {written} bytes arrived, its info says {expected_size}",
                    size=written,
                    expected=expected_size,
                )
            except transport.BodyTooLarge as exc:
                problem = IncompleteFile(
                    detail=f"file {file_id}: more than {expected_size} bytes arrived",
                    size=exc.size,
                    expected=expected_size,
                )
            except transport.BodyBroken as exc:
                problem = self._body_error(exc, watch, "GET", path, "downloading a file")
                size_attempt -= 1  # the network's fault, counted against the network's budget
                attempt += 1
            finally:
                self._watchdog.stop(watch)
                response.close()
            size_attempt += 1
            if start is None or attempt > self.max_retries or size_attempt > SIZE_RETRIES:
                raise problem
            out.seek(start)
            out.truncate()
            if on_bytes is not None and written:
                on_bytes(-written)
            log.info("%s, fetching it again", problem.detail)
            self._sleep(self._backoff(max(attempt, size_attempt)), "connection dropped")

    def _open(self, path: str, expected_size: int | None) -> tuple[requests.Response, transport.Watch]:
        """The response of a download with its body still unread, under a deadline that fits its size."""
        response = self._request("GET", path, stream=True, accept="*/*", same_origin=True)
        watch = self._watch(f"GET {path}", self.deadline)
        watch.connection = getattr(response.raw, "connection", None)  # the socket to cut at the deadline
        size = _content_length(response) or expected_size or 0
        self._watchdog.extend(watch, self.deadline + size / DOWNLOAD_MIN_RATE)
        return response, watch

    # ---- the request loop ----

    def _get_json(
        self,
        path: str,
        *,
        params: dict | None = None,
        retries: int | None = None,
        deadline: float | None = None,
    ) -> Any:
        return self._json(self._request("GET", path, params=params, retries=retries, deadline=deadline))

    def _post_batches(self, path: str, values: Iterable[str]) -> list[dict]:
        found: list[dict] = []
        for batch in _batches(values):
            answer = self._json(self._request("POST", path, json=batch))
            found.extend(shapes.records(answer, "a list of users"))
        return found

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict | None = None,
        json: Any = None,
        stream: bool = False,
        authorized: bool = True,
        check: bool = True,
        retries: int | None = None,
        accept: str | None = None,
        limit: int = MAX_JSON_BYTES,
        deadline: float | None = None,
        same_origin: bool = False,
    ) -> Any:
        """Send one API request with pacing, retries and a deadline; raise a MattermostError or return
        an Answer (its body read, at most `limit` bytes) or, with stream=True, the requests.Response whose
        body the caller reads (download_file). same_origin: a redirect elsewhere is refused, not followed."""
        retriable = method == "GET" or path in _READ_ONLY_POSTS
        budget = self.max_retries if retries is None else retries
        attempt = refusals = 0
        while True:
            self._check_cancel()
            ticket = self.pacer.acquire(self._cancel_signal(), self._announce_wait)
            watch = self._watch(f"{method} {path}", deadline or self.deadline)
            try:
                response = self._send(method, path, params, json, authorized, accept, same_origin)
            except requests.RequestException as exc:
                self._watchdog.stop(watch)
                self.pacer.release()
                error = self._connection_error(exc, watch)
                if not retriable or attempt >= budget or not _worth_retrying(error, exc):
                    raise error from None
                attempt += 1
                log.info("%s %s failed (%s), retry %d", method, path, error.detail, attempt)
                self._sleep(self._backoff(attempt), "connection problem")
                continue
            except BaseException:
                self._watchdog.stop(watch)
                self.pacer.release()
                raise
            self.pacer.observe(response.headers, ticket)
            self._learn_version(response)
            self._learn_clock(response)
            status = response.status_code
            if status == 429:
                self._watchdog.stop(watch)
                # The limiter answers before the handler runs, so even a POST was not processed. However
                # often it refuses, we wait: only minutes without any accepted request end the wait.
                wait = _retry_after(response, default=self._backoff(min(refusals + 1, 6)))
                self.pacer.penalize(wait)
                response.close()
                refused = self._note_refusal()
                if refused >= self.rate_patience:
                    raise RateLimited(
                        detail=f"{method} {path}: every request refused (429) for {refused:.0f} s",
                        status=429,
                        params={"seconds": round(refused)},
                    )
                refusals += 1
                log.info("%s %s: 429, waiting %.1f s (refused for %.0f s)", method, path, wait, refused)
                self._sleep(wait, "rate limit")
                continue
            self._refused_since = None  # accepted: whoever waits goes on waiting patiently
            if status >= 500 and status != 501 and retriable and attempt < budget:
                self._watchdog.stop(watch)
                response.close()
                attempt += 1
                log.info("%s %s: HTTP %d, retry %d", method, path, status, attempt)
                self._sleep(self._backoff(attempt), "server error")
                continue
            if stream and status < 400:
                self._watchdog.stop(watch)  # download_file watches the body with a deadline of its own
                return response
            try:
                answer = self._read(response, method, path, limit if status < 400 else MAX_ERROR_BYTES, watch)
            except NotReachable as error:
                if not retriable or attempt >= budget or isinstance(error, TooSlow):
                    raise
                attempt += 1
                log.info("%s %s: body broke off (%s), retry %d", method, path, error.detail, attempt)
                self._sleep(self._backoff(attempt), "connection problem")
                continue
            if check and status >= 400:
                raise _http_error(answer, method, path)
            return answer

    def _send(
        self,
        method: str,
        path: str,
        params: dict | None,
        json: Any,
        authorized: bool,
        accept: str | None,
        same_origin: bool,
    ) -> requests.Response:
        """One request and the redirects after it, followed by hand: never from https to http, the token
        only to our own origin (or its https upgrade), a loop named as one."""
        url = self.api_url + path
        seen = {url}
        origin = _origin(url)
        for _hop in range(MAX_REDIRECTS + 1):
            send_token = authorized and _origin(url) in (origin, _upgraded(origin))
            response = self._session.request(
                method,
                url,
                params=params,
                json=json,
                headers=self._headers(send_token, accept),
                timeout=(min(self.timeout, 15.0), self.timeout),
                stream=True,  # bodies are read by _read/download_file, within caps and deadlines
                allow_redirects=False,
                # explicit: requests would let REQUESTS_CA_BUNDLE override the session's setting
                verify=self.verify,
            )
            location = response.headers.get("Location")
            if response.status_code not in _REDIRECTS or not location:
                return response
            response.close()
            target = urljoin(response.url, location)
            _check_redirect(response.url, target, origin, seen, method, response.status_code, same_origin)
            seen.add(target)
            url, params = target, None  # the Location carries its own query
        raise RedirectLoop(detail=f"{method} {path}: more than {MAX_REDIRECTS} redirects, last to {url}")

    def _read(
        self, response: requests.Response, method: str, path: str, limit: int, watch: transport.Watch
    ) -> Answer:
        """The body, decoded once, at most `limit` bytes, within the request's deadline."""
        try:
            announced = _content_length(response)
            if announced is not None and announced > limit and _encoding(response) in ("", "identity"):
                raise transport.BodyTooLarge(announced)
            content = transport.read_body(response.raw, _encoding(response), limit)
        except transport.BodyTooLarge as exc:
            raise TooLarge(detail=f"{method} {path}: {exc.size} bytes or more, the cap is {limit}") from None
        except transport.UnknownEncoding as exc:
            raise NotMattermost(
                detail=f"{method} {path}: Content-Encoding {exc} that was not asked for"
            ) from None
        except transport.BodyBroken as exc:
            raise self._body_error(exc, watch, method, path, "reading an answer") from None
        finally:
            self._watchdog.stop(watch)
            response.close()
        return Answer(response.status_code, response.headers, content, response.url or "", method)

    def _body_error(
        self, exc: transport.BodyBroken, watch: transport.Watch, method: str, path: str, doing: str
    ) -> NotReachable:
        if watch.expired:
            return _too_slow(watch, method, path)
        return NotReachable(
            f"The connection broke while {doing}. Please check your network connection.",
            detail=f"{method} {path}: {exc.cause!r}",
        )

    def _connection_error(self, exc: requests.RequestException, watch: transport.Watch) -> MattermostError:
        if watch.expired:
            return _too_slow(watch, *watch.what.split(" ", 1))
        return _connection_error(exc, self.base_url, self._session.proxies)

    def _watch(self, what: str, seconds: float) -> transport.Watch:
        return self._watchdog.start(what, seconds, self._report_slow, self.slow_notice)

    def _report_slow(self, watch: transport.Watch) -> None:
        log.info("still waiting for %s after %.0f s", watch.what, watch.seconds())
        if self.on_slow is not None:
            self.on_slow(watch.what, watch.seconds())

    def _headers(self, authorized: bool, accept: str | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        token = self.token
        if authorized and token:
            headers["Authorization"] = f"Bearer {token}"
        if accept:
            headers["Accept"] = accept
        return headers

    def _learn_version(self, response: requests.Response) -> None:
        if self.server_version:
            return
        version_id = response.headers.get("X-Version-Id", "")
        parts = version_id.split(".")
        if len(parts) >= 3 and all(p.isdigit() for p in parts[:3]):
            self.server_version = ".".join(parts[:3])

    def _learn_clock(self, response: requests.Response) -> None:
        date = response.headers.get("Date")
        if not date:
            return
        try:
            server_ms = int(email.utils.parsedate_to_datetime(date).timestamp() * 1000)
        except (TypeError, ValueError, IndexError, OverflowError):
            return
        bound = server_ms - int(time.time() * 1000)
        if self._clock_skew_ms is None or bound > self._clock_skew_ms:
            self._clock_skew_ms = bound

    def _note_refusal(self) -> float:
        """A 429: seconds since the first refusal after the last accepted answer (of any thread)."""
        if self._refused_since is None:
            self._refused_since = time.monotonic()
        return self.refused_for()

    def _cancel_signal(self) -> threading.Event | None:
        if not self._run_stops:
            return self.cancel
        return _AnyOf([e for e in (self.cancel, *self._run_stops) if e is not None])

    def _announce_wait(self, seconds: float, reason: str) -> None:
        for listener in [*([self.on_wait] if self.on_wait else []), *self._wait_listeners]:
            listener(seconds, reason)

    def _backoff(self, attempt: int) -> float:
        """Capped exponential backoff with jitter, so that many threads do not retry in lockstep."""
        ceiling = min(BACKOFF_CAP, self.backoff_base * (2 ** (attempt - 1)))
        return ceiling * random.uniform(0.5, 1.0)

    def _sleep(self, seconds: float, reason: str) -> None:
        if seconds <= 0:
            return
        self._announce_wait(seconds, reason)
        cancel = self._cancel_signal()
        deadline = time.monotonic() + seconds
        while True:
            self._check_cancel()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if cancel is not None:
                cancel.wait(min(left, 0.2))
            else:
                time.sleep(min(left, 0.2))

    def _check_cancel(self) -> None:
        cancel = self._cancel_signal()
        if cancel is not None and cancel.is_set():
            raise Cancelled()

    def _json(self, response: Answer) -> Any:
        try:
            return orjson.loads(response.content)  # a page of 200 posts: the client's biggest CPU cost
        except ValueError:
            kind = response.headers.get("Content-Type", "unknown")
            text = response.content[:400].decode("utf-8", "replace")
            html = "html" in kind.lower() or text.lstrip()[:1] == "<"
            message = (
                "The address answers with a web page instead of Mattermost. It may be the sign-in page "
                "of a proxy or VPN, or Mattermost lives under a different address."
                if html
                else None
            )
            raise NotMattermost(
                message,
                detail=f"{response.method} {_path_of(response)} -> {response.status_code}, "
                f"{kind}, not JSON: {text[:120]!r}",
                status=response.status_code,
                reason="web_page" if html else "not_json",
                params={"server": self.base_url},
            ) from None

    def _login_error(self, response: Answer, mfa_given: bool) -> MattermostError:
        error_id, server_message = _server_error(response)
        detail = f"POST /users/login -> {response.status_code} {error_id}: {server_message}"
        if error_id in _MFA_ERROR_IDS:
            message = (
                "The code from your authenticator app is wrong or has expired. Please try a new code."
                if mfa_given
                else None
            )
            return MfaRequired(
                message,
                detail=detail,
                status=response.status_code,
                server_error_id=error_id,
                reason="wrong_code" if mfa_given else "",
            )
        if error_id == "api.user.login.use_auth_service.app_error" or "auth_service" in error_id:
            return LoginFailed(
                "This account signs in through another service (for example GitLab), so it has no password "
                "here. Use the sign-in through your browser instead.",
                detail=detail,
                status=response.status_code,
                server_error_id=error_id,
                reason="auth_service",
            )
        if error_id == "api.user.login.inactive.app_error":
            return LoginFailed(
                "This account has been deactivated.",
                detail=detail,
                status=response.status_code,
                reason="deactivated",
            )
        if response.status_code in (400, 401, 403):
            return LoginFailed(detail=detail, status=response.status_code, server_error_id=error_id or None)
        return _http_error(response, "POST", "/users/login")


class _AnyOf(threading.Event):
    """Set when any of the events is: the owner's cancel or a run's stop (Client.stopped_by).

    Only is_set and wait are used (by the pacer and the client's own waits); nobody sets it."""

    def __init__(self, events: list[threading.Event]):
        super().__init__()
        self.events = events

    def is_set(self) -> bool:
        return any(e.is_set() for e in self.events)

    def wait(self, timeout: float | None = None) -> bool:
        deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        while not self.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.events[0].wait(min(left, 0.05))  # the others are looked at every 50 ms
        return True


def _desktop_token_error(response: Answer) -> MattermostError:
    """404/405: a server without the flow (before 9.x); 400/401: the token expired or was used already."""
    error_id, server_message = _server_error(response)
    detail = f"POST /users/login/desktop_token -> {response.status_code} {error_id}: {server_message}"
    if response.status_code in (404, 405):
        return errors.BrowserSigninTooOld(detail=detail, status=response.status_code)
    if response.status_code in (400, 401):
        return errors.BrowserSigninExpired(
            detail=detail, status=response.status_code, server_error_id=error_id
        )
    return _http_error(response, "POST", "/users/login/desktop_token")


def _batches(values: Iterable[str], size: int = BATCH_SIZE) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(v for v in values if v))
    for i in range(0, len(unique), size):
        yield unique[i : i + size]


def _path_of(response: Answer) -> str:
    marker = response.url.find(API_PREFIX)
    return response.url[marker + len(API_PREFIX) :].split("?")[0] if marker >= 0 else response.url


def _retry_after(response: requests.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        seconds = float(value)
    except ValueError:
        seconds = default
    if seconds != seconds:  # NaN
        seconds = default
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def _encoding(response: requests.Response) -> str:
    return response.headers.get("Content-Encoding", "")


def _content_length(response: requests.Response) -> int | None:
    try:
        value = int(response.headers.get("Content-Length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None


def _server_error(response: Answer) -> tuple[str, str]:
    """The error id and message of an error body (already capped at MAX_ERROR_BYTES by _read)."""
    try:
        body = orjson.loads(response.content)
    except ValueError:
        return "", response.text[:200].strip()
    if isinstance(body, dict):
        return str(body.get("id") or "")[:200], str(body.get("message") or "")[:500]
    return "", ""


def _http_error(response: Answer, method: str, path: str) -> MattermostError:
    status = response.status_code
    error_id, server_message = _server_error(response)
    detail = f"{method} {path} -> {status} {error_id}: {server_message}".strip()
    server = response.url.split(API_PREFIX, 1)[0] if response.url else ""

    def error(kind: type[MattermostError], message: str | None = None, reason: str = "") -> MattermostError:
        return kind(
            message,
            detail=detail,
            status=status,
            server_error_id=error_id or None,
            reason=reason,
            params={"server": server, "status": status},
        )

    if status == 401:
        return error(SignInExpired)
    if status == 403:
        return error(Forbidden)
    if status == 404:
        if not error_id and "json" not in response.headers.get("Content-Type", ""):
            return error(
                NotFound, "The server does not know this address. It may not be a Mattermost server."
            )
        return error(NotFound)
    if status == 429:
        return error(RateLimited)
    if status >= 500:
        if status == 501:
            return error(MattermostError, "This feature is switched off on the server.", "switched_off")
        return error(ServerError)
    if 300 <= status < 400:
        return error(NotMattermost, "The server sent us on to another address without saying where.")
    return error(
        MattermostError, f"The server refused the request ({status}): {server_message or 'no reason given'}"
    )


# ---- redirects ----


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def _upgraded(origin: tuple[str, str, int | None]) -> tuple[str, str, int | None]:
    """The same host over https: a redirect there is an upgrade, safe for the token."""
    scheme, host, port = origin
    return ("https", host, 443 if port in (80, None) else port) if scheme == "http" else origin


def _check_redirect(
    current: str,
    target: str,
    origin: tuple[str, str, int | None],
    seen: set[str],
    method: str,
    status: int,
    same_origin: bool,
) -> None:
    """Raise unless following current -> target is safe and useful."""
    if target in seen:
        raise RedirectLoop(detail=f"{method} {current} -> {status} to {target}, seen before")
    if urlsplit(current).scheme == "https" and urlsplit(target).scheme != "https":
        raise InsecureRedirect(detail=f"{method} {current} -> {status} to {target}")
    if _origin(target) not in (origin, _upgraded(origin)):
        scheme, host, port = _origin(target)
        where = f"{scheme}://{host}" + (f":{port}" if port not in (80, 443, None) else "")
        if same_origin:
            raise OtherOrigin(where, detail=f"{method} {current} -> {status} to {target}")
        raise OtherOrigin.for_api(where, detail=f"{method} {current} -> {status} to {target}")
    if method != "GET" and status not in (307, 308):
        raise NotMattermost(detail=f"{method} {current} -> {status}: a redirect that would drop the body")


def _too_slow(watch: transport.Watch, method: str, path: str) -> TooSlow:
    return TooSlow(
        f"The server is answering far too slowly: no complete answer after {watch.seconds():.0f} seconds. "
        "It may be overloaded, or something between (a proxy) holds the connection open.",
        detail=f"{method} {path}: deadline of {watch.deadline - watch.started:.0f} s passed",
    )


def _worth_retrying(error: MattermostError, exc: BaseException) -> bool:
    """Connection trouble is retried; a certificate, a name that does not exist, a deadline, a redirect
    the client refused and a plain-HTTP request to an HTTPS port are answers, not accidents."""
    return not (
        isinstance(error, (TlsError, TooSlow, RedirectLoop, InsecureRedirect, OtherOrigin, NotMattermost))
        or _is_dns(exc)
    )


# ---- connection errors, named so that people know where to look ----


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps (requests -> urllib3 -> ssl/socket)."""
    seen: set[int] = set()
    stack = [exc]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        stack.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        stack.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
        reason = getattr(current, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)


def _is_dns(exc: BaseException) -> bool:
    import socket

    from urllib3.exceptions import NameResolutionError

    return any(isinstance(e, (NameResolutionError, socket.gaierror)) for e in _chain(exc))


def _connection_error(exc: BaseException, base_url: str, proxies: Any = None) -> MattermostError:
    if isinstance(exc, MattermostError):  # raised by our own redirect checks inside the request
        return exc
    host = base_url.split("://", 1)[1].split("/", 1)[0]
    parts = urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    facts = {"host": host, "name": parts.hostname or host, "port": port, "server": base_url}
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(e, ssl.SSLError) for e in _chain(exc)):
        reason, message = _tls_reason(exc, host)
        kind = errors.HttpsNotSpoken if reason == "plain_http" else TlsError
        return kind(message, detail=detail, reason=reason, params=facts)
    if _is_dns(exc):
        return errors.HostNotFound(
            f"The server name “{facts['name']}” could not be found (DNS). Check the address for typos, "
            "and whether you need to be connected to your organisation's network or VPN.",
            detail=detail,
            params=facts,
        )
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return NotReachable(
            f"{host} did not answer in time. It may be down, or only reachable from your organisation's "
            "network or VPN.",
            detail=detail,
            reason="connect_timeout",
            params=facts,
        )
    if isinstance(exc, requests.exceptions.Timeout):
        return NotReachable(
            "The server stopped answering (timed out).", detail=detail, reason="read_timeout", params=facts
        )
    if any(isinstance(e, ConnectionRefusedError) for e in _chain(exc)):
        return errors.ConnectionRefused(
            f"{host} refused the connection: nothing is answering at this address and port. "
            "Check the address, or the server may be down.",
            detail=detail,
            params=facts,
        )
    if base_url.startswith("http://") and not proxies and _https_port(exc, base_url):
        return NotMattermost(
            f"{host} speaks HTTPS (encrypted) on this port, not plain HTTP. Type the address with "
            "https:// at the start.",
            detail=detail,
            reason="https_port",
            params=facts,
        )
    return NotReachable(
        "The connection to the server was dropped. Please check your network connection.",
        detail=detail,
        reason="dropped",
        params=facts,
    )


def _https_port(exc: BaseException, base_url: str) -> bool:
    """Plain HTTP sent to a TLS port: the answer is a TLS alert (0x15 0x03) or the server hangs up."""
    if any(isinstance(e, http.client.BadStatusLine) and "\\x15\\x03" in repr(e) for e in _chain(exc)):
        return True
    dropped = any(
        isinstance(e, (http.client.RemoteDisconnected, ConnectionResetError, http.client.BadStatusLine))
        for e in _chain(exc)
    )
    parts = urlsplit(base_url)
    return dropped and bool(parts.hostname) and transport.speaks_tls(parts.hostname or "", parts.port or 80)


def _tls_reason(exc: BaseException, host: str) -> tuple[str, str]:
    """A short code for what is wrong with the secure connection, and the English sentence for it."""
    verify_error = next((e for e in _chain(exc) if isinstance(e, ssl.SSLCertVerificationError)), None)
    code = getattr(verify_error, "verify_code", None)
    text = " ".join(str(e) for e in _chain(exc)).lower()
    prefix = f"The security certificate of {host} cannot be trusted: "
    if code in (18, 19) or "self-signed" in text or "self signed" in text:
        return "self_signed", prefix + (
            "it is self-signed. If your organisation uses its own certificates, ask IT to install its "
            "root certificate on this computer."
        )
    if code == 10 or "expired" in text:
        return "expired", prefix + "it has expired. The server's administrators need to renew it."
    if code == 9 or "not yet valid" in text:
        return (
            "not_yet_valid",
            prefix + "it is not valid yet. Check that this computer's date and time are right.",
        )
    if code == 62 or "hostname" in text or "not valid for" in text or "doesn't match" in text:
        return "wrong_name", prefix + f"it was issued for a different server name than {host.split(':')[0]}."
    if code in (2, 20, 21) or "issuer" in text or "unknown ca" in text or "untrusted" in text:
        return "unknown_issuer", prefix + (
            "it was issued by an unknown certificate authority. If your organisation uses its own, ask IT "
            "to install its root certificate on this computer."
        )
    if "wrong version number" in text or "record layer" in text or "http request" in text:
        # The address was tried with https:// (typed without a scheme, https is assumed) and the server
        # answered in plain HTTP: the TLS handshake reads an HTTP reply as a broken record.
        return "plain_http", (
            f"{host} does not speak HTTPS on this port. If the address starts with http://, type it that way."
        )
    return "", prefix + "the secure connection could not be set up."


__all__ = ["Client", "errors"]
