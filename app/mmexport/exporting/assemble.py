"""From fetched pages to posts.jsonl: oldest first, ordered by (create_at, id), each post id once.

A page file is our own intermediate: each line carries its sort key in front of the post's JSON
(`<create_at> <id> <json>`), and a last line `#END {...}` holds what the rest of the export needs to know about
the page (count, people, attachments). A page without that line is torn and fetched again. Assembly then sorts
and writes strings without parsing a single post, which keeps it fast and its memory flat: only one page and
one millisecond's posts are held at a time.
"""

from __future__ import annotations

import heapq
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from mmexport.archive.layout import atomic_file, atomic_write_text
from mmexport.mattermost.naming import JOIN_LEAVE_TYPES

END = "#END "
MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9._-]{0,63})", re.IGNORECASE)
# How our own compact dumps of a server post begin; other shapes fall back to json.loads.
_KEY_PREFIX = re.compile(r'\{"id":"([^"\\]+)","create_at":(-?\d+)')

Entry = tuple[int, str, str]  # (create_at, id, the post's JSON as the server sent it)


def page_file(pages_dir: Path, segment: int, n: int) -> Path:
    """Page n (from 0) of a channel's segment (from 0, the newest): the names sort newest first."""
    return pages_dir / f"{segment:03d}-{n:06d}.jsonl"


def dumps_post(post: dict) -> str:
    """Compact JSON, UTF-8 kept as it is, keys in the server's order (orjson: 5x faster than json)."""
    return orjson.dumps(post).decode()


def entry_of(post: dict) -> Entry:
    return (int(post.get("create_at") or 0), str(post.get("id", "")), dumps_post(post))


def entry_of_line(line: str) -> Entry:
    """The sort key of a posts.jsonl line, read without parsing the whole post where possible."""
    match = _KEY_PREFIX.match(line)
    if match:
        return (int(match.group(2)), match.group(1), line)
    post = json.loads(line)
    return (int(post.get("create_at") or 0), str(post.get("id", "")), line)


# ----- what a page (or a whole channel) refers to -----


@dataclass
class PeopleAndFiles:
    user_ids: set[str] = field(default_factory=set)
    usernames: set[str] = field(default_factory=set)
    files: list[list] = field(default_factory=list)  # [post create_at, post id, file id, name, size]

    def add_post(self, post: dict) -> None:
        if post.get("user_id"):
            self.user_ids.add(post["user_id"])
        props = post.get("props")
        if props:
            for key in ("addedUserId", "removedUserId", "userId"):
                value = props.get(key)
                if value and isinstance(value, str):
                    self.user_ids.add(value)
        message = post.get("message") or ""
        if "@" in message:
            self.usernames.update(name.rstrip(".").lower() for name in MENTION.findall(message))
        metadata = post.get("metadata")
        if metadata:
            for reaction in metadata.get("reactions") or ():
                if reaction.get("user_id"):
                    self.user_ids.add(reaction["user_id"])
        if post.get("file_ids") or (metadata and metadata.get("files")):
            self._add_files(post, metadata or {})

    def _add_files(self, post: dict, metadata: dict) -> None:
        infos = {f.get("id"): f for f in metadata.get("files") or [] if f.get("id")}
        for file_id in dict.fromkeys([*(post.get("file_ids") or []), *infos]):
            info = infos.get(file_id, {})
            self.files.append(
                [
                    int(post.get("create_at") or 0),
                    post.get("id", ""),
                    file_id,
                    info.get("name"),
                    info.get("size"),
                ]
            )

    def update(self, meta: dict) -> None:
        self.user_ids.update(meta.get("users", []))
        self.usernames.update(meta.get("names", []))
        self.files.extend(meta.get("files", []))

    def to_meta(self) -> dict:
        return {"users": sorted(self.user_ids), "names": sorted(self.usernames), "files": self.files}


@dataclass
class Page:
    entries: list[Entry]  # newest first, as the server ordered them
    meta: dict

    @property
    def count(self) -> int:
        return len(self.entries)


def write_page(path: Path, posts: list[dict], facts: dict | None = None) -> Page:
    """facts: what the engine needs back on resume (the walk's state after this page), kept in #END."""
    refs = PeopleAndFiles()
    for post in posts:
        refs.add_post(post)
    entries = [entry_of(p) for p in posts]
    meta = {"count": len(entries), **refs.to_meta(), **(facts or {})}
    text = "".join(f"{c} {i} {j}\n" for c, i, j in entries) + END + json.dumps(meta) + "\n"
    # atomic_write_text makes the folders by guard.prepare_folder's rules: never through a link, never a
    # re-created archive folder (a mkdir(parents=True) here did both).
    atomic_write_text(path, text, durable=False)  # the #END line tells a torn page
    return Page(entries, meta)


