"""messages.pdf put together from parts, so that memory stays flat in the size of the chat.

fpdf2 keeps a whole document in memory until it writes it: about 0.9 KB a message, 180 MB for a chat of
200,000 messages (bench/bench_pdf.py). So a chat is drawn in parts of a few hundred pages, each a
complete PDF from fpdf2, and each part's pages, with what they use (contents, fonts, pictures), are copied
into messages.pdf as soon as the part is done; then the part is dropped.

What only the end knows is added at the end: the title page (it counts the messages), "Page N of M" on
every page, the outline. The running header of each page is a form XObject that the page's resources
already name by a reserved object number; it is drawn (by fpdf2, in parts too) and written once M is
known. The pages tree, the outline, the XMP metadata with its Info dictionary, the catalog and the cross-
reference table are written here.

Only fpdf2's own output is read: a classic cross-reference table, no object streams, no encryption. A
part that is not like that is refused (PartError), not guessed at.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO
from xml.sax.saxutils import escape

HEADER_XOBJECT = b"/MMHead"  # the running header's name in each page's resources
PAGES_PER_NODE = 256  # pages per node of the pages tree (a flat /Kids of 20,000 pages is legal, not kind)
PAGE_W, PAGE_H = 595.28, 841.89  # A4, as every part is drawn

_SPACE = rb"[\x00\t\n\x0c\r ]"
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_TOKEN = re.compile(
    rb"(?P<space>" + _SPACE + rb"+|%[^\r\n]*)"
    rb"|(?P<ref>(?P<num>\d+)" + _SPACE + rb"+\d+" + _SPACE + rb"+R)(?!" + _REGULAR + rb")"
    rb"|(?P<open><<|\[)"
    rb"|(?P<close>>>|\])"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<string>\()"
    rb"|(?P<name>/" + _REGULAR + rb"*)"
    rb"|(?P<word>" + _REGULAR + rb"+)"
)
_OBJ_HEAD = re.compile(rb"(\d+)" + _SPACE + rb"+(\d+)" + _SPACE + rb"+obj" + _SPACE + rb"*")
_STREAM = re.compile(_SPACE + rb"*stream(?:\r\n|\n)")
_LENGTH = re.compile(rb"/Length" + _SPACE + rb"+(\d+)(?!" + _SPACE + rb"+\d+" + _SPACE + rb"+R)")
_PAREN = re.compile(rb"[()\\]")
_SUBSET_TAG = re.compile(rb"/[A-Z]{6}\+")
_XOBJECT_DICT = re.compile(rb"/XObject" + _SPACE + rb"*<<")


class PartError(ValueError):
    """A part that is not the PDF fpdf2 writes."""


@dataclass
class _Object:
    """One object of a part: its value's bytes, where its references are, and its stream's bytes."""

    value: bytes
    refs: list[tuple[int, int, int, bytes]]  # (start, end, object number, the name before it) in value
    stream: bytes | None


def _string_end(data: bytes, pos: int) -> int:
    """Where the literal string that opens at data[pos] ends (strings may hold balanced parentheses)."""
    depth = 0
    while True:
        match = _PAREN.search(data, pos)
        if match is None:
            raise PartError("a string that does not end")
        char = match.group()
        if char == b"\\":
            pos = match.end() + 1
            continue
        depth += 1 if char == b"(" else -1
        pos = match.end()
        if depth == 0:
            return pos


def _scan_value(data: bytes, pos: int) -> tuple[int, list[tuple[int, int, int, bytes]]]:
    """The end of the value starting at pos, and its references with the name each follows."""
    refs: list[tuple[int, int, int, bytes]] = []
    depth = 0
    last_name = b""
    while True:
        match = _TOKEN.match(data, pos)
        if match is None:
            raise PartError(f"unreadable at byte {pos}")
        kind = match.lastgroup
        pos = _string_end(data, match.start()) if kind == "string" else match.end()
        if kind == "space":
            continue
        if kind == "ref":
            refs.append((match.start(), match.end(), int(match.group("num")), last_name))
        elif kind == "name":
            last_name = match.group()
        elif kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        if depth <= 0:
            if depth < 0:
                raise PartError(f"a closing bracket too many at byte {pos}")
            return pos, refs


class _Part:
    """One PDF written by fpdf2, read through its cross-reference table."""

    def __init__(self, data: bytes):
        self.data = data
        start = data.rfind(b"startxref")
        if start < 0:
            raise PartError("no startxref")
        xref_at = int(data[start + 9 : start + 40].split()[0])
        lines = data[xref_at:start].split(b"\n")
        if lines[0].strip() != b"xref":
            raise PartError("no classic cross-reference table")
        first, count = (int(v) for v in lines[1].split())
        self.offsets = {
            first + i: int(line[:10]) for i, line in enumerate(lines[2 : 2 + count]) if line[17:18] == b"n"
        }
        trailer = data.find(b"trailer", xref_at)
        end, refs = _scan_value(data, data.find(b"<<", trailer))
        self.trailer = {name: num for _s, _e, num, name in refs}
        if b"/Encrypt" in data[trailer:end]:
            raise PartError("encrypted")

    def object(self, number: int) -> _Object:
        offset = self.offsets.get(number)
        if offset is None:
            raise PartError(f"object {number} is missing")
        head = _OBJ_HEAD.match(self.data, offset)
        if head is None or int(head.group(1)) != number:
            raise PartError(f"object {number} is not where the table says")
        end, refs = _scan_value(self.data, head.end())
        value = self.data[head.end() : end]
        refs = [(s - head.end(), e - head.end(), num, name) for s, e, num, name in refs]
        stream = None
        opened = _STREAM.match(self.data, end)
        if opened:
            length = _LENGTH.search(value)
            if length is None:
                raise PartError(f"object {number}: a stream without a direct /Length")
            stream = self.data[opened.end() : opened.end() + int(length.group(1))]
        return _Object(value, refs, stream)

    def catalog(self) -> _Object:
        return self.object(self.trailer[b"/Root"])

    def page_numbers(self) -> list[int]:
        """The part's pages in order (fpdf2 writes one /Pages node holding them all)."""
        pages = self.object(_ref_after(self.catalog(), b"/Pages"))
        kids = [num for _s, _e, num, name in pages.refs if name == b"/Kids"]
        if len(kids) != int(_number_after(pages.value, b"/Count")):
            raise PartError("a pages tree of more than one level")
        return kids


