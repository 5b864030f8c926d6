"""render_archive on the factory archive: files, structure, safety, paging, text and CSV, the command."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from archive_factory import HOSTILE_FILE_NAME, KNOWN_THREAD_REPLY, make_archive
from mmexport.commands import render as render_command
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers.threads import ThreadIndex


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = make_archive(tmp_path_factory.mktemp("render") / "archive", big_channel_posts=4500)
    progress: list[tuple[str, int, int]] = []
    render_archive(root, ["html", "json", "txt", "csv"], lang="de", on_progress=lambda *a: progress.append(a))
    (root / "progress.json").write_text(json.dumps(progress))
    return root


def manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text("utf-8"))


def all_pages(root: Path) -> list[Path]:
    return [root / "index.html", root / "search.html", *root.glob("channels/*/*/messages*.html")]


def channel_dir(root: Path, name: str) -> Path:
    entry = next(c for c in manifest(root)["channels"] if c["name"] == name)
    return root / entry["path"]


def test_writes_viewer_readme_and_formats(rendered):
    for name in ("index.html", "search.html", "README.txt", "viewer/viewer.css", "viewer/viewer.js",
                 "viewer/code.css", "viewer/colors.css", "viewer/search/meta.js", "viewer/search/s-0.js"):  # fmt: skip
        assert (rendered / name).is_file(), name
    for entry in manifest(rendered)["channels"]:
        folder = rendered / entry["path"]
        for name in ("messages.html", "messages.txt", "messages.csv"):
            assert (folder / name).is_file(), f"{entry['name']}/{name}"
    readme = (rendered / "README.txt").read_text("utf-8")
    assert readme.index("Mattermost-Archiv") < readme.index("Mattermost archive")  # German first for lang=de
    assert "index.html" in readme


def test_progress_reports_every_chat(rendered):
    progress = json.loads((rendered / "progress.json").read_text())
    total = len(manifest(rendered)["channels"])
    assert [p[1] for p in progress] == list(range(1, total + 1)) and {p[2] for p in progress} == {total}


def test_sidebar_lists_every_channel_with_readable_names(rendered):
    index = (rendered / "index.html").read_text("utf-8")
    for entry in manifest(rendered)["channels"]:
        assert f'href="{entry["path"]}/messages.html#latest"' in index, entry["name"]
    assert (
        "Direktnachrichten" in index
        and "Gruppennachrichten" in index
        and "Forschung &amp; Entwicklung" in index
    )
    assert "&lt;script&gt;alert(&#39;channel&#39;)&lt;/script&gt; &amp; Co" in index


def test_every_page_has_the_csp_and_nothing_inline(rendered):
    for page in all_pages(rendered):
        html = page.read_text("utf-8")
        assert "Content-Security-Policy" in html and "default-src 'none'" in html, page
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all(" src=" in tag for tag in scripts), (page, scripts)
        assert not re.search(r"<script\b[^>]*>[^<]", html), page  # no inline script body
        assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", html), page  # no event handler attributes
        assert " style=" not in html, page
        assert not re.search(r'(?:src|href)="(?:javascript|data|vbscript):', html, re.I), page
        assert not re.search(r'src="(?:https?:)?//', html), page  # nothing loads from the network


def test_links_are_allow_listed_and_open_safely(rendered):
    html = (channel_dir(rendered, "town-square") / "messages.html").read_text("utf-8")
    for tag in re.findall(r"<a\b[^>]*>", html):
        href = re.search(r'href="([^"]*)"', tag).group(1)
        if href.startswith(("http:", "https:", "mailto:")):
            assert 'rel="noopener noreferrer"' in tag and 'target="_blank"' in tag, tag
        else:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I), tag  # relative, inside the archive


def test_hostile_text_is_shown_as_text(rendered):
    html = (channel_dir(rendered, "town-square") / "messages.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;img src=x onerror=alert(7)&gt;" in html  # a hostile display name
    assert "_.._evil_script_alert(1)__script__.txt" in html.replace("%28", "(").replace("%29", ")")
    assert str(escape(HOSTILE_FILE_NAME)) in html  # the whole name, as text: its quote and tags escaped
    assert HOSTILE_FILE_NAME not in html


def test_thread_replies_are_inside_their_root(rendered):
    html = (channel_dir(rendered, "town-square") / "messages.html").read_text("utf-8")
    root_start = html.index("Who is coming to the offsite on Friday?")
    article_start = html.rindex("<article", 0, root_start)
    details = html.index('<details class="thread"', root_start)
    reply = html.index(KNOWN_THREAD_REPLY.replace("ä", "ä"), details)
    end_of_root = html.index("</details>", reply)
    assert article_start < details < reply < end_of_root
    assert "3 Antworten" in html[details:reply]


def test_marks_edited_pinned_system_deleted_and_attachments(rendered):
    html = (channel_dir(rendered, "town-square") / "messages.html").read_text("utf-8")
    assert "(bearbeitet)" in html and "Angeheftet" in html and 'class="post system' in html
    assert "(Nachricht gelöscht)" in html and "Dringend" in html
    assert 'class="att c-ff0000"' in html and "Build #42 failed" in html and "<dt>Branch</dt>" in html
    assert ".att.c-ff0000{border-left-color:#ff0000}" in (rendered / "viewer/colors.css").read_text()
    assert "(nicht gespeichert)" in html  # the file that could not be downloaded
    assert '<figure class="file image"><a class="zoom"' in html
    assert 'class="reaction" title="Bob Builder, Carol Müller hat mit :+1: reagiert"' in html


def test_big_channel_is_split_into_pages_holding_every_message_once(rendered):
    folder = channel_dir(rendered, "big-channel")
    pages = sorted(folder.glob("messages*.html"))
    assert len(pages) >= 3
    ids = []
    for page in pages:
        ids += re.findall(r'<article class="[^"]*" id="p-([^"]+)"', page.read_text("utf-8"))
    posted = [json.loads(line)["id"] for line in (folder / "posts.jsonl").open(encoding="utf-8")]
    assert sorted(ids) == sorted(posted)
    newest = (folder / "messages.html").read_text("utf-8")
    assert 'href="messages-2.html"' in newest and 'class="jump" data-pages="' in newest


def test_rerender_removes_stale_pages_and_is_stable(tmp_path):
    root = make_archive(tmp_path / "a", big_channel_posts=4500)
    render_archive(root, ["html"], lang="en")
    folder = channel_dir(root, "big-channel")
    assert (folder / "messages-3.html").exists()
    lines = (folder / "posts.jsonl").read_text("utf-8").splitlines(keepends=True)
    (folder / "posts.jsonl").write_text("".join(lines[:1000]), "utf-8")
    render_archive(root, ["html"], lang="en")
    assert not (folder / "messages-3.html").exists() and not (folder / "messages-2.html").exists()
    assert "Direct messages" in (root / "index.html").read_text("utf-8")


def test_thread_index_skips_a_torn_last_line_and_keeps_orphans(tmp_path):
    path = tmp_path / "posts.jsonl"
    posts = [
        {"id": "a", "create_at": 1, "root_id": ""},
        {"id": "b", "create_at": 2, "root_id": "a"},
        {"id": "c", "create_at": 3, "root_id": "missing"},
    ]
    path.write_text("".join(json.dumps(p) + "\n" for p in posts) + '{"id": "torn", "crea', "utf-8")
    index = ThreadIndex.build(path)
    assert index.total == 3 and index.roots == 2
    threads = [
        (root["id"], [r["id"] for r in replies], orphan) for root, replies, orphan in index.whole().threads()
    ]
    assert threads == [("a", ["b"], False), ("c", [], True)]


def test_text_file_indents_threads(rendered):
    text = (channel_dir(rendered, "town-square") / "messages.txt").read_text("utf-8")
    root_line = next(line for line in text.splitlines() if "Who is coming to the offsite" in line)
    reply_line = next(line for line in text.splitlines() if KNOWN_THREAD_REPLY in line)
    assert not root_line.startswith(" ") and reply_line.startswith("    [")
    assert text.index(root_line) < text.index(reply_line)
    assert "👍 2" in text  # reactions with Unicode emoji


def test_csv_is_excel_friendly(rendered):
    folder = channel_dir(rendered, "town-square")
    raw = (folder / "messages.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))  # German: semicolons
    assert rows[0][:3] == ["id", "date", "date_utc"]
    posts = (folder / "posts.jsonl").read_text("utf-8").splitlines()
    assert len(rows) - 1 == len(posts)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[1][1]) and rows[1][2].endswith("Z")
    names = {row[5] for row in rows[1:]}
    assert "'<img src=x onerror=alert(7)> <script>alert(8)</script>" not in names  # starts with <, kept
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_render_command(tmp_path, capsys):
    root = make_archive(tmp_path / "a")
    args = argparse.Namespace(dir=str(root), formats=["html", "txt"])
    assert render_command.run(args) == 0
    assert (root / "index.html").exists() and (channel_dir(root, "town-square") / "messages.txt").exists()
    not_archive = tmp_path / "empty"
    not_archive.mkdir()
    assert render_command.run(argparse.Namespace(dir=str(not_archive), formats=["html"])) == 2
    assert "not an archive" in capsys.readouterr().err
