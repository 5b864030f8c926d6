"""The demo server's model: the workspace's users, teams, channels, posts and files, the queries the API
answers from and the mutations tests use. demo/seed.py holds the seed tables, demo/generate.py fills a
Workspace from them (`generated_workspace`).

Objects are stored the way the real server serializes them (plain dicts with the server's field names);
the server module turns them into responses. All public methods are thread-safe.

The optional big channel holds its posts virtually: a post is computed from its index, so a channel of a
million posts costs no memory and a page is a few arithmetic steps.
"""

from __future__ import annotations

import bisect
import copy
import mimetypes
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from mmexport.demo import ids, texts
from mmexport.demo.blobs import blob_for_name
from mmexport.demo.seed import DAY_MS, WORKSPACE_END, WORKSPACE_START
from mmexport.mattermost.naming import JOIN_LEAVE_TYPES

INLINE_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/bmp")


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class StoredFile:
    info: dict[str, Any]
    blob: bytes | None  # None: the info row exists but the storage lost the file


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

    def is_system_admin(self, user_id: str) -> bool:
        user = self.users.get(user_id)
        return user is not None and "system_admin" in str(user.get("roles", "")).split()

    def can_read_channel(self, channel_id: str, user_id: str) -> bool:
        with self.lock:
            channel = self.channels.get(channel_id)
            if channel is None:
                return False
            if self.is_member(channel_id, user_id):
                return True
            # The system_admin role grants read_channel everywhere, other people's DMs included.
            if self.is_system_admin(user_id):
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
                self._attach_file(post, name, blob_for_name(name))
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


def _by_time(post: dict[str, Any]) -> tuple[int, str]:
    return post["create_at"], post["id"]
