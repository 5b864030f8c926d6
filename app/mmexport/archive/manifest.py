"""manifest.json: the archive's machine-readable summary (docs/archive-format.md), written here only.

A run writes it when it starts (naming its chats, "complete": false), when it stops early, and when it
finishes; each time merged with what earlier runs into the folder wrote, so an update of a few chats
keeps the others' entries. Reading is archive/reader.py's job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mmexport import __version__
from mmexport.archive.layout import FORMAT, FORMAT_VERSION, MANIFEST, atomic_write_json
from mmexport.archive.reader import Archive
from mmexport.archive.state import ChannelState, StateStore


@dataclass
class ManifestChannel:
    """What manifest.json says about one channel of this run."""

    channel: dict  # as the server sent it
    team: str  # team name, "" for DMs and group messages
    name: str  # the name shown to people
    state: ChannelState
    complete: bool  # every post (and attachment) of the chosen range is saved
    members: list[str] = field(default_factory=list)
    member: bool | None = None  # in an administrator's export: whether the exporter belongs to it


@dataclass
class RunFacts:
    """Who exported what from where, as manifest.json records it."""

    server_url: str
    server_version: str
    me: dict
    started_at: str
    options: dict  # ExportOptions.to_json()
    teammate_name_display: str = "username"  # the server's rule for naming people (the viewer follows it)
    exported_as_admin: bool = False  # options.every_channel with a system administrator's sign-in
    server_id: str = ""  # the server's own id and configured address: whose archive this is (owner.py)
    site_url: str = ""


def write_manifest(
    root: Path,
    run: RunFacts,
    channels: Iterable[ManifestChannel],
    store: StateStore,
    problems: list[dict],
    finished: bool,
    stopped: str | None = None,
) -> None:
    """finished: the run is over. stopped: why it ended early (cancelled, token_expired, failed).
    Neither: the run is under way (written when it starts, so that a killed run leaves a list of its
    chats that `mmexport render` can show). Files come from each chat's ledger in the resume state."""
    previous = Archive(root).manifest
    channels = list(channels)
    this_run = {c.channel["id"] for c in channels}
    entries = {c["id"]: c for c in previous.get("channels", [])}
    files = {f["id"]: f for f in previous.get("files", []) if f.get("channel_id") not in this_run}
    for channel in channels:
        ledger = store.load_ledger(channel.channel["id"])
        entries[channel.channel["id"]] = _channel_entry(channel, len(ledger))
        files.update(ledger)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "mmexport", "version": __version__},
        "server": {
            "url": run.server_url,
            "id": run.server_id,
            "site_url": run.site_url,
            "version": run.server_version,
            "teammate_name_display": run.teammate_name_display,
        },
        "user": {"id": run.me["id"], "username": run.me.get("username", "")},
        "started_at": previous.get("started_at") or run.started_at,
        "finished_at": now_iso() if finished else None,
        "complete": finished and stopped is None,  # every chosen chat fetched (problems aside)
        "stopped_at": now_iso() if stopped else None,
        "stop_reason": stopped,
        "options": run.options,
        "exported_as_admin": run.exported_as_admin,
        "channels": sorted(entries.values(), key=lambda e: e["path"]),
        "files": sorted(files.values(), key=lambda f: f["path"]),
        "problems": problems,
    }
    atomic_write_json(root / MANIFEST, manifest)


def _channel_entry(channel: ManifestChannel, files: int) -> dict:
    entry = {
        "id": channel.channel["id"],
        "type": channel.channel.get("type"),
        "team": channel.team,
        "name": channel.channel.get("name", ""),
        "display_name": channel.name,
        "path": channel.state.path,
        "posts": channel.state.posts,
        "files": files,
        "complete": channel.complete,
        "archived": bool(channel.channel.get("delete_at")),
    }
    if channel.members:
        entry["members"] = channel.members
    if channel.member is not None:
        entry["member"] = channel.member
    if channel.state.deleted_on_server:
        entry["deleted_on_server"] = channel.state.deleted_on_server
    return entry


def now_iso() -> str:
    """The manifest's (and run.json's) form of a moment: ISO 8601, UTC, whole seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")
