"""Mattermost markdown -> safe HTML for the offline viewer.

Message text is untrusted. markdown-it runs with raw HTML switched off, every link goes through an
allow-list of schemes (http, https, mailto), pictures from the web become links (the viewer never loads
anything from the network), and all text is escaped. Code blocks are highlighted by Pygments with CSS
classes. @mentions, ~channels and :emoji: are decorated inside plain text only, never inside code.

Most chat messages are one plain sentence, and markdown-it costs ~30 µs even for those, so plain text
(no character that markdown would treat specially) takes a fast path that gives the same HTML. So do two
other everyday shapes, which cost markdown-it 100-300 µs: one line with **bold** words and `code`, and a
simple bullet list. Anything beyond their narrow rules goes to markdown-it; a property test checks that
every fast path gives exactly markdown-it's HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

ALLOWED_SCHEMES = ("http:", "https:", "mailto:")
LINK_ATTRS = ' target="_blank" rel="noopener noreferrer"'

# A web or mail address inside plain text (the PDF finds them with these too).
URL_IN_TEXT = r"\b(?:https?://|www\.)[^\s<>\"'`]+"
MAIL_IN_TEXT = r"\bmailto:[^\s<>\"'`]+"
# URLs, @mentions, ~channels and :emoji: inside plain text, in one pass.
_DECORATION = re.compile(
    rf"(?P<url>{URL_IN_TEXT})"
    rf"|(?P<mail>{MAIL_IN_TEXT})"
    r"|(?<![\w@])@(?P<mention>[A-Za-z0-9][A-Za-z0-9._-]*)"
    r"|(?<![\w~])~(?P<channel>[a-z0-9][a-z0-9_-]*)"
    r"|:(?P<emoji>[a-z0-9_+-]+):",
)
# Every decoration holds one of these; most sentences hold none and skip the regex above.
_MAYBE_DECORATION = re.compile(r"[@~:]|www\.")
_TRAILING_PUNCTUATION = ".,;:!?'\")]}*_~"
_SPECIAL_MENTIONS = {"channel", "here", "all"}

# Plain text: nothing markdown treats specially anywhere, nothing special at a line start.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&|!]|~~|\t")
_BLOCK_START = re.compile(r"^ {0,3}(?:[#>=+*-]|\d{1,9}[.)]|~~~|```|\t)|^ {4}", re.MULTILINE)
# One paragraph of inline markdown only: the block parser (a third of markdown-it's time) can be skipped.
_BLOCK_ONLY = re.compile(
    r"^ {0,3}(?:[#>|\[]|[*+-](?:[ \t]|$)|(?:[*_-][ \t]*){3,}$|=+[ \t]*$|\d{1,9}[.)](?:[ \t]|$)|~~~|```)"
    r"|^ {4}|^ {0,3}\t|\n[ \t]*\n|\|",
    re.MULTILINE,
)
# One line of text, **strong** words and `code`: the pieces the inline fast path knows.
_STRONG_OR_CODE = re.compile(r"\*\*|`")
_SIMPLE_INLINE_OTHER = re.compile(r"[\\_\[\]<>&|!*]|~~|\t")
_STRONG_AFTER = frozenset(" .,:;!?")
# A bullet list: every line "- item" (or "* ", "+ "), items of plain text.
_SIMPLE_LIST = re.compile(r"(?:([-*+]) \S(?:[^\n]*\S)?)(?:\n\1 \S(?:[^\n]*\S)?)*")


def escape_text(text: str) -> str:
    """markupsafe.escape as a plain str, four times faster for the many short texts of a chat page."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&#34;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    return text


def safe_href(url: str) -> str | None:
    """The URL if its scheme is allowed (http, https, mailto), else None. No relative links either:
    they would point into the archive folder or at nothing."""
    candidate = url.strip()
    lowered = re.sub(r"[\x00-\x20\x7f]", "", candidate).lower()
    if lowered.startswith(ALLOWED_SCHEMES):
        return candidate
    return None


def external_link(href: str, label_html: str) -> str:
    return f'<a href="{escape(href)}"{LINK_ATTRS}>{label_html}</a>'


