"""Resume state of an export, kept inside the archive under .mmexport/ and always written atomically.

A page file is written once, atomically, and then trusted; it carries the state of its segment's walk after
it, and the channel state holds the segments the round started with, so a resumed run goes on from the
last whole page of each segment. A killed run (even kill -9) therefore leaves only whole pages and whole files behind.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from mmexport.archive import guard
from mmexport.archive.layout import STATE_DIR, atomic_write_json, id_name, iter_jsonl, read_json

RUN_FILE = "run.json"


@dataclass
class ChannelState:
    channel_id: str
    path: str  # relative channel folder, fixed at the first run so that resumes and updates find it
    complete: bool = False  # posts.jsonl holds everything up to synced_to
    posts: int = 0  # lines in posts.jsonl
    synced_to: int | None = None  # newest create_at in posts.jsonl when the last round finished
    last_sync_at: int | None = None  # server time (ms) at which the last finished round started
    finished_in_run: str | None = None  # run_id (run.json) of the run that finished the last round
    # the round in progress (fresh export or update):
    segments: list[dict] | None = None  # the walks it started with (paging.Walk.to_json), None: not planned
    round_started_at: int | None = None  # server time (ms) before its first request
    deleted_on_server: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # user ids the channel's posts refer to
    mentions: list[str] = field(default_factory=list)  # @usernames in its messages


class StateStore:
    def __init__(self, root: Path):
        self.root = root
        self.dir = root / STATE_DIR

    def channel_file(self, channel_id: str) -> Path:
        return self.dir / "channels" / f"{id_name(channel_id)}.json"

    def pages_dir(self, channel_id: str) -> Path:
        return self.dir / "pages" / id_name(channel_id)

    def files_ledger(self, channel_id: str) -> Path:
        return self.dir / "files" / f"{id_name(channel_id)}.jsonl"

    def load_channel(self, channel_id: str) -> ChannelState | None:
        data = read_json(self.channel_file(channel_id))
        if not isinstance(data, dict) or not data:
            return None
        known = {k: v for k, v in data.items() if k in ChannelState.__dataclass_fields__}
        return ChannelState(**known)

    def save_channel(self, state: ChannelState) -> None:
        atomic_write_json(self.channel_file(state.channel_id), asdict(state), indent=None)

    def all_channel_states(self) -> dict[str, ChannelState]:
        states = {}
        for path in sorted((self.dir / "channels").glob("*.json")):
            data = read_json(path)
            if isinstance(data, dict) and "channel_id" in data:
                known = {k: v for k, v in data.items() if k in ChannelState.__dataclass_fields__}
                states[data["channel_id"]] = ChannelState(**known)
        return states

    def drop_pages(self, channel_id: str) -> None:
        folder = self.pages_dir(channel_id)
        guard.refuse_links(folder)  # a link put into .mmexport/ during the run: never delete through it
        shutil.rmtree(folder, ignore_errors=True)

    def load_run(self) -> dict:
        return read_json(self.dir / RUN_FILE, {}) or {}

    def save_run(self, data: dict) -> None:
        atomic_write_json(self.dir / RUN_FILE, data)

    def wanted_files(self, channel_id: str) -> Path:
        return self.dir / "files" / f"{id_name(channel_id)}.wanted.jsonl"

    def load_wanted(self, channel_id: str) -> dict[str, list]:
        """Every attachment reference the channel's saved posts have: file id -> [create_at, post, file, name, size]."""
        return {ref[2]: ref for ref in _iter_refs(self.wanted_files(channel_id))}

    def add_wanted(self, channel_id: str, refs: list[list]) -> None:
        if not refs:
            return
        path = self.wanted_files(channel_id)
        with guard.open_for_append(path) as f:  # no link followed inside the archive folder
            f.writelines(json.dumps(ref, ensure_ascii=False) + "\n" for ref in refs)
            f.flush()
            os.fsync(f.fileno())

    # The files ledger is append-only: one line per finished download. A torn last line is ignored.
    def load_ledger(self, channel_id: str) -> dict[str, dict]:
        return {entry["id"]: entry for entry in iter_jsonl(self.files_ledger(channel_id)) if "id" in entry}

    def append_ledger(self, channel_id: str, entry: dict) -> None:
        path = self.files_ledger(channel_id)
        with guard.open_for_append(path) as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())


def _iter_refs(path: Path) -> Iterator[list]:
    for entry in iter_jsonl(path):
        if isinstance(entry, list) and len(entry) == 5:
            yield entry
