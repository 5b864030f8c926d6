"""Whole exports against the hostile server (tests/hostile_server.py), and the archive folder under attack:
nothing lost silently, nothing leaked, nothing written outside, never a traceback (issue 12)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tests.hostile_server import HostileServer

from mmexport import exitcodes
from mmexport.archive.reader import Archive
from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.verify import verify_archive
from mmexport.mattermost import Client


@pytest.fixture
def hostile():
    with HostileServer() as server:
        yield server


def channel_id(server: HostileServer, name: str) -> str:
    return next(c["id"] for c in server.workspace.channels.values() if c["name"] == name)


def export(server: HostileServer, out: Path, names=("dateien",), events=None, **options):
    options.setdefault("formats", ["json"])
    options.setdefault("avatars", False)
    client = Client(server.url, server.token, backoff_base=0.01)
    ids = [channel_id(server, n) for n in names]
    on_event = events.append if events is not None else None
    return Exporter(client, out, ids, ExportOptions(**options), on_event=on_event).run()


def cli(server: HostileServer, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args],
        env={**os.environ, "MMEXPORT_TOKEN": server.token},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def saved_files(root: Path) -> dict[str, dict]:
    return Archive(root).files_by_id()


def problem_files(result) -> set[str]:
    return {p["file_id"] for p in result.problems if p["file_id"]}


# ---- data silently wrong or lost ----


@pytest.mark.parametrize("mode", ["short_file_close", "small_file", "file_elsewhere"])
def test_a_file_that_is_not_the_whole_file_is_listed_not_saved(hostile, tmp_path, mode):
    hostile.misbehave(mode)
    result = export(hostile, tmp_path / "a")
    assert result.outcome == "incomplete", result.message
    target = channel_id(hostile, "dateien")
    cut = {
        f.info["id"]
        for f in hostile.workspace.files.values()
        if f.blob is not None and len(f.blob) > 1 and f.info["channel_id"] == target
    }
    listed = problem_files(result)
    assert cut and cut <= listed
    assert not listed & set(saved_files(tmp_path / "a"))
    assert verify_archive(tmp_path / "a").ok


def test_connections_breaking_mid_file_are_retried_and_never_blamed_on_the_disk(hostile, tmp_path):
    hostile.misbehave("short_file_length", times=3)
    hostile.misbehave("short_file_chunked", times=3)
    result = export(hostile, tmp_path / "a")
    assert result.outcome in ("done", "incomplete"), result.message
    assert "disk" not in result.message.lower() and "writing into" not in result.message.lower()
    target = channel_id(hostile, "dateien")
    whole = {
        f.info["id"] for f in hostile.workspace.files.values() if f.blob and f.info["channel_id"] == target
    }
    saved = saved_files(tmp_path / "a")
    assert whole <= set(saved), "every file there is arrives in the end"
    for entry in saved.values():
        assert entry["size"] == hostile.workspace.files[entry["id"]].info["size"]


def test_verify_compares_file_sizes_with_what_the_server_announced(demo_archive, tmp_path):
    """An archive written by the old program, with a short file recorded as complete in its manifest."""
    root = tmp_path / "copy"
    shutil.copytree(demo_archive, root)
    manifest = json.loads((root / "manifest.json").read_text())
    entry = next(f for f in manifest["files"] if f["size"] > 100)
    path = root / entry["path"]
    path.write_bytes(path.read_bytes()[: entry["size"] // 2])
    import hashlib

    entry["size"] = path.stat().st_size
    entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (root / "manifest.json").write_text(json.dumps(manifest))
    report = verify_archive(root)
    assert any("the server announced" in error for error in report.errors), report.errors


def test_a_channel_archived_during_the_export_is_marked_and_kept_by_the_next_update(hostile, tmp_path):
    target = channel_id(hostile, "dateien")

    def archive_it(path: str) -> None:
        hostile.workspace.channels[target]["delete_at"] = int(time.time() * 1000)

    hostile.misbehave("hook", path=rf"^/api/v4/channels/{target}/posts", times=1, call=archive_it)
    out = tmp_path / "a"
    assert export(hostile, out).outcome in ("done", "incomplete")
    entry = next(e for e in Archive(out).channel_entries() if e["id"] == target)
    assert entry["archived"] is True
    assert json.loads((out / entry["path"] / "channel.json").read_text())["delete_at"] > 0
    update = cli(hostile, "export", "--server", hostile.url, "--out", str(out), "--all", "--no-avatars")
    assert update.returncode in (0, 5), update.stderr
    assert hostile.workspace.channels[target]["display_name"] in update.stderr


def test_a_resume_removes_temporary_files_a_killed_run_left(hostile, tmp_path):
    out = tmp_path / "a"
    export(hostile, out)
    folder = next((out / "channels").rglob("files")).parent
    leftovers = [
        out / ".tmp-abc123.part",
        folder / "files" / ".tmp-killed.part",
        out / ".mmexport" / ".tmp-x.part",
    ]
    for path in leftovers:
        path.write_bytes(b"half a file")
    assert export(hostile, out).outcome in ("done", "incomplete")
    assert [p for p in leftovers if p.exists()] == []


# ---- the archive folder: links and locks ----


def test_a_linked_team_folder_is_not_written_through(hostile, tmp_path):
    out, outside = tmp_path / "a", tmp_path / "outside"
    export(hostile, out)
    outside.mkdir()
    team = next((out / "channels").iterdir())
    shutil.rmtree(team)
    team.symlink_to(outside, target_is_directory=True)
    result = export(hostile, out)
    assert result.outcome == "failed"
    assert "link" in result.message and "Traceback" not in result.message
    assert list(outside.iterdir()) == []


def test_a_linked_avatars_folder_is_not_written_through(hostile, tmp_path):
    out, outside = tmp_path / "a", tmp_path / "outside"
    outside.mkdir()
    (out / ".mmexport").mkdir(parents=True)  # an archive begun before: links are checked from the start
    (out / "avatars").symlink_to(outside, target_is_directory=True)
    (out / "channels").symlink_to(outside, target_is_directory=True)
    result = export(hostile, out, avatars=True)
    assert result.outcome == "failed"
    assert "link" in result.message
    assert list(outside.iterdir()) == []


def test_a_link_made_during_the_run_stops_the_write(hostile, tmp_path):
    """The check at the start is not all: every write checks the folders on its way again."""
    out, outside = tmp_path / "a", tmp_path / "outside"
    outside.mkdir()

    def link_it(path: str) -> None:
        if not (out / "emoji").exists():
            (out / "emoji").symlink_to(outside, target_is_directory=True)

    hostile.misbehave("hook", path=r"^/api/v4/emoji\?", call=link_it)
    result = export(hostile, out, custom_emoji=True)
    assert result.outcome == "failed" and "link" in result.message, result.message
    assert list(outside.iterdir()) == []


def test_a_link_put_into_the_state_folder_during_the_run_is_refused_before_anything_is_made(
    hostile, tmp_path
):
    """Issue 21 item 6: the first page's folder under .mmexport/pages is made by the rules of every write
    (guard.prepare_folder: one level at a time, links refused first), not by mkdir(parents=True), which
    created a folder through the link before the write was refused."""
    out, outside = tmp_path / "a", tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("someone else's")

    def link_it(path: str) -> None:
        pages = out / ".mmexport" / "pages"
        if not pages.exists() and not pages.is_symlink():
            pages.symlink_to(outside, target_is_directory=True)

    hostile.misbehave("hook", path=r"^/api/v4/channels/[a-z0-9]+/posts\?", call=link_it)
    result = export(hostile, out)
    assert result.outcome == "failed" and "link" in result.message, result.message
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]  # nothing made, nothing deleted


HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from mmexport.archive import guard
    guard.lock_archive(Path(sys.argv[1]))
    print("locked", flush=True)
    sys.stdin.read()
    """
)


