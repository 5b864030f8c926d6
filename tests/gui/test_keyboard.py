"""A walk through every page with the keyboard alone: typing, Tab, Space, Enter and Ctrl+V."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from mmexport.archive.layout import MANIFEST
from mmexport.gui.state import CHATS, DONE, OPTIONS, SERVER, SIGNIN, WELCOME

from .conftest import LONG, curl_for


def _focus(qtbot):
    widget = QApplication.focusWidget()
    assert widget is not None, "something must always have the keyboard focus"
    return widget


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(_focus(qtbot), key, modifier)


def _type(qtbot, text):
    qtbot.keyClicks(_focus(qtbot), text)


def test_every_page_by_keyboard_alone(qtbot, wizard, demo_server, tmp_path):
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=LONG)
    assert wizard.currentId() == WELCOME
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SERVER

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.server_page.address, timeout=LONG)
    _type(qtbot, demo_server.url.removeprefix("http://").join(["http://", "/"]))
    _key(qtbot, Qt.Key.Key_Return)  # checks the address at once
    qtbot.waitUntil(wizard.server_page.isComplete, timeout=LONG)
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SIGNIN

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.signin_page.paste, timeout=LONG)
    QGuiApplication.clipboard().setText(curl_for(demo_server.url, demo_server.token))
    _key(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(wizard.signin_page.isComplete, timeout=LONG)
    _key(qtbot, Qt.Key.Key_Tab)  # out of the paste box (Tab moves on, it does not insert a tab)
    assert _focus(qtbot) is not wizard.signin_page.paste
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == CHATS

    page = wizard.chats_page
    qtbot.waitUntil(lambda: wizard.state.chat_list is not None, timeout=LONG)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree, timeout=LONG)
    for _ in range(2):  # the first two chats of the first team
        _key(qtbot, Qt.Key.Key_Down)
        _key(qtbot, Qt.Key.Key_Space)
    assert len(wizard.state.selected_ids) == 2
    _key(qtbot, Qt.Key.Key_Up)
    _key(qtbot, Qt.Key.Key_Up)  # the team row: Space ticks all of its channels
    _key(qtbot, Qt.Key.Key_Space)
    team_size = len(wizard.state.selected_ids)
    assert team_size > 2
    _key(qtbot, Qt.Key.Key_Space)  # and clears them
    assert wizard.state.selected_ids == []
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Space)
    chosen = list(wizard.state.selected_ids)
    assert len(chosen) == 1
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == OPTIONS

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.options_page.folder, timeout=LONG)
    _key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "keyboard-archive"
    _type(qtbot, str(out))
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)

    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["channels"]] == chosen
    seen = set()
    for _ in range(8):  # Tab reaches the page's buttons
        _key(qtbot, Qt.Key.Key_Tab)
        seen.add(_focus(qtbot))
    assert {wizard.done_page.open_button, wizard.done_page.folder_button} <= seen
    QGuiApplication.clipboard().clear()
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=LONG)
