"""The viewer as a German-speaking beginner meets it (issue 13, items 8-13), in real headless Chromium.

On real exports of the demo server: the start page, problem lines in the reader's language, dates inside
long threads, finding a chat in the sidebar, umlaut-folding search, plural forms, long file names, and
one naming rule that follows the server's TeammateNameDisplay.
Set MMEXPORT_SCREENSHOTS=1 to write the screenshots into docs/screenshots/.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest

from mmexport.demo.server import DemoServer
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers.context import local_datetime
from mmexport.exporting.writers.i18n import Texts
from outcomes import assert_nothing_lost_but_lost_files

pytestmark = pytest.mark.browser
RED = "rgb(179, 38, 30)"


def file_url(path: Path, suffix: str = "") -> str:
    return path.resolve().as_uri() + suffix


def manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text("utf-8"))


def posts_of(root: Path):
    for entry in manifest(root)["channels"]:
        for line in (root / entry["path"] / "posts.jsonl").open(encoding="utf-8"):
            yield entry, json.loads(line)


def assert_quiet(log) -> None:
    assert log.dialogs == [] and log.console_errors == [] and log.page_errors == [], log


@pytest.fixture(scope="module")
def german(demo_archive, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("german-viewer") / "archive"
    shutil.copytree(demo_archive, root)
    render_archive(root, ["html"], lang="de", workers=1)
    return root


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    import os

    if os.environ.get("MMEXPORT_SCREENSHOTS"):
        target = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path_factory.mktemp("screenshots")


# --- item 8: the start page ----------------------------------------------------------------------------


def test_start_page_shows_totals_as_text_not_as_tags_in_both_languages(demo_archive, german, open_page):
    for root, pattern in (
        (Path(demo_archive), r"^\d+ chats, [\d,]+ messages, \d+ files? · [\d,]+ join/leave notices$"),
        (german, r"^\d+ Chats, [\d.]+ Nachrichten, \d+ Dateien? · [\d.]+ Beitritts-/Austrittshinweise$"),
    ):
        page, log = open_page(file_url(root / "index.html"))
        text = page.inner_text("main")
        assert "<p>" not in text and "</p>" not in text and "&lt;" not in text
        assert re.match(pattern, page.inner_text("main p.totals")), page.inner_text("main p.totals")
        assert_quiet(log)


def test_a_missing_pdf_is_a_small_german_note_that_names_its_chat(german, open_page, shots):
    problems = manifest(german)["problems"]
    assert [p["params"]["name"] for p in problems] == ["verschwunden.pdf"]  # the demo's one lost file
    chat = next(c for c in manifest(german)["channels"] if c["id"] == problems[0]["channel_id"])
    page, log = open_page(file_url(german / "index.html"))
    section = page.locator("section.problems")
    assert section.locator("h2").inner_text() == "1 Datei konnte nicht gespeichert werden"
    assert section.locator("li").inner_text() == (
        f"„verschwunden.pdf“ ist nicht mehr auf dem Server. (in {chat['display_name']})"
    )
    assert "Nicht alles konnte gespeichert werden" not in page.inner_text("main")
    heading = section.locator("h2")
    assert heading.evaluate("e => getComputedStyle(e).color") != RED
    assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) <= 15
    section.locator("a").click()  # leads to the chat it belonged to
    page.wait_for_load_state("load")
    assert page.inner_text("h1") == chat["display_name"]
    readme = (german / "README.txt").read_text("utf-8")
    assert "1 Datei konnte nicht gespeichert werden" in readme and "1 Dinge" not in readme
    assert "Note: 1 file could not be saved" in readme and "1 things" not in readme
    page.goto(file_url(german / "index.html"))
    page.screenshot(path=str(shots / "viewer-start-de.png"))
    assert_quiet(log)


# --- item 9: dates inside threads ----------------------------------------------------------------------


def _reply_on_another_day(root: Path) -> tuple[dict, dict, dict]:
    by_id = {}
    for entry, post in posts_of(root):
        by_id[post["id"]] = post
        thread_root = by_id.get(post.get("root_id") or "")
        if thread_root and not post.get("delete_at"):
            day = local_datetime(post["create_at"]).date()
            if day != local_datetime(thread_root["create_at"]).date():
                return entry, thread_root, post
    raise AssertionError("the demo workspace has no thread that runs past midnight")


def test_a_reply_on_a_later_day_gets_a_date_separator_inside_its_thread(german, open_page, shots):
    entry, thread_root, reply = _reply_on_another_day(german)
    page, log = open_page(file_url(german / entry["path"] / "messages.html", f"#p-{reply['id']}"))
    separator = page.evaluate(
        """id => {
            let node = document.getElementById(id).previousElementSibling;
            while (node && !node.classList.contains('date-sep')) { node = node.previousElementSibling; }
            return node && node.closest('.replies') ? node.textContent : null;
        }""",
        f"p-{reply['id']}",
    )
    assert separator == Texts("de").long_date(local_datetime(reply["create_at"]))
    assert page.locator(f"#p-{thread_root['id']} .date-sep.in-thread").count() >= 1
    page.eval_on_selector(".date-sep.in-thread", "e => e.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(shots / "viewer-thread-dates-de.png"))
    assert_quiet(log)


def _longest_thread(root: Path) -> tuple[dict, str, list[str]]:
    replies: dict[str, list[str]] = {}
    where: dict[str, dict] = {}
    for entry, post in posts_of(root):
        if post.get("root_id"):
            replies.setdefault(post["root_id"], []).append(post["id"])
            where[post["root_id"]] = entry
    longest = max(replies, key=lambda r: len(replies[r]))
    return where[longest], longest, replies[longest]


def test_a_long_thread_opens_in_a_side_panel_with_its_dates(german, open_page, shots):
    entry, root_id, reply_ids = _longest_thread(german)
    assert len(reply_ids) > 100  # the demo's 520-reply thread over many days
    page, log = open_page(file_url(german / entry["path"] / "messages.html"))
    summary = page.locator(f"#p-{root_id} > .post-body > details.thread > summary")
    summary.click()
    panel = page.locator("aside.thread-panel")
    assert panel.is_visible()
    assert panel.locator("article.post.reply").count() == len(reply_ids)
    assert panel.locator(".date-sep.in-thread").count() > 1
    assert page.evaluate(f"document.querySelectorAll('[id=\"p-{reply_ids[0]}\"]').length") == 1
    assert panel.locator(".thread-root article.post").count() == 1
    panel.locator(".date-sep.in-thread").nth(1).scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "viewer-thread-panel-de.png"))
    page.keyboard.press("Escape")
    assert not panel.is_visible()
    assert page.locator(f"#p-{root_id} details.thread article.post.reply").count() == len(reply_ids)
    narrow, narrow_log = open_page(file_url(german / entry["path"] / "messages.html"), viewport=(900, 800))
    narrow.locator(f"#p-{root_id} > .post-body > details.thread > summary").click()
    assert narrow.locator("aside.thread-panel").count() == 0  # a narrow window shows it in place
    assert narrow.locator(f"#p-{reply_ids[-1]}").is_visible()
    assert_quiet(log)
    assert_quiet(narrow_log)


# --- item 10: finding "my chat with Claudia" -----------------------------------------------------------


def _visible_chats(page) -> list[str]:
    return page.eval_on_selector_all(
        "nav.sidebar li:not([hidden]) .ch-name",
        "els => els.filter(e => e.offsetParent).map(e => e.textContent)",
    )


def test_sidebar_puts_direct_messages_first_and_filters_with_or_without_umlauts(german, open_page, shots):
    page, log = open_page(file_url(german / "index.html"))
    headings = page.eval_on_selector_all("nav.sidebar details.group h2", "els => els.map(e => e.textContent)")
    assert headings[:2] == ["Direktnachrichten", "Gruppennachrichten"] and len(headings) > 2
    assert page.is_visible("#chat-filter")
    everything = _visible_chats(page)
    for typed in ("claudia", "Schafer", "schaefer", "SCHÄFER"):
        page.fill("#chat-filter", typed)
        shown = _visible_chats(page)
        assert "Claudia Schäfer" in shown and 0 < len(shown) < len(everything), (typed, shown)
        assert all("Schäfer" in name or "Claudia" in name for name in shown), (typed, shown)
    page.screenshot(path=str(shots / "viewer-filter-de.png"))
    page.fill("#chat-filter", "zzzz-nichts")
    assert _visible_chats(page) == [] and page.is_visible(".filter-none")
    assert page.inner_text(".filter-none") == "Kein Chat passt."
    page.fill("#chat-filter", "")
    assert _visible_chats(page) == everything
    page.fill("#chat-filter", "claudia")
    page.press("#chat-filter", "Enter")  # opens the first chat that matches
    page.wait_for_load_state("load")
    assert "Claudia" in page.inner_text("h1")
    assert_quiet(log)


def test_group_chats_sharing_their_first_names_show_every_member(german, open_page):
    channels = manifest(german)["channels"]
    groups = [i for i, c in enumerate(channels) if c["type"] == "G"]
    first_two = [", ".join(channels[i]["display_name"].split(", ")[:2]) for i in groups]
    assert len(first_two) > len(set(first_two)), "the demo has two group chats that start alike"
    page, log = open_page(file_url(german / "index.html"))
    for i in groups:
        link = page.locator(f"nav.sidebar a[data-ch='{i}']")
        name = link.locator(".ch-name")
        assert name.inner_text().replace("\n", " ") == channels[i]["display_name"]
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
        assert link.get_attribute("title").startswith("Gruppennachrichten · Mitglieder: ")
    assert_quiet(log)


def _word_with_umlaut(root: Path) -> tuple[str, int]:
    """A word with ü/ö/ä/ß from the demo's messages and how many messages hold it."""
    counts: dict[str, set[str]] = {}
    for _, post in posts_of(root):
        if post.get("type") or post.get("delete_at"):
            continue
        for word in set(re.findall(r"\w*[üöäß]\w*", (post.get("message") or "").lower())):
            if len(word) >= 6:
                counts.setdefault(word, set()).add(post["id"])
    word = max(sorted(counts), key=lambda w: len(counts[w]))
    return word, len(counts[word])


