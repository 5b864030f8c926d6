"""What the "Choose chats" page lists: every chat the signed-in person can read, with readable names.

Qt-free (runs in the worker thread): one call gathers teams, channels, the names of direct and group
message partners and the partners' pictures, so the page only has to show them.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from mmexport.archive.owner import server_identity
from mmexport.mattermost import errors
from mmexport.mattermost.naming import (
    channel_display_name,
    client_config_or_empty,
    dm_partner_id,
    name_display_setting,
    names_of_person,
)

log = logging.getLogger(__name__)

KINDS = {"O": "public", "P": "private", "D": "direct", "G": "group"}
MAX_AVATARS = 400  # pictures beyond this would only slow down the listing of huge workspaces


@dataclass
class ChatRow:
    id: str
    kind: str  # public | private | direct | group
    name: str  # readable, as the webapp shows it
    team_id: str  # "" for direct and group messages
    messages: int
    last_post_at: int  # milliseconds, 0 = never
    archived: bool
    channel: dict = field(repr=False)  # as the server sent it
    avatar: bytes | None = field(default=None, repr=False)  # the other person's picture (direct messages)
    # What a search finds it by besides `name`: the people's full names, nicknames and usernames (a server
    # that displays usernames still finds "Melissa Price"), a channel's address name.
    also_known_as: str = ""


@dataclass
class LoadProgress:
    """How far the listing is, written by the worker thread and read by the page on a timer.

    Plain int/str attributes: each write is atomic in CPython, and a figure a moment old is fine."""

    step: str = "teams"  # teams | channels | names | pictures
    chats: int = 0
    pictures_done: int = 0
    pictures_total: int = 0

    def chats_found(self, count: int) -> None:
        self.chats = count


@dataclass
class ChatList:
    me: dict
    teams: list[dict]
    rows: list[ChatRow]
    server_id: str = ""  # the server's own id (archive/owner.py), "" when it did not give one
    site_url: str = ""

    def team_name(self, team_id: str) -> str:
        for team in self.teams:
            if team["id"] == team_id:
                return team.get("display_name") or team.get("name") or team_id
        return team_id

    def by_id(self) -> dict[str, ChatRow]:
        return {row.id: row for row in self.rows}


def load_chat_list(
    client,
    me: dict,
    *,
    with_avatars: bool = True,
    yourself: str = "{name} (you)",
    progress: LoadProgress | None = None,
) -> ChatList:
    """Everything the chooser shows, archived chats included (the page hides them behind a switch)."""
    progress = progress or LoadProgress()
    teams = client.my_teams()
    progress.step = "channels"
    channels = client.my_channels(include_archived=True, on_found=progress.chats_found)
    progress.chats = len(channels)
    progress.step = "names"
    config = client_config_or_empty(client)
    name_display = name_display_setting(config)
    my_id = me["id"]

    partner_ids = {pid for c in channels if c.get("type") == "D" and (pid := dm_partner_id(c, my_id))}
    users = {u["id"]: u for u in client.users_by_ids(partner_ids | {my_id})} if partner_ids else {my_id: me}
    users.setdefault(my_id, me)
    group_ids = [c["id"] for c in channels if c.get("type") == "G"]
    gm_members = client.group_channel_members(group_ids) if group_ids else {}

    rows = []
    for channel in channels:
        kind = KINDS.get(channel.get("type", ""), "public")
        name = channel_display_name(
            channel, my_id, users, name_display, gm_members.get(channel["id"]), yourself
        )
        rows.append(
            ChatRow(
                id=channel["id"],
                kind=kind,
                name=name or channel.get("name") or channel["id"],
                team_id=(channel.get("team_id") or "") if kind in ("public", "private") else "",
                messages=int(channel.get("total_msg_count") or 0),
                last_post_at=int(channel.get("last_post_at") or 0),
                archived=bool(channel.get("delete_at")),
                channel=channel,
                also_known_as=_other_names(channel, kind, my_id, users, gm_members),
            )
        )
    if with_avatars:
        progress.step = "pictures"
        _attach_avatars(client, rows, my_id, progress)
    server_id, site_url = server_identity(config)
    return ChatList(
        me=me,
        teams=sorted(teams, key=lambda t: (t.get("display_name") or "").casefold()),
        rows=rows,
        server_id=server_id,
        site_url=site_url,
    )


def _other_names(channel: dict, kind: str, my_id: str, users: dict, gm_members: dict) -> str:
    if kind == "direct":
        partner = users.get(dm_partner_id(channel, my_id) or my_id)
        return names_of_person(partner) if partner else ""
    if kind == "group":
        return " ".join(names_of_person(u) for u in gm_members.get(channel["id"], []) if u.get("id") != my_id)
    return channel.get("name") or ""


def _attach_avatars(client, rows: list[ChatRow], my_id: str, progress: LoadProgress) -> None:
    direct = [r for r in rows if r.kind == "direct"][:MAX_AVATARS]
    progress.pictures_total = len(direct)
    done_lock = threading.Lock()

    def fetch(row: ChatRow) -> None:
        partner = dm_partner_id(row.channel, my_id) or my_id
        try:
            row.avatar = client.user_avatar(partner)
        except errors.MattermostError as exc:
            if isinstance(exc, errors.SignInExpired | errors.Cancelled):
                raise
            log.debug("No picture for %s: %r", partner, exc)
        with done_lock:  # += from four threads at once is not atomic
            progress.pictures_done += 1

    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="avatars") as pool:
        list(pool.map(fetch, direct))
