"""messages.pdf read back: every message's text, umlauts, threads, pictures, the outline, PDF/A properties.

No PDF/A validator runs here (veraPDF is not in any registry this project can install from), so the
properties PDF/A-2b asks for are checked one by one with pikepdf (qpdf) and pypdf: XMP with pdfaid part 2
and conformance B, an sRGB output intent with its ICC profile, every font embedded, no encryption, no
JavaScript or other actions but links, and qpdf's own structure check without a complaint.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import struct
import zlib
from datetime import datetime
from pathlib import Path

import pikepdf
import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_factory import KNOWN_THREAD_REPLY, make_archive
from mmexport.archive.layout import iter_jsonl, sha256_file
from mmexport.commands import render as render_command
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers.context import ArchiveContext, local_datetime
from mmexport.exporting.writers.i18n import Texts
from mmexport.exporting.writers.markdown import _is_plain
from mmexport.exporting.writers.pdf import PdfWriter
from mmexport.exporting.writers.pdf_assemble import DocumentInfo
from mmexport.exporting.writers.pdf_layout import (
    Document,
    Measure,
    Piece,
    break_lines,
    drawable,
    emoji_text,
    with_emoji,
)

BIG_W, BIG_H = 3000, 2000
_INFO = DocumentInfo(
    title="Chat", author="Jemand", subject="Test", creator="Test", lang="de", created=datetime(2026, 12, 7, 21, 0).astimezone()
)


def _png(width: int, height: int) -> bytes:
    """A real PNG of the given size (a colour ramp, so it does not compress to nothing)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = bytes((x * 7) % 256 for x in range(width * 3))
    raw = b"".join(b"\x00" + row for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _add_big_picture(root: Path) -> str:
    """A 3000x2000 picture attached to the General Talk chat's first message (it must be reduced)."""
    manifest = json.loads((root / "manifest.json").read_text("utf-8"))
    channel = next(c for c in manifest["channels"] if c["name"] == "general-talk")
    posts_path = root / channel["path"] / "posts.jsonl"
    posts = list(iter_jsonl(posts_path))
    file_id = "fbigpicture000000000000000"
    rel = f"{channel['path']}/files/{file_id}/big.png"
    (root / rel).parent.mkdir(parents=True)
    (root / rel).write_bytes(_png(BIG_W, BIG_H))
    posts[0]["file_ids"] = [file_id]
    posts_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), "utf-8")
    manifest["files"].append({"id": file_id, "post_id": posts[0]["id"], "channel_id": channel["id"],
                              "name": "big.png", "path": rel, "size": (root / rel).stat().st_size,
                              "sha256": sha256_file(root / rel)})  # fmt: skip
    channel["files"] = 1
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return channel["path"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = make_archive(tmp_path_factory.mktemp("pdf") / "archive")
    _add_big_picture(root)
    render_archive(root, ["html", "json", "pdf"], lang="de")
    return root


def _manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text("utf-8"))


def _channel(root: Path, name: str) -> dict:
    return next(c for c in _manifest(root)["channels"] if c["name"] == name)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_chat_has_its_pdf_linked_from_the_viewer_and_named_in_readme(archive):
    for channel in _manifest(archive)["channels"]:
        folder = archive / channel["path"]
        assert (folder / "messages.pdf").read_bytes().startswith(b"%PDF-")
        assert 'href="messages.pdf"' in (folder / "messages.html").read_text("utf-8")
    readme = (archive / "README.txt").read_text("utf-8")
    assert "messages.pdf" in readme and "PDF/A" in readme


def test_every_plain_message_is_real_text_in_the_pdf(archive):
    """Each message of every chat whose text is plain is found, as searchable text, in its chat's PDF."""
    checked = 0
    for channel in _manifest(archive)["channels"]:
        text = _flat(_text(archive / channel["path"] / "messages.pdf"))
        for post in iter_jsonl(archive / channel["path"] / "posts.jsonl"):
            message = str(post.get("message") or "")
            if message and not post.get("delete_at") and _is_plain(message):
                assert _flat(drawable(with_emoji(message))) in text, message
                checked += 1
    assert checked >= 12