def _ref_after(obj: _Object, name: bytes) -> int:
    for _s, _e, num, before in obj.refs:
        if before == name:
            return num
    raise PartError(f"no {name.decode()} reference")


def _number_after(value: bytes, name: bytes) -> bytes:
    match = re.search(re.escape(name) + _SPACE + rb"+(\d+)", value)
    if match is None:
        raise PartError(f"no {name.decode()}")
    return match.group(1)


def pdf_text(text: str) -> bytes:
    """A PDF text string: ASCII as a literal string, anything else as UTF-16BE with its byte order mark."""
    if text.isascii() and text.isprintable():
        return b"(" + text.encode().replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def pdf_date(moment: datetime) -> bytes:
    """D:YYYYMMDDHHmmSS+HH'mm', the same instant and offset as the XMP dates."""
    offset = moment.strftime("%z") or "+0000"
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'".encode()


@dataclass(frozen=True)
class DocumentInfo:
    """What the Info dictionary and the XMP metadata say of the document (they must say the same)."""

    title: str
    author: str
    subject: str
    creator: str
    lang: str
    created: datetime
    producer: str = "fpdf2 (Mattermost Export Assistant)"


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: level 0 (a month, the title page) or 1 (a day, under the month before it)."""

    title: str
    level: int
    page: int  # 1-based, in the whole document
    top: float  # where the bookmark leads, in points from the page's top


@dataclass
class _Writer:
    """The output file, its object numbers and where each object begins."""

    out: IO[bytes]
    position: int = 0
    offsets: array = field(default_factory=lambda: array("q", [0]))

    def reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets) - 1

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def object(self, number: int, value: bytes, stream: bytes | None = None) -> None:
        if self.offsets[number] != -1:
            raise PartError(f"object {number} written twice")
        self.offsets[number] = self.position
        parts = [b"%d 0 obj\n" % number, value]
        if stream is not None:
            parts += [b"\nstream\n", stream, b"\nendstream"]
        parts.append(b"\nendobj\n")
        self.write(b"".join(parts))

    def new_object(self, value: bytes, stream: bytes | None = None) -> int:
        number = self.reserve()
        self.object(number, value, stream)
        return number


class _Copier:
    """Copies objects of one part into the output under new numbers, following their references."""

    def __init__(self, part: _Part, writer: _Writer, tag: bytes):
        self.part, self.writer, self.tag = part, writer, tag
        self.numbers: dict[int, int] = {}
        self.queue: list[int] = []

    def ref(self, old: int) -> int:
        new = self.numbers.get(old)
        if new is None:
            new = self.numbers[old] = self.writer.reserve()
            self.queue.append(old)
        return new

    def rewrite(self, obj: _Object, special: Callable[[bytes, int], bytes | None] | None = None) -> bytes:
        """The object's value with its references renumbered; `special` may replace one by other bytes."""
        out: list[bytes] = []
        pos = 0
        for start, end, old, name in obj.refs:
            out.append(obj.value[pos:start])
            replaced = special(name, old) if special else None
            out.append(replaced if replaced is not None else b"%d 0 R" % self.ref(old))
            pos = end
        out.append(obj.value[pos:])
        value = b"".join(out)
        if b"/FontDescriptor" in value or b"/FontName" in value or b"/Type /Font" in value:
            value = _SUBSET_TAG.sub(b"/" + self.tag + b"+", value)  # each part's subsets named apart
        return value

    def drain(self) -> None:
        while self.queue:
            old = self.queue.pop()
            obj = self.part.object(old)
            self.writer.object(self.numbers[old], self.rewrite(obj), obj.stream)


