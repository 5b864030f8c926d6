"""Names of people and channels as Mattermost's web app shows them.

DMs are stored with an empty display name and GMs with the usernames fixed at creation, so both are named
at display time: DMs after the other person, GMs after the members other than me, each rendered with the
server's `TeammateNameDisplay` setting and sorted like JavaScript's `localeCompare(..., {numeric: true})`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import TYPE_CHECKING

from mmexport.mattermost.errors import MattermostError, SignInExpired

if TYPE_CHECKING:
    from mmexport.mattermost.client import Client

log = logging.getLogger(__name__)

_DIGITS = re.compile(r"(\d+)")


# The post types the server leaves out of a channel's total_msg_count (model.Post.IsJoinLeaveMessage, the
# same in 5.36.1 and later): the demo server counts as the real one does, and the archive's figures can be
# set beside `mmexport channels`.
JOIN_LEAVE_TYPES = frozenset({
    "system_join_leave", "system_add_remove", "system_join_channel", "system_leave_channel",
    "system_join_team", "system_leave_team", "system_add_to_channel", "system_remove_from_channel",
    "system_add_to_team", "system_remove_from_team",
})  # fmt: skip

NAME_DISPLAY_SETTINGS = ("username", "nickname_full_name", "full_name")


def name_display_setting(client_config: dict) -> str:
    """The server's TeammateNameDisplay (from /config/client): how every person is named everywhere in
    this program, as in the web app. Missing (an anonymous answer) or unknown: "username", the server's
    default and the web app's fallback."""
    setting = client_config.get("TeammateNameDisplay")
    return setting if setting in NAME_DISPLAY_SETTINGS else "username"


def client_config_or_empty(client: Client) -> dict:
    """The server's /config/client as a signed-in client sees it, {} when it cannot be read: how people
    are named, the server's id and address are extras that never stop a listing or an export. An expired
    sign-in is still raised: every request after it would fail too."""
    try:
        return client.client_config()
    except SignInExpired:
        raise
    except MattermostError as error:
        log.info("client config not available: %s", error.detail or error.message)
        return {}


def name_display_of(client: Client) -> str:
    """name_display_setting() of a signed-in client's server; "username" when its config cannot be read."""
    return name_display_setting(client_config_or_empty(client))


def user_display_name(user: dict | None, teammate_name_display: str = "username") -> str:
    """username, nickname_full_name or full_name, falling back to the username like the web app."""
    if not user:
        return "Unknown user"
    username = user.get("username") or ""
    full_name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p).strip()
    if teammate_name_display == "full_name":
        name = full_name
    elif teammate_name_display == "nickname_full_name":
        name = (user.get("nickname") or "").strip() or full_name
    else:
        name = username
    return name or username or user.get("id", "") or "Unknown user"


def channel_handle(team_name: str, channel_name: str) -> str:
    """`team:channel`, the handle the server's own tools take (`mmctl channel delete team:channel`); two
    channels may share a display name ("Case Channel", "case channel"), never a handle. Direct and group
    messages have no team: just their name."""
    return f"{team_name}:{channel_name}" if team_name else channel_name


def split_handle(wanted: str) -> tuple[str, str] | None:
    """(team, channel) of `team:channel` (mmctl's handle) or `team/channel`; None for anything else (an id)."""
    for separator in (":", "/"):
        team, found, name = wanted.partition(separator)
        if found and team and name:
            return team.strip(), name.strip()
    return None


def dm_partner_id(channel: dict, my_user_id: str) -> str | None:
    """The other person of a DM (`<id>__<id>`); my own id for a DM with myself; None if not a DM name."""
    first, sep, second = (channel.get("name") or "").partition("__")
    if not sep or not first or not second:
        return None
    if first == my_user_id:
        return second
    if second == my_user_id:
        return first
    return None


_MARKS = re.compile("[\u0300-\u036f]")
_DIGRAPH = re.compile("([aou])e")


def fold_for_search(text: str) -> str:
    """The offline viewer's search folding (resources/viewer/viewer.js, `fold`), the same rule in Python:
    lower case, accents off (é -> e, ü -> u), ß -> ss, and the German spellings without umlauts folded the
    same way (ue -> u, oe -> o, ae -> a). "Schäfer" and "schaefer" both become "schafer", "Müller" and
    "Muller" both "muller"; a rare false match ("poet" finding "pot") is the price of never missing one."""
    lowered = text.lower()
    if not lowered.isascii():
        lowered = _MARKS.sub("", unicodedata.normalize("NFD", lowered.replace("ß", "ss")))
    return _DIGRAPH.sub(r"\1", lowered)


def names_of_person(user: dict) -> str:
    """Every name a person is known by (full name, nickname, username), whatever the server displays."""
    full_name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p)
    return " ".join(p for p in (full_name, user.get("nickname"), user.get("username")) if p)


def natural_key(text: str) -> tuple:
    """Case- and accent-insensitive sort key with numbers compared as numbers ("user2" < "user10")."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    base = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(base) if part
    )


def channel_display_name(
    channel: dict,
    my_user_id: str,
    users_by_id: dict[str, dict],
    teammate_name_display: str = "username",
    gm_members: list[dict] | None = None,
    yourself: str = "{name} (you)",
) -> str:
    """The name the webapp shows. `yourself` names the DM with oneself (a front end passes its translation)."""
    kind = channel.get("type")
    if kind == "D":
        return _dm_name(channel, my_user_id, users_by_id, teammate_name_display, yourself)
    if kind == "G":
        return _gm_name(channel, my_user_id, users_by_id, teammate_name_display, gm_members)
    return channel.get("display_name") or channel.get("name") or channel.get("id", "")


def _dm_name(
    channel: dict, my_user_id: str, users_by_id: dict[str, dict], setting: str, yourself: str
) -> str:
    partner = dm_partner_id(channel, my_user_id)
    if partner is None:
        return channel.get("display_name") or "Direct message"
    name = user_display_name(users_by_id.get(partner), setting)
    return yourself.format(name=name) if partner == my_user_id else name


def _gm_name(
    channel: dict,
    my_user_id: str,
    users_by_id: dict[str, dict],
    setting: str,
    gm_members: list[dict] | None,
) -> str:
    if gm_members is None:
        # Without the member list the stored name (usernames at creation time) is all there is.
        me = users_by_id.get(my_user_id, {}).get("username")
        stored = [n.strip() for n in (channel.get("display_name") or "").split(",") if n.strip()]
        names = [n for n in stored if n != me]
        return ", ".join(sorted(names, key=natural_key)) or channel.get("name", "")
    others = [m for m in gm_members if m.get("id") != my_user_id]
    names = [user_display_name(users_by_id.get(m.get("id", ""), m), setting) for m in others]
    return ", ".join(sorted(names, key=natural_key))
