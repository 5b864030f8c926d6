"""An administrator's export read as a coordinator reads it: the start page and README.txt say what the
archive is (an administrator's export of a team's channels, who was not a member, complete or not) and
show each channel's handle (team:channel), so that two channels that look alike ("Case Channel", "case
channel") are told apart before one of them is deleted on the server. In Debian's chromium, from file://.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mmexport.demo.generate import new_channel
from mmexport.demo.roles import COORDINATOR
from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.render import render_archive
from mmexport.mattermost import Client

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def admin_archive(tmp_path_factory) -> Path:
    from mmexport.demo.server import DemoServer

    with DemoServer() as server:
        ws = server.workspace
        team = ws.team_by_name("forschung")
        anna = ws.user_by_username("anna")["id"]
        start = ws.channel_by_name(team["id"], "town-square")["create_at"]
        upper = new_channel(ws, team["id"], "case-channel", "Case Channel", "O", [anna], start)
        lower = new_channel(ws, team["id"], "case-channel-old", "case channel", "O", [anna], start)
        for channel in (upper, lower):
            ws.add_post(channel["id"], anna, f"Hallo aus {channel['display_name']}", create_at=start + 1000)
        town = ws.channel_by_name(team["id"], "town-square")  # the administrator is a member of this one
        out = tmp_path_factory.mktemp("admin") / "archive"
        options = ExportOptions(every_channel=True, avatars=False, formats=["html", "json"])
        client = Client(server.url, server.issue_token(COORDINATOR))
        result = Exporter(client, out, [upper["id"], lower["id"], town["id"]], options).run()
        assert result.outcome == "done", result.problems
        # What the server's chat list says of Town Square (total_msg_count), for the viewer to agree with.
        listed = {c["name"]: c["total_msg_count"] for c in client.my_channels() if c["team_id"] == team["id"]}
        (out.parent / "listed.json").write_text(json.dumps(listed), "utf-8")
    return out


def shots() -> Path | None:
    return REPO / "docs" / "screenshots" if os.environ.get("MMEXPORT_SCREENSHOTS") else None


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_start_page_says_it_is_an_administrators_export_with_handles(admin_archive, open_page, lang):
    render_archive(admin_archive, ["html"], lang=lang)
    page, log = open_page((admin_archive / "index.html").resolve().as_uri())
    assert log.page_errors == [] and log.console_errors == []
    text = page.inner_text("main")
    if lang == "en":
        assert "administrator's export of the channels of team Forschung" in text
        assert "@kim.koordination was not a member of 2 of them" in text
        assert "Each channel is complete" in text
    else:
        assert "Administrator-Export der Kanäle des Teams Forschung" in text
        assert "@kim.koordination war in 2 davon nicht Mitglied" in text
        assert "Jeder Kanal ist vollständig" in text
    assert "Zeitzone UTC" in text or "time zone UTC" in text
    rows = page.locator("table.admin-channels tbody tr")
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    by_handle = {c[1]: c for c in cells}
    assert by_handle["forschung:case-channel"][0] == "Case Channel"
    assert by_handle["forschung:case-channel-old"][0] == "case channel"
    member = {"en": ("yes", "no"), "de": ("ja", "nein")}[lang]
    assert by_handle["forschung:town-square"][4] == member[0]
    assert by_handle["forschung:case-channel"][4] == member[1]
    # Messages as the server's listing counts them, join and leave notices apart: together all posts saved.
    manifest = json.loads((admin_archive / "manifest.json").read_text("utf-8"))
    saved = {c["name"]: c["posts"] for c in manifest["channels"]}
    town = by_handle["forschung:town-square"]
    number = lambda text: int(text.replace(".", "").replace(",", ""))  # noqa: E731
    assert number(town[3]) > 0 and number(town[2]) + number(town[3]) == saved["town-square"]
    assert (number(by_handle["forschung:case-channel"][2]), number(by_handle["forschung:case-channel"][3])) == (1, 0)
    if shots():
        page.screenshot(path=str(shots() / f"viewer-{'' if lang == 'en' else 'de-'}admin-export.png"))

    # The channel page names its handle beside the display name.
    page.goto((admin_archive / "channels/forschung/case-channel-old/messages.html").resolve().as_uri())
    assert page.inner_text("h1") == "case channel"
    assert "forschung:case-channel-old" in page.inner_text(".channel-meta")
    if shots():
        page.screenshot(path=str(shots() / f"viewer-{'' if lang == 'en' else 'de-'}admin-channel.png"))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_viewer_counts_a_chats_messages_as_the_servers_list_does(admin_archive, open_page, lang):
    """Town Square holds join and leave notices, which the server's total_msg_count leaves out: the start
    page's totals, the sidebar and the channel page show the listed number and name the notices apart."""
    listed = json.loads((admin_archive.parent / "listed.json").read_text("utf-8"))["town-square"]
    manifest = json.loads((admin_archive / "manifest.json").read_text("utf-8"))
    saved = next(c["posts"] for c in manifest["channels"] if c["name"] == "town-square")
    notices = saved - listed
    assert notices > 0  # the chat this test is about has notices (and nothing deleted on the server)
    words = {"en": ("messages", "join/leave notices"), "de": ("Nachrichten", "Beitritts-/Austrittshinweise")}[lang]
    said = f"{listed} {words[0]} · {notices} {words[1]}"
    render_archive(admin_archive, ["html"], lang=lang)
    page, log = open_page((admin_archive / "index.html").resolve().as_uri())
    assert log.page_errors == [] and log.console_errors == []
    link = page.locator("a[data-ch]", has_text="Allgemein")  # Town Square of team Forschung
    assert link.locator(".ch-meta").inner_text().startswith(f"{listed} {words[0]}")
    assert said in link.get_attribute("title")  # the notices are named in the tooltip
    total_listed = sum(c["posts"] for c in manifest["channels"]) - notices
    assert f"{total_listed} {words[0]}" in page.inner_text("p.totals")
    assert f"{notices} {words[1]}" in page.inner_text("p.totals")
    link.click()
    page.wait_for_load_state("load")
    assert said in page.inner_text(".channel-meta")
    assert f"{saved} {words[0]}" not in page.inner_text("body")


def test_readme_says_what_the_archive_is_in_both_languages(admin_archive):
    render_archive(admin_archive, ["html"], lang="de")
    readme = (admin_archive / "README.txt").read_text("utf-8")
    assert "Administrator-Export der Kanäle des Teams Forschung" in readme
    assert "administrator's export of the channels of team Forschung" in readme
    lines = readme.splitlines()
    assert any("Case Channel" in line and "forschung:case-channel " in line + " " for line in lines)
    assert any("case channel" in line and "forschung:case-channel-old" in line for line in lines)
    assert any("forschung:case-channel-old" in line and "nicht Mitglied" in line for line in lines)
    assert "Ihre gespeicherten" not in readme and "your saved" not in readme  # not the admin's own chats
    assert "für @kim.koordination" not in readme


def test_a_persons_own_archive_says_nothing_of_administrators(demo_archive):
    readme = (demo_archive / "README.txt").read_text("utf-8")
    index = (demo_archive / "index.html").read_text("utf-8")
    assert "administrator" not in readme.lower() and "admin-export" not in index
