"""Rendering speed: builds an archive with one big channel, renders it, prints messages/s and peak RSS.

    .venv/bin/python bench/bench_render.py [--posts 300000] [--formats html,txt,csv]

Goal (issue 5): at least 20,000 messages per second for the HTML viewer, so rendering never dominates
an export.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from archive_factory import make_archive
from mmexport.exporting.render import render_archive


class PeakRss:
    """Samples this process's resident memory while the render runs."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        process = psutil.Process()
        while not self._stop.is_set():
            self.peak = max(self.peak, process.memory_info().rss)
            time.sleep(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=300_000)
    parser.add_argument("--formats", default="html")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mmexport-bench-") as tmp:
        root = make_archive(Path(tmp) / "archive", big_channel_posts=args.posts)
        total = sum(1 for _ in root.glob("channels/*/*/posts.jsonl"))
        messages = sum(p.read_bytes().count(b"\n") for p in root.glob("channels/*/*/posts.jsonl"))
        start_rss = psutil.Process().memory_info().rss
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        with PeakRss() as rss:
            render_archive(root, args.formats.split(","), lang="de")
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        pages = len(list(root.glob("channels/*/*/messages*.html")))
        biggest = max(p.stat().st_size for p in root.glob("channels/*/*/messages*.html"))
    print(f"chats: {total}, messages: {messages}, formats: {args.formats}")
    print(f"rendered in {elapsed:.2f} s: {messages / elapsed:,.0f} messages/s")
    print(
        f"CPU time (this process and its worker processes): {cpu:.2f} s, "
        f"{messages / cpu:,.0f} messages per CPU-second; load average now {psutil.getloadavg()[0]:.1f}"
    )
    print(f"HTML pages: {pages}, largest page: {biggest / 1e6:.1f} MB")
    print(f"peak RSS: {rss.peak / 1e6:.0f} MB (before rendering: {start_rss / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