class Decorations:
    """How @mentions, ~channels and :emoji: look; knows the archive's people, chats and custom emoji."""

    def __init__(
        self,
        usernames: dict[str, str],
        channel_links: dict[str, str],
        emoji_unicode: dict[str, str],
        custom_emoji: dict[str, str],
    ):
        self.usernames = usernames  # lower-case username -> display name
        self.channel_links = channel_links  # channel name -> href (relative to the page)
        self.emoji_unicode = emoji_unicode
        self.custom_emoji = custom_emoji  # name -> image href (relative to the page)

    def emoji_html(self, name: str) -> str | None:
        char = self.emoji_unicode.get(name)
        if char:
            return f'<span class="emoji" title=":{escape(name)}:">{char}</span>'
        src = self.custom_emoji.get(name)
        if src:
            label = escape(f":{name}:")
            return f'<img class="emoji" src="{escape(src)}" alt="{label}" title="{label}">'
        return None

    def mention_html(self, name: str) -> tuple[str, str] | None:
        """(html, unused tail) for @name, or None when it is no known person."""
        lowered = name.lower()
        if lowered in _SPECIAL_MENTIONS:
            return f'<span class="mention mention-all">@{escape(name)}</span>', ""
        tail = ""
        while lowered and lowered not in self.usernames and lowered[-1] in "._-":
            lowered, name, tail = lowered[:-1], name[:-1], name[-1] + tail
        if lowered in self.usernames:
            title = escape(self.usernames[lowered])
            return f'<span class="mention" title="{title}">@{escape(name)}</span>', tail
        return None

    def decorate(self, text: str) -> str:
        """Escaped text with links, mentions, channel links and emoji."""
        if not _MAYBE_DECORATION.search(text):
            return escape_text(text)
        out: list[str] = []
        pos = 0
        for match in _DECORATION.finditer(text):
            start, end = match.span()
            html = None
            kind = match.lastgroup
            if kind in ("url", "mail"):
                trimmed, href = plain_link(match.group(kind))
                end = start + len(trimmed)
                if href:
                    html = external_link(href, str(escape(trimmed)))
            elif kind == "mention":
                found = self.mention_html(match.group("mention"))
                if found:
                    html, tail = found
                    end -= len(tail)
            elif kind == "channel":
                name = match.group("channel")
                channel_href = self.channel_links.get(name)
                if channel_href:
                    html = f'<a class="channel-link" href="{escape(channel_href)}">~{escape(name)}</a>'
            else:
                html = self.emoji_html(match.group("emoji"))
            if html is None:
                continue
            out.append(escape_text(text[pos:start]))
            out.append(html)
            pos = end
        if not out:
            return escape_text(text)
        out.append(escape_text(text[pos:]))
        return "".join(out)


def plain_link(found: str) -> tuple[str, str | None]:
    """An address found in plain text: the part that belongs to it (sentence punctuation after it left
    out), and where it leads ("www." made http://), or None when that is not a safe link."""
    trimmed = _trim_url(found)
    return trimmed, safe_href("http://" + trimmed if trimmed.startswith("www.") else trimmed)


