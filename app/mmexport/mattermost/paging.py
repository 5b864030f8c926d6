"""Reading a channel's whole history without losing posts at page boundaries.

The server's `before`/`after` cursors compare `create_at` strictly, so posts sharing the cursor post's
millisecond are skipped. Instead one anchor is fixed (the newest post when the run starts) and pages are
counted below it: `before=<anchor>&page=N`. Offsets below a fixed anchor do not move while people keep
posting, so the pages are independent and can be fetched in any order or in parallel (the engine does).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mmexport.mattermost.client import Client

PER_PAGE = 200  # the server's maximum; larger values are cut to it silently


def posts_in_page(post_list: dict) -> list[dict]:
    """The posts that belong to this page, newest first: `order` decides, `posts` may hold more."""
    posts = post_list.get("posts") or {}
    return [posts[post_id] for post_id in post_list.get("order") or [] if post_id in posts]


def fetch_anchor_page(client: Client, channel_id: str) -> list[dict]:
    """The newest page of the channel (no cursor); its first post is the anchor for all older pages."""
    return posts_in_page(client.posts_page(channel_id, page=0, per_page=PER_PAGE))


def fetch_page_before(client: Client, channel_id: str, anchor_id: str, n: int) -> list[dict]:
    """Page `n` (from 0) of the posts older than the anchor post."""
    return posts_in_page(client.posts_page(channel_id, page=n, per_page=PER_PAGE, before=anchor_id))


def fetch_anchor_millisecond(client: Client, channel_id: str, anchor_page: list[dict]) -> list[dict]:
    """Posts sharing the anchor's millisecond that did not fit on the anchor page (usually none).

    `before=<anchor>` skips every post created in the anchor's millisecond. They are all on the anchor
    page unless more than a page of them share it (an import or a bot flood as the newest posts); then the
    plain pages after the first are read until one reaches an older millisecond.
    """
    anchor_time = anchor_page[0].get("create_at")
    extra: list[dict] = []
    page = anchor_page
    n = 0
    while len(page) >= PER_PAGE and page[-1].get("create_at") == anchor_time:
        n += 1
        page = posts_in_page(client.posts_page(channel_id, page=n, per_page=PER_PAGE))
        extra.extend(p for p in page if p.get("create_at") == anchor_time)
    return extra


def iter_channel_posts(client: Client, channel_id: str) -> Iterator[dict]:
    """Every post of the channel once, newest first (the sequential reference for the engine's pager)."""
    seen: set[str] = set()
    first = fetch_anchor_page(client, channel_id)
    yield from _unseen(first, seen)
    if not first:
        return
    anchor_id = first[0]["id"]
    yield from _unseen(fetch_anchor_millisecond(client, channel_id, first), seen)
    n = 0
    while True:
        page = fetch_page_before(client, channel_id, anchor_id, n)
        yield from _unseen(page, seen)
        if len(page) < PER_PAGE:
            return
        n += 1


def _unseen(posts: list[dict], seen: set[str]) -> Iterator[dict]:
    for post in posts:
        if post["id"] not in seen:
            seen.add(post["id"])
            yield post
