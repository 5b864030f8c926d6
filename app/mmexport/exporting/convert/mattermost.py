"""The archive as a Mattermost bulk-import file (`mmctl import upload` / `mmctl import process`).

Layout of the zip: `import.jsonl` first, then every attachment, emoji image and profile picture under
`data/`, which is where the importer resolves the JSONL's paths. Lines are grouped by type in the
documented order: version, emoji, team, channel, user, post, direct_channel, direct_post.

Re-importing the same file must not duplicate anything. The importer recognises an existing post by
channel, create_at and message, so this writer is deterministic, and where two different posts of
one channel share both time and text it moves the later one by a millisecond (otherwise the importer
would fold them into one).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mmexport import APP_NAME, __version__
from mmexport.archive.layout import safe_filename
from mmexport.exporting.convert import names
from mmexport.exporting.convert.report import ConversionReport
from mmexport.exporting.convert.source import (
    ArchiveSource,
    PostReader,
    Progress,
    atomic_zip,
    is_system_post,
    json_line,
    post_files,
    post_reactions,
    skip_reason,
)
from mmexport.exporting.events import QT_TRANSLATE_NOOP

IMPORT_JSONL = "import.jsonl"
DATA_DIR = "data"
# Props that carry visible content or who-sent-it; everything else refers to the old server's ids.
KEPT_PROPS = ("attachments", "from_webhook", "from_bot", "override_username", "override_icon_url",
              "override_icon_emoji", "card")  # fmt: skip
_LOCALE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")

LEFT_SYSTEM = (QT_TRANSLATE_NOOP("Convert", "automatic notices (joined, left, header changed …)"),
               QT_TRANSLATE_NOOP("Convert", "Mattermost writes these itself; imported they would point at people and settings of the old server"))  # fmt: skip
LEFT_BURN = (
    QT_TRANSLATE_NOOP("Convert", "self-destructing messages"),
    QT_TRANSLATE_NOOP("Convert", "their text was never shown to the exporter, so the archive has none"),
)
LEFT_FILE = (
    QT_TRANSLATE_NOOP("Convert", "attachments"),
    QT_TRANSLATE_NOOP("Convert", "they are not in the archive (left out or failed during the export)"),
)
LEFT_REACTION_NAME = (
    QT_TRANSLATE_NOOP("Convert", "reactions"),
    QT_TRANSLATE_NOOP("Convert", "the emoji name is longer than the importer allows"),
)
GROUP_AS_CHANNEL = (
    QT_TRANSLATE_NOOP("Convert", "group messages"),
    QT_TRANSLATE_NOOP(
        "Convert",
        "Mattermost imports group messages of 3 to 8 people only; moved over as private channels with "
        "the same members",
    ),
)
ATTACHMENT_NAME = (
    QT_TRANSLATE_NOOP("Convert", "attachment names"),
    QT_TRANSLATE_NOOP(
        "Convert", "not usable safely inside the import file; the archive's safe file name was used instead"
    ),
)
GROUPS_TEAM = "group-messages"  # only when the archive has no team to put such a group into
MAX_NAME_BYTES = 255  # the longest file name most file systems store
LEFT_DM_MEMBERS = (
    QT_TRANSLATE_NOOP("Convert", "direct messages"),
    QT_TRANSLATE_NOOP("Convert", "the archive does not say who took part"),
)


@dataclass
class _ChannelPlan:
    entry: dict
    import_name: str = ""
    team: str = ""  # import team name; "" for direct/group messages
    members: list[str] = field(default_factory=list)  # import usernames, for D/G
    archived: bool = False
    kind: str = ""  # the import channel type: O or P (a group moved into a team goes over as P)
    member_ids: list[str] = field(default_factory=list)  # who joins a group moved into a team


class MattermostWriter:
    def __init__(self, src: ArchiveSource, report: ConversionReport, progress: Progress):
        self.src = src
        self.report = report
        self.progress = progress
        self.usernames: dict[str, str] = {}  # user id -> import username
        self.team_names: dict[str, str] = {}  # archive team name -> import team name
        self.channels: list[_ChannelPlan] = []
        self.data_files: dict[str, Path] = {}  # zip entry -> file on disk
        self._authors: dict[str, set[str]] = defaultdict(set)  # user id -> channel ids they wrote in
        self._times: set[tuple[int, bytes]] = set()

    # -- planning ----------------------------------------------------------------------------

    def plan(self) -> None:
        self._scan_people()
        self._plan_users()
        self._plan_teams_and_channels()

    def _scan_people(self) -> None:
        """Who wrote or reacted where: the importer needs every one of them as a user line."""
        for entry in self.src.channel_entries():
            for post in self.src.posts(entry):
                if skip_reason(post):
                    continue
                self._authors[post.get("user_id") or ""].add(entry["id"])
                for reaction in post_reactions(post):
                    self._authors.setdefault(reaction.get("user_id") or "", set())

    def _plan_users(self) -> None:
        taken = names.UniqueNames()
        people = list(self.src.users)
        extra = [uid for uid in self._authors if uid and uid not in self.src.users]
        for entry in self.src.channel_entries():
            extra += [m for m in entry.get("members") or [] if m not in self.src.users and m not in extra]
        for uid in sorted(people):
            original = self.src.users[uid].get("username") or ""
            name = taken.claim(names.username(original, uid), names.USERNAME_MAX)
            if name != original:
                self.report.note_change(
                    QT_TRANSLATE_NOOP("Convert", "usernames"),
                    QT_TRANSLATE_NOOP("Convert", "renamed to fit the importer's rules"),
                )
            self.usernames[uid] = name
        for uid in sorted(set(extra)):
            self.usernames[uid] = taken.claim(
                names.username(f"former-user-{uid[:8]}", uid), names.USERNAME_MAX
            )
            self.report.note_change(
                QT_TRANSLATE_NOOP("Convert", "people"),
                QT_TRANSLATE_NOOP(
                    "Convert",
                    "not in the archive's user list; added as placeholder accounts named former-user-…",
                ),
            )

    def _plan_teams_and_channels(self) -> None:
        self._per_team: dict[str, names.UniqueNames] = defaultdict(names.UniqueNames)
        groups_to_move: list[_ChannelPlan] = []
        for entry in self.src.channel_entries():
            plan = _ChannelPlan(entry=entry)
            if entry.get("type") in ("O", "P"):
                team = entry.get("team") or ""
                plan.team = self._team_import_name(team)
                plan.kind = entry["type"]
                plan.import_name = self._claim_channel_name(plan.team, entry.get("name") or "", entry["id"])
                if plan.import_name != entry.get("name"):
                    self.report.note_change(
                        QT_TRANSLATE_NOOP("Convert", "channel names"),
                        QT_TRANSLATE_NOOP("Convert", "renamed to fit the importer's rules"),
                    )
                plan.archived = bool(self.src.channel(entry).get("delete_at"))
            elif entry.get("type") in ("D", "G"):
                member_ids = self._direct_members(entry)
                plan.members = sorted({self.usernames[m] for m in member_ids if m in self.usernames})
                if entry["type"] == "D" and len(plan.members) == 1:
                    plan.members *= 2  # a note to oneself: both sides are the same person
                if not plan.members:
                    self.report.leave_out(*LEFT_DM_MEMBERS, n=int(entry.get("posts") or 0) or 1)
                    continue
                if entry["type"] == "G" and not 3 <= len(plan.members) <= 8:
                    plan.member_ids = [m for m in member_ids if m in self.usernames]
                    groups_to_move.append(plan)
                    continue
            else:
                continue
            self.channels.append(plan)
        for plan in groups_to_move:  # after the real channels, so that those keep their own names
            self._move_group_into_team(plan)

    def _claim_channel_name(self, team: str, original: str, channel_id: str) -> str:
        return self._per_team[team].claim(names.channel_name(original, channel_id), names.CHANNEL_NAME_MAX)

    def _move_group_into_team(self, plan: _ChannelPlan) -> None:
        """A group the importer cannot take as one becomes a private channel with the same people."""
        teams = sorted(self.team_names.values())
        plan.team = teams[0] if teams else self._team_import_name(GROUPS_TEAM)
        plan.kind = "P"
        plan.import_name = self._claim_channel_name(
            plan.team, f"group-{plan.entry['id'][:8]}", plan.entry["id"]
        )
        plan.members = []
        self.report.note_change(*GROUP_AS_CHANNEL)
        self.channels.append(plan)

    def _direct_members(self, entry: dict) -> list[str]:
        """Everyone in a direct or group message, the archive's own user included."""
        members = [m for m in entry.get("members") or [] if isinstance(m, str)]
        name = entry.get("name") or self.src.channel(entry).get("name") or ""
        if not members and entry.get("type") == "D" and "__" in name:
            return name.split("__", 1)
        if not members:
            # A group message without a member list: the people who wrote in it are the best we know.
            members = sorted(uid for uid, chans in self._authors.items() if entry["id"] in chans)
        if entry.get("type") == "G" and self.src.me_id:
            # The server's member lists (POST /users/group_channels) leave out the person who asks, and
            # a group message in an archive is always one of its owner's own.
            members = [*members, self.src.me_id]
        return list(dict.fromkeys(members))

    def _team_import_name(self, archive_team: str) -> str:
        if archive_team not in self.team_names:
            team = self.src.teams_by_name.get(archive_team) or {}
            name = names.team_name(archive_team, team.get("id") or archive_team or "archive")
            if name != archive_team:
                self.report.note_change(
                    QT_TRANSLATE_NOOP("Convert", "team names"),
                    QT_TRANSLATE_NOOP("Convert", "renamed to fit the importer's rules"),
                )
            self.team_names[archive_team] = name
        return self.team_names[archive_team]

    # -- lines --------------------------------------------------------------------------------

    def version_line(self) -> dict:
        # The export's own time, not the clock: the same archive gives the same file, byte for byte.
        created = self.src.manifest.get("finished_at") or datetime.now(UTC).isoformat(timespec="seconds")
        return {
            "type": "version",
            "version": 1,
            "info": {"generator": APP_NAME, "version": __version__, "created": created},
        }

    def emoji_lines(self) -> list[dict]:
        lines = []
        for emoji in sorted(self.src.archive.emoji(), key=lambda e: e.get("name") or ""):
            path = self.src.archive.emoji_path(emoji) if emoji.get("id") else None
            name = emoji.get("name") or ""
            if path is None:
                self.report.leave_out(
                    QT_TRANSLATE_NOOP("Convert", "custom emoji"),
                    QT_TRANSLATE_NOOP("Convert", "their picture is not in the archive"),
                )
                continue
            if not names.is_valid_emoji_name(name):
                self.report.leave_out(
                    QT_TRANSLATE_NOOP("Convert", "custom emoji"),
                    QT_TRANSLATE_NOOP("Convert", "the name does not fit the importer's rules"),
                )
                continue
            rel = f"emoji/{safe_filename(path.name)}"
            self.data_files[f"{DATA_DIR}/{rel}"] = path
            lines.append({"type": "emoji", "emoji": {"name": name, "image": rel}})
        self.report.count("custom_emoji", len(lines))
        return lines

    def team_lines(self) -> list[dict]:
        lines = []
        for archive_team, name in sorted(self.team_names.items(), key=lambda kv: kv[1]):
            team = self.src.teams_by_name.get(archive_team) or {}
            display = names.clip_runes(team.get("display_name") or archive_team or name, 64)
            data: dict[str, Any] = {
                "name": name,
                "display_name": display,
                "type": "O" if team.get("type") == "O" else "I",
                "allow_open_invite": bool(team.get("allow_open_invite")),
            }
            if team.get("description"):
                data["description"] = _clip_bytes(team["description"], names.TEAM_DESCRIPTION_MAX)
            lines.append({"type": "team", "team": data})
        self.report.count("teams", len(lines))
        return lines

    def channel_lines(self) -> list[dict]:
        lines = []
        for plan in self.channels:
            if not plan.team:
                continue
            channel = self.src.channel(plan.entry)
            display = channel.get("display_name") or plan.entry.get("display_name") or plan.import_name
            data: dict[str, Any] = {
                "team": plan.team,
                "name": plan.import_name,
                "display_name": names.clip_runes(display, names.CHANNEL_DISPLAY_NAME_MAX_RUNES),
                "type": plan.kind,
            }
            for key, limit in (
                ("header", names.CHANNEL_HEADER_MAX_RUNES),
                ("purpose", names.CHANNEL_PURPOSE_MAX_RUNES),
            ):
                if channel.get(key):
                    data[key] = names.clip_runes(channel[key], limit)
            if plan.archived:
                data["deleted_at"] = int(channel["delete_at"])
            lines.append({"type": "channel", "channel": data})
        self.report.count("channels", len(lines))
        return lines

    def user_lines(self) -> list[dict]:
        memberships = self._memberships()
        lines = []
        placeholders = 0
        for uid, name in sorted(self.usernames.items(), key=lambda kv: kv[1]):
            user = self.src.users.get(uid) or {}
            email, placeholder = names.email_or_placeholder(user.get("email"), name)
            placeholders += placeholder
            data: dict[str, Any] = {"username": name, "email": email}
            for key, limit in (
                ("nickname", names.USER_NICKNAME_MAX_RUNES),
                ("first_name", names.USER_FIRST_NAME_MAX_RUNES),
                ("last_name", names.USER_LAST_NAME_MAX_RUNES),
                ("position", names.USER_POSITION_MAX_RUNES),
            ):
                if user.get(key):
                    data[key] = names.clip_runes(user[key], limit)
            if _LOCALE.match(user.get("locale") or ""):
                data["locale"] = user["locale"]
            if user.get("delete_at"):
                data["delete_at"] = int(user["delete_at"])
            if user.get("is_bot"):
                self.report.note_change(
                    QT_TRANSLATE_NOOP("Convert", "bot accounts"),
                    QT_TRANSLATE_NOOP("Convert", "imported as ordinary (deactivatable) user accounts"),
                )
            avatar = self.src.archive.avatar_path(uid) if user.get("last_picture_update") else None
            if avatar is not None:
                rel = f"avatars/{safe_filename(avatar.name)}"
                self.data_files[f"{DATA_DIR}/{rel}"] = avatar
                data["profile_image"] = rel
            teams = memberships.get(uid)
            if teams:
                data["teams"] = [
                    {"name": team, "channels": [{"name": c} for c in sorted(chans)]}
                    for team, chans in sorted(teams.items())
                ]
            lines.append({"type": "user", "user": data})
        if placeholders:
            self.report.note_change(
                QT_TRANSLATE_NOOP("Convert", "e-mail addresses"),
                QT_TRANSLATE_NOOP(
                    "Convert", "not in the archive; replaced by <username>@users.invalid"
                ),
                placeholders,
            )
        self.report.count("users", len(lines))
        return lines

    def _memberships(self) -> dict[str, dict[str, set[str]]]:
        """user id -> team -> channels. Everyone who wrote somewhere joins it; the exporter joins all."""
        result: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for plan in self.channels:
            if not plan.team:
                continue
            writers = {uid for uid, chans in self._authors.items() if plan.entry["id"] in chans}
            writers.update(plan.member_ids)  # a group moved into a team: the same people as before
            # An administrator's export says where its owner was no member: they do not join those.
            if self.src.me_id and plan.entry.get("member", True):
                writers.add(self.src.me_id)
            for uid in writers:
                if uid not in self.usernames:
                    continue
                result[uid][plan.team]  # team membership even where the channel cannot be joined
                if not plan.archived:  # joining an archived channel fails on older servers
                    result[uid][plan.team].add(plan.import_name)
        return result

    # -- posts --------------------------------------------------------------------------------

    def post_lines(self, direct: bool):
        """Yields post (or direct_post) lines channel by channel, replies nested under their root."""
        for plan in self.channels:
            if bool(plan.team) == direct:
                continue
            self._times = set()
            yield from self._channel_posts(plan)

    def _channel_posts(self, plan: _ChannelPlan):
        roots: list[int] = []
        replies: dict[str, list[int]] = defaultdict(list)
        for offset, post in self.src.posts_with_offsets(plan.entry):
            if post.get("root_id"):
                replies[post["root_id"]].append(offset)
            else:
                roots.append(offset)
        with PostReader(self.src.posts_path(plan.entry)) as reader:
            for offset in roots:
                root = reader.at(offset)
                self.progress.step()
                reply_posts = [reader.at(o) for o in replies.pop(root.get("id", ""), [])]
                yield from self._post_lines(plan, root, reply_posts)
            # Replies whose thread start is not in the archive (deleted, or before the chosen dates).
            orphans = sorted(o for offsets in replies.values() for o in offsets)
            for offset in orphans:
                post = reader.at(offset)
                self.progress.step()
                if skip_reason(post) is None and _takeable(post):
                    self.report.note_change(
                        QT_TRANSLATE_NOOP("Convert", "replies"),
                        QT_TRANSLATE_NOOP(
                            "Convert",
                            "their thread's first message is not in the archive; written as ordinary messages",
                        ),
                    )
                yield from self._post_lines(plan, post, [])

    def _post_lines(self, plan: _ChannelPlan, root: dict, reply_posts: list[dict]):
        replies: list[dict] = []
        for reply in reply_posts:
            self.progress.step()
            replies += self._bodies(reply, plan)
        bodies = self._bodies(root, plan)
        if not bodies:
            if replies:  # the thread's start cannot be taken, but its answers can: keep them as posts
                self.report.note_change(
                    QT_TRANSLATE_NOOP("Convert", "replies"),
                    QT_TRANSLATE_NOOP(
                        "Convert", "their thread's first message was left out; written as ordinary messages"
                    ),
                    len(replies),
                )
            for body in replies:
                yield self._line(plan, body)
            return
        body = bodies[0]
        body_replies = bodies[1:] + replies
        if body_replies:
            body["replies"] = body_replies
            self.report.count("replies", len(body_replies))
        yield self._line(plan, body)

    def _line(self, plan: _ChannelPlan, body: dict) -> dict:
        if plan.team:
            self.report.count("posts")
            return {"type": "post", "post": {"team": plan.team, "channel": plan.import_name, **body}}
        self.report.count("direct_posts")
        return {"type": "direct_post", "direct_post": {"channel_members": plan.members, **body}}

    def _bodies(self, post: dict, plan: _ChannelPlan) -> list[dict]:
        """The post as import data; a message over the size limit becomes several (continued as replies)."""
        reason = skip_reason(post)
        if reason is None and is_system_post(post):
            reason = LEFT_SYSTEM
        if reason is None and post.get("type") == "burn_on_read":
            reason = LEFT_BURN
        if reason is not None:
            self.report.leave_out(*reason)
            return []
        user = self.usernames.get(post.get("user_id") or "")
        if not user:
            self.report.leave_out(
                QT_TRANSLATE_NOOP("Convert", "messages"),
                QT_TRANSLATE_NOOP("Convert", "the author is unknown"),
            )
            return []
        parts = _split_message(post.get("message") or "")
        if len(parts) > 1:
            self.report.note_change(
                QT_TRANSLATE_NOOP("Convert", "long messages"),
                QT_TRANSLATE_NOOP(
                    "Convert", "split into several messages (the importer takes 16383 characters)"
                ),
            )
        create_at = int(post.get("create_at") or 0) or 1
        bodies = []
        for i, text in enumerate(parts):
            body: dict[str, Any] = {
                "user": user,
                "message": text,
                "create_at": self._claim_time(create_at + i, text),
            }
            if i == 0:
                self._add_details(body, post)
            bodies.append(body)
        return bodies

    def _add_details(self, body: dict, post: dict) -> None:
        if post.get("edit_at"):
            body["edit_at"] = int(post["edit_at"])
        if post.get("is_pinned"):
            body["is_pinned"] = True
        props = {k: v for k, v in (post.get("props") or {}).items() if k in KEPT_PROPS}
        if props and len(json_line(props).decode("utf-8")) <= names.POST_PROPS_MAX_RUNES:
            body["props"] = props
        reactions = self._reactions(post, body["create_at"])
        if reactions:
            body["reactions"] = reactions
        attachments = self._attachments(post)
        if attachments:
            body["attachments"] = attachments

    def _reactions(self, post: dict, post_create_at: int) -> list[dict]:
        result = []
        for reaction in post_reactions(post):
            user = self.usernames.get(reaction.get("user_id") or "")
            emoji = reaction["emoji_name"]
            if not user:
                continue
            if len(emoji) > names.EMOJI_NAME_MAX:
                self.report.leave_out(*LEFT_REACTION_NAME)
                continue
            # The importer refuses a reaction older than its post (clock skew, edited posts).
            at = max(int(reaction.get("create_at") or 0), post_create_at)
            result.append({"user": user, "emoji_name": emoji, "create_at": at})
        self.report.count("reactions", len(result))
        return result

    def _attachments(self, post: dict) -> list[dict]:
        result = []
        for info in post_files(post):
            path = self.src.file_path(info["id"])
            if path is None:
                self.report.leave_out(*LEFT_FILE)
                continue
            folder = f"files/{safe_filename(info['id'])}"
            # The importer names the attachment after the last part of this path: the server's own name.
            wanted = info.get("name") or (self.src.files.get(info["id"]) or {}).get("name") or ""
            name = zip_safe_name(wanted, f"{DATA_DIR}/{folder}")
            if name is None:
                self.report.note_change(*ATTACHMENT_NAME)
                name = safe_filename(path.name)
            rel = f"{folder}/{name}"
            self.data_files[f"{DATA_DIR}/{rel}"] = path
            result.append({"path": rel})
        self.report.count("attachments", len(result))
        return result

    def _claim_time(self, create_at: int, message: str) -> int:
        digest = hashlib.blake2b(message.encode("utf-8"), digest_size=8).digest()
        while (create_at, digest) in self._times:
            create_at += 1
        self._times.add((create_at, digest))
        return create_at

    def direct_channel_lines(self) -> list[dict]:
        lines = []
        for plan in self.channels:
            if plan.team:
                continue
            data: dict[str, Any] = {"members": plan.members}
            header = self.src.channel(plan.entry).get("header")
            if header:
                data["header"] = names.clip_runes(header, names.CHANNEL_HEADER_MAX_RUNES)
            lines.append({"type": "direct_channel", "direct_channel": data})
        self.report.count("direct_channels", len(lines))
        return lines


