"""The German catalogs are complete and up to date: the program's .ts/.qm and the viewer's dictionary.

A message missing from the .ts (a new tr() text nobody translated), an unfinished or emptied translation,
a lost placeholder or a stale .qm fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mmexport.exporting.writers import i18n as viewer

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "mmexport_de.ts"
QM = TRANSLATIONS / "mmexport_de.qm"
BIN = Path(sys.executable).parent
SOURCES = [
    *sorted((ROOT / "app" / "mmexport" / "gui").rglob("*.py")),
    ROOT / "app" / "mmexport" / "exporting" / "engine.py",
    ROOT / "app" / "mmexport" / "exporting" / "events.py",
    ROOT / "app" / "mmexport" / "exporting" / "messages.py",
    *sorted((ROOT / "app" / "mmexport" / "archive").rglob("*.py")),
    *sorted((ROOT / "app" / "mmexport" / "exporting" / "formats").glob("*.py")),
    *sorted((ROOT / "app" / "mmexport" / "exporting" / "convert").glob("*.py")),
]
QT_PLACEHOLDER = re.compile(r"%(?:\d|n|L\d)")
PY_PLACEHOLDER = re.compile(r"\{\w+\}")
TAG = re.compile(r"</?(\w+)")


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name"), msg) for ctx in root.iter("context") for msg in ctx.iter("message")]


def translations_of(msg: ET.Element) -> list[str]:
    tr = msg.find("translation")
    if msg.get("numerus") == "yes":
        return [form.text or "" for form in tr.findall("numerusform")]
    return [tr.text or ""]


def lupdate(target: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", *map(str, SOURCES), "-ts", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_every_message_is_translated_and_finished():
    problems = []
    for context, msg in messages(TS):
        source = msg.findtext("source")
        kind = msg.find("translation").get("type")
        if kind in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{context}: {kind}: {source!r}")
            continue
        forms = translations_of(msg)
        if msg.get("numerus") == "yes" and len(forms) != 2:
            problems.append(f"{context}: German needs 2 plural forms: {source!r}")
        if any(not form.strip() for form in forms):
            problems.append(f"{context}: empty translation: {source!r}")
    assert len(messages(TS)) > 200
    assert not problems, "\n".join(problems)


def test_translations_keep_placeholders_markup_and_shortcuts():
    problems = []
    for context, msg in messages(TS):
        source = msg.findtext("source")
        for form in translations_of(msg):
            if msg.get("numerus") != "yes" and sorted(QT_PLACEHOLDER.findall(source)) != sorted(
                QT_PLACEHOLDER.findall(form)
            ):
                problems.append(f"{context}: %-placeholders differ: {source!r} -> {form!r}")
            if msg.get("numerus") == "yes" and "%n" in source and "%n" not in form:
                problems.append(f"{context}: %n lost: {form!r}")
            if sorted(PY_PLACEHOLDER.findall(source)) != sorted(PY_PLACEHOLDER.findall(form)):
                problems.append(f"{context}: {{named}} placeholders differ: {source!r} -> {form!r}")
            if sorted(TAG.findall(source)) != sorted(TAG.findall(form)):
                problems.append(f"{context}: markup differs: {source!r} -> {form!r}")
            if source.replace("&&", "").count("&") != form.replace("&&", "").count("&"):
                problems.append(f"{context}: keyboard shortcut (&) lost or added: {source!r} -> {form!r}")
    assert not problems, "\n".join(problems)


def test_no_two_shortcuts_clash_on_one_page():
    """Alt+letter must reach one control per page; the wizard's own buttons use W (Weiter) and Z (Zurück)."""
    taken_by_wizard = {"w", "z"}
    shared_ok = {"SigninPage"}  # its tabs show one set of fields at a time
    problems = []
    by_context: dict[str, dict[str, str]] = {}
    for context, msg in messages(TS):
        for form in translations_of(msg):
            match = re.search(r"&([^&\s])", form.replace("&&", ""))
            if not match:
                continue
            key = match.group(1).lower()
            seen = by_context.setdefault(context, {})
            if context not in ("ExportWizard",) and key in taken_by_wizard and context != "OptionsPage":
                problems.append(f"{context}: {form!r} takes Alt+{key.upper()} from the wizard's buttons")
            if key in seen and seen[key] != form and context not in shared_ok:
                problems.append(f"{context}: Alt+{key.upper()} used by {seen[key]!r} and {form!r}")
            seen[key] = form
    # ExportPage: Pausieren/Fortsetzen and Export fortsetzen are never shown together
    problems = [p for p in problems if not ("ExportPage" in p and "fortsetzen" in p.lower())]
    assert not problems, "\n".join(problems)


