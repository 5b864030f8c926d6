"""The export page: an expired sign-in continues after a fresh token; cancel then resume; close and continue
on the next start. All against a demo server that answers slowly enough to interrupt a run."""

from __future__ import annotations

import json
import threading
import time

import pytest

from mmexport.archive.layout import MANIFEST, iter_jsonl
from mmexport.archive.reader import Kind, examine
from mmexport.demo.server import DemoServer
from mmexport.gui.state import CHATS as CHATS_PAGE
from mmexport.gui.state import DONE, EXPORT, WELCOME
from mmexport.gui.wizard import ExportWizard
from mmexport.settings import load_settings

from .conftest import LONG, enter_server, go_to_server_page, set_folder, sign_in_with_curl, tick_chats

POSTS_ROUTE = "GET /api/v4/channels/{channel_id}/posts"
CHATS = ["Projekt Alpha", "Import Altsystem", "Allgemein"]


@pytest.fixture
def slow_server():
    with DemoServer(latency_ms=15) as server:
        yield server


def _start_export(qtbot, wizard, server, out, chats=CHATS) -> list[str]:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    ids = tick_chats(qtbot, wizard, chats)
    wizard.next()
    set_folder(wizard, out)
    server.reset_counts()
    wizard.next()
    assert wizard.currentId() == EXPORT
    return ids


def _check_archive(out, ids, server) -> None:
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(c["id"] for c in manifest["channels"]) == sorted(ids)
    for entry in manifest["channels"]:
        posts = list(iter_jsonl(out / entry["path"] / "posts.jsonl"))
        assert len(posts) == entry["posts"] > 0
        assert len({p["id"] for p in posts}) == len(posts)
    assert examine(out).kind is Kind.FINISHED


def _when(condition, action) -> threading.Thread:
    """Runs action once condition holds, from a plain thread, as a network event would happen."""

    def watch():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if condition():
                action()
                return
            time.sleep(0.005)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_expired_sign_in_asks_for_a_new_token_and_continues(qtbot, wizard, slow_server, tmp_path):
    server = slow_server
    out = tmp_path / "archive"
    _when(lambda: server.request_counts[POSTS_ROUTE] >= 3, lambda: server.expire_token(server.token))
    ids = _start_export(qtbot, wizard, server, out)
    page = wizard.export_page
    qtbot.waitUntil(lambda: page.token_dialog is not None and page.token_dialog.isVisible(), timeout=LONG)
    assert "expired" in page.status.plain_text()
    assert examine(out).kind is Kind.UNFINISHED

    dialog = page.token_dialog
    dialog.paste.setText("not a token at all")
    dialog.continue_button.click()
    assert dialog.isVisible() and dialog.status.kind == "error"

    fresh = server.issue_token()
    dialog.paste.setText(f"MMAUTHTOKEN={fresh}")
    dialog.continue_button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    assert not dialog.isVisible()
    _check_archive(out, ids, server)
    log_lines = [page.log_list.item(i).text() for i in range(page.log_list.count())]
    assert any("Signed in again" in line for line in log_lines)
    # the preparation's steps are listed once, not again after the fresh sign-in
    for step in ("Asking the server which chats you can read…", "Continuing an earlier export in this folder."):
        assert log_lines.count(step) <= 1, log_lines
    assert log_lines.count("3 chats to save.") == 1, log_lines
    # continuing did not start from scratch: no page of posts was fetched successfully twice
    pages = [
        (path, query)
        for method, path, query, status in server.requests
        if method == "GET" and path.endswith("/posts") and status == 200
    ]
    repeated = {p for p in pages if pages.count(p) > 1}
    assert not repeated


def test_cancel_asks_first_then_resume_finishes(qtbot, wizard, slow_server, tmp_path):
    server = slow_server
    out = tmp_path / "archive"
    ids = _start_export(qtbot, wizard, server, out)
    page = wizard.export_page
    qtbot.waitUntil(lambda: server.request_counts[POSTS_ROUTE] >= 3, timeout=LONG)

    wizard.confirm_answer = False  # "No, keep going"
    page.cancel_button.click()
    assert wizard.answers and page.running()

    wizard.confirm_answer = True
    page.cancel_button.click()
    qtbot.waitUntil(lambda: not page.running(), timeout=LONG)
    assert wizard.state.result.outcome == "cancelled"
    assert page.resume_button.isVisible()
    assert "stopped" in page.status.plain_text()
    assert examine(out).kind is Kind.UNFINISHED
    assert load_settings().unfinished is not None

    page.resume_button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    _check_archive(out, ids, server)
    assert load_settings().unfinished is None


