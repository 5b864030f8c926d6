"""Reading an archive for conversion: posts one at a time (with their place in the file), who is who,
which posts no target can take, progress, and the atomic zip both writers produce."""

from __future__ import annotations

import contextlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from mmexport.archive.layout import POSTS_JSONL, atomic_file
from mmexport.archive.reader import Archive
from mmexport.exporting.events import QT_TRANSLATE_NOOP

ProgressCallback = Callable[[int, int], None]


class ArchiveSource:
    """The archive as the converters need it. Posts are streamed; only small indexes are kept."""

    def __init__(self, root: Path):
        self.archive = Archive(root)
        self.root = Path(root)
        self.manifest = self.archive.manifest
        self.users = self.archive.users()
        self.teams_by_name = {t.get("name", ""): t for t in self.archive.teams().values()}
        self.files = self.archive.files_by_id()
        self.me_id = (self.manifest.get("user") or {}).get("id", "")

    def channel_entries(self) -> list[dict]:
        return self.archive.channel_entries()

    def channel(self, entry: dict) -> dict:
        return self.archive.channel(entry)

    def posts_path(self, entry: dict) -> Path:
        return self.archive.channel_dir(entry) / POSTS_JSONL

    def posts(self, entry: dict) -> Iterator[dict]:
        return self.archive.posts(entry)

    def posts_with_offsets(self, entry: dict) -> Iterator[tuple[int, dict]]:
        """(byte offset, post) so that a second pass can fetch one post without holding the channel."""
        path = self.posts_path(entry)
        if not path.exists():
            return
        with open(path, "rb") as f:
            while True:
                offset = f.tell()
                line = f.readline()
                if not line.endswith(b"\n"):
                    break  # a torn last line from a killed write is not trusted
                post = _parse(line)
                if post is not None:
                    yield offset, post

    def file_path(self, file_id: str) -> Path | None:
        """The attachment on disk, or None when the archive does not have it."""
        entry = self.files.get(file_id)
        if not entry or not entry.get("path"):
            return None
        path = self.root / entry["path"]
        return path if path.is_file() else None

    def total_posts(self) -> int:
        return sum(int(e.get("posts") or 0) for e in self.channel_entries())


def _parse(line: bytes) -> dict | None:
    line = line.strip()
    if not line:
        return None
    try:
        value = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


class PostReader:
    """Reads single posts back by offset during the second pass over a channel."""

    def __init__(self, path: Path):
        self._file = open(path, "rb")  # noqa: SIM115 - closed by close()/context manager

    def at(self, offset: int) -> dict:
        self._file.seek(offset)
        return _parse(self._file.readline()) or {}

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> PostReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Why a post is not carried over at all, whatever the target. Counted in the report.
DELETED = (
    QT_TRANSLATE_NOOP("Convert", "messages deleted on the server"),
    QT_TRANSLATE_NOOP("Convert", "they were deleted before the export; only an empty shell is left"),
)
EDIT_COPY = (
    QT_TRANSLATE_NOOP("Convert", "older versions of edited messages"),
    QT_TRANSLATE_NOOP("Convert", "the edited message itself is carried over, not its history"),
)


def skip_reason(post: dict) -> tuple[str, str] | None:
    if post.get("delete_at"):
        return DELETED
    if post.get("original_id"):
        return EDIT_COPY
    return None


def is_system_post(post: dict) -> bool:
    return str(post.get("type") or "").startswith("system_")


def post_files(post: dict) -> list[dict]:
    """File infos of a post: from metadata when present, else just the ids."""
    infos = (post.get("metadata") or {}).get("files") or []
    if infos:
        return [f for f in infos if isinstance(f, dict) and f.get("id")]
    return [{"id": fid} for fid in post.get("file_ids") or [] if isinstance(fid, str)]


def post_reactions(post: dict) -> list[dict]:
    reactions = (post.get("metadata") or {}).get("reactions") or []
    return [r for r in reactions if isinstance(r, dict) and not r.get("delete_at") and r.get("emoji_name")]


class Progress:
    def __init__(self, total: int, callback: ProgressCallback | None):
        self.total = max(total, 0)
        self.done = 0
        self._callback = callback

    def step(self, n: int = 1) -> None:
        self.done += n
        if self._callback:
            self._callback(min(self.done, self.total) if self.total else self.done, self.total)

    def finish(self) -> None:
        if self._callback:
            self._callback(self.total, self.total)


@contextlib.contextmanager
def atomic_zip(out_zip: Path) -> Iterator[zipfile.ZipFile]:
    """A zip written under a temporary name and moved into place only when complete."""
    with (
        atomic_file(Path(out_zip), "wb") as f,
        zipfile.ZipFile(f, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
    ):
        yield zf


def json_line(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
