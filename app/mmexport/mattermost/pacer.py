"""Pace requests so that a run against a rate-limited server never gets a 429.

Mattermost's limiter (GCRA, see docs/server-behaviour.md) announces on every response how many
requests may still be sent at once (`X-RateLimit-Remaining`) and how many seconds until the bucket is full
again (`X-RateLimit-Reset`, relative). One Pacer is shared by every thread of a run. It keeps a small
reserve of the announced budget, counts requests that were sent but not yet answered as already spent
(the server may have counted them), and once the reserve is reached spaces requests at the refill rate
the server's numbers imply. With no rate-limit headers it never waits.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping

from mmexport.mattermost.errors import Cancelled

_WAKE_INTERVAL = 0.2  # seconds: how quickly a waiting thread notices cancel


def _header_number(headers: Mapping[str, str], name: str) -> float | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


class Pacer:
    """Shared request pacing for one server. Thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._limit: float | None = None  # None: the server announces no limit
        self._remaining = 0.0  # as of _observed_at
        self._observed_at = 0.0
        self._rate: float | None = None  # requests per second the bucket refills with
        self._in_flight = 0
        self._blocked_until = 0.0  # after a 429
        # Until the first answer we do not know the server's burst: send one request alone to learn it.
        self._answered = False
        self._tickets = 0
        self._newest_observed = 0

    # ---- used around every request ----

    def acquire(
        self,
        cancel: threading.Event | None = None,
        on_wait: Callable[[float, str], None] | None = None,
    ) -> int:
        """Block until a request may be sent; raise Cancelled when `cancel` is set meanwhile.

        Returns a ticket: pass it to observe() so that a late answer to an older request cannot
        overwrite what a newer answer said about the budget.
        """
        announced = False
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            with self._lock:
                delay = self._delay_locked(self._clock())
                if delay <= 0:
                    self._in_flight += 1
                    self._tickets += 1
                    return self._tickets
            if on_wait is not None and not announced and delay >= 1.0:
                on_wait(delay, "rate limit")
                announced = True
            pause = min(delay, _WAKE_INTERVAL)
            if cancel is not None:
                cancel.wait(pause)
            else:
                time.sleep(pause)

    def observe(self, headers: Mapping[str, str], ticket: int | None = None) -> None:
        """A response arrived: one request fewer in flight, and learn the server's announced budget."""
        limit = _header_number(headers, "X-RateLimit-Limit")
        remaining = _header_number(headers, "X-RateLimit-Remaining")
        reset = _header_number(headers, "X-RateLimit-Reset")
        with self._lock:
            self._in_flight = max(0, self._in_flight - 1)
            self._answered = True
            if limit is None or remaining is None or limit <= 0:
                return
            now = self._clock()
            self._limit = limit
            remaining = min(remaining, limit)
            overtaken = ticket is not None and ticket < self._newest_observed
            if not overtaken or remaining < self._available_locked(now, self._rate or 1.0):
                self._remaining = remaining
                self._observed_at = now
                self._newest_observed = max(self._newest_observed, ticket or 0)
            used = limit - remaining  # this answer's own pair of numbers
            if reset is not None and used >= 1:
                # Reset is whole seconds, cut down: one more second keeps each estimate below the true
                # rate, and the largest of them (taken when the bucket was emptiest) is the most precise.
                self._rate = max(used / (reset + 1.0), self._rate or 0.05)
            elif self._rate is None:
                self._rate = max(limit / 60.0, 0.05)

    def release(self) -> None:
        """A request ended without a response (connection error): it is no longer in flight."""
        with self._lock:
            self._in_flight = max(0, self._in_flight - 1)

    def penalize(self, retry_after_seconds: float) -> None:
        """The server answered 429: nobody sends before Retry-After has passed."""
        with self._lock:
            now = self._clock()
            self._blocked_until = max(self._blocked_until, now + max(0.0, retry_after_seconds))
            if self._limit is not None:
                self._remaining = 0.0
                self._observed_at = self._blocked_until

    # ---- internals ----

    def _delay_locked(self, now: float) -> float:
        if now < self._blocked_until:
            return self._blocked_until - now
        if self._limit is None:
            return 0.0 if self._answered or self._in_flight == 0 else _WAKE_INTERVAL / 4
        rate = self._rate or 1.0
        # Keep a few requests of the burst back for answers that overtake each other; a burst of one
        # leaves nothing to keep back.
        reserve = min(max(2.0, math.floor(self._limit * 0.05)), self._limit - 1.0)
        available = self._available_locked(now, rate) - self._in_flight
        needed = reserve + 1.0
        if available >= needed:
            return 0.0
        return (needed - available) / rate

    def _available_locked(self, now: float, rate: float) -> float:
        refilled = max(0.0, now - self._observed_at) * rate
        return min(self._limit or 0.0, self._remaining + refilled)

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight
