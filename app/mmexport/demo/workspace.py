"""The demo server's data: a generated, seeded workspace with users, teams, channels, posts and files.

Objects are stored the way the real server serializes them (plain dicts with the server's field names);
the server module turns them into responses. All public methods are thread-safe.

The optional big channel holds its posts virtually: a post is computed from its index, so a channel of a
million posts costs no memory and a page is a few arithmetic steps.
"""

from __future__ import annotations

import bisect
import copy
import hashlib
import mimetypes
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from mmexport.demo import blobs, ids, texts

DAY_MS = 86_400_000
WORKSPACE_END = 1_761_955_200_000  # 2025-11-01 00:00 UTC: generated history ends here
WORKSPACE_START = WORKSPACE_END - 730 * DAY_MS

JOIN_LEAVE_TYPES = frozenset(
    {
        "system_join_leave",
        "system_add_remove",
        "system_join_channel",
        "system_leave_channel",
        "system_join_team",
        "system_leave_team",
        "system_add_to_channel",
        "system_remove_from_channel",
        "system_add_to_team",
        "system_remove_from_team",
    }
)
INLINE_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/bmp")
BIG_CHANNEL_NAME = "grosser-kanal"
LARGE_BIG_CHANNEL_POSTS = 100_000
FLOOD_POSTS = 450
LONG_THREAD_REPLIES = 520
MFA_CODE = "123456"
DEMO_PASSWORD = "demo"


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class StoredFile:
    info: dict[str, Any]
    blob: bytes | None  # None: the info row exists but the storage lost the file


@dataclass
class _Person:
    username: str
    first: str
    last: str
    nickname: str = ""
    position: str = ""
    locale: str = "de"
    deactivated: bool = False
    bot: bool = False


PEOPLE = [
    _Person("anna", "Anna", "Beispiel", position="Projektleitung"),
    _Person("bernd.mueller", "Bernd", "Müller", position="Technik"),
    _Person("claudia", "Claudia", "Schäfer", position="Verwaltung"),
    _Person("dilara", "Dilara", "Yılmaz", position="Doktorandin"),
    _Person("emil", "Émile", "Dubois", locale="fr"),
    _Person("fatima", "Fatima", "Al-Hassan", locale="en"),
    _Person("goran", "Goran", "Petrović"),
    _Person("hanna", "Hanna", "Øberg", locale="en"),
    _Person("ines", "Inês", "Carvalho", locale="en"),
    _Person("jun", "純", "田中", nickname="Jun Tanaka", locale="ja"),
    _Person("katrin", "Katrin", "Weiß", nickname="Kati 🌻"),
    _Person("lars", "Lars", "Jößl"),
    _Person("mehmet", "Mehmet", "Öztürk"),
    _Person("zoe", "Zoë", "Ångström", locale="en"),
    _Person("otto.alt", "Otto", "Altmann", position="im Ruhestand", deactivated=True),
    _Person("ci-bot", "", "", nickname="CI Bot", bot=True),
    _Person("mfa", "Max", "Faktor", position="Sicherheit"),
]

# (team name, display name, channels). A channel: (name, display name, type, posts, flags)
# flags: "archived", "not_member", "flood", "thread", "markdown", "files", "bot", "big"
TEAMS = [
    (
        "forschung",
        "Forschung",
        [
            ("town-square", "Allgemein", "O", 60, ()),
            ("off-topic", "Off-Topic", "O", 40, ()),
            ("projekt-alpha", "Projekt Alpha", "O", 80, ("thread",)),
            ("labor", "Labor & Geräte", "O", 40, ()),
            ("messdaten", "Messdaten", "O", 30, ("files",)),
            ("doktoranden", "Doktorandenrunde", "P", 40, ()),
            ("paper-entwuerfe", "Paper-Entwürfe", "P", 30, ()),
            ("zeitschriften-club", "Zeitschriften-Club", "O", 20, ()),
            ("archiv-2023", "Archiv 2023", "O", 25, ("archived",)),
            ("geheimprojekt", "Geheimprojekt", "P", 10, ("not_member",)),
            ("kaffeekueche", "Kaffeeküche", "O", 10, ("not_member",)),
            ("import-altsystem", "Import Altsystem", "O", 40, ("flood",)),
            ("markdown-spielwiese", "Markdown-Spielwiese", "O", 15, ("markdown", "bot")),
            ("dateien", "Dateien & Anhänge", "O", 10, ("files",)),
        ],
    ),
    (
        "verwaltung",
        "Verwaltung",
        [
            ("town-square", "Allgemein", "O", 40, ()),
            ("off-topic", "Off-Topic", "O", 20, ()),
            ("haushalt", "Haushalt", "O", 30, ()),
            ("personal", "Personal", "P", 25, ()),
            ("beschaffung", "Beschaffung", "O", 25, ()),
            ("raumplanung", "Raumplanung", "O", 20, ()),
            ("it-support", "IT-Support", "O", 30, ("bot",)),
            ("betriebsrat", "Betriebsrat", "P", 10, ("not_member",)),
            ("alte-formulare", "Alte Formulare", "O", 15, ("archived",)),
            ("ankuendigungen", "Ankündigungen", "O", 15, ()),
        ],
    ),
    (
        "lehre",
        "Lehre",
        [
            ("town-square", "Allgemein", "O", 30, ()),
            ("off-topic", "Off-Topic", "O", 20, ()),
            ("vorlesung-ws", "Vorlesung Wintersemester", "O", 40, ()),
            ("seminar-ss", "Seminar Sommersemester", "O", 30, ()),
            ("tutorien", "Tutorien", "O", 25, ()),
            ("pruefungen", "Prüfungen", "P", 20, ()),
            ("lehrevaluation", "Lehrevaluation", "O", 15, ()),
            ("e-learning", "E-Learning", "O", 20, ()),
            ("sprechstunden", "Sprechstunden", "O", 15, ()),
        ],
    ),
]

DIRECT_PARTNERS = [
    "bernd.mueller",
    "claudia",
    "dilara",
    "katrin",
    "otto.alt",
    "ci-bot",
    "anna",
    "jun",
    "mehmet",
]
GROUPS = [
    ["anna", "bernd.mueller", "claudia"],
    ["anna", "dilara", "emil", "fatima"],
    ["anna", "bernd.mueller", "claudia", "dilara", "fatima", "katrin", "mehmet", "zoe"],
]
CUSTOM_EMOJI = [("kaffee", (111, 78, 55)), ("brezel", (190, 130, 60)), ("uni_logo", (0, 84, 159))]


@dataclass
class Session:
    token: str
    user_id: str
    csrf: str
    kind: str  # "session" or "pat"
    issued_at: float
    requests: int = 0
    revoked: bool = False


class PostSequence:
    """The visible (not deleted) posts of one channel, newest first, as a random-access sequence."""

    def __init__(self, posts_newest_first: list[dict[str, Any]]):
        self.posts = posts_newest_first
        self._keys = [-p["create_at"] for p in posts_newest_first]

    def __len__(self) -> int:
        return len(self.posts)

    def page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return self.posts[offset : offset + limit]

    def count_at_or_after(self, create_at: int) -> int:
        return bisect.bisect_right(self._keys, -create_at)

    def count_after(self, create_at: int) -> int:
        return bisect.bisect_left(self._keys, -create_at)


