"""The demo endpoints that list every channel of a team, with the real server's permission checks.

Permissions follow the real server (api4/channel.go, app/authorization.go of 5.36 and of 9-11):

- `system_admin` is a system role (`user.roles`); it grants every permission, so a system administrator
  may read any channel, even one it is not a member of (SessionHasPermissionToChannel falls back from
  the channel membership to the team member's roles and then to the system roles).
- `team_admin` is a team role; it does not grant `manage_system`, so a team administrator is refused the
  private channel listing like everyone else.
- GET /teams/{id}/channels (public, not archived) needs `list_team_channels`: team members and admins.
- GET /teams/{id}/channels/private (not archived) needs `manage_system`: system administrators only.
- GET /teams/{id}/channels/deleted checks nothing: archived public channels plus the archived private
  channels the caller is a member of (store GetDeleted), so an administrator does not see other
  people's archived private channels there.
- GET /channels (getAllChannels) needs `sysconsole_read_user_management_channels` (system administrators):
  public and private channels of every team, archived ones with include_deleted=true, each with the
  team's name added (ChannelListWithTeamData).
- GET /teams lists every team for those with `list_private_teams` (administrators), otherwise only the
  teams open to everyone.

Refusals are the real server's 403 body (`api.context.permissions.app_error`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mmexport.demo.api import paging
from mmexport.demo.http import Request, Response, json_response, permission_error
from mmexport.demo.workspace import Workspace

if TYPE_CHECKING:
    from mmexport.demo.api import Api

DEFAULT_CHANNELS = ("town-square", "off-topic")


class AdminEndpoints:
    """The routes a coordinator needs; registered on the demo's Api next to the others."""

    def __init__(self, api: Api) -> None:
        self.api = api

    @property
    def ws(self) -> Workspace:
        return self.api.ws

    def register(self) -> None:
        add = self.api._add
        add("GET", "/api/v4/teams", self.teams)
        add("GET", "/api/v4/teams/{team_id}/channels", self.public_channels)
        add("GET", "/api/v4/teams/{team_id}/channels/private", self.private_channels)
        add("GET", "/api/v4/teams/{team_id}/channels/deleted", self.deleted_channels)
        add("GET", "/api/v4/channels", self.all_channels)

    def _team_id(self, request: Request) -> str:
        # The real handlers do not look the team up: an unknown team simply has no channels.
        return self.api._id_param(request, "team_id")

    def _page(self, request: Request, channels: list[dict[str, Any]]) -> list[dict[str, Any]]:
        page, per_page = paging(request)
        ordered = sorted(channels, key=lambda c: (c["display_name"], c["id"]))
        return ordered[page * per_page : (page + 1) * per_page]

    def _team_channels(self, team_id: str, kind: str, archived: bool) -> list[dict[str, Any]]:
        return [
            c
            for c in self.ws.channels.values()
            if c["team_id"] == team_id and c["type"] == kind and bool(c["delete_at"]) == archived
        ]

    def public_channels(self, request: Request) -> Response:
        team_id = self._team_id(request)
        user_id = request.user_id
        if user_id not in self.ws.team_members.get(team_id, ()) and not self.ws.is_system_admin(user_id):
            raise permission_error()  # list_team_channels
        return json_response(self._page(request, self._team_channels(team_id, "O", archived=False)))

    def private_channels(self, request: Request) -> Response:
        team_id = self._team_id(request)
        if not self.ws.is_system_admin(request.user_id):
            raise permission_error()  # manage_system
        return json_response(self._page(request, self._team_channels(team_id, "P", archived=False)))

    def deleted_channels(self, request: Request) -> Response:
        team_id = self._team_id(request)
        user_id = request.user_id
        found = self._team_channels(team_id, "O", archived=True) + [
            c for c in self._team_channels(team_id, "P", archived=True) if self.ws.is_member(c["id"], user_id)
        ]
        return json_response(self._page(request, found))

    def all_channels(self, request: Request) -> Response:
        if not self.ws.is_system_admin(request.user_id):
            raise permission_error()  # sysconsole_read_user_management_channels
        include_deleted = request.query.get("include_deleted") == "true"
        no_defaults = request.query.get("exclude_default_channels") == "true"
        found = [
            c
            for c in self.ws.channels.values()
            if c["type"] in ("O", "P")
            and (include_deleted or not c["delete_at"])
            and not (no_defaults and c["name"] in DEFAULT_CHANNELS)
        ]
        page = [self._with_team_data(c) for c in self._page(request, found)]
        if request.query.get("include_total_count") == "true":
            return json_response({"channels": page, "total_count": len(found)})
        return json_response(page)

    def _with_team_data(self, channel: dict[str, Any]) -> dict[str, Any]:
        team = self.ws.teams.get(channel["team_id"], {})
        return {
            **channel,
            "team_display_name": team.get("display_name", ""),
            "team_name": team.get("name", ""),
            "team_update_at": team.get("update_at", 0),
        }

    def teams(self, request: Request) -> Response:
        page, per_page = paging(request)
        admin = self.ws.is_system_admin(request.user_id)
        teams = [
            t for t in self.ws.teams.values() if not t["delete_at"] and (admin or t["allow_open_invite"])
        ]
        teams.sort(key=lambda t: t["display_name"])
        return json_response(teams[page * per_page : (page + 1) * per_page])
