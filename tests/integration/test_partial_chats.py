"""A chat stopped while it was being fetched keeps what was fetched, readable (#20 item 7, #21 item 7):
over real HTTP against the demo server, an export is cancelled part way through a big channel, and the
person is removed from a channel part way through it. Its fetched messages are in posts.jsonl, marked
incomplete in the manifest; verify names the chat as partial, not as an error; the next run completes it."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from tests.integration.export_helpers import archive_post_ids, cli, run_export, server_post_ids

from mmexport.archive.reader import Archive, Kind, examine
from mmexport.archive.state import StateStore
from mmexport.demo.server import DemoServer
from mmexport.exporting.engine import Exporter
from mmexport.exporting.events import ChannelProgress
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.verify import verify_archive
from mmexport.mattermost import Client

BIG = 3000  # posts: 15 pages of 200
STOP_AFTER = 400  # posts fetched before the stop: at least two pages


def _export_stopping_part_way(server: DemoServer, out: Path, channel_id: str, stop) -> tuple:
    """Exports one channel; `stop(exporter)` runs once, when STOP_AFTER of its posts are fetched."""
    fetched: list[int] = []

    def on_event(event: object) -> None:
        if isinstance(event, ChannelProgress) and event.channel_id == channel_id:
            fetched.append(event.posts_done)
            if event.posts_done >= STOP_AFTER and len([n for n in fetched if n >= STOP_AFTER]) == 1:
                stop(exporter)

    options = ExportOptions(formats=["html", "json"], jobs=1, files=False, avatars=False, custom_emoji=False)
    exporter = Exporter(Client(server.url, server.token), out, [channel_id], options, on_event)
    return exporter.run(), fetched


def _entry(out: Path, channel_id: str) -> dict:
    return next(e for e in Archive(out).channel_entries() if e["id"] == channel_id)


def test_a_chat_cancelled_while_it_was_fetched_shows_what_was_fetched(tmp_path: Path) -> None:
    out = tmp_path / "archive"
    with DemoServer(big_channel_posts=BIG, latency_ms=20) as server:
        big = server.workspace.big.channel_id
        result, _ = _export_stopping_part_way(server, out, big, lambda exporter: exporter.cancel())
        assert result.outcome == "cancelled"
        entry = _entry(out, big)
        saved = archive_post_ids(out, big)
        assert entry["complete"] is False
        assert 200 < entry["posts"] == len(saved) < BIG  # more than a page (pages overlap by a millisecond)
        # The walk goes from the newest post backwards: what was fetched is the newest part, in order.
        assert saved == server_post_ids(server, big)[-len(saved):]
        assert examine(out).kind is Kind.UNFINISHED

        report = verify_archive(out)
        assert report.ok, report.errors
        assert report.partial == [entry["display_name"]] and report.posts == len(saved)
        proc = cli("verify", str(out), token="")
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 0, stderr
        assert "Saved only in part" in stdout and entry["display_name"] in stdout

        page = (out / entry["path"] / "messages.html").read_text("utf-8")
        assert 'class="warning"' in page  # the chat is marked incomplete in the viewer

        again = run_export(server, out, [big], files=False)
        assert again.outcome == "done"
        assert _entry(out, big)["complete"] is True
        assert archive_post_ids(out, big) == server_post_ids(server, big)
        assert verify_archive(out).partial == []


def test_a_chat_the_person_was_removed_from_keeps_what_was_fetched(tmp_path: Path) -> None:
    out = tmp_path / "archive"
    with DemoServer(big_channel_posts=BIG, latency_ms=20) as server:
        ws = server.workspace
        big = ws.big.channel_id
        expected = server_post_ids(server, big)

        def remove_me(_exporter: Exporter) -> None:
            with ws.lock:  # as an administrator would: out of the channel and its team
                ws.channel_members[big].remove(ws.me_id)
                ws.team_members[ws.channels[big]["team_id"]].remove(ws.me_id)

        result, _ = _export_stopping_part_way(server, out, big, remove_me)
        assert result.outcome == "incomplete"
        assert [p["channel_id"] for p in result.problems] == [big]
        entry = _entry(out, big)
        saved = archive_post_ids(out, big)
        assert entry["complete"] is False
        assert 200 < entry["posts"] == len(saved) < BIG  # more than a page (pages overlap by a millisecond)
        assert saved == expected[-len(saved):]
        report = verify_archive(out)
        assert report.ok and report.partial == [entry["display_name"]]


def test_a_chat_killed_while_it_was_fetched_shows_what_was_fetched_after_render(tmp_path: Path) -> None:
    """kill -9 leaves no word: `mmexport render` (and the wizard's 'read what was saved', which renders
    the same way) writes the fetched pages into posts.jsonl, marked incomplete; the next run completes it."""
    out = tmp_path / "archive"
    with DemoServer(big_channel_posts=BIG, latency_ms=30) as server:
        big = server.workspace.big.channel_id
        proc = cli(
            "export", "--server", server.url, "--out", str(out), "--channel", big, "--jobs", "1", "--no-files",
            token=server.token,
        )  # fmt: skip
        pages = StateStore(out).pages_dir(big)
        deadline = time.monotonic() + 120
        while len(list(pages.glob("*.jsonl"))) < 2:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no two pages in two minutes"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert not (out / _entry(out, big)["path"] / "posts.jsonl").exists()  # nothing written yet

        render = cli("render", str(out), token="")
        _, stderr = render.communicate(timeout=120)
        assert render.returncode == 0, stderr
        entry = _entry(out, big)
        saved = archive_post_ids(out, big)
        assert entry["complete"] is False and 200 < entry["posts"] == len(saved) < BIG
        assert saved == server_post_ids(server, big)[-len(saved):]
        assert verify_archive(out).partial == [entry["display_name"]]
        assert 'class="warning"' in (out / entry["path"] / "messages.html").read_text("utf-8")

        again = run_export(server, out, [big], files=False)
        assert again.outcome == "done"
        assert archive_post_ids(out, big) == server_post_ids(server, big)
