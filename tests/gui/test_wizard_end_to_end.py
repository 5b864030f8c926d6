"""The whole wizard against the demo server over HTTP: server, pasted cURL, three chats, export, done."""

from __future__ import annotations

import json

from mmexport.archive.layout import INDEX, MANIFEST, iter_jsonl
from mmexport.gui.state import CHATS, DONE, EXPORT, OPTIONS
from mmexport.settings import load_settings
from outcomes import assert_nothing_lost_but_lost_files

from .conftest import LONG, enter_server, go_to_server_page, set_folder, sign_in_with_curl, tick_chats

THREE_CHATS = ["Projekt Alpha", "Bernd Müller", "Bernd Müller, Claudia Schäfer"]


def test_export_three_chats_end_to_end(qtbot, wizard, demo_server, tmp_path):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, demo_server.url + "/forschung/channels/allgemein")
    assert "10.11" in wizard.server_page.status.plain_text()  # the version the demo server reports
    assert wizard.state.server_version.startswith("10.11")
    assert wizard.state.server_url == demo_server.url

    sign_in_with_curl(qtbot, wizard, demo_server.url, demo_server.token)
    assert "Signed in as Anna Beispiel (@anna)" in wizard.signin_page.status.plain_text()

    wizard.next()
    assert wizard.currentId() == CHATS
    ids = tick_chats(qtbot, wizard, THREE_CHATS)
    assert (
        "3 chat(s) selected" in wizard.chats_page.summary.text()
        or "3 chats" in wizard.chats_page.summary.text()
    )
    assert wizard.chats_page.isComplete()

    wizard.next()
    assert wizard.currentId() == OPTIONS
    out = tmp_path / "archive"
    set_folder(wizard, out)
    wizard.next()
    assert wizard.currentId() == EXPORT
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)

    result = wizard.state.result
    assert_nothing_lost_but_lost_files(result)
    assert wizard.done_page.next_box.isHidden()  # the server's commands are for an administrator's export
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(c["id"] for c in manifest["channels"]) == sorted(ids)
    for entry in manifest["channels"]:
        lines = list(iter_jsonl(out / entry["path"] / "posts.jsonl"))
        assert len(lines) == entry["posts"] > 0
        assert len({p["id"] for p in lines}) == len(lines)
    assert (out / INDEX).exists()
    text = wizard.done_page.summary.text()
    assert "3 chats" in text and str(out) in text

    # The selection and folder are remembered for next time; the token is not in the settings file.
    settings = load_settings()
    assert sorted(settings.selection_for(demo_server.url)) == sorted(ids)
    assert settings.unfinished is None
    from mmexport.settings import settings_path

    assert demo_server.token not in settings_path().read_text(encoding="utf-8")
    assert demo_server.token not in (out / MANIFEST).read_text(encoding="utf-8")

    # "Prepare for moving to another system": the Slack format, made off the GUI thread
    import zipfile

    done = wizard.done_page
    target = tmp_path / "slack-export.zip"
    done.convert("slack", target)
    qtbot.waitUntil(lambda: not done.conversion_running(), timeout=LONG)
    assert done.convert_status.kind == "ok", done.convert_status.plain_text()
    assert "The file is ready" in done.convert_status.plain_text()
    with zipfile.ZipFile(target) as zf:
        assert "channels.json" in zf.namelist()
