"""messages.pdf: one chat as a PDF/A-2b document that an office can file.

A title page (the chat, its people, the period, the server, who exported it and when, whether it is
complete), then every message in order: date separators, author and time, edited and pinned marks,
Markdown (the viewer's markdown-it parser, its tokens drawn here), threads under their root, pictures
embedded (reduced, never enlarged), other files with name, size and the manifest's SHA-256, reactions.
An outline by month and day; the chat's name and "Page N of M" on every page.

The chat is read once, in order, through the ThreadIndex (as messages.txt is), and drawn in parts that are
written out as they fill (pdf_layout.Document, pdf_assemble.py); the title page is drawn last and put
first, when the people, the counts and the period are known.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from fpdf import __version__ as fpdf_version
from markdown_it.token import Token
from PIL import Image

from mmexport import __version__
from mmexport.archive.layout import atomic_file
from mmexport.exporting.writers.context import (
    ArchiveContext,
    ChannelInfo,
    incomplete_sentence,
    local_datetime,
    parse_iso,
    reaction_counts,
)
from mmexport.exporting.writers.markdown import (
    MAIL_IN_TEXT,
    URL_IN_TEXT,
    Decorations,
    MessageRenderer,
    _is_plain,
    plain_link,
    safe_href,
)
from mmexport.exporting.writers.pdf_assemble import DocumentInfo
from mmexport.exporting.writers.pdf_layout import (
    BODY_SIZE,
    BOTTOM,
    GREY,
    LINE,
    MARGIN_X,
    TEXT_W,
    TOP,
    Document,
    Piece,
    drawable,
    emoji_text,
    one_line,
    with_emoji,
)
from mmexport.exporting.writers.threads import ThreadIndex

PDF_FILE = "messages.pdf"
REPLY_INDENT = 22.0
POST_START = LINE * 2.2  # room a message needs at the foot of a page to start there: its author and a line
IMAGE_MAX_PX = 1200  # larger pictures are reduced to this many pixels on their longer side
IMAGE_MAX_H = (BOTTOM - TOP) * 0.6
# Pictures are decoded whole before they are reduced (JPEG excepted: it decodes at 1/2 to 1/8 scale), so one
# of more pixels than this (a 40-megapixel PNG takes 160 MB) is listed, not drawn.
IMAGE_MAX_PIXELS = 40_000_000
_IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp", "bmp"}
_URL = re.compile(f"{URL_IN_TEXT}|{MAIL_IN_TEXT}")
_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
}


@dataclass
class _ChatFacts:
    """What the title page says, gathered while the messages are drawn."""

    messages: int = 0
    files: int = 0
    first_at: int = 0
    last_at: int = 0
    authors: dict[str, None] = field(default_factory=dict)  # in order of first appearance

    def saw(self, post: dict, author: str) -> None:
        self.messages += 1
        at = int(post.get("create_at") or 0)
        if at and (not self.first_at or at < self.first_at):
            self.first_at = at
        self.last_at = max(self.last_at, at)
        self.authors.setdefault(author, None)
        self.files += len([f for f in post.get("file_ids") or [] if isinstance(f, str)])


class PdfWriter:
    """Writes messages.pdf into a chat's folder."""

    def __init__(self, ctx: ArchiveContext):
        self.ctx = ctx
        self.t = ctx.texts
        # The viewer's parser and its settings (CommonMark + tables + strikethrough, safe links only).
        self.md = MessageRenderer(Decorations({}, {}, {}, {})).md

    def write_chat(self, channel: ChannelInfo, index: ThreadIndex) -> Path:
        title = self._title(channel)
        info = DocumentInfo(
            title=one_line(title),
            author=one_line(self._exporter()),  # XMP is XML: no control characters
            subject=self.t("pdf_subject"),
            creator=f"Mattermost Export Assistant {__version__}",
            producer=f"Mattermost Export Assistant {__version__} with fpdf2 {fpdf_version}",
            lang=self.t.lang,
            created=datetime.now().astimezone().replace(microsecond=0),
        )
        path = self.ctx.root / channel.path / PDF_FILE
        with atomic_file(path, "wb", durable=False) as out:
            doc = Document(self.t.lang, out)
            doc.new_page()
            facts = _ChatFacts()
            self._messages(doc, index, facts)
            doc.front()  # the title page, now that the messages are counted
            self._title_page(doc, channel, title, facts)
            doc.finish(info, drawable(self.t("pdf_title_page")), self.t("pdf_page"))
        return path

    # --- the title page -------------------------------------------------------------------------------

    def _title(self, channel: ChannelInfo) -> str:
        team = self.ctx.team_display_name(channel.team)
        return f"{channel.display_name} ({team})" if team else channel.display_name

    def _exporter(self) -> str:
        user = self.ctx.manifest.get("user") or {}
        name = self.ctx.display_name(str(user.get("id") or ""))
        username = str(user.get("username") or "")
        return f"{name} (@{username})" if username and name != username else name or username

    def _title_page(self, doc: Document, channel: ChannelInfo, title: str, facts: _ChatFacts) -> None:
        t = self.t
        doc.cursor = TOP + 40
        doc.paragraph([Piece(drawable(title), "B")], size=20, line_height=26)
        doc.cursor += 18
        rows: list[tuple[str, str]] = [(t("pdf_kind"), self.ctx.channel_kind(channel))]
        team = self.ctx.team_display_name(channel.team)
        if team:
            rows.append((t("pdf_team"), team))
        members = [self.ctx.display_name(m) for m in channel.members] if channel.is_direct else []
        if members:
            rows.append((t("pdf_members"), ", ".join(members)))
        else:  # the archive does not keep a channel's members, only what they wrote
            rows.append((t("pdf_authors"), ", ".join(facts.authors) or "–"))
        if facts.first_at:
            first, last = local_datetime(facts.first_at), local_datetime(facts.last_at)
            rows.append((t("pdf_period"), t("pdf_period_value", first=t.long_date(first), last=t.long_date(last))))
        server = self.ctx.manifest.get("server") or {}
        rows.append((t("pdf_server"), str(server.get("url") or "")))
        rows.append((t("pdf_exported_by"), self._exporter()))
        exported = parse_iso(self.ctx.manifest.get("finished_at") or self.ctx.manifest.get("started_at"))
        if exported:
            rows.append((t("pdf_exported_at"), f"{t.long_date(exported)}, {t.time(exported)}"))
        rows.append((t("pdf_contents"), f"{t.plural('messages', facts.messages)}, {t.plural('files', facts.files)}"))
        problems = [
            t.problem(p) for p in self.ctx.manifest.get("problems") or [] if p.get("channel_id") == channel.id
        ]
        complete = channel.complete and self.ctx.run.complete and not problems
        rows.append((t("pdf_complete"), t("pdf_complete_yes") if complete else t("pdf_complete_no")))
        if not self.ctx.run.complete:
            problems.insert(0, incomplete_sentence(self.ctx.run, t))
        if problems:
            rows.append((t("pdf_problems"), "\n".join(f"• {p}" for p in problems)))
        now = datetime.now().astimezone()
        rows.append((t("pdf_rendered_at"), f"{t.long_date(now)}, {t.time(now)}"))
        label_w = 130.0
        for label, value in rows:
            top = doc.cursor
            doc.paragraph([Piece(drawable(label), "B", color=GREY)], width=label_w - 8)
            doc.cursor = top
            doc.paragraph([Piece(drawable(value))], x=MARGIN_X + label_w, width=TEXT_W - label_w)
            doc.cursor += 5
        doc.cursor += 12
        doc.paragraph([Piece(drawable(t("pdf_check_hint")), "I", color=GREY)], size=8.5, line_height=11.5)

    # --- the messages ---------------------------------------------------------------------------------

    def _messages(self, doc: Document, index: ThreadIndex, facts: _ChatFacts) -> None:
        t = self.t
        if not index.roots:
            doc.paragraph([Piece(t("no_messages"), "I", color=GREY)])
            return
        month: tuple[int, int] | None = None
        day = None
        for root, replies, orphan in index.whole().threads():
            moment = local_datetime(int(root.get("create_at") or 0))
            if moment.date() != day:
                doc.need(LINE * 5)
                if (moment.year, moment.month) != month:
                    month = (moment.year, moment.month)
                    doc.start_section(f"{_MONTHS[t.lang][moment.month - 1]} {moment.year}", level=0)
                day = moment.date()
                doc.start_section(drawable(t.long_date(moment)), level=1)
                self._date_separator(doc, t.long_date(moment))
            doc.need(POST_START)
            noted_page = doc.page  # the root's page: its replies there need no reminder
            note = t("pdf_reply_to_missing") if orphan else None
            self._post(doc, root, 0.0, with_date=orphan, note=note, facts=facts)
            for reply in replies:
                doc.need(POST_START)
                note = None
                if doc.page != noted_page:  # the first reply on a page the root is not on
                    note, noted_page = self._reply_note(root), doc.page
                self._post(doc, reply, REPLY_INDENT, with_date=True, note=note, facts=facts)

    def _date_separator(self, doc: Document, text: str) -> None:
        doc.cursor += 6
        doc.rule(MARGIN_X, TEXT_W)
        doc.cursor += 4
        doc.paragraph([Piece(drawable(text), "B", color=GREY)], size=9, line_height=13)
        doc.cursor += 4

    def _reply_note(self, root: dict) -> str:
        words = drawable(with_emoji(str(root.get("message") or ""))).split()
        excerpt = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        moment = local_datetime(int(root.get("create_at") or 0))
        return self.t("pdf_reply_to", name=self.ctx.post_author(root), date=self.t.date_time(moment), excerpt=excerpt)

    def _post(
        self, doc: Document, post: dict, indent: float, *, with_date: bool, note: str | None, facts: _ChatFacts
    ) -> None:
        t = self.t
        author = self.ctx.post_author(post)
        facts.saw(post, author)
        x, width = MARGIN_X + indent, TEXT_W - indent
        moment = local_datetime(int(post.get("create_at") or 0))
        stamp = t.date_time(moment) if with_date else t.time(moment)
        head = [Piece(drawable(author), "B"), Piece(f"  {stamp}", color=GREY)]
        if post.get("edit_at"):
            head.append(Piece(f"  {t('edited')}", "I", color=GREY))
        if post.get("is_pinned"):
            head.append(Piece(f"  {t('pinned')}", "B", color=GREY))
        doc.need(POST_START)  # the author's line never alone at the foot of a page
        doc.paragraph(head, x, width, 9)
        if note:
            doc.paragraph([Piece(drawable(note), "I", color=GREY)], x, width, 8.5, 11.5)
        if post.get("delete_at"):
            doc.paragraph([Piece(t("deleted"), "I", color=GREY)], x, width)
        else:
            system = str(post.get("type") or "").startswith("system_")
            self._body(doc, str(post.get("message") or ""), x, width, GREY if system else None)
            self._integration(doc, post, x, width)
            self._files(doc, post, x, width)
        reactions = _reactions(post)
        if reactions:
            doc.paragraph([Piece(drawable(reactions), color=GREY)], x, width, 9, 12.5)
        doc.cursor += 5

    def _body(self, doc: Document, text: str, x: float, width: float, color: tuple[int, int, int] | None) -> None:
        text = drawable(with_emoji(text.strip("\n")))
        if not text.strip():
            return
        if _is_plain(text):
            doc.paragraph(_linked(text, "", color), x, width)
            return
        _Blocks(doc, x, width, color).draw(self.md.parse(text))

    def _integration(self, doc: Document, post: dict, x: float, width: float) -> None:
        """Bots' and webhooks' message attachments: pretext, title, text and fields, indented."""
        for att in (post.get("props") or {}).get("attachments") or []:
            if not isinstance(att, dict):
                continue
            inner_x, inner_w = x + 10, width - 10
            for key, style in (("pretext", ""), ("author_name", "I"), ("title", "B")):
                if att.get(key):
                    pieces = [Piece(drawable(str(att[key])), style)]
                    link = safe_href(str(att.get("title_link") or "")) if key == "title" else None
                    if link:
                        pieces.append(Piece(f" ({link})", "", link))
                    doc.paragraph(pieces, inner_x, inner_w)
            if att.get("text"):
                self._body(doc, str(att["text"]), inner_x, inner_w, None)
            for fld in att.get("fields") or []:
                if isinstance(fld, dict):
                    value = drawable(with_emoji(str(fld.get("value") or "")))
                    parsed = self.md.parseInline(value)  # a field's value is Markdown too
                    pieces = [
                        Piece(drawable(f"{fld.get('title') or ''}: "), "B"),
                        *_inline_pieces(parsed[0].children or [] if parsed else [], "", None),
                    ]
                    doc.paragraph(pieces, inner_x, inner_w)
            if att.get("footer"):
                doc.paragraph([Piece(drawable(str(att["footer"])), color=GREY)], inner_x, inner_w, 8.5, 11.5)

    def _files(self, doc: Document, post: dict, x: float, width: float) -> None:
        infos = {
            str(i.get("id")): i for i in (post.get("metadata") or {}).get("files") or [] if isinstance(i, dict)
        }
        for file_id in post.get("file_ids") or []:
            if not isinstance(file_id, str):
                continue
            entry = self.ctx.file_entry(file_id) or {}
            name = str(entry.get("name") or (infos.get(file_id) or {}).get("name") or file_id)
            rel = str(entry.get("path") or "")
            path = self.ctx.root / rel if rel else None
            saved = path is not None and path.is_file() and bool(entry.get("sha256"))
            if saved and path is not None and name.rpartition(".")[2].lower() in _IMAGE_EXTENSIONS:
                _draw_image(doc, path, x, width)
            if saved:
                line = f"{name} · {self.t.size(int(entry.get('size') or 0))} · SHA-256 {entry['sha256']}"
            else:
                line = f"{name} · {self.t('pdf_file_missing')}"
            doc.paragraph([Piece(drawable(line), "M", color=GREY)], x, width, 7.5, 10)