def _trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL, but keep a ')' that closes a '(' inside it."""
    while url and url[-1] in _TRAILING_PUNCTUATION:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


@lru_cache(maxsize=64)
def _lexer(name: str):
    try:
        return get_lexer_by_name(name)
    except ClassNotFound:
        return None


_FORMATTER = HtmlFormatter(nowrap=True)


def highlight_code(code: str, language: str) -> str:
    """<pre><code> with Pygments classes when the language is known, else escaped plain text."""
    lexer = _lexer(language.strip().lower()) if language.strip() else None
    if lexer is None:
        return f'<pre class="code"><code>{escape(code)}</code></pre>\n'
    return f'<pre class="code highlight"><code>{highlight(code, lexer, _FORMATTER)}</code></pre>\n'


def pygments_css() -> str:
    """Code colours for light and dark mode (the viewer's code.css)."""
    light = HtmlFormatter(style="friendly").get_style_defs(".highlight")
    dark = HtmlFormatter(style="monokai").get_style_defs(".highlight")
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n@media print {{\n" + light + "\n}\n"


class MessageRenderer:
    """Renders one page's messages; one instance per page depth (links are relative)."""

    def __init__(self, decorations: Decorations):
        self.decorations = decorations
        self.md = self._build_markdown()

    def _build_markdown(self) -> MarkdownIt:
        md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False, "xhtmlOut": False})
        md.enable(["table", "strikethrough"])
        md.validateLink = lambda url: safe_href(url) is not None  # type: ignore[method-assign]  # markdown-it's way
        md.core.ruler.push("mm_mark_link_text", _mark_text_inside_links)
        rules: dict[str, Callable] = {
            "text": _text_renderer(self.decorations),
            "link_open": _render_link_open,
            "image": _render_image,
            "fence": _render_fence,
            "code_block": _render_code_block,
            "th_open": _render_cell_open,
            "td_open": _render_cell_open,
        }
        for name, rule in rules.items():
            md.add_render_rule(name, rule)
        return md

    def render(self, text: str) -> str:
        if not text or text.isspace():
            return ""
        if _is_plain(text):
            return self._render_plain(text)
        if "\r" in text:
            return self.md.render(text)
        if not _BLOCK_ONLY.search(text):
            line = text.strip()
            simple = self._render_simple_inline(line) if "\n" not in line else None
            return "<p>" + (simple if simple is not None else self.md.renderInline(line)) + "</p>\n"
        if _SIMPLE_LIST.fullmatch(text):
            items = [line[2:] for line in text.split("\n")]
            if all(_is_plain(item) for item in items):
                decorate = self.decorations.decorate
                return "<ul>\n" + "".join(f"<li>{decorate(item)}</li>\n" for item in items) + "</ul>\n"
        return self.md.render(text)

    def _render_simple_inline(self, line: str) -> str | None:
        """HTML for one line whose only markdown is `code` spans (single backticks) and **strong** words
        (opened after a space, closed before a space or punctuation, plain text inside); None for anything
        else. These rules are a small part of CommonMark's, chosen so that the result is unambiguous."""
        out: list[str] = []
        decorate = self.decorations.decorate
        pos = 0
        strong_from = -1  # where the open **'s text starts
        for match in _STRONG_OR_CODE.finditer(line):
            start = match.start()
            if start < pos:
                continue  # inside a code span
            if match.group() == "`":
                if strong_from >= 0:
                    return None
                end = line.find("`", start + 1)
                if end < 0 or line[start + 1 : start + 2] == "`" or line[end + 1 : end + 2] == "`":
                    return None  # unclosed, or a longer backtick run
                if not _plain_inline(line[pos:start]):
                    return None
                out.append(decorate(line[pos:start]))
                code = line[start + 1 : end]
                if code.startswith(" ") and code.endswith(" ") and code.strip():
                    code = code[1:-1]
                out.append(f"<code>{escapeHtml(code)}</code>")
                pos = end + 1
            elif strong_from < 0:  # opening **
                before = line[start - 1] if start else " "
                after = line[start + 2 : start + 3]
                if before != " " or not after.isalnum() or not _plain_inline(line[pos:start]):
                    return None
                out.append(decorate(line[pos:start]))
                strong_from = pos = start + 2
            else:  # closing **
                after = line[start + 2 : start + 3]
                inner = line[strong_from:start]
                if not line[start - 1].isalnum() or (after and after not in _STRONG_AFTER):
                    return None
                if not _plain_inline(inner):
                    return None
                out.append(f"<strong>{decorate(inner)}</strong>")
                strong_from, pos = -1, start + 2
        if strong_from >= 0 or not _plain_inline(line[pos:]):
            return None
        out.append(decorate(line[pos:]))
        return "".join(out)

    def render_markdown(self, text: str) -> str:
        """Always through markdown-it (the tests compare it with the fast path)."""
        return self.md.render(text) if text else ""

    def _render_plain(self, text: str) -> str:
        paragraphs = re.split(r"\n[ \t]*\n\s*", text.strip(" \n"))
        out = []
        for paragraph in paragraphs:
            lines = [line.strip(" ") for line in paragraph.split("\n")]
            out.append("<p>" + "<br>\n".join(self.decorations.decorate(line) for line in lines) + "</p>\n")
        return "".join(out)


def _text_renderer(decorations: Decorations) -> Callable:
    def render_text(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        if token.meta.get("in_link"):
            return str(escape(token.content))
        return decorations.decorate(token.content)

    return render_text


def _plain_inline(text: str) -> bool:
    return not _SIMPLE_INLINE_OTHER.search(text)


def _is_plain(text: str) -> bool:
    return not _INLINE_SPECIAL.search(text) and not _BLOCK_START.search(text) and "\r" not in text


def _mark_text_inside_links(state) -> None:
    """Text inside a markdown link must not become a second, nested link."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        depth = 0
        for child in block.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth > 0:
                child.meta = {**(child.meta or {}), "in_link": True}


def _render_link_open(self, tokens: list[Token], idx, options, env) -> str:
    token = tokens[idx]
    href = safe_href(token.attrGet("href") or "") or ""
    title = token.attrGet("title")
    title_attr = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(href)}"{title_attr}{LINK_ATTRS}>'


def _render_image(self, tokens: list[Token], idx, options, env) -> str:
    """A picture from the web is shown as a link: the archive must not load anything from outside."""
    token = tokens[idx]
    src = safe_href(token.attrGet("src") or "")
    alt = "".join(child.content for child in (token.children or [])) or token.content
    label = escape(alt or src or "")
    if not src:
        return f'<span class="image-ref">{label}</span>'
    return f'<a class="image-ref" href="{escape(src)}"{LINK_ATTRS}>🖼 {label}</a>'


def _render_fence(self, tokens: list[Token], idx, options, env) -> str:
    token = tokens[idx]
    words = (token.info or "").split(maxsplit=1)
    language = words[0] if words else ""
    return highlight_code(token.content, language)


def _render_cell_open(self, tokens: list[Token], idx, options, env) -> str:
    """Table cell alignment as a class: the page's CSP forbids style attributes."""
    token = tokens[idx]
    tag = "th" if token.type == "th_open" else "td"
    match = re.search(r"text-align:(left|right|center)", token.attrGet("style") or "")
    return f'<{tag} class="align-{match.group(1)}">' if match else f"<{tag}>"


def _render_code_block(self, tokens: list[Token], idx, options, env) -> str:
    return highlight_code(tokens[idx].content, "")
