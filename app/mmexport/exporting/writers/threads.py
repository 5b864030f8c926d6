"""Threads and pages of one chat, read from posts.jsonl without holding the chat in memory.

posts.jsonl is ordered by time, so a thread's replies come long after its root. The viewer and
messages.txt show each reply under its root. A chat can have a million posts, so the index keeps nothing
per plain post, only compact arrays (no Python object per entry):
- a first pass collects the ids of roots that replies point at (as 64-bit hashes in an array table);
- a second pass numbers the top-level posts (roots, and replies whose root is not in the archive), and
  remembers for each thread its root's number and its replies' byte offsets, and every
  CHECKPOINT_EVERY-th top-level post's offset, so a page can start reading in the middle of the file.
Writers then stream one page at a time: the page's lines in order, the replies read by offset.
"""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

PAGE_SIZE = 2000  # messages per HTML page (replies count too): about 1-3 MB of HTML
CHECKPOINT_EVERY = 64  # top-level posts between two remembered offsets

# The engine writes a post's fields in the server's order (id, create_at, ..., root_id, ..., message,
# props, ...). Finding the top-level "root_id" with bytes.find is ten times faster than json.loads: it is
# top-level when no object or list opens before it (inside a JSON string every quote is escaped, so
# '"root_id"' followed by ':' cannot come from a string). A line of any other shape is parsed in full.
_ID = re.compile(rb'\{\s*"id"\s*:\s*"([0-9A-Za-z_-]*)"')
_ROOT_ID = re.compile(rb'"root_id"\s*:\s*"([0-9A-Za-z_-]*)"')


def _root_of(line: bytes) -> bytes | None:
    """The root_id of the post on this line (b"" for a root), None when the line holds no post."""
    at = line.find(b'"root_id"')
    if at > 0 and line.find(b"{", 1, at) < 0 and line.find(b"[", 1, at) < 0 and line[:1] == b"{":
        match = _ROOT_ID.match(line, at)
        if match:
            return match.group(1)
    head = _parsed_head(line)
    return head[1] if head else None


def _id_and_root(line: bytes) -> tuple[bytes, bytes] | None:
    """(id, root_id) of the post on this line, None when the line holds no post."""
    root = _root_of(line)
    if root is None:
        return None
    match = _ID.match(line)
    if match:
        return match.group(1), root
    head = _parsed_head(line)
    return (head[0], root) if head else None


def _parsed_head(line: bytes) -> tuple[bytes, bytes] | None:
    post = _loads(line)
    if post is None:
        return None
    return str(post.get("id", "")).encode(), str(post.get("root_id") or "").encode()


def _loads(line: bytes) -> dict | None:
    try:
        post = orjson.loads(line)
    except orjson.JSONDecodeError:
        try:  # what orjson refuses but json reads: NaN, huge numbers
            post = json.loads(line)
        except ValueError:
            return None
    return post if isinstance(post, dict) else None


def _post_from_line(line: bytes) -> dict | None:
    """The post on one line; a line the index counted but cannot read in full shows as an empty message."""
    post = _loads(line)
    if post is not None:
        return post
    head = _id_and_root(line)
    if head is None:
        return None
    return {"id": head[0].decode(), "create_at": 0, "root_id": head[1].decode(), "message": ""}


def _id_hash(post_id: bytes) -> int:
    # 0 marks an empty slot in _HashTable. Python's bytes hash is a 64-bit SipHash: two different ids of
    # one chat share a hash with a chance of about 1e-8 in a million posts.
    return hash(post_id) or 1


class _HashTable:
    """id hash -> thread number (-1: none yet), open addressing in two arrays: ~24 bytes per entry."""

    def __init__(self, capacity: int = 1024):
        self._keys = array("q", bytes(8 * capacity))
        self._values = array("i", [-1]) * capacity
        self._mask = capacity - 1
        self.size = 0

    def _slot(self, key: int) -> int:
        keys, mask = self._keys, self._mask
        slot = key & mask
        while True:
            found = keys[slot]
            if found == key or found == 0:
                return slot
            slot = (slot + 1) & mask

    def add(self, key: int) -> None:
        slot = self._slot(key)
        if self._keys[slot] == 0:
            self._keys[slot] = key
            self.size += 1
            if self.size * 3 > len(self._keys) * 2:
                self._grow()

    def get(self, key: int) -> int | None:
        """The value, or None when the key was never added."""
        slot = self._slot(key)
        return self._values[slot] if self._keys[slot] == key else None

    def set(self, key: int, value: int) -> None:
        self._values[self._slot(key)] = value

    def _grow(self) -> None:
        old_keys, old_values = self._keys, self._values
        capacity = len(old_keys) * 2
        self._keys = array("q", bytes(8 * capacity))
        self._values = array("i", [-1]) * capacity
        self._mask = capacity - 1
        for key, value in zip(old_keys, old_values, strict=True):
            if key:
                slot = self._slot(key)
                self._keys[slot] = key
                self._values[slot] = value


