"""The page machinery of messages.pdf: fonts, measured lines, page breaks, running headers, the outline.

fpdf2 draws; the line breaking is ours. fpdf2's multi_cell costs about 4 ms a message (measured: 260
messages/s), its low-level text() about 0.1 ms, so words are measured here from the font's own width
table (cached per word) and each line is placed with text(). Every string goes through `drawable()`
first: a character the embedded font has no glyph for would be an empty box in the PDF, so emoji become
their :names: and anything else unknown becomes U+FFFD, which the font draws.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import IO, BinaryIO

from fontTools import ttLib  # type: ignore[import-untyped]  # fpdf2's own dependency, no stubs
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from mmexport.exporting.writers.context import EMOJI_CODE, emoji_names
from mmexport.exporting.writers.pdf_assemble import PAGE_H, PAGE_W, DocumentInfo, OutlineEntry, PdfAssembler
from mmexport.resources import resource_path

MARGIN_X = 56.0
TOP = 64.0  # where the text of a page starts, below the running header
BOTTOM = PAGE_H - 48.0
TEXT_W = PAGE_W - 2 * MARGIN_X
BODY_SIZE = 10.0
LINE = 13.5  # baseline to baseline for body text
# Pages per fpdf2 part (a part is held in memory until it is copied into the file): each part costs its
# own font subsets (about 0.1 s and 20 KB a font), so parts are as large as memory allows.
PART_PAGES = 1000
HEADER_PART_PAGES = 1000  # running headers: two lines and a rule a page

GREY = (110, 110, 110)
BLACK = (0, 0, 0)
LINK_BLUE = (20, 70, 160)

# Style letters: "" regular, "B" bold, "I" italic, "BI", "M" monospaced.
_FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
    "M": "DejaVuSansMono.ttf",
}
SANS, MONO = "dejavu", "dejavumono"
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff\U000e0000-\U000e007f]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # no glyph in any font; \n and \t are handled


def family_and_style(style: str) -> tuple[str, str]:
    return (MONO, "") if style == "M" else (SANS, style)


@lru_cache(maxsize=1)
def _prototype_fonts() -> dict[str, TTFFont]:
    """The five fonts parsed once per process (0.4 s); each document gets fresh copies (0.06 s), because
    a font object also records which glyphs its document used (the subset that is embedded)."""
    proto = FPDF(unit="pt")
    for style, file_name in _FONT_FILES.items():
        family, font_style = family_and_style(style)
        proto.add_font(family, font_style, str(resource_path("pdf", file_name)))
    return {key: font for key, font in proto.fonts.items() if isinstance(font, TTFFont)}


def add_font(pdf: FPDF, key: str) -> None:
    """One of our fonts into this document, when it is first used: fpdf2 embeds every font it was given,
    used or not, and subsetting one costs 0.1 s.

    The width tables are shared with the prototype (read only); what a document changes is its own: the
    subset (which glyphs it used) and the fontTools font, which making the subset changes in place
    (opened lazily: only the tables the subset needs are read)."""
    proto = _prototype_fonts()[key]
    fresh = copy.copy(proto)
    fresh.i = len(pdf.fonts) + 1
    fresh.ttfont = ttLib.TTFont(proto.ttffile, recalcTimestamp=False, lazy=True)
    fresh.missing_glyphs = []
    fresh.biggest_size_pt = 0
    fresh.subset = SubsetMap(fresh)
    pdf.fonts[key] = fresh


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """Code points every one of our fonts can draw (the mono font has fewer than the sans ones)."""
    fonts = _prototype_fonts().values()
    common = set.intersection(*(set(f.cmap) for f in fonts))
    return frozenset(common)


@lru_cache(maxsize=1)
def _emoji_by_char() -> dict[str, str]:
    """Unicode emoji -> the shortest of its Mattermost names (👍 -> "+1", 🎉 -> "tada")."""
    table: dict[str, str] = {}
    for name, char in sorted(emoji_names().items(), key=lambda item: (len(item[0]), item[0])):
        table.setdefault(char, name)
        table.setdefault(_ZERO_WIDTH.sub("", char), name)
    return table


def emoji_text(name: str) -> str:
    """A reaction or :code: as drawn: the emoji itself where the font has it, else ':name:'."""
    char = emoji_names().get(name)
    if char and all(ord(c) in _glyphs() for c in _ZERO_WIDTH.sub("", char)):
        return _ZERO_WIDTH.sub("", char)
    return f":{name}:"


def with_emoji(text: str) -> str:
    """:codes: replaced by the emoji where the font can draw it (as the viewer shows them)."""
    if ":" not in text:
        return text
    return EMOJI_CODE.sub(lambda m: emoji_text(m.group(1)) if m.group(1) in emoji_names() else m.group(0), text)


def drawable(text: str) -> str:
    """The text with every character the fonts cannot draw replaced: emoji by :name:, the rest by U+FFFD;
    control characters dropped. (A PDF/A file may not show the font's .notdef glyph, the empty box.)"""
    if text.isascii() and text.isprintable():
        return text
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", "    ")
    glyphs = _glyphs()
    if all(ord(c) in glyphs or c == "\n" for c in text):
        return text
    text = _ZERO_WIDTH.sub("", text)
    emoji = _emoji_by_char()
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if ord(char) in glyphs or char == "\n":
            out.append(char)
            i += 1
            continue
        # The longest emoji sequence starting here (flags and skin tones are two or more code points).
        for length in (4, 3, 2, 1):
            name = emoji.get(text[i : i + length])
            if name:
                out.append(f":{name}:")
                i += length
                break
        else:
            out.append("\N{REPLACEMENT CHARACTER}")
            i += 1
    return "".join(out)


def one_line(text: str) -> str:
    """drawable() on one line: for names in the running header and the document's metadata."""
    return " ".join(drawable(text).split())


@dataclass(frozen=True)
class Piece:
    """A run of text in one style; href makes it a link."""

    text: str
    style: str = ""
    href: str | None = None
    color: tuple[int, int, int] | None = None
    struck: bool = False  # Markdown's ~~strikethrough~~


class Measure:
    """Text widths from the fonts' width tables, cached per (style, word)."""

    def __init__(self) -> None:
        fonts = _prototype_fonts()
        self._widths = {style: fonts[f + s].cw for style, (f, s) in _styles().items()}
        self._cache: dict[tuple[str, str], float] = {}

    def char_widths(self, style: str) -> dict[int, float]:
        return self._widths[style]

    def width(self, text: str, style: str, size: float) -> float:
        key = (style, text)
        units = self._cache.get(key)
        if units is None:
            cw = self._widths[style]
            units = sum(cw[ord(c)] for c in text)
            if len(self._cache) > 50_000:  # bounded: memory stays flat in long chats
                self._cache.clear()
            self._cache[key] = units
        return units * size * 0.001


@lru_cache(maxsize=1)
def _styles() -> dict[str, tuple[str, str]]:
    return {style: family_and_style(style) for style in _FONT_FILES}


_WORDS = re.compile(r"\S+\s*|\s+")


def break_lines(
    pieces: Iterable[Piece], width: float, size: float, measure: Measure
) -> list[list[tuple[float, Piece]]]:
    """Pieces flowed into lines of at most `width` points: each line a list of (x offset, piece).
    A "\n" inside a piece ends the line; a word wider than a line is cut by characters."""
    lines: list[list[tuple[float, Piece]]] = [[]]
    x = 0.0
    for piece in pieces:
        for part_no, part in enumerate(piece.text.split("\n")):
            if part_no:
                lines.append([])
                x = 0.0
            for word in _WORDS.findall(part):
                bare = word.rstrip()
                w_bare = measure.width(bare, piece.style, size)
                if x + w_bare > width and x > 0:
                    lines.append([])
                    x = 0.0
                    if not bare:
                        continue  # spaces at a line break
                if x + w_bare > width and len(bare) > 1:  # longer than a line: cut it
                    *full, last = _cut(bare, piece.style, size, width - x, width, measure)
                    for part in full:
                        lines[-1].append((x, replace(piece, text=part)))
                        lines.append([])
                        x = 0.0
                    word = last + word[len(bare) :]
                lines[-1].append((x, replace(piece, text=word)))
                x += measure.width(word, piece.style, size)
    return lines


def _runs(line: list[tuple[float, Piece]]) -> list[tuple[float, Piece]]:
    """A line's words joined into one piece per run of the same style and link: one text() call each
    instead of one a word (fpdf2's text() is most of the time spent)."""
    runs: list[tuple[float, Piece]] = []
    for offset, piece in line:
        if runs:
            start, last = runs[-1]
            if replace(last, text="") == replace(piece, text=""):  # the same style, link, colour, line
                runs[-1] = (start, replace(piece, text=last.text + piece.text))
                continue
        runs.append((offset, piece))
    if runs:
        start, last = runs[-1]
        runs[-1] = (start, replace(last, text=last.text.rstrip()))
    return runs


def _cut(word: str, style: str, size: float, first_room: float, room: float, measure: Measure) -> list[str]:
    """A word wider than a line in pieces that fit: the first into first_room, the others into room.
    One pass over its characters (a 100,000-character word without a space is a line of its own each
    few dozen characters, not a quadratic search)."""
    widths = measure.char_widths(style)
    scale = size * 0.001
    parts: list[str] = []
    start, used, limit = 0, 0.0, first_room
    for i, char in enumerate(word):
        w = widths[ord(char)] * scale
        if used + w > limit and i > start:
            parts.append(word[start:i])
            start, used, limit = i, 0.0, room
        used += w
    parts.append(word[start:])
    return parts


class Part(FPDF):
    """A run of pages drawn by fpdf2: A4, our fonts, our margins, no header or footer of fpdf2's."""

    def __init__(self, lang: str) -> None:
        super().__init__(unit="pt", format="A4", enforce_compliance="PDF/A-2B")
        self.set_auto_page_break(False)
        self.set_margins(MARGIN_X, TOP, MARGIN_X)
        self.set_lang(lang)
        self._our_font: tuple[str, str, float] | None = None  # fpdf2 has attributes of its own: ours are named apart
        self._our_colour: tuple[int, int, int] = BLACK
        self.set_text_color(*BLACK)

    def header(self) -> None:
        return

    def footer(self) -> None:
        return

    def new_page(self) -> None:
        self.add_page()
        self._our_font = None  # a new page needs its font set again

    def use(self, style: str, size: float, color: tuple[int, int, int] = BLACK) -> None:
        family, font_style = _styles()[style]
        key = (family, font_style, size)
        if key != self._our_font:
            if family + font_style not in self.fonts:
                add_font(self, family + font_style)
            self.set_font(family, font_style, size)
            self._our_font = key
        if color != self._our_colour:
            self.set_text_color(*color)
            self._our_colour = color


class Document:
    """messages.pdf being drawn: page after page into fpdf2 parts of PART_PAGES pages, each handed to the
    assembler (pdf_assemble.py) when it is full, so that memory does not grow with the chat.

    Pages are numbered from 1 as they are drawn; the title page, drawn last with front(), goes before
    them. finish() draws the running headers, now that the number of pages is known, and ends the file."""

    def __init__(self, lang: str, out: IO[bytes], part_pages: int | None = None) -> None:
        self.lang = lang
        self.measure = Measure()
        self.cursor = TOP
        self.page = 0  # the message page being drawn
        self.part_pages = part_pages or PART_PAGES
        self.assembler = PdfAssembler(out)
        self.sections: list[OutlineEntry] = []  # pages counted without the title page
        self._part = Part(lang)
        self._front = False

    def new_page(self) -> None:
        if self._part.pages_count >= self.part_pages and not self._front:
            self._hand_over()
        self._part.new_page()
        self.page += 1
        self.cursor = TOP

    def front(self) -> None:
        """From now on, draw the title page: the messages' pages are all handed over."""
        if self._part.pages_count:
            self._hand_over()
        self._front = True
        self._part.new_page()
        self.cursor = TOP

    def _hand_over(self) -> None:
        """The part's pages into the file, and a new part to draw on."""
        self.assembler.add_pages(bytes(self._part.output()))
        self._part = Part(self.lang)

    def start_section(self, title: str, level: int) -> None:
        """A bookmark to the cursor on this page (the title page's one is added by finish())."""
        self.sections.append(OutlineEntry(title, level, self.page, self.cursor))

    def need(self, height: float) -> None:
        """Start a new page unless `height` points still fit on this one."""
        if self.cursor + height > BOTTOM and self.cursor > TOP:
            self.new_page()

    def text(self, x: float, baseline: float, text: str) -> None:
        self._part.text(x, baseline, text)

    def image(self, data: BinaryIO, x: float, y: float, w: float, h: float) -> None:
        self._part.image(data, x, y, w, h)

    def draw_lines(
        self, lines: list[list[tuple[float, Piece]]], x: float, size: float, line_height: float = LINE
    ) -> None:
        """Lines as break_lines made them, from the cursor down, breaking pages between lines."""
        for line in lines:
            self.need(line_height)
            baseline = self.cursor + size
            part = self._part
            for offset, piece in _runs(line):
                text = piece.text
                if not text:
                    continue
                color = piece.color or (LINK_BLUE if piece.href else BLACK)
                part.use(piece.style, size, color)
                self.text(x + offset, baseline, text)
                if piece.href or piece.struck:
                    w = self.measure.width(text, piece.style, size)
                if piece.href:
                    part.link(x + offset, baseline - size, w, size * 1.25, piece.href)
                if piece.struck:
                    part.set_draw_color(*color)
                    part.set_line_width(size * 0.06)
                    part.line(x + offset, baseline - size * 0.3, x + offset + w, baseline - size * 0.3)
            self.cursor += line_height

    def paragraph(
        self,
        pieces: Iterable[Piece],
        x: float = MARGIN_X,
        width: float = TEXT_W,
        size: float = BODY_SIZE,
        line_height: float = LINE,
    ) -> None:
        self.draw_lines(break_lines(pieces, width, size, self.measure), x, size, line_height)

    def rule(self, x: float, width: float, color: tuple[int, int, int] = (200, 200, 200)) -> None:
        self._part.set_draw_color(*color)
        self._part.set_line_width(0.5)
        self._part.line(x, self.cursor, x + width, self.cursor)

    def finish(self, info: DocumentInfo, front_title: str, page_text: str) -> None:
        """The title page handed over, a running header drawn for every message page, the file ended."""
        front_pages = self.assembler.add_front(bytes(self._part.output()))
        total = front_pages + self.page
        title = one_line(info.title)
        for first in range(1, self.page + 1, HEADER_PART_PAGES):
            part = Part(self.lang)
            for page in range(first, min(first + HEADER_PART_PAGES, self.page + 1)):
                part.new_page()
                self._running_header(part, title, page_text.format(n=front_pages + page, total=total))
            self.assembler.add_headers(bytes(part.output()))
        outline = [OutlineEntry(front_title, 0, 1, TOP)]
        outline += [replace(s, page=s.page + front_pages) for s in self.sections]
        self.assembler.finish(info, outline)

    def _running_header(self, part: Part, title: str, label: str) -> None:
        """The chat's name, left, and "Page N of M", right, above a thin rule."""
        part.use("", 8, GREY)
        label_w = self.measure.width(label, "", 8)
        shown = title
        limit = TEXT_W - label_w - 24
        if self.measure.width(shown, "", 8) > limit:
            while shown and self.measure.width(shown + "…", "", 8) > limit:
                shown = shown[:-1]
            shown += "…"
        part.text(MARGIN_X, 36, shown)
        part.text(PAGE_W - MARGIN_X - label_w, 36, label)
        part.set_draw_color(200, 200, 200)
        part.set_line_width(0.5)
        part.line(MARGIN_X, 42, PAGE_W - MARGIN_X, 42)
