"""Small event objects the engine reports through a plain callback; the GUI worker turns them into signals.

The callback is called from engine threads: it must be quick and thread-safe (put on a queue, emit a signal).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Re-exported: the engine's modules take them from here.
from mmexport.text import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP
from mmexport.text import Text as Text


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class RunStarted(Event):
    channels: int
    posts_expected: int  # estimate, from total_msg_count
    files_expected: int  # known after posts are fetched; 0 at the start
    resumed: bool  # this run continues an earlier, unfinished one in the same folder
    updating: int = 0  # of `channels`, those saved completely by an earlier run: brought up to date


@dataclass(frozen=True)
class ChannelStarted(Event):
    channel_id: str
    name: str  # readable name (DMs/GMs named as the webapp does)
    posts_expected: int
    team: str = ""  # team display name; "" for direct and group messages


@dataclass(frozen=True)
class ChannelProgress(Event):
    channel_id: str
    name: str
    posts_done: int
    posts_expected: int
    files_done: int
    files_total: int
    bytes_done: int


@dataclass(frozen=True)
class ChannelFinished(Event):
    channel_id: str
    name: str
    posts: int
    files: int
    complete: bool
    team: str = ""
    notices: int = 0  # of `posts`, join/leave notices (the server's message count leaves them out)


@dataclass(frozen=True)
class OverallProgress(Event):
    channels_done: int
    channels_total: int
    posts_done: int
    posts_expected: int
    files_done: int
    files_expected: int
    bytes_done: int
    posts_per_second: float
    bytes_per_second: float
    eta_seconds: float | None  # None while unknown


@dataclass(frozen=True)
class LogMessage(Event):
    text: str  # plain language, one line, for the "what is happening" list
    i18n: Text | None = None  # the same, translatable
    notable: bool = False  # worth a line in the command line's output too (not only a step of the run)


@dataclass(frozen=True)
class ProblemFound(Event):
    channel_id: str | None
    file_id: str | None
    what: str  # plain language
    i18n: Text | None = None


@dataclass(frozen=True)
class TokenExpired(Event):
    """The sign-in stopped working. The run has stopped in a resumable state; a front end asks for a
    new token and runs the export again into the same folder."""


@dataclass(frozen=True)
class NetworkWait(Event):
    seconds: float  # waiting this long before the next try (connection lost, server busy, rate limit)
    reason: str
    error_kind: str = ""  # the client's error class, for a translated reason
    waited: float = 0.0  # a rate limit: seconds the server has refused every request so far


@dataclass(frozen=True)
class Paused(Event):
    pass


@dataclass(frozen=True)
class Resumed(Event):
    pass


@dataclass(frozen=True)
class RunFinished(Event):
    outcome: str  # "done" | "incomplete" | "cancelled" | "token_expired" | "failed"
    archive_dir: str
    channels: int
    posts: int
    files: int
    bytes: int
    problems: list[dict] = field(default_factory=list)  # as in manifest.json
    message: str = ""  # plain-language summary or the reason for "failed" (e.g. disk full)
    i18n: Text | None = None
    updated: int = 0  # of `channels`, those saved by an earlier run and brought up to date; the rest are new
    notices: int = 0  # of `posts`, join/leave notices of the chats finished in this run
