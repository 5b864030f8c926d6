"""The next step after an administrator's export: the server's own commands for the exported channels.

mmexport never changes the server. After a coordinator has exported channels to tidy them up, the end page
and the command line give the exact `mmctl` commands, to copy: archive first (reversible), delete later
(for good). Only channels saved completely are named; a channel with something missing is listed apart,
so that nobody deletes what the archive does not hold. The commands name channels by their handle
(`team:channel`): two channels may share a display name, never a handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mmexport.mattermost.naming import channel_handle


@dataclass
class ServerCommands:
    """What the end page and `mmexport export --every-channel` show after an administrator's export."""

    verify: str  # mmexport verify <folder>
    archive: list[str] = field(default_factory=list)  # mmctl channel archive team:channel, not archived yet
    delete: list[str] = field(default_factory=list)  # mmctl channel delete team:channel, complete ones
    incomplete: list[str] = field(default_factory=list)  # handles of channels not saved completely

    @property
    def any(self) -> bool:
        return bool(self.archive or self.delete or self.incomplete)

    def script(self) -> str:
        """The commands as one text to copy: archive first, then delete."""
        return "\n".join([*self.archive, *self.delete])


def is_admin_export(manifest: dict) -> bool:
    return bool(manifest.get("exported_as_admin"))


def server_commands(folder: Path, manifest: dict) -> ServerCommands:
    """The commands for the team channels of an administrator's archive (direct and group messages have
    no handle and are never exported this way)."""
    commands = ServerCommands(verify=f"mmexport verify {_quoted(str(folder))}")
    for entry in sorted(team_channels(manifest), key=handle_of):
        handle = handle_of(entry)
        if not entry.get("complete", True):
            commands.incomplete.append(handle)
            continue
        if not entry.get("archived"):
            commands.archive.append(f"mmctl channel archive {handle}")
        commands.delete.append(f"mmctl channel delete {handle}")
    return commands


def team_channels(manifest: dict) -> list[dict]:
    """The manifest's entries of team channels (public and private); direct and group messages have no team."""
    channels = manifest.get("channels")
    if not isinstance(channels, list):
        return []
    return [c for c in channels if isinstance(c, dict) and c.get("type") in ("O", "P") and c.get("team")]


def handle_of(entry: dict) -> str:
    """A manifest entry's handle, team:channel (naming.channel_handle)."""
    return channel_handle(str(entry.get("team") or ""), str(entry.get("name") or ""))


def _quoted(path: str) -> str:
    """Double quotes around a path with spaces: what cmd.exe, PowerShell and a POSIX shell all take."""
    return path if re.fullmatch(r"[\w./:\\~+-]+", path) else '"' + path.replace('"', '\\"') + '"'
