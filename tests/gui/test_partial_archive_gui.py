"""Stopping the export in the wizard leaves a readable archive (issue 13, item 1): the dialog's "what was
saved stays in the folder" is true as an index.html a person can open, marked incomplete."""

from __future__ import annotations

import json

import pytest

from mmexport.archive.layout import INDEX, MANIFEST, README
from mmexport.demo.server import DemoServer
from mmexport.gui.wizard import EXPORT, ExportWizard
from mmexport.settings import load_settings

from .conftest import LONG, enter_server, go_to_server_page, set_folder, sign_in_with_curl, tick_chats

CHATS = ["Projekt Alpha", "Import Altsystem", "Allgemein", "Off-Topic"]


@pytest.fixture
def slow_server():
    with DemoServer(latency_ms=25) as server:
        yield server


def _start_export(qtbot, wizard, server, out) -> None:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    tick_chats(qtbot, wizard, CHATS)
    wizard.next()
    set_folder(wizard, out)
    wizard.next()
    assert wizard.currentId() == EXPORT


def _one_chat_saved(out) -> bool:
    folder = out / ".mmexport" / "channels"
    for path in folder.glob("*.json") if folder.is_dir() else []:
        try:
            if json.loads(path.read_text("utf-8")).get("complete"):
                return True
        except ValueError:
            continue
    return False


def _assert_readable_and_incomplete(out, saved_at_least: int) -> None:
    assert (out / INDEX).is_file() and (out / README).is_file()
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest["complete"] is False and manifest["stopped_at"]
    assert manifest["stop_reason"] == "cancelled"
    saved = [c for c in manifest["channels"] if c["complete"]]
    assert len(saved) >= saved_at_least and len(saved) < len(manifest["channels"])
    index = (out / INDEX).read_text("utf-8")
    assert 'id="archive-incomplete"' in index
    for entry in saved:
        assert (out / entry["path"] / "messages.html").is_file()


def test_stop_button_leaves_an_index_of_what_was_saved(qtbot, wizard, slow_server, tmp_path):
    out = tmp_path / "archive"
    _start_export(qtbot, wizard, slow_server, out)
    page = wizard.export_page
    qtbot.waitUntil(lambda: _one_chat_saved(out), timeout=LONG)
    page.cancel_button.click()  # wizard.confirm answers yes
    qtbot.waitUntil(lambda: not page.running(), timeout=LONG)
    assert wizard.state.result.outcome == "cancelled"
    _assert_readable_and_incomplete(out, 1)


def test_closing_the_window_answered_yes_leaves_an_index(qtbot, slow_server, tmp_path):
    out = tmp_path / "archive"
    wizard = ExportWizard(settings=load_settings())
    wizard.confirm = lambda title, text: True  # "Stop the export?" -> Ja
    qtbot.addWidget(wizard)
    wizard.show()
    _start_export(qtbot, wizard, slow_server, out)
    qtbot.waitUntil(lambda: _one_chat_saved(out), timeout=LONG)
    assert wizard.close()
    _assert_readable_and_incomplete(out, 1)


def test_the_next_start_makes_what_a_crash_left_readable(qtbot, slow_server, tmp_path):
    """A crash (or kill -9) ends an export before it writes index.html: the next start writes it from what
    was saved, marked incomplete, and offers to open it beside "continue"."""
    out = tmp_path / "archive"
    first = ExportWizard(settings=load_settings())
    first.confirm = lambda title, text: True
    qtbot.addWidget(first)
    first.show()
    _start_export(qtbot, first, slow_server, out)
    qtbot.waitUntil(lambda: _one_chat_saved(out), timeout=LONG)
    assert first.close()
    # What a crash leaves: the saved chats and the state, but none of the readable files.
    for readable in [out / INDEX, out / README, *out.glob("channels/*/*/messages*.html")]:
        readable.unlink()
    assert not (out / INDEX).exists()

    second = ExportWizard(settings=load_settings())
    qtbot.addWidget(second)
    second.show()
    try:
        welcome = second.welcome_page
        assert welcome.resume_box.isVisible()
        qtbot.waitUntil(welcome.read_saved_button.isVisible, timeout=LONG)
        _assert_readable_and_incomplete(out, 1)
    finally:
        second.shutdown()