@dataclass
class Page:
    number: int  # 1 = newest
    first_root: int  # number of the first top-level post on the page (0 = oldest of the chat)
    end_root: int  # exclusive
    first_at: int  # create_at of the first root on the page
    messages: int
    start_offset: int = 0  # byte offset of the first root's line
    end_offset: int = 0  # byte offset where the next page starts (or the end of the indexed lines)


@dataclass
class ThreadSlice:
    """What reading the top-level posts [first_root, end_root) needs; small and picklable."""

    path: Path
    first_root: int
    end_root: int
    start_offset: int
    end_offset: int
    thread_roots: array = field(default_factory=lambda: array("q"))  # numbers of roots with a thread
    reply_counts: array = field(default_factory=lambda: array("i"))
    reply_offsets: array = field(default_factory=lambda: array("q"))  # thread after thread, oldest first
    skip_offsets: array = field(default_factory=lambda: array("q"))  # replies shown under their root

    @property
    def roots(self) -> int:
        return self.end_root - self.first_root

    def threads(self) -> Iterator[tuple[dict, list[dict], bool]]:
        """(top-level post, its replies oldest first, whether it is a reply whose root is missing)."""
        if self.roots <= 0:
            return
        skip, skipped = self.skip_offsets, 0
        thread, replies_at = 0, 0
        number = self.first_root
        with open(self.path, "rb") as stream, open(self.path, "rb") as lookup:
            stream.seek(self.start_offset)
            offset = self.start_offset
            while number < self.end_root:
                line = stream.readline()
                start, offset = offset, offset + len(line)
                if not line.endswith(b"\n"):
                    return  # the end, or a torn last line from a killed write: not trusted
                if skipped < len(skip) and skip[skipped] == start:
                    skipped += 1
                    continue
                post = _post_from_line(line)
                if post is None:
                    continue
                replies: list[dict] = []
                if thread < len(self.thread_roots) and self.thread_roots[thread] == number:
                    count = self.reply_counts[thread]
                    for reply_offset in self.reply_offsets[replies_at : replies_at + count]:
                        lookup.seek(reply_offset)
                        reply = _post_from_line(lookup.readline())
                        if reply is not None:
                            replies.append(reply)
                    replies_at += count
                    thread += 1
                yield post, replies, bool(post.get("root_id"))
                number += 1


