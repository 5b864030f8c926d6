"""The chat tree stays correct with 2,000 chats: filter, archived switch, group and overall ticks.

How quick it is, bench/bench_chat_tree.py prints (a timed assert fails on a busy machine, not on slow code)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView

from mmexport.gui.chat_model import ChatModel
from mmexport.gui.chatlist import ChatList, ChatRow

TEAMS = [{"id": f"team{i}", "name": f"team-{i}", "display_name": f"Team {i}"} for i in range(5)]


def big_chat_list(n: int = 2000) -> ChatList:
    rows = []
    for i in range(n):
        kind = ("public", "private", "direct", "group")[i % 4]
        team = TEAMS[i % 5]["id"] if kind in ("public", "private") else ""
        rows.append(
            ChatRow(
                id=f"c{i:05d}",
                kind=kind,
                name=f"Kanal {i} {'Müller' if i % 7 == 0 else 'Schmidt'}",
                team_id=team,
                messages=i * 3,
                last_post_at=1_700_000_000_000 + i * 60_000,
                archived=i % 50 == 0,
                channel={"id": f"c{i:05d}", "type": "O", "total_msg_count": i * 3},
            )
        )
    return ChatList(me={"id": "me"}, teams=TEAMS, rows=rows)


def _all_ids(model) -> list[str]:
    ids = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            ids.append(model.data(model.index(r, 0, group), Qt.ItemDataRole.UserRole))
    return ids


def test_two_thousand_chats_fill_filter_and_tick(qtbot):
    chats = big_chat_list()
    model = ChatModel()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setUniformRowHeights(True)
    view.setModel(model)
    view.resize(800, 600)
    view.show()

    model.set_chats(chats)
    view.expandAll()
    qtbot.wait(1)

    model.set_filter("müller")
    view.expandAll()
    qtbot.wait(1)

    shown = _all_ids(model)
    assert shown and all(i % 7 == 0 and i % 50 != 0 for i in (int(s[1:]) for s in shown))

    model.set_all_checked(True)
    assert sorted(model.checked_ids()) == sorted(shown)  # only what the filter shows

    model.set_filter("")
    view.expandAll()
    assert len(_all_ids(model)) == 2000 - 40  # archived ones hidden
    model.set_show_archived(True)
    assert len(_all_ids(model)) == 2000


def test_group_box_ticks_the_group_and_shows_partial_state(qtbot):
    model = ChatModel()
    model.set_chats(big_chat_list(40))
    group = model.index(0, 0)
    assert model.data(group, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    child = model.index(0, 0, group)
    model.setData(child, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(group, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    model.setData(group, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.data(group, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert len(model.checked_ids()) == model.rowCount(group)
    model.setData(group, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_ids() == []


def test_hiding_archived_unticks_them(qtbot):
    model = ChatModel()
    model.set_chats(big_chat_list(100))
    model.set_show_archived(True)
    model.set_checked_ids(["c00000", "c00001"])  # c00000 is archived
    assert sorted(model.checked_ids()) == ["c00000", "c00001"]
    model.set_show_archived(False)
    assert model.checked_ids() == ["c00001"]


def test_chats_page_shows_names_counts_and_remembers_selection(qtbot, wizard, shared_demo_server):
    from mmexport.settings import load_settings

    from .conftest import enter_server, go_to_server_page, sign_in_with_curl, tick_chats

    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, shared_demo_server.url)
    sign_in_with_curl(qtbot, wizard, shared_demo_server.url, shared_demo_server.token)
    wizard.next()
    ids = tick_chats(qtbot, wizard, ["Allgemein", "Dilara Yılmaz"])
    page = wizard.chats_page
    titles = page.model.group_titles()
    assert titles[-2:] == ["Direct messages", "Group messages"]
    assert "2 chats selected" in page.summary.text()
    # a direct message shows the other person's picture
    from .conftest import find_chat

    icon = page.model.data(find_chat(page.model, "Dilara Yılmaz"), Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()
    # archived channels appear only behind the switch
    assert "Archiv 2023" not in _names(page.model)
    page.show_archived.setChecked(True)
    assert "Archiv 2023" in _names(page.model)
    wizard.next()
    assert sorted(load_settings().selection_for(shared_demo_server.url)) == sorted(ids)


def _names(model) -> list[str]:
    names = []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        names += [model.data(model.index(r, 0, group)) for r in range(model.rowCount(group))]
    return names
