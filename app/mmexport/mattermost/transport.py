"""What stands between the client and a hostile or broken server: deadlines, size caps, our own decoding.

requests alone trusts the server in three ways that hurt (found by trying hostile servers, issue 12):

- Its timeout is per socket operation. A server that sends one byte every 5 s never trips a 30 s read
  timeout and keeps a request open for as long as it likes. Here every request has an overall deadline:
  a watchdog thread shuts the socket of a request whose deadline passed, which wakes the blocked read.
  The connection classes below tell the watchdog which socket a request is using (urllib3 has no hook
  for that), and the watchdog also reports a request that is still waiting after SLOW_NOTICE seconds,
  so that people see what the program is waiting for.
- `response.content` buffers the whole body (a `Content-Length: 3 GB` JSON list took 3.2 GB), and
  urllib3 decompresses whatever arrives (a 2 MB gzip bomb took 7 GB). Bodies are read here in pieces,
  decoded with zlib's `max_length`, and given up on past a cap: nothing is ever decoded twice.
- Redirects are followed silently, also from https to http. The client follows them itself
  (see client.py) and the session never does.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import truststore
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

SLOW_NOTICE = 10.0  # seconds without a complete answer before people are told what is being waited for
READ_SIZE = 1 << 16
ENCODINGS = "gzip, deflate"  # what we can decode ourselves; never br/zstd, whose bombs we cannot bound


class BodyTooLarge(Exception):
    """The decoded body grew past its cap; `size` is how far it got."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class BodyBroken(Exception):
    """Reading the body failed on the network side (never the disk): `cause` is the original error."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(repr(cause))
        self.cause = cause


class UnknownEncoding(Exception):
    """A Content-Encoding we did not ask for and cannot decode within bounds."""


# ---- deadlines ----


@dataclass(eq=False)
class Watch:
    """One request under the watchdog: its deadline, the connection it uses, and whether it ran out."""

    what: str
    deadline: float
    on_slow: Callable[[Watch], None] | None = None
    notice_after: float = SLOW_NOTICE
    started: float = field(default_factory=time.monotonic)
    connection: Any = None
    expired: bool = False
    noticed: bool = False

    def seconds(self) -> float:
        return time.monotonic() - self.started

    def cut(self) -> None:
        """Shut the socket down: a read blocked in another thread returns at once with an error."""
        self.expired = True
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS


_current = threading.local()


def _note_connection(connection: Any) -> None:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        watch.connection = connection
        if watch.expired:
            watch.cut()


class Watchdog:
    """A single thread (one for the whole program: see WATCHDOG) that cuts requests past their deadline
    and reports slow ones. It holds no client: a client that is dropped is not kept alive by it."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Watch, str]] = []
        self._order = itertools.count()
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(
        self,
        what: str,
        seconds: float,
        on_slow: Callable[[Watch], None] | None = None,
        notice_after: float = SLOW_NOTICE,
    ) -> Watch:
        """Watch the calling thread's next request; call stop() when its answer has been read."""
        watch = Watch(what, time.monotonic() + seconds, on_slow, notice_after)
        _current.watch = watch
        with self._lock:
            self._schedule(watch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="mmexport-watchdog", daemon=True)
                self._thread.start()
            self._lock.notify()
        return watch

    def extend(self, watch: Watch, seconds_from_start: float) -> None:
        """A download whose size is now known gets the time that size needs."""
        with self._lock:
            watch.deadline = max(watch.deadline, watch.started + seconds_from_start)
            self._schedule(watch)
            self._lock.notify()

    def stop(self, watch: Watch) -> None:
        if getattr(_current, "watch", None) is watch:
            _current.watch = None
        watch.deadline = float("inf")  # entries still in the heap are skipped when they come up

    def _schedule(self, watch: Watch) -> None:
        heapq.heappush(self._heap, (watch.deadline, next(self._order), watch, "cut"))
        if not watch.noticed and watch.on_slow is not None:
            heapq.heappush(self._heap, (watch.started + watch.notice_after, next(self._order), watch, "notice"))

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._heap:
                    self._lock.wait()
                    continue
                when, _, watch, action = self._heap[0]
                left = when - time.monotonic()
                if left > 0:
                    self._lock.wait(left)
                    continue
                heapq.heappop(self._heap)
            if watch.deadline == float("inf") or watch.expired:
                continue  # finished, or already cut
            if action == "cut" and when >= watch.deadline:
                watch.cut()
            elif action == "notice" and not watch.noticed and watch.on_slow is not None:
                watch.noticed = True
                with contextlib.suppress(Exception):  # a front end's bug must not stop the watchdog
                    watch.on_slow(watch)


