"""The one reader of a folder: what it is (examine), and what an archive in it holds (Archive).

Every part of the program that looks at a folder asks here: the engine before it writes, the wizard's
folder page, the command line's export, render, verify and convert. So they all agree about the same folder,
also one whose export was stopped or killed:

- A run writes manifest.json when it starts (naming its chats, "complete": false) and again when it ends.
  A run that was stopped (cancel, expired sign-in, lost network, full disk) says so in the manifest
  ("stopped_at", "stop_reason") and leaves each chat's fetched messages in posts.jsonl, marked
  "complete": false.
- A run that was killed could say nothing: its resume state (.mmexport/run.json not finished) tells, and
  each chat's resume state (.mmexport/channels/<id>.json) and files ledger are newer than the manifest's
  entries. Archive merges them in, so a reader sees what is really on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from pathlib import Path

from mmexport.archive.layout import (
    AVATARS_DIR,
    CHANNEL_JSON,
    EMOJI,
    EMOJI_DIR,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    POSTS_JSONL,
    STATE_DIR,
    TEAMS,
    USERS,
    id_name,
    iter_jsonl,
    read_json,
)
from mmexport.archive.state import StateStore


class Kind(Enum):
    """What a folder is, seen from an export that might write into it."""

    MISSING = "missing"  # not there (yet): an export would create it
    NOT_A_FOLDER = "not a folder"  # a file of that name
    EMPTY = "empty"
    OTHER = "other"  # holds files that are not an archive of this program (or cannot be listed)
    FINISHED = "finished"  # an archive whose last run finished: a new run brings it up to date
    UNFINISHED = "unfinished"  # a run began here and did not finish (stopped or killed): a new run continues


@dataclass(frozen=True)
class RunStatus:
    """Whether the export that wrote this archive finished, and if not, when and why it stopped."""

    complete: bool = True
    stopped_at: str | None = None  # ISO 8601, as the manifest writes times
    reason: str = ""  # cancelled | token_expired | failed | disk_full | "" (unknown: the program was killed)
    killed: bool = False  # stopped without a word: the resume state is the newer truth

    @classmethod
    def of(cls, manifest: dict, run: dict) -> RunStatus:
        """From manifest.json and .mmexport/run.json (either may be {})."""
        unfinished = bool(run) and not run.get("finished")
        if manifest.get("stopped_at"):
            return cls(False, manifest["stopped_at"], str(manifest.get("stop_reason") or ""))
        if manifest.get("complete") is True:
            return cls()  # the manifest of a finished run (rendered just before run.json says finished)
        if unfinished or manifest.get("complete") is False:
            return cls(False, None, "", killed=unfinished)
        return cls()


@dataclass(frozen=True)
class FolderState:
    """What examine() found in a folder."""

    path: Path
    kind: Kind
    manifest: dict = field(default_factory=dict)  # manifest.json of an archive, else {}
    run: dict = field(default_factory=dict)  # .mmexport/run.json, else {}

    @property
    def is_archive(self) -> bool:
        return self.kind in (Kind.FINISHED, Kind.UNFINISHED)

    @property
    def status(self) -> RunStatus:
        return RunStatus.of(self.manifest, self.run)

    @property
    def newer_format(self) -> bool:
        """Written by a newer version of the program in a layout this one does not know: it may read
        what it can, but must not write into it (its manifest would undo the newer one's)."""
        version = self.manifest.get("format_version")
        return isinstance(version, int) and version > FORMAT_VERSION


def examine(folder: Path | str) -> FolderState:
    """The one rule for "what is this folder": missing, a file, empty, other files, or an archive (finished
    or not). An archive is a folder with this program's manifest.json, or with its state folder .mmexport/
    (a run killed before it wrote the manifest). A manifest.json of another program makes it "other"."""
    path = Path(folder)
    try:
        if not path.exists():
            return FolderState(path, Kind.MISSING)
        if not path.is_dir():
            return FolderState(path, Kind.NOT_A_FOLDER)
        manifest = _manifest(path)
        if manifest is not None or (path / STATE_DIR).is_dir():
            run = StateStore(path).load_run()
            status = RunStatus.of(manifest or {}, run)
            kind = Kind.FINISHED if status.complete and manifest else Kind.UNFINISHED
            return FolderState(path, kind, manifest or {}, run)
        if (path / MANIFEST).exists():
            return FolderState(path, Kind.OTHER)  # someone else's manifest.json
        next(path.iterdir())
    except StopIteration:
        return FolderState(path, Kind.EMPTY)
    except OSError:  # not readable: nothing this program could safely write into
        return FolderState(path, Kind.OTHER)
    return FolderState(path, Kind.OTHER)


def _manifest(root: Path) -> dict | None:
    """This program's manifest in root, or None (missing, damaged, or another program's)."""
    manifest = read_json(root / MANIFEST)
    if isinstance(manifest, dict) and manifest.get("format") == FORMAT:
        return manifest
    return None


class Archive:
    """Read access to an archive folder, finished, stopped or killed, for writers, converters and verify.

    The manifest is read once, and so are the channel entries; channel_entries() and files_by_id() include
    what a killed run saved after it wrote the manifest (see the module docstring)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self._state = StateStore(self.root)

    @cached_property
    def manifest(self) -> dict:
        return _manifest(self.root) or {}

    @cached_property
    def status(self) -> RunStatus:
        return RunStatus.of(self.manifest, self._state.load_run())

    def users(self) -> dict[str, dict]:
        return {u["id"]: u for u in read_json(self.root / USERS, []) or []}

    def teams(self) -> dict[str, dict]:
        return {t["id"]: t for t in read_json(self.root / TEAMS, []) or []}

    def emoji(self) -> list[dict]:
        return read_json(self.root / EMOJI, []) or []

    def channel_entries(self) -> list[dict]:
        """Manifest channel entries: id, type, team, name, display_name, path, posts, files, complete, and
        for a killed run its chats' posts and completeness as their resume state says. Read once (callers
        ask many times); each call gets a list of its own."""
        return list(self._channel_entries)

    @cached_property
    def _channel_entries(self) -> list[dict]:
        entries = [e for e in self.manifest.get("channels", []) if isinstance(e, dict)]
        if not self.status.killed:
            return entries
        return [self._with_resume_state(entry) for entry in entries]

    def _with_resume_state(self, entry: dict) -> dict:
        """posts.jsonl is written in one piece when a chat's messages are all fetched (or when a run stops);
        the chat's resume state says what that was."""
        state = self._state.load_channel(str(entry.get("id") or ""))
        if state is None or state.path != entry.get("path"):
            return entry
        return {**entry, "complete": state.complete, "posts": state.posts}

    def channel_dir(self, entry: dict) -> Path:
        return self.root / entry["path"]

    def channel(self, entry: dict) -> dict:
        return read_json(self.channel_dir(entry) / CHANNEL_JSON, {}) or {}

    def posts(self, entry: dict) -> Iterator[dict]:
        """Posts oldest first, as the server sent them."""
        return iter_jsonl(self.channel_dir(entry) / POSTS_JSONL)

    def files_by_id(self) -> dict[str, dict]:
        """The manifest's file entries (id, post_id, channel_id, name, path, size, sha256), and for a killed
        run the attachments its chats' ledgers list as saved since."""
        files = {f["id"]: f for f in self.manifest.get("files", []) if isinstance(f, dict) and "id" in f}
        if self.status.killed:
            for entry in self.channel_entries():
                for file_id, saved in self._state.load_ledger(str(entry.get("id") or "")).items():
                    files.setdefault(file_id, saved)
        return files

    def avatar_path(self, user_id: str) -> Path | None:
        path = self.root / AVATARS_DIR / f"{id_name(user_id)}.png"
        return path if path.exists() else None

    def emoji_path(self, emoji: dict) -> Path | None:
        for path in (self.root / EMOJI_DIR).glob(f"{id_name(emoji['id'])}.*"):
            return path
        return None
