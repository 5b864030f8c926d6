"""Who is an administrator in the demo workspace, granted the way the real server grants it.

`system_admin` is a system role in `user.roles` (checked by Workspace.is_system_admin); `team_admin` is a
team role on the team member object. The demo has one system administrator, the coordinator, added after
everything else is generated, and one team administrator who is not a system administrator.
"""

from __future__ import annotations

from mmexport.demo import blobs, ids
from mmexport.demo.generate import new_channel
from mmexport.demo.seed import DAY_MS, DEMO_PASSWORD, WORKSPACE_START
from mmexport.demo.workspace import Workspace

COORDINATOR = "kim.koordination"  # the demo's system administrator (password: the demo password)
TEAM_ADMIN = "claudia"  # a team administrator of every team, who is not a system administrator
# A stale archived private channel that neither anna nor the coordinator belongs to: only the
# administrators' listing of all channels (GET /channels?include_deleted=true) shows it.
OLD_GROUP = ("verwaltung", "alte-projektgruppe", "Alte Projektgruppe", ("bernd.mueller", "katrin", "lars"))
OLD_GROUP_POSTS = 12


def team_roles(ws: Workspace, team_id: str, user_id: str) -> str:
    """The roles of a team member as the team member object carries them."""
    if user_id not in ws.team_members.get(team_id, ()):
        return ""
    username = ws.users[user_id]["username"]
    return "team_user team_admin" if username in (COORDINATOR, TEAM_ADMIN) else "team_user"


def add_coordinator(ws: Workspace) -> str:
    """Adds the system administrator after everything else is generated, so nothing else changes.

    They belong to every team and to its town square only: every other channel is one they are not a
    member of, which is what a coordinator of a small server usually finds.
    """
    with ws.lock:
        existing = ws.user_by_username(COORDINATOR)
        if existing is not None:
            return str(existing["id"])
        # Its own id stream: the workspace's random generator must not move, or later ids would change.
        user_id = ids.encode(int.from_bytes(COORDINATOR.encode()[:16], "big"), ids.ID_LENGTH)
        created = WORKSPACE_START - 70 * DAY_MS
        ws.users[user_id] = {
            "id": user_id,
            "create_at": created,
            "update_at": created + DAY_MS,
            "delete_at": 0,
            "username": COORDINATOR,
            "auth_data": "",
            "auth_service": "",
            "email": f"{COORDINATOR}@example.org",
            "email_verified": True,
            "nickname": "",
            "first_name": "Kim",
            "last_name": "Koordination",
            "position": "Systemadministration",
            "roles": "system_user system_admin",
            "props": {},
            "notify_props": {"desktop": "mention", "email": "true", "push": "mention"},
            "last_password_update": created,
            "last_picture_update": 0,
            "locale": "de",
            "timezone": {
                "automaticTimezone": "Europe/Berlin",
                "manualTimezone": "",
                "useAutomaticTimezone": "true",
            },
            "disable_welcome_email": False,
            "is_bot": False,
        }
        ws.passwords[user_id] = DEMO_PASSWORD
        ws.avatars[user_id] = blobs.png(64, 64, (90, 60, 120), (255, 255, 255))
        for team_id in ws.teams:
            ws.team_members[team_id].append(user_id)
        for channel in ws.channels.values():
            if channel["team_id"] and channel["name"] == "town-square":
                ws.channel_members[channel["id"]].append(user_id)
        _add_old_private_group(ws)
        return user_id


def _add_old_private_group(ws: Workspace) -> None:
    team_name, name, display, usernames = OLD_GROUP
    team = ws.team_by_name(team_name)
    assert team is not None
    members = [ws.user_by_username(u)["id"] for u in usernames]  # type: ignore[index]
    created = WORKSPACE_START + 30 * DAY_MS
    channel = new_channel(ws, team["id"], name, display, "P", members, created)
    for index in range(OLD_GROUP_POSTS):
        author = members[index % len(members)]
        ws.add_post(
            channel["id"], author, f"Protokoll Sitzung {index + 1}", create_at=created + (index + 1) * DAY_MS
        )
    channel["delete_at"] = created + 60 * DAY_MS