def test_pause_and_resume(qtbot, wizard, slow_server, tmp_path):
    server = slow_server
    out = tmp_path / "archive"
    _start_export(qtbot, wizard, server, out)
    page = wizard.export_page
    qtbot.waitUntil(lambda: page.chat_bars.titles() != [], timeout=LONG)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.pause_button.property("paused") is True, timeout=LONG)
    # paused looks paused: grey bars, and the word instead of a speed, also when late figures arrive
    assert not page.overall.isEnabled() and not page.chat_bars.bars[0].isEnabled()
    assert page.speed.text() == "Paused. Press “Resume” to go on."
    pacer = wizard.state.client.pacer
    qtbot.waitUntil(lambda: pacer.in_flight == 0, timeout=LONG)  # requests already on the way finish
    before = server.request_counts[POSTS_ROUTE]
    qtbot.wait(500)  # an absence is watched for a while: a running export sends many requests meanwhile
    assert server.request_counts[POSTS_ROUTE] == before, "no request while paused"
    assert page.speed.text() == "Paused. Press “Resume” to go on."
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.pause_button.property("paused") is False, timeout=LONG)
    assert page.overall.isEnabled() and page.chat_bars.isEnabled()
    assert "Paused" not in page.speed.text()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)


def test_closing_during_export_leaves_it_resumable_and_the_next_start_offers_it(qtbot, slow_server, tmp_path):
    server = slow_server
    out = tmp_path / "archive"
    first = ExportWizard(settings=load_settings())
    first.confirm = lambda title, text: True
    qtbot.addWidget(first)
    first.show()
    ids = _start_export(qtbot, first, server, out)
    qtbot.waitUntil(lambda: server.request_counts[POSTS_ROUTE] >= 3, timeout=LONG)
    started = time.monotonic()
    assert first.close()
    assert time.monotonic() - started < 10
    assert examine(out).kind is Kind.UNFINISHED
    unfinished = load_settings().unfinished
    assert (
        unfinished is not None
        and unfinished.folder == str(out)
        and sorted(unfinished.channel_ids) == sorted(ids)
    )

    second = ExportWizard(settings=load_settings())
    second.confirm = lambda title, text: True
    qtbot.addWidget(second)
    second.show()
    try:
        assert second.currentId() == WELCOME
        welcome = second.welcome_page
        assert welcome.resume_box.isVisible()
        assert str(out) in welcome.resume_text.text()
        welcome.resume_button.click()
        assert second.server_page.address.text() == server.url
        qtbot.waitUntil(second.server_page.isComplete, timeout=LONG)
        second.next()
        second.signin_page.paste.setText(f"MMAUTHTOKEN={server.token}")
        qtbot.waitUntil(second.signin_page.isComplete, timeout=LONG)
        second.next()  # straight to the export: the chats and options are those of the stopped run
        assert second.currentId() == EXPORT
        qtbot.waitUntil(lambda: second.currentId() == DONE, timeout=LONG)
        _check_archive(out, ids, server)
        assert load_settings().unfinished is None
        # "Export more chats" after a continued run (which skipped the chat list) reaches the chat list too
        second.done_page.more_button.click()
        assert second.currentId() == CHATS_PAGE
        qtbot.waitUntil(lambda: second.state.chat_list is not None, timeout=LONG)
    finally:
        second.shutdown()


def test_remember_after_signing_in_again_saves_the_fresh_token_not_the_expired_one(
    qtbot, wizard, slow_server, tmp_path
):
    from mmexport import secrets
    from mmexport.gui.state import SIGNIN

    server = slow_server
    old = server.token
    _when(lambda: server.request_counts[POSTS_ROUTE] >= 3, lambda: server.expire_token(old))
    _start_export(qtbot, wizard, server, tmp_path / "archive")
    page = wizard.export_page
    qtbot.waitUntil(lambda: page.token_dialog is not None and page.token_dialog.isVisible(), timeout=LONG)
    fresh = server.issue_token()
    page.token_dialog.paste.setText(f"MMAUTHTOKEN={fresh}")
    page.token_dialog.continue_button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)

    # "Export more chats", back to the sign-in page, and only now "Remember on this computer"
    wizard.export_more()
    assert wizard.currentId() == CHATS_PAGE
    wizard.back()
    assert wizard.currentId() == SIGNIN
    signin = wizard.signin_page
    qtbot.waitUntil(signin.isComplete, timeout=LONG)
    signin.remember.setChecked(True)
    assert secrets.load_token(server.url) == fresh