def _subset_tag(n: int) -> bytes:
    """Six capital letters, a different one for each part (fpdf2 names every subset MPDFAA)."""
    letters = []
    for _ in range(6):
        n, digit = divmod(n, 26)
        letters.append(65 + digit)
    return bytes(reversed(letters))


def _with_header(resources: bytes, form: int) -> bytes:
    """A page's resources with the running header added to its XObjects."""
    entry = b"%s %d 0 R " % (HEADER_XOBJECT, form)
    if _XOBJECT_DICT.search(resources):
        return _XOBJECT_DICT.sub(lambda m: m.group() + entry, resources, count=1)
    inner = resources.rstrip()
    if not inner.endswith(b">>"):
        raise PartError("resources that are not a dictionary")
    return inner[:-2] + b"/XObject <<" + entry + b">>\n>>"


class PdfAssembler:
    """Writes one PDF/A file from parts drawn by fpdf2, part by part.

    add_pages() for the messages' parts, in order; then add_front() for the title page; then add_headers()
    for the running headers' parts, one header page per message page, in order; then finish()."""

    def __init__(self, out: IO[bytes]):
        self.w = _Writer(out)
        self.w.write(b"%PDF-1.7\n%\xe9\xeb\xf1\xbf\n")  # the binary comment PDF/A asks for
        self.root = self.w.reserve()
        self.nodes: list[int] = []  # the pages tree's nodes under the root, in order
        self._node_kids: array = array("q")
        self.pages: array = array("q")  # the message pages' object numbers
        self.forms: array = array("q")  # each message page's running header (written by add_headers)
        self._headed = 0
        self.front: list[int] = []
        self.front_node = self.w.reserve()
        self._catalog_extras = b""
        self._parts = 0
        content = b"q %s Do Q" % HEADER_XOBJECT
        self._draw_header = self.w.new_object(b"<< /Length %d >>" % len(content), content)

    def _copier(self, data: bytes) -> _Copier:
        self._parts += 1
        return _Copier(_Part(data), self.w, _subset_tag(self._parts))

    # --- the message pages ---------------------------------------------------------------------------

    def add_pages(self, data: bytes) -> None:
        copier = self._copier(data)
        for old in copier.part.page_numbers():
            page = copier.part.object(old)
            if b"/Resources" not in page.value:
                raise PartError("a page without resources: its running header could not be named")
            if not self._node_kids:
                self.nodes.append(self.w.reserve())
            node, form, number = self.nodes[-1], self.w.reserve(), self.w.reserve()
            self.pages.append(number)
            self.forms.append(form)
            self._node_kids.append(number)

            def special(name: bytes, ref: int, node: int = node, form: int = form) -> bytes | None:
                if name == b"/Parent":
                    return b"%d 0 R" % node
                if name == b"/Contents":
                    return b"[%d 0 R %d 0 R]" % (copier.ref(ref), self._draw_header)
                if name == b"/Resources":
                    return _with_header(copier.rewrite(copier.part.object(ref)), form)
                return None

            self.w.object(number, copier.rewrite(page, special))
            if len(self._node_kids) == PAGES_PER_NODE:
                self._close_node()
        copier.drain()

    def _close_node(self) -> None:
        kids = b" ".join(b"%d 0 R" % n for n in self._node_kids)
        value = b"<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count %d >>" % (
            self.root,
            kids,
            len(self._node_kids),
        )
        self.w.object(self.nodes[-1], value)
        self._node_kids = array("q")

    # --- the title page ------------------------------------------------------------------------------

    def add_front(self, data: bytes) -> int:
        """The title page (or pages): first in the document, without a running header. Its catalog's
        output intent (fpdf2's sRGB profile) and language become the document's. Returns its pages."""
        if self._node_kids:
            self._close_node()
        copier = self._copier(data)
        for old in copier.part.page_numbers():
            number = self.w.reserve()
            self.front.append(number)
            page = copier.part.object(old)
            self.w.object(
                number,
                copier.rewrite(page, lambda n, _r: b"%d 0 R" % self.front_node if n == b"/Parent" else None),
            )
        catalog = copier.part.catalog()
        intents = _entry(catalog, b"/OutputIntents")
        self._catalog_extras = b"/OutputIntents " + copier.rewrite(intents) + b"\n"
        copier.drain()
        kids = b" ".join(b"%d 0 R" % n for n in self.front)
        self.w.object(
            self.front_node,
            b"<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count %d >>" % (self.root, kids, len(self.front)),
        )
        return len(self.front)

    # --- the running headers -------------------------------------------------------------------------

    def add_headers(self, data: bytes) -> None:
        """A part whose pages are the running headers of the next message pages, each made a form
        XObject under the number that page's resources already name."""
        copier = self._copier(data)
        for old in copier.part.page_numbers():
            if self._headed >= len(self.pages):
                raise PartError("more running headers than pages")
            page = copier.part.object(old)
            contents = copier.part.object(_ref_after(page, b"/Contents"))
            resources = copier.rewrite(copier.part.object(_ref_after(page, b"/Resources")))
            value = contents.value.rstrip()[:-2] + (
                b"/Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources %s >>"
                % (PAGE_W, PAGE_H, resources)
            )
            self.w.object(self.forms[self._headed], value, contents.stream)
            self._headed += 1
        copier.drain()

    # --- the end -------------------------------------------------------------------------------------

    def finish(self, info: DocumentInfo, outline: list[OutlineEntry]) -> None:
        if self._headed != len(self.pages):
            raise PartError(f"{len(self.pages) - self._headed} pages without their running header")
        if self._node_kids:
            self._close_node()
        total = len(self.front) + len(self.pages)
        kids = b" ".join(b"%d 0 R" % n for n in [self.front_node, *self.nodes])
        self.w.object(
            self.root,
            b"<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 %.2f %.2f] >>"
            % (kids, total, PAGE_W, PAGE_H),
        )
        outlines = self._outline(outline)
        metadata = _xmp(info)
        meta = self.w.new_object(b"<< /Type /Metadata /Subtype /XML /Length %d >>" % len(metadata), metadata)
        doc_info = self.w.new_object(_info_dictionary(info))
        catalog = self.w.new_object(
            b"<< /Type /Catalog /Pages %d 0 R /Metadata %d 0 R /Lang %s\n%s"
            b"/ViewerPreferences << /DisplayDocTitle true >>%s >>"
            % (
                self.root,
                meta,
                pdf_text(info.lang),
                self._catalog_extras,
                b" /Outlines %d 0 R /PageMode /UseOutlines" % outlines if outlines else b"",
            )
        )
        identifier = (
            hashlib.md5(  # a file identifier, not a secret
                repr((info.title, info.created.isoformat(), total, self.w.position)).encode()
            )
            .hexdigest()
            .upper()
            .encode()
        )
        xref_at = self.w.position
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.w.offsets)]
        for number, offset in enumerate(self.w.offsets):
            if number and offset < 0:
                raise PartError(f"object {number} was reserved but never written")
            if number:
                rows.append(b"%010d 00000 n \n" % offset)
        self.w.write(b"".join(rows))
        self.w.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.w.offsets), catalog, doc_info, identifier, identifier, xref_at)
        )

    def page_object(self, page: int) -> int:
        """The object number of a page, 1-based in the whole document."""
        if page <= len(self.front):
            return self.front[page - 1]
        return self.pages[page - len(self.front) - 1]

    def _outline(self, entries: list[OutlineEntry]) -> int | None:
        """Months (and the title page) at the top, each with its days under it, closed."""
        if not entries:
            return None
        tops: list[tuple[OutlineEntry, list[OutlineEntry]]] = []
        for entry in entries:
            if entry.level == 0 or not tops:
                tops.append((entry, []))
            else:
                tops[-1][1].append(entry)
        root = self.w.reserve()
        top_numbers = [self.w.reserve() for _ in tops]
        for i, ((entry, children), number) in enumerate(zip(tops, top_numbers, strict=True)):
            child_numbers = [self.w.reserve() for _ in children]
            for j, (child, child_number) in enumerate(zip(children, child_numbers, strict=True)):
                self.w.object(child_number, self._item(child, number, child_numbers, j, b""))
            kids = b""
            if child_numbers:
                kids = b" /First %d 0 R /Last %d 0 R /Count -%d" % (
                    child_numbers[0],
                    child_numbers[-1],
                    len(children),
                )
            self.w.object(number, self._item(entry, root, top_numbers, i, kids))
        self.w.object(
            root,
            b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
            % (top_numbers[0], top_numbers[-1], len(tops)),
        )
        return root

    def _item(self, entry: OutlineEntry, parent: int, siblings: list[int], i: int, kids: bytes) -> bytes:
        links = b""
        if i > 0:
            links += b" /Prev %d 0 R" % siblings[i - 1]
        if i + 1 < len(siblings):
            links += b" /Next %d 0 R" % siblings[i + 1]
        return b"<< /Title %s /Parent %d 0 R%s%s /Dest [%d 0 R /XYZ 0 %.2f null] >>" % (
            pdf_text(entry.title),
            parent,
            links,
            kids,
            self.page_object(entry.page),
            PAGE_H - entry.top,
        )