def test_umlauts_threads_marks_and_reactions(archive):
    town = _text(archive / _channel(archive, "town-square")["path"] / "messages.pdf")
    flat = _flat(town)
    assert KNOWN_THREAD_REPLY in flat  # "Die Fähre legt um 9 Uhr ab…", a reply in a thread
    assert "Carol Müller" in flat
    assert "(bearbeitet)" in flat and "Angeheftet" in flat and "(Nachricht gelöscht)" in flat
    assert "Antwort auf eine Nachricht, die nicht in diesem Archiv ist" in flat  # the reply without root
    assert f"{emoji_text('+1')} 2 · {emoji_text('party_parrot')} 1" in flat
    # Markdown: the list's bullets, the link's address, the code in the monospaced font
    assert "• first item" in town and "(https://example.org/docs?a=1&b=2)" in flat
    assert 'return f"Hello, {name}!"' in town
    # The title page and the running header
    assert "Town Square (Acme Corp)" in flat and "Beteiligte (haben hier geschrieben)" in flat and "Alice Example (@alice)" in flat
    assert "Vollständig nein" in flat and "lost.zip" in flat  # the file that could not be saved
    pages = len(pypdf.PdfReader(archive / _channel(archive, "town-square")["path"] / "messages.pdf").pages)
    assert f"Seite 2 von {pages}" in flat
    general = _flat(_text(archive / _channel(archive, "general-talk")["path"] / "messages.pdf"))
    assert "Grüße aus der Forschung! Umlaute: äöüß ÄÖÜ" in general
    assert "\ufffd" not in flat and "\ufffd" not in general  # nothing the fonts could not draw


def test_files_are_listed_with_the_manifests_size_and_sha256(archive):
    channel = _channel(archive, "town-square")
    text = _flat(_text(archive / channel["path"] / "messages.pdf"))
    files = [f for f in _manifest(archive)["files"] if f["channel_id"] == channel["id"]]
    assert len(files) == 4
    for entry in files:
        if entry["sha256"]:
            assert entry["sha256"] in text.replace(" ", "") or entry["sha256"] in text
    assert "lost.zip · nicht gesichert" in text


def _placed_images(pdf: pikepdf.Pdf) -> list[tuple[float, float, int, int]]:
    """(shown width, shown height in points, pixel width, pixel height) of every picture drawn."""
    placed = []
    for page in pdf.pages:
        xobjects = (page.Resources.get("/XObject") or {}).items()
        images = {str(name): obj for name, obj in xobjects if obj.Subtype == "/Image"}
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "cm":
                matrix = [float(v) for v in operands]
            elif str(operator) == "Do" and str(operands[0]) in images:
                image = images[str(operands[0])]
                placed.append((matrix[0], matrix[3], int(image.Width), int(image.Height)))
    return placed


def test_pictures_are_embedded_reduced_and_never_enlarged(archive):
    with pikepdf.open(archive / _channel(archive, "town-square")["path"] / "messages.pdf") as pdf:
        (small,) = _placed_images(pdf)
    assert small[2:] == (64, 48)  # the factory's photo.png, as it is
    assert small[:2] == pytest.approx((48.0, 36.0), abs=0.1)  # 1 px = 0.75 pt, not blown up to the page
    with pikepdf.open(archive / _channel(archive, "general-talk")["path"] / "messages.pdf") as pdf:
        (big,) = _placed_images(pdf)
    assert max(big[2:]) <= 1200 and big[2] / big[3] == pytest.approx(BIG_W / BIG_H, rel=0.01)  # reduced
    assert big[0] <= 595.28 - 2 * 56 + 0.1  # within the text column


