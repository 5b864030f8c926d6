"""Deletions during an export, on a real server: does every surviving post reach the archive?

    MMEXPORT_BENCH_URL=... MMEXPORT_BENCH_TOKEN=<reader> MMEXPORT_BENCH_ADMIN_TOKEN=<may delete> \
    MMEXPORT_BENCH_CHANNEL=<id> python bench/real_server_deletions.py --delete 150 --within 20 [--seed 1]

WRITES TO THE SERVER: deletes --delete posts of the channel (picked at random, spread over --within seconds,
at most 100 a second per --deleters thread) while `mmexport export` of that channel runs. Afterwards it lists the surviving posts
(plain offsets, nothing else writing) and reports how many are missing from the archive, what the run said
(exit code, manifest `complete` and problems), and the same after an update run into the same folder.
Meant for a test server; the figures are in docs/server-behaviour.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

PER_PAGE = 200


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delete", type=int, required=True)
    parser.add_argument("--within", type=float, default=20.0, help="seconds over which to spread them")
    parser.add_argument("--start-after", type=float, default=1.0, help="seconds after the export starts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--deleters", type=int, default=1, help="parallel deleting threads")
    args = parser.parse_args()
    url = os.environ["MMEXPORT_BENCH_URL"].rstrip("/")
    reader = _session(os.environ["MMEXPORT_BENCH_TOKEN"])
    admin = _session(os.environ["MMEXPORT_BENCH_ADMIN_TOKEN"])
    channel = os.environ["MMEXPORT_BENCH_CHANNEL"]

    before = list_ids(reader, url, channel)
    doomed = random.Random(args.seed).sample(sorted(before), min(args.delete, len(before)))
    print(f"{len(before)} posts before; deleting {len(doomed)} within {args.within:.0f} s during the export")
    out = Path(tempfile.mkdtemp(prefix="mmexport-deletions-")) / "archive"
    command = [sys.executable, "-m", "mmexport", "export", "--server", url, "--out", str(out)]
    command += ["--channel", channel, "--formats", "json", "--no-files", "--jobs", str(args.jobs), "--quiet"]
    env = {**os.environ, "MMEXPORT_TOKEN": os.environ["MMEXPORT_BENCH_TOKEN"]}

    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deleted: list[str] = []
    share = [doomed[i :: args.deleters] for i in range(args.deleters)]
    deleters = [
        threading.Thread(
            target=_delete_spread, args=(admin, url, part, args.start_after, args.within, deleted)
        )
        for part in share
    ]
    for deleter in deleters:
        deleter.start()
    stdout, stderr = process.communicate()
    export_seconds = time.perf_counter() - started
    for deleter in deleters:
        deleter.join()
    print(f"export: exit {process.returncode} after {export_seconds:.1f} s; {len(deleted)} deleted meanwhile")
    print(f"  deleted while the export ran: {sum(1 for _, t in _DELETE_TIMES if t <= export_seconds)}")
    print("  its last words:", (stdout + stderr).strip().splitlines()[-3:])
    survivors = list_ids(reader, url, channel)
    report(out, channel, survivors, set(deleted), "first run")
    update = subprocess.run(command, env=env, capture_output=True, text=True)
    print(f"update run: exit {update.returncode}")
    report(out, channel, list_ids(reader, url, channel), set(deleted), "after the update run")
    print("archive:", out)
    return 0


_DELETE_TIMES: list[tuple[str, float]] = []


def _delete_spread(admin, url, doomed, start_after, within, deleted) -> None:
    """Deletes the posts evenly over `within` seconds (no faster than 100 a second)."""
    t0 = time.perf_counter()
    time.sleep(start_after)
    gap = max(within / max(1, len(doomed)), 0.01)
    for post_id in doomed:
        response = admin.delete(f"{url}/api/v4/posts/{post_id}", timeout=60)
        if response.ok:
            deleted.append(post_id)
            _DELETE_TIMES.append((post_id, time.perf_counter() - t0))
        time.sleep(gap)


def list_ids(session, url: str, channel: str) -> list[str]:
    ids: dict[str, None] = {}
    page = 0
    while True:
        response = session.get(
            f"{url}/api/v4/channels/{channel}/posts", params={"page": page, "per_page": PER_PAGE}, timeout=300
        )
        response.raise_for_status()
        order = response.json()["order"]
        ids.update(dict.fromkeys(order))
        page += 1
        if len(order) < PER_PAGE:
            return list(ids)


def report(out: Path, channel: str, survivors: list[str], deleted: set[str], when: str) -> None:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(c for c in manifest["channels"] if c["id"] == channel)
    lines = (out / entry["path"] / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    archived = [json.loads(line)["id"] for line in lines if line.strip()]
    missing = set(survivors) - set(archived)
    print(
        f"{when}: {len(survivors)} surviving on the server, {len(archived)} in the archive, "
        f"{len(missing)} surviving posts MISSING, {len(set(archived) - set(survivors))} no longer on the server kept "
        f"({len(set(archived) & deleted)} of them deleted by this script, the rest replies deleted with their root), "
        f"{len(archived) - len(set(archived))} duplicates; manifest complete={entry['complete']} "
        f"posts={entry['posts']} problems={manifest['problems'][:3]}"
    )


def _session(token: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {token}"
    return session


if __name__ == "__main__":
    raise SystemExit(main())
