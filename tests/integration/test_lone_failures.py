"""A request that always fails while the server answers others must not keep a run alive (issue 21, item 1).

The hostile server (tests/hostile_server.py) cuts the body of one file, or of one chat's pages, every
time; everything else is the demo server's own answer. The run gives that one request a few tries within
about two minutes, lists it under problems with its reason and ends "incomplete" (exit code 5); the next
run tries it again. A server that answers nothing at all is still waited for."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from tests.hostile_server import HostileServer

from mmexport.archive.reader import Archive
from mmexport.exporting.engine import Exporter
from mmexport.exporting.events import NetworkWait
from mmexport.exporting.options import ExportOptions
from mmexport.mattermost import Client

# Generous: the client's own retries of a broken body plus the engine's waits (5 s, 10 s) between tries.
GIVE_UP_WITHIN = 180.0  # seconds; the engine gives up after LONE_FAILURE_SECONDS (120) at most


@pytest.fixture
def hostile():
    with HostileServer() as server:
        yield server


def channel_id(server: HostileServer, name: str) -> str:
    return next(c["id"] for c in server.workspace.channels.values() if c["name"] == name)


def run_with_deadline(exporter: Exporter, seconds: float):
    """The run's result, or a failed test (and a cancelled run) when it does not end in time."""
    results: list = []
    thread = threading.Thread(target=lambda: results.append(exporter.run()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        exporter.cancel()
        thread.join(60)
        pytest.fail(f"the run was still going after {seconds:.0f} s")
    return results[0], time.monotonic() - started


def exporter(server: HostileServer, out: Path, names: list[str], events: list) -> Exporter:
    client = Client(server.url, server.token, backoff_base=0.01)
    ids = [channel_id(server, name) for name in names]
    options = ExportOptions(formats=["json"], avatars=False, custom_emoji=False)
    return Exporter(client, out, ids, options, on_event=events.append)


@pytest.mark.parametrize("mode", ["short_file_length", "short_file_chunked"])
def test_a_file_whose_body_always_breaks_is_given_up_and_listed(hostile, tmp_path, mode):
    target = channel_id(hostile, "dateien")
    broken = next(
        f.info for f in hostile.workspace.files.values() if f.blob and len(f.blob) > 1 and f.info["channel_id"] == target
    )
    hostile.misbehave(mode, path=rf"^/api/v4/files/{broken['id']}$")
    events: list = []
    result, took = run_with_deadline(exporter(hostile, tmp_path / "a", ["dateien", "labor"], events), GIVE_UP_WITHIN)
    assert result.outcome == "incomplete", result.message
    listed = [p for p in result.problems if p["file_id"] == broken["id"]]
    assert len(listed) == 1 and "could not be downloaded" in listed[0]["what"], result.problems
    assert any(isinstance(e, NetworkWait) for e in events), "it was tried again before it was given up"
    manifest = Archive(tmp_path / "a").manifest
    assert {c["name"]: c["complete"] for c in manifest["channels"]} == {"dateien": True, "labor": True}
    assert broken["id"] not in Archive(tmp_path / "a").files_by_id()
    print(f"{mode}: given up after {took:.1f} s")

    hostile.behave()  # the next run tries it again, and now it arrives
    again, _ = run_with_deadline(exporter(hostile, tmp_path / "a", ["dateien", "labor"], []), GIVE_UP_WITHIN)
    assert broken["id"] in Archive(tmp_path / "a").files_by_id()
    assert not [p for p in again.problems if p["file_id"] == broken["id"]]


def test_a_page_that_always_breaks_gives_up_its_chat_not_the_run(hostile, tmp_path):
    target = channel_id(hostile, "labor")
    hostile.misbehave("short_file_length", path=rf"^/api/v4/channels/{target}/posts")
    events: list = []
    result, _ = run_with_deadline(exporter(hostile, tmp_path / "a", ["labor", "dateien"], events), GIVE_UP_WITHIN)
    assert result.outcome == "incomplete", result.message
    assert [p["channel_id"] for p in result.problems if not p["file_id"]] == [target]
    complete = {c["name"]: c["complete"] for c in Archive(tmp_path / "a").manifest["channels"]}
    assert complete == {"labor": False, "dateien": True}


def test_a_server_that_answers_nothing_is_waited_for(hostile, tmp_path, monkeypatch):
    """The other side of the rule: when the server answers nothing (the probe fails too), the run keeps
    waiting, however few tries a lone failure gets, and goes on when the server is back."""
    from mmexport.exporting import engine

    monkeypatch.setattr(engine, "LONE_FAILURE_TRIES", 1)
    monkeypatch.setattr(engine, "LONE_FAILURE_SECONDS", 0.0)
    target = channel_id(hostile, "projekt-alpha")  # four pages: the first is answered, the others wait

    def everything_breaks(_path: str) -> None:  # from the chat's first page on, every answer breaks off
        hostile.misbehave("short_file_length", path=r"^/api/v4/(channels|users|files)/")

    hostile.misbehave("hook", path=rf"^/api/v4/channels/{target}/posts", times=1, call=everything_breaks)
    events: list = []
    run = exporter(hostile, tmp_path / "a", ["projekt-alpha"], events)
    results: list = []
    thread = threading.Thread(target=lambda: results.append(run.run()), daemon=True)
    thread.start()
    time.sleep(20)
    waits = [e for e in events if isinstance(e, NetworkWait)]
    assert thread.is_alive() and len(waits) >= 2, "still waiting, and saying so"
    hostile.behave()  # the server is back
    thread.join(GIVE_UP_WITHIN)
    assert not thread.is_alive()
    assert results[0].outcome == "done", results[0].message