def test_a_second_export_into_the_same_folder_gets_a_plain_message(hostile, tmp_path):
    out = tmp_path / "a"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = export(hostile, out)
        assert result.outcome == "failed"
        assert "Another export is writing into" in result.message
        second = cli(hostile, "export", "--server", hostile.url, "--out", str(out), "--all")
        assert second.returncode == 1 and "Another export is writing into" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert export(hostile, out).outcome in ("done", "incomplete")  # the lock went with its process


# ---- secrets ----


def test_an_error_echoing_the_token_reaches_neither_archive_nor_screen(hostile, tmp_path):
    hostile.misbehave("echo_auth", path=rf"^/api/v4/channels/{channel_id(hostile, 'dateien')}/posts")
    out = tmp_path / "a"
    events: list = []
    result = export(hostile, out, events=events, formats=["html", "json", "txt"])
    assert result.outcome == "incomplete"
    assert any("Authorization" in p["what"] for p in result.problems)  # the message is there, redacted
    for path in out.rglob("*"):
        if path.is_file():
            assert hostile.token.encode() not in path.read_bytes(), path
    assert hostile.token not in repr(events) + repr(result)
    run = cli(
        hostile, "export", "--server", hostile.url, "--out", str(tmp_path / "b"), "--all", "--no-avatars"
    )
    assert hostile.token not in run.stdout + run.stderr


