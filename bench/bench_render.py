"""Rendering speed and memory: messages/s and peak RSS (this process plus its worker processes).

    .venv/bin/python bench/bench_render.py [--posts 100000,1000000] [--formats html]
    .venv/bin/python bench/bench_render.py --export [--posts 100000,1000000]

Default: builds a factory archive with one big channel (plain sentences, some markdown, threads,
reactions) for each size and renders it the way an export does.
--export: the whole program instead: a demo server with a channel of that many posts runs in its own
process, and `mmexport export --formats html,json` runs as a subprocess; its peak RSS counts the export
process and the viewer's worker processes together.

Goals: at least 20,000 messages per second for the HTML viewer (issue 5); peak RSS of an export of
100,000 and of 1,000,000 posts under 200 MB, growing less than 20 % between the two.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


class PeakRss:
    """Samples the resident memory of one process and all its descendants, summed, every 50 ms."""

    def __init__(self, pid: int | None = None) -> None:
        self.pid = pid or os.getpid()
        self.peak = 0
        self.peak_main = 0
        self.peak_processes = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        main = psutil.Process(self.pid)
        while not self._stop.is_set():
            try:
                family = [main, *main.children(recursive=True)]
                sizes = [_rss(p) for p in family]
            except psutil.NoSuchProcess:
                break
            self.peak = max(self.peak, sum(sizes))
            self.peak_main = max(self.peak_main, sizes[0])
            self.peak_processes = max(self.peak_processes, len(family))
            time.sleep(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def render_run(posts: int, formats: str) -> dict:
    from archive_factory import make_archive
    from mmexport.exporting.render import render_archive

    with tempfile.TemporaryDirectory(prefix="mmexport-bench-") as tmp:
        root = make_archive(Path(tmp) / "archive", big_channel_posts=posts)
        messages = sum(p.read_bytes().count(b"\n") for p in root.glob("channels/*/*/posts.jsonl"))
        start_rss = psutil.Process().memory_info().rss
        load = os.getloadavg()[0]
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        with PeakRss() as rss:
            render_archive(root, formats.split(","), lang="de")
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        pages = list(root.glob("channels/*/*/messages*.html"))
        biggest = max(p.stat().st_size for p in pages) if pages else 0
    return {
        "messages": messages, "seconds": elapsed, "cpu": cpu, "pages": len(pages), "biggest": biggest,
        "peak": rss.peak, "peak_main": rss.peak_main, "processes": rss.peak_processes,
        "start_rss": start_rss, "load": load,
    }  # fmt: skip


SERVER_SCRIPT = """
import sys
from mmexport.demo.server import DemoServer
with DemoServer(big_channel_posts=int(sys.argv[1])) as server:
    print(server.url, server.token, flush=True)
    sys.stdin.read()  # runs until the benchmark closes our stdin
"""


def export_run(posts: int) -> dict:
    import requests

    server = subprocess.Popen(
        [sys.executable, "-c", SERVER_SCRIPT, str(posts)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url, token = server.stdout.readline().split()
        headers = {"Authorization": f"Bearer {token}"}
        me = requests.get(f"{url}/api/v4/users/me", headers=headers, timeout=60).json()
        channels = requests.get(f"{url}/api/v4/users/{me['id']}/channels", headers=headers, timeout=60).json()
        channel = max(channels, key=lambda c: c["total_msg_count"])["id"]
        with tempfile.TemporaryDirectory(prefix="mmexport-bench-") as tmp:
            command = [sys.executable, "-m", "mmexport", "export", "--server", url, "--out", f"{tmp}/out",
                       "--channel", channel, "--formats", "html,json", "--quiet", "--no-avatars", "--no-emoji"]  # fmt: skip
            load = os.getloadavg()[0]
            started = time.perf_counter()
            proc = subprocess.Popen(command, env={**os.environ, "MMEXPORT_TOKEN": token},
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
            with PeakRss(proc.pid) as rss:
                proc.wait()
            elapsed = time.perf_counter() - started
            if proc.returncode not in (0, 5):
                raise SystemExit(f"export failed ({proc.returncode}): {proc.stderr.read()}")
            messages = sum(p.read_bytes().count(b"\n") for p in Path(tmp).rglob("posts.jsonl"))
    finally:
        server.stdin.close()
        server.wait()
    return {"messages": messages, "seconds": elapsed, "peak": rss.peak, "peak_main": rss.peak_main,
            "processes": rss.peak_processes, "load": load}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", default="100000,1000000", help="sizes of the big channel, comma-separated")
    parser.add_argument("--formats", default="html")
    parser.add_argument("--export", action="store_true", help="a whole CLI export against the demo server")
    args = parser.parse_args()
    sizes = [int(n) for n in args.posts.split(",")]
    peaks = []
    for posts in sizes:
        if args.export:
            r = export_run(posts)
            print(f"export of {r['messages']:,} posts (formats html,json): {r['seconds']:.1f} s")
        else:
            r = render_run(posts, args.formats)
            print(f"render of {r['messages']:,} messages (formats {args.formats}): {r['seconds']:.2f} s, "
                  f"{r['messages'] / r['seconds']:,.0f} messages/s, "
                  f"{r['messages'] / r['cpu']:,.0f} messages per CPU-second; "
                  f"{r['pages']} HTML pages, largest {r['biggest'] / 1e6:.1f} MB")  # fmt: skip
        print(f"   peak RSS {r['peak'] / 1e6:.0f} MB (main process + workers, up to {r['processes']} processes; "
              f"main alone {r['peak_main'] / 1e6:.0f} MB); load average at start {r['load']:.1f}")  # fmt: skip
        sys.stdout.flush()
        peaks.append(r["peak"])
    if len(peaks) >= 2:
        print(f"peak RSS growth from {sizes[0]:,} to {sizes[-1]:,}: {peaks[-1] / peaks[0] - 1:+.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