def test_outline_by_month_and_day(archive):
    reader = pypdf.PdfReader(archive / _channel(archive, "town-square")["path"] / "messages.pdf")
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Titelseite", "November 2023"]
    days = [item.title for item in outline[2]]
    assert days[0] == "Dienstag, 14. November 2023" and len(days) == 5
    assert reader.get_destination_page_number(outline[2][0]) == 1  # the messages start on page 2


def test_pdfa_properties(archive):
    path = archive / _channel(archive, "town-square")["path"] / "messages.pdf"
    with pikepdf.open(path) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf's structure check
        assert not pdf.is_encrypted and len(pdf.trailer.ID) == 2
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert meta["dc:title"] == "Town Square (Acme Corp)"
        assert "Alice Example (@alice)" in str(meta["dc:creator"])
        assert meta["xmp:CreateDate"] and meta["xmp:ModifyDate"]
        assert str(pdf.docinfo.Title) == meta["dc:title"] and str(pdf.docinfo.Author) == "Alice Example (@alice)"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        assert b"sRGB" in intent.DestOutputProfile.read_bytes()[:200] or "sRGB" in str(intent.get("/Info"))
        assert "/JavaScript" not in pdf.Root.get("/Names", {}) and "/AA" not in pdf.Root
        assert isinstance(pdf.Root.get("/OpenAction", pikepdf.Array()), pikepdf.Array)  # a page, no action
        fonts = 0
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                assert annot.Subtype == "/Link" and annot.A.S == "/URI" and int(annot.F) & 4  # printed
            for font in (page.Resources.get("/Font") or {}).values():
                fonts += 1
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor, font
        assert fonts >= 3


def _running_header(page: pikepdf.Page) -> pikepdf.Object:
    """The form XObject a page's content ends by drawing: its running header."""
    *_, last = page.Contents
    assert last.read_bytes() == b"q /MMHead Do Q"
    return page.Resources.XObject["/MMHead"]


def test_running_headers_are_set_in_their_own_font_on_every_page(archive):
    """The header "Seite N von M" is drawn onto each page but the title page, once the number of pages
    is known: in 8 pt DejaVu Sans, with that font named in the header's own resources."""
    path = archive / _channel(archive, "town-square")["path"] / "messages.pdf"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) >= 3
        assert "/XObject" not in pdf.pages[0].Resources  # the title page has none
        for number, page in enumerate(pdf.pages[1:], start=2):
            form = _running_header(page)
            fonts = {str(name): str(font.BaseFont) for name, font in form.Resources.Font.items()}
            current, headers = None, []
            for operands, operator in pikepdf.parse_content_stream(form):
                if str(operator) == "Tf":
                    current = (str(operands[0]), float(operands[1]))
                elif str(operator) == "Td" and float(operands[1]) > 800:  # the header's baseline
                    headers.append(current)
            assert len(headers) == 2  # the chat's name and the page number
            for name, size in headers:
                assert size == 8.0 and fonts[name].endswith("DejaVuSansBook")
            text = pypdf.PdfReader(path).pages[number - 1].extract_text()
            assert f"Seite {number} von {len(pdf.pages)}" in text and "Town Square (Acme Corp)" in text


def test_running_header_lines_are_grey_on_pages_without_other_lines():
    """The header's rule is grey and thin on every page, whatever the page drew before."""
    out = io.BytesIO()
    doc = Document("de", out, part_pages=2)
    for _ in range(3):
        doc.new_page()
        doc.paragraph([Piece("Text ohne Trennlinie")])
    doc.front()
    doc.paragraph([Piece("Titel")])
    doc.finish(_INFO, "Titelseite", "Seite {n} von {total}")
    pdf = pikepdf.open(io.BytesIO(out.getvalue()))
    assert len(pdf.pages) == 4
    for page in pdf.pages[1:]:
        stroke, width, lines = None, None, []
        for operands, operator in pikepdf.parse_content_stream(_running_header(page)):
            if str(operator) == "RG":
                stroke = tuple(round(float(v), 3) for v in operands)
            elif str(operator) == "w":
                width = float(operands[0])
            elif str(operator) == "S":
                lines.append((stroke, width))
        assert lines == [((0.784, 0.784, 0.784), 0.5)]