# ---- messages ----


def test_wrong_shapes_give_a_plain_message_in_channels_and_export(hostile, tmp_path):
    hostile.misbehave("json", path=r"^/api/v4/users/me/teams$", body={"teams": "none"})
    for args in (["channels"], ["export", "--out", str(tmp_path / "a"), "--all"]):
        run = cli(hostile, *args, "--server", hostile.url)
        assert run.returncode == exitcodes.UNREACHABLE, run.stderr
        assert "answered something unexpected" in run.stderr and "Traceback" not in run.stderr


def test_a_posts_page_of_the_wrong_shape_never_shows_a_saved_chat(hostile, tmp_path):
    target = channel_id(hostile, "dateien")
    hostile.misbehave("json", path=rf"^/api/v4/channels/{target}/posts", body={"order": [{}], "posts": []})
    name = hostile.workspace.channels[target]["display_name"]
    run = cli(hostile, "export", "--server", hostile.url, "--out", str(tmp_path / "a"), "--channel", target)
    assert run.returncode == exitcodes.INCOMPLETE, run.stderr
    assert f"✓ {name}" not in run.stderr and f"✗ {name}" in run.stderr
    assert "answered something unexpected" in run.stderr and "unhashable" not in run.stderr


def test_escape_sequences_and_bidi_overrides_are_not_printed_or_saved(hostile, tmp_path):
    target = channel_id(hostile, "dateien")
    hostile.workspace.channels[target]["display_name"] = "Dateien\x1b]0;pwned\x07\x1b[2J\u202e\x9b31m"
    stored = next(f for f in hostile.workspace.files.values() if f.blob and f.info["channel_id"] == target)
    stored.info["name"] = "x\u202etxt.exe\x1b[2J"
    listing = cli(hostile, "channels", "--server", hostile.url)
    as_json = cli(hostile, "channels", "--server", hostile.url, "--json")
    run = cli(hostile, "export", "--server", hostile.url, "--out", str(tmp_path / "a"), "--channel", target)
    for output in (listing.stdout, as_json.stdout, run.stdout + run.stderr):
        assert not any(c in output for c in "\x1b\x07\u202e\x9b"), output
    assert "Dateien" in listing.stdout
    assert [json.loads(line) for line in as_json.stdout.splitlines()]  # still valid JSON, names only escaped
    names = [p.name for p in (tmp_path / "a" / "channels").rglob("*")]
    assert names and not any(c in n for n in names for c in "\x1b\u202e")
    assert any(n.startswith("xtxt.exe") for n in names), names
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "a" / "channels").rglob("messages*.html"))
    assert "xtxt.exe" in pages and "x\u202etxt" not in pages  # the viewer shows the name as it was saved


