"""The chat search on the "Choose chats" page, driven in the real wizard against the demo server over HTTP:
umlauts and accents fold as in the viewer, every name of every chat's people is searched (the server here
displays usernames), and a search without a hit says so."""

from __future__ import annotations

import pytest

from .conftest import enter_server, go_to_server_page, sign_in_with_curl
from .test_chat_model import _names


@pytest.fixture
def username_server():
    """A demo server that names people by username, as many real servers do."""
    from mmexport.demo.server import DemoServer

    with DemoServer(name_display="username") as server:
        yield server


def search(qtbot, page, text: str) -> list[str]:
    page.filter.setText(text)  # as typing does: the filter applies after a short pause
    qtbot.waitUntil(lambda: not page._filter_timer.isActive())
    return _names(page.model)


def test_search_folds_umlauts_and_finds_every_name(qtbot, wizard, username_server):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, username_server.url)
    sign_in_with_curl(qtbot, wizard, username_server.url, username_server.token)
    wizard.next()
    page = wizard.chats_page
    qtbot.waitUntil(lambda: wizard.state.chat_list is not None, timeout=60_000)
    assert "claudia" in _names(page.model)  # shown by username: "Claudia Schäfer" is not on screen

    assert "claudia" in search(qtbot, page, "schaefer")  # ä typed as ae
    assert "claudia" in search(qtbot, page, "Claudia Schäfer")  # the full name, both words
    assert "bernd.mueller" in search(qtbot, page, "Bernd Müller")
    muller = search(qtbot, page, "Muller")  # ü typed as u finds "Müller" (and the group he is in)
    assert "bernd.mueller" in muller and any("," in name for name in muller)
    assert not page.no_matches.isVisible()

    assert "katrin" in search(qtbot, page, "Kati")  # a nickname (Katrin Weiß's)
    assert search(qtbot, page, "zzz nobody") == []
    assert page.no_matches.isVisible() and page.no_matches.text() == "No matches"
    search(qtbot, page, "")
    assert not page.no_matches.isVisible()
