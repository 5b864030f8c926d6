"""Updates after many changes are complete (issue 21, item 2).

The server answers `since` with at most 1,000 changed posts, and the 5.x store picks the 1,000 with the
OLDEST update_at (its LIMIT without ORDER BY reads the (ChannelId, UpdateAt) index; measured on 5.36.1,
docs/server-behaviour.md): after 1,200 new posts, three edits of older posts are not in the answer. The
demo server answers the same; the update then reads the whole chat again, and says so on the command line
and in the log."""

from __future__ import annotations

import os
import subprocess
import sys

import requests

from mmexport import exitcodes
from mmexport.demo.server import DemoServer
from mmexport.logsetup import log_file_path

from .export_helpers import all_posts, archive_post_ids, run_export, server_post_ids


def _channel(server: DemoServer) -> str:
    return next(c["id"] for c in server.workspace.channels.values() if c["name"] == "labor")


def _newest_change(ws, channel: str) -> int:
    return max(p["update_at"] for p in ws.rows_of_channel(channel))


def test_the_demo_server_answers_since_as_the_real_one(demo_server):
    ws = demo_server.workspace
    channel = _channel(demo_server)
    old = ws.visible_posts(channel).page(3, 1)[0]
    since = _newest_change(ws, channel)
    new = [ws.add_post(channel, ws.me_id, f"neu {i}")["id"] for i in range(1_050)]
    # added posts get one millisecond each, ahead of the clock: the edit comes after the newest of them
    edited = ws.edit_post(old["id"], "bearbeitet", at=_newest_change(ws, channel) + 1)
    answer = requests.get(
        f"{demo_server.url}/api/v4/channels/{channel}/posts",
        params={"since": since},
        headers={"Authorization": f"Bearer {demo_server.token}"},
        timeout=30,
    ).json()
    order = answer["order"]
    assert len(order) == 1_000
    assert edited["id"] not in order, "the newest change is cut, as on the real server"
    assert set(order) == set(new[:1_000]), "the 1,000 oldest changes"
    created = [answer["posts"][i]["create_at"] for i in order]
    assert created == sorted(created, reverse=True)


def test_an_update_after_1200_new_posts_and_3_edits_has_the_edits(tmp_path):
    out = tmp_path / "archive"
    with DemoServer() as server:
        channel = _channel(server)
        first = run_export(server, out, [channel], files=False)
        assert first.outcome == "done", first.message
        ws = server.workspace
        older = [p["id"] for p in ws.visible_posts(channel).page(5, 30)[::10]]
        for i in range(1_200):
            ws.add_post(channel, ws.me_id, f"Nachricht {i}")
        for post_id in older:
            ws.edit_post(post_id, f"bearbeitet {post_id}", at=_newest_change(ws, channel) + 1)
        update = subprocess.run(
            [sys.executable, "-m", "mmexport", "export", "--server", server.url, "--out", str(out),
             "--channel", channel, "--formats", "json", "--no-files"],
            env={**os.environ, "MMEXPORT_TOKEN": server.token},
            capture_output=True,
            text=True,
            timeout=300,
        )  # fmt: skip
        expected = server_post_ids(server, channel)
    assert update.returncode == exitcodes.OK, update.stderr
    saved = {p["id"]: p["message"] for p in all_posts(out)}
    assert {i: saved[i] for i in older} == {i: f"bearbeitet {i}" for i in older}
    assert archive_post_ids(out, channel) == expected
    told = "Many changes in “Labor & Geräte” since the last export"
    assert told in update.stderr + update.stdout
    assert told in log_file_path().read_text(encoding="utf-8")
