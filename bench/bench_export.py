"""Export speed, pacing and memory against the demo server with 20 ms latency (issue 3's benchmark).

Prints three figures:
  1. rate-limited server (20 requests/s, burst 20): posts per second as a share of the ceiling 20 x 200,
     and how many 429 answers the run caused (goal: >= 90 %, zero 429);
  2. no rate limit: speed ratio to a sequential baseline that pages with page=N&per_page=60, one request
     at a time, the way existing export scripts do (goal: >= 8x);
  3. peak memory (RSS) of a CLI export of a 100,000-post and a 1,000,000-post channel (goal: < 200 MB,
     growing < 20 % between the two).

Run: .venv/bin/python bench/bench_export.py [--quick]
The demo server runs in its own process so that it does not share the exporter's interpreter lock.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import requests

ROOT = Path(__file__).resolve().parents[1]
LATENCY_MS = 20

SERVER_SCRIPT = """
import sys, time
from mmexport.demo.server import DemoServer
kwargs = eval(sys.argv[1])
with DemoServer(**kwargs) as server:
    print(server.url, server.token, flush=True)
    sys.stdin.read()  # runs until the benchmark closes our stdin
    counts = server.request_counts
    statuses = [r[3] for r in server.requests]
    print("STATUS429", statuses.count(429), flush=True)
"""


class ServerProcess:
    def __init__(self, **kwargs):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER_SCRIPT, repr(kwargs)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url, self.token = self.proc.stdout.readline().split()

    def stop(self) -> int:
        """Stops the server; returns how many 429 answers it gave."""
        self.proc.stdin.close()
        out = self.proc.stdout.read()
        self.proc.wait()
        for line in out.splitlines():
            if line.startswith("STATUS429"):
                return int(line.split()[1])
        return -1


def big_channel_id(url: str, token: str) -> tuple[str, int]:
    headers = {"Authorization": f"Bearer {token}"}
    me = requests.get(f"{url}/api/v4/users/me", headers=headers, timeout=30).json()
    channels = requests.get(f"{url}/api/v4/users/{me['id']}/channels", headers=headers, timeout=30).json()
    big = max(channels, key=lambda c: c["total_msg_count"])
    return big["id"], big["total_msg_count"]


def cli_export(url: str, token: str, channel_id: str, out: Path, jobs: int, formats: str = "json"):
    """Runs `mmexport export` in its own process; returns (seconds, peak RSS in MB of it, of it and its children)."""
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    started = time.monotonic()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mmexport",
            "export",
            "--server",
            url,
            "--out",
            str(out),
            "--channel",
            channel_id,
            "--formats",
            formats,
            "--jobs",
            str(jobs),
            "--quiet",
            "--no-avatars",
            "--no-emoji",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    tree_peak = 0
    while proc.poll() is None:
        peak = max(peak, _peak_rss_kb(proc.pid))
        tree_peak = max(tree_peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    seconds = time.monotonic() - started
    if proc.returncode not in (0, 5):
        raise SystemExit(f"export failed ({proc.returncode}): {proc.stderr.read()}")
    return seconds, peak / 1024, tree_peak / 1024


def _tree_rss_kb(pid: int) -> int:
    """The resident memory of the process and its children (the viewer's page workers) right now."""
    try:
        root = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) // 1024
    except psutil.Error:
        return 0


def _peak_rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def sequential_baseline(url: str, token: str, channel_id: str, pages: int) -> float:
    """Posts per second of one-request-at-a-time paging with the server's default page size."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    started = time.monotonic()
    posts = 0
    for page in range(pages):
        data = session.get(
            f"{url}/api/v4/channels/{channel_id}/posts", params={"page": page, "per_page": 60}, timeout=30
        ).json()
        posts += len(data["order"])
        if len(data["order"]) < 60:
            break
    return posts / (time.monotonic() - started)


def posts_in(out: Path) -> int:
    return sum(sum(1 for _ in p.open()) for p in out.rglob("posts.jsonl"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller channels, for a smoke run")
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--parts", default="1,2,3", help="which measurements to run, e.g. 1,2")
    args = parser.parse_args()
    small, large = (20_000, 200_000) if args.quick else (100_000, 1_000_000)
    print(f"Benchmark: demo server with {LATENCY_MS} ms latency per request, --jobs {args.jobs}\n")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        parts = {int(p) for p in args.parts.split(",")}
        if 1 in parts:
            pacing(tmp, small, args.jobs)
        if 2 in parts:
            speed(tmp, small, args.jobs)
        if 3 in parts:
            memory(tmp, small, large, args.jobs)


def pacing(tmp: Path, small: int, jobs: int) -> None:
    """1. Against a rate-limited server: share of the ceiling, and no 429."""
    server = ServerProcess(big_channel_posts=small, latency_ms=LATENCY_MS, rate_limit=20, burst=20)
    channel, _ = big_channel_id(server.url, server.token)
    seconds, _, _ = cli_export(server.url, server.token, channel, tmp / "limited", jobs)
    got_429 = server.stop()
    posts = posts_in(tmp / "limited")
    rate = posts / seconds
    ceiling = 20 * 200
    print("1. Rate limit 20 requests/s (burst 20), whole CLI run from start to exit:")
    print(f"   {posts:,} posts in {seconds:.1f} s = {rate:,.0f} posts/s")
    print(
        f"   {rate / ceiling:.1%} of the ceiling {ceiling:,} posts/s, {got_429} responses with status 429\n"
    )


def speed(tmp: Path, small: int, jobs: int) -> None:
    """2. Without a rate limit, against the sequential per_page=60 baseline."""
    server = ServerProcess(big_channel_posts=small, latency_ms=LATENCY_MS)
    channel, total = big_channel_id(server.url, server.token)
    baseline = sequential_baseline(server.url, server.token, channel, pages=min(300, total // 60 + 1))
    seconds, _, _ = cli_export(server.url, server.token, channel, tmp / "fast", jobs)
    server.stop()
    posts = posts_in(tmp / "fast")
    ours = posts / seconds
    print("2. No rate limit:")
    print(f"   sequential baseline (page=N&per_page=60, one at a time): {baseline:,.0f} posts/s")
    print(
        f"   mmexport export (whole CLI run, formats json): {posts:,} posts in {seconds:.1f} s = {ours:,.0f} posts/s"
    )
    print(f"   ratio {ours / baseline:.1f}x\n")


def memory(tmp: Path, small: int, large: int, jobs: int) -> None:
    """3. Peak memory with 10x the posts, the viewer written too (the default formats)."""
    peaks = {}
    for count in (small, large):
        server = ServerProcess(big_channel_posts=count, latency_ms=LATENCY_MS)
        channel, _ = big_channel_id(server.url, server.token)
        seconds, peak, tree = cli_export(
            server.url, server.token, channel, tmp / f"mem{count}", jobs, "html,json"
        )
        server.stop()
        peaks[count] = (peak, tree)
        print(
            f"3. {count:,} posts, formats html,json ({seconds:.0f} s): peak RSS {peak:.0f} MB, "
            f"with the viewer's page workers {tree:.0f} MB"
        )
    for i, label in enumerate(("the export process", "with its page workers")):
        growth = peaks[large][i] / peaks[small][i] - 1
        print(f"   growth from {small:,} to {large:,} posts, {label}: {growth:+.1%}")


if __name__ == "__main__":
    main()
