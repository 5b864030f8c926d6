"""messages.txt (readable, threads indented under their root) and messages.csv (one row per message).

The CSV is for spreadsheets: UTF-8 with a byte order mark so Excel reads the umlauts, ISO dates,
semicolons for German (German Excel splits on ';'), commas otherwise. Cells that Excel would run as a
formula (starting with = + - @) get a leading apostrophe.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime

from mmexport.archive.layout import POSTS_JSONL, iter_jsonl
from mmexport.exporting.writers.atomic import atomic_text_writer
from mmexport.exporting.writers.context import (
    EMOJI_CODE,
    ArchiveContext,
    ChannelInfo,
    emoji_names,
    local_datetime,
    reaction_counts,
)
from mmexport.exporting.writers.i18n import zone_label
from mmexport.exporting.writers.posts_html import post_file_names
from mmexport.exporting.writers.threads import ThreadIndex

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
INDENT = "    "

CSV_COLUMNS = (
    "id", "date", "date_utc", "team", "channel", "user", "username", "message",
    "thread_root_id", "is_reply", "type", "edited", "pinned", "deleted", "files", "reactions",
)  # fmt: skip


def with_unicode_emoji(text: str) -> str:
    table = emoji_names()
    return EMOJI_CODE.sub(lambda m: table.get(m.group(1), m.group(0)), text)


def _reaction_summary(post: dict) -> str:
    table = emoji_names()
    return ", ".join(f"{table.get(name, ':' + name + ':')} {n}" for name, n in reaction_counts(post).items())


class TextWriter:
    def __init__(self, ctx: ArchiveContext):
        self.ctx = ctx
        self.t = ctx.texts

    def write(self, channel: ChannelInfo, index: ThreadIndex) -> None:
        folder = self.ctx.root / channel.path
        t = self.t
        exported = datetime.now().astimezone()
        name = channel.display_name
        team = self.ctx.team_display_name(channel.team)
        if team:
            name = f"{name} ({team})"
        with atomic_text_writer(folder / "messages.txt") as out:
            title = t(
                "txt_header", name=name, kind=self.ctx.channel_kind(channel), date=t.long_date(exported)
            )
            out.write(f"{title}\n{'=' * min(len(title), 100)}\n")
            # The times below are in the zone of the computer that wrote the file: say which.
            out.write(f"{t('times_zone', zone=zone_label(exported.year))}\n")
            if not index.roots:
                out.write(f"\n({t('no_messages')})\n")
                return
            day = None
            for root, replies, _orphan in index.whole().threads():
                moment = local_datetime(int(root.get("create_at") or 0))
                if moment.date() != day:
                    day = moment.date()
                    out.write(f"\n--- {t.long_date(moment)} ---\n\n")
                out.write(self._post(root, "", with_date=False))
                for reply in replies:
                    out.write(self._post(reply, INDENT, with_date=True))

    def _post(self, post: dict, indent: str, with_date: bool) -> str:
        t = self.t
        moment = local_datetime(int(post.get("create_at") or 0))
        stamp = t.date_time(moment) if with_date else t.time(moment)
        author = self.ctx.post_author(post)
        marks = []
        if post.get("edit_at"):
            marks.append(t("edited"))
        if post.get("is_pinned"):
            marks.append(f"[{t('pinned')}]")
        message = (
            t("deleted") if post.get("delete_at") else with_unicode_emoji(str(post.get("message") or ""))
        )
        lines = message.split("\n") if message else [""]
        head = f"{indent}[{stamp}] {author}: {lines[0]}"
        if marks:
            head += " " + " ".join(marks)
        body_indent = indent + "  "
        out = [head] + [body_indent + line for line in lines[1:]]
        for att in (post.get("props") or {}).get("attachments") or []:
            if isinstance(att, dict):
                for key in ("title", "text"):
                    if att.get(key):
                        out.extend(body_indent + "| " + line for line in str(att[key]).split("\n"))
                for field in att.get("fields") or []:
                    if isinstance(field, dict):
                        out.append(f"{body_indent}| {field.get('title') or ''}: {field.get('value') or ''}")
        files = [n for n in post_file_names(post, self.ctx) if n]
        if files:
            out.append(f"{body_indent}[{t('txt_files')}: {', '.join(files)}]")
        reactions = _reaction_summary(post)
        if reactions:
            out.append(f"{body_indent}[{t('txt_reactions')}: {reactions}]")
        return "\n".join(out) + "\n"


class CsvWriter:
    def __init__(self, ctx: ArchiveContext):
        self.ctx = ctx
        self.delimiter = ";" if ctx.texts.lang == "de" else ","

    def write(self, channel: ChannelInfo) -> None:
        folder = self.ctx.root / channel.path
        team = self.ctx.team_display_name(channel.team)
        with atomic_text_writer(folder / "messages.csv", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=self.delimiter, quoting=csv.QUOTE_MINIMAL)
            writer.writerow(CSV_COLUMNS)
            for post in iter_jsonl(folder / POSTS_JSONL):
                writer.writerow(self._row(post, channel, team))

    def _row(self, post: dict, channel: ChannelInfo, team: str) -> list[str]:
        created = int(post.get("create_at") or 0)
        edited = int(post.get("edit_at") or 0)
        user_id = str(post.get("user_id") or "")
        return [
            str(post.get("id") or ""),
            local_datetime(created).strftime("%Y-%m-%d %H:%M:%S"),
            _utc_iso(created),
            _cell(team),
            _cell(channel.display_name),
            _cell(self.ctx.post_author(post)),
            _cell(self.ctx.username(user_id)),
            _cell(str(post.get("message") or "")),
            str(post.get("root_id") or ""),
            "yes" if post.get("root_id") else "no",
            _cell(str(post.get("type") or "")),
            _utc_iso(edited) if edited else "",
            "yes" if post.get("is_pinned") else "no",
            "yes" if post.get("delete_at") else "no",
            _cell("; ".join(n for n in post_file_names(post, self.ctx) if n)),
            _cell(_reaction_summary(post)),
        ]


def _utc_iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cell(text: str) -> str:
    """Excel runs a cell starting with = + - @ as a formula: never for text from the server."""
    return "'" + text if text.startswith(_FORMULA_START) else text


spreadsheet_cell = _cell  # the same guard for the other CSV output (mmexport channels --csv)
