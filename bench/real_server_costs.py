"""What one request for a channel's posts costs on a real server, by kind of request and depth.

    MMEXPORT_BENCH_URL=http://127.0.0.1:8065 MMEXPORT_BENCH_TOKEN=... MMEXPORT_BENCH_CHANNEL=<id> \
        python bench/real_server_costs.py [--repeat 3]

Read-only. Prints one row per request kind and depth with the median time of --repeat requests (after
one warm-up request per row). Run it against a server without rate limit, or with a limit far above
what this sends (a few requests a second). The figures are in docs/server-behaviour.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import requests

PER_PAGE = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = os.environ["MMEXPORT_BENCH_URL"].rstrip("/") + "/api/v4"
    channel = os.environ["MMEXPORT_BENCH_CHANNEL"]
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {os.environ['MMEXPORT_BENCH_TOKEN']}"

    def get(**params: object) -> tuple[float, dict]:
        started = time.perf_counter()
        response = session.get(f"{url}/channels/{channel}/posts", params=params, timeout=120)
        response.raise_for_status()
        return time.perf_counter() - started, response.json()

    def timed(**params: object) -> tuple[float, int]:
        get(**params)  # warm-up: the same query once, so caches are as warm as in a long run
        runs = [get(**params) for _ in range(args.repeat)]
        return statistics.median(t for t, _ in runs), len(runs[0][1]["order"])

    total = session.get(f"{url}/channels/{channel}/stats", timeout=60).json().get("member_count")
    anchor = get(page=0, per_page=1)[1]["order"][0]
    pages = _page_count(get)
    depths = sorted({0, 10, 100, 300, 600, 900, pages - 1} & set(range(pages)))
    print(f"channel {channel}: about {pages * PER_PAGE} posts ({pages} pages of {PER_PAGE}); members {total}")
    print(f"{'request':<70} {'depth':>6} {'posts':>6} {'seconds':>8}")

    def row(label: str, depth: int, **params: object) -> None:
        seconds, count = timed(**params)
        print(f"{label:<70} {depth:>6} {count:>6} {seconds:>8.3f}", flush=True)

    for n in depths:
        row("page=N&per_page=200", n, page=n, per_page=PER_PAGE)
    for n in depths:
        row(
            "page=N&per_page=200&skipFetchThreads=true", n, page=n, per_page=PER_PAGE, skipFetchThreads="true"
        )
    for n in depths:
        if n:
            row("before=<newest>&page=N&per_page=200&skipFetchThreads=true", n,
                before=anchor, page=n - 1, per_page=PER_PAGE, skipFetchThreads="true")  # fmt: skip
    for n in depths:
        cursor = get(page=n * PER_PAGE, per_page=1)[1]["order"][0]
        row("before=<id N pages deep>&page=0&per_page=200&skipFetchThreads=true", n,
            before=cursor, page=0, per_page=PER_PAGE, skipFetchThreads="true")  # fmt: skip
        row("before=<id N pages deep>&page=0&per_page=200 (threads loaded)", n,
            before=cursor, page=0, per_page=PER_PAGE)  # fmt: skip
    for n in depths:
        row("page=N*200&per_page=1 (a probe)", n, page=n * PER_PAGE, per_page=1)
    return 0


def _page_count(get) -> int:
    """The number of 200-post pages, found by halving with cheap one-post probes."""
    low, high = 0, 1
    while get(page=high * PER_PAGE, per_page=1)[1]["order"]:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if get(page=middle * PER_PAGE, per_page=1)[1]["order"]:
            low = middle
        else:
            high = middle
    return high


if __name__ == "__main__":
    raise SystemExit(main())
