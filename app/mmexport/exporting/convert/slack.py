"""The archive in the layout of a Slack workspace export, which Rocket.Chat's, Zulip's and
Mattermost's (mmetl) Slack importers and readers like slack-export-viewer understand.

    users.json channels.json groups.json dms.json mpims.json
    <channel name>/<YYYY-MM-DD>.json   public and private channels (one file per UTC day)
    <dm id>/<YYYY-MM-DD>.json          direct messages (Slack names their folders by id)
    <mpim name>/<YYYY-MM-DD>.json      group messages
    __uploads/<file id>/<name>         attachments (where slackdump puts them)

Slack message ids are their `ts` ("seconds.micro"); two posts in the same millisecond get
different micro digits so that every message keeps its own id.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mmexport.archive.layout import safe_filename
from mmexport.exporting.convert import names
from mmexport.exporting.convert.mrkdwn import to_mrkdwn
from mmexport.exporting.convert.report import ConversionReport
from mmexport.exporting.convert.source import (
    ArchiveSource,
    Progress,
    atomic_zip,
    post_files,
    post_reactions,
    skip_reason,
)
from mmexport.exporting.events import QT_TRANSLATE_NOOP

UPLOADS_DIR = "__uploads"
SYSTEM_SUBTYPES = {
    "system_join_channel": "channel_join",
    "system_join_team": "channel_join",
    "system_leave_channel": "channel_leave",
    "system_leave_team": "channel_leave",
    "system_header_change": "channel_topic",
    "system_purpose_change": "channel_purpose",
    "system_displayname_change": "channel_name",
}
BURN_PLACEHOLDER = "(self-destructing message: its text is not in the archive)"
LEFT_FILE = (
    QT_TRANSLATE_NOOP("Convert", "attachments"),
    QT_TRANSLATE_NOOP("Convert", "they are not in the archive (left out or failed during the export)"),
)


def slack_id(prefix: str, mattermost_id: str) -> str:
    return prefix + (mattermost_id or "unknown").upper()


@dataclass
class _Conversation:
    entry: dict
    slack_id: str
    folder: str
    kind: str  # channels, groups, dms, mpims
    members: list[str] = field(default_factory=list)  # Slack user ids


class _TsClock:
    """Turns create_at (ms) into unique Slack ts strings, the same way on every pass."""

    def __init__(self) -> None:
        self._ms = -1
        self._n = 0

    def ts(self, create_at: int) -> str:
        if create_at == self._ms:
            self._n += 1
        else:
            self._ms, self._n = create_at, 0
        seconds, ms = divmod(max(create_at, 0), 1000)
        return f"{seconds}.{ms * 1000 + min(self._n, 999):06d}"


class SlackWriter:
    def __init__(self, src: ArchiveSource, report: ConversionReport, progress: Progress):
        self.src = src
        self.report = report
        self.progress = progress
        self.user_ids: dict[str, str] = {}  # Mattermost user id -> Slack user id
        self.by_username: dict[str, str] = {}  # lower-case username -> Slack user id
        self.channel_ids: dict[str, str] = {}  # channel name -> Slack channel id (for ~mentions)
        self.conversations: list[_Conversation] = []
        self._authors: dict[str, set[str]] = defaultdict(set)  # channel id -> Mattermost user ids
        self._unknown: set[str] = set()

    def plan(self) -> None:
        for entry in self.src.channel_entries():
            for post in self.src.posts(entry):
                if skip_reason(post) is None:
                    self._authors[entry["id"]].add(post.get("user_id") or "")
                    for reaction in post_reactions(post):
                        self._authors[entry["id"]].add(reaction.get("user_id") or "")
        for uid in self.src.users:
            self.user_ids[uid] = slack_id("U", uid)
        for uid in {u for authors in self._authors.values() for u in authors} | self._listed_members():
            if uid and uid not in self.user_ids:
                self.user_ids[uid] = slack_id("U", uid)
                self._unknown.add(uid)
        for uid, user in self.src.users.items():
            self.by_username[(user.get("username") or "").lower()] = self.user_ids[uid]
        self._plan_conversations()

    def _listed_members(self) -> set[str]:
        return {m for e in self.src.channel_entries() for m in e.get("members") or [] if isinstance(m, str)}

    def _plan_conversations(self) -> None:
        entries = self.src.channel_entries()
        name_count: dict[str, int] = defaultdict(int)
        for e in entries:
            if e.get("type") in ("O", "P"):
                name_count[names.channel_name(e.get("name") or "", e["id"])] += 1
        taken = names.UniqueNames()
        for entry in entries:
            kind = {"O": "channels", "P": "groups", "D": "dms", "G": "mpims"}.get(entry.get("type") or "")
            if kind is None:
                continue
            members = sorted({self.user_ids[m] for m in self._members(entry) if m in self.user_ids})
            if kind in ("channels", "groups"):
                base = names.channel_name(entry.get("name") or "", entry["id"])
                if name_count[base] > 1:  # Slack has one namespace; Mattermost one per team
                    base = names.channel_name(f"{entry.get('team') or 'team'}-{base}", entry["id"])
                folder = taken.claim(base, 80)
                sid = slack_id("C" if kind == "channels" else "G", entry["id"])
                self.channel_ids.setdefault((entry.get("name") or "").lower(), sid)
            elif kind == "dms":
                sid = slack_id("D", entry["id"])
                folder = sid
            else:
                sid = slack_id("G", entry["id"])
                people = [self._username(u) for u in self._members(entry) if u in self.user_ids]
                folder = taken.claim("mpdm-" + "--".join(sorted(people))[:60] + "-1", 80)
            self.conversations.append(_Conversation(entry, sid, folder, kind, members))

    def _members(self, entry: dict) -> list[str]:
        listed = [m for m in entry.get("members") or [] if isinstance(m, str)]
        if entry.get("type") == "D" and not listed:
            name = entry.get("name") or ""
            listed = name.split("__", 1) if "__" in name else []
        people = set(listed) | self._authors.get(entry["id"], set())
        if entry.get("type") in ("O", "P") and self.src.me_id:
            people.add(self.src.me_id)
        return sorted(p for p in people if p)

    def _username(self, uid: str) -> str:
        user = self.src.users.get(uid)
        return (user or {}).get("username") or f"former-user-{uid[:8]}"

    # -- the lists ----------------------------------------------------------------------------

    def users_json(self) -> list[dict]:
        team_id = slack_id(
            "T",
            hashlib.sha1((self.src.manifest.get("server") or {}).get("url", "").encode()).hexdigest()[:10],
        )
        result = []
        for uid, sid in sorted(self.user_ids.items(), key=lambda kv: kv[1]):
            user = self.src.users.get(uid) or {}
            username = self._username(uid)
            real_name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p) or username
            email, _ = names.email_or_placeholder(user.get("email"), names.username(username, uid))
            result.append({
                "id": sid,
                "team_id": team_id,
                "name": username,
                "deleted": bool(user.get("delete_at")) or uid in self._unknown,
                "real_name": real_name,
                "tz": (user.get("timezone") or {}).get("manualTimezone") or (user.get("timezone") or {}).get("automaticTimezone") or "",
                "is_admin": False,
                "is_owner": False,
                "is_primary_owner": False,
                "is_restricted": False,
                "is_ultra_restricted": False,
                "is_bot": bool(user.get("is_bot")),
                "is_app_user": False,
                "updated": int(user.get("update_at") or 0) // 1000,
                "profile": {
                    "real_name": real_name,
                    "display_name": user.get("nickname") or "",
                    "first_name": user.get("first_name") or "",
                    "last_name": user.get("last_name") or "",
                    "title": user.get("position") or "",
                    "email": email,
                    "image_72": "",
                    "image_512": "",
                },
            })  # fmt: skip
        self.report.count("users", len(result))
        return result

    def conversation_lists(self) -> dict[str, list[dict]]:
        lists: dict[str, list[dict]] = {"channels": [], "groups": [], "dms": [], "mpims": []}
        for conv in self.conversations:
            channel = self.src.channel(conv.entry)
            created = int(channel.get("create_at") or 0) // 1000
            creator = self.user_ids.get(channel.get("creator_id") or "", "")
            if conv.kind == "dms":
                lists["dms"].append({"id": conv.slack_id, "created": created, "members": conv.members})
                continue
            item: dict[str, Any] = {
                "id": conv.slack_id,
                "name": conv.folder,
                "created": created,
                "creator": creator,
                "is_archived": bool(channel.get("delete_at")),
                "is_general": conv.entry.get("name") == "town-square",
                "members": conv.members,
                "topic": {"value": channel.get("header") or "", "creator": "", "last_set": 0},
                "purpose": {"value": channel.get("purpose") or "", "creator": "", "last_set": 0},
            }
            if conv.kind != "channels":
                item["is_private"] = True
            lists[conv.kind].append(item)
        for kind, items in lists.items():
            self.report.count({"channels": "channels", "groups": "private_channels", "dms": "direct_messages",
                               "mpims": "group_messages"}[kind], len(items))  # fmt: skip
        return lists

    # -- messages -----------------------------------------------------------------------------

    def write_messages(self, zf, uploads: dict[str, Path]) -> None:
        for conv in self.conversations:
            threads, root_ts = self._thread_index(conv)
            clock = _TsClock()
            day, batch = "", list[dict[str, Any]]()
            for post in self.src.posts(conv.entry):
                reason = skip_reason(post)
                if reason:
                    self.report.leave_out(*reason)
                    self.progress.step()
                    continue
                ts = clock.ts(int(post.get("create_at") or 0))
                message = self._message(post, ts, conv, threads, root_ts, uploads)
                this_day = datetime.fromtimestamp(float(ts), UTC).date().isoformat()
                if this_day != day and batch:
                    _write_day(zf, conv.folder, day, batch)
                    batch = []
                day = this_day
                batch.append(message)
                self.progress.step()
            if batch:
                _write_day(zf, conv.folder, day, batch)

    def _thread_index(self, conv: _Conversation):
        """First pass: each root's replies as (user, ts) and each root's (ts, user). No message text."""
        threads: dict[str, list[tuple[str, str]]] = defaultdict(list)
        root_ts: dict[str, tuple[str, str]] = {}
        clock = _TsClock()
        for post in self.src.posts(conv.entry):
            if skip_reason(post):
                continue
            ts = clock.ts(int(post.get("create_at") or 0))
            if post.get("root_id"):
                threads[post["root_id"]].append((self.user_ids.get(post.get("user_id") or "", ""), ts))
            else:
                root_ts[post.get("id") or ""] = (ts, self.user_ids.get(post.get("user_id") or "", ""))
        return threads, {rid: ts for rid, ts in root_ts.items() if rid in threads}

    def _message(self, post: dict, ts: str, conv: _Conversation, threads, root_ts, uploads) -> dict:
        user = self.user_ids.get(post.get("user_id") or "", "")
        text = post.get("message") or ""
        if post.get("type") == "burn_on_read":
            text = BURN_PLACEHOLDER
        msg: dict[str, Any] = {
            "type": "message",
            "user": user,
            "text": to_mrkdwn(text, self.by_username, self.channel_ids),
            "ts": ts,
        }
        subtype = SYSTEM_SUBTYPES.get(post.get("type") or "")
        if subtype:
            msg["subtype"] = subtype
        username = self._username(post.get("user_id") or "")
        msg["user_profile"] = {"name": username, "real_name": username, "display_name": username}
        self._add_thread(msg, post, user, threads, root_ts)
        if post.get("edit_at"):
            msg["edited"] = {"user": user, "ts": f"{int(post['edit_at']) // 1000}.000000"}
        if post.get("is_pinned"):
            msg["pinned_to"] = [conv.slack_id]
        reactions = self._reactions(post)
        if reactions:
            msg["reactions"] = reactions
        files = self._files(post, user, uploads)
        if files:
            msg["files"] = files
        self.report.count("messages")
        return msg

    def _add_thread(self, msg: dict, post: dict, user: str, threads, root_ts) -> None:
        root_id = post.get("root_id") or ""
        if root_id and root_id in root_ts:
            msg["thread_ts"], msg["parent_user_id"] = root_ts[root_id]
            return
        if root_id:
            self.report.note_change(
                QT_TRANSLATE_NOOP("Convert", "replies"),
                QT_TRANSLATE_NOOP(
                    "Convert",
                    "their thread's first message is not in the archive; written as ordinary messages",
                ),
            )
            return
        replies = threads.get(post.get("id") or "")
        if replies:
            msg["thread_ts"] = msg["ts"]
            msg["reply_count"] = len(replies)
            msg["reply_users"] = sorted({u for u, _ in replies})
            msg["reply_users_count"] = len(msg["reply_users"])
            msg["latest_reply"] = max(ts for _, ts in replies)
            msg["replies"] = [{"user": u, "ts": ts} for u, ts in replies]
            self.report.count("threads")

    def _reactions(self, post: dict) -> list[dict]:
        grouped: dict[str, list[str]] = {}
        for reaction in post_reactions(post):
            sid = self.user_ids.get(reaction.get("user_id") or "")
            if sid:
                grouped.setdefault(reaction["emoji_name"], []).append(sid)
        self.report.count("reactions", sum(len(v) for v in grouped.values()))
        return [{"name": name, "users": users, "count": len(users)} for name, users in grouped.items()]

    def _files(self, post: dict, user: str, uploads: dict[str, Path]) -> list[dict]:
        result = []
        for info in post_files(post):
            path = self.src.file_path(info["id"])
            if path is None:
                self.report.leave_out(*LEFT_FILE)
                continue
            entry = f"{UPLOADS_DIR}/{safe_filename(slack_id('F', info['id']))}/{safe_filename(path.name)}"
            uploads[entry] = path
            name = info.get("name") or path.name
            result.append({
                "id": slack_id("F", info["id"]),
                "created": int(info.get("create_at") or post.get("create_at") or 0) // 1000,
                "name": name,
                "title": name,
                "mimetype": info.get("mime_type") or "application/octet-stream",
                "filetype": (info.get("extension") or Path(name).suffix.lstrip(".")).lower(),
                "user": user,
                "size": int(info.get("size") or path.stat().st_size),
                "mode": "hosted",
                "url_private": entry,
                "url_private_download": entry,
            })  # fmt: skip
        self.report.count("attachments", len(result))
        return result


def _write_day(zf, folder: str, day: str, messages: list[dict]) -> None:
    zf.writestr(f"{folder}/{day}.json", json.dumps(messages, ensure_ascii=False, indent=1))


def write_slack(src: ArchiveSource, out_zip: Path, report: ConversionReport, progress: Progress) -> None:
    writer = SlackWriter(src, report, progress)
    writer.plan()
    uploads: dict[str, Path] = {}
    with atomic_zip(out_zip) as zf:
        zf.writestr("users.json", json.dumps(writer.users_json(), ensure_ascii=False, indent=1))
        for kind, items in writer.conversation_lists().items():
            zf.writestr(f"{kind}.json", json.dumps(items, ensure_ascii=False, indent=1))
        writer.write_messages(zf, uploads)
        for entry, path in sorted(uploads.items()):
            zf.write(path, entry)