def test_ts_file_holds_every_text_of_the_code(tmp_path):
    """lupdate over the code finds no text the committed .ts lacks (else: run `make translations`)."""
    fresh = tmp_path / "fresh_de.ts"
    lupdate(fresh)
    in_code = {(ctx, msg.findtext("source")) for ctx, msg in messages(fresh)}
    in_ts = {
        (ctx, msg.findtext("source"))
        for ctx, msg in messages(TS)
        if msg.find("translation").get("type") not in ("vanished", "obsolete")
    }
    assert in_code - in_ts == set(), "texts in the code but not in mmexport_de.ts: run `make translations`"
    assert in_ts - in_code == set(), "texts in mmexport_de.ts the code no longer has: run `make translations`"


def test_qm_file_is_compiled_from_the_current_ts(tmp_path):
    out = tmp_path / "mmexport_de.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True, timeout=60
    )
    assert out.read_bytes() == QM.read_bytes(), "mmexport_de.qm is stale: run `make translations`"


def test_qt_own_german_is_shipped_in_resources():
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load("qtbase_de", str(TRANSLATIONS))
    assert translator.translate("QWizard", "&Next >")  # Qt's wizard buttons
    assert translator.translate("QFileDialog", "Open")


# ---- the viewer's own catalog --------------------------------------------------------------------------
# Words that are the same in both languages (or names).
SAME_IN_BOTH = {"search_channel", "search_person", "bot", "thread", "problem_in_chat", "chat", "totals", "pdf_team", "pdf_server"}


def test_viewer_catalog_has_the_same_keys_and_placeholders_in_both_languages():
    en, de = viewer._CATALOG["en"], viewer._CATALOG["de"]
    assert set(en) == set(de), f"missing in de: {set(en) - set(de)}, missing in en: {set(de) - set(en)}"
    problems = []
    for key, english in en.items():
        german = de[key]
        if not german.strip():
            problems.append(f"{key}: empty")
        if sorted(PY_PLACEHOLDER.findall(english)) != sorted(PY_PLACEHOLDER.findall(german)):
            problems.append(f"{key}: placeholders differ: {english!r} / {german!r}")
        if german == english and key not in SAME_IN_BOTH:
            problems.append(f"{key}: not translated: {german!r}")
    assert not problems, "\n".join(problems)


# Words of the viewer's own interface that no German page should show outside the chats' own text.
ENGLISH_UI_WORDS = re.compile(
    r"\b(Search|Overview|Channels|Direct messages|Group messages|Older messages|Newer messages|Page \d+ of|"
    r"Jump to date|replies|Pinned|edited|Members|Latest messages|Skip to messages)\b"
)


def english_leftovers(html: str) -> list[str]:
    """English catalog phrases (without their placeholders) that appear in a German page."""
    en, de = viewer._CATALOG["en"], viewer._CATALOG["de"]
    german_text = " ".join(de.values())
    found = []
    for key, english in en.items():
        if key in SAME_IN_BOTH or english == de[key]:
            continue
        for fragment in PY_PLACEHOLDER.split(english):
            fragment = fragment.strip(" ,.:()…")
            # single short words ("Top", "Go") could be part of a chat message; phrases cannot
            if len(fragment) < 6 or " " not in fragment or fragment in german_text:
                continue
            if fragment in html:
                found.append(f"{key}: {fragment!r}")
    return found


