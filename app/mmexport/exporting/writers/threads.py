"""Threads and pages of one chat, read from posts.jsonl without holding the chat in memory.

posts.jsonl is ordered by time, so a thread's replies come long after its root. The viewer and
messages.txt show each reply under its root, so a first pass remembers only where each line starts
(byte offsets) and which root each reply belongs to; writers then read the posts of one page at a time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PAGE_SIZE = 2000  # messages per HTML page (replies count too): about 1-3 MB of HTML

# The server writes a post's fields in a fixed order (id, create_at, ..., root_id, ..., message, props, ...);
# reading the three the index needs from the start of the line is five times faster than json.loads.
# Only plain values may lie between them, so a "root_id" inside props or an embed can never match;
# a line of any other shape is parsed in full.
_POST_HEAD = re.compile(
    rb'\{\s*"id"\s*:\s*"([0-9A-Za-z_-]*)"\s*,\s*"create_at"\s*:\s*(\d+)\s*,'
    rb'(?:[^{}\[\]"]|"[^"\\]*")*?"root_id"\s*:\s*"([0-9A-Za-z_-]*)"'
)


def _id_time_root(line: bytes) -> tuple[str, int, str] | None:
    match = _POST_HEAD.match(line)
    if match:
        return match.group(1).decode(), int(match.group(2)), match.group(3).decode()
    try:
        post = json.loads(line)
    except ValueError:
        return None
    if not isinstance(post, dict):
        return None
    return str(post.get("id", "")), int(post.get("create_at") or 0), str(post.get("root_id") or "")


@dataclass
class Page:
    number: int  # 1 = newest
    first_root: int  # index into ThreadIndex.roots
    end_root: int  # exclusive
    first_at: int  # create_at of the first root on the page
    last_at: int
    messages: int


@dataclass
class ThreadIndex:
    """Where the top-level posts and their replies are in posts.jsonl."""

    path: Path
    roots: list[int] = field(default_factory=list)  # byte offsets of top-level posts, oldest first
    root_ids: list[str] = field(default_factory=list)
    root_times: list[int] = field(default_factory=list)
    replies: dict[str, list[int]] = field(default_factory=dict)  # root id -> reply offsets, oldest first
    orphans: set[int] = field(default_factory=set)  # offsets of replies whose root is not in the archive
    total: int = 0

    @classmethod
    def build(cls, path: Path) -> ThreadIndex:
        index = cls(path=path)
        root_positions: set[str] = set()
        offset = 0
        if not path.exists():
            return index
        with open(path, "rb") as f:
            for line in f:
                start, offset = offset, offset + len(line)
                if not line.endswith(b"\n"):
                    break  # a torn last line from a killed write is not trusted
                head = _id_time_root(line)
                if head is None:
                    continue
                post_id, create_at, root_id = head
                index.total += 1
                if root_id and root_id in root_positions:
                    index.replies.setdefault(root_id, []).append(start)
                    continue
                if root_id:
                    index.orphans.add(start)
                else:
                    root_positions.add(post_id)
                index.roots.append(start)
                index.root_ids.append(post_id)
                index.root_times.append(create_at)
        return index

    def slice(self, first_root: int, end_root: int) -> ThreadIndex:
        """The part of the index for roots [first_root, end_root): what one page needs."""
        root_ids = self.root_ids[first_root:end_root]
        roots = self.roots[first_root:end_root]
        return ThreadIndex(
            path=self.path,
            roots=roots,
            root_ids=root_ids,
            root_times=self.root_times[first_root:end_root],
            replies={rid: self.replies[rid] for rid in root_ids if rid in self.replies},
            orphans={offset for offset in roots if offset in self.orphans},
            total=0,
        )

    def reply_count(self, root_position: int) -> int:
        return len(self.replies.get(self.root_ids[root_position], ()))

    def paginate(self, page_size: int = PAGE_SIZE) -> list[Page]:
        """Pages numbered from the newest (page 1 = messages.html), each about page_size messages.
        A thread stays on its root's page."""
        if not self.roots:
            return [Page(1, 0, 0, 0, 0, 0)]
        chunks: list[tuple[int, int, int]] = []  # (first_root, end_root, messages), newest first
        end = len(self.roots)
        count = 0
        for position in range(len(self.roots) - 1, -1, -1):
            count += 1 + self.reply_count(position)
            if count >= page_size and position > 0:
                chunks.append((position, end, count))
                end, count = position, 0
        chunks.append((0, end, count))
        return [
            Page(n, first, last, self.root_times[first], self.root_times[last - 1], messages)
            for n, (first, last, messages) in enumerate(chunks, start=1)
        ]


class PostReader:
    """Reads posts by byte offset from one posts.jsonl (kept open while a chat is rendered)."""

    def __init__(self, path: Path):
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()/context manager

    def __enter__(self) -> PostReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def read(self, offset: int) -> dict:
        self._file.seek(offset)
        return json.loads(self._file.readline())

    def threads(
        self, index: ThreadIndex, first_root: int, end_root: int
    ) -> Iterator[tuple[dict, list[dict]]]:
        """(root post, its replies oldest first) for the top-level posts in [first_root, end_root)."""
        for position in range(first_root, end_root):
            root = self.read(index.roots[position])
            offsets = index.replies.get(index.root_ids[position], ())
            yield root, [self.read(offset) for offset in offsets]
