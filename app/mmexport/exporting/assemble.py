"""From fetched pages to posts.jsonl: oldest first, ordered by (create_at, id), each post id once.

Pages come newest first and may overlap (the anchor page with page 0; equal timestamps across page
boundaries), so the stream is put in order through a small buffer of posts that share one millisecond. Memory
stays flat in the size of the channel: only one page and one millisecond's posts are held at a time.
"""

from __future__ import annotations

import heapq
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mmexport.exporting.archive import iter_jsonl

ANCHOR_PAGE = "anchor.jsonl"
MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9._-]{0,63})", re.IGNORECASE)


def page_file(pages_dir: Path, n: int) -> Path:
    return pages_dir / f"{n:06d}.jsonl"


def dumps_post(post: dict) -> str:
    return json.dumps(post, ensure_ascii=False, separators=(",", ":"))


def sort_key(post: dict) -> tuple[int, str]:
    return (int(post.get("create_at") or 0), str(post.get("id", "")))


def posts_from_pages(pages_dir: Path, anchor_create_at: int, last_page: int | None) -> Iterator[dict]:
    """Every fetched post, oldest first by create_at (ties in any order, duplicates possible)."""
    if last_page is not None:
        for n in range(last_page, -1, -1):
            yield from reversed(list(iter_jsonl(page_file(pages_dir, n))))
        # The before-pages hold everything older than the anchor; from the anchor page only its millisecond.
        anchor_posts = [p for p in iter_jsonl(pages_dir / ANCHOR_PAGE) if p["create_at"] >= anchor_create_at]
    else:
        anchor_posts = list(iter_jsonl(pages_dir / ANCHOR_PAGE))  # a short anchor page is the whole channel
    yield from reversed(anchor_posts)


def in_order_once(posts: Iterable[dict]) -> Iterator[dict]:
    """Sorts a stream that is already ordered by create_at into (create_at, id) order, dropping repeats.

    The last copy of a repeated id wins (later sources are newer versions)."""
    bucket: dict[str, dict] = {}
    bucket_time: int | None = None
    for post in posts:
        created = int(post.get("create_at") or 0)
        if bucket_time is not None and created != bucket_time:
            if created < bucket_time:
                raise ValueError("posts are not in create_at order")
            yield from (bucket[k] for k in sorted(bucket))
            bucket = {}
        bucket_time = created
        bucket[str(post.get("id", ""))] = post
    yield from (bucket[k] for k in sorted(bucket))


def merge_with_existing(existing: Iterable[dict], new: Iterable[dict]) -> Iterator[dict]:
    """Both streams sorted by (create_at, id); a post in both comes out once, in its new version."""
    tagged_old = ((sort_key(p), 0, p) for p in existing)
    tagged_new = ((sort_key(p), 1, p) for p in new)
    previous: tuple | None = None
    held: dict | None = None
    for key, _, post in heapq.merge(tagged_old, tagged_new, key=lambda item: (item[0], item[1])):
        if previous is not None and key == previous:
            held = post  # same id and time: the new version replaces the old one
            continue
        if held is not None:
            yield held
        previous, held = key, post
    if held is not None:
        yield held


@dataclass
class ChannelSummary:
    posts: int = 0
    newest_create_at: int | None = None
    user_ids: set[str] = field(default_factory=set)
    usernames: set[str] = field(default_factory=set)


def note_people(post: dict, summary: ChannelSummary) -> None:
    """Remembers everyone a post refers to: author, reactors, added/removed users, @mentions."""
    if post.get("user_id"):
        summary.user_ids.add(post["user_id"])
    props = post.get("props") or {}
    for key in ("addedUserId", "removedUserId", "userId"):
        if isinstance(props.get(key), str) and props[key]:
            summary.user_ids.add(props[key])
    for reaction in (post.get("metadata") or {}).get("reactions") or []:
        if reaction.get("user_id"):
            summary.user_ids.add(reaction["user_id"])
    for name in MENTION.findall(post.get("message") or ""):
        summary.usernames.add(name.rstrip(".").lower())


def summarize_posts(posts: Iterable[dict]) -> ChannelSummary:
    summary = ChannelSummary()
    for post in posts:
        _count(post, summary)
    return summary


def _count(post: dict, summary: ChannelSummary) -> None:
    summary.posts += 1
    summary.newest_create_at = max(summary.newest_create_at or 0, int(post.get("create_at") or 0))
    note_people(post, summary)


def write_posts(path: Path, posts: Iterable[dict], edits: dict[str, dict] | None = None) -> ChannelSummary:
    """Writes posts.jsonl atomically and returns what the rest of the export needs to know about it."""
    summary = ChannelSummary()
    edits = edits or {}
    tmp = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for post in posts:
            post = edits.get(post.get("id"), post)
            f.write(dumps_post(post) + "\n")
            _count(post, summary)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return summary
