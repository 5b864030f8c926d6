"""The end of a run: the people, teams and emoji lists with their pictures, manifest.json and the renderings.

The engine calls these after the posts and files are saved (and a stopped run may call the offline part,
write_manifest and render, to leave a readable partial archive). Everything here merges with what an earlier
run wrote, so an update of a few chats keeps the others' entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mmexport.archive import layout
from mmexport.archive.layout import atomic_write_json, id_name, read_json
from mmexport.archive.manifest import ManifestChannel, RunFacts, now_iso, write_manifest
from mmexport.archive.state import StateStore
from mmexport.exporting.options import ExportOptions

if TYPE_CHECKING:
    from mmexport.mattermost.client import Client


# What reading an archive needs of a person (names as the server's TeammateNameDisplay shows them, the
# picture's stamp, whether the account is a bot or deactivated). An administrator's sign-in gets far more
# of every author from the server (e-mail, roles, sign-in service and auth_data, position, notification
# settings, last password change); an archive is kept for years and handed around, so the rest stays out
# unless the person asks for it (ExportOptions.keep_user_details, `--keep-user-details`).
USER_FIELDS_FOR_READING = (
    "id", "username", "first_name", "last_name", "nickname", "is_bot", "bot_description", "delete_at",
    "last_picture_update",
)  # fmt: skip


def user_for_archive(user: dict, keep_details: bool = False) -> dict:
    """The user object as users.json keeps it."""
    if keep_details:
        return user
    return {key: user[key] for key in USER_FIELDS_FOR_READING if key in user}


class Finisher:
    def __init__(self, client: Client, root: Path, options: ExportOptions, lang: str, store: StateStore):
        self.client = client
        self.root = root
        self.options = options
        self.lang = lang
        self.store = store

    # ----- lists that need the server -----

    def save_users(
        self, wanted_ids: Iterable[str], mentioned: Iterable[str], already_read: dict[str, dict]
    ) -> list[dict]:
        """users.json: everyone the posts refer to, merged with earlier runs. Returns the users read now.

        already_read: users the run read for chat names (DM partners, group members), not asked for again
        when the server did not return them by id."""
        path = self.root / layout.USERS
        known = {u["id"]: u for u in read_json(path, []) or []}
        fresh = {u["id"]: u for u in self.client.users_by_ids(sorted(set(wanted_ids)))}
        fresh_names = {u.get("username") for u in fresh.values()}
        names = sorted(n for n in set(mentioned) if n not in fresh_names)
        if names:
            fresh.update({u["id"]: u for u in self.client.users_by_usernames(names)})
        fresh.update({u["id"]: u for u in already_read.values() if u["id"] not in fresh})
        known.update(fresh)
        self._write_users(path, known)
        return list(fresh.values())

    def save_known_users(self, already_read: dict[str, dict]) -> None:
        """users.json without asking the server (a stopped run: the sign-in may have expired, the network
        may be gone): earlier runs' users and the ones this run read for chat names."""
        path = self.root / layout.USERS
        known = {u["id"]: u for u in read_json(path, []) or []}
        known.update({u["id"]: u for u in already_read.values() if u["id"] not in known})
        self._write_users(path, known)

    def _write_users(self, path: Path, users: dict[str, dict]) -> None:
        """Earlier runs' entries are trimmed too: an update without --keep-user-details drops what an
        older version of the program (or a run with it) kept."""
        keep = self.options.keep_user_details
        atomic_write_json(
            path, sorted((user_for_archive(u, keep) for u in users.values()), key=lambda u: u.get("username", ""))
        )

    def save_teams(self, teams: dict[str, dict]) -> None:
        path = self.root / layout.TEAMS
        known = {t["id"]: t for t in read_json(path, []) or []}
        known.update(teams)
        atomic_write_json(path, sorted(known.values(), key=lambda t: t.get("name", "")))

    def save_emoji_list(self) -> list[dict]:
        if not self.options.custom_emoji:
            return []
        emoji = self.client.custom_emoji()
        atomic_write_json(self.root / layout.EMOJI, emoji)
        return emoji

    def picture_tasks(self, users: list[dict], emoji: list[dict]) -> list[Callable[[], None]]:
        """One download per avatar and custom emoji the options ask for; the engine runs them in its pool."""
        tasks: list[Callable[[], None]] = []
        if self.options.avatars:
            tasks += [_bind(self._save_avatar, u) for u in users]
        if self.options.custom_emoji:
            tasks += [_bind(self._save_emoji_image, e) for e in emoji]
        return tasks

    def _save_avatar(self, user: dict) -> None:
        target = self.root / layout.AVATARS_DIR / f"{id_name(user['id'])}.png"
        stamp = target.with_suffix(".stamp")
        version = str(user.get("last_picture_update", 0))
        if target.exists() and stamp.exists() and stamp.read_text() == version:
            return
        layout.atomic_write_bytes(target, self.client.user_avatar(user["id"]))
        layout.atomic_write_text(stamp, version)

    def _save_emoji_image(self, emoji: dict) -> None:
        folder = self.root / layout.EMOJI_DIR
        if any(folder.glob(f"{id_name(emoji['id'])}.*")):
            return
        data = self.client.emoji_image(emoji["id"])
        layout.atomic_write_bytes(folder / f"{id_name(emoji['id'])}.{image_extension(data)}", data)

    # ----- offline: from what is on disk -----

    def write_manifest(
        self,
        run: RunFacts,
        channels: Iterable[ManifestChannel],
        problems: list[dict],
        finished: bool,
        stopped: str | None = None,
    ) -> None:
        """manifest.json of this run, merged with what earlier runs wrote (archive/manifest.py)."""
        write_manifest(self.root, run, channels, self.store, problems, finished, stopped)

    def render(self) -> None:
        from mmexport.exporting.render import render_archive  # the writers are big: loaded when needed

        render_archive(self.root, self.options.formats, lang=self.lang)

    def mark_run_finished(self) -> None:
        """run.json says the run is over: a next run is an update, not a continuation."""
        run = self.store.load_run()
        run["finished"] = True
        run["finished_at"] = now_iso()
        self.store.save_run(run)


def _bind(fn: Callable[[dict], None], arg: dict) -> Callable[[], None]:
    return lambda: fn(arg)


def image_extension(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data.startswith(b"\xff\xd8"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "img"
