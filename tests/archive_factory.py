"""A small archive that follows the archive contract, with realistic and hostile content.

For tests of the writers, the viewer and the converters (read-only use by others is fine):
2 teams, public and private channels, a DM, a GM, threads, reactions, custom emoji, images and other
files (one missing), edited/pinned/system/deleted posts, integration attachments, every kind of
markdown, and hostile text: <script>, <img onerror>, javascript: links, hostile names and file names.
`big_channel_posts` adds a channel with that many generated posts (for paging and the benchmark).
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from pathlib import Path

from mmexport.archive.layout import FORMAT, FORMAT_VERSION, safe_filename, sha256_file, slug

BASE_MS = 1_700_000_000_000  # 2023-11-14
HOUR = 3_600_000
DAY = 24 * HOUR
SERVER_URL = "https://chat.example.org"

KNOWN_THREAD_REPLY = "Die Fähre legt um 9 Uhr ab, bitte pünktlich sein"
KNOWN_SEARCH_WORD = "Fähre"
HOSTILE_MESSAGE = (
    "<script>alert('xss')</script> <img src=x onerror=alert(1)> "
    '[click me](javascript:alert(2)) <a href="javascript:alert(3)">raw link</a> '
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==) "
    '![tracker](http://evil.example/track.png) <iframe src="https://evil.example/"></iframe> '
    "JavaScript:alert(5) <javascript:alert(6)>"
)
HOSTILE_FILE_NAME = '../../evil<script>alert(1)</script>".txt'

MARKDOWN_MESSAGE = """\
# Release notes

We shipped **bold** things, _italic_ ones and ~~struck~~ ones, plus `inline code`.

