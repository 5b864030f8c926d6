"""What the wizard remembers between runs: last server, folder, selection per server, language, an
unfinished export and the way a remembered sign-in was made (browser, form, paste). Plain JSON in the
config folder, written atomically.

Never a token here: sign-ins are kept only by the system's secret store (mmexport.secrets).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mmexport import paths
from mmexport.archive.layout import atomic_write_json

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
_FORBIDDEN_KEYS = ("token", "password", "cookie")  # a guard: these must never reach the file
# How a remembered sign-in was made, so that "Sign in again" opens on that way after a restart. Neutral
# names: the secret guard above rejects the words "password", "cookie" and "token" anywhere in the file.
SIGNIN_WAYS = ("form", "paste", "browser")


@dataclass
class UnfinishedExport:
    folder: str
    server: str
    channel_ids: list[str] = field(default_factory=list)
    options: dict = field(default_factory=dict)  # ExportOptions.to_json()


@dataclass
class Settings:
    last_server: str = ""
    last_folder: str = ""
    language: str = ""  # "" = follow the system
    selections: dict[str, list[str]] = field(default_factory=dict)  # server url -> channel ids
    unfinished: UnfinishedExport | None = None
    signin_ways: dict[str, str] = field(default_factory=dict)  # server url -> one of SIGNIN_WAYS

    def signin_way_for(self, server: str) -> str:
        """How the sign-in remembered for this server was made; "" when not known."""
        return self.signin_ways.get(server, "")

    def remember_signin_way(self, server: str, way: str) -> None:
        if way in SIGNIN_WAYS:
            self.signin_ways[server] = way

    def selection_for(self, server: str) -> list[str]:
        return list(self.selections.get(server, []))

    def remember_selection(self, server: str, channel_ids: list[str]) -> None:
        self.selections[server] = sorted(set(channel_ids))

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["version"] = 1
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        unfinished = data.get("unfinished")
        selections = data.get("selections") or {}
        ways = data.get("signin_ways")
        return cls(
            last_server=str(data.get("last_server") or ""),
            last_folder=str(data.get("last_folder") or ""),
            language=str(data.get("language") or ""),
            selections={str(k): [str(c) for c in v] for k, v in selections.items() if isinstance(v, list)},
            unfinished=_unfinished_from_json(unfinished) if isinstance(unfinished, dict) else None,
            signin_ways=_signin_ways_from_json(ways),
        )


def _signin_ways_from_json(data: object) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    return {str(server): way for server, way in data.items() if way in SIGNIN_WAYS}


def _unfinished_from_json(data: dict) -> UnfinishedExport | None:
    if not data.get("folder") or not data.get("server"):
        return None
    return UnfinishedExport(
        folder=str(data["folder"]),
        server=str(data["server"]),
        channel_ids=[str(c) for c in data.get("channel_ids") or []],
        options=dict(data.get("options") or {}),
    )


def settings_path(create: bool = True) -> Path:
    """The settings file; `create=False` when only reading, which must create nothing (a read-only home)."""
    return paths.config_dir(create=create) / SETTINGS_FILE


def load_settings() -> Settings:
    """The saved settings; a missing or damaged file gives the defaults (and a line in the log)."""
    path = settings_path(create=False)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("Settings file %s could not be read (%s); starting with defaults", path, exc)
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return Settings.from_json(data)


def save_settings(settings: Settings) -> bool:
    """Writes the settings; returns False (and logs) when the disk refuses, which is not worth a dialog."""
    data = settings.to_json()
    _assert_no_secrets(data)
    try:
        atomic_write_json(settings_path(), data)
    except OSError as exc:
        log.warning("Settings could not be saved: %s", exc)
        return False
    return True


def _assert_no_secrets(data: dict[str, Any]) -> None:
    text = json.dumps(data).lower()
    for key in _FORBIDDEN_KEYS:
        if f'"{key}"' in text:
            raise ValueError(f"settings must not hold a {key}")
