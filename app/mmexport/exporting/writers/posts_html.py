"""One message as HTML, the way Mattermost shows it: avatar, name, time, text, files, reactions, thread.

Every value from the server is escaped here or rendered by writers.markdown; nothing is trusted.
Styles come only from the viewer's stylesheet (the page's CSP forbids inline styles), so an
integration's colour bar becomes a class whose rule goes into viewer/colors.css.
"""

from __future__ import annotations

import re
from datetime import datetime

from markupsafe import escape

from mmexport.exporting.writers.context import ArchiveContext, ChannelInfo, local_datetime
from mmexport.exporting.writers.markdown import (
    LINK_ATTRS,
    MessageRenderer,
    escape_text,
    external_link,
    safe_href,
)
from mmexport.plaintext import strip_controls

IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp", "bmp", "svg"}
THREAD_OPEN_UP_TO = 10  # threads with more replies start collapsed
CONTINUATION_MS = 5 * 60 * 1000  # same person within 5 minutes: no second header (as in Mattermost)
_HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAMED_COLORS = {"good": "2d9f6e", "warning": "e8a33d", "danger": "d24b4e"}


class AttachmentColors:
    """Colours of integration attachments seen during a render; written out as CSS classes."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def css_class(self, color: object) -> str:
        if not isinstance(color, str):
            return ""
        hex_value = _NAMED_COLORS.get(color.strip().lower())
        if hex_value is None:
            match = _HEX_COLOR.fullmatch(color.strip())
            if not match:
                return ""
            hex_value = match.group(1).lower()
            if len(hex_value) == 3:
                hex_value = "".join(c * 2 for c in hex_value)
        self.seen.add(hex_value)
        return f" c-{hex_value}"

    def css(self) -> str:
        return "".join(f".att.c-{h}{{border-left-color:#{h}}}\n" for h in sorted(self.seen))


def initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s._-]+", name) if p]
    letters = "".join(p[0] for p in parts[:2]) or "?"
    return letters.upper()


class PostHtml:
    """Renders the posts of one chat; `prefix` leads from the page back to the archive folder."""

    def __init__(
        self,
        ctx: ArchiveContext,
        renderer: MessageRenderer,
        channel: ChannelInfo,
        prefix: str,
        colors: AttachmentColors,
    ):
        self.ctx = ctx
        self.t = ctx.texts
        self.renderer = renderer
        self.channel = channel
        self.prefix = prefix
        self.colors = colors
        self._avatars: dict[str, str] = {}
        self._authors: dict[tuple[str, str, bool], str] = {}
        self._day_titles: dict[object, str] = {}

    # --- a thread: root with its replies ------------------------------------------------------------

    def thread(self, root: dict, replies: list[dict], orphan: bool, continuation: bool) -> str:
        parts = [self._post_open(root, continuation, reply=False)]
        if orphan:
            parts.append(f'<p class="orphan">{escape(self.t("reply_to_missing"))}</p>')
        parts.append(self._post_body(root))
        if replies:
            parts.append(self._replies(root, replies))
        parts.append("</div></article>\n")
        return "".join(parts)

    def _replies(self, root: dict, replies: list[dict]) -> str:
        # Short threads start open; long ones start closed and open in a side panel on wide windows.
        open_attr = " open" if len(replies) <= THREAD_OPEN_UP_TO else ""
        kind = "thread" if open_attr else "thread long"
        names = []
        for reply in replies:
            name = self.ctx.post_author(reply)
            if name not in names:
                names.append(name)
        who = ", ".join(names[:4]) + (" …" if len(names) > 4 else "")
        summary = (
            f'<summary><span class="reply-count">{escape(self.t.replies(len(replies)))}</span>'
            f' <span class="reply-people">{escape(who)}</span></summary>'
        )
        inner = []
        previous = None
        day = local_datetime(int(root.get("create_at") or 0)).date()
        for reply in replies:
            moment = local_datetime(int(reply.get("create_at") or 0))
            if moment.date() != day:
                # A thread can run for days (replies show only their time): each new day gets its date,
                # as the channel's own separators do.
                day = moment.date()
                previous = None
                inner.append(
                    f'<div class="date-sep in-thread" role="separator"><span>'
                    f"{escape(self.t.long_date(moment))}</span></div>"
                )
            cont = _continues(previous, reply)
            inner.append(self._post_open(reply, cont, reply=True))
            inner.append(self._post_body(reply))
            inner.append("</div></article>\n")
            previous = reply
        return f'<details class="{kind}"{open_attr}>{summary}<div class="replies">{"".join(inner)}</div></details>'

    # --- one post ----------------------------------------------------------------------------------

    def _post_open(self, post: dict, continuation: bool, reply: bool) -> str:
        post_id = escape_text(str(post.get("id", "")))
        user_id = post.get("user_id", "") or ""
        author = self.ctx.post_author(post)
        classes = "post"
        post_type = post.get("type") or ""
        if post_type.startswith("system_"):
            classes += " system"
        if reply:
            classes += " reply"
        if continuation:
            classes += " cont"
        if post.get("is_pinned"):
            classes += " pinned"
        moment = local_datetime(int(post.get("create_at") or 0))
        return (
            f'<article class="{classes}" id="p-{post_id}">'
            f"{self._avatar(user_id, author)}"
            f'<div class="post-body"><header class="post-head">{self._author(post, user_id, author)}'
            f"{self._time(post_id, moment)}{self._badges(post)}</header>"
        )

    def _avatar(self, user_id: str, author: str) -> str:
        key = f"{user_id}\0{author}"
        html = self._avatars.get(key)
        if html is None:
            url = self.ctx.avatar_url(user_id)
            if url:
                html = f'<img class="avatar" src="{escape(self.prefix + url)}" alt="" width="36" height="36">'
            else:
                html = f'<span class="avatar initials" aria-hidden="true">{escape(initials(author))}</span>'
            self._avatars[key] = html
        return html

    def _author(self, post: dict, user_id: str, author: str) -> str:
        props = post.get("props") or {}
        bot = _truthy(props.get("from_bot")) or _truthy(props.get("from_webhook"))
        key = (user_id, author, bot)
        html = self._authors.get(key)
        if html is None:
            username = self.ctx.username(user_id)
            title = f' title="@{escape_text(username)}"' if username else ""
            html = f'<span class="author"{title}>{escape_text(author)}</span>'
            user = self.ctx.user(user_id) or {}
            if bot or user.get("is_bot"):
                html += f' <span class="tag">{escape_text(self.t("bot"))}</span>'
            self._authors[key] = html
        return html

    def _time(self, post_id_html: str, moment: datetime) -> str:
        day = moment.date()
        title = self._day_titles.get(day)
        if title is None:
            title = self._day_titles[day] = escape_text(self.t.long_date(moment))
        return (
            f' <a class="time" href="#p-{post_id_html}">'
            f'<time datetime="{moment.isoformat(timespec="seconds")}" title="{title}">'
            f"{self.t.time(moment)}</time></a>"
        )

    def _badges(self, post: dict) -> str:
        html = ""
        priority = ((post.get("metadata") or {}).get("priority") or {}).get("priority")
        if priority in ("important", "urgent"):
            html += f' <span class="badge prio-{priority}">{escape(self.t("priority_" + priority))}</span>'
        if post.get("is_pinned"):
            html += f' <span class="badge pin">📌 {escape(self.t("pinned"))}</span>'
        if (post.get("type") or "").startswith("system_"):
            html += f' <span class="visually-hidden">{escape(self.t("system_message"))}</span>'
        return html

    def _post_body(self, post: dict) -> str:
        if post.get("delete_at"):
            return f'<div class="text deleted"><p>{escape(self.t("deleted"))}</p></div>'
        message = post.get("message") or ""
        if not isinstance(message, str):
            message = str(message)
        text = self.renderer.render(message)
        if post.get("edit_at"):
            edited = f' <span class="edited">{escape(self.t("edited"))}</span>'
            text = text[:-5] + edited + "</p>\n" if text.endswith("</p>\n") else text + edited
        parts = [f'<div class="text">{text}</div>' if text else ""]
        props = post.get("props") or {}
        metadata = post.get("metadata") or {}
        attachments = props.get("attachments")
        if isinstance(attachments, list) and attachments:
            parts.append(self._attachments(attachments))
        parts.append(self._files(post, metadata))
        parts.append(self._embeds(metadata))
        parts.append(self._reactions(metadata.get("reactions")))
        return "".join(parts)

    # --- integration attachments -------------------------------------------------------------------

    def _attachments(self, attachments: list) -> str:
        out = []
        for att in attachments:
            if not isinstance(att, dict):
                continue
            color = self.colors.css_class(att.get("color"))
            parts = []
            if att.get("pretext"):
                parts.append(f'<div class="att-pretext">{self.renderer.render(str(att["pretext"]))}</div>')
            if att.get("author_name"):
                parts.append(
                    f'<div class="att-author">{self._maybe_link(att["author_name"], att.get("author_link"))}</div>'
                )
            if att.get("title"):
                parts.append(
                    f'<h4 class="att-title">{self._maybe_link(att["title"], att.get("title_link"))}</h4>'
                )
            if att.get("text"):
                parts.append(f'<div class="att-text">{self.renderer.render(str(att["text"]))}</div>')
            fields = att.get("fields")
            if isinstance(fields, list) and fields:
                parts.append(self._fields(fields))
            for key in ("image_url", "thumb_url"):
                href = safe_href(str(att.get(key) or ""))
                if href:
                    parts.append(
                        f'<div class="att-image">{external_link(href, "🖼 " + str(escape(self.t("image"))))}</div>'
                    )
            if att.get("footer"):
                parts.append(f'<div class="att-footer">{escape(str(att["footer"]))}</div>')
            if not parts and att.get("fallback"):
                parts.append(f'<div class="att-text">{escape(str(att["fallback"]))}</div>')
            out.append(f'<div class="att{color}">{"".join(parts)}</div>')
        return f'<div class="attachments">{"".join(out)}</div>' if out else ""

    def _fields(self, fields: list) -> str:
        cells = []
        for field in fields:
            if not isinstance(field, dict):
                continue
            short = " short" if field.get("short") else ""
            cells.append(
                f'<div class="att-field{short}"><dt>{escape(str(field.get("title") or ""))}</dt>'
                f"<dd>{self.renderer.render(str(field.get('value') or ''))}</dd></div>"
            )
        return f'<dl class="att-fields">{"".join(cells)}</dl>'

    def _maybe_link(self, label: object, href: object) -> str:
        safe = safe_href(str(href or ""))
        text = escape(str(label))
        return external_link(safe, str(text)) if safe else str(text)

    # --- files -------------------------------------------------------------------------------------

    def _files(self, post: dict, metadata: dict) -> str:
        infos = metadata.get("files")
        if not isinstance(infos, list) or not infos:
            ids = post.get("file_ids") or []
            infos = [self.ctx.file_entry(i) or {"id": i} for i in ids if isinstance(i, str)]
        if not infos:
            return ""
        items = [self._file(info) for info in infos if isinstance(info, dict)]
        return f'<div class="files">{"".join(items)}</div>'

    def _file(self, info: dict) -> str:
        file_id = str(info.get("id", ""))
        entry = self.ctx.file_entry(file_id) or {}
        # "x\u202etxt.exe" would read "xexe.txt": a file's name is shown without bidi controls, as it is saved.
        name = strip_controls(str(info.get("name") or entry.get("name") or file_id))
        size = info.get("size") if isinstance(info.get("size"), int) else entry.get("size")
        url = self.ctx.saved_file_url(file_id)
        label = (
            f'<span class="file-name" title="{escape(name)}">{escape(name)}</span>'
            f' <span class="file-size">{escape(self.t.size(size))}</span>'
        )
        if url is None:
            return f'<div class="file missing">📄 {label} <em>{escape(self.t("file_missing"))}</em></div>'
        href = escape(self.prefix + url)
        extension = str(info.get("extension") or name.rpartition(".")[2]).lower()
        mime = str(info.get("mime_type") or "")
        if extension in IMAGE_EXTENSIONS or (mime.startswith("image/") and extension in IMAGE_EXTENSIONS):
            size_attrs = ""
            width, height = info.get("width"), info.get("height")
            if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
                size_attrs = f' width="{width}" height="{height}"'
            return (
                f'<figure class="file image"><a class="zoom" href="{href}"{LINK_ATTRS}>'
                f'<img src="{href}" alt="{escape(name)}" loading="lazy"{size_attrs}></a>'
                f"<figcaption>{label}</figcaption></figure>"
            )
        return f'<div class="file"><a href="{href}"{LINK_ATTRS}>📄 {label}</a></div>'

    # --- link previews -----------------------------------------------------------------------------

    def _embeds(self, metadata: dict) -> str:
        embeds = metadata.get("embeds")
        if not isinstance(embeds, list):
            return ""
        out = []
        for embed in embeds:
            if not isinstance(embed, dict) or embed.get("type") != "opengraph":
                continue
            data = embed.get("data") or {}
            href = safe_href(str(embed.get("url") or ""))
            title = data.get("title") if isinstance(data, dict) else None
            if not href or not title:
                continue
            site = escape(str(data.get("site_name") or ""))
            description = escape(str(data.get("description") or ""))
            out.append(
                f'<div class="preview"><div class="preview-site">{site}</div>'
                f"{external_link(href, str(escape(str(title))))}"
                f'<div class="preview-text">{description}</div></div>'
            )
        return "".join(out)

    # --- reactions ---------------------------------------------------------------------------------

    def _reactions(self, reactions: object) -> str:
        if not isinstance(reactions, list) or not reactions:
            return ""
        grouped: dict[str, list[str]] = {}
        for reaction in reactions:
            if not isinstance(reaction, dict) or reaction.get("delete_at"):
                continue
            name = str(reaction.get("emoji_name") or "")
            grouped.setdefault(name, []).append(self.ctx.display_name(str(reaction.get("user_id") or "")))
        items = []
        decorations = self.renderer.decorations
        for name, people in grouped.items():
            emoji = decorations.emoji_html(name) or f'<span class="emoji-name">:{escape(name)}:</span>'
            who = escape(self.t("reacted", names=", ".join(people), emoji=f":{name}:"))
            items.append(
                f'<li class="reaction" title="{who}">{emoji} <span class="count">{len(people)}</span>'
                f'<span class="visually-hidden"> {who}</span></li>'
            )
        return f'<ul class="reactions">{"".join(items)}</ul>'


def _truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _continues(previous: dict | None, post: dict) -> bool:
    """Mattermost leaves out avatar and name for a quick follow-up by the same person."""
    if previous is None or (post.get("type") or "") or (previous.get("type") or ""):
        return False
    if previous.get("user_id") != post.get("user_id"):
        return False
    if (previous.get("props") or {}).get("override_username") or (post.get("props") or {}).get(
        "override_username"
    ):
        return False
    gap = int(post.get("create_at") or 0) - int(previous.get("create_at") or 0)
    return 0 <= gap < CONTINUATION_MS


def search_text(post: dict, file_names: list[str]) -> str:
    """Everything a person might search a message for: its text, integration text, file names."""
    parts = [str(post.get("message") or "")]
    attachments = (post.get("props") or {}).get("attachments")
    if isinstance(attachments, list):
        for att in attachments:
            if isinstance(att, dict):
                for key in ("pretext", "title", "text", "fallback"):
                    if att.get(key):
                        parts.append(str(att[key]))
                for field in att.get("fields") or []:
                    if isinstance(field, dict):
                        parts.append(f"{field.get('title') or ''} {field.get('value') or ''}")
    parts.extend(file_names)
    return "\n".join(p for p in parts if p)


def post_file_names(post: dict, ctx: ArchiveContext) -> list[str]:
    infos = (post.get("metadata") or {}).get("files")
    if isinstance(infos, list) and infos:
        return [str(i.get("name") or "") for i in infos if isinstance(i, dict)]
    return [
        str((ctx.file_entry(i) or {}).get("name") or "")
        for i in post.get("file_ids") or []
        if isinstance(i, str)
    ]
