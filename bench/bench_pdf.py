"""messages.pdf: messages per second and peak RSS for one big chat.

    .venv/bin/python bench/bench_pdf.py [--posts 20000,200000] [--parts]

For each size, a factory archive with one big channel (plain sentences, some markdown, threads, reactions)
is made, and that chat's messages.pdf is written the way `mmexport render --formats pdf` writes it (the
fonts are loaded before the clock starts, as they are once per render). Peak RSS is sampled every 50 ms.
Messages per CPU second are printed too: on a shared, loaded machine the wall clock measures the others.

Goal (issue 23): a 20,000-message chat at >= 1,000 messages/s on a 2-core machine, with memory flat in the
chat's size (the chat is drawn in parts that are written out as they fill: docs/architecture.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_render import PeakRss  # noqa: E402


def _print_rss_after_each_part() -> None:
    """Resident size each time a part of pages has been copied into the file: flat if nothing piles up."""
    from mmexport.exporting.writers.pdf_assemble import PdfAssembler

    add_pages = PdfAssembler.add_pages
    parts = [0]

    def measured(self: PdfAssembler, data: bytes) -> None:
        add_pages(self, data)
        parts[0] += 1
        print(f"    part {parts[0]:3}: {len(self.pages):6,} pages, RSS {psutil.Process().memory_info().rss / 2**20:4.0f} MB",
              flush=True)  # fmt: skip

    PdfAssembler.add_pages = measured  # type: ignore[method-assign]


def pdf_run(posts: int) -> dict:
    from archive_factory import make_archive
    from mmexport.exporting.render import _read_channel_facts
    from mmexport.exporting.writers.context import ArchiveContext
    from mmexport.exporting.writers.pdf import PdfWriter
    from mmexport.exporting.writers.threads import ThreadIndex

    with tempfile.TemporaryDirectory(prefix="mmexport-bench-") as tmp:
        root = make_archive(Path(tmp) / "archive", big_channel_posts=posts)
        ctx = ArchiveContext(root, "de")
        _read_channel_facts(ctx)
        writer = PdfWriter(ctx)
        small = ctx.channels[0]
        writer.write_chat(small, ThreadIndex.build(root / small.path / "posts.jsonl"))  # fonts loaded
        big = next(c for c in ctx.channels if c.name == "big-channel")
        start_rss = psutil.Process().memory_info().rss
        load = os.getloadavg()[0]
        started, cpu_started = time.perf_counter(), time.process_time()
        with PeakRss() as rss:
            path = writer.write_chat(big, ThreadIndex.build(root / big.path / "posts.jsonl"))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        size = path.stat().st_size
    return {"messages": posts, "seconds": elapsed, "cpu": cpu, "peak": rss.peak, "start_rss": start_rss, "size": size,
            "load": load}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", default="20000,200000")
    parser.add_argument("--parts", action="store_true", help="print the resident size after each part")
    args = parser.parse_args()
    if args.parts:
        _print_rss_after_each_part()
    print(f"{os.cpu_count()} cores")
    for posts in (int(p) for p in args.posts.split(",")):
        r = pdf_run(posts)
        print(
            f"{r['messages']:>8,} messages: {r['seconds']:6.1f} s, {r['messages'] / r['seconds']:7,.0f} messages/s "
            f"({r['messages'] / r['cpu']:,.0f} per CPU second), "
            f"peak RSS {r['peak'] / 2**20:6.0f} MB (before: {r['start_rss'] / 2**20:.0f} MB), "
            f"messages.pdf {r['size'] / 2**20:.1f} MB, load {r['load']:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
