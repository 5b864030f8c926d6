"""The cursor pager and the engine over real HTTP while the channel changes under them (issue 11).

Each test fills one channel of the demo workspace with posts at chosen times (older than its own, so that
page and segment boundaries fall where the test wants them), then exports while the server deletes posts,
hard-deletes cursor posts, answers a page badly, or edits posts, and checks the archive against what the
server holds at the end.
"""

from __future__ import annotations

import random
import threading

import pytest

from mmexport.archive.reader import Archive
from mmexport.demo.http import Request
from mmexport.demo.server import DemoServer
from mmexport.exporting import engine
from mmexport.exporting.engine import Exporter
from mmexport.exporting.events import ChannelFinished, Event
from mmexport.exporting.options import ExportOptions
from mmexport.mattermost import PER_PAGE, Client

from .export_helpers import all_posts, archive_post_ids, cli, run_export, server_post_ids

OLD_TIMES = 1_500_000_000_000  # 2017: older than every generated post of the demo workspace


def quiet_channel(server: DemoServer) -> str:
    """The readable open channel with the fewest posts: the test's posts are almost all of it."""
    ws = server.workspace
    channels = [c for c in ws.channels_of_user(ws.me_id) if c["type"] == "O" and not c["delete_at"]]
    return min(channels, key=lambda c: len(ws.visible_posts(c["id"])))["id"]


def fill(server: DemoServer, channel_id: str, blocks: list[tuple[int, bool]]) -> None:
    """Adds blocks of posts, oldest block first: (count, True) shares one millisecond (a flood)."""
    ws = server.workspace
    at = OLD_TIMES
    for count, flood in blocks:
        for i in range(count):
            ws.add_post(channel_id, ws.me_id, f"Beitrag {at} {i}", create_at=at)
            if not flood:
                at += 1
        at += 7


def posts_requests(server: DemoServer, channel_id: str) -> list[str]:
    path = f"/api/v4/channels/{channel_id}/posts"
    return [query for _, p, query, _ in server.requests if p == path]


def is_page_request(request: Request, channel_id: str) -> bool:
    return request.path == f"/api/v4/channels/{channel_id}/posts" and "since" not in request.query


def test_deletions_during_the_export_lose_no_surviving_post(tmp_path):
    with DemoServer() as server:
        channel = quiet_channel(server)
        fill(server, channel, [(4_000, False)])
        ws = server.workspace
        chance = random.Random(11)
        lock = threading.Lock()

        def delete_some(request: Request) -> None:
            # Three posts vanish before each page is answered, anywhere in the channel: above the
            # pages already read, which shifts every offset below them, and below.
            if not is_page_request(request, channel):
                return
            with lock:
                visible = ws.visible_posts(channel)
                for _ in range(3):
                    ws.delete_post(visible.page(chance.randrange(len(visible)), 1)[0]["id"])

        server.before_answer = delete_some
        result = run_export(server, tmp_path / "a", [channel], files=False, jobs=4)
        server.before_answer = None
        surviving = set(server_post_ids(server, channel))
        got = archive_post_ids(tmp_path / "a", channel)
    assert result.outcome == "done", result.message
    assert len(got) == len(set(got))
    assert surviving - set(got) == set(), "posts that still exist are missing"


def test_a_hard_deleted_cursor_post_is_replaced_by_a_neighbour(tmp_path):
    with DemoServer() as server:
        channel = quiet_channel(server)
        fill(server, channel, [(1_500, False)])
        ws = server.workspace
        purged: list[str] = []

        def purge_cursor(request: Request) -> None:
            # The post a request stands on is removed for good just before it is answered (every other
            # cursor, so that walks also meet neighbours that vanish in turn).
            cursor = request.query.get("before", "")
            wanted = is_page_request(request, channel) and cursor and len(purged) < 12
            if wanted and ws.get_post(cursor) and len(posts_requests(server, channel)) % 2 == 0:
                ws.purge_post(cursor)
                purged.append(cursor)

        server.before_answer = purge_cursor
        result = run_export(server, tmp_path / "a", [channel], files=False)
        server.before_answer = None
        surviving = server_post_ids(server, channel)
        got = archive_post_ids(tmp_path / "a", channel)
    assert purged, "the test removed cursor posts"
    assert result.outcome == "done", result.message
    assert len(got) == len(set(got))
    assert set(surviving) - set(got) == set(), "posts that still exist are missing"
    assert set(got) - set(surviving) <= set(purged), "only the purged cursor posts, read before they went"


FLOODS = [
    # oldest first: normal posts and floods (one millisecond) placed across page boundaries
    (1, True),
    (199, False),
    (201, True),
    (150, False),
    (399, True),
    (1, False),
    (450, True),
    (200, True),
    (37, False),
    (400, True),
    (200, False),
    (250, True),
]