class BigChannelPosts:
    """Posts computed from their index (0 = oldest): nothing is stored, a page is arithmetic."""

    def __init__(self, channel_id: str, user_ids: list[str], count: int, seed: int):
        self.channel_id = channel_id
        self.user_ids = user_ids
        self.count = count
        if count >= 1 << 30:
            raise ValueError("the big channel holds at most 2**30 posts")
        self.prefix = "bigposts" + ids.encode(seed * 7919 + 1, 12)  # 20 characters + 6 for the index
        self._template = _post_row("", channel_id, "", "", 0)
        self.start = WORKSPACE_START + 30 * DAY_MS
        span = WORKSPACE_END - self.start - DAY_MS
        self.step = max(1, span // max(count, 1))

    def create_at(self, index: int) -> int:
        return self.start + index * self.step

    def post_id(self, index: int) -> str:
        return self.prefix + ids.encode6(index)

    def index_of(self, post_id: str) -> int | None:
        if not post_id.startswith(self.prefix):
            return None
        index = ids.decode(post_id[len(self.prefix) :])
        return index if index is not None and 0 <= index < self.count else None

    def post(self, index: int) -> dict[str, Any]:
        at = self.create_at(index)
        word = texts.BIG_CHANNEL_WORDS[index % len(texts.BIG_CHANNEL_WORDS)]
        row = self._template.copy()
        row["id"] = self.post_id(index)
        row["create_at"] = row["update_at"] = at
        row["user_id"] = self.user_ids[index % len(self.user_ids)]
        row["message"] = f"{word} Nr. {index + 1}: {texts.SENTENCES[index % len(texts.SENTENCES)]}"
        row["props"] = {}
        row["metadata"] = {}
        return row

    def last_create_at(self) -> int:
        return self.create_at(self.count - 1) if self.count else 0


class BigSequence:
    """Newer posts added at run time (stored) in front of the computed ones."""

    def __init__(self, added: PostSequence, big: BigChannelPosts):
        self.added = added
        self.big = big

    def __len__(self) -> int:
        return len(self.added) + self.big.count

    def page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        result = self.added.page(offset, limit)
        start = max(0, offset - len(self.added))
        for position in range(start, min(self.big.count, start + limit - len(result))):
            result.append(self.big.post(self.big.count - 1 - position))
        return result

    def count_at_or_after(self, create_at: int) -> int:
        older = -(-(create_at - self.big.start) // self.big.step)  # indices with time < create_at
        return self.added.count_at_or_after(create_at) + self.big.count - _clamp(older, 0, self.big.count)

    def count_after(self, create_at: int) -> int:
        not_newer = (create_at - self.big.start) // self.big.step + 1  # indices with time <= create_at
        return self.added.count_after(create_at) + self.big.count - _clamp(not_newer, 0, self.big.count)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _post_row(
    post_id: str,
    channel_id: str,
    user_id: str,
    message: str,
    create_at: int,
    root_id: str = "",
    post_type: str = "",
    props: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": post_id,
        "create_at": create_at,
        "update_at": create_at,
        "edit_at": 0,
        "delete_at": 0,
        "is_pinned": False,
        "user_id": user_id,
        "channel_id": channel_id,
        "root_id": root_id,
        "original_id": "",
        "message": message,
        "type": post_type,
        "props": props or {},
        "hashtags": "",
        "pending_post_id": "",
        "reply_count": 0,
        "last_reply_at": 0,
        "participants": None,
        "metadata": {},
    }


@dataclass
class Workspace:
    seed: int = 1
    big_channel_posts: int | None = None
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    mfa_user_ids: set[str] = field(default_factory=set)
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)
    team_members: dict[str, list[str]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_members: dict[str, list[str]] = field(default_factory=dict)
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_rows: dict[str, list[str]] = field(default_factory=dict)
    reactions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    emoji: dict[str, dict[str, Any]] = field(default_factory=dict)
    emoji_images: dict[str, bytes] = field(default_factory=dict)
    avatars: dict[str, bytes] = field(default_factory=dict)
    big: BigChannelPosts | None = None
    me_id: str = ""

    def __post_init__(self) -> None:
        self.lock = threading.RLock()
        self.rng = random.Random(self.seed)
        self._sequences: dict[str, PostSequence | BigSequence] = {}
        self._thread_replies: dict[str, list[str]] = {}
        self._generate()

    # ----- public read helpers (the server calls these under no lock: each takes it) -----

    def user_by_username(self, username: str) -> dict[str, Any] | None:
        with self.lock:
            return next((u for u in self.users.values() if u["username"] == username), None)

    def user_by_login(self, login_id: str) -> dict[str, Any] | None:
        login = login_id.strip().lower()
        with self.lock:
            return next((u for u in self.users.values() if login in (u["username"], u["email"])), None)

    def channel_by_name(self, team_id: str, name: str) -> dict[str, Any] | None:
        with self.lock:
            return next(
                (c for c in self.channels.values() if c["team_id"] == team_id and c["name"] == name), None
            )

    def team_by_name(self, name: str) -> dict[str, Any] | None:
        with self.lock:
            return next((t for t in self.teams.values() if t["name"] == name), None)

    def is_member(self, channel_id: str, user_id: str) -> bool:
        with self.lock:
            return user_id in self.channel_members.get(channel_id, ())

    def can_read_channel(self, channel_id: str, user_id: str) -> bool:
        with self.lock:
            channel = self.channels.get(channel_id)
            if channel is None:
                return False
            if self.is_member(channel_id, user_id):
                return True
            # Public channels are readable by every member of their team.
            return channel["type"] == "O" and user_id in self.team_members.get(channel["team_id"], ())

    def channels_of_user(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [c for cid, c in self.channels.items() if user_id in self.channel_members[cid]]

    def get_post(self, post_id: str) -> dict[str, Any] | None:
        with self.lock:
            post = self.posts.get(post_id)
            if post is not None:
                return post
            if self.big is not None:
                index = self.big.index_of(post_id)
                if index is not None:
                    return self.big.post(index)
            return None

    def visible_posts(self, channel_id: str) -> PostSequence | BigSequence:
        """Not-deleted posts of a channel, newest first (cached until the channel changes)."""
        with self.lock:
            sequence = self._sequences.get(channel_id)
            if sequence is None:
                rows = [self.posts[pid] for pid in self.channel_rows.get(channel_id, ())]
                visible = [p for p in rows if p["delete_at"] == 0]
                visible.sort(key=lambda p: (p["create_at"], p["id"]), reverse=True)
                sequence = PostSequence(visible)
                if self.big is not None and channel_id == self.big.channel_id:
                    sequence = BigSequence(sequence, self.big)
                self._sequences[channel_id] = sequence
            return sequence

    def rows_of_channel(self, channel_id: str) -> list[dict[str, Any]]:
        """Every stored row in storage order, deleted posts and edit copies included (for `since`)."""
        with self.lock:
            return [self.posts[pid] for pid in self.channel_rows.get(channel_id, ())]

    def thread_of(self, root_id: str) -> list[dict[str, Any]]:
        """Root and not-deleted replies, oldest first."""
        with self.lock:
            root = self.get_post(root_id)
            if root is None:
                return []
            replies = [self.posts[pid] for pid in self._thread_replies.get(root_id, ())]
            return [root, *sorted((p for p in replies if p["delete_at"] == 0), key=_by_time)]

    def reply_count(self, post: dict[str, Any]) -> int:
        replies = self._thread_replies.get(post["root_id"] or post["id"])
        if not replies:
            return 0  # the common case, answered without the lock: big pages ask 200 times
        with self.lock:
            return sum(1 for pid in replies if self.posts[pid]["delete_at"] == 0)

    def file_infos_of_post(self, post: dict[str, Any]) -> list[dict[str, Any]]:
        if not post.get("file_ids"):
            return []
        with self.lock:
            return [self.files[fid].info for fid in post.get("file_ids", ()) if fid in self.files]

    def pinned_posts(self, channel_id: str) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.rows_of_channel(channel_id)
            return sorted(
                (p for p in rows if p["is_pinned"] and p["delete_at"] == 0), key=_by_time, reverse=True
            )

    # ----- mutations (the API of the brief) -----

    def add_post(
        self,
        channel_id: str,
        user_id: str,
        message: str,
        root_id: str = "",
        create_at: int | None = None,
        file_names: tuple[str, ...] | list[str] = (),
    ) -> dict[str, Any]:
        with self.lock:
            if channel_id not in self.channels:
                raise KeyError(f"no channel {channel_id}")
            if create_at is None:
                create_at = max(now_ms(), self.channels[channel_id]["last_post_at"] + 1)
            in_big = self.big is not None and channel_id == self.big.channel_id
            if in_big and create_at <= self.big.last_create_at():  # type: ignore[union-attr]
                raise ValueError("posts added to the big channel must be newer than its generated ones")
            post = self._insert_post(channel_id, user_id, message, create_at, root_id=root_id)
            for name in file_names:
                self._attach_file(post, name, _blob_for_name(name))
            return copy.deepcopy(post)

    def edit_post(self, post_id: str, message: str, at: int | None = None) -> dict[str, Any]:
        """Like the real store: the old version is kept as a hidden copy (new id, original_id, deleted)."""
        with self.lock:
            post = self.posts[post_id]
            at = max(at or now_ms(), post["update_at"] + 1)
            old = copy.deepcopy(post)
            old["id"] = self._new_id()
            old["original_id"] = post_id
            old["delete_at"] = at
            old["update_at"] = at
            self.posts[old["id"]] = old
            self.channel_rows[post["channel_id"]].append(old["id"])
            post["message"] = message
            post["edit_at"] = at
            post["update_at"] = at
            self._changed(post["channel_id"])
            return copy.deepcopy(post)

    def delete_post(self, post_id: str, at: int | None = None) -> None:
        """Deleting a root deletes its replies too; the attachments go with them."""
        with self.lock:
            post = self.posts[post_id]
            at = at or now_ms()
            doomed = [post_id] if post["root_id"] else [post_id, *self._thread_replies.get(post_id, ())]
            for pid in doomed:
                row = self.posts[pid]
                if row["delete_at"] == 0:
                    row["delete_at"] = at
                    row["update_at"] = at
                    for fid in row.get("file_ids", ()):
                        if fid in self.files:
                            self.files[fid].info["delete_at"] = at
            self._changed(post["channel_id"])

    def purge_post(self, post_id: str) -> None:
        """A hard delete (data retention, or DELETE ?permanent=true): the rows are gone, not marked deleted.

        A root takes its replies with it; `before=<a purged id>` then matches nothing, as on the real server."""
        with self.lock:
            post = self.posts[post_id]
            doomed = [post_id] if post["root_id"] else [post_id, *self._thread_replies.pop(post_id, ())]
            for pid in doomed:
                self.posts.pop(pid)
                self.channel_rows[post["channel_id"]].remove(pid)
            if post["root_id"] in self._thread_replies:
                self._thread_replies[post["root_id"]].remove(post_id)
            self._changed(post["channel_id"])

    def add_reaction(self, post_id: str, user_id: str, emoji_name: str, at: int | None = None) -> None:
        with self.lock:
            post = self.posts[post_id]
            at = at or max(now_ms(), post["create_at"])
            self.reactions.setdefault(post_id, []).append(
                {
                    "user_id": user_id,
                    "post_id": post_id,
                    "emoji_name": emoji_name,
                    "create_at": at,
                    "update_at": at,
                    "delete_at": 0,
                    "remote_id": "",
                    "channel_id": post["channel_id"],
                }
            )
            post["has_reactions"] = True
            post["update_at"] = max(post["update_at"], at)
            self._changed(post["channel_id"])

    # ----- internals -----

    def _changed(self, channel_id: str) -> None:
        self._sequences.pop(channel_id, None)

    def _new_id(self) -> str:
        return ids.random_id(self.rng)

    def _insert_post(
        self,
        channel_id: str,
        user_id: str,
        message: str,
        create_at: int,
        root_id: str = "",
        post_type: str = "",
        props: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        post = _post_row(self._new_id(), channel_id, user_id, message, create_at, root_id, post_type, props)
        if self.users.get(user_id, {}).get("is_bot"):
            post["props"].setdefault("from_bot", "true")
        self.posts[post["id"]] = post
        self.channel_rows.setdefault(channel_id, []).append(post["id"])
        if root_id:
            self._thread_replies.setdefault(root_id, []).append(post["id"])
        channel = self.channels[channel_id]
        if post_type not in JOIN_LEAVE_TYPES:
            channel["total_msg_count"] += 1
            if not root_id:
                channel["total_msg_count_root"] += 1
        channel["last_post_at"] = max(channel["last_post_at"], create_at)
        if not root_id:
            channel["last_root_post_at"] = max(channel["last_root_post_at"], create_at)
        self._changed(channel_id)
        return post

    def _attach_file(self, post: dict[str, Any], name: str, content: tuple[bytes | None, int, int]) -> None:
        blob, width, height = content
        mime = (
            mimetypes.guess_type(name.replace("\\", "_").replace("/", "_"))[0] or "application/octet-stream"
        )
        extension = name.rsplit(".", 1)[1].lower() if "." in name.strip(".") else ""
        info = {
            "id": self._new_id(),
            "user_id": post["user_id"],
            "post_id": post["id"],
            "channel_id": post["channel_id"],
            "create_at": post["create_at"],
            "update_at": post["create_at"],
            "delete_at": 0,
            "name": name,
            "extension": extension,
            "size": len(blob) if blob is not None else 48_213,
            "mime_type": mime,
            "width": width,
            "height": height,
            "has_preview_image": mime in INLINE_IMAGE_TYPES,
            "mini_preview": None,
            "remote_id": "",
            "archived": False,
        }
        self.files[info["id"]] = StoredFile(info, blob)
        post.setdefault("file_ids", []).append(info["id"])

    # ----- generation -----

    def _generate(self) -> None:
        self._generate_users()
        self._generate_emoji()
        self._generate_teams_and_channels()
        self._generate_direct_channels()
        for channel_id in list(self.channels):
            self._generate_posts(channel_id)
        if self.big_channel_posts is not None:
            self._add_big_channel(self.big_channel_posts)

    def _generate_users(self) -> None:
        for index, person in enumerate(PEOPLE):
            user_id = self._new_id()
            created = WORKSPACE_START - (60 - index) * DAY_MS
            user = {
                "id": user_id,
                "create_at": created,
                "update_at": created + DAY_MS,
                "delete_at": WORKSPACE_END - 90 * DAY_MS if person.deactivated else 0,
                "username": person.username,
                "auth_data": "",
                "auth_service": "",
                "email": f"{person.username}@example.org",
                "email_verified": True,
                "nickname": person.nickname,
                "first_name": person.first,
                "last_name": person.last,
                "position": person.position,
                "roles": "system_user",
                "props": {},
                "notify_props": {"desktop": "mention", "email": "true", "push": "mention"},
                "last_password_update": created,
                "last_picture_update": created + 2 * DAY_MS,
                "locale": person.locale,
                "timezone": {
                    "automaticTimezone": "Europe/Berlin",
                    "manualTimezone": "",
                    "useAutomaticTimezone": "true",
                },
                "disable_welcome_email": False,
                "is_bot": person.bot,
            }
            if person.bot:
                user["bot_description"] = "Meldet Ergebnisse der automatischen Builds."
                user["roles"] = "system_user"
            self.users[user_id] = user
            if person.username in ("anna", "mfa"):
                self.passwords[user_id] = DEMO_PASSWORD
            if person.username == "mfa":
                self.mfa_user_ids.add(user_id)
                user["mfa_active"] = True
            hue = _color_for(index)
            self.avatars[user_id] = blobs.png(64, 64, hue, (255, 255, 255))
        self.me_id = self._username_id("anna")

    def _generate_emoji(self) -> None:
        for index, (name, color) in enumerate(CUSTOM_EMOJI):
            emoji_id = self._new_id()
            at = WORKSPACE_START + index * DAY_MS
            self.emoji[emoji_id] = {
                "id": emoji_id,
                "creator_id": self.me_id,
                "name": name,
                "create_at": at,
                "update_at": at,
                "delete_at": 0,
            }
            self.emoji_images[emoji_id] = blobs.png(32, 32, (255, 255, 255), color)

    def _username_id(self, username: str) -> str:
        return next(uid for uid, u in self.users.items() if u["username"] == username)

    def _humans(self) -> list[str]:
        return [
            uid
            for uid, u in self.users.items()
            if not u["is_bot"] and u["delete_at"] == 0 and u["username"] != "mfa"
        ]

    def _generate_teams_and_channels(self) -> None:
        humans = self._humans()
        bot_id = self._username_id("ci-bot")
        mfa_id = self._username_id("mfa")
        for t_index, (team_name, display_name, channels) in enumerate(TEAMS):
            team_id = self._new_id()
            created = WORKSPACE_START - 40 * DAY_MS + t_index * DAY_MS
            self.teams[team_id] = {
                "id": team_id,
                "create_at": created,
                "update_at": created,
                "delete_at": 0,
                "display_name": display_name,
                "name": team_name,
                "description": f"Team {display_name}",
                "email": "",
                "type": "O",
                "company_name": "",
                "allowed_domains": "",
                "invite_id": self._new_id(),
                "allow_open_invite": False,
                "last_team_icon_update": 0,
                "scheme_id": None,
                "group_constrained": None,
                "policy_id": None,
                "cloud_limits_archived": False,
            }
            members = [*humans, bot_id, mfa_id]
            self.team_members[team_id] = members
            for c_index, (name, c_display, c_type, count, flags) in enumerate(channels):
                if name in ("town-square", "off-topic"):
                    chosen = list(humans)
                else:
                    others = [u for u in humans if u != self.me_id]
                    chosen = [self.me_id, *self.rng.sample(others, self.rng.randint(3, 9))]
                if "not_member" in flags:
                    chosen = [u for u in chosen if u != self.me_id]
                if "bot" in flags:
                    chosen.append(bot_id)
                channel = self._new_channel(
                    team_id, name, c_display, c_type, chosen, created + (c_index + 1) * DAY_MS
                )
                channel["props"] = {"demo_posts": count, "demo_flags": list(flags)}
                if "archived" in flags:
                    channel["delete_at"] = WORKSPACE_END - 120 * DAY_MS

    def _new_channel(
        self, team_id: str, name: str, display: str, c_type: str, members: list[str], created: int
    ) -> dict[str, Any]:
        channel_id = self._new_id()
        self.channels[channel_id] = {
            "id": channel_id,
            "create_at": created,
            "update_at": created,
            "delete_at": 0,
            "team_id": team_id,
            "type": c_type,
            "display_name": display,
            "name": name,
            "header": "",
            "purpose": "",
            "last_post_at": created,
            "total_msg_count": 0,
            "extra_update_at": 0,
            "creator_id": members[0] if members else "",
            "scheme_id": None,
            "props": None,
            "group_constrained": None,
            "shared": None,
            "total_msg_count_root": 0,
            "policy_id": None,
            "last_root_post_at": created,
            "policy_enforced": False,
            "default_category_name": "",
        }
        self.channel_members[channel_id] = list(dict.fromkeys(members))
        self.channel_rows[channel_id] = []
        return self.channels[channel_id]

    def _generate_direct_channels(self) -> None:
        me = self.me_id
        for index, partner in enumerate(DIRECT_PARTNERS):
            other = self._username_id(partner)
            low, high = sorted((me, other))
            channel = self._new_channel(
                "", f"{low}__{high}", "", "D", [me, other], WORKSPACE_START + index * DAY_MS
            )
            channel["props"] = {"demo_posts": 25, "demo_flags": []}
        for index, usernames in enumerate(GROUPS):
            user_ids = sorted(self._username_id(n) for n in usernames)
            name = hashlib.sha1("".join(user_ids).encode()).hexdigest()
            display = ", ".join(sorted(usernames))
            display = display.encode()[:64].decode("utf-8", "ignore")  # the real server cuts at 64 bytes
            channel = self._new_channel(
                "", name, display, "G", user_ids, WORKSPACE_START + (20 + index) * DAY_MS
            )
            channel["props"] = {"demo_posts": 30, "demo_flags": []}

    def _generate_posts(self, channel_id: str) -> None:
        channel = self.channels[channel_id]
        plan = channel["props"] or {}
        channel["props"] = None
        count, flags = plan.get("demo_posts", 0), set(plan.get("demo_flags", ()))
        if "not_member" not in flags and channel["type"] in "OP":
            self._system_joins(channel)
        end = channel["delete_at"] - DAY_MS if channel["delete_at"] else WORKSPACE_END - DAY_MS
        authors = [u for u in self.channel_members[channel_id] if not self.users[u]["is_bot"]]
        times = sorted(self.rng.randint(channel["create_at"] + DAY_MS, end) for _ in range(count))
        roots: list[dict[str, Any]] = []
        for at in times:
            author = self.rng.choice(authors)
            root = self.rng.choice(roots) if roots and self.rng.random() < 0.2 else None
            post = self._insert_post(
                channel_id, author, self._chat_message(), at, root_id=root["id"] if root else ""
            )
            if not root:
                roots.append(post)
            if self._decorate(post, authors, at) and post in roots:
                roots.remove(post)  # nobody replies to a deleted post
        if "thread" in flags:
            self._long_thread(channel, authors)
        if "flood" in flags:
            self._flood(channel, authors)
        if "markdown" in flags:
            self._special_posts(channel, authors)
        if "bot" in flags:
            self._bot_posts(channel)
        if "files" in flags:
            self._file_posts(channel, authors)
        if channel["type"] == "O" and count >= 30:
            self._header_change(channel, authors[0])

    def _decorate(self, post: dict[str, Any], authors: list[str], at: int) -> bool:
        """Reactions, edits, pins and deletions sprinkled over ordinary posts; True if it was deleted."""
        roll = self.rng.random()
        if roll < 0.15:
            for _ in range(self.rng.randint(1, 3)):
                name = self.rng.choice([*texts.SYSTEM_EMOJI_REACTIONS, "kaffee", "brezel"])
                self.add_reaction(post["id"], self.rng.choice(authors), name, at + self.rng.randint(1, 10**7))
        elif roll < 0.2:
            self.edit_post(post["id"], post["message"] + " (ergänzt)", at + self.rng.randint(60_000, 10**7))
        elif roll < 0.22:
            post["is_pinned"] = True
        elif roll < 0.24:
            self.delete_post(post["id"], at + self.rng.randint(60_000, 10**7))
            return True
        return False

    def _chat_message(self) -> str:
        message = self.rng.choice(texts.SENTENCES)
        if self.rng.random() < 0.4:
            message += " " + self.rng.choice(texts.SENTENCES)
        roll = self.rng.random()
        if roll < 0.08:
            message = f"@{self.users[self.rng.choice(list(self.users))]['username']} {message}"
        elif roll < 0.14:
            message += " " + self.rng.choice(texts.EMOJI_SHORTCODES)
        elif roll < 0.17:
            message += " Siehe ~town-square."
        return message

    def _system_joins(self, channel: dict[str, Any]) -> None:
        for offset, user_id in enumerate(self.channel_members[channel["id"]][:6]):
            username = self.users[user_id]["username"]
            self._insert_post(
                channel["id"],
                user_id,
                f"@{username} ist dem Kanal beigetreten.",
                channel["create_at"] + offset * 60_000 + 1,
                post_type="system_join_channel",
                props={"username": username},
            )

    def _header_change(self, channel: dict[str, Any], user_id: str) -> None:
        username = self.users[user_id]["username"]
        new_header = f"Alles rund um {channel['display_name']} – bitte freundlich bleiben"
        at = channel["create_at"] + 2 * DAY_MS
        self._insert_post(
            channel["id"],
            user_id,
            f"@{username} hat die Kanalüberschrift aktualisiert: {new_header}",
            at,
            post_type="system_header_change",
            props={"username": username, "old_header": "", "new_header": new_header},
        )
        channel["header"] = new_header
        leaver = self.channel_members[channel["id"]][-1]
        self._insert_post(
            channel["id"],
            leaver,
            f"@{self.users[leaver]['username']} hat den Kanal verlassen.",
            at + DAY_MS,
            post_type="system_leave_channel",
            props={"username": self.users[leaver]["username"]},
        )

    def _long_thread(self, channel: dict[str, Any], authors: list[str]) -> None:
        at = WORKSPACE_END - 200 * DAY_MS
        root = self._insert_post(
            channel["id"], self.me_id, "Sammelthread: Fragen und Antworten zum Projektabschluss", at
        )
        root["is_pinned"] = True
        for index in range(LONG_THREAD_REPLIES):
            author = authors[index % len(authors)]
            at += self.rng.randint(1_000, 3_600_000)
            self._insert_post(
                channel["id"], author, f"Antwort {index + 1}: {self._chat_message()}", at, root["id"]
            )

    def _flood(self, channel: dict[str, Any], authors: list[str]) -> None:
        """An import: hundreds of posts sharing one millisecond, crossing several 200-post pages."""
        at = WORKSPACE_END - 300 * DAY_MS
        for index in range(FLOOD_POSTS):
            self._insert_post(
                channel["id"],
                authors[index % len(authors)],
                f"Importierte Nachricht {index + 1} aus dem Altsystem",
                at,
            )

    def _special_posts(self, channel: dict[str, Any], authors: list[str]) -> None:
        at = WORKSPACE_END - 50 * DAY_MS
        showcase = self._insert_post(channel["id"], self.me_id, texts.MARKDOWN_SHOWCASE, at)
        self.add_reaction(showcase["id"], authors[1 % len(authors)], "+1", at + 5_000)
        self.add_reaction(showcase["id"], authors[2 % len(authors)], "kaffee", at + 6_000)
        self.add_reaction(showcase["id"], self.me_id, "smile", at + 7_000)
        self._insert_post(channel["id"], authors[1 % len(authors)], texts.HOSTILE_MESSAGE, at + 60_000)
        edited = self._insert_post(channel["id"], self.me_id, "Erste Fassung mit Tippfehlr", at + 120_000)
        self.edit_post(edited["id"], "Zweite Fassung mit Tippfehler", at + 180_000)
        self.edit_post(edited["id"], "Dritte Fassung, jetzt ohne Tippfehler", at + 240_000)
        gone = self._insert_post(channel["id"], authors[0], "Diese Nachricht wird gelöscht.", at + 300_000)
        self.delete_post(gone["id"], at + 360_000)

    def _bot_posts(self, channel: dict[str, Any]) -> None:
        bot_id = self._username_id("ci-bot")
        at = WORKSPACE_END - 40 * DAY_MS
        for number, (ok, branch) in enumerate([(True, "main"), (False, "feature/export")], start=41):
            attachment = {
                "fallback": f"Build #{number} {'erfolgreich' if ok else 'fehlgeschlagen'}",
                "color": "#2eb886" if ok else "#d00000",
                "pretext": "Automatischer Build",
                "author_name": "CI",
                "title": f"Build #{number} {'erfolgreich' if ok else 'fehlgeschlagen'}",
                "title_link": f"https://ci.example.org/builds/{number}",
                "text": "Alle Tests bestanden." if ok else "3 Tests **fehlgeschlagen**.",
                "fields": [
                    {"title": "Branch", "value": branch, "short": True},
                    {"title": "Dauer", "value": "4 min 12 s", "short": True},
                ],
                "footer": "ci.example.org",
            }
            self._insert_post(
                channel["id"],
                bot_id,
                "",
                at + number * 60_000,
                post_type="slack_attachment",
                props={"from_bot": "true", "attachments": [attachment]},
            )

    def _file_posts(self, channel: dict[str, Any], authors: list[str]) -> None:
        at = WORKSPACE_END - 30 * DAY_MS + self.rng.randint(0, DAY_MS)
        if channel["name"] == "messdaten":
            post = self._insert_post(channel["id"], authors[0], "Diagramm der Messreihe", at)
            self._attach_file(
                post,
                "Messreihe Übersicht.png",
                (blobs.png(320, 200, (30, 90, 160), (250, 200, 40)), 320, 200),
            )
            return
        for index, (name, message) in enumerate(HOSTILE_FILES):
            post = self._insert_post(
                channel["id"], authors[index % len(authors)], message, at + index * 60_000
            )
            self._attach_file(post, name, _blob_for_name(name))
        post = self._insert_post(channel["id"], self.me_id, "Zwei Bilder auf einmal", at + 3_600_000)
        self._attach_file(
            post,
            "Präsentation Übersicht.png",
            (blobs.png(240, 160, (200, 60, 60), (255, 255, 255)), 240, 160),
        )
        self._attach_file(post, "Foto vom Labor 📷.jpg", (blobs.jpeg(160, 120, (60, 140, 90)), 160, 120))
        missing = self._insert_post(
            channel["id"], authors[0], "Das Original ist leider verschwunden", at + 7_200_000
        )
        self._attach_file(missing, "verschwunden.pdf", (None, 0, 0))

    def _add_big_channel(self, count: int) -> None:
        team_id = next(iter(self.teams))
        humans = self._humans()
        channel = self._new_channel(team_id, BIG_CHANNEL_NAME, "Großer Kanal", "O", humans, WORKSPACE_START)
        self.big = BigChannelPosts(channel["id"], humans, count, self.seed)
        channel["total_msg_count"] = count
        channel["total_msg_count_root"] = count
        channel["last_post_at"] = channel["last_root_post_at"] = max(
            self.big.last_create_at(), channel["create_at"]
        )


HOSTILE_FILES = [
    ("Protokoll Sitzung März.pdf", "Protokoll der letzten Sitzung"),
    ("notizen.txt", "Meine Notizen"),
    ("../../etc/passwd", "Seltsamer Dateiname vom Altsystem"),
    ("CON", "Noch ein seltsamer Name"),
    ("a\\b/c:d*?.txt", "Sonderzeichen im Namen"),
    ("Bericht final...", "Punkte am Ende"),
    ("Sehr_langer_Dateiname_" * 12 + "Ende.txt", "Sehr langer Name"),
    ("Grüße 🎉 Übersicht.txt", "Umlaute und Emoji"),
    ("seite.html", "HTML-Datei mit Skript"),
]


def _blob_for_name(name: str) -> tuple[bytes | None, int, int]:
    lower = name.lower()
    if lower.endswith(".png"):
        return blobs.png(48, 48, (120, 40, 160), (240, 240, 240)), 48, 48
    if lower.endswith((".jpg", ".jpeg")):
        return blobs.jpeg(64, 48, (200, 120, 40)), 64, 48
    if lower.endswith(".pdf"):
        return blobs.pdf("Protokoll", ["Anwesend: Anna, Bernd, Claudia", "Ergebnis: alles erledigt."]), 0, 0
    if lower.endswith(".html"):
        return b"<html><body><script>alert('x')</script>Hallo</body></html>\n", 0, 0
    return f"Inhalt der Datei {name}\nZweite Zeile mit Umlauten: äöü ß\n".encode(), 0, 0


def _by_time(post: dict[str, Any]) -> tuple[int, str]:
    return post["create_at"], post["id"]


def _color_for(index: int) -> tuple[int, int, int]:
    palette = [(0, 84, 159), (204, 7, 30), (87, 171, 39), (246, 168, 0), (97, 33, 88), (0, 152, 161)]
    return palette[index % len(palette)]
