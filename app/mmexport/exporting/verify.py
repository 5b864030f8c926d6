"""Re-checks an archive against its manifest: every file's size and checksum, every channel's posts, and
every file's size against the size the server announced for it in its post (a file that arrived short
without the program noticing, as older versions allowed, is found that way).

It reads the folder through the one reader (archive/reader.py), as render and convert do: a killed run's
chats are checked against what their resume state says they hold. A chat the export stopped in while
fetching it ("complete": false, its fetched messages in posts.jsonl) is listed as partial, not as an error."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mmexport.archive.layout import POSTS_JSONL, inside, sha256_file
from mmexport.archive.reader import Archive


@dataclass
class VerifyReport:
    channels: int = 0
    posts: int = 0
    files: int = 0
    errors: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # chats saved only in part (names as people see them)
    not_saved: list[str] = field(default_factory=list)  # chats of an unfinished export not fetched yet
    announced_sizes: dict[str, int] = field(default_factory=dict)  # file id -> size in the post's metadata

    @property
    def ok(self) -> bool:
        return not self.errors


def verify_archive(root: Path) -> VerifyReport:
    report = VerifyReport()
    archive = Archive(root)
    if not archive.manifest:
        report.errors.append(f"{root} is not an archive of this program (no valid manifest.json).")
        return report
    for entry in archive.channel_entries():
        report.channels += 1
        _verify_channel(root, entry, report)
        if entry.get("complete") is False:
            name = str(entry.get("display_name") or entry.get("name") or entry.get("id"))
            (report.partial if entry.get("posts") else report.not_saved).append(name)
    for entry in archive.files_by_id().values():
        report.files += 1
        _verify_file(root, entry, report)
    return report


def _verify_channel(root: Path, entry: dict, report: VerifyReport) -> None:
    path = root / entry.get("path", "") / POSTS_JSONL
    label = entry.get("display_name") or entry.get("name") or entry.get("id")
    if not inside(root, path):
        report.errors.append(f"“{label}”: its path leaves the archive folder.")
        return
    if not path.exists():
        if entry.get("posts"):
            report.errors.append(f"“{label}”: {POSTS_JSONL} is missing.")
        return
    seen: set[str] = set()
    previous = (0, "")
    count = 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                post = json.loads(line)
            except json.JSONDecodeError:
                report.errors.append(f"“{label}”: line {number} of {POSTS_JSONL} is damaged.")
                return
            key = (int(post.get("create_at") or 0), str(post.get("id", "")))
            if key[1] in seen:
                report.errors.append(f"“{label}”: message {key[1]} appears twice.")
            if key < previous:
                report.errors.append(f"“{label}”: messages are out of order at line {number}.")
            seen.add(key[1])
            previous = key
            _note_file_sizes(post, report)
            count += 1
    report.posts += count
    if count != entry.get("posts", count):
        report.errors.append(f"“{label}”: {count} messages on disk, the manifest says {entry.get('posts')}.")


def _verify_file(root: Path, entry: dict, report: VerifyReport) -> None:
    path = root / entry.get("path", "")
    name = entry.get("name") or entry.get("id")
    if not inside(root, path):
        report.errors.append(f"File “{name}”: its path leaves the archive folder.")
    elif not path.is_file():
        report.errors.append(f"File “{name}” is missing ({entry.get('path')}).")
    elif path.stat().st_size != entry.get("size"):
        report.errors.append(f"File “{name}” has changed: its size differs from the manifest.")
    elif sha256_file(path) != entry.get("sha256"):
        report.errors.append(f"File “{name}” has changed: its checksum differs from the manifest.")
    elif report.announced_sizes.get(entry.get("id", ""), entry.get("size")) != entry.get("size"):
        announced = report.announced_sizes[entry["id"]]
        report.errors.append(
            f"File “{name}” is incomplete: {entry.get('size'):,} bytes, the server announced {announced:,}."
        )


def _note_file_sizes(post: dict, report: VerifyReport) -> None:
    metadata = post.get("metadata") if isinstance(post, dict) else None
    for info in (metadata or {}).get("files") or [] if isinstance(metadata, dict) else []:
        if isinstance(info, dict) and isinstance(info.get("id"), str) and isinstance(info.get("size"), int):
            report.announced_sizes[info["id"]] = info["size"]
