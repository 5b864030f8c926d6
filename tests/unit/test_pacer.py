"""The Pacer on its own, on a clock the test moves: what it lets through, when it makes a thread wait and
for how long. No test waits for real time: the pacer's pauses move the fake clock."""

from __future__ import annotations

import threading

import pytest

from mmexport.mattermost.errors import Cancelled
from mmexport.mattermost.pacer import Pacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class ClockStop(threading.Event):
    """The cancel event acquire() waits on between its checks: here waiting moves the fake clock on
    instead of taking real time, and adds up how long the pacer made the caller wait."""

    def __init__(self, clock: FakeClock, give_up_after: float = 3600.0) -> None:
        super().__init__()
        self.clock = clock
        self.waited = 0.0
        self.give_up_after = give_up_after  # then it is set, as if the person cancelled

    def wait(self, timeout: float | None = None) -> bool:
        assert timeout is not None and timeout > 0
        self.clock.now += timeout
        self.waited += timeout
        if self.waited >= self.give_up_after:
            self.set()
        return self.is_set()


def waited(pacer: Pacer, clock: FakeClock) -> float:
    """How long (on the fake clock) acquire() held the request back; the request is then in flight."""
    stop = ClockStop(clock)
    pacer.acquire(stop)
    return stop.waited


def headers(limit: int, remaining: int, reset: int) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": str(reset),
    }


def test_without_rate_limit_headers_it_never_waits() -> None:
    pacer = Pacer(clock=FakeClock())
    for _ in range(50):
        ticket = pacer.acquire()
        pacer.observe({}, ticket)
    assert pacer.in_flight == 0


def test_retry_after_blocks_everyone_until_it_has_passed() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    pacer.observe({}, pacer.acquire())
    pacer.penalize(30.0)
    assert waited(pacer, clock) == pytest.approx(30.0)
    assert waited(pacer, clock) == 0.0


def test_the_wait_is_announced_before_it_starts() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    pacer.penalize(12.0)
    announced: list[tuple[float, str]] = []
    pacer.acquire(ClockStop(clock), lambda seconds, reason: announced.append((seconds, reason)))
    assert announced == [(pytest.approx(12.0), "rate limit")]


def test_a_shorter_retry_after_does_not_shorten_a_longer_one() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    pacer.penalize(10.0)
    pacer.penalize(2.0)
    assert waited(pacer, clock) == pytest.approx(10.0)


def test_cancel_ends_a_wait() -> None:
    pacer = Pacer(clock=FakeClock())
    pacer.penalize(3600.0)
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        pacer.acquire(stop)


def test_it_keeps_a_reserve_and_then_spaces_requests_at_the_refill_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    # A burst of 10, 7 used, full again in 6 (+1) s: it refills one request a second; 2 are kept back.
    pacer.observe(headers(10, 3, 6), pacer.acquire())
    assert waited(pacer, clock) == 0.0  # 3 left: one may go at once
    spacing = [waited(pacer, clock) for _ in range(5)]  # then one a second, the answers still out
    assert spacing == [pytest.approx(1.0, abs=0.01)] * 5


def test_requests_in_flight_count_as_spent() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    pacer.observe(headers(100, 100, 60), pacer.acquire())
    tickets = [pacer.acquire() for _ in range(100 - 5)]  # the burst less a reserve of 5 %
    stop = ClockStop(clock, give_up_after=600.0)
    with pytest.raises(Cancelled):  # no refill helps while the answers are out: the bucket is full
        pacer.acquire(stop)
    pacer.observe(headers(100, 100, 60), tickets[0])  # one answer comes back
    assert waited(pacer, clock) == 0.0


def test_a_late_answer_cannot_give_back_budget_a_newer_one_took() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock)
    pacer.observe(headers(10, 10, 0), pacer.acquire())
    old, new = pacer.acquire(), pacer.acquire()
    pacer.observe(headers(10, 3, 6), new)  # the newer answer: 3 left
    pacer.observe(headers(10, 9, 0), old)  # overtaken: must not bring back 9
    assert waited(pacer, clock) == 0.0
    assert waited(pacer, clock) == pytest.approx(1.0, abs=0.01)
