"""What the wizard's pages share: the page numbers and the state they found out and chose so far.

Its own module so that the pages and the wizard both import it and neither imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mmexport import secrets
from mmexport.exporting.events import RunFinished
from mmexport.exporting.options import ExportOptions
from mmexport.gui.chatlist import ChatList
from mmexport.settings import Settings, UnfinishedExport, save_settings

if TYPE_CHECKING:
    from mmexport.demo.server import DemoServer
    from mmexport.mattermost.client import Client

WELCOME, SERVER, SIGNIN, CHATS, OPTIONS, EXPORT, DONE = range(7)

# signed_in_with as kept in the settings file (neutral names, see settings.SIGNIN_WAYS) and back: the two
# paste ways open the same tab of the "Sign in again" dialog.
_STORED_WAY = {"password": "form", "cookie": "paste", "token": "paste", "browser": "browser"}
_WAY_OF_STORED = {"form": "password", "paste": "cookie", "browser": "browser"}


@dataclass
class WizardState:
    """What the pages found out and chose so far. The token lives only here and in the client."""

    settings: Settings
    server_url: str = ""
    server_version: str = ""
    site_name: str = ""
    address_typed: str = ""  # the server page's field as last typed (or filled in by the demo, a paste)
    pending_token: str | None = None  # from a cURL pasted on the server page, used by the sign-in page
    client: Client | None = None  # once signed in; it holds the token (see token())
    me: dict | None = None
    signed_in_with: str = ""  # "browser", "password", "cookie" or "token": the re-sign-in dialog opens on it
    remember_signin: bool = False  # "Remember on this computer" is ticked: a fresh token is saved too
    token_saved: bool = False
    signin_expired: bool = False  # a later page found the sign-in refused: the sign-in page says so
    chat_list: ChatList | None = None
    selected_ids: list[str] = field(default_factory=list)
    saved_ids: set[str] = field(default_factory=set)  # exported in this session ("Export more chats")
    every_channel: dict[str, dict] = field(default_factory=dict)  # an administrator's listing, id -> channel
    file_counts: dict[str, int] = field(default_factory=dict)  # channel id -> files, as far as counted
    options: ExportOptions = field(default_factory=ExportOptions)
    out_dir: Path | None = None
    result: RunFinished | None = None
    resume: UnfinishedExport | None = None  # continuing an export that did not finish
    demo_server: DemoServer | None = None  # in demo mode

    def signed_in_client(self) -> Client:
        """The sign-in's client, for the pages after the sign-in page (they only run once there is one)."""
        if self.client is None:
            raise RuntimeError("not signed in yet")
        return self.client

    def token(self) -> str:
        """The sign-in in use. One place: the client; a fresh sign-in replaces it there (set_token)."""
        return (self.client.token or "") if self.client is not None else ""

    def save_token(self) -> bool:
        """Keeps the token in use in the system's secret store; False when there is no usable store."""
        token = self.token()
        self.token_saved = bool(token) and secrets.save_token(
            self.server_url, (self.me or {}).get("username", ""), token
        )
        stored = _STORED_WAY.get(self.signed_in_with, "")
        if self.token_saved and stored and stored != self.settings.signin_way_for(self.server_url):
            self.settings.remember_signin_way(self.server_url, stored)
            save_settings(self.settings)  # next start's "Sign in again" opens on this way
        return self.token_saved

    def restore_signin_way(self) -> None:
        """Signing in with the saved token: the way it was made then, so "Sign in again" offers that way."""
        way = _WAY_OF_STORED.get(self.settings.signin_way_for(self.server_url), "")
        if way:
            self.signed_in_with = way

    def estimate(self) -> tuple[int, int]:
        """(messages, files) of the ticked chats; files as far as they are counted yet."""
        from mmexport.exporting.engine import estimate_messages

        messages = estimate_messages(self.selected_channels())
        return messages, sum(self.file_counts.get(cid, 0) for cid in self.selected_ids)

    def selected_channels(self) -> list[dict]:
        known = {cid: row.channel for cid, row in (self.chat_list.by_id() if self.chat_list else {}).items()}
        known.update(self.every_channel)
        return [known[cid] for cid in self.selected_ids if cid in known]

    def signed_in_name(self) -> str:
        me = self.me or {}
        full = " ".join(p for p in (me.get("first_name"), me.get("last_name")) if p)
        return full or me.get("nickname") or me.get("username") or ""
