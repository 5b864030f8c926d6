"""The shapes of the server's answers, checked where they enter the program.

The archive keeps what the server sent, so nothing is converted here; what is checked is only what the
program itself reads: a list where a list is expected, objects with a string id. A server (or a proxy, or
a filter) that answers ping, config and users/me correctly but sends something else elsewhere then gets
one plain sentence (UnexpectedAnswer) instead of a TypeError far away, and a posts page of the wrong
shape can never be taken for an empty chat that was saved completely.
"""

from __future__ import annotations

from typing import Any

from mmexport.mattermost.errors import UnexpectedAnswer


def _refuse(what: str, why: str, value: Any) -> UnexpectedAnswer:
    return UnexpectedAnswer(detail=f"{what}: {why}; got {str(value)[:160]!r}")


def record(value: Any, what: str, key: str | None = "id") -> dict:
    """An object, with a non-empty string `key` unless key is None."""
    if not isinstance(value, dict):
        raise _refuse(what, "not an object", value)
    if key is not None and not (isinstance(value.get(key), str) and value[key]):
        raise _refuse(what, f"no {key}", value)
    return value


def records(value: Any, what: str, key: str = "id") -> list[dict]:
    """A list of objects, each with a non-empty string `key`."""
    if not isinstance(value, list):
        raise _refuse(what, "not a list", value)
    for item in value:
        record(item, what, key)
    return value


def records_by_key(value: Any, what: str) -> dict[str, list[dict]]:
    """{string: [objects with an id]}, as users/group_channels answers."""
    if not isinstance(value, dict):
        raise _refuse(what, "not an object", value)
    for key, items in value.items():
        records(items, f"{what} ({key})")
    return value


def post_list(value: Any) -> dict:
    """A PostList: `order` a list of ids, `posts` {id: post}; every post an object with its own id."""
    what = "a page of messages"
    if not isinstance(value, dict):
        raise _refuse(what, "not an object", value)
    order = value.get("order", [])
    posts = value.get("posts", {})
    if order is None:
        order = value["order"] = []  # an empty channel on some versions
    if posts is None:
        posts = value["posts"] = {}
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        raise _refuse(what, "order is not a list of ids", order)
    if not isinstance(posts, dict):
        raise _refuse(what, "posts is not an object", posts)
    for post_id, post in posts.items():
        if not isinstance(post, dict) or post.get("id") != post_id:
            raise _refuse(what, f"post {post_id!r} is not a message with that id", post)
        if not isinstance(post.get("create_at", 0), int):
            raise _refuse(what, f"post {post_id!r} has no time", post)
    return value
