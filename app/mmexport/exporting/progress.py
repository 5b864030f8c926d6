"""Counts, rates and time left for the progress display, computed in one place for every front end."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from mmexport.exporting.events import OverallProgress

WINDOW_SECONDS = 10.0


@dataclass
class _Sample:
    at: float
    posts: int
    bytes: int


class ProgressTracker:
    def __init__(self, channels_total: int, posts_expected: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self.channels_total = channels_total
        self.channels_done = 0
        self.posts_expected = posts_expected
        self.posts_done = 0
        self.files_expected = 0
        self.files_done = 0
        self.bytes_expected = 0
        self.bytes_done = 0
        self._samples: deque[_Sample] = deque([_Sample(clock(), 0, 0)])
        self._last_emit = 0.0

    def add_posts(self, n: int) -> None:
        with self._lock:
            self.posts_done += n
            self.posts_expected = max(self.posts_expected, self.posts_done)

    def add_posts_saved_before(self, n: int) -> None:
        """Posts an earlier, unfinished run fetched: done, but not this run's work, so the speed leaves them
        out (counted as done from the first sample on, they made a resumed run read "50,690 messages/s")."""
        with self._lock:
            self.posts_done += n
            self.posts_expected = max(self.posts_expected, self.posts_done)
            for sample in self._samples:
                sample.posts += n

    def add_files_expected(self, files: int, size: int) -> None:
        with self._lock:
            self.files_expected += files
            self.bytes_expected += size

    def add_file(self, size: int) -> None:
        with self._lock:
            self.files_done += 1
            self.bytes_done += size
            self.files_expected = max(self.files_expected, self.files_done)

    def channel_done(self) -> None:
        with self._lock:
            self.channels_done += 1

    def due(self, interval: float = 0.2) -> bool:
        """True at most every interval seconds: progress events are for people, not for every page."""
        now = self._clock()
        with self._lock:
            if now - self._last_emit < interval:
                return False
            self._last_emit = now
            return True

    def snapshot(self) -> OverallProgress:
        now = self._clock()
        with self._lock:
            self._samples.append(_Sample(now, self.posts_done, self.bytes_done))
            while len(self._samples) > 2 and now - self._samples[1].at > WINDOW_SECONDS:
                self._samples.popleft()
            first = self._samples[0]
            elapsed = now - first.at
            post_rate = (self.posts_done - first.posts) / elapsed if elapsed > 0.5 else 0.0
            byte_rate = (self.bytes_done - first.bytes) / elapsed if elapsed > 0.5 else 0.0
            return OverallProgress(
                channels_done=self.channels_done,
                channels_total=self.channels_total,
                posts_done=self.posts_done,
                posts_expected=self.posts_expected,
                files_done=self.files_done,
                files_expected=self.files_expected,
                bytes_done=self.bytes_done,
                posts_per_second=post_rate,
                bytes_per_second=byte_rate,
                eta_seconds=self._eta(post_rate, byte_rate),
            )

    def _eta(self, post_rate: float, byte_rate: float) -> float | None:
        """Time left at the recent pace; None while there is no pace to go by yet."""
        posts_left = max(0, self.posts_expected - self.posts_done)
        bytes_left = max(0, self.bytes_expected - self.bytes_done)
        if posts_left and post_rate <= 0:
            return None
        eta = posts_left / post_rate if posts_left else 0.0
        if bytes_left and byte_rate > 0:  # downloads not started yet add nothing we could estimate
            eta += bytes_left / byte_rate
        elif bytes_left and not posts_left:
            return None
        return eta
