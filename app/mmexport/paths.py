"""Where the program keeps settings, log and state. MMEXPORT_HOME moves all of it (tests, portable use)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

from mmexport import APP_ID


def _home() -> Path | None:
    value = os.environ.get("MMEXPORT_HOME")
    return Path(value) if value else None


def config_dir(create: bool = True) -> Path:
    """Raises OSError when it must be created and cannot be (a read-only or full home folder)."""
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_ID, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir(create: bool = True) -> Path:
    """Raises OSError when it must be created and cannot be (a read-only or full home folder)."""
    home = _home()
    path = home / "log" if home else Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def default_archive_parent() -> Path:
    """The user's Documents folder (falls back to home when there is none)."""
    home = _home()
    if home:
        return home / "Documents"
    return Path(platformdirs.user_documents_dir())


def home_problem() -> OSError | None:
    """Why settings and log cannot be kept (a read-only home folder, or one without room), or None.

    Exporting does not need them: front ends say so once and go on."""
    try:
        for folder in (config_dir(), log_dir()):
            with tempfile.TemporaryFile(dir=folder):
                pass
    except OSError as error:
        return error
    return None
