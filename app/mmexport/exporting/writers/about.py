"""What an archive is, said on its start page and in README.txt: whose export, of what, and how complete.

An administrator's export of a team's channels is a different thing from a person's own chats (issue 24):
it says so, names the channels the administrator was not a member of, and whether each channel is
complete, with each channel's handle (team:channel), the name the server's tools take. Reads only the
manifest; both renderings (index.html, README.txt) take their sentences from here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mmexport.archive.layout import POSTS_JSONL
from mmexport.archive.reader import Archive
from mmexport.exporting.writers.i18n import Texts
from mmexport.mattermost.naming import channel_handle, natural_key


@dataclass
class ChannelLine:
    """One team channel of an administrator's archive, as the start page's table lists it."""

    display_name: str
    handle: str
    posts: int  # every post saved
    member: bool
    complete: bool
    notices: int = 0  # join and leave notices among them, which the server's count leaves out

    @property
    def messages(self) -> int:
        """The posts as the server's listing counts them (total_msg_count): without join and leave notices."""
        return self.posts - self.notices


@dataclass
class AdminExport:
    """An administrator's export, as manifest.json records it (exported_as_admin, per channel member)."""

    user: str
    server: str
    teams: list[str]  # display names
    channels: list[ChannelLine] = field(default_factory=list)

    @property
    def not_member(self) -> list[ChannelLine]:
        return [c for c in self.channels if not c.member]

    @property
    def incomplete(self) -> list[ChannelLine]:
        return [c for c in self.channels if not c.complete]

    def sentences(self, t: Texts) -> list[str]:
        """What it is, whom it leaves out, whether it is whole: in t's language."""
        key = "admin_export_one" if len(self.teams) == 1 else "admin_export_other"
        lines = [t(key, teams=", ".join(self.teams), user=self.user, server=self.server)]
        if self.not_member:
            lines.append(t("admin_not_member", user=self.user, n=t.number(len(self.not_member))))
        else:
            lines.append(t("admin_member_of_all", user=self.user))
        if self.incomplete:
            named = ", ".join(f"{c.display_name} ({c.handle})" for c in self.incomplete)
            lines.append(t("admin_incomplete", channels=named))
        else:
            lines.append(t("admin_all_complete"))
        return lines


# The post types the server leaves out of a channel's total_msg_count (model.Post.IsJoinLeaveMessage, the
# same in 5.36.1 and later): so that the archive's figures can be set beside `mmexport channels`.
JOIN_LEAVE_TYPES = frozenset({
    "system_join_leave", "system_add_remove", "system_join_channel", "system_leave_channel",
    "system_join_team", "system_leave_team", "system_add_to_channel", "system_remove_from_channel",
    "system_add_to_team", "system_remove_from_team",
})  # fmt: skip


def join_leave_notices(archive: Archive, entry: dict) -> int:
    return count_join_leave_notices(archive.channel_dir(entry) / POSTS_JSONL)


def count_join_leave_notices(posts_jsonl: Path) -> int:
    """How many of a chat's saved posts are join or leave notices. Every place that shows a chat's message
    count (start page, README.txt, the viewer's sidebar and pages, the wizard's end page) takes the posts
    without these, as the server's listing does, and names the notices apart. Only lines that mention a
    system type are parsed: the whole file is read, but most of it is never decoded."""
    notices = 0
    for line in _lines_with(posts_jsonl, b'"system_'):
        try:
            post = json.loads(line)
        except ValueError:
            continue
        notices += isinstance(post, dict) and post.get("type") in JOIN_LEAVE_TYPES
    return notices


def _lines_with(path: Path, needle: bytes) -> Iterator[bytes]:
    """Complete lines of a .jsonl file that contain needle (a torn last line is skipped, as iter_jsonl does)."""
    if not path.exists():
        return
    with open(path, "rb") as f:
        for line in f:
            if needle in line and line.endswith(b"\n"):
                yield line


def admin_export(archive: Archive, teams_by_name: dict[str, dict]) -> AdminExport | None:
    """The administrator's export the archive's manifest describes; None for a person's own archive."""
    manifest = archive.manifest
    if not manifest.get("exported_as_admin"):
        return None
    entries = [
        c
        for c in manifest.get("channels") or []
        if isinstance(c, dict) and c.get("type") in ("O", "P") and c.get("team")
    ]
    team_names = sorted({str(c["team"]) for c in entries})
    teams = [str((teams_by_name.get(name) or {}).get("display_name") or name) for name in team_names]
    channels = [
        ChannelLine(
            display_name=str(c.get("display_name") or c.get("name") or ""),
            handle=channel_handle(str(c["team"]), str(c.get("name") or "")),
            posts=int(c.get("posts") or 0),
            member=bool(c.get("member", True)),
            complete=bool(c.get("complete", True)),
            notices=join_leave_notices(archive, c),
        )
        for c in entries
    ]
    channels.sort(key=lambda c: (natural_key(c.display_name), c.handle))
    return AdminExport(
        user=str((manifest.get("user") or {}).get("username") or ""),
        server=str((manifest.get("server") or {}).get("url") or ""),
        teams=teams,
        channels=channels,
    )
