"""The offline viewer: index.html, search.html, one set of pages per chat, the search index, assets.

Everything is static HTML that opens from file:// with no server and no network:
- Chrome does not let file:// pages fetch() data, so messages are pre-rendered pages and the search
  index is JavaScript files loaded with <script src>.
- The Content-Security-Policy allows scripts, styles and images only from 'self' and file: (Firefox
  treats a file:// page's 'self' as a unique origin that matches nothing, so 'self' alone would block
  the viewer's own files there) and nothing from the network; no inline script or style is used.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import re
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from mmexport import __version__
from mmexport.archive import guard
from mmexport.archive.layout import (
    INDEX,
    SEARCH_PAGE,
    VIEWER_DIR,
    atomic_write_bytes,
    atomic_write_text,
    inside,
)
from mmexport.exporting.writers.about import AdminExport
from mmexport.exporting.writers.atomic import atomic_text_writer
from mmexport.exporting.writers.context import (
    ArchiveContext,
    ChannelInfo,
    emoji_names,
    incomplete_sentence,
    local_datetime,
    parse_iso,
)
from mmexport.exporting.writers.i18n import zone_label
from mmexport.exporting.writers.markdown import Decorations, MessageRenderer, pygments_css
from mmexport.exporting.writers.posts_html import (
    AttachmentColors,
    PostHtml,
    _continues,
    post_file_names,
    search_text,
)
from mmexport.exporting.writers.threads import ThreadIndex, ThreadSlice
from mmexport.mattermost.naming import channel_handle, natural_key
from mmexport.resources import resource_path

STOP_REASONS = {"cancelled": "stop_cancelled", "token_expired": "stop_token_expired", "failed": "stop_failed"}
SEARCH_DIR = f"{VIEWER_DIR}/search"
SEARCH_CHUNK_ROWS = 5000
STATIC_ASSETS = ("viewer.css", "viewer.js")
CSP = (
    "default-src 'none'; script-src 'self' file:; style-src 'self' file:; img-src 'self' file: data:; "
    "font-src 'self' file:; media-src 'self' file:; form-action 'self' file:; base-uri 'none'"
)


def _head(title: str, prefix: str, lang: str) -> str:
    assets = escape(prefix + VIEWER_DIR)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="mmexport {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{assets}/viewer.css">\n'
        f'<link rel="stylesheet" href="{assets}/code.css">\n'
        f'<link rel="stylesheet" href="{assets}/colors.css">\n'
        f'<script src="{assets}/viewer.js" defer></script>\n'
        "</head>\n"
    )


class Sidebar:
    """The list of chats; built once per page depth, the current chat marked per page."""

    def __init__(self, ctx: ArchiveContext):
        self.ctx = ctx
        self._cache: dict[str, str] = {}

    def html(self, prefix: str, current: ChannelInfo | None = None) -> str:
        if prefix not in self._cache:
            self._cache[prefix] = self._build(prefix)
        html = self._cache[prefix]
        if current is not None:
            marker = f'data-ch="{current.index}"'
            html = html.replace(marker, marker + ' aria-current="page"', 1)
        return html

    def _build(self, prefix: str) -> str:
        t = self.ctx.texts
        p = escape(prefix)
        parts = [
            f'<nav class="sidebar" id="sidebar" aria-label="{escape(t("sidebar_label"))}">',
            f'<div class="brand"><a href="{p}index.html">{escape(t("archive_title"))}</a></div>',
        ]
        if not self.ctx.run.complete:
            parts.append(
                f'<a class="archive-state" href="{p}index.html#archive-incomplete">'
                f"⚠ {escape(t('archive_incomplete_short'))}</a>"
            )
        parts += [
            f'<form class="quick-search" role="search" action="{p}search.html" method="get">'
            f'<label class="visually-hidden" for="quick-q">{escape(t("search"))}</label>'
            f'<input id="quick-q" name="q" type="search" placeholder="{escape(t("search_placeholder"))}">'
            # A magnifier drawn by viewer.css, named for screen readers: a word there would leave the field
            # too narrow for its hint ("Nachrichten durchsuch").
            f'<button type="submit" title="{escape(t("search_button"))}">'
            f'<span class="visually-hidden">{escape(t("search_button"))}</span></button></form>',
            # The filter needs JavaScript: viewer.js shows it (without JavaScript it would do nothing).
            f'<div class="chat-filter" hidden><label class="visually-hidden" for="chat-filter">'
            f'{escape(t("filter_chats"))}</label><input id="chat-filter" type="search" autocomplete="off"'
            f' placeholder="{escape(t("filter_placeholder"))}">'
            f'<p class="filter-none" hidden>{escape(t("filter_none"))}</p></div>',
        ]
        for heading, channels in self._groups():
            # <details>: a team's channels fold away with a click, without JavaScript.
            parts.append(f'<details class="group" open><summary><h2>{escape(heading)}</h2></summary><ul>')
            parts.extend(self._entry(c, prefix) for c in channels)
            parts.append("</ul></details>")
        parts.append("</nav>")
        return "".join(parts)

    def _groups(self) -> list[tuple[str, list[ChannelInfo]]]:
        """Direct and group messages first (people look for "my chat with Claudia" more often than for a
        channel), then one section per team."""
        t = self.ctx.texts
        by_team: dict[str, list[ChannelInfo]] = {}
        direct, group = [], []
        for channel in self.ctx.channels:
            if channel.type == "D":
                direct.append(channel)
            elif channel.type == "G":
                group.append(channel)
            else:
                by_team.setdefault(channel.team, []).append(channel)
        groups = []
        if direct:
            groups.append((t("direct_messages"), sorted(direct, key=lambda c: natural_key(c.display_name))))
        if group:
            groups.append((t("group_messages"), sorted(group, key=lambda c: natural_key(c.display_name))))
        for team in sorted(by_team, key=lambda name: natural_key(self.ctx.team_display_name(name))):
            heading = self.ctx.team_display_name(team) or t("channels")
            groups.append((heading, sorted(by_team[team], key=lambda c: natural_key(c.display_name))))
        return groups

    def _entry(self, channel: ChannelInfo, prefix: str) -> str:
        t = self.ctx.texts
        icon = {"O": "#", "P": "🔒", "D": "@", "G": "👥"}.get(channel.type, "#")
        meta = t.message_count(channel.messages)  # the notices are named in the tooltip, not in the narrow list
        if channel.last_at:
            meta += " · " + t.short_date(local_datetime(channel.last_at))
        state = ""
        if not channel.complete:
            if not channel.posts:
                meta = ""  # "0 messages" would say the chat is empty; it is only not saved yet
            word = t("chat_partly_saved") if channel.posts else t("chat_not_saved_yet")
            state = (" " if meta else "") + f'<span class="ch-state">{escape(word)}</span>'
        title = self.ctx.channel_kind(channel)
        if channel.team and not channel.is_direct:
            title += " · " + channel_handle(channel.team, channel.name)
        if channel.notices:
            title += " · " + t.messages_and_notices(channel.messages, channel.notices)
        name_class = "ch-name"
        if channel.type == "G":
            # Two group chats often share their first names: the whole list wraps instead of being cut.
            name_class += " ch-people"
            title += " · " + t("members_tooltip", names=self._member_names(channel))
        href = escape(prefix + channel.page_url(1) + "#latest")
        return (
            f'<li><a href="{href}" data-ch="{channel.index}" title="{escape(title)}">'
            f'<span class="ch-icon" aria-hidden="true">{icon}</span>'
            f'<span class="{name_class}">{escape(channel.display_name)}</span>'
            f'<span class="ch-meta">{escape(meta)}{state}</span></a></li>'
        )

    def _member_names(self, channel: ChannelInfo) -> str:
        me = str((self.ctx.manifest.get("user") or {}).get("id") or "")
        names = [self.ctx.display_name(uid) for uid in channel.members if uid != me]
        return ", ".join(sorted(names, key=natural_key)) if names else channel.display_name


class SearchIndexWriter:
    """Writes the search index as JS files (viewer/search/s-N.js) as the chats are rendered."""

    def __init__(self, root: Path):
        self.dir = root / SEARCH_DIR
        self.rows: list[list] = []
        self.chunks = 0
        self.users: dict[str, int] = {}

    def user_index(self, user_id: str) -> int:
        index = self.users.get(user_id)
        if index is None:
            index = self.users[user_id] = len(self.users)
        return index

    def add_row(self, channel: int, row: list) -> None:
        """row from search_row(): [page, post id, user id, create_at, text]."""
        page, post_id, user_id, create_at, text = row
        self.rows.append([channel, page, post_id, self.user_index(user_id), create_at, text])
        if len(self.rows) >= SEARCH_CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        data = json.dumps(self.rows, ensure_ascii=False, separators=(",", ":"))
        with atomic_text_writer(self.dir / f"s-{self.chunks}.js") as out:
            out.write(f"MMSearch.add({data});\n")
        self.chunks += 1
        self.rows = []

    def finish(self, ctx: ArchiveContext) -> None:
        self.flush()
        for stale in self.dir.glob("s-*.js"):
            number = stale.stem[2:]
            if number.isdigit() and int(number) >= self.chunks:
                stale.unlink()
        users = [[ctx.post_author({"user_id": uid}), ctx.username(uid)] for uid in self.users]
        channels = [[c.display_name, ctx.team_display_name(c.team), c.path, c.type] for c in ctx.channels]
        meta = {"chunks": self.chunks, "users": users, "channels": channels, "lang": ctx.texts.lang}
        text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
        atomic_write_text(self.dir / "meta.js", f"MMSearch.meta({text});\n")


def search_row(page: int, post: dict, text: str) -> list:
    return [
        page,
        str(post.get("id", "")),
        str(post.get("user_id") or ""),
        int(post.get("create_at") or 0),
        text,
    ]


@dataclass
class PageJob:
    """One page of a chat to render, possibly in a worker process (everything in it pickles)."""

    root: str
    lang: str
    channel_id: str
    prefix: str
    path: str
    start_html: str
    end_html: str
    page_number: int
    part: ThreadSlice


_WORKER_WRITERS: dict[tuple[str, str], HtmlWriter] = {}


def render_page_job(job: PageJob) -> tuple[list[list], set[str]]:
    """Entry point in a worker process: one writer per archive, kept for the next pages."""
    key = (job.root, job.lang)
    writer = _WORKER_WRITERS.get(key)
    if writer is None:
        guard.fence(Path(job.root))  # the parent process holds the folder: its write rules hold here too
        writer = _WORKER_WRITERS[key] = HtmlWriter(ArchiveContext(Path(job.root), job.lang), workers=1)
    return writer.render_page(job)


class HtmlWriter:
    """Writes the whole viewer for one archive."""

    def __init__(self, ctx: ArchiveContext, workers: int | None = None):
        self.ctx = ctx
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        self._pool: ProcessPoolExecutor | None = None
        self.sidebar = Sidebar(ctx)
        self.colors = AttachmentColors()
        self.search = SearchIndexWriter(ctx.root)
        self._renderers: dict[str, MessageRenderer] = {}
        self.pdf_link = False  # messages.pdf is written in this render too: link it from each chat page

    # --- assets, index and search pages ------------------------------------------------------------

    def write_assets(self) -> None:
        target = self.ctx.root / VIEWER_DIR  # made by atomic_write_bytes, by guard.prepare_folder's rules
        for name in STATIC_ASSETS:
            atomic_write_bytes(target / name, resource_path("viewer", name).read_bytes())
        atomic_write_text(target / "code.css", pygments_css())

    def write_index(self) -> None:
        ctx, t = self.ctx, self.ctx.texts
        manifest = ctx.manifest
        server = (manifest.get("server") or {}).get("url", "")
        user = (manifest.get("user") or {}).get("username", "")
        lines = [f'<main class="pane overview" id="main"><h1>{escape(t("archive_title"))}</h1>']
        if not ctx.run.complete:
            lines.append(self._incomplete_notice())
        admin = ctx.admin_export
        if admin is not None:
            lines.append(self._admin_export(admin))
        elif server or user:
            lines.append(f"<p>{escape(t('exported_from', server=server, user='@' + user))}</p>")
        finished = parse_iso(manifest.get("finished_at") or manifest.get("started_at"))
        if finished and ctx.run.complete:
            lines.append(f"<p>{escape(t('exported_at', date=t.long_date(finished)))}</p>")
        lines.append(self._zone_hint())
        messages = sum(c.messages for c in ctx.channels)
        notices = sum(c.notices for c in ctx.channels)
        # escape() returns Markup: "<p>" + Markup(...) would escape the "<p>" (Markup.__radd__), so
        # the tags are put around it in an f-string.
        lines.append(
            f'<p class="totals">{escape(t.totals(len(ctx.channels), messages, len(ctx.files), notices))}</p>'
        )
        lines.append(f'<p class="hint">{escape(t("open_hint"))}</p>')
        lines.append(self._problems(manifest.get("problems") or []))
        lines.append("</main>")
        self._write_simple_page(ctx.root / INDEX, t("archive_title"), "".join(lines), "overview")

    def _zone_hint(self) -> str:
        """Every time in the viewer is in the zone of the computer that wrote the pages: the start page, each
        chat's header and the search page say which, in one short line."""
        manifest = self.ctx.manifest
        finished = parse_iso(manifest.get("finished_at") or manifest.get("started_at"))
        zone = zone_label(finished.year if finished else None)
        return f'<p class="hint times-zone">{escape(self.ctx.texts("times_zone", zone=zone))}</p>'

    def _admin_export(self, admin: AdminExport) -> str:
        """An administrator's export: what it is, a table of its channels with their handles (who was not
        a member, which are complete), so that a coordinator can match them with the server's tools."""
        t = self.ctx.texts
        first, second, third = admin.sentences(t)
        rows = "".join(
            f"<tr{'' if c.complete else ' class=incomplete'}><td>{escape(c.display_name)}</td>"
            f"<td><code>{escape(c.handle)}</code></td><td class=num>{escape(t.number(c.messages))}</td>"
            f"<td class=num>{escape(t.number(c.notices))}</td>"
            f"<td>{escape(t('yes') if c.member else t('no'))}</td>"
            f"<td>{escape(t('yes') if c.complete else t('no'))}</td></tr>"
            for c in admin.channels
        )
        head = "".join(
            f"<th>{escape(t(key))}</th>"
            for key in ("col_channel", "col_handle", "col_messages", "col_notices", "col_member", "col_complete")
        )
        return (
            f'<section class="admin-export"><p><strong>{escape(first)}</strong></p>'
            f"<p>{escape(second)} {escape(third)}</p>"
            f'<table class="admin-channels"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f'<p class="hint">{escape(t("handle_hint"))} {escape(t("counts_hint"))}</p></section>'
        )

    def _incomplete_notice(self) -> str:
        t, run = self.ctx.texts, self.ctx.run
        why = STOP_REASONS.get(run.reason)
        because = f" {escape(t(why))}" if why else ""
        return (
            f'<section class="notice incomplete" id="archive-incomplete" role="status">'
            f"<p><strong>{escape(incomplete_sentence(run, t))}</strong>{because}</p>"
            f"<p>{escape(t('archive_incomplete_hint'))}</p></section>"
        )

    def _problems(self, problems: list) -> str:
        """What could not be saved, in the reader's language, each with its chat; as big as it is: a lost
        attachment or two is a small note, a chat whose messages are missing a warning."""
        if not problems:
            return ""
        ctx, t = self.ctx, self.ctx.texts
        file_problems = [p for p in problems if isinstance(p, dict) and p.get("file_id")]
        chat_problems = [p for p in problems if isinstance(p, dict) and not p.get("file_id")]
        headings = []
        if chat_problems:
            headings.append(t.plural("chat_problems", len(chat_problems)))
        if file_problems:
            headings.append(t.plural("file_problems", len(file_problems)))
        kind = "problems serious" if chat_problems else "problems minor"
        items = []
        for problem in (chat_problems + file_problems)[:500]:
            channel_id = str(problem.get("channel_id") or "")
            channel = ctx.channels_by_id.get(channel_id)
            where = ""
            if channel is not None:
                before, _, after = t("problem_in_chat", channel="\0").partition("\0")
                link = f'<a href="{escape(channel.page_url(1))}">{escape(channel.display_name)}</a>'
                where = f' <span class="where">({escape(before)}{link}{escape(after)})</span>'
            items.append(f"<li>{escape(t.problem(problem))}{where}</li>")
        return f'<section class="{kind}"><h2>{escape("; ".join(headings))}</h2><ul>{"".join(items)}</ul></section>'

    def write_search_page(self) -> None:
        ctx, t = self.ctx, self.ctx.texts
        people = sorted(
            ((ctx.display_name(uid), u.get("username", "")) for uid, u in ctx.users.items()),
            key=lambda pair: pair[0].lower(),
        )
        person_options = "".join(
            f'<option value="{escape(username)}">{escape(name)} (@{escape(username)})</option>'
            for name, username in people
            if username
        )
        chat_options = "".join(
            f'<option value="{c.index}">{escape(c.display_name)}'
            + (f" ({escape(ctx.team_display_name(c.team))})" if c.team else "")
            + "</option>"
            for c in sorted(ctx.channels, key=lambda c: c.display_name.lower())
        )
        body = (
            f'<main class="pane search" id="main"><h1>{escape(t("search_title"))}</h1>'
            f'<form id="search-form" class="search-form" role="search" action="{SEARCH_PAGE}" method="get">'
            f'<div class="field wide"><label for="q">{escape(t("search_words"))}</label>'
            f'<input id="q" name="q" type="search"></div>'
            f'<div class="field"><label for="person">{escape(t("search_person"))}</label>'
            f'<select id="person" name="person"><option value="">{escape(t("search_anyone"))}</option>'
            f"{person_options}</select></div>"
            f'<div class="field"><label for="chat">{escape(t("search_channel"))}</label>'
            f'<select id="chat" name="chat"><option value="">{escape(t("search_anywhere"))}</option>'
            f"{chat_options}</select></div>"
            f'<div class="field"><label for="from">{escape(t("search_from"))}</label>'
            f'<input id="from" name="from" type="date"></div>'
            f'<div class="field"><label for="to">{escape(t("search_to"))}</label>'
            f'<input id="to" name="to" type="date"></div>'
            f'<div class="field"><button type="submit">{escape(t("search_button"))}</button></div></form>'
            f'<p id="search-status" class="status" role="status" aria-live="polite"'
            f' data-loading="{escape(t("search_loading"))}" data-none="{escape(t("search_none"))}"'
            f' data-found-one="{escape(t("search_results_one"))}" data-found="{escape(t("search_results_other"))}"'
            f' data-capped="{escape(t("search_results_capped"))}" data-more="{escape(t("search_more"))}">'
            f"{escape(t('search_hint'))}</p>"
            + self._zone_hint()
            + f'<noscript><p class="status">{escape(t("search_needs_js"))}</p></noscript>'
            f'<ol id="results" class="results"></ol></main>'
            f'<script src="{VIEWER_DIR}/search/meta.js" defer></script>'
        )
        self._write_simple_page(ctx.root / SEARCH_PAGE, t("search_title"), body, "search")

    def write_extra_css(self) -> None:
        atomic_write_text(self.ctx.root / VIEWER_DIR / "colors.css", self.colors.css())

    def _write_simple_page(self, path: Path, title: str, main_html: str, page_kind: str) -> None:
        t = self.ctx.texts
        html = (
            _head(f"{title} – {t('archive_title')}", "", t.lang)
            + f'<body data-page="{page_kind}" data-lang="{t.lang}">'
            + f'<a class="skip" href="#main">{escape(t("skip_to_content"))}</a><div class="layout">'
            + self.sidebar.html("")
            + main_html
            + "</div></body></html>\n"
        )
        atomic_write_text(path, html)

    # --- one chat ----------------------------------------------------------------------------------

    def renderer_for(self, prefix: str) -> MessageRenderer:
        renderer = self._renderers.get(prefix)
        if renderer is None:
            ctx = self.ctx
            usernames = {
                u["username"].lower(): ctx.display_name(uid)
                for uid, u in ctx.users.items()
                if u.get("username")
            }
            channel_links: dict[str, str] = {}
            for c in ctx.channels:
                if not c.is_direct:
                    channel_links.setdefault(c.name, prefix + c.page_url(1) + "#latest")
            custom = {name: prefix + url for name, url in ctx.custom_emoji.items()}
            decorations = Decorations(usernames, channel_links, emoji_names(), custom)
            renderer = self._renderers[prefix] = MessageRenderer(decorations)
        return renderer

    def write_channel(self, channel: ChannelInfo, index: ThreadIndex) -> None:
        folder = self.ctx.root / channel.path
        if not channel.path or not inside(self.ctx.root, folder):
            return  # a manifest path that leads outside the archive is never written to
        prefix = "../" * len(channel.path.split("/"))
        pages = index.paginate()
        channel.pages = len(pages)
        sidebar = self.sidebar.html(prefix, channel)
        page_dates = ",".join(
            local_datetime(p.first_at).date().isoformat() if p.first_at else "" for p in pages
        )
        jobs = (
            PageJob(
                root=str(self.ctx.root),
                lang=self.ctx.texts.lang,
                channel_id=channel.id,
                prefix=prefix,
                path=str(folder / channel.page_file(page.number)),
                start_html=self._channel_page_start(
                    channel, page.number, len(pages), prefix, sidebar, page_dates
                ),
                end_html=self._channel_page_end(channel, page.number, len(pages), page_dates),
                page_number=page.number,
                part=index.slice(page),
            )
            for page in pages
        )
        pool = self._pool_for(len(pages))
        results = _bounded_map(pool, jobs, 2 * self.workers) if pool else map(self.render_page, jobs)
        for rows, colors in results:
            for row in rows:
                self.search.add_row(channel.index, row)
            self.colors.seen |= colors
        _remove_stale_pages(folder, len(pages))

    def _pool_for(self, pages: int) -> ProcessPoolExecutor | None:
        """Worker processes for chats of several pages (2 cores render twice as fast). "spawn" everywhere:
        no forked copy of the exporter's threads and memory. In a frozen bundle a worker starts the
        program again, and mmexport.cli.main's multiprocessing.freeze_support() makes it a worker."""
        if pages < 2 or self.workers < 2:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_yield_to_the_window,
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def render_page(self, job: PageJob) -> tuple[list[list], set[str]]:
        """Writes one page of a chat; returns its search rows and the attachment colours it used."""
        channel = self.ctx.channels_by_id[job.channel_id]
        colors = AttachmentColors()
        posts_html = PostHtml(self.ctx, self.renderer_for(job.prefix), channel, job.prefix, colors)
        rows: list[list] = []
        with atomic_text_writer(Path(job.path)) as out:
            out.write(job.start_html)
            self._write_page_posts(out, job.part, job.page_number, posts_html, rows)
            out.write(job.end_html)
        return rows, colors.seen

    def _write_page_posts(
        self, out, part: ThreadSlice, page_number: int, posts_html: PostHtml, rows: list
    ) -> None:
        t = self.ctx.texts
        day = None
        previous = None
        previous_has_replies = False
        batch: list[str] = []
        for root, replies, orphan in part.threads():
            moment = local_datetime(int(root.get("create_at") or 0))
            if moment.date() != day:
                day = moment.date()
                previous = None
                batch.append(
                    f'<h2 class="date-sep" id="d-{day.isoformat()}"><span>{escape(t.long_date(moment))}</span></h2>\n'
                )
            continuation = previous is not None and not previous_has_replies and _continues(previous, root)
            batch.append(posts_html.thread(root, replies, orphan, continuation))
            previous, previous_has_replies = root, bool(replies)
            for post in (root, *replies):
                rows.append(search_row(page_number, post, search_text(post, post_file_names(post, self.ctx))))
            if len(batch) >= 200:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch))

    def _channel_page_start(
        self, channel: ChannelInfo, number: int, total: int, prefix: str, sidebar: str, page_dates: str
    ) -> str:
        ctx, t = self.ctx, self.ctx.texts
        team = ctx.team_display_name(channel.team)
        title_parts = [channel.display_name] + ([team] if team else []) + [t("archive_title")]
        meta = [ctx.channel_kind(channel)] + ([team] if team else []) + [t.messages_and_notices(channel.messages, channel.notices)]
        if channel.team and not channel.is_direct:  # the handle the server's tools take (team:channel)
            meta.insert(2 if team else 1, channel_handle(channel.team, channel.name))
        archived = (channel.channel_json.get("delete_at") or 0) > 0
        if archived:
            meta.append(t("archived_channel"))
        header = [
            f'<header class="channel-header"><h1>{escape(channel.display_name)}</h1>',
            f'<p class="channel-meta">{escape(" · ".join(meta))}</p>',
        ]
        for key, label in (("purpose", "channel_purpose"), ("header", "channel_header")):
            value = channel.channel_json.get(key)
            if isinstance(value, str) and value.strip():
                rendered = self.renderer_for(prefix).render(value)
                header.append(
                    f'<div class="channel-{key}"><span class="label">{escape(t(label))}:</span> {rendered}</div>'
                )
        if not channel.complete:
            header.append(f'<p class="warning">{escape(t("incomplete_channel"))}</p>')
        if self.pdf_link or (ctx.root / channel.path / "messages.pdf").is_file():
            header.append(f'<p class="pdf-link"><a href="messages.pdf">{escape(t("pdf_link"))}</a></p>')
        header.append(self._zone_hint())
        header.append(f'<p class="print-hint">{escape(t("print_hint"))}</p></header>')
        return (
            _head(
                " – ".join(title_parts) + (f" ({t('page_label', n=number)})" if total > 1 else ""),
                prefix,
                t.lang,
            )
            + f'<body data-page="channel" data-lang="{t.lang}">'
            + f'<a class="skip" href="#messages">{escape(t("skip_to_content"))}</a><div class="layout">'
            + sidebar
            + f'<main class="pane" id="main">{"".join(header)}'
            + self._pager(channel, number, total, page_dates, "top")
            + f'<section class="messages" id="messages" aria-label="{escape(channel.display_name)}">\n'
        )

    def _channel_page_end(self, channel: ChannelInfo, number: int, total: int, page_dates: str) -> str:
        return (
            '</section><div id="latest"></div>'
            + self._pager(channel, number, total, page_dates, "bottom")
            + "</main></div></body></html>\n"
        )

    def _pager(self, channel: ChannelInfo, number: int, total: int, page_dates: str, where: str) -> str:
        t = self.ctx.texts
        if total <= 1 and where == "bottom":
            return ""
        links = []
        if number < total:
            links.append(
                f'<a class="older" rel="prev" href="{channel.page_file(number + 1)}">← {escape(t("older"))}</a>'
            )
        if total > 1:
            links.append(
                f'<span class="page-no">{escape(t("page_n", n=t.number(total - number + 1), total=t.number(total)))}</span>'
            )
        if number > 1:
            links.append(
                f'<a class="newer" rel="next" href="{channel.page_file(number - 1)}">{escape(t("newer"))} →</a>'
            )
        jump = ""
        if where == "top":
            jump = (
                f'<form class="jump" data-pages="{escape(page_dates)}" data-current="{number}">'
                f'<label for="jump-date">{escape(t("jump_to_date"))}</label> '
                f'<input id="jump-date" name="date" type="date"> <button type="submit">{escape(t("go"))}</button></form>'
            )
        return f'<nav class="pager pager-{where}" aria-label="{escape(t("page_nav"))}">{"".join(links)}{jump}</nav>\n'


def _yield_to_the_window() -> None:
    """Page workers run at a lower priority so that the wizard's window stays responsive on small machines.
    Ctrl-C in a terminal reaches every process of the group: the workers leave it to the main process,
    which stops the export in order (a worker killed by it would break the pool and lose the run's end)."""
    with contextlib.suppress(AttributeError, OSError):
        os.nice(10)
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _bounded_map(pool: ProcessPoolExecutor, jobs: Iterator[PageJob], in_flight: int) -> Iterator:
    """pool.map, but with at most `in_flight` pages submitted at a time: Executor.map would submit every
    page at once and keep all their jobs and results in memory."""
    pending: deque[Future] = deque()
    for job in jobs:
        pending.append(pool.submit(render_page_job, job))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _remove_stale_pages(folder: Path, pages: int) -> None:
    for stale in folder.glob("messages-*.html"):
        match = re.fullmatch(r"messages-(\d+)\.html", stale.name)
        if match and int(match.group(1)) > pages:
            stale.unlink()