def test_drawable_never_leaves_a_character_the_font_lacks():
    assert drawable("Daumen 👍 und Party 🎉, Flagge 🇩🇪!") == "Daumen :+1: und Party :tada:, Flagge :de:!"
    assert drawable("Grüße äöüß ÄÖÜ € „Zitat“ – ok") == "Grüße äöüß ÄÖÜ € „Zitat“ – ok"
    assert drawable("unknown \U0001d538 sign") == "unknown \ufffd sign"
    assert drawable("bell\x07 and\r\nline\tend") == "bell and\nline    end"  # no control character drawn
    assert with_emoji("well done :+1: :no_such:") == "well done :+1: :no_such:"
    assert emoji_text("airplane") == "✈" and emoji_text("coffee") == "☕"  # drawn where the fonts have them


def test_render_command_writes_the_pdf_in_english(tmp_path, monkeypatch):
    monkeypatch.setenv("MMEXPORT_LANG", "en")
    root = make_archive(tmp_path / "archive")
    code = render_command.run(argparse.Namespace(dir=str(root), formats=["pdf"]))
    assert code == 0
    path = root / _channel(root, "town-square")["path"] / "messages.pdf"
    text = _flat(_text(path))
    assert "Page 2 of" in text and "Exported by" in text and "Reply to a message that is not in this archive" in text
    assert re.search(r"Tuesday, November 14, 2023", text)


def test_a_picture_too_big_to_decode_is_listed_not_drawn(tmp_path):
    """A PNG of 50 megapixels would take 150 MB decoded: it is listed with its checksum, not drawn."""
    root = make_archive(tmp_path / "archive")
    manifest = _manifest(root)
    town = _channel(root, "town-square")
    photo = next(f for f in manifest["files"] if f["name"] == "photo.png")
    huge = _png(10_000, 5_000)
    (root / photo["path"]).write_bytes(huge)
    photo["size"], photo["sha256"] = len(huge), sha256_file(root / photo["path"])
    (root / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    render_archive(root, ["pdf"], lang="en")
    path = root / town["path"] / "messages.pdf"
    with pikepdf.open(path) as pdf:
        assert _placed_images(pdf) == []
    assert photo["sha256"] in _flat(_text(path)).replace(" ", "")


def test_a_word_longer_than_a_line_is_cut_to_fit_and_kept_whole():
    measure = Measure()
    word = "Donaudampfschifffahrtsgesellschaft" * 3000  # 102,000 characters without a space
    lines = break_lines([Piece("Vorweg: "), Piece(word, "B")], 483.0, 10.0, measure)
    assert "".join(p.text for line in lines for _, p in line) == "Vorweg: " + word
    for line in lines:
        assert sum(measure.width(p.text.rstrip(), p.style, 10.0) for _, p in line) <= 483.0
    assert len(lines) > 1000


def test_a_long_thread_reminds_of_its_root_on_each_further_page(tmp_path):
    """A reply on a later page than its root starts that page with "Antwort auf <root>": once a page."""
    root = make_archive(tmp_path / "archive")
    town = _channel(root, "town-square")
    posts_path = root / town["path"] / "posts.jsonl"
    posts = list(iter_jsonl(posts_path))
    thread_root = next(p for p in posts if p["message"].startswith("Who is coming"))
    for n in range(150):
        posts.append({**thread_root, "id": f"preply{n:021d}", "root_id": thread_root["id"], "is_pinned": False,
                      "message": f"Antwort Nummer {n}", "create_at": thread_root["create_at"] + 10_000_000 + n,
                      "metadata": {}})  # fmt: skip
    posts.sort(key=lambda p: (p["create_at"], p["id"]))
    posts_path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), "utf-8")
    render_archive(root, ["pdf"], lang="de")
    pages = [_flat(p.extract_text() or "") for p in pypdf.PdfReader(root / town["path"] / "messages.pdf").pages]
    when = Texts("de").date_time(local_datetime(thread_root["create_at"]))
    reminder = f"Antwort auf Alice Example, {when}: „Who is coming to the offsite on Friday?“"
    with_reminder = [n for n, text in enumerate(pages) if reminder in text]
    thread_pages = [n for n, text in enumerate(pages) if "Antwort Nummer" in text]
    assert len(thread_pages) >= 3
    assert with_reminder == thread_pages[1:]  # every page the thread continues on, once each
    assert all(pages[n].count("Antwort auf Alice Example") == 1 for n in with_reminder)