@pytest.mark.parametrize("big", [False, True], ids=["one-walk", "segments"])
def test_floods_at_every_page_and_segment_boundary(tmp_path, big):
    with DemoServer() as server:
        channel = quiet_channel(server)
        blocks = list(FLOODS)
        flood_offsets = range(0)
        if big:
            # Enough posts for two segments, and a flood of 450 around the middle, where the probe for
            # the second segment's start lands: the segment boundary falls inside the flood.
            above = server.workspace.channels[channel]["total_msg_count"] + sum(n for n, _ in FLOODS)
            middle = engine.SEGMENT_POSTS - above + 100
            blocks = [(above + middle, False), (450, True), (middle, False), *FLOODS]
            flood_offsets = range(above + middle, above + middle + 450)
        fill(server, channel, blocks)
        result = run_export(server, tmp_path / "a", [channel], files=False, jobs=3)
        expected = server_post_ids(server, channel)
        got = archive_post_ids(tmp_path / "a", channel)
        probes = [q for q in posts_requests(server, channel) if "per_page=1&" in q + "&"]
    assert result.outcome == "done", result.message
    assert got == expected
    assert bool(probes) == big, "big channels are split at probed posts"
    probed = [int(q.split("page=")[1].split("&")[0]) for q in probes]
    assert all(offset in flood_offsets for offset in probed), (probed, flood_offsets)


def test_edits_on_update_with_four_jobs_all_arrive(tmp_path):
    out = tmp_path / "a"
    with DemoServer(latency_ms=20) as server:
        channel = quiet_channel(server)
        fill(server, channel, [(1_200, False)])
        run_export(server, out, [channel], files=False, jobs=4)
        ws = server.workspace
        sequence = ws.visible_posts(channel)
        # Older than the newest page, so only the `since` answer can bring them.
        edited = {p["id"] for p in sequence.page(PER_PAGE + 50, 400)[::40]}
        for post_id in edited:
            ws.edit_post(post_id, f"bearbeitet {post_id}")
        ws.add_post(channel, ws.me_id, "neu nach dem ersten Lauf")
        result = run_export(server, out, [channel], files=False, jobs=4)
    assert result.outcome == "done", result.message
    saved = {p["id"]: p["message"] for p in all_posts(out)}
    assert {i: saved[i] for i in edited} == {i: f"bearbeitet {i}" for i in edited}


def test_a_badly_answered_page_is_fetched_again(tmp_path):
    with DemoServer() as server:
        channel = quiet_channel(server)
        fill(server, channel, [(1_000, False)])
        server.break_answers(f"/channels/{channel}/posts", times=2, after=2)
        result = run_export(server, tmp_path / "a", [channel], files=False)
        expected = server_post_ids(server, channel)
        got = archive_post_ids(tmp_path / "a", channel)
        broken = server.answers_broken
    assert broken == 2
    assert result.outcome == "done", result.message
    assert got == expected


def test_a_channel_that_cannot_be_saved_is_never_shown_as_saved(tmp_path):
    events: list[Event] = []
    with DemoServer() as server:
        bad = quiet_channel(server)
        ws = server.workspace
        good = next(c["id"] for c in ws.channels_of_user(ws.me_id) if c["type"] == "O" and c["id"] != bad)
        server.break_answers(f"/channels/{bad}/posts", times=1_000)
        result = run_export(server, tmp_path / "a", [bad, good], files=False, events=events)
    assert result.outcome == "incomplete"
    finished = {e.channel_id: e.complete for e in events if isinstance(e, ChannelFinished)}
    assert finished == {bad: False, good: True}
    entries = {e["id"]: e for e in Archive(tmp_path / "a").channel_entries()}
    assert entries[bad]["complete"] is False and entries[good]["complete"] is True
    assert [p["channel_id"] for p in result.problems] == [bad]


def test_the_cli_marks_a_channel_that_could_not_be_saved(tmp_path):
    with DemoServer() as server:
        bad = quiet_channel(server)
        name = server.workspace.channels[bad]["display_name"]
        server.break_answers(f"/channels/{bad}/posts", times=1_000)
        proc = cli(
            "export",
            "--server",
            server.url,
            "--out",
            str(tmp_path / "a"),
            "--channel",
            bad,
            "--no-files",
            token=server.token,
        )
        out, err = proc.communicate(timeout=120)
    lines = [line for line in (out + err).splitlines() if name in line and line[:1] in "✓✗"]
    assert lines and all(line.startswith("✗") for line in lines), out + err
    assert proc.returncode != 0, "a run that could not save a chat does not end as a success"


def test_a_stopped_export_of_segments_resumes_where_each_segment_stopped(tmp_path):
    out = tmp_path / "a"
    with DemoServer(big_channel_posts=3 * engine.SEGMENT_POSTS) as server:
        channel = server.workspace.big.channel_id
        client = Client(server.url, server.token)
        exporter = Exporter(client, out, [channel], ExportOptions(formats=["json"], files=False, jobs=3))

        def stop_midway(request: Request) -> None:
            if is_page_request(request, channel) and len(posts_requests(server, channel)) == 60:
                exporter.cancel()

        server.before_answer = stop_midway
        assert exporter.run().outcome == "cancelled"
        server.before_answer = None
        first = len(posts_requests(server, channel))
        result = run_export(server, out, [channel], files=False, jobs=3)
        second = len(posts_requests(server, channel)) - first
        expected = server_post_ids(server, channel)
        got = archive_post_ids(out, channel)
    pages = -(-len(expected) // PER_PAGE)
    assert result.outcome == "done", result.message
    assert got == expected
    assert second < pages - first // 2, "pages saved before the stop are not fetched again"
