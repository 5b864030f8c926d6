"""The REST endpoints of the demo server, following the real server's code (docs/server-behaviour.md).

Each handler takes the parsed Request and returns a Response or raises ApiError. Route templates use
named placeholders ({user_id}, {channel_id}, ...); they are also the keys of DemoServer.request_counts.
"""

from __future__ import annotations

import copy
import email.utils
import hashlib
import heapq
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from mmexport.demo import ids
from mmexport.demo.costs import posts_request_seconds
from mmexport.demo.http import (
    ApiError,
    Request,
    Response,
    go_json,
    invalid_body_param,
    invalid_url_param,
    json_response,
    permission_error,
)
from mmexport.demo.roles import team_roles
from mmexport.demo.seed import MFA_CODE
from mmexport.demo.workspace import INLINE_IMAGE_TYPES, Session, Workspace


class ServerSide(Protocol):
    """What the endpoints need from the server around them (DemoServer): its workspace, settings and
    sessions. A protocol, so that the endpoints do not import the server that imports them."""

    workspace: Workspace
    custom_emoji: bool
    real_costs: bool  # channel-posts requests sleep as long as a real server works (demo/costs.py)

    @property
    def major_version(self) -> int: ...
    def new_session(self, user_id: str, kind: str = "session") -> Session: ...
    def expire_token(self, token: str) -> None: ...
    def token_of(self, request: Request) -> str: ...
    def clearing_cookies(self) -> list[tuple[str, str]]: ...
    def client_config(self, signed_in: bool) -> dict[str, str]: ...


PER_PAGE_DEFAULT = 60
PER_PAGE_MAX = 200
SINCE_LIMIT = 1000
CHANNEL_STREAM_PAGE = 100
MEDIA_TYPES = (*INLINE_IMAGE_TYPES, "image/tiff", "video/mp4", "video/mpeg", "audio/mpeg", "audio/wav")
SCRIPT_TYPES = ("text/html", "application/javascript", "text/javascript", "application/xhtml+xml")

Handler = Callable[[Request], Response]


@dataclass
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    needs_session: bool = True


def _compile(template: str) -> re.Pattern[str]:
    regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    return re.compile(f"^{regex}$")


def paging(request: Request, default: int = PER_PAGE_DEFAULT) -> tuple[int, int]:
    """page and per_page as web/params.go reads them: bad values fall back, per_page is clamped."""
    try:
        page = max(0, int(request.query.get("page", "0")))
    except ValueError:
        page = 0
    try:
        per_page = int(request.query.get("per_page", str(default)))
        per_page = default if per_page < 0 else min(per_page, PER_PAGE_MAX)
    except ValueError:
        per_page = default
    return page, per_page


