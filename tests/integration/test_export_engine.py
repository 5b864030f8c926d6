"""The export engine against the demo server over real HTTP: complete, safe, resumable, robust."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import pytest

from mmexport.archive.layout import STATE_DIR, inside
from mmexport.archive.reader import Archive
from mmexport.archive.state import StateStore
from mmexport.demo.generate import generated_workspace
from mmexport.demo.server import DemoServer
from mmexport.exporting.events import ChannelFinished
from mmexport.exporting.verify import verify_archive
from mmexport.mattermost import Client
from outcomes import assert_done, assert_only_lost_files

from .export_helpers import (
    all_posts,
    archive_post_ids,
    archive_snapshot,
    cli,
    readable_channel_ids,
    run_export,
    server_post_ids,
)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """One uninterrupted export of the whole small workspace, files, avatars and emoji included."""
    out = tmp_path_factory.mktemp("reference") / "archive"
    with DemoServer() as server:
        result = run_export(server, out)
        expected = {cid: server_post_ids(server, cid) for cid in readable_channel_ids(server)}
        yield out, result, expected


def test_export_holds_every_post_exactly_once_in_order(reference):
    out, result, expected = reference
    assert_only_lost_files(result)
    for channel_id, ids in expected.items():
        assert archive_post_ids(out, channel_id) == ids, channel_id
    assert verify_archive(out).ok, verify_archive(out).errors


def test_long_thread_and_same_millisecond_flood_are_complete(reference):
    out, _, _ = reference
    posts = list(all_posts(out))
    replies: dict[str, int] = {}
    for post in posts:
        if post["root_id"]:
            replies[post["root_id"]] = replies.get(post["root_id"], 0) + 1
    assert max(replies.values()) >= 500
    per_millisecond: dict[tuple, int] = {}
    for post in posts:
        key = (post["channel_id"], post["create_at"])
        per_millisecond[key] = per_millisecond.get(key, 0) + 1
    assert max(per_millisecond.values()) >= 400  # the import flood crosses several 200-post pages


def test_posts_are_kept_as_the_server_sent_them(reference):
    out, _, _ = reference
    with DemoServer() as server:
        client = Client(server.url, server.token)
        channel_id = next(iter(reference[2]))
        page = client.posts_page(channel_id, page=0, per_page=200)
    archived = {p["id"]: p for p in all_posts(out)}
    for post_id in page["order"]:
        assert archived[post_id] == page["posts"][post_id]


def test_manifest_users_and_files(reference):
    out, result, _ = reference
    archive = Archive(out)
    manifest = archive.manifest
    assert manifest["format"] == "mmexport-archive"
    assert manifest["server"]["version"]
    assert {e["type"] for e in manifest["channels"]} >= {"O", "P", "D", "G"}
    users = archive.users()
    for post in all_posts(out):
        assert post["user_id"] in users
        for reaction in (post.get("metadata") or {}).get("reactions") or []:
            assert reaction["user_id"] in users
    assert any(u.get("delete_at") for u in users.values()), "the deactivated user is kept"
    for entry in manifest["channels"]:
        if entry["type"] in ("D", "G"):
            assert entry["members"] and all(m in users for m in entry["members"])
    assert manifest["files"], "attachments were downloaded"
    for entry in manifest["files"]:
        path = out / entry["path"]
        assert path.is_file() and path.stat().st_size == entry["size"]
    missing = [p for p in manifest["problems"] if p["file_id"]]
    assert missing, "the attachment whose blob is gone is listed as a problem"
    assert result.outcome == "incomplete"
    assert result.problems == manifest["problems"]


def test_every_attachment_is_saved_or_listed_as_a_problem(reference):
    """Each file of each exported post, counted on the server's side: none may go missing silently."""
    out, _, _ = reference
    ws = generated_workspace()  # the reference's workspace: the same seed gives the same one
    expected: dict[str, bool] = {}  # file id -> does the server still hold its bytes
    for channel in ws.channels_of_user(ws.me_id):
        sequence = ws.visible_posts(channel["id"])
        for post in sequence.page(0, len(sequence)):
            for file_id in post.get("file_ids") or []:
                expected[file_id] = ws.files[file_id].blob is not None
    manifest = Archive(out).manifest
    saved = {f["id"] for f in manifest["files"]}
    listed = {p["file_id"] for p in manifest["problems"] if p["file_id"]}
    assert len(expected) >= 10
    assert saved == {fid for fid, present in expected.items() if present}
    assert listed == {fid for fid, present in expected.items() if not present}
    assert list((out / "avatars").glob("*.png")) and list((out / "emoji").iterdir())
    assert "token" not in (out / "manifest.json").read_text().lower()


