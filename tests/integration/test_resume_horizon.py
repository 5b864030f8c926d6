"""A resumed run saves everything up to its own start, not up to its first attempt's (issue 21, item 3).

Over HTTP against the demo server: an export is interrupted (as by Ctrl-C) while one chat is half read and
another is finished; new messages are posted into both; the resumed run brings both up to its own start
and says "Everything was saved"."""

from __future__ import annotations

import threading
from pathlib import Path

from mmexport.archive.reader import Archive
from mmexport.demo.server import DemoServer
from mmexport.exporting.engine import Exporter
from mmexport.exporting.events import ChannelFinished, ChannelProgress
from mmexport.exporting.options import ExportOptions
from mmexport.mattermost import Client

from .export_helpers import archive_post_ids, server_post_ids


def _ids(server: DemoServer, *names: str) -> list[str]:
    by_name = {c["name"]: c["id"] for c in server.workspace.channels.values()}
    return [by_name[name] for name in names]


def _exporter(server: DemoServer, out: Path, channels: list[str], on_event=None) -> Exporter:
    return Exporter(Client(server.url, server.token), out, channels, ExportOptions(formats=["json"], jobs=2), on_event)


def test_a_resumed_run_saves_what_was_posted_after_the_first_attempt_began(tmp_path):
    out = tmp_path / "archive"
    with DemoServer(latency_ms=30) as server:
        big, small = _ids(server, "projekt-alpha", "labor")
        finished: set[str] = set()
        stopped = threading.Event()

        def on_event(event) -> None:
            if isinstance(event, ChannelFinished):
                finished.add(event.channel_id)
            half_read = isinstance(event, ChannelProgress) and event.channel_id == big and event.posts_done > 0
            if half_read and small in finished and big not in finished and not stopped.is_set():
                stopped.set()
                exporter.cancel()  # what Ctrl-C does

        exporter = _exporter(server, out, [big, small], on_event)
        first = exporter.run()
        assert first.outcome == "cancelled" and stopped.is_set(), first.outcome
        assert big not in finished and small in finished

        ws = server.workspace
        new = [ws.add_post(channel, ws.me_id, f"Nach dem Abbruch {n}")["id"] for channel in (big, small) for n in (1, 2)]
        second = _exporter(server, out, [big, small]).run()
        assert second.outcome == "done", second.message
        assert second.message == "Everything was saved."
        for channel in (big, small):
            assert archive_post_ids(out, channel) == server_post_ids(server, channel)
        saved = {pid for channel in (big, small) for pid in archive_post_ids(out, channel)}
        assert set(new) <= saved, "messages posted before the resumed run began are in the archive"
    entries = {e["id"]: e for e in Archive(out).channel_entries()}
    assert entries[big]["complete"] and entries[small]["complete"]
