"""The cursor pager against a demo server that costs what a real one costs (issue 11's benchmark).

Prints four figures, each against a demo server in its own process:
  1. `--real-costs` (demo/costs.py: the per-request and per-skipped-row times of Mattermost 5.36 with
     PostgreSQL), one 200,000-post channel: the whole `mmexport export` against a naive sequential script
     that pages with `page=N&per_page=200`, one request at a time (goal: >= 3x, in one run);
  2. the same with 1,000,000 posts: time against the 200,000-post run (goal: <= 5.5x, linear) and peak RSS
     of the export process (goal: < 200 MB);
  3. 20 ms latency, a 60,000-post channel plus the rest of the demo workspace: the whole CLI job (`--all`)
     in posts/s against a sequential `page=N&per_page=60` script on the big channel (goal: >= 8x);
  4. rate limit 20 requests/s, burst 20, 20 ms latency: posts/s as a share of the ceiling 20 x 200
     (goal: >= 90 %, zero 429).

Run: .venv/bin/python bench/bench_paging.py [--parts 1,2,3,4] [--jobs 8]
The machine the figures in docs/benchmarks.md come from is shared: the load average is printed with each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench_export import ServerProcess, _peak_rss_kb, big_channel_id, posts_in


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def naive_script(url: str, token: str, channel_id: str, per_page: int) -> tuple[int, float]:
    """What existing export scripts do: page=N, one request at a time, until a short page."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    started = time.monotonic()
    posts = 0
    page = 0
    while True:
        data = session.get(
            f"{url}/api/v4/channels/{channel_id}/posts",
            params={"page": page, "per_page": per_page},
            timeout=60,
        ).json()
        posts += len(data["order"])
        if len(data["order"]) < per_page:
            return posts, time.monotonic() - started
        page += 1


def cli(url: str, token: str, out: Path, which: list[str], jobs: int, formats: str) -> tuple[float, float]:
    """Runs `mmexport export` in its own process; returns (seconds, peak RSS in MB)."""
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    command = [sys.executable, "-m", "mmexport", "export", "--server", url, "--out", str(out), *which]
    command += ["--formats", formats, "--jobs", str(jobs), "--quiet", "--no-avatars", "--no-emoji"]
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _peak_rss_kb(proc.pid))
        time.sleep(0.05)
    seconds = time.monotonic() - started
    if proc.returncode not in (0, 5):
        raise SystemExit(f"export failed ({proc.returncode}): {proc.stderr.read() if proc.stderr else ''}")
    return seconds, peak / 1024


def real_costs(tmp: Path, posts: int, jobs: int, formats: str, with_script: bool) -> float:
    server = ServerProcess(big_channel_posts=posts, real_costs=True)
    try:
        channel, total = big_channel_id(server.url, server.token)
        print(f"   {total:,}-post channel, formats {formats}, --jobs {jobs} ({load()})")
        if with_script:
            got, script_seconds = naive_script(server.url, server.token, channel, 200)
            print(
                f"   naive script (page=N&per_page=200, sequential): {got:,} posts in {script_seconds:.1f} s"
            )
        seconds, peak = cli(
            server.url, server.token, tmp / f"real{posts}", ["--channel", channel], jobs, formats
        )
        saved = posts_in(tmp / f"real{posts}")
        print(f"   mmexport export: {saved:,} posts in {seconds:.1f} s, peak RSS {peak:.0f} MB ({load()})")
        if with_script:
            print(f"   ratio {script_seconds / seconds:.1f}x")
        return seconds
    finally:
        server.stop()


def workspace_job(tmp: Path, jobs: int) -> None:
    server = ServerProcess(big_channel_posts=60_000, latency_ms=20)
    try:
        channel, _ = big_channel_id(server.url, server.token)
        got, script_seconds = naive_script(server.url, server.token, channel, 60)
        script_rate = got / script_seconds
        print(f"   sequential page=N&per_page=60 on the big channel: {got:,} posts in {script_seconds:.1f} s")
        seconds, _ = cli(server.url, server.token, tmp / "workspace", ["--all"], jobs, "json")
        saved = posts_in(tmp / "workspace")
        print(f"   mmexport export --all: {saved:,} posts in {seconds:.1f} s ({load()})")
        print(f"   ratio {saved / seconds / script_rate:.1f}x (posts/s)")
    finally:
        server.stop()


def rate_limited(tmp: Path, jobs: int) -> None:
    server = ServerProcess(big_channel_posts=100_000, latency_ms=20, rate_limit=20, burst=20)
    got_429 = -1
    try:
        channel, _ = big_channel_id(server.url, server.token)
        seconds, _ = cli(server.url, server.token, tmp / "limited", ["--channel", channel], jobs, "json")
    finally:
        got_429 = server.stop()
    saved = posts_in(tmp / "limited")
    rate = saved / seconds
    print(f"   {saved:,} posts in {seconds:.1f} s = {rate:,.0f} posts/s ({load()})")
    print(f"   {rate / 4000:.1%} of the ceiling 4,000 posts/s, {got_429} answers with status 429")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--parts", default="1,2,3,4")
    parser.add_argument("--formats", default="json", help="formats of the real-cost runs (parts 1 and 2)")
    args = parser.parse_args()
    parts = {int(p) for p in args.parts.split(",")}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        small = None
        if parts & {1, 2}:
            print("1. Real costs, 200,000 posts:")
            small = real_costs(tmp, 200_000, args.jobs, args.formats, with_script=1 in parts)
        if 2 in parts:
            print("2. Real costs, 1,000,000 posts:")
            large = real_costs(tmp, 1_000_000, args.jobs, args.formats, with_script=False)
            print(f"   {large / small:.2f}x the 200,000-post time" if small else "")
        if 3 in parts:
            print("3. 20 ms latency, 60,000-post channel and the rest of the workspace:")
            workspace_job(tmp, args.jobs)
        if 4 in parts:
            print("4. Rate limit 20/s, burst 20, 20 ms latency, 100,000 posts:")
            rate_limited(tmp, args.jobs)


if __name__ == "__main__":
    main()
