"""A chat stopped while it was being fetched, read in real Chromium (#20 item 7, #21 item 7): Ctrl-C in
`mmexport export` while a 3,000-post channel is being fetched from the demo server over HTTP. The viewer
shows the messages fetched so far, and marks the chat as incomplete in the sidebar and on its page."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest

from integration.export_helpers import cli
from mmexport.archive.state import StateStore
from mmexport.demo.server import DemoServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def shots(tmp_path_factory) -> Path:
    """docs/screenshots/ with MMEXPORT_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("MMEXPORT_SCREENSHOTS"):
        return Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    return tmp_path_factory.mktemp("screenshots")


def test_the_viewer_shows_the_fetched_part_of_a_chat_marked_incomplete(tmp_path: Path, open_page, shots) -> None:
    out = tmp_path / "archive"
    with DemoServer(big_channel_posts=3000, latency_ms=30) as server:
        big = server.workspace.big.channel_id
        proc = cli(
            "export", "--server", server.url, "--out", str(out), "--channel", big, "--jobs", "1", "--no-files",
            token=server.token,
        )  # fmt: skip
        pages = StateStore(out).pages_dir(big)
        deadline = time.monotonic() + 120
        while len(list(pages.glob("*.jsonl"))) < 2:  # two pages fetched, thirteen to go
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no two pages in two minutes"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    entry = json.loads((out / "manifest.json").read_text("utf-8"))["channels"][0]
    assert entry["complete"] is False and 200 < entry["posts"] < 3000

    page, log = open_page((out / "index.html").resolve().as_uri())
    meta = page.inner_text("nav.sidebar li a[data-ch='0'] .ch-meta")
    assert meta.startswith(f"{entry['posts']} messages"), meta  # fewer than 1,000: no separator
    assert "incomplete" in meta and "not saved yet" not in meta
    page.click("nav.sidebar a[data-ch='0']")
    page.wait_for_load_state("load")
    assert page.locator("article.post").count() == entry["posts"]
    assert page.inner_text("p.warning") == "This chat was not exported completely."
    page.locator("p.warning").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "viewer-partial-chat.png"))
    assert log.page_errors == [] and log.console_errors == []
