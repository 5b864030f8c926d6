"""The speed a resumed run shows counts only its own work, not what the unfinished run before it saved."""

from __future__ import annotations

import pytest

from mmexport.exporting.progress import ProgressTracker


def test_posts_saved_before_are_done_but_not_this_runs_speed():
    now = [100.0]
    tracker = ProgressTracker(channels_total=3, posts_expected=60_000, clock=lambda: now[0])
    tracker.add_posts_saved_before(50_000)  # pages of the unfinished run, counted at the start
    now[0] += 1.0
    tracker.add_posts(120)  # this run's first pages
    figures = tracker.snapshot()
    assert figures.posts_done == 50_120
    assert figures.posts_per_second == pytest.approx(120.0)  # not 50,120 messages/s
    assert figures.eta_seconds == pytest.approx((60_000 - 50_120) / 120.0)