WATCHDOG = Watchdog()


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def connect(self) -> None:
        _note_connection(self)
        super().connect()

    def request(self, *args: Any, **kwargs: Any) -> None:
        _note_connection(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def connect(self) -> None:
        _note_connection(self)
        super().connect()

    def request(self, *args: Any, **kwargs: Any) -> None:
        _note_connection(self)
        super().request(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class WatchedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections the watchdog can cut, and whose TLS trusts what the operating
    system trusts when trust_os is set (see client.py for why an adapter and not truststore's injection)."""

    def __init__(self, *args: Any, trust_os: bool = True, **kwargs: Any) -> None:
        self.trust_os = trust_os
        super().__init__(*args, **kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        if self.trust_os:
            kwargs["ssl_context"] = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if not proxy.lower().startswith("socks"):  # SOCKS pools bring their own connection classes
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


# ---- bodies ----


class _Decoder:
    """Content-Encoding undone piece by piece, never producing more than it is allowed to."""

    def __init__(self, encoding: str) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._kind = "identity"
        elif encoding in ("gzip", "x-gzip"):
            self._kind = "gzip"
        elif encoding == "deflate":
            self._kind = "deflate"
        else:
            raise UnknownEncoding(encoding)
        self._z = self._new()
        self._first = True

    def _new(self) -> Any:
        if self._kind == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self._kind == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    def feed(self, data: bytes, room: int) -> Iterator[bytes]:
        """Decoded pieces of `data`; stops (leaving the rest unread) once more than `room` came out."""
        if self._z is None:
            yield data
            return
        if self._first and self._kind == "deflate" and data and (data[0] & 0x0F) != 8:
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent raw, as some servers do
        self._first = False
        pending = data
        while pending and room >= 0:
            try:
                out = self._z.decompress(pending, max(1, min(room + 1, READ_SIZE * 4)))
            except zlib.error as exc:
                raise BodyBroken(exc) from None
            pending = self._z.unconsumed_tail
            if self._z.eof:  # concatenated gzip members, as `cat a.gz b.gz` makes
                pending = self._z.unused_data
                self._z = self._new()
            room -= len(out)
            if out:
                yield out
            if not out and not pending:
                return


def body_chunks(raw: Any, encoding: str, limit: int | None) -> Iterator[bytes]:
    """The decoded body of a urllib3 response, in pieces, raising BodyTooLarge past `limit` bytes and
    BodyBroken for anything the network does (a dropped connection, a cut-off chunked body, a deadline)."""
    decoder = _Decoder(encoding)
    produced = 0
    while True:
        try:
            data = raw.read(READ_SIZE, decode_content=False)
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise BodyBroken(exc) from None
        if not data:
            return
        room = (limit - produced) if limit is not None else 1 << 62
        for piece in decoder.feed(data, room):
            produced += len(piece)
            if limit is not None and produced > limit:
                raise BodyTooLarge(produced)
            yield piece


def read_body(raw: Any, encoding: str, limit: int | None) -> bytes:
    return b"".join(body_chunks(raw, encoding, limit))


# ---- a plain http:// address that is really an HTTPS port ----


def speaks_tls(host: str, port: int, timeout: float = 3.0) -> bool:
    """Does host:port complete a TLS handshake? Asked only after plain HTTP was dropped there, to say
    "use https://" instead of a misleading "the connection was dropped". No certificate is checked and
    nothing is sent after the handshake."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=timeout) as sock,
            context.wrap_socket(sock, server_hostname=host),
        ):
            return True
    except (OSError, ValueError):
        return False
