"""Where the program keeps settings, log and state. MMEXPORT_HOME moves all of it (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from mmexport import APP_ID


def _home() -> Path | None:
    value = os.environ.get("MMEXPORT_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "log" if home else Path(platformdirs.user_log_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_archive_parent() -> Path:
    """The user's Documents folder (falls back to home when there is none)."""
    home = _home()
    if home:
        return home / "Documents"
    return Path(platformdirs.user_documents_dir())
