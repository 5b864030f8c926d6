"""Fixtures for driving the real wizard (pytest-qt, offscreen) against the demo server over HTTP."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LONG = 60_000  # ms: generous for a 2-core CI machine shared with other tests


@pytest.fixture(autouse=True, scope="session")
def english_catalog(qapp):
    """The program installs its catalog at start (English too: its plural forms), so the tests do."""
    from mmexport.gui.application import install_translations

    install_translations(qapp, "en")


@pytest.fixture
def wizard(qtbot):
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import load_settings

    wiz = ExportWizard(settings=load_settings())
    wiz.answers = []  # what confirm() was asked, for assertions
    wiz.confirm_answer = True

    def confirm(title: str, text: str) -> bool:
        wiz.answers.append((title, text))
        return wiz.confirm_answer

    wiz.confirm = confirm
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    yield wiz
    wiz.shutdown()


def curl_for(server_url: str, token: str) -> str:
    """What Chrome's "Copy as cURL (bash)" gives for a Mattermost API request."""
    return (
        f"curl '{server_url}/api/v4/users/me' \\\n"
        "  -H 'accept: */*' \\\n"
        "  -H 'accept-language: de-DE,de;q=0.9,en;q=0.8' \\\n"
        f"  -b 'MMUSERID=4xq7h1ez3pgbuq3rfydhf1ebmo; MMAUTHTOKEN={token}; MMCSRF=8dkq9nq4bpy6zqw' \\\n"
        "  -H 'sec-fetch-mode: cors' \\\n"
        "  -H 'x-requested-with: XMLHttpRequest' \\\n"
        "  --compressed"
    )


def go_to_server_page(qtbot, wiz) -> None:
    from mmexport.gui.state import SERVER

    wiz.next()
    assert wiz.currentId() == SERVER


def enter_server(qtbot, wiz, url: str) -> None:
    page = wiz.server_page
    page.address.clear()
    qtbot.keyClicks(page.address, url)
    page.check_now()
    qtbot.waitUntil(page.isComplete, timeout=LONG)


def sign_in_with_curl(qtbot, wiz, server_url: str, token: str) -> None:
    from mmexport.gui.state import SIGNIN

    wiz.next()
    assert wiz.currentId() == SIGNIN
    page = wiz.signin_page
    page.paste.setText(curl_for(server_url, token))
    qtbot.waitUntil(page.isComplete, timeout=LONG)


def tick_chats(qtbot, wiz, names: list[str]) -> list[str]:
    """Ticks chats by their shown name through the model, the way a click on a box does."""
    from PySide6.QtCore import Qt

    page = wiz.chats_page
    qtbot.waitUntil(lambda: wiz.state.chat_list is not None, timeout=LONG)
    model = page.model
    model.set_all_checked(False)
    ticked = []
    for name in names:
        index = find_chat(model, name)
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        ticked.append(model.data(index, Qt.ItemDataRole.UserRole))
    return ticked


def find_chat(model, name: str):
    from PySide6.QtCore import Qt

    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 0, group)
            if model.data(index, Qt.ItemDataRole.AccessibleTextRole) == name:  # the name, without marks
                return index
    raise AssertionError(f"no chat named {name!r}")


def set_folder(wiz, folder) -> None:
    wiz.options_page.folder.setText(str(folder))
