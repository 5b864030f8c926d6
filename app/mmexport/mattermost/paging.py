"""Reading a channel's whole history by cursor: cheap at any depth, and nothing lost at page boundaries.

What the server does (Mattermost 5.36 with PostgreSQL, measured; docs/server-behaviour.md):
- `GET /channels/{id}/posts?before=<post>&page=0&per_page=200&skipFetchThreads=true` answers the 200 posts
  created before that post, newest first, in about 0.01 s at any depth. With `page=N` instead, and with plain
  `page=N` offsets, PostgreSQL evaluates the reply-count subquery of skipFetchThreads for every row the
  OFFSET skips: 0.20 s at page 100, 0.46 s at page 999, quadratic over a channel. Offsets also shift when
  posts above them are deleted during the run, and the posts that slide past a page boundary are lost.
- The cursors compare `create_at` strictly: `before=<p>` answers posts older than p's millisecond, so the
  other posts of p's millisecond are not in it. Several posts share a millisecond often enough (imports,
  bots, integrations): real channels hold floods of 450 posts in one millisecond.
- The cursor post is looked up by id in a subquery that ignores DeleteAt: a soft-deleted cursor still works;
  a hard-deleted one (data retention, `permanent=true`) matches nothing and the answer is empty.
- Without skipFetchThreads the server loads every thread a page touches (0.15 s a page); `posts` can then
  hold more entries than `order`, and `order` alone says what belongs to the page.
- A plain `page=N&per_page=1` costs about 0.2 s even 190,000 posts deep: affordable a few times per channel.

So a channel is walked by cursor, and the rule for the next request after a full page is:
- t is the oldest millisecond on the page; posts of t may continue beyond the page. The next cursor is
  the oldest post NEWER than t, so the next page starts with all of t again. Everything newer than t was
  wholly on this page (the server's order is by create_at), so later pages keep only posts of t and older
  (`ceiling`): the pages of a walk never overlap except in their boundary millisecond, which is what the
  streaming assembly needs (assemble.in_order_once de-duplicates by id inside a millisecond).
- When the whole page is one millisecond (a flood of at least a page), there is no newer post to stand on:
  the next page is read by offset below the same cursor (`page=n+1`). These offsets only count posts of
  that flood, so they stay shallow and cheap.
- An empty answer where a full page came before means the cursor post is gone (hard-deleted): the walk
  stands on a neighbour instead, another post of the previous page newer than its oldest millisecond, or
  the cursor before it. Any post newer than t is a correct cursor; a newer one only re-reads more.
Each request depends only on post ids and times, never on how many posts lie above it, so posts added or
deleted during the run move nothing. Each step either moves the cursor to an older millisecond or the
offset one page deeper, so a walk always ends. The one exception: inside a millisecond that holds more than
a page, offsets are all there is, so a post of that same millisecond deleted while its pages are read moves
the others up by one, and one of them can slip past the boundary (a flood being cleaned up during the run).

For parallel work a big channel is split into segments at the times of a few probed posts: segment k holds
the posts with `stop_k+1 <= create_at < stop_k` and is walked from a cursor at stop_k; it ends with the first
page that reaches below the next segment's stop (so the boundary millisecond is read whole by exactly one
segment). The walk is pure state (Walk): the engine sends its requests from worker threads, saves the state
beside each page for resume, and decides when to stop; iter_channel_posts is the sequential reference.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from mmexport.mattermost.errors import MattermostError, NotFound

if TYPE_CHECKING:
    from mmexport.mattermost.client import Client

PER_PAGE = 200  # the server's maximum; larger values are cut to it silently
MAX_NEIGHBOURS = 8  # spare cursors kept in case the current one is hard-deleted (one is almost always enough)


def posts_in_page(post_list: dict) -> list[dict]:
    """The posts that belong to this page, newest first: `order` decides, `posts` may hold more."""
    posts = post_list.get("posts") or {}
    return [posts[post_id] for post_id in post_list.get("order") or [] if post_id in posts]


def created(post: dict) -> int:
    return int(post.get("create_at") or 0)


@dataclass(frozen=True)
class PageRequest:
    """One `GET /channels/{id}/posts?before=<cursor>&page=<page>&per_page=200&skipFetchThreads=true`."""

    cursor: str | None  # None: from the channel's newest post
    page: int = 0  # > 0 only inside a flood millisecond


@dataclass
class Walk:
    """The state of one segment's walk, newest to oldest. Plain data: saved with each page for resume.

    stop: posts older than this create_at belong to the next segment (None: walk to the channel's start).
    ceiling: posts newer than this create_at were already read (None: nothing read yet)."""

    cursor: str | None
    stop: int | None = None
    ceiling: int | None = None
    page: int = 0
    neighbours: list[str | None] = field(default_factory=list)  # spare cursors, best first
    done: bool = False
    pages: int = 0  # answers taken so far (the page files of this segment are numbered by it)

    def request(self) -> PageRequest:
        return PageRequest(self.cursor, self.page)

    def take(self, answer: list[dict]) -> list[dict]:
        """Advance past one answer (newest first) to request(); returns the posts of it this segment keeps."""
        self.pages += 1
        if not answer:
            self._cursor_gone()
            return []
        times = [created(p) for p in answer]
        kept = [p for p, at in zip(answer, times, strict=True) if self._belongs(at)]
        oldest = min(times)
        self.ceiling = oldest if self.ceiling is None else min(self.ceiling, oldest)
        if len(answer) < PER_PAGE or (self.stop is not None and oldest < self.stop):
            self.done = True  # the channel's first post, or the next segment's posts, are reached
            return kept
        # The oldest posts newer than t, oldest first: the next cursor and its spares.
        newer = heapq.nsmallest(
            MAX_NEIGHBOURS + 1,
            ((at, p["id"]) for p, at in zip(answer, times, strict=True) if at > oldest),
        )
        if newer:
            self.neighbours = [*(post_id for _, post_id in newer[1:]), self.cursor]
            self.cursor, self.page = newer[0][1], 0
        else:
            self.page += 1  # a flood: the whole page is one millisecond, go on by offset below the cursor
        return kept

    def cursor_gone(self) -> None:
        """The server said the cursor post does not exist (404/400): the same as an empty answer."""
        self.pages += 1
        self._cursor_gone()

    def _cursor_gone(self) -> None:
        # An empty answer is also right when everything older was deleted meanwhile; a neighbour then
        # answers with posts already read (dropped by the ceiling) or ends the walk with a short page.
        if self.neighbours:
            self.cursor, self.page = self.neighbours.pop(0), 0
        else:
            self.done = True

    def _belongs(self, at: int) -> bool:
        return (self.ceiling is None or at <= self.ceiling) and (self.stop is None or at >= self.stop)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Walk:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def segment_walks(first_cursor: str | None, stops: list[tuple[str, int]], stop: int | None) -> list[Walk]:
    """Walks for the segments between probed posts (id, create_at), newest first; stop bounds the last.

    Segment k starts at probe k-1 and keeps posts older than it; a start that vanished falls back to the
    starts of the segments above it (their posts are dropped by the ceiling, so only time is lost)."""
    usable = [(pid, at) for pid, at in stops if stop is None or at > stop]
    bounds = [at for _, at in usable] + [stop]
    walks = [Walk(cursor=first_cursor, stop=bounds[0])]
    starts: list[str | None] = [first_cursor]
    for k, (post_id, at) in enumerate(usable):
        walks.append(
            Walk(cursor=post_id, stop=bounds[k + 1], ceiling=at - 1, neighbours=list(reversed(starts)))
        )
        starts.append(post_id)
    return walks


def probe_offsets(expected: int, segments: int) -> list[int]:
    """Offsets (from the newest post) of the posts that split `expected` posts into equal segments."""
    return [expected * k // segments for k in range(1, segments)]


def probe(client: Client, channel_id: str, offset: int) -> dict | None:
    """The post `offset` places below the newest, or None past the end (a plain per_page=1 request)."""
    posts = posts_in_page(client.posts_page(channel_id, page=offset, per_page=1, skip_threads=False))
    return posts[0] if posts else None


def split_points(posts: list[dict | None]) -> list[tuple[str, int]]:
    """Probed posts as strictly older segment boundaries (same-millisecond or missing probes dropped)."""
    points: list[tuple[str, int]] = []
    for post in posts:
        if post is None:
            continue
        if not points or created(post) < points[-1][1]:
            points.append((post["id"], created(post)))
    return points


def fetch(client: Client, channel_id: str, request: PageRequest) -> list[dict]:
    return posts_in_page(
        client.posts_page(channel_id, page=request.page, per_page=PER_PAGE, before=request.cursor)
    )


def cursor_unknown(error: MattermostError) -> bool:
    """The server refused the cursor itself (a post id it does not know): take a neighbour.

    A channel that is gone answers 404 too, with a channel error id: that is no cursor problem."""
    about_channel = "channel" in (error.server_error_id or "")
    return (isinstance(error, NotFound) or error.status == 400) and not about_channel


def iter_channel_posts(client: Client, channel_id: str, stop: int | None = None) -> Iterator[dict]:
    """Every post of the channel once, newest first: one walk, one request at a time (the reference)."""
    walk = Walk(cursor=None, stop=stop)
    seen: set[str] = set()
    while not walk.done:
        try:
            answer = fetch(client, channel_id, walk.request())
        except MattermostError as error:
            if not cursor_unknown(error):
                raise
            walk.cursor_gone()
            continue
        for post in walk.take(answer):
            if post["id"] not in seen:
                seen.add(post["id"])
                yield post