def zip_safe_name(name: str, folder: str) -> str | None:
    """The name as one zip entry component inside `folder`, or None where it could leave that folder
    (separators of any system, `.`/`..`, control characters) or no file system could store it.

    Everything else stays as people named it ("CON", "bericht?:*.pdf", "trailing. "): the target server
    stores attachments under its own paths, so only the zip entry itself must be harmless."""
    if not isinstance(name, str) or not name or name in (".", ".."):
        return None
    if any(ch in "/\\" or ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return None
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES or not _encodable(name):
        return None
    entry = f"{folder}/{name}"
    if posixpath.normpath(entry) != entry or posixpath.dirname(entry) != folder:
        return None
    return name


def _encodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a broken server answer
        return False
    return True


def _takeable(post: dict) -> bool:
    return not is_system_post(post) and post.get("type") != "burn_on_read"


def _split_message(message: str) -> list[str]:
    limit = names.POST_MESSAGE_MAX_RUNES
    if len(message) <= limit:
        return [message]
    parts = []
    while message:
        cut = limit
        if len(message) > limit:
            newline = message.rfind("\n", limit // 2, limit)
            cut = newline + 1 if newline > 0 else limit
        parts.append(message[:cut])
        message = message[cut:]
    return parts


def _clip_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore")


def write_mattermost(src: ArchiveSource, out_zip: Path, report: ConversionReport, progress: Progress) -> None:
    writer = MattermostWriter(src, report, progress)
    writer.plan()
    with atomic_zip(out_zip) as zf:
        with zf.open(IMPORT_JSONL, "w", force_zip64=True) as out:
            for line in [writer.version_line(), *writer.emoji_lines(), *writer.team_lines(), *writer.channel_lines(),
                         *writer.user_lines()]:  # fmt: skip
                out.write(json_line(line))
            for line in writer.post_lines(direct=False):
                out.write(json_line(line))
            for line in writer.direct_channel_lines():
                out.write(json_line(line))
            for line in writer.post_lines(direct=True):
                out.write(json_line(line))
        for entry, path in sorted(writer.data_files.items()):
            zf.write(path, entry)