- first item
- second item with a [link](https://example.org/docs?a=1&b=2)
  1. nested
  2. list

> A quote from @bob

| Name | Count |
|------|------:|
| apples | 3 |
| pears | 5 |

```python
def greet(name: str) -> str:
    return f"Hello, {name}!"  # <b>not bold</b>
```

Thanks @alice, see ~general-talk :tada: :party_parrot: :+1: https://example.org/path_(x).
"""


def tiny_png(rgb: tuple[int, int, int], width: int = 8, height: int = 8) -> bytes:
    """A valid PNG of one colour, without any imaging library."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def make_id(prefix: str, n: int) -> str:
    """26 characters like Mattermost ids."""
    return (prefix + f"{n:x}".rjust(26 - len(prefix), "0"))[:26]


USERS = [
    {"id": make_id("ualice", 1), "username": "alice", "first_name": "Alice", "last_name": "Example"},
    {"id": make_id("ubob", 2), "username": "bob", "first_name": "Bob", "last_name": "Builder"},
    {"id": make_id("ucarol", 3), "username": "carol", "first_name": "Carol", "last_name": "Müller"},
    {"id": make_id("udave", 4), "username": "dave", "first_name": "", "last_name": ""},
    {
        "id": make_id("umallory", 5),
        "username": "mallory",
        "first_name": "<img src=x onerror=alert(7)>",
        "last_name": "<script>alert(8)</script>",
    },
    {"id": make_id("ujira", 6), "username": "jira-bot", "first_name": "", "last_name": "", "is_bot": True},
]
ALICE, BOB, CAROL, DAVE, MALLORY, JIRA = (u["id"] for u in USERS)

TEAMS = [
    {"id": make_id("tacme", 1), "name": "acme", "display_name": "Acme Corp", "type": "O"},
    {"id": make_id("tres", 2), "name": "research", "display_name": "Forschung & Entwicklung", "type": "I"},
]


class _ArchiveBuilder:
    def __init__(self, root: Path):
        self.root = root
        self.channels: list[dict] = []
        self.files: list[dict] = []
        self.problems: list[dict] = []
        self.counter = 0

    def next_id(self, prefix: str = "p") -> str:
        self.counter += 1
        return make_id(prefix, self.counter)

    def post(self, channel_id: str, user_id: str, at: int, message: str, **extra) -> dict:
        post = {
            "id": extra.pop("id", None) or self.next_id(),
            "create_at": at,
            "update_at": at,
            "edit_at": 0,
            "delete_at": 0,
            "is_pinned": False,
            "user_id": user_id,
            "channel_id": channel_id,
            "root_id": "",
            "original_id": "",
            "message": message,
            "type": "",
            "props": {},
            "hashtags": "",
            "pending_post_id": "",
            "reply_count": 0,
            "metadata": {},
        }
        post.update(extra)
        return post

    def add_channel(self, *, type_: str, team: str, name: str, display_name: str, posts: list[dict],
                    members: list[str] | None = None, extra: dict | None = None) -> str:  # fmt: skip
        channel_id = posts[0]["channel_id"] if posts else self.next_id("c")
        folder_team = team or "direct"
        path = f"channels/{folder_team}/{slug(name, channel_id)}"
        folder = self.root / path
        folder.mkdir(parents=True, exist_ok=True)
        channel_obj = {
            "id": channel_id,
            "type": type_,
            "team_id": next((t["id"] for t in TEAMS if t["name"] == team), ""),
            "name": name,
            "display_name": display_name if type_ in "OP" else "",
            "header": "",
            "purpose": "",
            "delete_at": 0,
            **(extra or {}),
        }
        (folder / "channel.json").write_text(json.dumps(channel_obj, ensure_ascii=False), "utf-8")
        posts = sorted(posts, key=lambda p: (p["create_at"], p["id"]))
        with open(folder / "posts.jsonl", "w", encoding="utf-8") as f:
            for post in posts:
                f.write(json.dumps(post, ensure_ascii=False) + "\n")
        entry = {
            "id": channel_id,
            "type": type_,
            "team": team,
            "name": name,
            "display_name": display_name,
            "path": path,
            "posts": len(posts),
            "files": sum(len(p.get("file_ids") or []) for p in posts),
            "complete": True,
        }
        if type_ in "DG":
            entry["members"] = members or []
        self.channels.append(entry)
        return path

    def attach(self, channel_path: str, post: dict, name: str, data: bytes | None, mime: str,
               width: int = 0, height: int = 0) -> None:  # fmt: skip
        file_id = self.next_id("f")
        rel = f"{channel_path}/files/{file_id}/{safe_filename(name)}"
        info = {
            "id": file_id,
            "user_id": post["user_id"],
            "post_id": post["id"],
            "channel_id": post["channel_id"],
            "create_at": post["create_at"],
            "update_at": post["create_at"],
            "delete_at": 0,
            "name": name,
            "extension": name.rpartition(".")[2].lower() if "." in name else "",
            "size": len(data) if data is not None else 1234,
            "mime_type": mime,
            "width": width,
            "height": height,
            "has_preview_image": bool(width),
        }
        post.setdefault("file_ids", []).append(file_id)
        post["metadata"].setdefault("files", []).append(info)
        entry = {"id": file_id, "post_id": post["id"], "channel_id": post["channel_id"], "name": name,
                 "path": rel, "size": info["size"], "sha256": ""}  # fmt: skip
        if data is None:
            self.problems.append({"channel_id": post["channel_id"], "file_id": file_id,
                                  "what": f"file {name} could not be downloaded (404)"})  # fmt: skip
        else:
            target = self.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            entry["sha256"] = sha256_file(target)
        self.files.append(entry)


def _reaction(user_id: str, post: dict, emoji: str, offset: int = 1000) -> dict:
    return {"user_id": user_id, "post_id": post["id"], "emoji_name": emoji, "create_at": post["create_at"] + offset,
            "update_at": 0, "delete_at": 0, "channel_id": post["channel_id"]}  # fmt: skip


def make_archive(root: Path, *, big_channel_posts: int = 0) -> Path:
    """Write the archive into root (created if needed) and return root."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    b = _ArchiveBuilder(root)
    _write_people(root)

    town = b.next_id("c")
    t0 = BASE_MS
    welcome = b.post(town, ALICE, t0, "Welcome to the archive! :wave: Hello @bob and @carol.")
    markdown = b.post(town, BOB, t0 + 60_000, MARKDOWN_MESSAGE)
    follow_up = b.post(town, BOB, t0 + 90_000, "And one more thing from me.")
    hostile = b.post(town, MALLORY, t0 + HOUR, HOSTILE_MESSAGE)
    root_post = b.post(town, ALICE, t0 + 2 * HOUR, "Who is coming to the offsite on Friday?",
                       reply_count=3, is_pinned=True)  # fmt: skip
    replies = [
        b.post(town, BOB, t0 + 2 * HOUR + 60_000, "I am! :raised_hands:", root_id=root_post["id"]),
        b.post(town, CAROL, t0 + 2 * HOUR + 120_000, KNOWN_THREAD_REPLY, root_id=root_post["id"]),
        b.post(
            town,
            ALICE,
            t0 + DAY + HOUR,
            "Great, see you all there.",
            root_id=root_post["id"],
            edit_at=t0 + DAY + HOUR + 5000,
        ),
    ]
    root_post["metadata"]["reactions"] = [
        _reaction(BOB, root_post, "+1"), _reaction(CAROL, root_post, "+1", 2000),
        _reaction(ALICE, root_post, "party_parrot"), _reaction(DAVE, root_post, "no_such_emoji_here"),
    ]  # fmt: skip
    edited = b.post(town, CAROL, t0 + DAY, "I changed this message later.", edit_at=t0 + DAY + 60_000)
    system = b.post(town, DAVE, t0 + DAY + 2 * HOUR, "@dave joined the channel.", type="system_join_channel",
                    props={"username": "dave"})  # fmt: skip
    deleted = b.post(town, BOB, t0 + DAY + 3 * HOUR, "", delete_at=t0 + DAY + 4 * HOUR)
    bot = b.post(
        town, JIRA, t0 + 2 * DAY, "",
        props={
            "from_bot": "true",
            "attachments": [{
                "fallback": "Build #42 failed",
                "color": "#FF0000",
                "pretext": "CI report",
                "author_name": "Jenkins",
                "title": "Build #42 failed",
                "title_link": "javascript:alert(9)",
                "text": "Tests failed in **module x**",
                "fields": [
                    {"title": "Branch", "value": "main", "short": True},
                    {"title": "Duration", "value": "4 min", "short": True},
                    {"title": "Log", "value": "[open](https://ci.example.org/42)", "short": False},
                ],
                "footer": "Jenkins CI",
            }, {"color": "good", "text": "Deploy to staging succeeded"}],
        },
    )  # fmt: skip
    webhook = b.post(town, JIRA, t0 + 2 * DAY + 1000, "Issue ABC-1 created",
                     props={"from_webhook": "true", "override_username": "Jira"})  # fmt: skip
    embed = b.post(town, DAVE, t0 + 2 * DAY + HOUR, "Look at https://news.example.org/story",
                   metadata={"embeds": [{"type": "opengraph", "url": "https://news.example.org/story",
                                         "data": {"title": "A <b>story</b>", "site_name": "News",
                                                  "description": "What happened"}}]})  # fmt: skip
    files_post = b.post(town, CAROL, t0 + 3 * DAY, "Here are the files :paperclip:")
    orphan = b.post(town, BOB, t0 + 3 * DAY + HOUR, "Replying to something older than the export",
                    root_id=make_id("pmissing", 1))  # fmt: skip
    important = b.post(town, ALICE, t0 + 3 * DAY + 2 * HOUR, "Server maintenance tonight!",
                       metadata={"priority": {"priority": "urgent", "requested_ack": False}})  # fmt: skip
    town_posts = [welcome, markdown, follow_up, hostile, root_post, *replies, edited, system, deleted,
                  bot, webhook, embed, files_post, orphan, important]  # fmt: skip
    town_path = f"channels/acme/{slug('town-square', town)}"
    b.attach(town_path, files_post, "photo.png", tiny_png((30, 120, 200), 64, 48), "image/png", 64, 48)
    b.attach(town_path, files_post, "report.pdf", b"%PDF-1.4\n% fake\n", "application/pdf")
    b.attach(town_path, files_post, HOSTILE_FILE_NAME, b"hostile name", "text/plain")
    b.attach(town_path, files_post, "lost.zip", None, "application/zip")
    b.add_channel(type_="O", team="acme", name="town-square", display_name="Town Square", posts=town_posts,
                  extra={"header": "Company news :newspaper: see https://intranet.example.org",
                         "purpose": "Everything <b>everyone</b> should know"})  # fmt: skip

    plans = b.next_id("c")
    b.add_channel(type_="P", team="acme", name="private-plans", display_name="Private Plans", posts=[
        b.post(plans, ALICE, t0 + 4 * DAY, "Secret plan: *surprise party* for @carol"),
        b.post(plans, BOB, t0 + 4 * DAY + 1000, "Count me in :+1:"),
    ])  # fmt: skip

    general = b.next_id("c")
    b.add_channel(type_="O", team="research", name="general-talk", display_name="General Talk", posts=[
        b.post(general, CAROL, t0 + 5 * DAY, "Grüße aus der Forschung! Umlaute: äöüß ÄÖÜ"),
        b.post(general, DAVE, t0 + 5 * DAY + HOUR, "1. numbered\n2. list\n\n    indented code"),
    ])  # fmt: skip

    evil = b.next_id("c")
    b.add_channel(type_="O", team="research", name="evil-channel",
                  display_name="<script>alert('channel')</script> & Co", posts=[
                      b.post(evil, MALLORY, t0 + 6 * DAY, "<b>not bold</b> & <i>not italic</i>"),
                  ])  # fmt: skip

    dm = b.next_id("c")
    b.add_channel(type_="D", team="", name=f"{ALICE}__{BOB}", display_name="Bob Builder", members=[ALICE, BOB],
                  posts=[
                      b.post(dm, BOB, t0 + 7 * DAY, "Hey Alice, quick question about the budget."),
                      b.post(dm, ALICE, t0 + 7 * DAY + 60_000, "Sure, call me :telephone_receiver:"),
                  ])  # fmt: skip

    gm = b.next_id("c")
    b.add_channel(type_="G", team="", name="gm-" + gm, display_name="Alice Example, Bob Builder, Carol Müller",
                  members=[ALICE, BOB, CAROL], posts=[
                      b.post(gm, CAROL, t0 + 8 * DAY, "Lunch at 12?"),
                      b.post(gm, BOB, t0 + 8 * DAY + 30_000, "Yes :hamburger:"),
                  ])  # fmt: skip

    empty = b.next_id("c")
    b.add_channel(type_="O", team="acme", name="empty-room", display_name="Empty Room", posts=[])
    del empty

    if big_channel_posts:
        _add_big_channel(b, big_channel_posts)

    _write_manifest(root, b)
    return root


def _write_people(root: Path) -> None:
    users = [
        {
            **u,
            "nickname": "",
            "email": f"{u['username']}@example.org",
            "delete_at": 0,
            "is_bot": u.get("is_bot", False),
        }
        for u in USERS
    ]
    (root / "users.json").write_text(json.dumps(users, ensure_ascii=False, indent=1), "utf-8")
    (root / "teams.json").write_text(json.dumps(TEAMS, ensure_ascii=False, indent=1), "utf-8")
    emoji = [{"id": make_id("eparrot", 1), "creator_id": ALICE, "name": "party_parrot", "create_at": BASE_MS,
              "update_at": BASE_MS, "delete_at": 0}]  # fmt: skip
    (root / "emoji.json").write_text(json.dumps(emoji), "utf-8")
    (root / "emoji").mkdir(exist_ok=True)
    (root / "emoji" / f"{emoji[0]['id']}.png").write_bytes(tiny_png((250, 80, 160), 16, 16))
    (root / "avatars").mkdir(exist_ok=True)
    for i, user in enumerate(USERS[:3]):  # not everyone has a picture
        (root / "avatars" / f"{user['id']}.png").write_bytes(
            tiny_png((40 + 60 * i, 90, 160 - 40 * i), 32, 32)
        )


_WORDS = [
    "project",
    "meeting",
    "budget",
    "release",
    "deploy",
    "server",
    "review",
    "design",
    "coffee",
    "lunch",
    "report",
    "customer",
    "Termin",
    "Besprechung",
    "Ergebnis",
    "Fähre",
    "Zeitplan",
    "Angebot",
    "Rechnung",
    "Urlaub",
    "Woche",
    "heute",
    "morgen",
    "bitte",
    "danke",
]


def _add_big_channel(b: _ArchiveBuilder, count: int) -> None:
    """Many messages like a busy channel: mostly plain sentences, some markdown, threads, reactions."""
    rng = random.Random(42)
    channel_id = b.next_id("c")
    users = [ALICE, BOB, CAROL, DAVE]
    at = BASE_MS - 400 * DAY
    step = max(1, (400 * DAY) // max(count, 1))
    recent_roots: list[dict] = []
    path = f"channels/acme/{slug('big-channel', channel_id)}"
    folder = b.root / path
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "channel.json").write_text(json.dumps({"id": channel_id, "type": "O", "name": "big-channel",
                                                     "display_name": "Big Channel"}), "utf-8")  # fmt: skip
    with open(folder / "posts.jsonl", "w", encoding="utf-8") as f:
        for n in range(count):
            at += rng.randint(1, 2 * step)
            words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 18)))
            kind = rng.random()
            if kind < 0.70:
                message = words.capitalize() + "."
            elif kind < 0.80:
                message = f"**{words.split()[0]}** {words} see https://example.org/{n}"
            elif kind < 0.85:
                message = f"- {words}\n- second point\n- third point"
            elif kind < 0.90:
                message = f"@{rng.choice(['alice', 'bob', 'carol'])} {words} :+1:"
            else:
                message = f"`{words.split()[0]}` {words}"
            post = b.post(channel_id, rng.choice(users), at, message, id=make_id("big", n))
            if recent_roots and rng.random() < 0.15:
                post["root_id"] = rng.choice(recent_roots)["id"]
            else:
                recent_roots = ([post, *recent_roots])[:20]
            if rng.random() < 0.1:
                post["metadata"]["reactions"] = [
                    _reaction(rng.choice(users), post, rng.choice(["+1", "tada", "heart"]))
                ]
            f.write(json.dumps(post, ensure_ascii=False) + "\n")
    b.channels.append({"id": channel_id, "type": "O", "team": "acme", "name": "big-channel",
                       "display_name": "Big Channel", "path": path, "posts": count, "files": 0,
                       "complete": True})  # fmt: skip


def _write_manifest(root: Path, b: _ArchiveBuilder) -> None:
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "mmexport", "version": "0.1.0"},
        "server": {"url": SERVER_URL, "version": "11.2.0"},
        "user": {"id": ALICE, "username": "alice"},
        "started_at": "2025-03-03T10:00:00+00:00",
        "finished_at": "2025-03-03T10:05:00+00:00",
        "options": {"formats": ["html", "json"]},
        "channels": b.channels,
        "files": b.files,
        "problems": b.problems,
    }
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
