"""What every writer needs to know about an archive: people, chats, emoji, saved files, times.

Built once per render from the archive's JSON files; the writers only look things up here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import quote

from mmexport.archive.layout import AVATARS_DIR, DIRECT_TEAM_DIR, EMOJI_DIR, id_name
from mmexport.archive.reader import Archive, RunStatus
from mmexport.exporting.writers.about import AdminExport, admin_export
from mmexport.exporting.writers.i18n import Texts
from mmexport.mattermost.naming import user_display_name
from mmexport.resources import resource_path


@dataclass
class ChannelInfo:
    """One chat of the archive, with what the sidebar and the pages show about it."""

    index: int
    id: str
    type: str  # O, P, D, G
    team: str  # team name, "" for D and G
    name: str
    display_name: str
    path: str  # relative to the archive, with '/'
    posts: int
    files: int
    complete: bool
    members: list[str] = field(default_factory=list)
    last_at: int = 0  # create_at of the newest post, 0 when empty
    first_at: int = 0
    pages: int = 1
    channel_json: dict = field(default_factory=dict)
    notices: int = 0  # join and leave notices among the posts (about.count_join_leave_notices)

    @property
    def messages(self) -> int:
        """The posts as the server's listing counts them (total_msg_count): without join and leave notices."""
        return self.posts - self.notices

    @property
    def is_direct(self) -> bool:
        return self.type in ("D", "G")

    def page_file(self, page: int) -> str:
        return "messages.html" if page == 1 else f"messages-{page}.html"

    def page_url(self, page: int) -> str:
        """URL of one page of this chat, relative to the archive folder."""
        return url_path(f"{self.path}/{self.page_file(page)}")


def incomplete_sentence(run: RunStatus, t: Texts) -> str:
    """The sentence "This archive is incomplete: the export was stopped on …" in t's language."""
    stopped = parse_iso(run.stopped_at)
    if stopped is None:
        return t("archive_incomplete_undated")
    return t("archive_incomplete", date=f"{t.long_date(stopped)}, {t.time(stopped)}")


def parse_iso(value: object) -> datetime | None:
    """A time of manifest.json (ISO 8601, UTC) in the reader's local time; None when there is none."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone() if moment.tzinfo else moment


def url_path(relative: str) -> str:
    """A relative archive path as a URL: each segment percent-encoded, so '#', '?' or '%' stay names."""
    return "/".join(quote(part, safe="") for part in relative.split("/"))


@lru_cache(maxsize=1)
def emoji_names() -> dict[str, str]:
    """Mattermost's system emoji short names -> Unicode, shipped as resources/viewer/emoji-names.json."""
    with open(resource_path("viewer", "emoji-names.json"), encoding="utf-8") as f:
        return json.load(f)


EMOJI_CODE = re.compile(r":([a-z0-9_+-]+):")  # an emoji's :short_name: in a message


def reaction_counts(post: dict) -> dict[str, int]:
    """How often each emoji was given to a post (reactions taken back left out), in order of first use."""
    counts: dict[str, int] = {}
    for reaction in (post.get("metadata") or {}).get("reactions") or []:
        if isinstance(reaction, dict) and not reaction.get("delete_at"):
            name = str(reaction.get("emoji_name") or "")
            counts[name] = counts.get(name, 0) + 1
    return counts


def local_datetime(ms: int) -> datetime:
    """A server timestamp (ms since 1970, UTC) in the reader's local time zone."""
    return datetime.fromtimestamp(ms / 1000)