class Api:
    def __init__(self, server: ServerSide):
        self.server = server
        self.routes: list[Route] = []
        add = self._add
        add("GET", "/api/v4/system/ping", self.ping, needs_session=False)
        add("GET", "/api/v4/config/client", self.client_config, needs_session=False)
        add("GET", "/api/v4/license/client", self.client_license, needs_session=False)
        add("POST", "/api/v4/users/login", self.login, needs_session=False)
        add("POST", "/api/v4/users/logout", self.logout, needs_session=False)
        add("POST", "/api/v4/users/ids", self.users_by_ids)
        add("POST", "/api/v4/users/usernames", self.users_by_usernames)
        add("POST", "/api/v4/users/group_channels", self.group_channel_members)
        add("GET", "/api/v4/users", self.users_list)
        add("GET", "/api/v4/users/username/{username}", self.user_by_username)
        add("GET", "/api/v4/users/{user_id}", self.user)
        add("GET", "/api/v4/users/{user_id}/image", self.avatar)
        add("GET", "/api/v4/users/{user_id}/teams", self.user_teams)
        add("GET", "/api/v4/users/{user_id}/teams/members", self.user_team_members)
        add("GET", "/api/v4/users/{user_id}/teams/{team_id}/channels", self.user_team_channels)
        add("GET", "/api/v4/users/{user_id}/teams/{team_id}/channels/members", self.user_channel_members)
        add("GET", "/api/v4/users/{user_id}/channels", self.user_all_channels)
        add("GET", "/api/v4/users/{user_id}/channel_members", self.user_all_channel_members)
        add("GET", "/api/v4/teams/{team_id}", self.team)
        add("GET", "/api/v4/teams/name/{team_name}", self.team_by_name)
        add("GET", "/api/v4/teams/{team_id}/channels/name/{channel_name}", self.channel_by_name)
        add("GET", "/api/v4/teams/name/{team_name}/channels/name/{channel_name}", self.channel_by_names)
        add("GET", "/api/v4/channels/{channel_id}", self.channel)
        add("GET", "/api/v4/channels/{channel_id}/posts", self.channel_posts)
        add("GET", "/api/v4/channels/{channel_id}/pinned", self.pinned_posts)
        add("GET", "/api/v4/channels/{channel_id}/members", self.channel_members)
        add("GET", "/api/v4/channels/{channel_id}/stats", self.channel_stats)
        add("GET", "/api/v4/posts/{post_id}", self.post)
        add("GET", "/api/v4/posts/{post_id}/thread", self.post_thread)
        add("GET", "/api/v4/posts/{post_id}/files/info", self.post_files)
        add("GET", "/api/v4/posts/{post_id}/reactions", self.post_reactions)
        add("GET", "/api/v4/files/{file_id}", self.file)
        add("GET", "/api/v4/files/{file_id}/info", self.file_info)
        add("GET", "/api/v4/files/{file_id}/thumbnail", self.file_thumbnail)
        add("GET", "/api/v4/files/{file_id}/preview", self.file_preview)
        add("GET", "/api/v4/emoji", self.emoji_list)
        add("GET", "/api/v4/emoji/name/{emoji_name}", self.emoji_by_name)
        add("GET", "/api/v4/emoji/{emoji_id}", self.emoji_one)
        add("GET", "/api/v4/emoji/{emoji_id}/image", self.emoji_image)

    def route(self, method: str, template: str, handler: Handler, needs_session: bool = True) -> None:
        """Adds an endpoint served by another part of the demo server (demo/desktop_login.py)."""
        self._add(method, template, handler, needs_session)

    def visible_user(self, user: dict, viewer_id: str) -> dict:
        return self._visible_user(user, viewer_id)

    def _add(self, method: str, template: str, handler: Handler, needs_session: bool = True) -> None:
        self.routes.append(Route(method, template, _compile(template), handler, needs_session))

    def match(self, method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
        """The route for a request, its parameters, and whether the path exists for another method."""
        path_known = False
        for route in self.routes:
            found = route.pattern.match(path)
            if found:
                if route.method == method or (method == "HEAD" and route.method == "GET"):
                    return route, found.groupdict(), True
                path_known = True
        return None, {}, path_known

    @property
    def ws(self) -> Workspace:
        return self.server.workspace

    # ----- parameters and permissions -----

    def _user_param(self, request: Request) -> str:
        user_id = request.params["user_id"]
        if user_id == "me":
            return request.user_id
        if not ids.is_valid_id(user_id):
            raise invalid_url_param("user_id")
        return user_id

    def _own_user_param(self, request: Request) -> str:
        user_id = self._user_param(request)
        if user_id != request.user_id and not self.ws.is_system_admin(request.user_id):
            raise permission_error()  # only admins may look at other people's memberships
        return user_id

    @staticmethod
    def _id_param(request: Request, name: str) -> str:
        value = request.params[name]
        if not ids.is_valid_id(value):
            raise invalid_url_param(name)
        return value

    def _readable_channel(self, request: Request) -> dict[str, Any]:
        channel_id = self._id_param(request, "channel_id")
        if not self.ws.can_read_channel(channel_id, request.user_id):
            raise permission_error()
        return self.ws.channels[channel_id]

    def _visible_user(self, user: dict[str, Any], viewer_id: str) -> dict[str, Any]:
        """User.Sanitize for a non-admin: no secrets; others' e-mail hidden (ShowEmailAddress is off)."""
        result = copy.deepcopy(user)
        result.pop("mfa_active", None)
        if user["id"] != viewer_id:
            result["email"] = ""
            result.pop("notify_props", None)
            result.pop("last_password_update", None)
            result["auth_data"] = ""
        return result

    # ----- discovery -----

    def ping(self, request: Request) -> Response:
        return json_response(
            {
                "ActiveSearchBackend": "database",
                "AndroidLatestVersion": "",
                "AndroidMinVersion": "",
                "DesktopLatestVersion": "",
                "DesktopMinVersion": "",
                "IosLatestVersion": "",
                "IosMinVersion": "",
                "status": "OK",
            }
        )

    def client_config(self, request: Request) -> Response:
        if self.server.major_version < 11:
            fmt = request.query.get("format")
            if fmt is None:
                raise ApiError(
                    501,
                    "api.config.client.old_format.app_error",
                    "New format for the client configuration is not supported yet. Please specify format=old in the query string.",
                )
            if fmt != "old":
                raise invalid_url_param("format")
        return json_response(self.server.client_config(signed_in=bool(request.user_id)))

    def client_license(self, request: Request) -> Response:
        if request.query.get("format") != "old":
            raise invalid_url_param("format")
        return json_response({"IsLicensed": "false"})

    def login(self, request: Request) -> Response:
        body = request.json_body()
        if not isinstance(body, dict):
            raise invalid_body_param("login_id")
        login_id, password = str(body.get("login_id", "")), str(body.get("password", ""))
        user = self.ws.user_by_login(login_id) if login_id else None
        if user is None or self.ws.passwords.get(user["id"]) != password or user["is_bot"]:
            raise ApiError(
                401,
                "api.user.login.invalid_credentials_email_username",
                "Enter a valid email or username and/or password.",
            )
        if user["delete_at"]:
            raise ApiError(
                401,
                "api.user.login.inactive.app_error",
                "Login failed because your account has been deactivated.",
            )
        if user["id"] in self.ws.mfa_user_ids:
            code = str(body.get("token", ""))
            if not code:
                raise ApiError(401, "mfa.validate_token.authenticate.app_error", "Invalid MFA token.")
            if code != MFA_CODE:
                raise ApiError(401, "api.user.check_user_mfa.bad_code.app_error", "Invalid MFA token.")
        session = self.server.new_session(user["id"])
        headers = [("Token", session.token)]
        if request.headers.get("X-Requested-With", "") == "XMLHttpRequest":
            # Only the web app's logins get cookies (api4/user.go; recorded from 5.36.1 in tests/recorded).
            headers += [
                (
                    "Set-Cookie",
                    f"MMAUTHTOKEN={session.token}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax",
                ),
                ("Set-Cookie", f"MMUSERID={user['id']}; Path=/; Max-Age=2592000; SameSite=Lax"),
                ("Set-Cookie", f"MMCSRF={session.csrf}; Path=/; Max-Age=2592000; SameSite=Lax"),
            ]
        return json_response(self._visible_user(user, user["id"]), headers=headers)

    def logout(self, request: Request) -> Response:
        token = self.server.token_of(request)
        if token:
            self.server.expire_token(token)
        return json_response({"status": "OK"}, headers=self.server.clearing_cookies())

    # ----- users -----

    def user(self, request: Request) -> Response:
        user = self.ws.users.get(self._user_param(request))
        if user is None:
            raise ApiError(404, "app.user.missing_account.const", "Unable to find the user.")
        return json_response(self._visible_user(user, request.user_id))

    def user_by_username(self, request: Request) -> Response:
        user = self.ws.user_by_username(request.params["username"])
        if user is None:
            raise ApiError(
                404,
                "app.user.get_by_username.app_error",
                "Unable to find an existing account matching your username for this team. This team may require an invite from the team owner to join.",
            )
        return json_response(self._visible_user(user, request.user_id))

    def users_by_ids(self, request: Request) -> Response:
        wanted = request.json_body()
        if not isinstance(wanted, list) or not wanted:
            raise invalid_body_param("user_ids")
        since = _int(request.query.get("since"), 0)
        found = []
        for user_id in dict.fromkeys(str(x) for x in wanted):
            user = self.ws.users.get(user_id)
            if user is not None and user["update_at"] > since:
                found.append(self._visible_user(user, request.user_id))
        return json_response(found)

    def users_by_usernames(self, request: Request) -> Response:
        wanted = request.json_body()
        if not isinstance(wanted, list) or not wanted:
            raise invalid_body_param("usernames")
        found = []
        for name in dict.fromkeys(str(x) for x in wanted):
            user = self.ws.user_by_username(name)
            if user is not None:
                found.append(self._visible_user(user, request.user_id))
        return json_response(found)

    def group_channel_members(self, request: Request) -> Response:
        wanted = request.json_body()
        if not isinstance(wanted, list):
            raise invalid_body_param("channel_ids")
        result = {}
        for channel_id in wanted:
            channel = self.ws.channels.get(str(channel_id))
            if channel and channel["type"] == "G" and self.ws.is_member(channel["id"], request.user_id):
                # The store leaves the caller out (GetProfileByGroupChannelIdsForUser: u.Id != caller)
                members = [u for u in self.ws.channel_members[channel["id"]] if u != request.user_id]
                result[channel["id"]] = [
                    self._visible_user(self.ws.users[u], request.user_id)
                    for u in sorted(members, key=lambda u: self.ws.users[u]["username"])
                ]
        return json_response(result)

    def users_list(self, request: Request) -> Response:
        page, per_page = paging(request)
        channel_id = request.query.get("in_channel", "")
        team_id = request.query.get("in_team", "")
        if channel_id:
            if not self.ws.can_read_channel(channel_id, request.user_id):
                raise permission_error()
            user_ids = self.ws.channel_members[channel_id]
        elif team_id:
            if request.user_id not in self.ws.team_members.get(team_id, ()):
                raise permission_error()
            user_ids = self.ws.team_members[team_id]
        else:
            user_ids = list(self.ws.users)
        users = sorted((self.ws.users[u] for u in user_ids), key=lambda u: u["username"])
        chosen = users[page * per_page : (page + 1) * per_page]
        return json_response([self._visible_user(u, request.user_id) for u in chosen])

    def avatar(self, request: Request) -> Response:
        user = self.ws.users.get(self._user_param(request))
        if user is None:
            raise ApiError(404, "app.user.missing_account.const", "Unable to find the user.")
        etag = str(user["last_picture_update"])
        headers = [("ETag", etag), ("Cache-Control", "max-age=86400, private")]
        if request.headers.get("If-None-Match", "").strip('"') == etag:
            return Response(status=304, headers=headers, content_type="")
        return Response(body=self.ws.avatars[user["id"]], content_type="image/png", headers=headers)

    # ----- teams and channels -----

    def user_teams(self, request: Request) -> Response:
        user_id = self._own_user_param(request)
        teams = [
            t
            for tid, t in self.ws.teams.items()
            if user_id in self.ws.team_members[tid] and not t["delete_at"]
        ]
        return json_response(teams)

    def user_team_members(self, request: Request) -> Response:
        user_id = self._own_user_param(request)
        members = [
            {
                "team_id": tid,
                "user_id": user_id,
                "roles": team_roles(self.ws, tid, user_id),
                "delete_at": 0,
                "scheme_guest": False,
                "scheme_user": True,
                "scheme_admin": "team_admin" in team_roles(self.ws, tid, user_id),
                "explicit_roles": "",
            }
            for tid in self.ws.teams
            if user_id in self.ws.team_members[tid]
        ]
        return json_response(members)

    def _team(self, team_id: str, user_id: str) -> dict[str, Any]:
        team = self.ws.teams.get(team_id)
        if team is None:
            raise ApiError(404, "app.team.get.find.app_error", "Unable to find the existing team.")
        if user_id not in self.ws.team_members[team_id] and not self.ws.is_system_admin(user_id):
            raise permission_error()
        return team

    def team(self, request: Request) -> Response:
        return json_response(self._team(self._id_param(request, "team_id"), request.user_id))

    def team_by_name(self, request: Request) -> Response:
        team = self.ws.team_by_name(request.params["team_name"])
        if team is None:
            raise ApiError(404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.")
        return json_response(self._team(team["id"], request.user_id))

    def _channels_for_user(self, user_id: str, team_id: str | None, request: Request) -> list[dict[str, Any]]:
        include_deleted = request.query.get("include_deleted") == "true"
        last_delete_at = _int(request.query.get("last_delete_at"), 0)
        result = []
        for channel in self.ws.channels_of_user(user_id):
            if team_id is not None and channel["team_id"] not in (team_id, ""):
                continue
            if channel["delete_at"] and (not include_deleted or channel["delete_at"] < last_delete_at):
                continue
            result.append(channel)
        return result

    def user_team_channels(self, request: Request) -> Response:
        user_id = self._own_user_param(request)
        team_id = self._id_param(request, "team_id")
        if user_id not in self.ws.team_members.get(team_id, ()):
            raise permission_error()
        channels = sorted(self._channels_for_user(user_id, team_id, request), key=lambda c: c["display_name"])
        if not channels:
            raise ApiError(404, "app.channel.get_channels.not_found.app_error", "No channels were found.")
        body = go_json(channels)
        etag = hashlib.md5(body).hexdigest()
        if request.headers.get("If-None-Match", "") == etag:
            return Response(status=304, headers=[("ETag", etag)], content_type="")
        return Response(body=body, headers=[("ETag", etag)])

    def user_all_channels(self, request: Request) -> Response:
        """One JSON array, written in internal pages of 100 like the real server streams it."""
        user_id = self._own_user_param(request)
        channels = sorted(self._channels_for_user(user_id, None, request), key=lambda c: c["id"])

        def chunks() -> Iterator[bytes]:
            yield b"["
            if not channels:
                yield go_json(
                    ApiError(
                        404, "app.channel.get_channels.not_found.app_error", "No channels were found."
                    ).body(request.request_id)
                )
                return
            for start in range(0, len(channels), CHANNEL_STREAM_PAGE):
                part = go_json(channels[start : start + CHANNEL_STREAM_PAGE])[1:-1]
                yield (b"," if start else b"") + part
            yield b"]"

        return Response(chunks=chunks())

    def user_channel_members(self, request: Request) -> Response:
        user_id = self._own_user_param(request)
        team_id = self._id_param(request, "team_id")
        channels = [c for c in self.ws.channels_of_user(user_id) if c["team_id"] in (team_id, "")]
        return json_response([self._membership(c, user_id) for c in channels])

    def user_all_channel_members(self, request: Request) -> Response:
        """Every membership of the user in all teams, paged and ordered by channel id."""
        user_id = self._own_user_param(request)
        page, per_page = paging(request)
        channels = sorted(self.ws.channels_of_user(user_id), key=lambda c: c["id"])
        chosen = channels[page * per_page : (page + 1) * per_page]
        return json_response([self._membership(c, user_id) for c in chosen])

    def _membership(self, channel: dict[str, Any], user_id: str) -> dict[str, Any]:
        return {
            "channel_id": channel["id"],
            "user_id": user_id,
            "roles": "channel_user",
            "last_viewed_at": channel["last_post_at"],
            "msg_count": channel["total_msg_count"],
            "mention_count": 0,
            "mention_count_root": 0,
            "urgent_mention_count": 0,
            "msg_count_root": channel["total_msg_count_root"],
            "notify_props": {
                "desktop": "default",
                "email": "default",
                "mark_unread": "all",
                "push": "default",
            },
            "last_update_at": channel["last_post_at"],
            "scheme_guest": False,
            "scheme_user": True,
            "scheme_admin": False,
            "explicit_roles": "",
        }

    def channel(self, request: Request) -> Response:
        channel_id = self._id_param(request, "channel_id")
        if channel_id not in self.ws.channels:
            raise ApiError(404, "app.channel.get.existing.app_error", "Unable to find the existing channel.")
        if not self.ws.can_read_channel(channel_id, request.user_id):
            raise permission_error()
        return json_response(self.ws.channels[channel_id])

    def _channel_in_team(self, team_id: str, name: str, request: Request) -> Response:
        self._team(team_id, request.user_id)
        channel = self.ws.channel_by_name(team_id, name)
        if channel is None or (channel["delete_at"] and request.query.get("include_deleted") != "true"):
            raise ApiError(404, "app.channel.get_by_name.missing.app_error", "Channel does not exist.")
        if not self.ws.can_read_channel(channel["id"], request.user_id):
            raise permission_error()
        return json_response(channel)

    def channel_by_name(self, request: Request) -> Response:
        return self._channel_in_team(
            self._id_param(request, "team_id"), request.params["channel_name"], request
        )

    def channel_by_names(self, request: Request) -> Response:
        team = self.ws.team_by_name(request.params["team_name"])
        if team is None:
            raise ApiError(404, "app.team.get_by_name.missing.app_error", "Unable to find the existing team.")
        return self._channel_in_team(team["id"], request.params["channel_name"], request)

    def channel_members(self, request: Request) -> Response:
        channel = self._readable_channel(request)
        page, per_page = paging(request)
        members = self.ws.channel_members[channel["id"]][page * per_page : (page + 1) * per_page]
        return json_response([self._membership(channel, u) for u in members])

    # ----- posts -----

    def client_post(self, post: dict[str, Any], reply_count: bool = True) -> dict[str, Any]:
        """PreparePostForClient: metadata filled in; deleted posts and edit copies blanked."""
        result = dict(post)
        if post["delete_at"]:
            result["message"] = ""
            result["metadata"] = {}
            result["reply_count"] = 0
            return result
        result["metadata"] = self._metadata(post)
        result["reply_count"] = self.ws.reply_count(post) if reply_count else 0
        return result

    def _metadata(self, post: dict[str, Any]) -> dict[str, Any]:
        metadata: dict[str, Any] = {}
        if post["props"] and post["props"].get("attachments"):
            metadata["embeds"] = [{"type": "message_attachment"}]
        if post.get("has_reactions"):
            reactions = list(self.ws.reactions.get(post["id"], ()))
            metadata["reactions"] = reactions
            custom = {e["name"]: e for e in self.ws.emoji.values()}
            used = [custom[n] for n in dict.fromkeys(r["emoji_name"] for r in reactions) if n in custom]
            if used and self.server.custom_emoji:
                metadata["emojis"] = used
        files = [f for f in self.ws.file_infos_of_post(post) if not f["delete_at"]]
        if files:
            metadata["files"] = files
        return metadata

    def _post_list(
        self,
        order: list[dict[str, Any]],
        extra: list[dict[str, Any]] = (),  # type: ignore[assignment]
        reply_count: bool = True,
    ) -> dict[str, Any]:
        posts = {}
        for post in [*order, *extra]:
            if post["id"] not in posts:
                posts[post["id"]] = self.client_post(post, reply_count)
        return {
            "order": [p["id"] for p in order],
            "posts": posts,
            "next_post_id": "",
            "prev_post_id": "",
            "first_inaccessible_post_time": 0,
        }

    def _thread_context(self, page: list[dict[str, Any]], whole_threads: bool) -> list[dict[str, Any]]:
        """The roots of replies on the page, and unless skipFetchThreads their whole threads."""
        extra: list[dict[str, Any]] = []
        for root_id in dict.fromkeys(p["root_id"] for p in page if p["root_id"]):
            if whole_threads:
                extra.extend(self.ws.thread_of(root_id))
            else:
                root = self.ws.get_post(root_id)
                if root is not None:
                    extra.append(root)
        return extra

    def channel_posts(self, request: Request) -> Response:
        channel = self._readable_channel(request)
        if request.query.get("include_deleted") == "true":
            raise permission_error()  # system admins only
        page, per_page = paging(request)
        skip_threads = request.query.get("skipFetchThreads") == "true"
        since_text = request.query.get("since", "")
        if self.server.real_costs:
            cursor = bool(request.query.get("after") or request.query.get("before"))
            costs = posts_request_seconds(
                page=page, per_page=per_page, cursor=cursor, skip_threads=skip_threads, since=bool(since_text)
            )
            time.sleep(costs)  # a handler thread waits as for the database: parallel requests overlap
        if since_text:
            since = _int(since_text, None)
            if since is None:
                raise invalid_url_param("since")
            if since > 0:
                return json_response(self._posts_since(channel["id"], since, skip_threads))
        after, before = request.query.get("after", ""), request.query.get("before", "")
        sequence = self.ws.visible_posts(channel["id"])
        if after or before:
            anchor = self.ws.get_post(after or before)
            if anchor is None:
                chosen = []
            elif after:
                newer = sequence.count_after(anchor["create_at"])
                end = newer - page * per_page
                chosen = sequence.page(max(0, end - per_page), min(per_page, max(0, end)))
            else:
                start = sequence.count_at_or_after(anchor["create_at"]) + page * per_page
                chosen = sequence.page(start, per_page)
            listing = self._post_list(chosen, self._thread_context(chosen, not skip_threads))
        else:
            chosen = sequence.page(page * per_page, per_page)
            extra = self._thread_context(chosen, not skip_threads)
            listing = self._post_list(chosen, extra, reply_count=skip_threads)
        self._add_cursors(listing, sequence, chosen, after, before, page)
        return json_response(listing)

    def _posts_since(self, channel_id: str, since: int, skip_threads: bool) -> dict[str, Any]:
        """GetPostsSince of the 5.x SQL store: `WITH cte AS (SELECT * FROM Posts WHERE UpdateAt > :Time AND
        ChannelId = :ChannelId LIMIT 1000)`, ordered by CreateAt DESC afterwards. The LIMIT has no ORDER BY:
        PostgreSQL reads idx_posts_channel_id_update_at, so the 1,000 changes with the OLDEST update_at come
        back and newer ones (edits made after a flood of new posts) are cut (measured on 5.36.1, see
        docs/server-behaviour.md)."""
        candidates = [p for p in self.ws.rows_of_channel(channel_id) if p["update_at"] > since]
        big = self.ws.big
        if big is not None and big.channel_id == channel_id:
            first = max(0, min(big.count, (since - big.start) // big.step + 1))
            candidates += [big.post(index) for index in range(first, min(big.count, first + SINCE_LIMIT))]
        changed = heapq.nsmallest(SINCE_LIMIT, candidates, key=lambda p: (p["update_at"], p["id"]))
        changed.sort(key=lambda p: p["create_at"], reverse=True)
        roots = [] if skip_threads else self._thread_context(changed, whole_threads=False)
        return self._post_list(changed, roots, reply_count=False)

    @staticmethod
    def _add_cursors(
        listing: dict[str, Any],
        sequence: Any,
        chosen: list[dict[str, Any]],
        after: str,
        before: str,
        page: int,
    ) -> None:
        """AddCursorIdsForPostList: the neighbours compare create_at strictly, as in the real store."""
        prev_set = next_set = False
        if after:
            if page == 0:
                listing["prev_post_id"], prev_set = after, True
            next_set = not chosen
        elif before:
            if page == 0:
                listing["next_post_id"], next_set = before, True
            prev_set = not chosen
        if not chosen:
            return
        if not prev_set:
            older = sequence.page(sequence.count_at_or_after(chosen[-1]["create_at"]), 1)
            listing["prev_post_id"] = older[0]["id"] if older else ""
        if not next_set:
            newer_count = sequence.count_after(chosen[0]["create_at"])
            listing["next_post_id"] = sequence.page(newer_count - 1, 1)[0]["id"] if newer_count else ""

    def _readable_post(self, request: Request) -> dict[str, Any]:
        post = self.ws.get_post(self._id_param(request, "post_id"))
        if post is None or post["delete_at"]:
            raise ApiError(404, "app.post.get.app_error", "Unable to get the post.")
        if not self.ws.can_read_channel(post["channel_id"], request.user_id):
            raise permission_error()
        return post

    def post(self, request: Request) -> Response:
        return json_response(self.client_post(self._readable_post(request)))

    def post_thread(self, request: Request) -> Response:
        post = self._readable_post(request)
        thread = self.ws.thread_of(post["root_id"] or post["id"])
        others = [p for p in thread if p["id"] != post["id"]]
        per_page = min(_int(request.query.get("perPage"), 0) or 0, PER_PAGE_MAX)
        has_next = None
        if per_page > 0:
            others = self._thread_page(others, request, per_page)
            has_next = len(others) > per_page
            others = others[:per_page]
        listing = self._post_list([post, *others])
        if has_next is not None:
            listing["has_next"] = has_next
        return json_response(listing)

    @staticmethod
    def _thread_page(posts: list[dict[str, Any]], request: Request, per_page: int) -> list[dict[str, Any]]:
        upwards = request.query.get("direction") == "up"
        posts = sorted(posts, key=lambda p: (p["create_at"], p["id"]), reverse=upwards)
        from_at = _int(request.query.get("fromCreateAt"), 0) or 0
        from_id = request.query.get("fromPost", "")
        if from_at:
            cursor = (from_at, from_id)
            if upwards:
                posts = [p for p in posts if (p["create_at"], p["id"]) < cursor]
            else:
                posts = [p for p in posts if (p["create_at"], p["id"]) > cursor]
        return posts[: per_page + 1]

    def pinned_posts(self, request: Request) -> Response:
        channel = self._readable_channel(request)
        return json_response(self._post_list(self.ws.pinned_posts(channel["id"])))

    def channel_stats(self, request: Request) -> Response:
        """Like api4/channel.go getChannelStats: files_count is -1 when exclude_files_count=true."""
        channel = self._readable_channel(request)
        members = self.ws.channel_members.get(channel["id"], [])
        exclude = request.query.get("exclude_files_count", "").lower() in ("1", "t", "true")
        files = -1
        if not exclude:
            rows = self.ws.rows_of_channel(channel["id"])
            files = sum(len(p.get("file_ids") or ()) for p in rows if not p["delete_at"])
        stats = {
            "channel_id": channel["id"],
            "member_count": len(members),
            "guest_count": 0,
            "pinnedpost_count": len(self.ws.pinned_posts(channel["id"])),
            "files_count": files,
        }
        return json_response(stats)

    def post_files(self, request: Request) -> Response:
        post = self._readable_post(request)
        infos = [f for f in self.ws.file_infos_of_post(post) if not f["delete_at"]]
        return json_response(infos)

    def post_reactions(self, request: Request) -> Response:
        post = self._readable_post(request)
        return json_response(self.ws.reactions.get(post["id"], []))

    # ----- files -----

    def _readable_file(self, request: Request) -> Any:
        stored = self.ws.files.get(self._id_param(request, "file_id"))
        if stored is None or stored.info["delete_at"]:
            raise ApiError(404, "app.file_info.get.app_error", "Unable to get the file info.")
        info = stored.info
        if (
            not self.ws.can_read_channel(info["channel_id"], request.user_id)
            and info["user_id"] != request.user_id
        ):
            raise permission_error()
        return stored

    def file_info(self, request: Request) -> Response:
        return json_response(self._readable_file(request).info)

    def file(self, request: Request) -> Response:
        stored = self._readable_file(request)
        force_download = request.query.get("download", "") not in ("", "0", "false")
        return self._serve_blob(request, stored, force_download)

    def file_thumbnail(self, request: Request) -> Response:
        stored = self._readable_file(request)
        if not stored.info["has_preview_image"]:
            raise ApiError(
                400,
                "api.file.get_file_thumbnail.no_thumbnail.app_error",
                "File doesn't have a thumbnail image.",
            )
        return self._serve_blob(request, stored, False)

    def file_preview(self, request: Request) -> Response:
        stored = self._readable_file(request)
        if not stored.info["has_preview_image"]:
            raise ApiError(
                400, "api.file.get_file_preview.no_preview.app_error", "File doesn't have a preview image."
            )
        return self._serve_blob(request, stored, False)

    def _serve_blob(self, request: Request, stored: Any, force_download: bool) -> Response:
        info = stored.info
        if stored.blob is None:
            raise ApiError(
                404,
                "api.file.read_file.reading_local.app_error",
                "Encountered an error reading from the local server file storage.",
            )
        mime = info["mime_type"]
        if mime in SCRIPT_TYPES:
            mime = "text/plain"  # never let the browser run a downloaded script
        disposition = "attachment" if force_download or mime not in MEDIA_TYPES else "inline"
        escaped = quote(info["name"], safe="$&+:=@")  # what Go's url.PathEscape leaves alone
        modified = email.utils.formatdate(info["update_at"] / 1000, usegmt=True)
        headers = [
            ("Content-Disposition", f"{disposition};filename=\"{escaped}\"; filename*=UTF-8''{escaped}"),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", "Frame-ancestors 'none'"),
            ("X-Frame-Options", "DENY"),
            ("Cache-Control", "max-age=2592000, private"),
            ("Last-Modified", modified),
            ("Accept-Ranges", "bytes"),
        ]
        since = request.headers.get("If-Modified-Since")
        if since and not request.headers.get("Range"):
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= info["update_at"] // 1000:
                    return Response(status=304, headers=headers, content_type="")
            except (TypeError, ValueError):
                pass
        return _ranged(stored.blob, request.headers.get("Range"), mime, headers)

    # ----- emoji -----

    def _emoji_enabled(self) -> None:
        if not self.server.custom_emoji:
            raise ApiError(
                501, "api.emoji.disabled.app_error", "Custom emoji have been disabled by the system admin."
            )

    def emoji_list(self, request: Request) -> Response:
        self._emoji_enabled()
        page, per_page = paging(request)
        emoji = [e for e in self.ws.emoji.values() if not e["delete_at"]]
        if request.query.get("sort") == "name":
            emoji.sort(key=lambda e: e["name"])
        return json_response(emoji[page * per_page : (page + 1) * per_page])

    def _emoji(self, emoji_id: str) -> dict[str, Any]:
        self._emoji_enabled()
        emoji = self.ws.emoji.get(emoji_id)
        if emoji is None or emoji["delete_at"]:
            raise ApiError(404, "app.emoji.get.no_result", "We couldn't find the emoji.")
        return emoji

    def emoji_one(self, request: Request) -> Response:
        return json_response(self._emoji(self._id_param(request, "emoji_id")))

    def emoji_by_name(self, request: Request) -> Response:
        self._emoji_enabled()
        emoji = next((e for e in self.ws.emoji.values() if e["name"] == request.params["emoji_name"]), None)
        if emoji is None:
            raise ApiError(404, "app.emoji.get_by_name.no_result", "We couldn't find the emoji.")
        return json_response(emoji)

    def emoji_image(self, request: Request) -> Response:
        emoji = self._emoji(self._id_param(request, "emoji_id"))
        return Response(
            body=self.ws.emoji_images[emoji["id"]],
            content_type="image/png",
            headers=[("Cache-Control", "max-age=2592000, private")],
        )


def _int(text: str | None, default: int | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else default
    except ValueError:
        return default


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _ranged(blob: bytes, range_header: str | None, mime: str, headers: list[tuple[str, str]]) -> Response:
    """A single byte range as http.ServeContent answers it; several ranges get the whole file."""
    size = len(blob)
    found = _RANGE.match(range_header.strip()) if range_header else None
    if not found or (not found.group(1) and not found.group(2)):
        return Response(body=blob, content_type=mime, headers=headers)
    first, last = found.group(1), found.group(2)
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
        if start >= size or (last and int(last) < start):
            return Response(
                status=416,
                body=b"invalid range: failed to overlap\n",
                content_type="text/plain; charset=utf-8",
                headers=[("Content-Range", f"bytes */{size}")],
            )
    else:
        length = min(int(last), size)
        start, end = size - length, size - 1
        if length == 0:
            return Response(
                status=416,
                body=b"invalid range: failed to overlap\n",
                content_type="text/plain; charset=utf-8",
                headers=[("Content-Range", f"bytes */{size}")],
            )
    return Response(
        status=206,
        body=blob[start : end + 1],
        content_type=mime,
        headers=[*headers, ("Content-Range", f"bytes {start}-{end}/{size}")],
    )