@pytest.mark.filterwarnings("error")
def test_a_picture_claiming_90_megapixels_gives_no_warning_and_is_listed(tmp_path):
    """Pillow warns about such a picture when it opens it (a traceback-like line on the terminal): not
    here. Its header alone says 10,000 x 9,000; it is never decoded."""
    root = make_archive(tmp_path / "archive")
    manifest = _manifest(root)
    town = _channel(root, "town-square")
    photo = next(f for f in manifest["files"] if f["name"] == "photo.png")
    header = struct.pack(">IIBBBBB", 10_000, 9_000, 8, 2, 0, 0, 0)
    ihdr = struct.pack(">I", 13) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    claim = _png(1, 1)[:8] + ihdr + _png(1, 1)[33:]  # a big picture's header, a tiny picture's data
    (root / photo["path"]).write_bytes(claim)
    photo["size"], photo["sha256"] = len(claim), sha256_file(root / photo["path"])
    (root / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    render_archive(root, ["pdf"], lang="en")
    path = root / town["path"] / "messages.pdf"
    with pikepdf.open(path) as pdf:
        assert _placed_images(pdf) == []
    assert photo["sha256"] in _flat(_text(path)).replace(" ", "")


_MARKDOWN_BITS = st.sampled_from(["**", "_", "`", "```\n", "\n", "> ", "- ", "1. ", "# ", "|", "[a](", ")",
                                  "https://x.example/", "~~", ":+1:", "👍", "\t", "\r", "\x00", "    "])  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=40), _MARKDOWN_BITS), max_size=30).map("".join))
def test_any_message_text_is_drawn_without_error(archive, text):
    """Whatever a message holds (Markdown fragments, control characters, emoji, any Unicode), drawing it
    raises nothing and every character drawn is one the embedded fonts have."""
    ctx = ArchiveContext(archive, "de")
    writer = PdfWriter(ctx)
    doc = Document("de", io.BytesIO())
    doc.new_page()
    drawn: list[str] = []
    original = doc.text
    doc.text = lambda x, y, s: (drawn.append(s), original(x, y, s))[1]  # type: ignore[method-assign]
    writer._body(doc, text, 56.0, 483.0, None)
    assert all(drawable(s) == s for s in drawn)


def test_strikethrough_is_drawn_as_a_line_through_the_words(archive):
    """The Markdown message's ~~struck~~: one short line (not a rule) drawn through the word."""
    with pikepdf.open(archive / _channel(archive, "town-square")["path"] / "messages.pdf") as pdf:
        short = []
        for page in pdf.pages[1:]:
            width, start = None, None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "w":
                    width = float(operands[0])
                elif str(operator) == "m":
                    start = [float(v) for v in operands]
                elif str(operator) == "l" and start and abs(float(operands[1]) - start[1]) < 0.01:
                    length = float(operands[0]) - start[0]
                    if length < 100:
                        short.append((round(length), width))
    assert len(short) == 1 and 20 < short[0][0] < 50 and short[0][1] == pytest.approx(0.6)