def _entry(obj: _Object, name: bytes) -> _Object:
    """A dictionary's entry (fpdf2 writes each name once, outside strings), as an object to rewrite."""
    at = obj.value.find(name + b" ")
    if at < 0:
        raise PartError(f"no {name.decode()}")
    start = at + len(name) + 1
    end, _refs = _scan_value(obj.value, start)
    refs = [(s - start, e - start, num, n) for s, e, num, n in obj.refs if start <= s < end]
    return _Object(obj.value[start:end], refs, None)


def _info_dictionary(info: DocumentInfo) -> bytes:
    """The Info dictionary; an empty value is left out here as in the XMP."""
    date = pdf_date(info.created)
    entries = [
        b"/%s %s" % (key, pdf_text(value))
        for key, value in (
            (b"Title", info.title),
            (b"Author", info.author),
            (b"Subject", info.subject),
            (b"Creator", info.creator),
            (b"Producer", info.producer),
        )
        if value
    ]
    return b"<< %s /CreationDate (%s) /ModDate (%s) >>" % (b" ".join(entries), date, date)


def _xmp(info: DocumentInfo) -> bytes:
    """The XMP packet: PDF/A-2b's identification and what the Info dictionary says, in the same words."""
    moment = info.created.isoformat(timespec="seconds")
    fields = [
        (info.title, '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt></dc:title>'),
        (info.author, "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>"),
        (
            info.subject,
            '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{}</rdf:li></rdf:Alt></dc:description>',
        ),
        (info.lang, "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>"),
        (info.creator, "<xmp:CreatorTool>{}</xmp:CreatorTool>"),
        (info.producer, "<pdf:Producer>{}</pdf:Producer>"),
    ]
    lines = [
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
        "   <pdfaid:part>2</pdfaid:part>",
        "   <pdfaid:conformance>B</pdfaid:conformance>",
        *("   " + template.format(escape(value)) for value, template in fields if value),
        f"   <xmp:CreateDate>{moment}</xmp:CreateDate>",
        f"   <xmp:ModifyDate>{moment}</xmp:ModifyDate>",
        f"   <xmp:MetadataDate>{moment}</xmp:MetadataDate>",
        "  </rdf:Description>",
        " </rdf:RDF>",
        "</x:xmpmeta>",
        '<?xpacket end="w"?>',
    ]
    return "\n".join(lines).encode()
