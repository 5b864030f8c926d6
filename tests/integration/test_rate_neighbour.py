"""A neighbour on the rate budget (issue 21, item 5): a 429 is the server asking us to wait, not a failure.

Another client on the same address spends the demo server's budget (GCRA per address, as the real server's
throttled limiter) while `mmexport export` runs: the export waits, says so with the time waited, and
completes once the neighbour stops. Only minutes without a single accepted request end a run, and then it
stops resumable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.neighbour import QUERY, Neighbour

from mmexport import exitcodes
from mmexport.demo.server import DemoServer
from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.mattermost import Client


def _labor(server: DemoServer) -> str:
    return next(c["id"] for c in server.workspace.channels.values() if c["name"] == "labor")


def test_an_export_outlasts_a_neighbour_spending_the_budget(tmp_path):
    with DemoServer(rate_limit=5, burst=5) as server:
        with Neighbour(server.url, seconds=12) as neighbour:
            time.sleep(0.5)  # the budget is spent before the export asks for anything
            proc = subprocess.run(
                [sys.executable, "-m", "mmexport", "export", "--server", server.url, "--out",
                 str(tmp_path / "a"), "--channel", _labor(server), "--formats", "json", "--no-avatars"],
                env={**os.environ, "MMEXPORT_TOKEN": server.token},
                capture_output=True,
                text=True,
                timeout=240,
            )  # fmt: skip
        ours_refused = [path for _m, path, query, status in server.requests if status == 429 and query != QUERY]
    assert proc.returncode == exitcodes.OK, proc.stderr
    assert neighbour.refused > 0 and ours_refused, "the export was never refused: no contest"
    assert "The server asks for fewer requests" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert [c["complete"] for c in manifest["channels"]] == [True]


def test_minutes_without_an_accepted_request_stop_the_run_resumably(tmp_path):
    """The patience is shortened to 3 s here (minutes in the program): the run stops, the next completes."""
    with DemoServer(rate_limit=2, burst=2) as server:
        channel = _labor(server)
        with Neighbour(server.url, seconds=30) as neighbour:
            time.sleep(0.5)
            client = Client(server.url, server.token, rate_patience=3.0)
            events: list = []
            first = Exporter(client, tmp_path / "a", [channel], ExportOptions(formats=["json"], avatars=False),
                             on_event=events.append).run()  # fmt: skip
            neighbour.stopping.set()
        assert first.outcome == "failed", first.message
        assert "refused every request" in first.message and "continues where it stopped" in first.message
        assert any(type(e).__name__ == "NetworkWait" and e.reason == "rate limit" for e in events)
        second = Exporter(
            Client(server.url, server.token), tmp_path / "a", [channel], ExportOptions(formats=["json"], avatars=False)
        ).run()
    assert second.outcome == "done", second.message
