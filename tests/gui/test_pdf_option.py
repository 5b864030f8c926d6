"""The options page's "Also as PDF/A for the records": ticked in the real wizard, the export over HTTP from the
demo server writes messages.pdf into each chat's folder, with the chat's messages as text; in German the box
reads "Zusätzlich als PDF/A für die Akte"."""

from __future__ import annotations

import json

import pypdf

from mmexport.archive.layout import MANIFEST, iter_jsonl
from mmexport.exporting.writers.markdown import _is_plain
from mmexport.exporting.writers.pdf_layout import drawable, with_emoji
from mmexport.gui.state import CHATS, DONE, EXPORT, OPTIONS

from .conftest import LONG, enter_server, go_to_server_page, set_folder, sign_in_with_curl, tick_chats


def test_pdf_checkbox_makes_a_pdf_per_chat(qtbot, wizard, demo_server, tmp_path):
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, demo_server.url)
    sign_in_with_curl(qtbot, wizard, demo_server.url, demo_server.token)
    wizard.next()
    assert wizard.currentId() == CHATS
    tick_chats(qtbot, wizard, ["Bernd Müller"])
    wizard.next()
    assert wizard.currentId() == OPTIONS
    page = wizard.options_page
    assert page.format_boxes["pdf"].text() == "Also as &PDF/A for the records" and not page.format_boxes["pdf"].isChecked()
    page.format_boxes["pdf"].click()
    assert page.format_boxes["pdf"].isChecked()
    out = tmp_path / "archive"
    set_folder(wizard, out)
    wizard.next()
    assert wizard.currentId() == EXPORT
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)

    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert "pdf" in manifest["options"]["formats"]
    (entry,) = manifest["channels"]
    reader = pypdf.PdfReader(out / entry["path"] / "messages.pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    posts = list(iter_jsonl(out / entry["path"] / "posts.jsonl"))
    plain = [p["message"] for p in posts if p.get("message") and _is_plain(p["message"]) and not p.get("delete_at")]
    assert len(plain) >= 3
    missing = [m for m in plain if " ".join(drawable(with_emoji(m)).split()) not in text]
    assert not missing, (missing[:3], text[:500])
    assert "Bernd Müller" in text


def test_pdf_checkbox_in_german(qtbot, qapp):
    from mmexport.gui.application import install_translations
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import load_settings

    install_translations(qapp, "de")
    try:
        wizard = ExportWizard(settings=load_settings())
        qtbot.addWidget(wizard)
        assert wizard.options_page.format_boxes["pdf"].text() == "Zusätzlich als &PDF/A für die Akte"
    finally:
        install_translations(qapp, "en")
