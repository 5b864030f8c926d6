"""A neighbour on the rate budget: another program on the same address spending the server's limit.

Mattermost limits requests per remote address (RateLimitSettings.VaryByRemoteAddr), so a second client on
the same machine or behind the same NAT takes from the export's budget. This one sends `/system/ping` from a
few threads (`/system/ping?neighbour=1`) as fast as the server answers, for `seconds` or until stopped."""

from __future__ import annotations

import threading
import time

import requests

QUERY = "neighbour=1"  # tells the neighbour's requests apart in DemoServer.requests


class Neighbour:
    def __init__(self, url: str, seconds: float, threads: int = 2, per_second: float | None = None) -> None:
        self.url = url.rstrip("/") + "/api/v4/system/ping?" + QUERY
        self.seconds = seconds
        # None: as fast as the server answers; else this many requests per second from all threads together
        self.pause = 0.005 if per_second is None else threads / per_second
        self.stopping = threading.Event()
        self.sent = 0
        self.refused = 0
        self._threads = [threading.Thread(target=self._spend, daemon=True) for _ in range(threads)]
        self._lock = threading.Lock()

    def _spend(self) -> None:
        ends = time.monotonic() + self.seconds
        with requests.Session() as session:
            while not self.stopping.is_set() and time.monotonic() < ends:
                try:
                    status = session.get(self.url, timeout=5).status_code
                except requests.RequestException:
                    continue
                with self._lock:
                    self.sent += 1
                    self.refused += status == 429
                self.stopping.wait(self.pause)

    def __enter__(self) -> Neighbour:
        for thread in self._threads:
            thread.start()
        return self

    def join(self) -> None:
        for thread in self._threads:
            thread.join(timeout=self.seconds + 10)

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.join()
