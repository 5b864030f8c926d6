"""Names the Mattermost importer accepts.

The rules follow the server's own checks (server/public/model team.go, channel.go, user.go, utils.go,
emoji.go and server/channels/app/imports/import_validators.go, read at the 2026 master snapshot whose
model/version.go lists 11.4.4). Names from a real server almost always pass already; these functions
only repair the rare ones that do not (old reserved words, remote users, over-long display names).
"""

from __future__ import annotations

import re
import unicodedata

TEAM_NAME = re.compile(r"^[a-z0-9]+([a-z\-0-9]+|(__)?)[a-z0-9]+$")
CHANNEL_NAME = re.compile(r"^[a-z0-9]+([a-z\-_0-9]+|(__)?)[a-z0-9]*$")
USERNAME = re.compile(r"^[a-z0-9.\-_]+$")
EMOJI_NAME = re.compile(r"^[a-zA-Z0-9+_-]+$")
# IsReservedTeamName rejects any team name that *starts* with one of these.
RESERVED_TEAM_PREFIXES = (
    "admin", "api", "channel", "claim", "error", "files", "help", "landing", "login", "mfa",
    "oauth", "plug", "plugins", "post", "signup", "boards", "playbooks",
)  # fmt: skip
RESTRICTED_USERNAMES = {"all", "channel", "matterbot", "system"}

TEAM_NAME_MAX = 64
TEAM_DISPLAY_NAME_MAX_RUNES = 64
TEAM_DESCRIPTION_MAX = 255
CHANNEL_NAME_MAX = 64
CHANNEL_DISPLAY_NAME_MAX_RUNES = 64
CHANNEL_HEADER_MAX_RUNES = 1024
CHANNEL_PURPOSE_MAX_RUNES = 250
USERNAME_MAX = 64
USER_EMAIL_MAX = 128
USER_NICKNAME_MAX_RUNES = 64
USER_FIRST_NAME_MAX_RUNES = 64
USER_LAST_NAME_MAX_RUNES = 64
USER_POSITION_MAX_RUNES = 128
EMOJI_NAME_MAX = 64
POST_MESSAGE_MAX_RUNES = 16383  # PostMessageMaxRunesV2, the MaxPostSize of every current server
POST_PROPS_MAX_RUNES = 800000
PLACEHOLDER_EMAIL_DOMAIN = "users.invalid"  # RFC 2606: can never reach anyone


def _ascii_slug(text: str, allowed: str) -> str:
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(f"[^{allowed}]+", "-", text)


def is_valid_team_name(name: str) -> bool:
    name = name.lower()
    return (
        2 <= len(name) <= TEAM_NAME_MAX
        and bool(TEAM_NAME.match(name))
        and not name.startswith(RESERVED_TEAM_PREFIXES)
    )


def team_name(original: str, fallback: str) -> str:
    if is_valid_team_name(original):
        return original.lower()
    name = _ascii_slug(original, "a-z0-9-").strip("-")[: TEAM_NAME_MAX - 5]
    if name.startswith(RESERVED_TEAM_PREFIXES):
        name = "team-" + name
    if not is_valid_team_name(name):
        name = "team-" + fallback.lower()[:20]
    return name


def is_valid_channel_name(name: str) -> bool:
    name = name.lower()
    return 1 <= len(name) <= CHANNEL_NAME_MAX and bool(CHANNEL_NAME.match(name))


def channel_name(original: str, fallback: str) -> str:
    if is_valid_channel_name(original):
        return original.lower()
    name = _ascii_slug(original, "a-z0-9_-").strip("-_")[:CHANNEL_NAME_MAX]
    return name if is_valid_channel_name(name) else "channel-" + fallback.lower()[:26]


def is_valid_username(name: str) -> bool:
    name = name.lower()
    return 1 <= len(name) <= USERNAME_MAX and bool(USERNAME.match(name)) and name not in RESTRICTED_USERNAMES


def username(original: str, fallback: str) -> str:
    if is_valid_username(original):
        return original.lower()
    name = _ascii_slug(original, "a-z0-9._-").strip("-")[:USERNAME_MAX]
    if name in RESTRICTED_USERNAMES:
        name = "user-" + name
    return name if is_valid_username(name) else "user-" + fallback.lower()[:26]


_EMAIL = re.compile(r"^[^@\s<>\"(),:;\[\]\\]+@[^@\s<>\"(),:;\[\]\\]+\.[^@\s<>\"(),:;\[\]\\]+$")


def email_or_placeholder(email: str | None, import_username: str) -> tuple[str, bool]:
    """The user's address when the archive has a usable one, else <username>@users.invalid.

    Servers hide other people's addresses unless ShowEmailAddress is on, so most archives have only
    the exporting person's own. The importer demands a non-empty address of at most 128 characters,
    and the server's IsValidEmail wants it lower case with exactly one @.
    """
    email = (email or "").strip().lower()
    if email and len(email) <= USER_EMAIL_MAX and _EMAIL.match(email):
        return email, False
    return f"{import_username}@{PLACEHOLDER_EMAIL_DOMAIN}", True


def is_valid_emoji_name(name: str) -> bool:
    return 0 < len(name) <= EMOJI_NAME_MAX and bool(EMOJI_NAME.match(name))


def clip_runes(text: str | None, limit: int) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class UniqueNames:
    """Hands out names that stay unique within one scope (a team's channels, the server's users)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, name: str, limit: int) -> str:
        candidate, n = name, 1
        while candidate in self._taken:
            n += 1
            suffix = f"-{n}"
            candidate = name[: limit - len(suffix)] + suffix
        self._taken.add(candidate)
        return candidate
