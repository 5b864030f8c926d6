"""The demo server counts as the real server's store does, checked for every demo chat over HTTP against a
real export of it (issue 22, item 12).

The rule, read from the server's code (store/sqlstore/post_store.go, SaveMultiple and Update;
channel_store.go, GetFileCount; the same from 5.x to 9.x): `total_msg_count` grows by one for every post saved
except join/leave notices (Post.IsJoinLeaveMessage), replies included; an edit saves the old text as a hidden
copy without counting it; deleting a post never lowers the count. `files_count` counts the FileInfo rows not
deleted whose post is in the channel. So the chat list and the archive differ exactly by the notices (in the
archive, not counted), the deleted posts (counted, not in the archive) and the attachments the server has lost
(counted, listed as problems): Projekt Alpha lists 602 and holds 605 (6 notices, 3 deleted) on the real server
just as on the demo server. The two agree exactly for a chat with neither, as on a server seeded by import.
"""

from __future__ import annotations

import json

from mmexport.demo.workspace import JOIN_LEAVE_TYPES
from mmexport.mattermost import Client


def archive_posts(root, entry) -> list[dict]:
    lines = (root / entry["path"] / "posts.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_chat_lists_counts_and_the_archives_differ_only_as_on_the_real_server(
    shared_demo_server, demo_archive
):
    client = Client(shared_demo_server.url, shared_demo_server.token)
    ws = shared_demo_server.workspace
    manifest = json.loads((demo_archive / "manifest.json").read_text(encoding="utf-8"))
    saved = {entry["id"]: entry for entry in manifest["channels"]}
    lost_files: dict[str, int] = {}
    for problem in manifest["problems"]:
        lost_files[problem["channel_id"]] = lost_files.get(problem["channel_id"], 0) + 1
    listed = client.my_channels(include_archived=True)
    assert {c["id"] for c in listed} == set(saved)
    matching = 0
    for chat in listed:
        entry = saved[chat["id"]]
        posts = archive_posts(demo_archive, entry)
        assert entry["posts"] == len(posts)
        notices = sum(1 for p in posts if p["type"] in JOIN_LEAVE_TYPES)
        # posts deleted on the server (not their hidden edit copies, which were never counted)
        deleted = sum(
            1 for p in ws.rows_of_channel(chat["id"]) if p["delete_at"] and not p.get("original_id")
        )
        assert chat["total_msg_count"] == len(posts) - notices + deleted, entry["display_name"]
        files_count = client.channel_stats(chat["id"])["files_count"]
        assert files_count == entry["files"] + lost_files.get(chat["id"], 0), entry["display_name"]
        matching += not notices and not deleted and chat["total_msg_count"] == entry["posts"]
    assert matching >= 5  # the chats without notices or deletions: the list's number is the archive's
