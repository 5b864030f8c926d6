"""The live tier: the real program against a real Mattermost server.

Runs only when MMEXPORT_LIVE_URL and MMEXPORT_LIVE_TOKEN name a server and a token of a normal account
(for example a local test server, see docs/server-behaviour.md). It reads the chats the account can read;
it writes to the server only with MMEXPORT_LIVE_WRITE=1 (the update test posts and edits one message of its
own in MMEXPORT_LIVE_WRITE_CHANNEL, or in the first exported public channel). Optional:
MMEXPORT_LIVE_CHANNELS (comma-separated ids to export; otherwise a few small chats are picked).

The server side is read here with plain requests and plain offsets (`page=N&per_page=200`), independently
of the exporter's own pager, while nobody else writes to those channels.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

URL = os.environ.get("MMEXPORT_LIVE_URL", "").rstrip("/")
TOKEN = os.environ.get("MMEXPORT_LIVE_TOKEN", "")
if not (URL and TOKEN):
    pytest.skip(
        "live tier: set MMEXPORT_LIVE_URL and MMEXPORT_LIVE_TOKEN to run it against a real server",
        allow_module_level=True,
    )

MAX_POSTS_PICKED = 3000  # channels picked by themselves stay small: the tier is a check, not a benchmark
API = URL + "/api/v4"


def api(method: str, path: str, **kwargs: Any) -> Any:
    response = requests.request(
        method, API + path, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60, **kwargs
    )
    response.raise_for_status()
    return response.json()


def mmexport(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MMEXPORT_TOKEN": TOKEN}
    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args], env=env, capture_output=True, text=True, timeout=1800
    )


def server_channels(include_archived: bool) -> dict[str, dict]:
    """Every channel the account is a member of, as the server lists it per team (DMs and GMs included)."""
    found: dict[str, dict] = {}
    params = {"include_deleted": "true"} if include_archived else {}
    for team in api("GET", "/users/me/teams"):
        for channel in api("GET", f"/users/me/teams/{team['id']}/channels", params=params):
            found[channel["id"]] = channel
    return found


def server_post_ids(channel_id: str) -> list[str]:
    """Every post of the channel by plain offsets, oldest first by (create_at, id)."""
    posts: dict[str, dict] = {}
    page = 0
    while True:
        body = api("GET", f"/channels/{channel_id}/posts", params={"page": page, "per_page": 200})
        for post_id in body["order"]:
            posts[post_id] = body["posts"][post_id]
        if len(body["order"]) < 200:
            break
        page += 1
    return [p["id"] for p in sorted(posts.values(), key=lambda p: (p["create_at"], p["id"]))]


def assert_same_posts(channel_id: str, archived: list[dict]) -> None:
    """The archive holds exactly the server's posts, oldest first by (create_at, id).

    Plain offsets are not a complete reference where more than a page of posts share a millisecond (the
    store orders by create_at only, so PostgreSQL may order them differently from one OFFSET to the next:
    docs/server-behaviour.md). So every post the offsets list must be archived, and every archived post
    they did not list is asked for by id: it must exist, undeleted, in this channel."""
    ids = [p["id"] for p in archived]
    assert ids == [p["id"] for p in sorted(archived, key=lambda p: (p["create_at"], p["id"]))]
    listed = server_post_ids(channel_id)
    assert not set(listed) - set(ids), "posts of the server missing from the archive"
    for post_id in sorted(set(ids) - set(listed))[:500]:
        post = api("GET", f"/posts/{post_id}")
        assert post["channel_id"] == channel_id and not post["delete_at"], post_id
    assert len(set(ids) - set(listed)) <= 500, "too many posts the offsets did not list to check one by one"


def archive_posts(root: Path, channel_id: str) -> list[dict]:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    entry = next(c for c in manifest["channels"] if c["id"] == channel_id)
    lines = (root / entry["path"] / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def chosen() -> list[str]:
    if os.environ.get("MMEXPORT_LIVE_CHANNELS"):
        return [c.strip() for c in os.environ["MMEXPORT_LIVE_CHANNELS"].split(",") if c.strip()]
    channels = [c for c in server_channels(False).values() if 0 < c["total_msg_count"] <= MAX_POSTS_PICKED]
    picked: list[dict] = []
    for kind in ("O", "P", "D", "G"):  # one of each kind the account has, then the biggest of the rest
        of_kind = sorted((c for c in channels if c["type"] == kind), key=lambda c: -c["total_msg_count"])
        picked += of_kind[:1]
    rest = sorted((c for c in channels if c not in picked), key=lambda c: -c["total_msg_count"])
    return [c["id"] for c in (picked + rest)[:5]]


@pytest.fixture(scope="module")
def archive(tmp_path_factory, chosen) -> Path:
    out = tmp_path_factory.mktemp("live") / "archive"
    args = [a for cid in chosen for a in ("--channel", cid)]
    done = mmexport("export", "--server", URL, "--out", str(out), *args, "--formats", "json,html", "--quiet")
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def test_channels_lists_what_the_server_lists():
    for include_archived in (False, True):
        args = ["channels", "--server", URL, "--json"] + (["--include-archived"] if include_archived else [])
        done = mmexport(*args)
        assert done.returncode == 0, done.stderr[-2000:]
        listed = {row["id"]: row for row in map(json.loads, done.stdout.splitlines())}  # JSON Lines
        server = server_channels(include_archived)
        assert set(listed) == set(server)
        for channel_id, row in listed.items():
            assert row["archived"] == bool(server[channel_id]["delete_at"])
            assert row["name"] == server[channel_id]["name"]


def test_export_has_every_post_in_order(archive, chosen):
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in manifest["channels"]} == set(chosen)
    assert all(c["complete"] for c in manifest["channels"]), manifest["problems"]
    for channel_id in chosen:
        posts = archive_posts(archive, channel_id)
        ids = [p["id"] for p in posts]
        assert_same_posts(channel_id, posts)
        assert len(ids) == len(set(ids))
        entry = next(c for c in manifest["channels"] if c["id"] == channel_id)
        assert entry["posts"] == len(ids)


def test_verify_passes(archive):
    done = mmexport("verify", str(archive))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_update_run_fetches_a_new_and_an_edited_message(archive, chosen):
    if os.environ.get("MMEXPORT_LIVE_WRITE") != "1":
        pytest.skip("writes to the server: set MMEXPORT_LIVE_WRITE=1 to post and edit a test message")
    target = os.environ.get("MMEXPORT_LIVE_WRITE_CHANNEL") or next(
        cid for cid in chosen if api("GET", f"/channels/{cid}")["type"] == "O"
    )
    assert target in chosen, "MMEXPORT_LIVE_WRITE_CHANNEL must be one of the exported channels"
    args = ["export", "--server", URL, "--out", str(archive), *[a for c in chosen for a in ("--channel", c)]]
    args += ["--formats", "json", "--quiet"]
    first = api("POST", "/posts", json={"channel_id": target, "message": "mmexport live tier: first"})
    new: dict = {}
    try:
        assert mmexport(*args).returncode == 0
        assert first["id"] in {p["id"] for p in archive_posts(archive, target)}
        edited = api("PUT", f"/posts/{first['id']}/patch", json={"message": "mmexport live tier: edited"})
        new = api("POST", "/posts", json={"channel_id": target, "message": "mmexport live tier: new"})
        done = mmexport(*args)  # the update run: only what changed since the last one
        assert done.returncode == 0, done.stderr[-2000:]
        by_id = {p["id"]: p for p in archive_posts(archive, target)}
        assert by_id[new["id"]]["message"] == new["message"]
        assert by_id[first["id"]]["message"] == edited["message"] and by_id[first["id"]]["edit_at"] > 0
        assert_same_posts(target, list(by_id.values()))
    finally:  # the test's own two messages go again
        for post in (first, new):
            if post:
                requests.delete(
                    f"{API}/posts/{post['id']}", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
                )