def _reactions(post: dict) -> str:
    """'👍 3 · 🎉 1', each emoji drawn where the font has it, else by its :name:."""
    return " · ".join(f"{emoji_text(name)} {n}" for name, n in reaction_counts(post).items())


def _linked(text: str, style: str, color: tuple[int, int, int] | None) -> list[Piece]:
    """Plain text with its web addresses as links (the address is the text, so it stays visible)."""
    if "://" not in text and "www." not in text and "mailto:" not in text:
        return [Piece(text, style, None, color)]
    pieces: list[Piece] = []
    pos = 0
    for match in _URL.finditer(text):
        url, href = plain_link(match.group())
        if not href:
            continue
        start = match.start()
        if start > pos:
            pieces.append(Piece(text[pos:start], style, None, color))
        pieces.append(Piece(url, style, href))
        pos = start + len(url)
    if pos < len(text):
        pieces.append(Piece(text[pos:], style, None, color))
    return pieces


def _reduced_picture(path: Path) -> tuple[io.BytesIO, int, int] | None:
    """The picture reduced to IMAGE_MAX_PX, flattened onto white, as JPEG or PNG; with its own size.
    None when it cannot be read or is too large to decode."""
    try:
        with Image.open(path) as image:
            natural_w, natural_h = image.size
            if image.format != "JPEG" and natural_w * natural_h > IMAGE_MAX_PIXELS:
                return None
            image.draft("RGB", (IMAGE_MAX_PX, IMAGE_MAX_PX))  # JPEG: decode at a smaller scale, fast
            picture = image.convert("RGBA") if image.mode in ("P", "LA", "RGBA", "PA") else image.convert("RGB")
            picture.thumbnail((IMAGE_MAX_PX, IMAGE_MAX_PX))  # only ever reduces
            if picture.mode == "RGBA":  # flattened onto white: no transparency groups in the file
                background = Image.new("RGB", picture.size, (255, 255, 255))
                background.paste(picture, mask=picture.getchannel("A"))
                picture = background
            data = io.BytesIO()
            if image.format == "JPEG":
                picture.save(data, "JPEG", quality=85)
            else:
                picture.save(data, "PNG")
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return data, natural_w, natural_h