@pytest.fixture(scope="module")
def german_archive(demo_archive, tmp_path_factory):
    from mmexport.exporting.render import render_archive

    root = tmp_path_factory.mktemp("german") / "archive"
    shutil.copytree(demo_archive, root)
    render_archive(root, ["html", "txt"], lang="de", workers=1)
    return root


def test_german_viewer_pages_have_no_english_leftovers(german_archive):
    pages = [german_archive / "index.html"]
    pages += sorted(german_archive.glob("channels/*/*/messages*.html"))[:20]
    pages += sorted(german_archive.rglob("search.html"))[:1]
    assert len(pages) > 5
    problems = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        problems += [f"{page.relative_to(german_archive)}: {p}" for p in english_leftovers(html)]
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
        problems += [f"{page.name}: English UI word {w!r}" for w in ENGLISH_UI_WORDS.findall(text)]
    assert not problems, "\n".join(sorted(set(problems)))
    assert '<html lang="de">' in (german_archive / "index.html").read_text(encoding="utf-8")
    readme = (german_archive / "README.txt").read_text(encoding="utf-8")
    assert "Mattermost-Archiv" in readme and "Mattermost archive" in readme  # both languages, by design


def test_viewer_pages_have_landmarks_headings_and_labelled_inputs(german_archive):
    from html.parser import HTMLParser

    class Outline(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[tuple[str, dict]] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

    pages = [german_archive / "index.html", *sorted(german_archive.glob("channels/*/*/messages*.html"))[:3]]
    for page in pages:
        outline = Outline()
        outline.feed(page.read_text(encoding="utf-8"))
        tags = [t for t, _ in outline.tags]
        attrs = {t: a for t, a in outline.tags}
        assert "html" in tags and attrs["html"].get("lang") == "de", page
        for landmark in ("nav", "main"):
            assert landmark in tags, f"{page.name}: no <{landmark}>"
        assert "h1" in tags, f"{page.name}: no heading"
        assert any(a.get("role") == "search" for _, a in outline.tags), f"{page.name}: no search landmark"
        label_targets = {a.get("for") for t, a in outline.tags if t == "label"}
        for tag, a in outline.tags:
            if tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
                named = a.get("id") in label_targets or a.get("aria-label") or a.get("aria-labelledby")
                assert named, f"{page.name}: <{tag} {a}> has no label"


def test_viewer_problem_sentences_are_the_engine_texts_as_the_ts_translates_them():
    """The archive's start page shows the engine's problem sentences in German without Qt: its copies
    must be the engine's templates and the .ts translations word for word."""
    from mmexport.exporting import messages as engine_messages

    engine_source = Path(engine_messages.__file__).read_text("utf-8")
    translated = {
        msg.findtext("source"): msg.findtext("translation") for ctx, msg in messages(TS) if ctx == "Engine"
    }
    for english, german in viewer._PROBLEM_TEMPLATES_DE.items():
        assert english in engine_source, f"not an engine text (any more): {english!r}"
        assert translated.get(english) == german, (
            f"{english!r}: viewer {german!r}, .ts {translated.get(english)!r}"
        )


def test_viewer_plural_forms():
    de, en = viewer.Texts("de"), viewer.Texts("en")
    assert de.totals(1, 36, 1) == "1 Chat, 36 Nachrichten, 1 Datei"
    assert en.totals(15, 1564, 12) == "15 chats, 1,564 messages, 12 files"
    assert (de.plural("search_results", 1), en.plural("search_results", 2)) == (
        "1 Nachricht gefunden",
        "2 messages found",
    )
    assert (de.replies(1), de.replies(1000)) == ("1 Antwort", "1.000 Antworten")