def test_hostile_file_names_stay_inside_the_archive(reference):
    out, _, _ = reference
    names = [f["name"] for f in Archive(out).manifest["files"]]
    assert any("../" in n for n in names) and any(n.upper().startswith("CON") for n in names)
    for path in out.rglob("*"):
        assert inside(out, path)
        assert len(path.name.encode()) <= 120
        assert path.name.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"}


def test_update_fetches_only_what_is_new(tmp_path):
    out = tmp_path / "archive"
    with DemoServer() as server:
        channels = readable_channel_ids(server)
        assert_done(run_export(server, out, channels, files=False))
        ws = server.workspace
        busy = max(channels, key=lambda cid: len(ws.visible_posts(cid)))
        old = ws.visible_posts(busy).page(5, 1)[0]
        ws.edit_post(old["id"], "edited after the export")
        new = [ws.add_post(busy, ws.me_id, f"new message {i}") for i in range(3)]
        server.reset_counts()
        assert_done(run_export(server, out, channels, files=False))
        post_requests = server.request_counts["GET /api/v4/channels/{channel_id}/posts"]
        # one anchor page per channel plus one `since` request for channels with an earlier sync
        assert post_requests <= 2 * len(channels)
        ids = archive_post_ids(out, busy)
        assert ids == server_post_ids(server, busy)
        assert all(p["id"] in ids for p in new)
        edited = next(p for p in all_posts(out) if p["id"] == old["id"])
        assert edited["message"] == "edited after the export"


def test_token_expiry_stops_cleanly_and_continues_with_a_new_token(tmp_path, reference):
    ref_out, _, _ = reference
    out = tmp_path / "archive"
    events = []
    # A token that lasts 80 requests: less than the export needs, more than asking each of the 42 saved chats
    # what is new since (what every attempt does: a run saves everything up to its own start, issue 21).
    with DemoServer(token_expiry_requests=80) as server:
        token = server.token
        outcomes = []
        for _ in range(40):
            result = run_export(server, out, token=token, events=events)
            outcomes.append(result.outcome)
            if result.outcome != "token_expired":
                break
            token = server.issue_token()
        assert outcomes[0] == "token_expired" and len(outcomes) > 1
        assert_only_lost_files(result)
    assert any(type(e).__name__ == "TokenExpired" for e in events)
    assert _comparable(archive_snapshot(out)) == _comparable(archive_snapshot(ref_out))


def test_faults_on_ten_percent_of_requests_lose_nothing(tmp_path, reference):
    ref_out, _, _ = reference
    out = tmp_path / "archive"
    with DemoServer(fault_rate=0.05, drop_rate=0.05) as server:
        result = run_export(server, out)
    assert_only_lost_files(result)
    assert _comparable(archive_snapshot(out)) == _comparable(archive_snapshot(ref_out))


@pytest.mark.slow
def test_kill_9_at_several_points_then_resume_gives_the_same_archive(tmp_path, reference):
    ref_out, _, _ = reference
    out = tmp_path / "archive"
    with DemoServer(latency_ms=3) as server:
        export_all = ["export", "--server", server.url, "--out", str(out), "--all", "--include-archived"]
        export_all += ["--formats", "json", "--quiet"]
        for stop_after in (15, 40, 90, 160):
            server.reset_counts()
            proc = cli(*export_all, token=server.token)
            deadline = time.monotonic() + 60
            while len(server.requests) < stop_after and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        proc = cli(*export_all, token=server.token)
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode in (0, 5), stderr
    assert _comparable(archive_snapshot(out)) == _comparable(archive_snapshot(ref_out))