def _draw_image(doc: Document, path: Path, x: float, width: float) -> None:
    """The picture at its own size (1 pixel = 0.75 pt, as a browser shows it), smaller when it does not fit
    the column or 60 % of a page; big pictures are reduced to IMAGE_MAX_PX first. One that cannot be read
    is only listed."""
    with warnings.catch_warnings():
        # Pillow warns (on stderr, in front of the user) about pictures over 89 megapixels when it opens
        # them; a JPEG is decoded reduced, anything else that large is left out below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        reduced = _reduced_picture(path)
    if reduced is None:
        return
    data, natural_w, natural_h = reduced
    w = min(natural_w * 0.75, width)
    h = natural_h * w / natural_w if natural_w else 0
    if h > IMAGE_MAX_H:
        w, h = w * IMAGE_MAX_H / h, IMAGE_MAX_H
    if w < 1 or h < 1:
        return
    doc.need(h + 6)
    doc.image(data, x, doc.cursor + 2, w, h)
    doc.cursor += h + 6


class _Blocks:
    """markdown-it's block tokens drawn: paragraphs, headings, lists, quotes, code, tables, rules."""

    def __init__(self, doc: Document, x: float, width: float, color: tuple[int, int, int] | None):
        self.doc = doc
        self.x, self.width = x, width
        self.color = color
        self.lists: list[list[int]] = []  # per open list: [next number] (-1: bullets)
        self.quote = 0
        self.marker = ""  # the bullet or number of a list item whose first paragraph is next

    def _indent(self) -> float:
        return 14.0 * len(self.lists) + 12.0 * self.quote

    def draw(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "inline":
                self._inline_block(token, "")
            elif kind == "heading_open":
                size = {"h1": 13.0, "h2": 12.0}.get(token.tag, 11.0)
                self._inline_block(tokens[i + 1], "B", size)
                i += 2
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else -1
                self.lists.append([start])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                counter = self.lists[-1]
                self.marker = "•" if counter[0] < 0 else f"{counter[0]}."
                if counter[0] >= 0:
                    counter[0] += 1
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("fence", "code_block"):
                self._code(token.content)
            elif kind == "table_open":
                i = self._table(tokens, i)
            elif kind == "hr":
                self.doc.cursor += 4
                self.doc.rule(self.x + self._indent(), self.width - self._indent())
                self.doc.cursor += 4
            elif kind == "html_block":
                self._pieces([Piece(token.content.strip("\n"))])
            elif kind == "paragraph_close" and not token.hidden:
                self.doc.cursor += 3
            i += 1

    def _inline_block(self, token: Token, style: str, size: float = BODY_SIZE) -> None:
        self._pieces(_inline_pieces(token.children or [], style, self._color()), size)

    def _color(self) -> tuple[int, int, int] | None:
        return GREY if self.quote else self.color

    def _pieces(self, pieces: list[Piece], size: float = BODY_SIZE) -> None:
        indent = self._indent()
        x = self.x + indent
        if self.marker:  # the bullet or number, right-aligned before the item's first line
            marker_w = self.doc.measure.width(self.marker, "", size)
            self.doc.need(LINE)
            start = self.doc.cursor
            self.doc.paragraph([Piece(self.marker, "", None, self._color())], x - 4 - marker_w, marker_w + 1, size)
            self.doc.cursor = start
            self.marker = ""
        self.doc.paragraph(pieces, x, self.width - indent, size)

    def _code(self, code: str) -> None:
        indent = self._indent() + 8
        self.doc.cursor += 2
        self.doc.paragraph(
            [Piece(code.rstrip("\n"), "M", None, (40, 40, 40))], self.x + indent, self.width - indent, 8.5, 11.5
        )
        self.doc.cursor += 4

    def _table(self, tokens: list[Token], i: int) -> int:
        """Each row as one line, cells separated by a bar; the header row bold."""
        row: list[Piece] = []
        in_head = False
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "inline":
                if row:
                    row.append(Piece(" │ ", "", None, GREY))
                row.extend(_inline_pieces(token.children or [], "B" if in_head else "", self._color()))
            elif token.type == "tr_close":
                self._pieces(row or [Piece("")])
            i += 1
        self.doc.cursor += 3
        return i


def _inline_pieces(children: list[Token], base: str, color: tuple[int, int, int] | None) -> list[Piece]:
    pieces: list[Piece] = []
    bold = "B" in base
    italic = "I" in base
    struck = False
    href: str | None = None
    label_start = 0
    for child in children:
        kind = child.type
        style = ("B" if bold else "") + ("I" if italic else "")
        if kind == "text":
            if href:
                pieces.append(Piece(child.content, style, href))
            else:
                pieces.extend(replace(p, struck=struck) for p in _linked(child.content, style, color))
        elif kind in ("softbreak", "hardbreak"):
            pieces.append(Piece("\n", style, None, color))
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = "B" in base
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = "I" in base
        elif kind in ("s_open", "s_close"):
            struck = kind == "s_open"
        elif kind == "code_inline":
            pieces.append(Piece(child.content, "M", None, color))
        elif kind == "link_open":
            href = safe_href(str(child.attrGet("href") or "")) or None
            label_start = len(pieces)
        elif kind == "link_close":
            label = "".join(p.text for p in pieces[label_start:])
            if href and label.strip() != href:
                pieces.append(Piece(f" ({href})", style, href))  # the address stays readable on paper
            href = None
        elif kind == "image":
            src = safe_href(str(child.attrGet("src") or "")) or ""
            alt = "".join(c.content for c in child.children or []) or child.content
            pieces.append(Piece(f"[{alt}]" + (f" ({src})" if src else ""), style, src or None))
        elif child.content:
            pieces.append(Piece(child.content, style, None, color))
    return pieces
