"""Every channel of a team, as a system administrator sees it: what a coordinator checks before tidying up.

No single endpoint lists them all, on 5.x as on 9-11 (api4/channel.go):

- GET /teams/{id}/channels: the public channels that are not archived (`list_team_channels`);
- GET /teams/{id}/channels/private: the private ones that are not archived (`manage_system`, so system
  administrators only; everyone else gets 403, which is how this module learns the sign-in is not one);
- GET /teams/{id}/channels/deleted: archived public channels, but archived private ones only where the
  caller is a member (store GetDeleted);
- GET /channels?include_deleted=true: every public and private channel of every team, archived ones
  included (`sysconsole_read_user_management_channels`): the only place other people's archived private
  channels appear. It is read too and filtered to the team.

Direct and group messages belong to no team and never appear here. Member counts come from each
channel's stats (one request per channel, a few at a time); messages and last activity are the
channel's own `total_msg_count` and `last_post_at`. Nothing here changes anything on the server.
"""

from __future__ import annotations

import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from mmexport.mattermost.client import Client
from mmexport.mattermost.errors import Cancelled, Forbidden, MattermostError, NotFound, SignInExpired
from mmexport.mattermost.naming import channel_handle, natural_key, user_display_name

log = logging.getLogger(__name__)

COUNT_PARALLEL = 4
KINDS = {"O": "public", "P": "private"}


class NeedsAdministrator(Forbidden):
    default_message = (
        "Listing every channel of a team needs the sign-in of a system administrator of the server. "
        "This sign-in is not one (the server answered 403). Sign in as a system administrator, or leave "
        "out --every-channel to see your own chats."
    )


@dataclass
class TeamChannel:
    """One channel of the team with what a coordinator decides by."""

    channel: dict  # as the server sent it
    team: dict
    member_count: int | None  # None: the server would not count them
    creator: dict | None  # the user who created it, if known
    is_member: bool  # whether the signed-in person belongs to it
    creator_label: str = field(default="")

    @property
    def id(self) -> str:
        return str(self.channel["id"])

    @property
    def kind(self) -> str:
        return KINDS.get(self.channel.get("type", ""), "public")

    @property
    def archived(self) -> bool:
        return bool(self.channel.get("delete_at"))

    @property
    def messages(self) -> int:
        return int(self.channel.get("total_msg_count") or 0)

    @property
    def last_post_at(self) -> int:
        return int(self.channel.get("last_post_at") or 0)

    @property
    def display_name(self) -> str:
        return str(self.channel.get("display_name") or self.channel.get("name") or self.id)

    @property
    def handle(self) -> str:
        """team:channel, what `mmctl channel delete` and `mmexport export --channel` take."""
        return channel_handle(str(self.team.get("name") or ""), str(self.channel.get("name") or ""))

    def as_json(self) -> dict:
        """The row `mmexport channels --every-channel --json` prints (a documented shape)."""
        return {
            "id": self.id,
            "team": self.team.get("display_name") or self.team.get("name", ""),
            "team_name": self.team.get("name", ""),
            "type": self.kind,
            "name": self.channel.get("name", ""),
            "handle": self.handle,
            "display_name": self.display_name,
            "archived": self.archived,
            "member_count": self.member_count,
            "total_msg_count": self.messages,
            "last_post_at": self.last_post_at,
            "creator_id": self.channel.get("creator_id") or "",
            "creator": (self.creator or {}).get("username", ""),
            "member": self.is_member,
        }


_TEAM_NAME = re.compile(r"^[a-z0-9_-]+$")


class TeamNotFound(LookupError):
    """No team by that name or display name, or several teams share the display name; lists the teams."""

    def __init__(self, wanted: str, teams: list[dict], ambiguous: bool = False) -> None:
        listed = "; ".join(
            f"{t.get('name', '')} ({t.get('display_name') or t.get('name', '')})"
            for t in sorted(teams, key=lambda t: natural_key(str(t.get("name") or "")))
        )
        why = "Several teams are called" if ambiguous else "There is no team"
        super().__init__(f"{why} “{wanted}” on this server. Use one of these names: {listed or '(none)'}.")