def _spellings(word: str) -> list[str]:
    plain = unicodedata.normalize("NFD", word.replace("ß", "ss"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    digraphs = word.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss")
    return [word, plain, digraphs, word.upper()]


def test_search_finds_umlauts_typed_without_them_and_marks_the_original(german, open_page, shots):
    word, count = _word_with_umlaut(german)
    found = {}
    for typed in _spellings(word):
        page, log = open_page(file_url(german / "search.html", "?q=" + quote(typed)))
        page.wait_for_selector("#results li")
        found[typed] = page.locator("#results li").count()
        marks = page.eval_on_selector_all("#results mark", "els => els.map(e => e.textContent.toLowerCase())")
        assert marks and all(m == word for m in marks), (typed, marks[:5])
        assert_quiet(log)
    assert set(found.values()) == {count}, found
    page.screenshot(path=str(shots / "viewer-search-de.png"))


def test_search_counts_in_plural_forms(demo_archive, german, open_page):
    words: dict[str, set[str]] = {}
    for _, post in posts_of(german):
        if not post.get("type") and not post.get("delete_at"):
            for w in set(re.findall(r"[a-zäöüß]{8,}", (post.get("message") or "").lower())):
                words.setdefault(w, set()).add(post["id"])
    once = next(w for w in sorted(words) if len(words[w]) == 1 and not re.search("ae|oe|ue|[äöüß]", w))
    several = next(w for w in sorted(words) if len(words[w]) > 1 and not re.search("ae|oe|ue|[äöüß]", w))
    for root, one, many in (
        (german, "1 Nachricht gefunden", "{n} Nachrichten gefunden"),
        (Path(demo_archive), "1 message found", "{n} messages found"),
    ):
        page, log = open_page(file_url(root / "search.html", "?q=" + quote(once)))
        page.wait_for_selector("#results li")
        assert page.inner_text("#search-status") == one
        page, log = open_page(file_url(root / "search.html", "?q=" + quote(several)))
        page.wait_for_selector("#results li")
        assert page.inner_text("#search-status") == many.format(n=len(words[several]))
        assert_quiet(log)


# --- item 12: a very long file name ---------------------------------------------------------------------


def test_a_very_long_file_name_stays_in_the_message_column(german, open_page):
    name = "Sehr_langer_Dateiname_" * 12 + "Ende.txt"
    entry = next(
        e
        for e, post in posts_of(german)
        if any(f.get("name") == name for f in (post.get("metadata") or {}).get("files", []))
    )
    page, log = open_page(file_url(german / entry["path"] / "messages.html"), viewport=(1000, 800))
    label = page.locator(".file-name", has_text="Sehr_langer_Dateiname_").first
    assert label.get_attribute("title") == name  # the whole name on hover
    box = label.locator("xpath=ancestor::div[contains(@class,'file')][1]").bounding_box()
    column = label.locator("xpath=ancestor::div[contains(@class,'post-body')][1]").bounding_box()
    assert box["x"] + box["width"] <= column["x"] + column["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_quiet(log)


# --- item 13: one naming rule -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def usernames_archive(tmp_path_factory) -> Path:
    """A real export of the demo server set to TeammateNameDisplay=username."""
    from mmexport.exporting.engine import Exporter
    from mmexport.exporting.options import ExportOptions
    from mmexport.mattermost import Client

    out = tmp_path_factory.mktemp("usernames") / "archive"
    with DemoServer(name_display="username") as server:
        ws = server.workspace
        ids = [c["id"] for c in ws.channels_of_user(ws.me_id) if c["type"] in ("D", "G")]
        result = Exporter(Client(server.url, server.token), out, ids, ExportOptions(formats=["html"])).run()
    assert_nothing_lost_but_lost_files(result)
    return out


def _names_on_a_dm_page(root: Path, open_page, partner: str):
    entry = next(c for c in manifest(root)["channels"] if c["type"] == "D" and c["display_name"] == partner)
    page, log = open_page(file_url(root / entry["path"] / "messages.html"))
    authors = set(page.eval_on_selector_all("article.post .author", "els => els.map(e => e.textContent)"))
    sidebar = page.eval_on_selector_all("nav.sidebar .ch-name", "els => els.map(e => e.textContent)")
    assert_quiet(log)
    return page.inner_text("h1"), authors, sidebar


def test_usernames_setting_names_people_by_username_everywhere(usernames_archive, open_page):
    users = {u["username"]: u for u in json.loads((usernames_archive / "users.json").read_text("utf-8"))}
    assert manifest(usernames_archive)["server"]["teammate_name_display"] == "username"
    title, authors, sidebar = _names_on_a_dm_page(usernames_archive, open_page, "bernd.mueller")
    assert title == "bernd.mueller"
    assert authors <= {"bernd.mueller", "anna"} and "anna" in authors  # my own posts too
    assert "Bernd Müller" not in sidebar and "bernd.mueller" in sidebar
    group = next(c for c in manifest(usernames_archive)["channels"] if c["type"] == "G")
    assert all(part in users for part in group["display_name"].split(", ")), group["display_name"]


def test_full_names_setting_names_people_by_full_name_everywhere(demo_archive, open_page):
    root = Path(demo_archive)
    assert manifest(root)["server"]["teammate_name_display"] == "full_name"
    title, authors, sidebar = _names_on_a_dm_page(root, open_page, "Bernd Müller")
    assert title == "Bernd Müller"
    assert authors <= {"Bernd Müller", "Anna Beispiel"} and "Anna Beispiel" in authors
    assert "bernd.mueller" not in sidebar


def test_the_wizards_chat_list_follows_the_same_setting():
    from mmexport.gui.chatlist import load_chat_list
    from mmexport.mattermost import Client

    for setting, bernd in (("username", "bernd.mueller"), ("full_name", "Bernd Müller")):
        with DemoServer(name_display=setting) as server:
            client = Client(server.url, server.token)
            chats = load_chat_list(client, client.me(), with_avatars=False)
        names = {row.name for row in chats.rows if row.kind == "direct"}
        assert bernd in names, (setting, sorted(names))
