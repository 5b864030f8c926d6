"""Shared by the export tests: run an export against a demo server and read back what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from mmexport.archive.layout import iter_jsonl
from mmexport.archive.reader import Archive
from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.mattermost import Client


def readable_channel_ids(server) -> list[str]:
    """Every channel the demo user can export (archived ones included)."""
    ws = server.workspace
    return [c["id"] for c in ws.channels_of_user(ws.me_id)]


def run_export(server, out: Path, channel_ids=None, token=None, events=None, **options):
    client = Client(server.url, token or server.token)
    options.setdefault("formats", ["json"])
    exporter = Exporter(
        client,
        out,
        channel_ids if channel_ids is not None else readable_channel_ids(server),
        ExportOptions(**options),
        on_event=(events.append if events is not None else None),
    )
    return exporter.run()


def server_post_ids(server, channel_id: str) -> list[str]:
    """What the server holds: every visible post, oldest first by (create_at, id)."""
    sequence = server.workspace.visible_posts(channel_id)
    return [p["id"] for p in reversed(sequence.page(0, len(sequence)))]


def archive_post_ids(root: Path, channel_id: str) -> list[str]:
    archive = Archive(root)
    entry = next(e for e in archive.channel_entries() if e["id"] == channel_id)
    return [p["id"] for p in archive.posts(entry)]


def archive_snapshot(root: Path) -> dict[str, bytes]:
    """The archive's content that must not depend on how often a run was interrupted."""
    snapshot = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_dir() or rel.startswith(".mmexport") or rel == "manifest.json":
            continue
        if not (
            rel.endswith((".json", ".jsonl")) or "/files/" in rel or rel.startswith(("avatars/", "emoji/"))
        ):
            continue  # the viewer and README are renderings that carry the time they were made
        snapshot[rel] = path.read_bytes()
    manifest = json.loads((root / "manifest.json").read_text())
    snapshot["manifest:channels"] = json.dumps(manifest["channels"], sort_keys=True).encode()
    snapshot["manifest:files"] = json.dumps(manifest["files"], sort_keys=True).encode()
    return snapshot


# `python -m mmexport`, with Ctrl-C working even where the test runner was started with SIGINT ignored
# (nohup, some CI shells): a child inherits the ignoring, and Python then installs no KeyboardInterrupt.
MMEXPORT_WITH_CTRL_C = [
    sys.executable,
    "-c",
    "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('mmexport', run_name='__main__', alter_sys=True)",
]


def cli(*args: str, token: str, stdin: str | None = None, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    return subprocess.Popen(
        [*MMEXPORT_WITH_CTRL_C, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def all_posts(root: Path):
    archive = Archive(root)
    for entry in archive.channel_entries():
        yield from iter_jsonl(archive.channel_dir(entry) / "posts.jsonl")