def find_team(client: Client, wanted: str) -> dict:
    """The team by its name (as in the address), its id, or, where no team has that name, by its display
    name if exactly one team has it (people know teams by the name shown everywhere); raises TeamNotFound."""
    text = wanted.strip()
    if _TEAM_NAME.match(text.lower()):
        try:
            return client.team_by_name(text.lower())
        except NotFound:
            pass
    try:
        teams = client.all_teams() or client.my_teams()
    except Forbidden:
        teams = client.my_teams()
    by_id = [t for t in teams if t.get("id") == text]  # an id works too, as with mmctl
    if by_id:
        return by_id[0]
    matches = [t for t in teams if str(t.get("display_name") or "").casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    raise TeamNotFound(text, teams, ambiguous=len(matches) > 1)


def stalest_first(rows: list[TeamChannel]) -> list[TeamChannel]:
    """Oldest last activity first (never used at the very top), then by name."""
    return sorted(rows, key=lambda r: (r.last_post_at, natural_key(r.display_name), r.id))


def list_every_channel(
    client: Client,
    team: dict,
    my_user_id: str,
    *,
    stop: threading.Event | None = None,
    name_display: str = "username",
) -> list[TeamChannel]:
    """Every public, private and archived channel of the team, stalest first; raises NeedsAdministrator."""
    channels = team_channel_objects(client, team["id"])
    mine = {m.get("channel_id") for m in client.my_memberships_in_team(team["id"])}
    counts = _member_counts(client, list(channels), stop)
    creator_ids = sorted({str(c["creator_id"]) for c in channels.values() if c.get("creator_id")})
    creators = {u["id"]: u for u in client.users_by_ids(creator_ids)} if creator_ids else {}
    rows = []
    for channel_id, channel in channels.items():
        creator = creators.get(channel.get("creator_id") or "")
        rows.append(
            TeamChannel(
                channel=channel,
                team=team,
                member_count=counts.get(channel_id),
                creator=creator,
                is_member=channel_id in mine,
                creator_label=user_display_name(creator, name_display) if creator else "",
            )
        )
    return stalest_first(rows)


def team_channel_objects(client: Client, team_id: str) -> dict[str, dict]:
    """id -> channel for every public and private channel of the team, archived ones included."""
    try:
        private = client.team_channels(team_id, "private")
    except Forbidden as error:
        raise NeedsAdministrator(detail=error.detail, status=error.status) from None
    found: dict[str, dict] = {}
    for channel in [*client.team_channels(team_id), *private, *client.team_channels(team_id, "deleted")]:
        if channel.get("type") in KINDS and channel.get("team_id") == team_id:
            found.setdefault(channel["id"], channel)
    try:
        everything = client.all_channels(include_deleted=True)
    except Forbidden as error:  # a custom role with manage_system but without the console permission
        log.info("GET /channels refused, archived private channels of others stay unlisted: %s", error.detail)
        everything = []
    for channel in everything:
        if channel.get("team_id") == team_id and channel.get("type") in KINDS:
            found.setdefault(channel["id"], channel)  # with the team's names added, as it came
    return found


def _member_counts(client: Client, channel_ids: list[str], stop: threading.Event | None) -> dict[str, int]:
    counts: dict[str, int] = {}

    def count(channel_id: str) -> None:
        if stop is not None and stop.is_set():
            return
        try:
            counts[channel_id] = client.member_count(channel_id)
        except (SignInExpired, Cancelled):
            raise
        except MattermostError as error:
            log.info("no member count for %s: %s", channel_id, error.detail or error.message)

    with ThreadPoolExecutor(max_workers=COUNT_PARALLEL, thread_name_prefix="members") as pool:
        list(pool.map(count, channel_ids))
    return counts


def is_system_admin(user: dict) -> bool:
    """Whether the user object carries the system_admin role (what the wizard uses to offer the view)."""
    return "system_admin" in str(user.get("roles") or "").split()
