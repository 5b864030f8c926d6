"""The administrators' view on the chats page, driven in the real wizard against the demo server."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from mmexport.archive.layout import MANIFEST
from mmexport.demo.roles import COORDINATOR
from mmexport.gui.every_channel_view import (
    COL_CREATOR,
    COL_HANDLE,
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
    assert "You are a system administrator" in wizard.signin_page.status.plain_text()
    assert switch.toggle.isVisible() and "every channel of the" in switch.toggle.text().replace("&", "")
    assert not switch.why_not.isVisible()
    page.show_archived.setChecked(True)  # archived channels too, as with --include-archived
    switch.toggle.setChecked(True)
    assert switch.panel.isVisible() and not page.tree.isVisible()
    qtbot.waitUntil(lambda: switch.model.rowCount() > 0, timeout=LONG)
    model = switch.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Channel",
        "Handle",
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
    assert cell(model, 0, COL_HANDLE) == f"{team['name']}:{first['name']}"
    assert cell(model, 0, COL_CREATOR) == f"@{creator['username']}"  # as the command line shows it
    tip = model.data(model.index(0, COL_CREATOR), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"{creator['first_name']} {creator['last_name']}"  # the server's full_name setting
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

    # The end page: check the archive, then the server's commands for exactly these channels, to copy.
    done = wizard.done_page
    assert done.next_box.isVisible()
    assert "All the chosen channels were saved" in done.summary.text()  # not "your chats"
    handles = sorted(f"{team['name']}:{ws.channels[cid]['name']}" for cid in ticked)
    script = done.commands.toPlainText().splitlines()
    archive_first = [f"mmctl channel archive {h}" for h in handles if not ws.channels[_id(ws, h)]["delete_at"]]
    assert script == archive_first + [f"mmctl channel delete {h}" for h in handles]
    assert f"mmexport verify {out}" in done.check_text.text()
    done.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == "\n".join(script)
    done.check_button.click()
    qtbot.waitUntil(lambda: done.check_status.kind == "ok" and "All good" in done.check_status.plain_text(), timeout=LONG)
    (out / manifest["channels"][0]["path"] / "posts.jsonl").write_text("", encoding="utf-8")  # damaged
    done.check_button.click()
    qtbot.waitUntil(lambda: done.check_status.kind == "error", timeout=LONG)
    assert "Do not delete anything" in done.check_status.plain_text()


def _id(ws, handle: str) -> str:
    team_name, _, name = handle.partition(":")
    return ws.channel_by_name(ws.team_by_name(team_name)["id"], name)["id"]


def test_an_ordinary_member_is_not_offered_the_view(qtbot, wizard, demo_server):
    to_chats_page(qtbot, wizard, demo_server, demo_server.token)
    switch = wizard.chats_page.every_channel
    assert not switch.toggle.isVisible() and not switch.panel.isVisible()
    assert wizard.chats_page.tree.isVisible()
    assert switch.why_not.isVisible() and "system administrator" in switch.why_not.text()
    assert "system administrator" not in wizard.signin_page.status.plain_text()


def test_the_administrators_table_sorts_filters_and_fills_its_width(qtbot, wizard, demo_server):
    from PySide6.QtCore import QPoint

    ws = demo_server.workspace
    team = ws.team_by_name("forschung")
    town_square = ws.channel_by_name(team["id"], "town-square")
    town_square["creator_id"] = ""  # as on a real server: the team's own channels have no creator
    town_square["last_post_at"] = int(__import__("time").time() * 1000)  # a join notice today
    wizard.resize(1000, 720)
    wizard.show()
    to_chats_page(qtbot, wizard, demo_server, demo_server.issue_token(COORDINATOR))
    page = wizard.chats_page
    own_subtitle = page.subTitle()
    switch = page.every_channel
    switch.toggle.setChecked(True)
    assert "team's box" not in page.subTitle() and "not a member" in page.subTitle()
    qtbot.waitUntil(lambda: switch.model.rowCount() > 0, timeout=LONG)
    index = next(i for i in range(switch.team.count()) if switch.team.itemData(i)["name"] == "forschung")
    assert switch.team.itemText(index) == "Forschung (forschung)"
    switch.team.setCurrentIndex(index)
    qtbot.waitUntil(
        lambda: switch.model.rowCount() > 0 and switch.model.row_at(0).team["name"] == "forschung", timeout=LONG
    )
    table, proxy = switch.table, switch.proxy
    qtbot.waitExposed(table)

    # Width from the first draw: the columns fill the table, no third of it left empty.
    header = table.horizontalHeader()
    used = sum(header.sectionSize(c) for c in range(proxy.columnCount()))
    assert used >= table.viewport().width() - 2, (used, table.viewport().width())

    # A click on "Messages" sorts by the number (not as text), a second click the other way round.
    x = header.sectionViewportPosition(COL_MESSAGES) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    counts = [int(proxy.index(r, COL_MESSAGES).data().replace(".", "").replace(",", "")) for r in range(proxy.rowCount())]
    assert counts == sorted(counts) and counts[0] != counts[-1]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    counts = [int(proxy.index(r, COL_MESSAGES).data().replace(".", "").replace(",", "")) for r in range(proxy.rowCount())]
    assert counts == sorted(counts, reverse=True)

    # The find box is usable and finds by display name or handle.
    assert page.filter.isEnabled()
    qtbot.keyClicks(page.filter, "geheim")
    assert [proxy.index(r, COL_HANDLE).data() for r in range(proxy.rowCount())] == ["forschung:geheimprojekt"]
    page.filter.clear()
    qtbot.keyClicks(page.filter, "forschung:labor")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Labor & Geräte"]
    page.all_button.click()  # "All" ticks what is shown
    assert wizard.state.selected_ids == [ws.channel_by_name(team["id"], "labor")["id"]]
    page.filter.clear()

    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, COL_HANDLE).data() == "forschung:town-square")
    assert proxy.index(row, COL_CREATOR).data() == ""  # no creator: empty, not "unknown"
    assert proxy.index(row, COL_LAST).data() == "today"  # as the list of one's own chats says it
    others = [proxy.index(r, COL_CREATOR).data() for r in range(proxy.rowCount()) if r != row]
    assert others and all(c.startswith("@") for c in others)

    switch.toggle.setChecked(False)
    assert page.subTitle() == own_subtitle
