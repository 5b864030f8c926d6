"""The administrators' view on the chats page, driven in the real wizard against the demo server."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from mmexport.archive.layout import MANIFEST
from mmexport.demo.roles import COORDINATOR
from mmexport.gui.every_channel_view import (
    COL_CREATOR,
    COL_KIND,
    COL_LAST,
    COL_MEMBER,
    COL_MEMBERS,
    COL_MESSAGES,
)
from mmexport.gui.wizard import CHATS, DONE, EXPORT, OPTIONS

from .conftest import LONG, enter_server, go_to_server_page, set_folder, sign_in_with_curl


def to_chats_page(qtbot, wizard, server, token) -> None:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, token)
    wizard.next()
    assert wizard.currentId() == CHATS
    qtbot.waitUntil(lambda: wizard.state.chat_list is not None, timeout=LONG)


def cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_an_administrator_lists_every_channel_ticks_stale_ones_and_exports_them(
    qtbot, wizard, demo_server, tmp_path
):
    ws = demo_server.workspace
    to_chats_page(qtbot, wizard, demo_server, demo_server.issue_token(COORDINATOR))
    page = wizard.chats_page
    switch = page.every_channel
    assert switch.toggle.isVisible() and "every channel of the" in switch.toggle.text().replace("&", "")
    switch.toggle.setChecked(True)
    assert switch.panel.isVisible() and not page.tree.isVisible()
    qtbot.waitUntil(lambda: switch.model.rowCount() > 0, timeout=LONG)
    model = switch.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Channel",
        "Kind",
        "Members",
        "Messages",
        "Last activity",
        "Created by",
        "You a member?",
    ]

    team = ws.team_by_name(switch.team.currentData()["name"])
    expected = [c for c in ws.channels.values() if c["team_id"] == team["id"]]
    assert model.rowCount() == len(expected)
    rows = switch.model.rows()
    assert [r.last_post_at for r in rows] == sorted(r.last_post_at for r in rows), "stalest first"
    first = ws.channels[rows[0].id]
    assert cell(model, 0, 0) == first["display_name"]
    assert cell(model, 0, COL_MEMBERS) == str(len(ws.channel_members[first["id"]]))
    assert cell(model, 0, COL_MESSAGES).replace(".", "").replace(",", "") == str(first["total_msg_count"])
    creator = ws.users[first["creator_id"]]
    assert cell(model, 0, COL_CREATOR) == f"{creator['first_name']} {creator['last_name']}"  # full_name setting
    assert cell(model, 0, COL_LAST)
    kinds = {cell(model, r, COL_KIND) for r in range(model.rowCount())}
    assert {"public", "private", "public, archived"} <= kinds
    members = [cell(model, r, COL_MEMBER) for r in range(model.rowCount())]
    assert members.count("yes") == 1 and members.count("no") == len(expected) - 1

    # The page's buttons act on this list while it is shown.
    page.all_button.click()
    assert sorted(wizard.state.selected_ids) == sorted(c["id"] for c in expected)
    page.none_button.click()
    assert wizard.state.selected_ids == [] and not page.isComplete()

    # Tick the two stalest channels, as a coordinator would before archiving them on the server.
    for r in (0, 1):
        assert model.setData(model.index(r, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    ticked = [rows[0].id, rows[1].id]
    assert wizard.state.selected_ids == ticked
    assert "2 chat" in page.summary.text() and page.isComplete()

    wizard.next()
    assert wizard.currentId() == OPTIONS
    out = tmp_path / "archive"
    set_folder(wizard, out)
    wizard.next()
    assert wizard.currentId() == EXPORT
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    assert wizard.state.result.outcome == "done", wizard.state.result.problems
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(c["id"] for c in manifest["channels"]) == sorted(ticked)
    assert manifest["options"]["every_channel"] is True and manifest["exported_as_admin"] is True
    assert all(c["member"] is False and c["complete"] for c in manifest["channels"])
    for entry in manifest["channels"]:
        lines = (out / entry["path"] / "posts.jsonl").read_text(encoding="utf-8").splitlines()
        assert entry["posts"] == len(lines) > 0


def test_an_ordinary_member_is_not_offered_the_view(qtbot, wizard, demo_server):
    to_chats_page(qtbot, wizard, demo_server, demo_server.token)
    switch = wizard.chats_page.every_channel
    assert not switch.toggle.isVisible() and not switch.panel.isVisible()
    assert wizard.chats_page.tree.isVisible()
