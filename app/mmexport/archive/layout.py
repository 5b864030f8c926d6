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
MAX_NAME_BYTES = 120  # well under every file system's 255 bytes; the whole path is capped by name_budget
# Windows (and so a USB stick or a copy opened there) refuses paths of 260 characters or more unless long
# paths are switched on, which they are not by default: 259 UTF-16 units, the drive letter included.
WINDOWS_MAX_PATH = 259
ROOT_ALLOWANCE = 100  # a copy of the archive must fit under a folder of up to this many characters
MIN_NAME_CHARS = 32  # a file name is never cut shorter than this, whatever the folder's own length
TEAM_DIR_CHARS = 30  # channels/<team ≤ 30>/<channel ≤ 40>/files/<id 26>/ leaves room for the name
CHANNEL_DIR_CHARS = 40
_PLAIN_ID = re.compile(r"[a-z0-9]{1,64}")  # Mattermost's ids: 26 lower-case letters and digits


def windows_length(text: str) -> int:
    """Characters as Windows counts them in a path (UTF-16 units: an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def name_budget(root: Path, folder: Path) -> int:
    """How long a file name in `folder` may be so that the whole path stays under Windows' limit, with
    the archive folder's own absolute length counted (and at least ROOT_ALLOWANCE of it, so that a copy
    under another folder still fits); never less than MIN_NAME_CHARS (see docs/archive-format.md)."""
    root_length = max(windows_length(str(Path(root).absolute())), ROOT_ALLOWANCE)
    inside_length = windows_length(Path(folder).relative_to(root).as_posix())
    return max(MIN_NAME_CHARS, WINDOWS_MAX_PATH - root_length - 1 - inside_length - 1)


def id_name(value: str, fallback: str = "id") -> str:
    """A file or folder name for a server's id. Mattermost's ids (lower-case letters and digits) stay as
    they are, as in every archive so far; anything else (a hostile or odd server) is made safe and, since
    FAT, exFAT, NTFS and APFS fold case, made unique with a piece of the exact id's hash, so that ids
    differing only in case ("A1", "a1") never share a folder."""
    if _PLAIN_ID.fullmatch(value or ""):
        return value
    digest = hashlib.sha256((value or "").encode("utf-8")).hexdigest()[:10]
    return f"{safe_filename(value, fallback)[:40].rstrip('. ')}-{digest}"


def safe_filename(name: str, fallback: str = "file", max_chars: int | None = None) -> str:
    """A file name that is safe on Windows, macOS and Linux (and FAT32/exFAT sticks) and cannot climb out
    of its folder; max_chars caps its length in Windows' characters (name_budget), keeping the extension."""
    name = unicodedata.normalize("NFC", name or "")
    name = _UNSAFE_CHARS.sub("_", _BIDI.sub("", name))
    name = name.strip().strip(" .")  # Windows drops trailing dots and spaces (mixed too); no ".", ".."
    if not name:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    # Windows ignores spaces before the extension when it looks for device names: "CON .txt" is CON too.
    if _reserved(stem.split(".")[0]) or _reserved(name.split(".")[0]):
        stem = "_" + stem if dot else stem
        name = f"{stem}.{ext}" if dot else "_" + name
    name = _truncate_utf8(name)
    return _truncate_chars(name, max_chars) if max_chars is not None else name


def _reserved(part: str) -> bool:
    return part.rstrip(" ").upper() in _WINDOWS_RESERVED


def _truncate_chars(name: str, limit: int) -> str:
    if windows_length(name) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or windows_length(ext) > 16:
        stem, ext, dot = name, "", ""
    budget = max(1, limit - windows_length(dot + ext))
    cut = stem.encode("utf-16-le")[: budget * 2].decode("utf-16-le", "ignore").rstrip(". ")
    return (cut or "file") + dot + ext


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
        _readable_as_umask_allows(fd, path)
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


def _read_umask() -> int:
    """The process's umask. Linux tells it in /proc without changing it; elsewhere os.umask must set it
    to read it, which is only safe while one thread runs: at import, before any export starts."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return _UMASK_AT_IMPORT


def _umask_at_import() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK_AT_IMPORT = _umask_at_import()


def _readable_as_umask_allows(fd: int, path: Path) -> None:
    """mkstemp makes its file 0600 whatever the umask: an archive copied to a shared drive or handed to a
    colleague could then not be opened by them. Everything but the private resume state (.mmexport/,
    which holds no secret either) gets the mode a plainly created file would have."""
    if STATE_DIR in path.parts or not hasattr(os, "fchmod"):  # Windows: no POSIX modes to set
        return
    os.fchmod(fd, 0o666 & ~_read_umask())


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
