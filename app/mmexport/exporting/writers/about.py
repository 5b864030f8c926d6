"""What an archive is, said on its start page and in README.txt: whose export, of what, and how complete.

An administrator's export of a team's channels is a different thing from a person's own chats (issue 24):
it says so, names the channels the administrator was not a member of, and whether each channel is
complete, with each channel's handle (team:channel), the name the server's tools take. Reads only the
manifest; both renderings (index.html, README.txt) take their sentences from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mmexport.archive.layout import POSTS_JSONL
from mmexport.archive.reader import Archive
from mmexport.exporting.assemble import is_join_leave_line
from mmexport.exporting.server_commands import handle_of, is_admin_export, team_channels
from mmexport.exporting.writers.i18n import Texts
from mmexport.mattermost.naming import natural_key


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


def join_leave_notices(archive: Archive, entry: dict) -> int:
    return count_join_leave_notices(archive.channel_dir(entry) / POSTS_JSONL)


def count_join_leave_notices(posts_jsonl: Path) -> int:
    """How many of a chat's saved posts are join or leave notices. Every place that shows a chat's message
    count (start page, README.txt, the viewer's sidebar and pages, the wizard's end page) takes the posts
    without these, as the server's listing does, and names the notices apart. The whole file is read, but
    most of it is never decoded (assemble.is_join_leave_line); a torn last line is skipped, as iter_jsonl does."""
    if not posts_jsonl.exists():
        return 0
    with open(posts_jsonl, "rb") as f:
        return sum(1 for line in f if line.endswith(b"\n") and is_join_leave_line(line))


def admin_export(
    manifest: dict, teams_by_name: dict[str, dict], notices: dict[str, int]
) -> AdminExport | None:
    """The administrator's export the archive's manifest describes; None for a person's own archive.
    notices: each channel's join and leave notices by channel id, as counted once per render
    (ArchiveContext.admin_export)."""
    if not is_admin_export(manifest):
        return None
    entries = team_channels(manifest)
    team_names = sorted({str(c["team"]) for c in entries})
    teams = [str((teams_by_name.get(name) or {}).get("display_name") or name) for name in team_names]
    channels = [
        ChannelLine(
            display_name=str(c.get("display_name") or c.get("name") or ""),
            handle=handle_of(c),
            posts=int(c.get("posts") or 0),
            member=bool(c.get("member", True)),
            complete=bool(c.get("complete", True)),
            notices=notices.get(str(c.get("id") or ""), 0),
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
