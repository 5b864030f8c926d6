"""Whose archive a folder holds: one server, one person and one kind of export per folder.

A folder that mixes two servers' chats, or two people's, is worse than none: the manifest then names only
the last one, and a helper who exports for several colleagues hands one person's chats to another. So the
manifest (and the resume state, written when a run starts) records the owner, and an export into a folder
owned by someone else is refused before anything is written.

Which server: the address alone does not say. The same server is reached as http:// and https://, under a
second host name, or with a trailing sub-path typed differently; two different servers may even share an
address over time (a test server replaced by the real one). The server's own answer says it: every
Mattermost server keeps one install-wide id, which `GET /api/v4/config/client?format=old` gives as
`DiagnosticId` (and, from 5.x on, the same value as `TelemetryId`; recorded from a real 5.36.1 in
tests/recorded/config_client_old.json; newer servers leave it out of the answer to people not signed in,
but give it once signed in, which is when the engine asks). `SiteURL`, the address the administrator
configured, is recorded too. Two owners are the same server when both ids are known and equal; when one
id is unknown (an archive made before this rule, or a server that hides it), when one address of each
matches, compared without the scheme and a trailing slash.

Which person: the user id (usernames can be changed); the username is only for the sentence.
Which kind: a person's own export and a system administrator's every-channel export are different
archives (the second holds channels the administrator is not a member of, and says so in its manifest).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mmexport.archive.reader import FolderState
from mmexport.text import QT_TRANSLATE_NOOP, Text

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Owner:
    """Who made (or is making) an archive."""

    server_url: str
    user_id: str
    username: str = ""
    server_id: str = ""  # the server's DiagnosticId; "" when unknown
    site_url: str = ""  # the server's configured SiteURL; "" when unknown or not set
    every_channel: bool = False  # a system administrator's every-channel export


def server_identity(config: dict) -> tuple[str, str]:
    """(server id, SiteURL) from the server's /config/client answer; "" for what it does not give."""
    server_id = str(config.get("DiagnosticId") or config.get("TelemetryId") or "")
    return server_id, str(config.get("SiteURL") or "")


def owner_of_records(manifest: dict, run: dict) -> Owner | None:
    """The owner recorded in a folder: the manifest first, else the resume state of a run killed before
    its manifest; None when neither names a person (no archive, or an empty folder)."""
    user, server, options = _part(manifest, "user"), _part(manifest, "server"), _part(manifest, "options")
    if user.get("id"):
        return Owner(
            server_url=str(server.get("url") or ""),
            user_id=str(user["id"]),
            username=str(user.get("username") or ""),
            server_id=str(server.get("id") or ""),
            site_url=str(server.get("site_url") or ""),
            every_channel=bool(options.get("every_channel")),
        )
    if run.get("user_id"):
        run_options = _part(run, "options")
        return Owner(
            server_url=str(run.get("server") or ""),
            user_id=str(run["user_id"]),
            username=str(run.get("username") or ""),
            server_id=str(run.get("server_id") or ""),
            site_url=str(run.get("site_url") or ""),
            every_channel=bool(run_options.get("every_channel")),
        )
    return None


def _part(record: dict, key: str) -> dict:
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def owner_in(found: FolderState) -> Owner | None:
    """The owner of the archive examine() found, or None (no archive, or one that names nobody)."""
    return owner_of_records(found.manifest, found.run) if found.is_archive else None


def address_key(url: str) -> str:
    """host[:port]/path of an address, lower-case host, no scheme, default port and trailing slash dropped:
    http:// and https:// of one server, or `…/mattermost` and `…/mattermost/`, give the same key."""
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    return host + parts.path.rstrip("/")


def same_server(a: Owner, b: Owner) -> bool:
    if a.server_id and b.server_id:
        return a.server_id == b.server_id
    keys_a = {address_key(u) for u in (a.server_url, a.site_url) if u}
    keys_b = {address_key(u) for u in (b.server_url, b.site_url) if u}
    return bool(keys_a & keys_b)


def mismatch(folder: Path, found: Owner, current: Owner) -> Text | None:
    """Why an export by `current` may not go into `folder`, which holds `found`'s archive; None when it may."""
    params = {
        "folder": str(folder),
        "their_server": found.server_url or found.site_url,
        "our_server": current.server_url,
        "their_user": found.username or found.user_id,
        "our_user": current.username or current.user_id,
    }
    if not same_server(found, current):
        template = QT_TRANSLATE_NOOP(
            "Engine",
            "The folder {folder} holds the chats of another server ({their_server}); this export is from "
            "{our_server}. One folder keeps the chats of one server only: please choose another folder.",
        )
    elif found.user_id != current.user_id:
        template = QT_TRANSLATE_NOOP(
            "Engine",
            "The folder {folder} holds the chats of @{their_user}; you are signed in as @{our_user}. One "
            "folder keeps the chats of one person only: please choose another folder.",
        )
    elif found.every_channel and not current.every_channel:
        template = QT_TRANSLATE_NOOP(
            "Engine",
            "The folder {folder} holds a system administrator's export of every channel; your own chats "
            "are kept apart from it: please choose another folder.",
        )
    elif current.every_channel and not found.every_channel:
        template = QT_TRANSLATE_NOOP(
            "Engine",
            "The folder {folder} holds the own chats of @{their_user}; a system administrator's export "
            "of every channel is kept apart from them: please choose another folder.",
        )
    else:
        return None
    return Text(template, params)


def owner_problem(found: FolderState, current: Owner) -> Text | None:
    """Why an export by `current` may not go into the folder examine() described as `found`: it holds
    another server's, another person's or the other kind's archive; None when it may."""
    owner = owner_in(found)
    return mismatch(found.path, owner, current) if owner is not None else None
