"""Measures the paging rules the exporter relies on, on a real server (writes to a scratch channel).

    MMEXPORT_BENCH_URL=... MMEXPORT_BENCH_ADMIN_TOKEN=... MMEXPORT_BENCH_TEAM=<team id> \
        [MMEXPORT_BENCH_CHANNEL=<a big channel id, read only>] python bench/real_server_semantics.py

Needs a system administrator's token (only an administrator may set a post's create_at, which the
boundary checks need). Creates one public channel named mmexport-semantics-<time> in the team, posts
and deletes there, and archives it at the end. Prints what it found; docs/server-behaviour.md has the
figures.
"""

from __future__ import annotations

import os
import time

import requests


def main() -> int:
    url = os.environ["MMEXPORT_BENCH_URL"].rstrip("/") + "/api/v4"
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Bearer {os.environ['MMEXPORT_BENCH_ADMIN_TOKEN']}"

    def call(method: str, path: str, **kwargs: object) -> requests.Response:
        response = session.request(method, url + path, timeout=120, **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        return response

    def page(channel_id: str, **params: object) -> list[str]:
        return call("GET", f"/channels/{channel_id}/posts", params=params).json()["order"]

    name = f"mmexport-semantics-{int(time.time())}"
    channel = call(
        "POST",
        "/channels",
        json={"team_id": os.environ["MMEXPORT_BENCH_TEAM"], "name": name, "display_name": name, "type": "O"},
    ).json()
    cid = channel["id"]
    base = int(time.time() * 1000) - 3_600_000
    # ten posts one second apart, then three sharing one millisecond (the boundary cases)
    ids = [_post(call, cid, f"p{i}", base + i * 1000) for i in range(10)]
    same = [_post(call, cid, f"same{i}", base + 20_000) for i in range(3)]
    newest = _post(call, cid, "newest", base + 30_000)
    print("posts p0..p9, same0..2 (one millisecond), newest:", ids, same, newest)

    print("\n1. cursors compare create_at strictly")
    print("  before=same1 -> ", _names(call, cid, page(cid, before=same[1], per_page=5)))
    print("  after=same1  -> ", _names(call, cid, page(cid, after=same[1], per_page=5)))

    print("\n2. offsets below a fixed cursor shift when a newer post is deleted")
    before = page(cid, before=newest, page=1, per_page=3)
    call("DELETE", f"/posts/{ids[8]}")
    after = page(cid, before=newest, page=1, per_page=3)
    print("  before=newest&page=1&per_page=3 before deleting p8:", _names(call, cid, before))
    print("  the same request after deleting p8:               ", _names(call, cid, after))

    print("\n3. a deleted or missing cursor post")
    print("  before=<soft-deleted p8>:", _names(call, cid, page(cid, before=ids[8], per_page=3)))
    missing = session.get(
        f"{url}/channels/{cid}/posts", params={"before": "z" * 26, "per_page": 3}, timeout=60
    )
    print("  before=<id that never existed>:", missing.status_code, missing.json())

    print("\n4. since= returns edited and deleted posts")
    since = int(time.time() * 1000)
    time.sleep(0.01)
    call("PUT", f"/posts/{ids[5]}/patch", json={"message": "p5 edited"})
    call("DELETE", f"/posts/{ids[6]}")
    body = call("GET", f"/channels/{cid}/posts", params={"since": since}).json()
    for post_id in body["order"]:
        post = body["posts"][post_id]
        print(
            f"  {post_id} message={post['message']!r} edit_at>0={post['edit_at'] > 0} "
            f"delete_at>0={post['delete_at'] > 0} original_id={post['original_id']!r}"
        )

    print("\n5. per_page above the maximum")
    print("  per_page=500 ->", len(page(cid, per_page=500)), "posts of", len(page(cid, per_page=200)))

    big = os.environ.get("MMEXPORT_BENCH_CHANNEL")
    if big:
        print("\n6. since= on a big channel (how many posts one answer holds)")
        started = time.perf_counter()
        body = call("GET", f"/channels/{big}/posts", params={"since": 1}).json()
        print(f"  since=1 -> {len(body['order'])} posts in {time.perf_counter() - started:.2f} s")
        print("  per_page=500 ->", len(page(big, per_page=500)))
    call("DELETE", f"/channels/{cid}")
    print("\nscratch channel archived:", name)
    return 0


def _post(call, channel_id: str, message: str, create_at: int) -> str:
    body = {"channel_id": channel_id, "message": message, "create_at": create_at}
    post_id = call("POST", "/posts", json=body).json()["id"]
    LABELS[post_id] = message
    return post_id


LABELS: dict[str, str] = {}


def _names(call, channel_id: str, order: list[str]) -> list[str]:
    return [LABELS.get(post_id, "(a system message)") for post_id in order]


if __name__ == "__main__":
    raise SystemExit(main())
