"""The options page's folder, driven in the real wizard signed in to the demo server over HTTP (pytest-qt):
someone else's archive is never proposed and is refused with a new folder offered, a folder whose parent
is missing (a USB stick not plugged in) is refused and not created, and the free space shown is that of
the disk the folder will be on. German and English."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from tests.gui.conftest import LONG, enter_server, go_to_server_page, sign_in_with_curl, tick_chats
from tests.integration.export_helpers import run_export

from mmexport.demo.server import DemoServer
from mmexport.gui.state import CHATS, OPTIONS


@pytest.fixture
def language(qapp, request):
    from PySide6.QtCore import QLocale

    from mmexport.gui.app import install_translations

    saved = QLocale()
    install_translations(qapp, request.param)
    yield request.param
    install_translations(qapp, "en")
    QLocale.setDefault(saved)


@pytest.fixture(scope="module")
def other_servers_archive(tmp_path_factory) -> Path:
    """An archive of another server (another demo workspace: another server id and address)."""
    out = tmp_path_factory.mktemp("other") / "Mattermost other"
    with DemoServer(seed=7) as other:
        ws = other.workspace
        result = run_export(other, out, [c["id"] for c in ws.channels_of_user(ws.me_id)][:1])
        assert result.outcome == "done", result.message
        other_url = other.url
    (out / "other-url").write_text(other_url)
    return out


def to_options_page(qtbot, wizard, server) -> None:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == CHATS, timeout=LONG)
    tick_chats(qtbot, wizard, ["Allgemein"])
    wizard.next()
    assert wizard.currentId() == OPTIONS


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_another_servers_archive_is_refused_and_a_new_folder_offered(
    qtbot, wizard, demo_server, other_servers_archive, language
):
    wizard.state.settings.last_folder = str(other_servers_archive)  # the demo's folder of the last run
    to_options_page(qtbot, wizard, demo_server)
    page = wizard.options_page
    proposed = Path(page.folder.text())
    assert proposed != other_servers_archive  # never proposed for another server
    assert proposed.name == "Mattermost 127-0-0-1 anna"  # named after the server and the person

    page.folder.setText(str(other_servers_archive))
    text = page.space.plain_text()
    assert page.space.kind == "error"
    other_url = (other_servers_archive / "other-url").read_text()
    assert other_url in text and demo_server.url in text
    assert ("eines anderen Servers" if language == "de" else "another server") in text
    assert page.new_folder.isVisible()
    before = sorted(p.name for p in other_servers_archive.iterdir())
    assert not page.validatePage()
    assert sorted(p.name for p in other_servers_archive.iterdir()) == before

    page.new_folder.click()
    chosen = Path(page.folder.text())
    assert chosen.parent == other_servers_archive.parent and not chosen.exists()
    assert chosen.name == "Mattermost 127-0-0-1 anna"
    assert page.space.kind != "error" and not page.new_folder.isVisible()


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_folder_on_a_missing_drive_is_refused_and_not_created(
    qtbot, wizard, demo_server, tmp_path, language
):
    to_options_page(qtbot, wizard, demo_server)
    page = wizard.options_page
    stick = tmp_path / "media" / "USB-STICK"
    page.folder.setText(str(stick / "Mattermost"))
    expected = {
        "de": "Diesen Ordner gibt es nicht: ist der USB-Stick (das Laufwerk) eingesteckt?",
        "en": "This folder does not exist: is the USB stick (the drive) plugged in?",
    }[language]
    assert page.space.kind == "error" and expected in page.space.plain_text()
    assert ("frei" if language == "de" else "free") not in page.space.plain_text()  # no computer's disk
    assert not page.new_folder.isVisible()
    assert not page.validatePage()
    assert not (tmp_path / "media").exists()


def test_the_free_space_shown_is_that_of_the_folders_own_disk(qtbot, wizard, demo_server, tmp_path):
    """/dev/shm is a disk of its own (tmpfs), with another amount free than the test's folder."""
    from mmexport.gui.messages import format_size

    to_options_page(qtbot, wizard, demo_server)
    page = wizard.options_page
    shm = Path("/dev/shm")
    assert shm.is_dir() and shm.stat().st_dev != tmp_path.stat().st_dev
    parent = Path(tempfile.mkdtemp(dir=shm, prefix="mmexport-test-"))
    try:
        page.folder.setText(str(parent / "Mattermost"))
        shown = page.space.plain_text()
        assert format_size(shutil.disk_usage(parent).free) in shown
        assert format_size(shutil.disk_usage(tmp_path).free) not in shown
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def test_an_archive_of_the_same_server_under_another_address_is_ones_own(
    qtbot, wizard, demo_server, tmp_path
):
    """The server's own id came with the chat list: an archive recorded under another address of the same
    server (an old host name, no SiteURL) is proposed and accepted, not called another server's."""
    import json

    out = tmp_path / "Mattermost alter Name"
    ws = demo_server.workspace
    assert run_export(demo_server, out, [ws.channels_of_user(ws.me_id)[0]["id"]]).outcome == "done"
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["server"].update(url="https://chat-alt.example.org", site_url="")
    (out / "manifest.json").write_text(json.dumps(manifest))
    wizard.state.settings.last_folder = str(out)
    to_options_page(qtbot, wizard, demo_server)
    page = wizard.options_page
    assert wizard.state.chat_list.server_id == demo_server.server_id
    assert Path(page.folder.text()) == out  # proposed: the same archive is brought up to date
    assert page.space.kind != "error" and not page.new_folder.isVisible()
