"""Attachments: which files a post has, and streaming one to disk under a safe name with its checksum."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mmexport.archive.layout import (
    FILES_DIR,
    atomic_file,
    id_name,
    inside,
    name_budget,
    relpath,
    safe_filename,
)


@dataclass(frozen=True)
class FileJob:
    channel_id: str
    post_id: str
    file_id: str
    name: str
    size: int | None  # None when the post carried no file info


def file_job(channel_id: str, ref: list) -> FileJob:
    """A job from an attachment reference [post create_at, post id, file id, name, size]."""
    _, post_id, file_id, name, size = ref
    return FileJob(channel_id=channel_id, post_id=post_id, file_id=file_id, name=name or file_id, size=size)


class _HashingWriter:
    """Passes bytes to a file while computing sha256 and counting them, so a file is read only once."""

    def __init__(self, f: IO[bytes]) -> None:
        self._f = f
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self._f.write(data)

    # The client rewinds to the start when a connection drops mid-file; the checksum starts over with it.
    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.size

    def seek(self, offset: int) -> None:
        if offset != 0:
            raise OSError("only a rewind to the start is supported")
        self._f.seek(0)
        self.digest = hashlib.sha256()
        self.size = 0

    def truncate(self) -> None:
        self._f.truncate()


def download_to_archive(client, job: FileJob, root: Path, channel_dir: Path) -> dict:
    """Downloads one attachment into <channel>/files/<file id>/<safe name>; returns its manifest entry."""
    name, size = job.name, job.size
    if job.size is None or name == job.file_id:
        info = client.file_info(job.file_id)
        name = str(info.get("name") or job.file_id)
        size = info.get("size") if isinstance(info.get("size"), int) else None
    folder = channel_dir / FILES_DIR / id_name(job.file_id, "file")
    # Cut so that the whole path stays under Windows' 260 characters (archive.name_budget).
    target = folder / safe_filename(name, "file", max_chars=name_budget(root, folder))
    if not inside(root, target):  # safe_filename makes this impossible; checked anyway
        raise ValueError(f"refusing a path outside the archive: {target}")
    with atomic_file(target, "wb") as f:
        writer = _HashingWriter(f)
        # The size the server announced: a body cut short without a Content-Length has no other tell.
        client.download_file(job.file_id, writer, expected_size=size)
    return {
        "id": job.file_id,
        "post_id": job.post_id,
        "channel_id": job.channel_id,
        "name": name,
        "path": relpath(root, target),
        "size": writer.size,
        "sha256": writer.digest.hexdigest(),
    }
