"""Generates the demo workspace from the seed tables: users, emoji, teams, channels, direct and group
messages, and each channel's history (threads, edits, reactions, files, system messages, a flood, a long
thread, hostile file names). Seeded: the same seed gives the same workspace, byte for byte.

It fills a Workspace through the model's own insertion helpers (`_new_id`, `_new_channel`, `_insert_post`,
`_attach_file`), so generated rows and rows added later by tests are built the same way.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mmexport.demo import blobs, texts
from mmexport.demo.blobs import blob_for_name
from mmexport.demo.seed import (
    BIG_CHANNEL_NAME,
    CUSTOM_EMOJI,
    DAY_MS,
    DEMO_PASSWORD,
    DIRECT_PARTNERS,
    FLOOD_POSTS,
    GROUPS,
    HOSTILE_FILES,
    LONG_THREAD_REPLIES,
    PEOPLE,
    TEAMS,
    WORKSPACE_END,
    WORKSPACE_START,
    color_for,
)
from mmexport.demo.workspace import BigChannelPosts, Workspace


def generated_workspace(seed: int = 1, big_channel_posts: int | None = None) -> Workspace:
    """The demo workspace for `seed`; with `big_channel_posts`, also a channel of that many posts."""
    workspace = Workspace(seed=seed, big_channel_posts=big_channel_posts)
    _Generator(workspace).generate()
    return workspace


def new_channel(
    ws: Workspace, team_id: str, name: str, display: str, c_type: str, members: list[str], created: int
) -> dict[str, Any]:
    """A channel built like the generated ones, for additions made after generation (demo/roles.py)."""
    return _Generator(ws)._new_channel(team_id, name, display, c_type, members, created)


def new_team(
    ws: Workspace, team_id: str, name: str, display: str, description: str, invite_id: str, created: int
) -> dict[str, Any]:
    """An open team as the server stores it, added to the workspace: the generated teams and the ones
    added after generation (demo/windows_names.py) are built the same way."""
    team = {
        "id": team_id,
        "create_at": created,
        "update_at": created,
        "delete_at": 0,
        "display_name": display,
        "name": name,
        "description": description,
        "email": "",
        "type": "O",
        "company_name": "",
        "allowed_domains": "",
        "invite_id": invite_id,
        "allow_open_invite": False,
        "last_team_icon_update": 0,
        "scheme_id": None,
        "group_constrained": None,
        "policy_id": None,
        "cloud_limits_archived": False,
    }
    ws.teams[team_id] = team
    return team


class _Generator:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def generate(self) -> None:
        self._generate_users()
        self._generate_emoji()
        self._generate_teams_and_channels()
        self._generate_direct_channels()
        for channel_id in list(self.ws.channels):
            self._generate_posts(channel_id)
        if self.ws.big_channel_posts is not None:
            self._add_big_channel(self.ws.big_channel_posts)

    def _generate_users(self) -> None:
        for index, person in enumerate(PEOPLE):
            user_id = self.ws._new_id()
            created = WORKSPACE_START - (60 - index) * DAY_MS
            user = {
                "id": user_id,
                "create_at": created,
                "update_at": created + DAY_MS,
                "delete_at": WORKSPACE_END - 90 * DAY_MS if person.deactivated else 0,
                "username": person.username,
                "auth_data": "",
                "auth_service": "",
                "email": f"{person.username}@example.org",
                "email_verified": True,
                "nickname": person.nickname,
                "first_name": person.first,
                "last_name": person.last,
                "position": person.position,
                "roles": "system_user",
                "props": {},
                "notify_props": {"desktop": "mention", "email": "true", "push": "mention"},
                "last_password_update": created,
                "last_picture_update": created + 2 * DAY_MS,
                "locale": person.locale,
                "timezone": {
                    "automaticTimezone": "Europe/Berlin",
                    "manualTimezone": "",
                    "useAutomaticTimezone": "true",
                },
                "disable_welcome_email": False,
                "is_bot": person.bot,
            }
            if person.bot:
                user["bot_description"] = "Meldet Ergebnisse der automatischen Builds."
                user["roles"] = "system_user"
            self.ws.users[user_id] = user
            if person.username in ("anna", "mfa"):
                self.ws.passwords[user_id] = DEMO_PASSWORD
            if person.username == "mfa":
                self.ws.mfa_user_ids.add(user_id)
                user["mfa_active"] = True
            hue = color_for(index)
            self.ws.avatars[user_id] = blobs.png(64, 64, hue, (255, 255, 255))
        self.ws.me_id = self._username_id("anna")

    def _generate_emoji(self) -> None:
        for index, (name, color) in enumerate(CUSTOM_EMOJI):
            emoji_id = self.ws._new_id()
            at = WORKSPACE_START + index * DAY_MS
            self.ws.emoji[emoji_id] = {
                "id": emoji_id,
                "creator_id": self.ws.me_id,
                "name": name,
                "create_at": at,
                "update_at": at,
                "delete_at": 0,
            }
            self.ws.emoji_images[emoji_id] = blobs.png(32, 32, (255, 255, 255), color)

    def _username_id(self, username: str) -> str:
        return next(uid for uid, u in self.ws.users.items() if u["username"] == username)

    def _humans(self) -> list[str]:
        return [
            uid
            for uid, u in self.ws.users.items()
            if not u["is_bot"] and u["delete_at"] == 0 and u["username"] != "mfa"
        ]

    def _generate_teams_and_channels(self) -> None:
        humans = self._humans()
        bot_id = self._username_id("ci-bot")
        mfa_id = self._username_id("mfa")
        for t_index, (team_name, display_name, channels) in enumerate(TEAMS):
            team_id = self.ws._new_id()
            created = WORKSPACE_START - 40 * DAY_MS + t_index * DAY_MS
            invite_id = self.ws._new_id()  # drawn right after the team's id: the same seed, the same demo
            new_team(self.ws, team_id, team_name, display_name, f"Team {display_name}", invite_id, created)
            members = [*humans, bot_id, mfa_id]
            self.ws.team_members[team_id] = members
            for c_index, (name, c_display, c_type, count, flags) in enumerate(channels):
                if name in ("town-square", "off-topic"):
                    chosen = list(humans)
                else:
                    others = [u for u in humans if u != self.ws.me_id]
                    chosen = [self.ws.me_id, *self.ws.rng.sample(others, self.ws.rng.randint(3, 9))]
                if "not_member" in flags:
                    chosen = [u for u in chosen if u != self.ws.me_id]
                if "bot" in flags:
                    chosen.append(bot_id)
                channel = self._new_channel(
                    team_id, name, c_display, c_type, chosen, created + (c_index + 1) * DAY_MS
                )
                channel["props"] = {"demo_posts": count, "demo_flags": list(flags)}
                if "archived" in flags:
                    channel["delete_at"] = WORKSPACE_END - 120 * DAY_MS

    def _new_channel(
        self, team_id: str, name: str, display: str, c_type: str, members: list[str], created: int
    ) -> dict[str, Any]:
        channel_id = self.ws._new_id()
        self.ws.channels[channel_id] = {
            "id": channel_id,
            "create_at": created,
            "update_at": created,
            "delete_at": 0,
            "team_id": team_id,
            "type": c_type,
            "display_name": display,
            "name": name,
            "header": "",
            "purpose": "",
            "last_post_at": created,
            "total_msg_count": 0,
            "extra_update_at": 0,
            "creator_id": members[0] if members else "",
            "scheme_id": None,
            "props": None,
            "group_constrained": None,
            "shared": None,
            "total_msg_count_root": 0,
            "policy_id": None,
            "last_root_post_at": created,
            "policy_enforced": False,
            "default_category_name": "",
        }
        self.ws.channel_members[channel_id] = list(dict.fromkeys(members))
        self.ws.channel_rows[channel_id] = []
        return self.ws.channels[channel_id]

    def _generate_direct_channels(self) -> None:
        me = self.ws.me_id
        for index, partner in enumerate(DIRECT_PARTNERS):
            other = self._username_id(partner)
            low, high = sorted((me, other))
            channel = self._new_channel(
                "", f"{low}__{high}", "", "D", [me, other], WORKSPACE_START + index * DAY_MS
            )
            channel["props"] = {"demo_posts": 25, "demo_flags": []}
        for index, usernames in enumerate(GROUPS):
            user_ids = sorted(self._username_id(n) for n in usernames)
            name = hashlib.sha1("".join(user_ids).encode()).hexdigest()
            display = ", ".join(sorted(usernames))
            display = display.encode()[:64].decode("utf-8", "ignore")  # the real server cuts at 64 bytes
            channel = self._new_channel(
                "", name, display, "G", user_ids, WORKSPACE_START + (20 + index) * DAY_MS
            )
            channel["props"] = {"demo_posts": 30, "demo_flags": []}

    def _generate_posts(self, channel_id: str) -> None:
        channel = self.ws.channels[channel_id]
        plan = channel["props"] or {}
        channel["props"] = None
        count, flags = plan.get("demo_posts", 0), set(plan.get("demo_flags", ()))
        if "not_member" not in flags and channel["type"] in "OP":
            self._system_joins(channel)
        end = channel["delete_at"] - DAY_MS if channel["delete_at"] else WORKSPACE_END - DAY_MS
        authors = [u for u in self.ws.channel_members[channel_id] if not self.ws.users[u]["is_bot"]]
        times = sorted(self.ws.rng.randint(channel["create_at"] + DAY_MS, end) for _ in range(count))
        roots: list[dict[str, Any]] = []
        for at in times:
            author = self.ws.rng.choice(authors)
            root = self.ws.rng.choice(roots) if roots and self.ws.rng.random() < 0.2 else None
            post = self.ws._insert_post(
                channel_id, author, self._chat_message(), at, root_id=root["id"] if root else ""
            )
            if not root:
                roots.append(post)
            if self._decorate(post, authors, at) and post in roots:
                roots.remove(post)  # nobody replies to a deleted post
        if "thread" in flags:
            self._long_thread(channel, authors)
        if "flood" in flags:
            self._flood(channel, authors)
        if "markdown" in flags:
            self._special_posts(channel, authors)
        if "bot" in flags:
            self._bot_posts(channel)
        if "files" in flags:
            self._file_posts(channel, authors)
        if channel["type"] == "O" and count >= 30:
            self._header_change(channel, authors[0])

    def _decorate(self, post: dict[str, Any], authors: list[str], at: int) -> bool:
        """Reactions, edits, pins and deletions sprinkled over ordinary posts; True if it was deleted."""
        roll = self.ws.rng.random()
        if roll < 0.15:
            for _ in range(self.ws.rng.randint(1, 3)):
                name = self.ws.rng.choice([*texts.SYSTEM_EMOJI_REACTIONS, "kaffee", "brezel"])
                self.ws.add_reaction(
                    post["id"], self.ws.rng.choice(authors), name, at + self.ws.rng.randint(1, 10**7)
                )
        elif roll < 0.2:
            self.ws.edit_post(
                post["id"], post["message"] + " (ergänzt)", at + self.ws.rng.randint(60_000, 10**7)
            )
        elif roll < 0.22:
            post["is_pinned"] = True
        elif roll < 0.24:
            self.ws.delete_post(post["id"], at + self.ws.rng.randint(60_000, 10**7))
            return True
        return False

    def _chat_message(self) -> str:
        message = self.ws.rng.choice(texts.SENTENCES)
        if self.ws.rng.random() < 0.4:
            message += " " + self.ws.rng.choice(texts.SENTENCES)
        roll = self.ws.rng.random()
        if roll < 0.08:
            message = f"@{self.ws.users[self.ws.rng.choice(list(self.ws.users))]['username']} {message}"
        elif roll < 0.14:
            message += " " + self.ws.rng.choice(texts.EMOJI_SHORTCODES)
        elif roll < 0.17:
            message += " Siehe ~town-square."
        return message

    def _system_joins(self, channel: dict[str, Any]) -> None:
        for offset, user_id in enumerate(self.ws.channel_members[channel["id"]][:6]):
            username = self.ws.users[user_id]["username"]
            self.ws._insert_post(
                channel["id"],
                user_id,
                f"@{username} ist dem Kanal beigetreten.",
                channel["create_at"] + offset * 60_000 + 1,
                post_type="system_join_channel",
                props={"username": username},
            )

    def _header_change(self, channel: dict[str, Any], user_id: str) -> None:
        username = self.ws.users[user_id]["username"]
        new_header = f"Alles rund um {channel['display_name']} – bitte freundlich bleiben"
        at = channel["create_at"] + 2 * DAY_MS
        self.ws._insert_post(
            channel["id"],
            user_id,
            f"@{username} hat die Kanalüberschrift aktualisiert: {new_header}",
            at,
            post_type="system_header_change",
            props={"username": username, "old_header": "", "new_header": new_header},
        )
        channel["header"] = new_header
        leaver = self.ws.channel_members[channel["id"]][-1]
        self.ws._insert_post(
            channel["id"],
            leaver,
            f"@{self.ws.users[leaver]['username']} hat den Kanal verlassen.",
            at + DAY_MS,
            post_type="system_leave_channel",
            props={"username": self.ws.users[leaver]["username"]},
        )

    def _long_thread(self, channel: dict[str, Any], authors: list[str]) -> None:
        at = WORKSPACE_END - 200 * DAY_MS
        root = self.ws._insert_post(
            channel["id"], self.ws.me_id, "Sammelthread: Fragen und Antworten zum Projektabschluss", at
        )
        root["is_pinned"] = True
        for index in range(LONG_THREAD_REPLIES):
            author = authors[index % len(authors)]
            at += self.ws.rng.randint(1_000, 3_600_000)
            self.ws._insert_post(
                channel["id"], author, f"Antwort {index + 1}: {self._chat_message()}", at, root["id"]
            )

    def _flood(self, channel: dict[str, Any], authors: list[str]) -> None:
        """An import: hundreds of posts sharing one millisecond, crossing several 200-post pages."""
        at = WORKSPACE_END - 300 * DAY_MS
        for index in range(FLOOD_POSTS):
            self.ws._insert_post(
                channel["id"],
                authors[index % len(authors)],
                f"Importierte Nachricht {index + 1} aus dem Altsystem",
                at,
            )

    def _special_posts(self, channel: dict[str, Any], authors: list[str]) -> None:
        at = WORKSPACE_END - 50 * DAY_MS
        showcase = self.ws._insert_post(channel["id"], self.ws.me_id, texts.MARKDOWN_SHOWCASE, at)
        self.ws.add_reaction(showcase["id"], authors[1 % len(authors)], "+1", at + 5_000)
        self.ws.add_reaction(showcase["id"], authors[2 % len(authors)], "kaffee", at + 6_000)
        self.ws.add_reaction(showcase["id"], self.ws.me_id, "smile", at + 7_000)
        self.ws._insert_post(channel["id"], authors[1 % len(authors)], texts.HOSTILE_MESSAGE, at + 60_000)
        edited = self.ws._insert_post(
            channel["id"], self.ws.me_id, "Erste Fassung mit Tippfehlr", at + 120_000
        )
        self.ws.edit_post(edited["id"], "Zweite Fassung mit Tippfehler", at + 180_000)
        self.ws.edit_post(edited["id"], "Dritte Fassung, jetzt ohne Tippfehler", at + 240_000)
        gone = self.ws._insert_post(channel["id"], authors[0], "Diese Nachricht wird gelöscht.", at + 300_000)
        self.ws.delete_post(gone["id"], at + 360_000)

    def _bot_posts(self, channel: dict[str, Any]) -> None:
        bot_id = self._username_id("ci-bot")
        at = WORKSPACE_END - 40 * DAY_MS
        for number, (ok, branch) in enumerate([(True, "main"), (False, "feature/export")], start=41):
            attachment = {
                "fallback": f"Build #{number} {'erfolgreich' if ok else 'fehlgeschlagen'}",
                "color": "#2eb886" if ok else "#d00000",
                "pretext": "Automatischer Build",
                "author_name": "CI",
                "title": f"Build #{number} {'erfolgreich' if ok else 'fehlgeschlagen'}",
                "title_link": f"https://ci.example.org/builds/{number}",
                "text": "Alle Tests bestanden." if ok else "3 Tests **fehlgeschlagen**.",
                "fields": [
                    {"title": "Branch", "value": branch, "short": True},
                    {"title": "Dauer", "value": "4 min 12 s", "short": True},
                ],
                "footer": "ci.example.org",
            }
            self.ws._insert_post(
                channel["id"],
                bot_id,
                "",
                at + number * 60_000,
                post_type="slack_attachment",
                props={"from_bot": "true", "attachments": [attachment]},
            )

    def _file_posts(self, channel: dict[str, Any], authors: list[str]) -> None:
        at = WORKSPACE_END - 30 * DAY_MS + self.ws.rng.randint(0, DAY_MS)
        if channel["name"] == "messdaten":
            post = self.ws._insert_post(channel["id"], authors[0], "Diagramm der Messreihe", at)
            self.ws._attach_file(
                post,
                "Messreihe Übersicht.png",
                (blobs.png(320, 200, (30, 90, 160), (250, 200, 40)), 320, 200),
            )
            return
        for index, (name, message) in enumerate(HOSTILE_FILES):
            post = self.ws._insert_post(
                channel["id"], authors[index % len(authors)], message, at + index * 60_000
            )
            self.ws._attach_file(post, name, blob_for_name(name))
        post = self.ws._insert_post(channel["id"], self.ws.me_id, "Zwei Bilder auf einmal", at + 3_600_000)
        self.ws._attach_file(
            post,
            "Präsentation Übersicht.png",
            (blobs.png(240, 160, (200, 60, 60), (255, 255, 255)), 240, 160),
        )
        self.ws._attach_file(post, "Foto vom Labor 📷.jpg", (blobs.jpeg(160, 120, (60, 140, 90)), 160, 120))
        missing = self.ws._insert_post(
            channel["id"], authors[0], "Das Original ist leider verschwunden", at + 7_200_000
        )
        self.ws._attach_file(missing, "verschwunden.pdf", (None, 0, 0))

    def _add_big_channel(self, count: int) -> None:
        team_id = next(iter(self.ws.teams))
        humans = self._humans()
        channel = self._new_channel(team_id, BIG_CHANNEL_NAME, "Großer Kanal", "O", humans, WORKSPACE_START)
        self.ws.big = BigChannelPosts(channel["id"], humans, count, self.ws.seed)
        channel["total_msg_count"] = count
        channel["total_msg_count_root"] = count
        channel["last_post_at"] = channel["last_root_post_at"] = max(
            self.ws.big.last_create_at(), channel["create_at"]
        )
