"""The wizard's folder page asks the archive package's one reader (archive.reader.examine) what a folder is:
an earlier export (finished, or unfinished with only its state folder) is brought up to date; a folder of
other files, also one holding another program's manifest.json, gets the export in a new folder inside it.
Driven in the real wizard after signing in to the demo server over HTTP."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mmexport.archive.state import StateStore
from mmexport.gui.state import CHATS, OPTIONS

from .conftest import enter_server, go_to_server_page, set_folder, sign_in_with_curl, tick_chats

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "v1-archive"
EARLIER = "This folder holds an earlier export. It will be brought up to date"
OTHER = "That folder already holds other files, so the export goes into a new folder inside it"


def test_the_folder_page_tells_archives_from_other_folders(qtbot, wizard, demo_server, tmp_path) -> None:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, demo_server.url)
    sign_in_with_curl(qtbot, wizard, demo_server.url, demo_server.token)
    wizard.next()
    assert wizard.currentId() == CHATS
    tick_chats(qtbot, wizard, ["Bernd Müller"])
    wizard.next()
    assert wizard.currentId() == OPTIONS
    page = wizard.options_page

    finished = tmp_path / "finished"
    shutil.copytree(FIXTURE, finished)
    killed_early = tmp_path / "killed-early"
    StateStore(killed_early).save_run({"finished": False, "run_id": "x"})  # only .mmexport/run.json
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.odt").write_bytes(b"PK")
    web_app = tmp_path / "web-app"
    web_app.mkdir()
    (web_app / "manifest.json").write_text(json.dumps({"name": "a web app", "icons": []}))

    for folder in (finished, killed_early):
        set_folder(wizard, folder)
        assert page.target_folder() == folder
        assert EARLIER in page.space.plain_text(), page.space.plain_text()
    for folder in (documents, web_app):
        set_folder(wizard, folder)
        target = page.target_folder()
        assert target is not None and target.parent == folder
        assert OTHER in page.space.plain_text(), page.space.plain_text()
