"""An independent check of a Mattermost bulk-import zip against the server's own import rules.

Written in Python from reading the Mattermost server source (mattermost/mattermost, master snapshot of
2026 whose server/public/model/version.go lists 11.4.4; import_validators.go at commit 0617c5c5,
import_functions.go at 04b48ae7, model/team.go 2307ab17, model/user.go 02728cf7):

- server/channels/app/imports/import_validators.go: every Validate*ImportData rule (required fields,
  lengths in bytes or runes as the server counts them, name formats, member counts 2 and 3..8,
  reactions not older than their post, attachment/emoji/profile paths that stay inside data/);
- server/public/model: IsValidTeamName + IsReservedTeamName (prefix match), IsValidChannelIdentifier,
  IsValidUsername + restricted names, IsValidEmail (what the user save checks after the validator),
  IsValidEmojiName (+ no system emoji name), PostMessageMaxRunesV2 = 16383, PostPropsMaxRunes = 800000;
- server/channels/app/import.go / import_functions.go: version line first, lines grouped by type in
  the documented order, names resolved against what the file itself creates, and posts matched by
  (channel, create_at, message), so two different posts with the same key would be merged.

Deliberately not shared with the converter (app/mmexport/exporting/convert/names.py): a test that
reuses the code under test would prove nothing. The system emoji names come from the `emoji` package
(GitHub/CLDR short names), an approximation of the server's generated SystemEmojis list.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TYPE_ORDER = [
    "version",
    "scheme",
    "emoji",
    "team",
    "channel",
    "user",
    "bot",
    "post",
    "direct_channel",
    "direct_post",
]
RESERVED_TEAM = ("admin", "api", "channel", "claim", "error", "files", "help", "landing", "login", "mfa", "oauth",
                 "plug", "plugins", "post", "signup", "boards", "playbooks")  # fmt: skip
RESTRICTED_USERNAMES = {"all", "channel", "matterbot", "system"}
AUTH_SERVICES = {"", "email", "gitlab", "saml", "ldap", "google", "office365", "openid"}
USER_ROLES = {"system_user", "system_admin", "system_guest", "system_post_all", "system_post_all_public",
              "system_user_access_token", "system_manager", "system_user_manager", "system_read_only_admin",
              "system_custom_group_admin"}  # fmt: skip
TEAM_ROLES = {"team_user", "team_admin", "team_guest", "team_post_all", "team_post_all_public"}
CHANNEL_ROLES = {"channel_user", "channel_admin", "channel_guest"}
ALPHANUM = re.compile(r"^[a-z0-9]+([a-z\-0-9]+|(__)?)[a-z0-9]+$")
SIMPLE_ALPHANUM = re.compile(r"^[a-z0-9]+([a-z\-_0-9]+|(__)?)[a-z0-9]*$")
USERNAME_CHARS = re.compile(r"^[a-z0-9.\-_]+$")
EMOJI_CHARS = re.compile(r"^[a-zA-Z0-9+_-]+$")
SCHEME_NAME = re.compile(r"^[a-z0-9_]+$")
MAX_POST_RUNES = 16383
MAX_PROPS_RUNES = 800000


def system_emoji_names() -> set[str]:
    import emoji

    result: set[str] = set()
    for data in emoji.EMOJI_DATA.values():
        for name in [data.get("en", ""), *data.get("alias", [])]:
            if name:
                result.add(name.strip(":"))
    return result


@dataclass
class Result:
    violations: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.violations


class _Checker:
    def __init__(self, zip_names: set[str]):
        self.zip_names = zip_names
        self.result = Result()
        self.line_no = 0
        self.teams: set[str] = set()
        self.channels: set[tuple[str, str]] = set()
        self.users: set[str] = set()
        self.post_keys: set[tuple] = set()
        self.system_emoji = system_emoji_names()

    def fail(self, rule: str) -> None:
        self.result.violations.append(f"line {self.line_no}: {rule}")

    # -- helpers that mirror the server's checks --------------------------------------------------

    def require(self, data: dict, key: str, what: str) -> bool:
        if data.get(key) is None:
            self.fail(f"{what}.{key} is missing")
            return False
        return True

    def max_runes(self, data: dict, key: str, limit: int, what: str) -> None:
        value = data.get(key)
        if value is not None and len(str(value)) > limit:
            self.fail(f"{what}.{key} is longer than {limit} characters")

    def max_bytes(self, data: dict, key: str, limit: int, what: str) -> None:
        value = data.get(key)
        if value is not None and len(str(value).encode("utf-8")) > limit:
            self.fail(f"{what}.{key} is longer than {limit} bytes")

    def data_path(self, path: str, what: str) -> None:
        joined = posixpath.normpath(posixpath.join("data", path))
        rel = posixpath.relpath(joined, "data")
        if rel == ".." or rel.startswith("../"):
            self.fail(f"{what} path {path!r} escapes data/")
        elif joined not in self.zip_names:
            self.fail(f"{what} path {path!r} has no data/ entry in the zip")

    def known_user(self, name: object, what: str) -> None:
        if isinstance(name, str) and name.lower() not in self.users:
            self.fail(f"{what} {name!r} is not created by this file")

    # -- line types -----------------------------------------------------------------------------

    def emoji(self, d: dict) -> None:
        name = d.get("name")
        if not name:
            self.fail("emoji.name is missing")
        if not d.get("image"):
            self.fail("emoji.image is missing")
        else:
            self.data_path(d["image"], "emoji.image")
        if name and (len(name) > 64 or not EMOJI_CHARS.match(name)):
            self.fail(f"emoji.name {name!r} is not a valid emoji name")
        if name and name in self.system_emoji:
            self.fail(f"emoji.name {name!r} is a system emoji name")

    def team(self, d: dict) -> None:
        if self.require(d, "name", "team"):
            name = d["name"]
            if len(name) > 64:
                self.fail("team.name is longer than 64")
            elif name.lower().startswith(RESERVED_TEAM):
                self.fail(f"team.name {name!r} starts with a reserved word")
            elif not (ALPHANUM.match(name.lower()) and len(name) >= 2):
                self.fail(f"team.name {name!r} has invalid characters")
            self.teams.add(name.lower())
        if self.require(d, "display_name", "team") and not 0 < len(d["display_name"]) <= 64:
            self.fail("team.display_name must be 1 to 64 characters")
        if self.require(d, "type", "team") and d["type"] not in ("O", "I"):
            self.fail("team.type must be O or I")
        self.max_bytes(d, "description", 255, "team")
        if d.get("scheme") is not None and not SCHEME_NAME.match(d["scheme"]):
            self.fail("team.scheme is not a valid scheme name")

    def channel(self, d: dict) -> None:
        if self.require(d, "team", "channel") and d["team"].lower() not in self.teams:
            self.fail(f"channel.team {d['team']!r} is not created by this file")
        if self.require(d, "name", "channel"):
            name = d["name"]
            if len(name.encode()) > 64:
                self.fail("channel.name is longer than 64")
            elif not (SIMPLE_ALPHANUM.match(name.lower()) and len(name) >= 1):
                self.fail(f"channel.name {name!r} has invalid characters")
            self.channels.add((str(d.get("team", "")).lower(), name.lower()))
        self.max_runes(d, "display_name", 64, "channel")
        if self.require(d, "type", "channel") and d["type"] not in ("O", "P"):
            self.fail("channel.type must be O or P")
        self.max_runes(d, "header", 1024, "channel")
        self.max_runes(d, "purpose", 250, "channel")

    def user(self, d: dict) -> None:
        if d.get("profile_image") is not None:
            self.data_path(d["profile_image"], "user.profile_image")
        if self.require(d, "username", "user"):
            name = d["username"].lower()
            if not (1 <= len(name) <= 64 and USERNAME_CHARS.match(name)) or name in RESTRICTED_USERNAMES:
                self.fail(f"user.username {d['username']!r} is invalid")
            self.users.add(name)
        if self.require(d, "email", "user"):
            email = d["email"]
            if email == "" or len(email.encode()) > 128:
                self.fail("user.email must be 1 to 128 characters")
            elif not _is_valid_email(email.lower()):  # checked when the importer saves the user
                self.fail(f"user.email {email!r} is not an address the server accepts")
        if d.get("auth_data") is not None and d.get("password") is not None:
            self.fail("user has both auth_data and password")
        self.max_bytes(d, "auth_data", 128, "user")
        if bool(d.get("auth_service")) != bool(d.get("auth_data")):
            self.fail("user.auth_service and user.auth_data must come together")
        if d.get("auth_service") is not None and d["auth_service"] not in AUTH_SERVICES:
            self.fail("user.auth_service is unknown")
        if d.get("password") is not None and not 0 < len(d["password"].encode()) <= 72:
            self.fail("user.password must be 1 to 72 bytes")
        for key, limit in (("nickname", 64), ("first_name", 64), ("last_name", 64), ("position", 128)):
            self.max_runes(d, key, limit, "user")
        if d.get("roles") is not None and not set(d["roles"].split()) <= USER_ROLES:
            self.fail("user.roles has an unknown role")
        self._notify_props(d.get("notify_props"))
        for team in d.get("teams") or []:
            if team.get("name") is None:
                self.fail("user.teams[].name is missing")
                continue
            if team["name"].lower() not in self.teams:
                self.fail(f"user.teams[] {team['name']!r} is not created by this file")
            if team.get("roles") is not None and not set(team["roles"].split()) <= TEAM_ROLES:
                self.fail("user.teams[].roles has an unknown role")
            if team.get("theme"):
                try:
                    json.loads(team["theme"])
                except ValueError:
                    self.fail("user.teams[].theme is not JSON")
            for channel in team.get("channels") or []:
                if channel.get("name") is None:
                    self.fail("user.teams[].channels[].name is missing")
                elif (team["name"].lower(), channel["name"].lower()) not in self.channels | {
                    (team["name"].lower(), "town-square")
                }:
                    self.fail(f"user channel {team['name']}/{channel['name']} is not created by this file")
                if channel.get("roles") is not None and not set(channel["roles"].split()) <= CHANNEL_ROLES:
                    self.fail("user.teams[].channels[].roles has an unknown role")

    def _notify_props(self, props: dict | None) -> None:
        if not props:
            return
        levels = {"all", "mention", "none"}
        checks = {"desktop": levels, "mobile": levels, "desktop_sound": {"true", "false"},
                  "email": {"true", "false"}, "channel": {"true", "false"},
                  "mobile_push_status": {"online", "away", "offline"}, "comments": {"any", "root", "never"}}  # fmt: skip
        for key, allowed in checks.items():
            if props.get(key) is not None and props[key] not in allowed:
                self.fail(f"user.notify_props.{key} is invalid")

    def post(self, d: dict, direct: bool) -> None:
        what = "direct_post" if direct else "post"
        if direct:
            members = d.get("channel_members")
            if members is None:
                self.fail("direct_post.channel_members is missing")
                members = []
            elif len(members) != 2 and not 3 <= len(members) <= 8:
                self.fail(f"direct_post.channel_members has {len(members)} members (2 or 3 to 8)")
            for m in members:
                self.known_user(m, "direct_post member")
            for flagger in d.get("flagged_by") or []:
                if flagger not in members:
                    self.fail("direct_post.flagged_by names someone outside the channel")
            channel_key: tuple = ("direct", *sorted(m.lower() for m in members))
        else:
            for key in ("team", "channel"):
                self.require(d, key, what)
            team, channel = str(d.get("team", "")).lower(), str(d.get("channel", "")).lower()
            if (team, channel) not in self.channels:
                self.fail(f"post channel {team}/{channel} is not created by this file")
            channel_key = (team, channel)
        self._message(d, what, channel_key, parent_create_at=None)
        if d.get("create_at"):
            for reply in d.get("replies") or []:
                self._message(reply, f"{what}.replies[]", channel_key, parent_create_at=d["create_at"])
        for follower in d.get("thread_followers") or []:
            if not follower or not follower.get("user"):
                self.fail(f"{what}.thread_followers[].user is missing")

    def _message(self, d: dict, what: str, channel_key: tuple, parent_create_at: int | None) -> None:
        if self.require(d, "user", what):
            self.known_user(d["user"], f"{what}.user")
        if self.require(d, "message", what) and len(d["message"]) > MAX_POST_RUNES:
            self.fail(f"{what}.message is longer than {MAX_POST_RUNES} characters")
        create_at = d.get("create_at")
        if create_at is None:
            self.fail(f"{what}.create_at is missing")
            return
        if create_at == 0:
            self.fail(f"{what}.create_at is zero")
            return
        if d.get("props") is not None and len(json.dumps(d["props"], ensure_ascii=False)) > MAX_PROPS_RUNES:
            self.fail(f"{what}.props is too large")
        for reaction in d.get("reactions") or []:
            if reaction.get("user") is None:
                self.fail(f"{what}.reactions[].user is missing")
            else:
                self.known_user(reaction["user"], f"{what}.reactions[].user")
            if reaction.get("emoji_name") is None:
                self.fail(f"{what}.reactions[].emoji_name is missing")
            elif len(reaction["emoji_name"]) > 64:
                self.fail(f"{what}.reactions[].emoji_name is longer than 64")
            if not reaction.get("create_at"):
                self.fail(f"{what}.reactions[].create_at is missing or zero")
            elif reaction["create_at"] < create_at:
                self.fail(f"{what}.reactions[].create_at is before its post")
        for attachment in d.get("attachments") or []:
            if attachment and attachment.get("path"):
                self.data_path(attachment["path"], f"{what}.attachments[]")
        key = (*channel_key, create_at, d.get("message"))
        if key in self.post_keys:
            self.fail(
                f"{what} has the same channel, time and message as another post: the importer merges them"
            )
        self.post_keys.add(key)
        self.result.counts["messages"] += 1

    def direct_channel(self, d: dict) -> None:
        members = d.get("members")
        participants = d.get("participants")
        if members is None and participants is None:
            self.fail("direct_channel.members is missing")
            return
        names = list(members or []) + [p.get("username") for p in participants or []]
        for group in (members, participants):
            if group is not None and len(group) != 2 and not 3 <= len(group) <= 8:
                self.fail(f"direct_channel has {len(group)} members (2 or 3 to 8)")
        for name in names:
            self.known_user(name, "direct_channel member")
        self.max_runes(d, "header", 1024, "direct_channel")
        for fav in d.get("favorited_by") or []:
            if fav not in names:
                self.fail("direct_channel.favorited_by names someone outside the channel")


_EMAIL_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_EMAIL_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$")


def _is_valid_email(email: str) -> bool:
    """model.IsValidEmail: lower case, one plain address (no display name), exactly one @."""
    if email != email.lower() or email.count("@") != 1:
        return False
    local, domain = email.split("@")
    return bool(local and _EMAIL_LOCAL.match(local) and ".." not in local and _EMAIL_DOMAIN.match(domain))


def validate_import_zip(path: Path) -> Result:
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        jsonl = [i.filename for i in infos if i.filename.endswith(".jsonl")]
        checker = _Checker({i.filename for i in infos})
        if not jsonl:
            checker.fail("the zip holds no .jsonl file")
            return checker.result
        if infos[0].filename != jsonl[0]:
            checker.fail("the .jsonl file is not the first entry of the zip")
        with zf.open(jsonl[0]) as f:
            _check_lines(checker, f)
    return checker.result


def _check_lines(checker: _Checker, lines) -> None:
    seen_types: list[str] = []
    for raw in lines:
        checker.line_no += 1
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            checker.fail("not JSON")
            continue
        kind = line.get("type")
        if checker.line_no == 1:
            if kind != "version" or line.get("version") != 1:
                checker.fail('the first line must be {"type": "version", "version": 1}')
            continue
        if kind not in TYPE_ORDER or kind == "version":
            checker.fail(f"unknown or repeated line type {kind!r}")
            continue
        if not seen_types or seen_types[-1] != kind:
            if kind in seen_types:
                checker.fail(f"{kind} lines are not grouped together")
            elif seen_types and TYPE_ORDER.index(kind) < TYPE_ORDER.index(seen_types[-1]):
                checker.fail(f"{kind} lines come after {seen_types[-1]} lines")
            seen_types.append(kind)
        data = line.get(kind)
        if not isinstance(data, dict):
            checker.fail(f"{kind} line has no {kind!r} object")
            continue
        checker.result.counts[kind] += 1
        if kind in ("post", "direct_post"):
            checker.post(data, direct=kind == "direct_post")
        elif kind in ("emoji", "team", "channel", "user", "direct_channel"):
            getattr(checker, kind)(data)
