"""messages.pdf drawn in parts and put together (writers/pdf_assemble.py): read back as a whole.

The parts are made small here (a few pages each, two pages per node of the pages tree), so that a test
chat crosses every seam: messages split between parts, fonts subset once per part, running headers
drawn in parts of their own, the outline pointing into later parts.
"""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pikepdf
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pikepdf.pdfa import validate_written

from archive_factory import make_archive
from mmexport.archive.layout import iter_jsonl
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers import pdf_assemble, pdf_layout
from mmexport.exporting.writers.markdown import _is_plain
from mmexport.exporting.writers.pdf_assemble import (
    DocumentInfo,
    PartError,
    PdfAssembler,
    _info_dictionary,
    _xmp,
)
from mmexport.exporting.writers.pdf_layout import Document, Piece, drawable, one_line, with_emoji

INFO = DocumentInfo(
    title="Prüfungsausschuss (Fakultät)",
    author="Jürgen Beispiel (@juergen)",
    subject="Nachrichten eines Chats",
    creator="Mattermost Export Assistant test",
    lang="de",
    created=datetime(2026, 12, 7, 21, 30, 5).astimezone(),
)


@pytest.fixture(scope="module")
def small_parts(tmp_path_factory) -> Path:
    """The factory archive rendered with parts of 2 pages, header parts of 3, tree nodes of 2 pages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_layout, "PART_PAGES", 2)
        patch.setattr(pdf_layout, "HEADER_PART_PAGES", 3)
        patch.setattr(pdf_assemble, "PAGES_PER_NODE", 2)
        root = make_archive(tmp_path_factory.mktemp("parts") / "archive", big_channel_posts=400)
        render_archive(root, ["pdf"], lang="de", workers=1)
    return root


def _pdfs(root: Path) -> list[Path]:
    return sorted(root.glob("channels/**/messages.pdf"))


def _big(root: Path) -> Path:
    return next(p for p in _pdfs(root) if p.parent.name == "big-channel")


def test_every_chat_passes_the_pdfa_2b_validator(small_parts):
    """pikepdf's PDF/A validator (veraPDF's rules for ISO 19005-2, those it implements) finds nothing."""
    for path in _pdfs(small_parts):
        result = validate_written(path, "2b")
        assert result.verdict == "pass", (path, [str(f) for f in result.findings])


def test_the_validator_is_not_a_rubber_stamp(small_parts, tmp_path):
    """The same file with its PDF/A identification taken out of the XMP fails: the check above means
    something."""
    broken = tmp_path / "broken.pdf"
    shutil.copy(_big(small_parts), broken)
    with pikepdf.open(broken, allow_overwriting_input=True) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().replace(b"<pdfaid:part>2</pdfaid:part>", b"")
        pdf.Root.Metadata.write(xmp)
        pdf.save(broken)
    assert validate_written(broken, "2b").verdict == "fail"


def test_a_chat_of_many_parts_holds_every_message_once_in_order(small_parts):
    path = _big(small_parts)
    posts = list(iter_jsonl(path.parent / "posts.jsonl"))
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) > 20  # many parts of 2 pages
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    text = re.sub(r"Big Channel \(Acme Corp\) Seite \d+ von \d+ ", "", text)  # a message across pages
    at = 0
    plain = [
        p for p in posts if not p.get("root_id") and _is_plain(p["message"]) and "\n" not in p["message"]
    ]
    assert len(plain) > 100
    for post in plain:
        words = " ".join(drawable(with_emoji(post["message"])).split())
        found = text.find(words, at)
        assert found >= 0, words
        at = found
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf's structure check, every object reached
        assert len(pdf.pages) == len(reader.pages)


def test_page_numbers_count_the_whole_document(small_parts):
    reader = pypdf.PdfReader(_big(small_parts))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        if number == 1:
            assert "Seite" not in text.split("\n")[0]  # the title page has no running header
        else:
            assert f"Seite {number} von {total}" in text


def test_each_parts_fonts_are_embedded_under_their_own_subset_name(small_parts):
    names: dict[str, set[str]] = {}
    with pikepdf.open(_big(small_parts)) as pdf:
        for page in pdf.pages:
            resources = (
                [page.Resources, page.Resources.XObject.MMHead.Resources]
                if "/XObject" in page.Resources
                else [page.Resources]
            )
            for res in resources:
                for font in res.Font.values():
                    descriptor = font.DescendantFonts[0].FontDescriptor
                    assert "/FontFile2" in descriptor
                    names.setdefault(str(font.BaseFont), set()).add(descriptor.FontFile2.objgen)
    assert len(names) > 5
    for name, files in names.items():
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVu\w+", name)
        assert len(files) == 1, name  # one subset per name: no two different subsets share a name


def test_the_outline_leads_to_each_days_first_page(small_parts):
    path = _big(small_parts)
    reader = pypdf.PdfReader(path)
    outline = reader.outline
    assert outline[0].title == "Titelseite" and reader.get_destination_page_number(outline[0]) == 0
    days = [item for entry in outline if isinstance(entry, list) for item in entry]
    assert len(days) >= 2
    for day in days:
        page = reader.pages[reader.get_destination_page_number(day)]
        assert day.title in " ".join((page.extract_text() or "").split())


def test_info_dictionary_and_xmp_say_the_same(tmp_path):
    out = io.BytesIO()
    doc = Document("de", out, part_pages=1)
    for n in range(3):
        doc.new_page()
        doc.start_section(f"Tag {n}", 1 if n else 0)
        doc.paragraph(
            [
                Piece("Link (mit Klammern) ", ""),
                Piece("https://x.example/a(b)/1 0 R", "", "https://x.example/a(b)/1 0 R"),
            ]
        )
    doc.front()
    doc.paragraph([Piece("Titel")])
    doc.finish(INFO, "Titelseite", "Seite {n} von {total}")
    path = tmp_path / "doc.pdf"
    path.write_bytes(out.getvalue())
    reader = pypdf.PdfReader(path)
    assert reader.metadata.title == INFO.title and reader.metadata.author == INFO.author
    assert reader.metadata.subject == INFO.subject and reader.metadata.creator == INFO.creator
    assert reader.metadata.creation_date == INFO.created
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == INFO.title and meta["dc:creator"] == [INFO.author]
        assert meta["xmp:CreateDate"] == INFO.created.isoformat()
        assert meta.pdfa_status == "2B"
        uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots") or []]
        assert uris == ["https://x.example/a(b)/1 0 R"] * 3  # a string that looks like a reference stays
    assert validate_written(path, "2b").verdict == "pass"


def test_what_is_not_fpdf2s_output_is_refused():
    with pytest.raises(PartError):
        PdfAssembler(io.BytesIO()).add_pages(b"%PDF-1.7\n1 0 obj\n<< /Type /XRef >>\nstartxref\n9\n%%EOF\n")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_title_and_author_are_kept_alike_in_xmp_and_info(title, author):
    """A chat's name and a person's name may hold any character: one_line() makes them safe for XML and
    for the running header, and the XMP and the Info dictionary then say the same."""
    info = replace(INFO, title=one_line(title), author=one_line(author))
    pdf = pikepdf.new()
    pdf.Root.Metadata = pdf.make_stream(_xmp(info))
    meta = pdf.open_metadata()
    docinfo = pikepdf.Object.parse(_info_dictionary(info))
    assert meta.get("dc:title") == (info.title or None) and str(docinfo.get("/Title", "")) == info.title
    assert meta.get("dc:creator") == ([info.author] if info.author else None)
    assert str(docinfo.get("/Author", "")) == info.author
    assert "\n" not in info.title and drawable(info.title) == info.title
