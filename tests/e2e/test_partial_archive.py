"""A stopped export leaves an archive a person can read (issue 13, item 1), opened in real Chromium.

Ctrl-C in `mmexport export` (exit code 130, no traceback), and kill -9 followed by `mmexport render`,
against the demo server over HTTP. The GUI's cancel and close are in tests/gui/test_partial_archive_gui.py.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from integration.export_helpers import cli
from mmexport.demo.server import DemoServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """docs/screenshots/ with MMEXPORT_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("MMEXPORT_SCREENSHOTS"):
        return REPO / "docs" / "screenshots"
    return tmp_path_factory.mktemp("screenshots")


def file_url(path: Path) -> str:
    return path.resolve().as_uri()


def chats_saved(out: Path) -> int:
    """Chats whose posts.jsonl is written, by their resume state (what the engine trusts)."""
    folder = out / ".mmexport" / "channels"
    if not folder.is_dir():
        return 0
    saved = 0
    for path in folder.glob("*.json"):
        try:
            saved += bool(json.loads(path.read_text("utf-8")).get("complete"))
        except ValueError:
            continue  # being replaced right now
    return saved


def wait_until_chats_saved(out: Path, proc: subprocess.Popen, count: int) -> None:
    deadline = time.monotonic() + 120
    while chats_saved(out) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the export saved too little in two minutes"
        time.sleep(0.02)


def export_command(server: DemoServer, out: Path) -> list[str]:
    return ["export", "--server", server.url, "--out", str(out), "--all", "--jobs", "2"]


def sidebar(page) -> dict[int, tuple[str, str]]:
    """Index of the chat in manifest.json -> (its name, the line under it), as the sidebar shows them."""
    rows = page.eval_on_selector_all(
        "nav.sidebar li a",
        "els => els.map(a => [+a.dataset.ch, a.querySelector('.ch-name').textContent,"
        " a.querySelector('.ch-meta').textContent])",
    )
    return {index: (name, meta) for index, name, meta in rows}


def test_ctrl_c_exits_130_and_leaves_an_index_of_the_saved_chats(tmp_path, open_page, shots):
    out = tmp_path / "archive"
    with DemoServer(latency_ms=20) as server:
        proc = cli(*export_command(server, out), token=server.token)
        wait_until_chats_saved(out, proc, 3)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert "index.html" in stderr  # says where to read what was saved
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] is False and manifest["stop_reason"] == "cancelled" and manifest["stopped_at"]
    channels = manifest["channels"]
    saved = [i for i, c in enumerate(channels) if c["complete"]]
    assert len(saved) >= 3 and len(saved) < len(channels)
    assert "incomplete" in (out / "README.txt").read_text("utf-8")

    page, log = open_page(file_url(out / "index.html"))
    notice = page.inner_text("#archive-incomplete")
    assert "This archive is incomplete: the export was stopped on" in notice and "cancelled" in notice
    assert page.is_visible("nav.sidebar .archive-state")
    page.screenshot(path=str(shots / "viewer-incomplete.png"))
    shown = sidebar(page)
    assert len(shown) == len(channels)
    for i, entry in enumerate(channels):
        name, meta = shown[i]
        assert name == entry["display_name"]
        if entry["complete"]:
            assert meta.startswith(f"{entry['posts']} message") and "not saved yet" not in meta, meta
        elif not entry["posts"]:
            assert meta == "not saved yet", meta
    biggest = max(saved, key=lambda i: channels[i]["posts"])
    page.click(f"nav.sidebar a[data-ch='{biggest}']")
    page.wait_for_load_state("load")
    assert page.locator("article.post").count() == channels[biggest]["posts"]
    assert log.page_errors == [] and log.console_errors == []


def test_kill_9_then_render_shows_what_was_saved_in_german(tmp_path, open_page, shots):
    out = tmp_path / "archive"
    with DemoServer(latency_ms=20) as server:
        proc = cli(*export_command(server, out), token=server.token)
        wait_until_chats_saved(out, proc, 2)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    render = subprocess.run(
        [sys.executable, "-m", "mmexport", "render", str(out)],
        env={**os.environ, "MMEXPORT_LANG": "de"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert render.returncode == 0, render.stderr
    states = [json.loads(p.read_text("utf-8")) for p in (out / ".mmexport" / "channels").glob("*.json")]
    saved_paths = {s["path"]: s["posts"] for s in states if s.get("complete")}
    assert len(saved_paths) >= 2

    page, log = open_page(file_url(out / "index.html"))
    assert "Dieses Archiv ist unvollständig" in page.inner_text("#archive-incomplete")
    page.screenshot(path=str(shots / "viewer-incomplete-de.png"))
    channels = json.loads((out / "manifest.json").read_text("utf-8"))["channels"]
    shown = sidebar(page)
    for i, entry in enumerate(channels):
        _, meta = shown[i]
        if entry["path"] in saved_paths:
            posts = saved_paths[entry["path"]]
            assert meta.startswith(f"{posts} Nachricht") and "noch nicht gespeichert" not in meta, meta
    assert "noch nicht gespeichert" in " ".join(meta for _, meta in shown.values())
    assert log.page_errors == [] and log.console_errors == []
