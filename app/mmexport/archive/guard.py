"""The archive folder while something writes into it: one writer at a time, and no write leaves it.

- A lock file (`.mmexport/lock`, fcntl.flock on Linux and macOS, msvcrt.locking on Windows) keeps a
  second export (the wizard and the command line, or two command lines) out of a folder that one is
  writing into: the second gets a plain sentence instead of two runs mixing their files. The operating
  system drops the lock when the process dies, so a killed export never leaves a stale lock behind.
- The program never makes links, so a link (symlink, junction) inside the archive folder was put there
  by someone else and may point anywhere: a `channels/<team>` linked to another folder would make every
  write land outside the archive. The folder is checked for links when the lock is taken, and every
  write of atomic_file (archive.py) under a locked folder checks each folder between the archive and the
  file again, creating missing ones one at a time instead of following links with mkdir(parents=True).
- The folder that was locked is the only one written into: its device and inode are noted when the lock
  is taken, and every write checks them first. A USB stick pulled out during an export leaves its bare
  mount point behind (or nothing at all); without the check, creating a folder for the next file would
  re-create the archive on the computer's own disk and report it saved. Nothing creates a missing parent
  of the chosen folder either: a path on a drive that is not plugged in is refused, not made.
- Leftover temporary files (`.tmp-*.part`) of a killed run are removed when the lock is taken: nothing
  else can be writing them then.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import stat
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mmexport.text import QT_TRANSLATE_NOOP, Text

log = logging.getLogger(__name__)

STATE_DIR = ".mmexport"  # the same as layout.STATE_DIR (layout.py imports this module)
LOCK_FILE = "lock"
TEMP_PREFIX, TEMP_SUFFIX = ".tmp-", ".part"


class FolderProblem(Exception):
    """The folder cannot be written into now; `text` says why in plain, translatable words."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


class FolderMissing(FolderProblem):
    """The chosen folder's parent is not there (a drive not plugged in): nothing is created."""


class FolderGone(OSError):
    """The locked archive folder is not there any more, or another folder has taken its place (a drive
    pulled out, a stick re-mounted elsewhere): nothing more is written."""

    def __init__(self, root: Path) -> None:
        super().__init__(
            errno.ENOENT, "the archive folder is not there any more (was the drive removed?)", str(root)
        )
        self.root = root


class UnsafePath(OSError):
    """A write would go through a link out of the archive folder."""

    def __init__(self, path: Path, link: Path) -> None:
        super().__init__(
            errno.ELOOP,
            f"a link (symlink) inside the archive folder points elsewhere: {link}. Nothing is written "
            "through links; remove the link or choose another folder",
            str(path),
        )


@dataclass
class _Held:
    root: Path
    fd: int  # the lock file; -1 for a fenced folder (fence(): a render worker, no lock of its own)
    count: int
    identity: tuple[int, int]  # the folder's (device, inode) when it was taken


def _identity(root: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(root)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None  # one stat per write


_held: dict[str, _Held] = {}
_held_lock = threading.Lock()


def _key(root: Path) -> str:
    return os.path.normcase(str(root.absolute()))


@contextlib.contextmanager
def locked_archive(root: Path) -> Iterator[None]:
    """`with locked_archive(root):` the folder is ours (see lock_archive) until the block ends."""
    lock_archive(root)
    try:
        yield
    finally:
        release_archive(root)


def lock_archive(root: Path) -> None:
    """Take the folder for this process (again, if it has it already), check it and tidy it up.

    Raises FolderProblem when another process writes into it or a link is inside it."""
    root = Path(root)
    with _held_lock:
        held = _held.get(_key(root))
        if held is not None:
            held.count += 1
            return
        fd = _open_lock_file(root)
        try:
            _lock_or_explain(fd, root)
            _check_and_tidy(root)
            identity = _identity(root)
            if identity is None:
                raise FolderProblem(_cannot_write(root, FolderGone(root)))
        except BaseException:
            _unlock(fd)
            os.close(fd)
            raise
        _held[_key(root)] = _Held(root.absolute(), fd, 1, identity)


def fence(root: Path) -> None:
    """Another process of the same export (a render worker) writes into `root`, which its parent holds
    locked: its writes obey the same rules (no links, never a re-created folder) without a lock of their
    own. Raises FolderGone when the folder is not there."""
    root = Path(root)
    with _held_lock:
        if _key(root) in _held:
            return
        identity = _identity(root)
        if identity is None:
            raise FolderGone(root)
        _held[_key(root)] = _Held(root.absolute(), -1, 1, identity)


def root_gone(root: Path) -> bool:
    """True when the locked folder `root` is not there any more or is another folder now."""
    with _held_lock:
        held = _held.get(_key(Path(root)))
    return held is not None and _identity(held.root) != held.identity


def release_archive(root: Path) -> None:
    with _held_lock:
        held = _held.get(_key(Path(root)))
        if held is None:
            return
        held.count -= 1
        if held.count == 0:
            del _held[_key(Path(root))]
            if held.fd >= 0:
                _unlock(held.fd)
                os.close(held.fd)


def _open_lock_file(root: Path) -> int:
    for folder in (root, root / STATE_DIR):
        if folder != root and folder.is_symlink():  # the chosen folder itself may be a link: it was chosen
            raise FolderProblem(_link_text(root, folder))
        try:
            folder.mkdir(exist_ok=True)  # the chosen folder at most: never its missing parents
        except FileNotFoundError:
            raise FolderMissing(missing_parent_text(root)) from None
        except OSError as error:
            raise FolderProblem(_cannot_write(root, error)) from None
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.open(root / STATE_DIR / LOCK_FILE, flags, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FolderProblem(_link_text(root, root / STATE_DIR / LOCK_FILE)) from None
        raise FolderProblem(_cannot_write(root, error)) from None


def _lock_or_explain(fd: int, root: Path) -> None:
    if not _try_lock(fd):
        raise FolderProblem(
            Text(
                QT_TRANSLATE_NOOP(
                    "Engine",
                    "Another export is writing into {folder} right now{owner}. Wait until it has finished, "
                    "or choose another folder.",
                ),
                {"folder": str(root), "owner": _owner(fd)},
            )
        )
    with contextlib.suppress(OSError):  # who holds it: only a help for the message above
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"process {os.getpid()} on {socket.gethostname()}".encode())


def _owner(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", "replace").strip()
    except OSError:  # Windows: the holder's locked byte cannot be read
        return ""
    return f" ({text})" if text else ""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)


def _check_and_tidy(root: Path) -> None:
    """One walk through the folder: refuse links, delete a killed run's temporary files."""
    links: list[Path] = []
    removed = 0
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder, name)
            if path.is_symlink() or _is_junction(path):
                links.append(path)
            elif name in files and name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
    if removed:
        log.info("removed %d unfinished temporary file(s) of an earlier run in %s", removed, root)
    if links:
        raise FolderProblem(_link_text(root, links[0], len(links)))