def test_cancel_then_resume(tmp_path, reference):
    ref_out, _, _ = reference
    out = tmp_path / "archive"
    from mmexport.exporting.engine import Exporter
    from mmexport.exporting.options import ExportOptions

    with DemoServer(latency_ms=5) as server:
        client = Client(server.url, server.token)
        finished: list[str] = []
        with_files: list[str] = []
        sent_at_cancel: list[int] = []

        def on_event(event):
            if isinstance(event, ChannelFinished):
                finished.append(event.channel_id)
                if event.files:
                    with_files.append(event.channel_id)
                if len(finished) >= 3 and with_files and not sent_at_cancel:  # some chats and files saved
                    sent_at_cancel.append(len(server.requests))
                    exporter.cancel()

        options = ExportOptions(formats=["json"], jobs=4)
        exporter = Exporter(client, out, readable_channel_ids(server), options, on_event)
        result = exporter.run()
        assert result.outcome == "cancelled"
        # Cancel stops at once: what was on the way may still be answered, no new page or file is asked
        # for. (The stopped run still names the people of what it saved: users.json makes it readable.)
        after_cancel = [
            r for r in server.requests[sent_at_cancel[0] :] if r[1].startswith(("/api/v4/files/", "/api/v4/channels/"))
        ]
        assert len(after_cancel) <= options.jobs, after_cancel
        assert len(finished) < len(readable_channel_ids(server)), "cancelled before the end"
        store = StateStore(out)
        saved_files = {fid for cid in finished for fid in store.load_ledger(cid)}
        server.reset_counts()
        assert_only_lost_files(run_export(server, out))
        again = [path for _method, path, _query, _status in server.requests]
    # A chat the first attempt saved is only asked what is new since that attempt began (issue 21 item 3):
    # one page and the changes, never its whole history again.
    assert finished and all(sum(cid in p for p in again) <= 2 for cid in finished), (
        "a saved chat was fetched again"
    )
    assert saved_files, "the first run saved attachments"
    assert not [p for p in again if any(p.startswith(f"/api/v4/files/{fid}") for fid in saved_files)]
    assert _comparable(archive_snapshot(out)) == _comparable(archive_snapshot(ref_out))


def test_verify_catches_a_changed_file(tmp_path, reference):
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(reference[0], out)
    entry = Archive(out).manifest["files"][0]
    path = out / entry["path"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    report = verify_archive(out)
    assert not report.ok and any(entry["name"] in e for e in report.errors)
    proc = cli("verify", str(out), token="")
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 5 and "checksum" in stderr


@pytest.mark.parametrize(
    ("damage", "complaint"),
    [
        (lambda lines: [lines[1], lines[0], *lines[2:]], "out of order"),
        (lambda lines: [*lines, lines[3]], "appears twice"),
        (lambda lines: lines[:-1], "messages on disk"),
        (lambda lines: [lines[0][: len(lines[0]) // 2] + "\n", *lines[1:]], "damaged"),
    ],
    ids=["order", "duplicate", "lost line", "torn line"],
)
def test_verify_reads_every_posts_jsonl(tmp_path, reference, damage, complaint):
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(reference[0], out)
    assert verify_archive(out).ok
    entry = max(Archive(out).manifest["channels"], key=lambda e: e["posts"])
    path = out / entry["path"] / "posts.jsonl"
    path.write_text("".join(damage(path.read_text("utf-8").splitlines(keepends=True))), "utf-8")
    report = verify_archive(out)
    assert not report.ok
    assert any(entry["display_name"] in e and complaint in e for e in report.errors), report.errors


def test_refuses_a_folder_of_unrelated_files(tmp_path):
    (tmp_path / "thesis.docx").write_text("precious")
    with DemoServer() as server:
        result = run_export(server, tmp_path, readable_channel_ids(server)[:1])
    assert result.outcome == "failed" and "already holds other files" in result.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.docx"]


def _comparable(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    """Everything but users.json's volatile order and the avatar stamps, which equal runs also share."""
    result = dict(snapshot)
    if "users.json" in result:
        users = json.loads(result["users.json"])
        result["users.json"] = json.dumps(sorted(users, key=lambda u: u["id"]), sort_keys=True).encode()
    return {k: v for k, v in result.items() if not k.endswith(".stamp")}


def test_paths_are_relative_with_slashes(reference):
    out, _, _ = reference
    manifest = Archive(out).manifest
    for entry in manifest["channels"] + manifest["files"]:
        assert not Path(entry["path"]).is_absolute() and "\\" not in entry["path"]


def test_a_damaged_state_file_costs_one_chat_not_the_resume(tmp_path, caplog):
    out = tmp_path / "archive"
    with DemoServer() as server:
        channels = readable_channel_ids(server)[:3]
        assert run_export(server, out, channels, files=False).outcome == "done"
        before = _comparable(archive_snapshot(out))
        damaged = channels[0]
        state_file = out / STATE_DIR / "channels" / f"{damaged}.json"
        assert state_file.is_file()
        state_file.write_bytes(
            b'{"channel_id": "' + damaged.encode() + b'", "anch\xff'
        )  # cut short, not UTF-8
        server.reset_counts()
        with caplog.at_level("WARNING", logger="mmexport.archive.layout"):
            result = run_export(server, out, channels, files=False)
        assert result.outcome == "done", result.message
        assert archive_post_ids(out, damaged) == server_post_ids(server, damaged)
    assert _comparable(archive_snapshot(out)) == before, "the chat is fetched again into its own folder"
    assert any(str(state_file) in r.getMessage() for r in caplog.records)