class ArchiveContext:
    """Lookups shared by all writers of one render run."""

    def __init__(self, root: Path, lang: str, archive: Archive | None = None):
        self.root = Path(root)
        # the one reader (render's own, when it has one): a killed run's newer resume state included
        self.archive = archive if archive is not None else Archive(self.root)
        self.texts = Texts(lang)
        self.manifest = self.archive.manifest
        self.run = self.archive.status
        # The server's TeammateNameDisplay when the archive was made (older archives: full names, as before).
        self.name_display = str(
            (self.manifest.get("server") or {}).get("teammate_name_display") or "full_name"
        )
        self.users = self.archive.users()
        self._display_names: dict[str, str] = {}
        self.teams_by_name = {t.get("name", ""): t for t in self.archive.teams().values()}
        self.files = self.archive.files_by_id()
        self.custom_emoji = self._custom_emoji_paths()
        self.channels = self._channels()
        self.channels_by_id = {c.id: c for c in self.channels}

    # --- people -------------------------------------------------------------------------------------

    def user(self, user_id: str) -> dict | None:
        return self.users.get(user_id)

    def display_name(self, user_id: str) -> str:
        """How the person is called in the viewer: as the server's TeammateNameDisplay names them, with the
        web app's fallbacks (mattermost.naming, the one rule the wizard and the chat names follow too)."""
        cached = self._display_names.get(user_id)
        if cached is not None:
            return cached
        user = self.users.get(user_id)
        name = user_display_name(user, self.name_display) if user else ""
        if not user or name == "Unknown user":
            name = self.texts("unknown_user")
        self._display_names[user_id] = name
        return name

    def username(self, user_id: str) -> str:
        user = self.users.get(user_id)
        return (user or {}).get("username", "") or ""

    def post_author(self, post: dict) -> str:
        """The name a post shows: a webhook's override name, else the poster's display name."""
        props = post.get("props") or {}
        override = props.get("override_username")
        if override and isinstance(override, str):
            return override
        return self.display_name(post.get("user_id", ""))

    def avatar_url(self, user_id: str) -> str | None:
        """Relative to the archive folder; None when no picture was saved."""
        name = f"{id_name(user_id)}.png"
        if (self.root / AVATARS_DIR / name).exists():
            return url_path(f"{AVATARS_DIR}/{name}")
        return None

    # --- emoji --------------------------------------------------------------------------------------

    def _custom_emoji_paths(self) -> dict[str, str]:
        """Custom emoji name -> URL relative to the archive (only those whose image was saved)."""
        saved: dict[str, str] = {}
        folder = self.root / EMOJI_DIR
        on_disk = {p.stem: p.name for p in folder.iterdir()} if folder.is_dir() else {}
        for emoji in self.archive.emoji():
            file_name = on_disk.get(id_name(emoji.get("id", "")))
            if file_name and emoji.get("name"):
                saved[emoji["name"]] = url_path(f"{EMOJI_DIR}/{file_name}")
        return saved

    # --- chats --------------------------------------------------------------------------------------

    def _channels(self) -> list[ChannelInfo]:
        channels = []
        for i, entry in enumerate(self.archive.channel_entries()):
            info = ChannelInfo(
                index=i,
                id=entry.get("id", ""),
                type=entry.get("type", "O"),
                team=entry.get("team", "") or "",
                name=entry.get("name", "") or "",
                display_name=self._chat_name(entry),
                path=entry.get("path", "").strip("/"),
                posts=int(entry.get("posts") or 0),
                files=int(entry.get("files") or 0),
                complete=bool(entry.get("complete", True)),
                members=list(entry.get("members") or []),
            )
            channels.append(info)
        return channels

    def _chat_name(self, entry: dict) -> str:
        """The manifest's name, except the chat with oneself, named in the reader's language ("(Sie)")."""
        me = str((self.manifest.get("user") or {}).get("id") or "")
        if entry.get("type") == "D" and me and entry.get("name") == f"{me}__{me}":
            return self.texts("dm_with_yourself", name=self.display_name(me))
        return str(entry.get("display_name") or entry.get("name") or entry.get("id", ""))

    @cached_property
    def admin_export(self) -> AdminExport | None:
        """The administrator's export this archive is (None for a person's own), for the start page and
        README.txt alike. Its notices are those render._read_channel_facts counted: ask after it has run."""
        notices = {str(c.id): c.notices for c in self.channels}
        return admin_export(self.manifest, self.teams_by_name, notices)

    def team_display_name(self, team_name: str) -> str:
        if not team_name or team_name == DIRECT_TEAM_DIR:
            return ""
        team = self.teams_by_name.get(team_name) or {}
        return team.get("display_name") or team_name

    def channel_kind(self, channel: ChannelInfo) -> str:
        return {
            "O": self.texts("public_channel"),
            "P": self.texts("private_channel"),
            "D": self.texts("direct_messages"),
            "G": self.texts("group_messages"),
        }.get(channel.type, self.texts("public_channel"))

    def file_entry(self, file_id: str) -> dict | None:
        return self.files.get(file_id)

    def saved_file_url(self, file_id: str) -> str | None:
        """URL (relative to the archive) of a saved attachment, None when it is not on disk."""
        entry = self.files.get(file_id)
        if not entry or not entry.get("path"):
            return None
        if not (self.root / entry["path"]).is_file():
            return None
        return url_path(entry["path"])