def read_page(path: Path) -> Page | None:
    """A page written by write_page, or None when it is missing or torn (then it is fetched again)."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    if not lines or not lines[-1].startswith(END) or not lines[-1].endswith("\n"):
        return None
    try:
        meta = json.loads(lines[-1][len(END) :])
        entries = []
        for line in lines[:-1]:
            created, post_id, data = line.rstrip("\n").split(" ", 2)
            entries.append((int(created), post_id, data))
    except ValueError:
        return None
    return Page(entries, meta) if meta.get("count") == len(entries) else None


# ----- ordering -----


def entries_from_pages(pages_newest_first: list[Path], refs: PeopleAndFiles) -> Iterator[Entry]:
    """Every fetched post, oldest first by create_at (ties in any order, duplicates possible).

    The pages of the cursor walk overlap only in their boundary millisecond (paging.py), so reading them
    backwards gives create_at order. Collects what the pages refer to into refs on the way."""
    for path in reversed(pages_newest_first):
        page = read_page(path)
        if page is None:
            raise FileNotFoundError(f"page {path.name} of {path.parent.name} is missing")
        refs.update(page.meta)
        yield from reversed(page.entries)


def in_order_once(entries: Iterable[Entry]) -> Iterator[Entry]:
    """Sorts a stream that is already ordered by create_at into (create_at, id) order, dropping repeats.

    The last copy of a repeated id wins (later sources are newer versions)."""
    bucket: dict[str, Entry] = {}
    bucket_time: int | None = None
    for entry in entries:
        if bucket_time is not None and entry[0] != bucket_time:
            if entry[0] < bucket_time:
                raise ValueError("posts are not in create_at order")
            yield from (bucket[k] for k in sorted(bucket))
            bucket = {}
        bucket_time = entry[0]
        bucket[entry[1]] = entry
    yield from (bucket[k] for k in sorted(bucket))


def entries_of_file(path: Path) -> Iterator[Entry]:
    """The lines of an existing posts.jsonl as entries (a torn last line is not trusted)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.endswith("\n") and line.strip():
                yield entry_of_line(line.rstrip("\n"))


def merge_with_existing(existing: Iterable[Entry], new: Iterable[Entry]) -> Iterator[Entry]:
    """Both streams sorted by (create_at, id); a post in both comes out once, in its new version."""
    tagged_old = ((e[0], e[1], 0, e) for e in existing)
    tagged_new = ((e[0], e[1], 1, e) for e in new)
    held: tuple | None = None
    for item in heapq.merge(tagged_old, tagged_new):
        if held is not None and item[:2] != held[:2]:
            yield held[3]
        held = item  # for equal keys the new version (tag 1) comes last and wins
    if held is not None:
        yield held[3]


def in_range(entries: Iterable[Entry], after: int | None, before: int | None) -> Iterator[Entry]:
    for entry in entries:
        if (after is None or entry[0] >= after) and (before is None or entry[0] < before):
            yield entry


def is_join_leave_line(line: str | bytes) -> bool:
    """Whether one line of posts.jsonl is a join or leave notice (naming.JOIN_LEAVE_TYPES). Only a line that
    mentions a system type is parsed: most lines of a chat are never decoded."""
    if isinstance(line, str):
        if '"system_' not in line:
            return False
    elif b'"system_' not in line:
        return False
    try:
        post = json.loads(line)
    except ValueError:
        return False
    return isinstance(post, dict) and post.get("type") in JOIN_LEAVE_TYPES


@dataclass
class Written:
    posts: int = 0
    newest_create_at: int | None = None
    notices: int = 0  # join and leave notices among the posts (is_join_leave_line)


def write_posts(path: Path, entries: Iterable[Entry]) -> Written:
    """Writes posts.jsonl atomically (temporary file, then rename)."""
    written = Written()
    with atomic_file(path, "w", encoding="utf-8", newline="\n") as f:
        for created, _post_id, data in entries:
            f.write(data + "\n")
            written.posts += 1
            written.notices += is_join_leave_line(data)
            written.newest_create_at = max(written.newest_create_at or 0, created)
    return written


# ----- a chat stopped while it was being fetched -----


def whole_pages(pages_dir: Path) -> list[Path]:
    """The pages of a round in progress that a resume would trust, newest first: each segment's pages
    from its first one up to the first missing or torn one (as the engine's _restore_pages reads them)."""
    segments = sorted({int(p.name[:3]) for p in pages_dir.glob("*.jsonl") if p.name[:3].isdigit()})
    pages = []
    for segment in segments:
        n = 0
        while read_page(page_file(pages_dir, segment, n)) is not None:
            pages.append(page_file(pages_dir, segment, n))
            n += 1
    return pages


def write_fetched_part(
    pages_dir: Path, target: Path, after: int | None, before: int | None
) -> tuple[Written, PeopleAndFiles] | None:
    """posts.jsonl of a chat from the pages fetched so far (None when there are none). Its pages stay:
    the next run continues the walk and then writes posts.jsonl whole."""
    pages = whole_pages(pages_dir)
    if not pages:
        return None
    refs = PeopleAndFiles()
    fetched = in_order_once(entries_from_pages(pages, refs))
    return write_posts(target, in_range(fetched, after, before)), refs
