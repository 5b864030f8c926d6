"""Export options, pause, progress events and a full disk, against the demo server over real HTTP."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime

from mmexport import exitcodes
from mmexport.archive.reader import Archive, Kind, examine
from mmexport.demo.server import DemoServer
from mmexport.exporting import events as ev
from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.verify import verify_archive
from mmexport.mattermost import Client
from outcomes import assert_nothing_lost_but_lost_files

from .export_helpers import all_posts, readable_channel_ids, run_export, server_post_ids


def _busiest(server) -> str:
    ws = server.workspace
    return max(readable_channel_ids(server), key=lambda cid: len(ws.visible_posts(cid)))


def test_date_range_keeps_only_posts_inside_it(tmp_path):
    out = tmp_path / "archive"
    with DemoServer() as server:
        channel = _busiest(server)
        times = sorted(p["create_at"] for p in server.workspace.visible_posts(channel).page(0, 10**6))
        after_ms, before_ms = times[len(times) // 3], times[2 * len(times) // 3]
        after = datetime.fromtimestamp(after_ms / 1000, UTC)
        before = datetime.fromtimestamp(before_ms / 1000, UTC)
        result = run_export(server, out, [channel], after=after, before=before)
        expected = [
            i
            for i, t in zip(server_post_ids(server, channel), sorted(times), strict=True)
            if after_ms <= t < before_ms
        ]
    assert_nothing_lost_but_lost_files(result)
    kept = list(all_posts(out))
    assert kept and all(after_ms <= p["create_at"] < before_ms for p in kept)
    assert len(kept) == len(expected)


def test_without_files_and_with_a_size_limit(tmp_path):
    with DemoServer() as server:
        channels = readable_channel_ids(server)
        result = run_export(
            server, tmp_path / "nofiles", channels, files=False, avatars=False, custom_emoji=False
        )
        assert result.outcome == "done" and result.files == 0
        assert not [p for p in (tmp_path / "nofiles").rglob("files/*") if ".mmexport" not in p.parts]
        assert not (tmp_path / "nofiles" / "avatars").exists()
        assert server.request_counts["GET /api/v4/files/{file_id}"] == 0
        result = run_export(server, tmp_path / "small", channels, max_file_size=2000)
    big = [p for p in result.problems if "larger than the chosen limit" in p["what"]]
    assert big, "files over the limit are listed as problems"
    for entry in Archive(tmp_path / "small").manifest["files"]:
        assert entry["size"] <= 2000


def test_deleted_posts_are_kept_and_marked_on_update(tmp_path):
    out = tmp_path / "archive"
    with DemoServer() as server:
        channel = _busiest(server)
        run_export(server, out, [channel], files=False)
        ws = server.workspace
        doomed = next(p for p in ws.visible_posts(channel).page(10, 50) if not p["root_id"])
        ws.delete_post(doomed["id"])
        run_export(server, out, [channel], files=False)
    entry = Archive(out).channel_entries()[0]
    assert doomed["id"] in entry["deleted_on_server"]
    kept = next(p for p in all_posts(out) if p["id"] == doomed["id"])
    assert kept["message"] == doomed["message"], "nothing already saved is lost"


def test_progress_events_pause_and_resume(tmp_path):
    out = tmp_path / "archive"
    events: list[ev.Event] = []
    with DemoServer(latency_ms=20) as server:
        client = Client(server.url, server.token)
        options = ExportOptions(formats=["json"], jobs=2)
        exporter = Exporter(client, out, readable_channel_ids(server), options, events.append)
        thread = threading.Thread(target=exporter.run)
        thread.start()
        deadline = time.monotonic() + 30
        while not any(isinstance(e, ev.ChannelProgress) for e in events) and time.monotonic() < deadline:
            time.sleep(0.01)
        exporter.pause()
        deadline = time.monotonic() + 30
        while client.pacer.in_flight and time.monotonic() < deadline:  # requests on the way finish
            time.sleep(0.01)
        assert client.pacer.in_flight == 0
        before = len(server.requests)
        # An absence can only be watched for a while: a second in which a running export would have sent
        # dozens of requests (20 ms each, two at a time). The loop fails at the first one.
        quiet_until = time.monotonic() + 1.0
        while time.monotonic() < quiet_until:
            assert len(server.requests) == before, "no request while paused"
            time.sleep(0.01)
        exporter.resume()
        thread.join(60)
    kinds = [type(e) for e in events if not isinstance(e, ev.LogMessage)]  # the preparation says what it does
    assert kinds[0] is ev.RunStarted and kinds[-1] is ev.RunFinished
    assert ev.Paused in kinds and ev.Resumed in kinds
    progress = [e for e in events if isinstance(e, ev.OverallProgress)]
    assert progress and progress[-1].posts_done > 0
    assert any(e.eta_seconds is not None for e in progress)
    assert sum(isinstance(e, ev.ChannelFinished) for e in events) == len(readable_channel_ids(server))
    assert examine(out).kind is Kind.FINISHED


def test_cli_exit_codes_and_messages(tmp_path):
    with DemoServer() as server:
        env = {"MMEXPORT_TOKEN": "x" * 26}
        proc = _cli(["export", "--server", server.url, "--out", str(tmp_path / "a"), "--all"], env)
        assert proc.returncode == 3 and "Traceback" not in proc.stderr
        proc = _cli(
            ["export", "--server", "http://127.0.0.1:9", "--out", str(tmp_path / "a"), "--all"],
            {"MMEXPORT_TOKEN": server.token},
        )
        assert proc.returncode == 4 and "Traceback" not in proc.stderr
        proc = _cli(
            ["export", "--server", server.url, "--out", str(tmp_path / "a"), "--channel", "nope/nothing"],
            {"MMEXPORT_TOKEN": server.token},
        )
        assert proc.returncode == 2 and "nope/nothing" in proc.stderr
        proc = _cli(
            ["export", "--server", server.url, "--out", str(tmp_path / "a"), "--all", "--after", "soon"],
            {"MMEXPORT_TOKEN": server.token},
        )
        assert proc.returncode == 2 and "2024-03-31" in proc.stderr
        team = server.workspace.teams[server.workspace.channels[_busiest(server)]["team_id"]]["name"]
        name = server.workspace.channels[_busiest(server)]["name"]
        proc = _cli(
            [
                "export",
                "--server",
                server.url,
                "--out",
                str(tmp_path / "b"),
                "--channel",
                f"{team}/{name}",
                "--formats",
                "json,csv",
            ],
            {"MMEXPORT_TOKEN": server.token},
        )
        assert proc.returncode in (0, 5), proc.stderr
        assert "index.html" in proc.stdout
        assert len(Archive(tmp_path / "b").channel_entries()) == 1


def _cli(args, env):
    import os

    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


FULL_DISK_SCRIPT = textwrap.dedent(
    """
    import json, os, subprocess, sys
    disk, url, token = sys.argv[1:4]
    os.makedirs(disk, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", disk], check=True)
    out = os.path.join(disk, "archive")
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    cmd = [sys.executable, "-m", "mmexport", "export", "--server", url, "--out", out, "--all", "--formats", "json"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True)
    torn = []
    for root, _, files in os.walk(out):
        for name in files:
            if name == "posts.jsonl":
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    for line in f:
                        try:
                            json.loads(line)
                        except ValueError:
                            torn.append(name)
            if name.endswith(".part"):
                torn.append(name)
    subprocess.run(["mount", "-o", "remount,size=200m", disk], check=True)
    second = subprocess.run(cmd, env=env, capture_output=True, text=True)
    verify = subprocess.run([sys.executable, "-m", "mmexport", "verify", out], capture_output=True, text=True)
    print(json.dumps({"first": [first.returncode, first.stderr], "torn": torn,
                      "second": [second.returncode, second.stderr], "verify": verify.returncode}))
    """
)


def test_a_full_disk_stops_cleanly_and_the_export_continues_after_space_is_freed(tmp_path):
    """A small file system of its own (tmpfs in a private mount namespace) fills up during the export."""
    assert shutil.which("unshare"), "util-linux unshare is part of every Debian system"
    with DemoServer() as server:
        proc = subprocess.run(
            [
                "unshare",
                "--mount",
                "--map-root-user",
                sys.executable,
                "-c",
                FULL_DISK_SCRIPT,
                str(tmp_path / "disk"),
                server.url,
                server.token,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    code, stderr = report["first"]
    assert code == exitcodes.DISK_FULL and "disk is full" in stderr and "Traceback" not in stderr
    assert report["torn"] == []
    assert report["second"][0] in (0, 5), report["second"][1]
    assert report["verify"] == 0


def test_verify_of_the_reference_archive_passes(tmp_path):
    with DemoServer() as server:
        run_export(server, tmp_path / "a", readable_channel_ids(server)[:5])
    assert verify_archive(tmp_path / "a").ok