class ThreadIndex:
    """Where the top-level posts and the threads' replies are in one posts.jsonl."""

    def __init__(self, path: Path):
        self.path = path
        self.total = 0  # posts
        self.roots = 0  # top-level posts: roots and replies whose root is not in the archive
        self.end_offset = 0  # where the indexed lines end
        self.thread_roots = array("q")  # number of each thread's root, ascending
        self.thread_first = array("i")  # index into reply_offsets of each thread's first reply, -1: none
        self.thread_last = array("i")
        self.reply_counts = array("i")
        self.reply_offsets = array("q")  # replies shown under their root, in file order
        self.reply_next = array("i")  # next reply of the same thread, -1: none
        self.checkpoints = array("q")  # offset of top-level post number k * CHECKPOINT_EVERY

    @classmethod
    def build(cls, path: Path) -> ThreadIndex:
        index = cls(path)
        if path.exists():
            index._index(_referenced_roots(path))
        return index

    def _index(self, table: _HashTable) -> None:
        offset = 0
        with open(self.path, "rb") as f:
            for line in f:
                start, offset = offset, offset + len(line)
                if not line.endswith(b"\n"):
                    offset = start
                    break  # a torn last line from a killed write is not trusted
                head = _id_and_root(line)
                if head is None:
                    continue
                post_id, root_id = head
                self.total += 1
                if root_id:
                    thread = table.get(_id_hash(root_id))
                    if thread is not None and thread >= 0:
                        self._add_reply(thread, start)
                        continue
                else:
                    key = _id_hash(post_id)
                    if table.get(key) == -1:  # a root that replies point at, seen for the first time
                        table.set(key, len(self.thread_roots))
                        self._add_thread(self.roots)
                if self.roots % CHECKPOINT_EVERY == 0:
                    self.checkpoints.append(start)
                self.roots += 1
        self.end_offset = offset

    def _add_thread(self, root_number: int) -> None:
        self.thread_roots.append(root_number)
        self.thread_first.append(-1)
        self.thread_last.append(-1)
        self.reply_counts.append(0)

    def _add_reply(self, thread: int, offset: int) -> None:
        reply = len(self.reply_offsets)
        self.reply_offsets.append(offset)
        self.reply_next.append(-1)
        if self.thread_first[thread] < 0:
            self.thread_first[thread] = reply
        else:
            self.reply_next[self.thread_last[thread]] = reply
        self.thread_last[thread] = reply
        self.reply_counts[thread] += 1

    # --- pages ---------------------------------------------------------------------------------------

    def paginate(self, page_size: int = PAGE_SIZE) -> list[Page]:
        """Pages numbered from the newest (page 1 = messages.html), each about page_size messages.
        A thread stays on its root's page."""
        if not self.roots:
            return [Page(1, 0, 0, 0, 0, 0, 0)]
        chunks = _page_chunks(self.roots, self.thread_roots, self.reply_counts, page_size)
        starts = self._locate(sorted(first for first, _, _ in chunks))
        starts[self.roots] = (self.end_offset, 0)
        return [
            Page(n, first, end, starts[first][1], messages, starts[first][0], starts[end][0])
            for n, (first, end, messages) in enumerate(chunks, start=1)
        ]

    def _locate(self, numbers: list[int]) -> dict[int, tuple[int, int]]:
        """Byte offset and create_at of the given top-level posts (ascending): from the nearest
        checkpoint, read forward."""
        found: dict[int, tuple[int, int]] = {}
        with open(self.path, "rb") as f:
            for wanted in numbers:
                number = (wanted // CHECKPOINT_EVERY) * CHECKPOINT_EVERY
                offset = self.checkpoints[wanted // CHECKPOINT_EVERY]
                skip = bisect_left(self.reply_offsets, offset)
                f.seek(offset)
                while True:
                    line = f.readline()
                    if not line:
                        raise ValueError(f"{self.path} changed while it was being rendered")
                    start, offset = offset, offset + len(line)
                    if skip < len(self.reply_offsets) and self.reply_offsets[skip] == start:
                        skip += 1
                        continue
                    if _id_and_root(line) is None:
                        continue
                    if number == wanted:
                        post = _post_from_line(line) or {}
                        found[wanted] = (start, int(post.get("create_at") or 0))
                        break
                    number += 1
        return found

    def slice(self, page: Page) -> ThreadSlice:
        """The part of the index one page needs."""
        return self._slice(page.first_root, page.end_root, page.start_offset, page.end_offset)

    def whole(self) -> ThreadSlice:
        return self._slice(0, self.roots, 0, self.end_offset)

    def _slice(self, first_root: int, end_root: int, start_offset: int, end_offset: int) -> ThreadSlice:
        part = ThreadSlice(self.path, first_root, end_root, start_offset, end_offset)
        for thread in range(
            bisect_left(self.thread_roots, first_root), bisect_left(self.thread_roots, end_root)
        ):
            part.thread_roots.append(self.thread_roots[thread])
            part.reply_counts.append(self.reply_counts[thread])
            reply = self.thread_first[thread]
            while reply >= 0:
                part.reply_offsets.append(self.reply_offsets[reply])
                reply = self.reply_next[reply]
        first_skip = bisect_left(self.reply_offsets, start_offset)
        part.skip_offsets = self.reply_offsets[first_skip : bisect_left(self.reply_offsets, end_offset)]
        return part


def _referenced_roots(path: Path) -> _HashTable:
    """The first pass: hashes of the ids that replies name as their root."""
    table = _HashTable()
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            root_id = _root_of(line)
            if root_id:
                table.add(_id_hash(root_id))
    return table


def _page_chunks(
    roots: int, thread_roots: array, reply_counts: array, page_size: int
) -> list[tuple[int, int, int]]:
    """(first_root, end_root, messages) per page, newest first: from the newest post backwards, a page
    ends once it holds page_size messages (a root counts with its replies). Runs of posts without
    replies are skipped over arithmetically, so this costs O(threads + pages), not O(posts)."""
    chunks: list[tuple[int, int, int]] = []
    end, count = roots, 0
    position = roots - 1
    thread = len(thread_roots) - 1
    while position >= 0:
        next_thread = thread_roots[thread] if thread >= 0 else -1
        if position == next_thread:
            count += 1 + reply_counts[thread]
            thread -= 1
            if count >= page_size and position > 0:
                chunks.append((position, end, count))
                end, count = position, 0
            position -= 1
            continue
        run = position - next_thread  # posts position, position-1, ..., next_thread+1 count 1 each
        need = page_size - count
        if need <= run and position - need + 1 > 0:
            boundary = position - need + 1
            chunks.append((boundary, end, page_size))
            end, count = boundary, 0
            position = boundary - 1
        else:
            count += run
            position = next_thread
    chunks.append((0, end, count))
    return chunks