NAMESPACE_SCRIPT = textwrap.dedent(
    """
    import json, subprocess, sys
    archive = sys.argv[1]
    subprocess.run(["mount", "--bind", archive, archive], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", archive], check=True)
    run = subprocess.run([sys.executable, "-m", "mmexport", "render", archive], capture_output=True, text=True)
    print(json.dumps([run.returncode, run.stderr]))
    """
)


def test_render_into_a_read_only_folder_says_so_plainly(demo_archive, tmp_path):
    """A read-only mount of its own (a private mount namespace): chmod would not stop root."""
    root = tmp_path / "copy"
    shutil.copytree(demo_archive, root)
    assert shutil.which("unshare"), "util-linux unshare is part of every Debian system"
    proc = subprocess.run(
        ["unshare", "--mount", "--map-root-user", sys.executable, "-c", NAMESPACE_SCRIPT, str(root)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    code, stderr = json.loads(proc.stdout.strip().splitlines()[-1])
    assert code != 0 and "Traceback" not in stderr, stderr
    assert "cannot write" in stderr or "read-only" in stderr, stderr


def test_render_workers_do_not_inherit_the_token(tmp_path, monkeypatch):
    """A chat of several viewer pages is rendered by worker processes: none may see MMEXPORT_TOKEN."""
    from mmexport import cli as cli_main
    from mmexport.demo.seed import BIG_CHANNEL_NAME
    from mmexport.demo.server import DemoServer
    from mmexport.exporting.writers.threads import PAGE_SIZE

    root = tmp_path / "big"
    with DemoServer(big_channel_posts=2 * PAGE_SIZE + 10) as server:
        big = next(c["id"] for c in server.workspace.channels.values() if c["name"] == BIG_CHANNEL_NAME)
        options = ExportOptions(formats=["json"], avatars=False, custom_emoji=False)
        assert Exporter(Client(server.url, server.token), root, [big], options).run().outcome == "done"
    monkeypatch.setenv("MMEXPORT_TOKEN", "secrettokenvalue123456789")
    seen: dict[int, bool] = {}
    done = []

    import threading

    def watch_children() -> None:
        me = str(os.getpid())
        while not done:
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit() or entry.name in (me,):
                    continue
                try:
                    if (entry / "stat").read_text().split()[3] != me:
                        continue
                    seen[int(entry.name)] = b"MMEXPORT_TOKEN=" in (entry / "environ").read_bytes()
                except OSError:
                    continue
            time.sleep(0.005)

    watcher = threading.Thread(target=watch_children)
    watcher.start()
    try:
        assert cli_main.main(["render", str(root)]) == 0
    finally:
        done.append(True)
        watcher.join()
    assert seen, "the render started no worker process to look at"
    assert not any(seen.values())


def test_a_chosen_folder_that_is_itself_a_link_is_fine(hostile, tmp_path):
    """Only links inside the archive are refused: the folder someone chose may be a link (to a USB disk)."""
    real, chosen = tmp_path / "usb" / "archive", tmp_path / "Archiv"
    real.mkdir(parents=True)
    chosen.symlink_to(real, target_is_directory=True)
    assert export(hostile, chosen).outcome in ("done", "incomplete")
    assert (real / "manifest.json").is_file()


def test_a_resume_ledger_swapped_for_a_link_during_the_run_is_not_appended_through(hostile, tmp_path):
    from mmexport.archive.state import StateStore

    out, outside = tmp_path / "a", tmp_path / "outside.txt"
    outside.write_text("someone else's file\n")
    ledger = StateStore(out).files_ledger(channel_id(hostile, "dateien"))

    def link_it(path: str) -> None:
        if not ledger.is_symlink():
            ledger.parent.mkdir(parents=True, exist_ok=True)
            ledger.unlink(missing_ok=True)
            ledger.symlink_to(outside)

    hostile.misbehave("hook", path=r"^/api/v4/files/[a-z0-9]+$", call=link_it)
    result = export(hostile, out)
    assert result.outcome == "failed" and "link" in result.message, result.message
    assert outside.read_text() == "someone else's file\n"
