"""The archive folder (a contract, see docs/archive-format.md): its paths, safe names, atomic writes and readers.

Everything the server sends is hostile input here: no name from the server decides a path outside the
archive, and every write goes to a temporary name first so that a killed run leaves nothing half-written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from mmexport.archive import guard
from mmexport.plaintext import BIDI_CONTROLS

log = logging.getLogger(__name__)

FORMAT = "mmexport-archive"
FORMAT_VERSION = 1

MANIFEST = "manifest.json"
USERS = "users.json"
TEAMS = "teams.json"
EMOJI = "emoji.json"
README = "README.txt"
INDEX = "index.html"
SEARCH_PAGE = "search.html"
VIEWER_DIR = "viewer"  # the viewer's CSS, JavaScript and search index
CHANNELS_DIR = "channels"
AVATARS_DIR = "avatars"
EMOJI_DIR = "emoji"
DIRECT_TEAM_DIR = "direct"
CHANNEL_JSON = "channel.json"
POSTS_JSONL = "posts.jsonl"
FILES_DIR = "files"
STATE_DIR = guard.STATE_DIR  # resume state; inside the archive so that a moved folder still resumes
WRITE_PROBE = ".mmexport-write-test"  # the wizard's test that it may write into a folder (removed at once)

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
    *(f"COM{c}" for c in "¹²³"), *(f"LPT{c}" for c in "¹²³"),
}  # fmt: skip
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f-\x9f<>:"/\\|?*]')
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")  # “x\u202etxt.exe” would show as “xexe.txt”
MAX_NAME_BYTES = 120  # well under every file system's 255 and Windows' 260-character paths


def safe_filename(name: str, fallback: str = "file") -> str:
    """A file name that is safe on Windows, macOS and Linux and cannot climb out of its folder."""
    name = unicodedata.normalize("NFC", name or "")
    name = _UNSAFE_CHARS.sub("_", _BIDI.sub("", name))
    name = name.strip().strip(".").strip()  # Windows drops trailing dots and spaces; no ".", ".."
    if not name:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED or name.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem if dot else stem
        name = f"{stem}.{ext}" if dot else "_" + name
    return _truncate_utf8(name)


def _truncate_utf8(name: str) -> str:
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext.encode("utf-8")) > 16:
        stem, ext, dot = name, "", ""
    budget = MAX_NAME_BYTES - len((dot + ext).encode("utf-8"))
    cut = stem.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(". ")
    return (cut or "file") + dot + ext


def slug(text: str, fallback: str) -> str:
    """A readable folder name: lower case letters, digits, - and _ (Mattermost names already are)."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    return safe_filename(text[:80], fallback) if text else fallback


def inside(root: Path, candidate: Path) -> bool:
    """True when candidate, resolved, lies within root."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def relpath(root: Path, path: Path) -> str:
    """The manifest's form of a path: relative to the archive, with '/'."""
    return path.relative_to(root).as_posix()


@contextlib.contextmanager
def atomic_file(
    path: Path,
    mode: str = "wb",
    *,
    durable: bool = True,
    encoding: str | None = None,
    newline: str | None = None,
) -> Iterator[IO]:
    """A file that appears under its name only when everything was written: a temporary name in the same
    folder first, then os.replace. durable=True also flushes it to the disk (fsync) before the rename, for
    files a resume trusts; renderings that can be written again from posts.jsonl skip that.
    Under a locked archive folder no folder on the way may be a link (guard.py)."""
    guard.prepare_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=guard.TEMP_PREFIX, suffix=guard.TEMP_SUFFIX)
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    if durable:
        _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    """Makes the rename itself survive a power cut: on POSIX the new directory entry is on the disk only
    once the directory is flushed. Windows cannot open a directory for that (NTFS journals the rename)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """durable=False skips fsync, for files that carry their own completeness check (resume pages)."""
    with atomic_file(path, "wb", durable=durable) as f:
        f.write(data)


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable)


def atomic_write_json(path: Path, data: Any, indent: int | None = 1) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=indent) + "\n")


def _unlink_quietly(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def read_json(path: Path, default: Any = None) -> Any:
    """The file's JSON, or `default` when it is missing or unreadable. A damaged file (a disk error, an
    editor, a copy cut short) counts as missing, so one bad state file means that chat is fetched again
    instead of the whole resume stopping; the log says which file it was."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return default
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        log.warning("Ignoring %s: it is not readable JSON (%s)", path, exc)
        return default


def iter_jsonl(path: Path) -> Iterator[dict]:
    """Lines of a .jsonl file; a torn last line (a killed write) is skipped, not trusted."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.endswith("\n"):
                break
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
