"""A whole channel from a real server: `mmexport export` against the naive sequential script.

    MMEXPORT_BENCH_URL=... MMEXPORT_BENCH_TOKEN=... MMEXPORT_BENCH_CHANNEL=<id> \
        python bench/real_server_export.py [--naive-only | --export-only] [--expected-ids FILE] [--jobs N]

The naive script is what existing export scripts do: `page=N&per_page=200`, one request at a time, until
a short page. The export is the real CLI (`mmexport export --channel ID --formats json --no-files`) into a
fresh folder. Both are timed with the wall clock; the export's posts are checked against the naive
script's ids and, with --expected-ids (one post id a line, e.g. from the database:
`SELECT id FROM posts WHERE channelid = '...' AND deleteat = 0`), against that list.
Read-only. The figures are in docs/benchmarks.md and docs/server-behaviour.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

PER_PAGE = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--naive-only", action="store_true")
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument("--expected-ids", type=Path)
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    url = os.environ["MMEXPORT_BENCH_URL"].rstrip("/")
    token = os.environ["MMEXPORT_BENCH_TOKEN"]
    channel = os.environ["MMEXPORT_BENCH_CHANNEL"]
    naive_ids: set[str] = set()
    naive_seconds = 0.0
    if not args.export_only:
        naive_seconds, naive_ids, requests_made = naive_walk(url, token, channel)
        print(
            f"naive page=N&per_page=200: {len(naive_ids)} posts, {requests_made} requests, {naive_seconds:.1f} s"
        )
    if args.naive_only:
        return 0
    seconds, exported, report = cli_export(url, token, channel, args.jobs)
    print(f"mmexport export --jobs {args.jobs}: {len(exported)} posts, {seconds:.1f} s; {report}")
    if naive_ids:
        print(f"  speed-up over the naive script: {naive_seconds / seconds:.2f}x")
        print(f"  missing against the naive script: {len(naive_ids - set(exported))}")
    if args.expected_ids:
        expected = set(args.expected_ids.read_text().split())
        print(
            f"  against {args.expected_ids}: {len(expected)} expected, {len(expected - set(exported))} missing, "
            f"{len(set(exported) - expected)} not expected, {len(exported) - len(set(exported))} duplicates"
        )
    return 0


def naive_walk(url: str, token: str, channel: str) -> tuple[float, set[str], int]:
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {token}"
    ids: set[str] = set()
    started = time.perf_counter()
    page = 0
    while True:
        response = session.get(
            f"{url}/api/v4/channels/{channel}/posts", params={"page": page, "per_page": PER_PAGE}, timeout=300
        )
        response.raise_for_status()
        order = response.json()["order"]
        ids.update(order)
        page += 1
        if len(order) < PER_PAGE:
            break
    return time.perf_counter() - started, ids, page


def cli_export(url: str, token: str, channel: str, jobs: int) -> tuple[float, list[str], str]:
    out = Path(tempfile.mkdtemp(prefix="mmexport-real-")) / "archive"
    command = [sys.executable, "-m", "mmexport", "export", "--server", url, "--out", str(out)]
    command += ["--channel", channel, "--formats", "json", "--no-files", "--jobs", str(jobs), "--quiet"]
    started = time.perf_counter()
    done = subprocess.run(
        command, env={**os.environ, "MMEXPORT_TOKEN": token}, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(c for c in manifest["channels"] if c["id"] == channel)
    lines = (out / entry["path"] / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    exported = [json.loads(line)["id"] for line in lines if line.strip()]
    report = (
        f"exit {done.returncode}, manifest posts {entry['posts']}, complete {entry['complete']}, "
        f"problems {len(manifest['problems'])}, archive {out}"
    )
    return seconds, exported, report


if __name__ == "__main__":
    raise SystemExit(main())
