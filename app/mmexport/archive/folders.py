"""Folders that are not there: a USB stick not plugged in, a drive that went away, a folder to make anew.

The program creates at most the folder a person chose, never its missing parents: a path on a stick that
is not plugged in would otherwise be made on the computer's own disk, and the export would say the chats
were saved "on the stick". Once an export has started, guard.py makes sure every write still goes into the
folder it locked (a stick pulled out mid-export). These are the questions a front end asks before that.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def parent_missing(folder: Path) -> bool:
    """Neither the folder nor its parent is there: a drive not plugged in. Only the folder itself is made."""
    return not folder.exists() and not folder.absolute().parent.is_dir()


def existing_part(folder: Path) -> Path:
    """The folder itself, or its parent (where a new folder would be made); nothing further up: a folder
    whose parent is missing is not made at all (parent_missing)."""
    return folder if folder.exists() else folder.absolute().parent


def may_write(folder: Path) -> bool:
    """A quick look when a folder is chosen (no file written); starting the export writes a real probe."""
    place = existing_part(folder)
    return place.is_dir() and os.access(place, os.W_OK | os.X_OK)


def free_bytes(folder: Path) -> int | None:
    """The free space of the disk the folder is (or will be) on; None when that is not known."""
    if parent_missing(folder):
        return None  # the computer's own disk would be the wrong answer for a stick that is not there
    try:
        return shutil.disk_usage(existing_part(folder)).free
    except OSError:
        return None


def free_folder_beside(folder: Path, name: str) -> Path:
    """`name` in folder's parent, numbered (“… 2”) until it names no folder yet."""
    parent = folder.absolute().parent
    candidate, number = parent / name, 2
    while candidate.exists():
        candidate, number = parent / f"{name} {number}", number + 1
    return candidate