def _is_junction(path: Path) -> bool:
    is_junction = getattr(os.path, "isjunction", None)  # Python 3.12+, Windows only in effect
    return bool(is_junction and is_junction(path))


def _link_text(root: Path, link: Path, count: int = 1) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "Engine",
            "The folder {folder} contains a link to another place ({link}{more}). The program writes "
            "nothing through links, so that nothing lands outside the archive. Remove the link or choose "
            "another folder.",
        ),
        {
            "folder": str(root),
            "link": _relative(root, link),
            "more": f", +{count - 1}" if count > 1 else "",
        },
    )


def _cannot_write(root: Path, error: OSError) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "Engine", "The program cannot write into {folder} ({reason}). Please choose another folder."
        ),
        {"folder": str(root), "reason": error.strerror or str(error)},
    )


def missing_parent_text(folder: Path) -> Text:
    """The sentence for a folder whose parent is not there: most often a USB stick not plugged in."""
    return Text(
        QT_TRANSLATE_NOOP(
            "Engine",
            "There is no folder {parent}: is the USB stick (the drive) plugged in? The program creates "
            "the folder {name} there, but no folder above it.",
        ),
        {"parent": str(Path(folder).absolute().parent), "name": Path(folder).name},
    )


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# ---- each write ----


def prepare_folder(folder: Path) -> None:
    """Make `folder` for a write: inside a locked archive folder one level at a time, refusing links;
    elsewhere (settings, a converted zip) as mkdir(parents=True) does."""
    held = _holder_of(folder)
    if held is None:
        folder.mkdir(parents=True, exist_ok=True)
        return
    if _identity(held.root) != held.identity:  # a drive pulled out: never re-create the archive elsewhere
        raise FolderGone(held.root)
    current = held.root
    for part in folder.absolute().relative_to(held.root).parts:
        current = current / part
        if current.is_symlink() or _is_junction(current):
            raise UnsafePath(folder, current)
        if not current.is_dir():
            current.mkdir(exist_ok=True)  # raises FileExistsError when a file is in the way


def refuse_links(path: Path) -> None:
    """Raises UnsafePath when a folder between the locked archive folder and `path` (or `path` itself) is
    a link: for deleting (shutil.rmtree follows links on the way to its target, only not the target)."""
    held = _holder_of(path)
    if held is None:
        return
    current = held.root
    for part in path.absolute().relative_to(held.root).parts:
        current = current / part
        if current.is_symlink() or _is_junction(current):
            raise UnsafePath(path, current)


def _holder_of(path: Path) -> _Held | None:
    absolute = path.absolute()
    with _held_lock:
        for held in _held.values():
            if absolute == held.root or held.root in absolute.parents:
                return held
    return None


def open_for_append(path: Path) -> IO[str]:
    """A text file opened for appending (the resume ledgers), by the rules of prepare_folder, and never
    through a link at its own name (O_NOFOLLOW where the system has it)."""
    prepare_folder(path.parent)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafePath(path, path) from None
        raise
    return open(fd, "a", encoding="utf-8")
