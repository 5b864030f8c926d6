"""GCRA rate limiting as the real server does it (the throttled library, keyed by client address)."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RateResult:
    limited: bool
    limit: int
    remaining: int
    reset_after: float  # seconds until the bucket is full again
    retry_after: float  # seconds; -1 when not limited

    def headers(self) -> list[tuple[str, str]]:
        """The headers throttled sets (the reset is relative seconds, not an epoch)."""
        result = [
            ("X-RateLimit-Limit", str(self.limit)),
            ("X-RateLimit-Remaining", str(self.remaining)),
            ("X-RateLimit-Reset", str(math.ceil(self.reset_after))),
        ]
        if self.retry_after >= 0:
            result.append(("Retry-After", str(math.ceil(self.retry_after))))
        return result


class GcraLimiter:
    """Generic cell rate algorithm: one "theoretical arrival time" per key."""

    def __init__(self, per_second: float, burst: int):
        self.interval = 1.0 / per_second
        self.burst = burst
        self.tolerance = self.interval * (burst + 1)
        self._arrivals: dict[str, float] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> RateResult:
        now = time.monotonic() if now is None else now
        with self._lock:
            tat = max(self._arrivals.get(key, now), now)
            new_tat = tat + self.interval
            allow_at = new_tat - self.tolerance
            early = allow_at - now
            if early > 0:
                limited, retry_after, ttl = True, early, tat - now
            else:
                self._arrivals[key] = new_tat
                limited, retry_after, ttl = False, -1.0, new_tat - now
        spare = self.tolerance - ttl
        remaining = int(spare / self.interval + 1e-9) if spare > -self.interval else 0
        return RateResult(limited, self.burst + 1, max(0, remaining), ttl, retry_after)
