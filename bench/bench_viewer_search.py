"""The viewer's search and chat filter in Debian's Chromium on a big archive: seconds until the answer shows.

    .venv/bin/python bench/bench_viewer_search.py [--posts 200000]

Builds a factory archive with one chat of that many posts, renders it, then opens search.html from file://
and measures, per query, the time from submitting the form to the status line ("… Nachrichten gefunden"),
the first search including loading the index. The folding of umlauts (ue -> u, ß -> ss, accents off) runs
on every row once, so the first query pays for it. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

QUERIES = ("faehre", "Fähre", "fahre", "schluessel", "muller")  # "Fähre": a word of the factory archive
ANSWERED = re.compile("gefunden|Keine")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=200_000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from archive_factory import make_archive
    from mmexport.exporting.render import render_archive

    with tempfile.TemporaryDirectory(prefix="mmexport-bench-search-") as tmp:
        root = make_archive(Path(tmp) / "archive", big_channel_posts=args.posts)
        started = time.perf_counter()
        render_archive(root, ["html"], lang="de")
        print(f"rendered {args.posts:,} posts in {time.perf_counter() - started:.1f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto((root / "search.html").as_uri())
            page.wait_for_load_state("load")
            for query in QUERIES:
                page.evaluate("document.getElementById('search-status').textContent = ''")
                page.fill("#q", query)
                started = time.perf_counter()
                page.click("#search-form button[type=submit]")
                # a locator, not wait_for_function: the viewer's CSP forbids evaluating strings
                page.locator("#search-status", has_text=ANSWERED).wait_for(timeout=120_000)
                seconds = time.perf_counter() - started
                status = page.inner_text("#search-status")
                print(f"search {query!r:14} {seconds:6.2f} s  {status}")
            page.goto((root / "index.html").as_uri())
            page.wait_for_load_state("load")
            started = time.perf_counter()
            page.fill("#chat-filter", "big")
            print(f"chat filter 'big'      {time.perf_counter() - started:6.2f} s")
            browser.close()


if __name__ == "__main__":
    main()
