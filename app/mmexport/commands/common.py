"""What every server command shares: finding the token, connecting, and turning errors into exit codes.

The token never comes from a command-line argument (other users of the machine can read those): it comes
from MMEXPORT_TOKEN, from standard input with --token-stdin, or from the entry the wizard saved.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime

from mmexport import exitcodes, logsetup, secrets
from mmexport.mattermost import (
    AddressError,
    Cancelled,
    Client,
    LoginFailed,
    MattermostError,
    MfaRequired,
    NotMattermost,
    NotReachable,
    SignInExpired,
    SigninParseError,
    TlsError,
    normalize_server_url,
    parse_signin_material,
)
from mmexport.mattermost.errors import BrowserSigninError
from mmexport.mattermost.every_channel import NeedsAdministrator
from mmexport.plaintext import BIDI_CONTROLS, printable

log = logging.getLogger(__name__)

TOKEN_ENV = "MMEXPORT_TOKEN"
_token_from_environment: list[str] = []  # taken out of os.environ at start (take_token_from_environment)

_EXIT_CODES: list[tuple[tuple[type[MattermostError], ...], int]] = [
    ((Cancelled,), exitcodes.CANCELLED),
    ((AddressError,), exitcodes.USAGE),
    # Needs another sign-in: an expired one, or one without the administrator's role.
    (
        (SignInExpired, SigninParseError, LoginFailed, MfaRequired, BrowserSigninError, NeedsAdministrator),
        exitcodes.SIGN_IN,
    ),
    ((NotReachable, TlsError, NotMattermost), exitcodes.UNREACHABLE),
]


class NoToken(SignInExpired):
    default_message = (
        "No sign-in token was found. Set MMEXPORT_TOKEN, pipe it in with --token-stdin, "
        "or sign in once with the wizard (run mmexport without arguments)."
    )


def take_token_from_environment() -> None:
    """Read MMEXPORT_TOKEN once and remove it from this process's environment, so that no process the
    program starts (the viewer's render workers, a browser for sign-in) inherits the token."""
    value = os.environ.pop(TOKEN_ENV, None)
    if value is not None:
        logsetup.remember_secret(value.strip())
        _token_from_environment[:] = [value]


def _environment_token() -> str:
    return os.environ.get(TOKEN_ENV, "") or (_token_from_environment[0] if _token_from_environment else "")


def resolve_token(args: argparse.Namespace, server_url: str) -> str:
    """The token from --token-stdin, MMEXPORT_TOKEN or the keyring, in that order."""
    if getattr(args, "token_stdin", False):
        return _token_from_text(sys.stdin.read(), "standard input")
    env_value = _environment_token()
    if env_value.strip():
        return _token_from_text(env_value, TOKEN_ENV)
    saved = secrets.load_token(server_url)
    if saved:
        logsetup.remember_secret(saved)
        return saved
    raise NoToken()


def _token_from_text(text: str, where: str) -> str:
    logsetup.remember_secret(text.strip())
    try:
        material = parse_signin_material(text)
    except SigninParseError as error:
        raise SigninParseError(f"{where}: {error.message}", detail=error.detail) from None
    logsetup.remember_secret(material.token)
    return material.token or ""


def connect(args: argparse.Namespace) -> tuple[Client, dict]:
    """A signed-in Client for args.server and the user it belongs to; raises MattermostError."""
    logsetup.setup_logging(to_file=True, verbose=bool(getattr(args, "verbose", False)))
    server_url = normalize_server_url(args.server)
    token = resolve_token(args, server_url)
    notices = WaitNotices()
    client = Client(server_url, token, on_wait=notices, on_slow=_announce_slow)
    notices.refused_for = client.refused_for
    client.probe()
    me = client.me()
    log.info("signed in as %s on %s (Mattermost %s)", me.get("username"), server_url, client.server_version)
    return client, me


class WaitNotices:
    """The client's waits on standard error. Refusals (429) come every second while a neighbour spends the
    server's limit: they are told every RATE_NOTICE_EVERY seconds, with how long the server has refused."""

    RATE_NOTICE_EVERY = 10.0

    def __init__(self) -> None:
        self.refused_for: Callable[[], float] = lambda: 0.0
        self._last_rate_notice: float | None = None

    def __call__(self, seconds: float, reason: str) -> None:
        if reason == "rate limit":
            now = time.monotonic()
            if self._last_rate_notice is not None and now - self._last_rate_notice < self.RATE_NOTICE_EVERY:
                return
            self._last_rate_notice = now
            refused = self.refused_for()
            so_far = f", refused for {refused:.0f} s so far" if refused >= 1 else ""
            print(
                "The server asks for fewer requests (its limit is used up, perhaps by another program): "
                f"waiting{so_far}…",
                file=sys.stderr,
            )
        elif seconds >= 2:
            print(f"Waiting {seconds:.0f} s ({reason})...", file=sys.stderr)


def _announce_slow(what: str, seconds: float) -> None:
    print(f"Still waiting for the server to answer {printable(what)} ({seconds:.0f} s so far)…", file=sys.stderr)


def exit_code_for(error: MattermostError) -> int:
    for classes, code in _EXIT_CODES:
        if isinstance(error, classes):
            return code
    return 1


def fail(error: MattermostError) -> int:
    """Tell the person what went wrong in plain words (no traceback) and return the exit code."""
    log.warning("%s: %s", type(error).__name__, error.detail or error.message)
    print(printable(error.message), file=sys.stderr)
    return exit_code_for(error)


def counted(n: int, noun: str) -> str:
    """'1 chat', '2 chats', '1,634 messages': the command line speaks English, where only 1 is singular."""
    return f"{n:,} {noun if n == 1 else noun + 's'}"


def user_label(user: dict) -> str:
    """'Anna Beispiel (@anna)', or '@anna' when the server hides full names."""
    full_name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p).strip()
    username = user.get("username") or user.get("id", "?")
    return printable(f"{full_name} (@{username})" if full_name else f"@{username}")


def local_minute(ms: int | None) -> str:
    """A server time (ms since 1970, UTC) in this computer's time zone, to the minute; "never" for none."""
    if not ms:
        return "never"
    return datetime.fromtimestamp(ms / 1000).astimezone().strftime("%Y-%m-%d %H:%M")


def print_columns(headers: tuple[str, ...], table: Sequence[tuple[str, ...]], right: tuple[int, ...] = (),
                  cut: dict[int, int] | None = None) -> None:  # fmt: skip
    """A plain text table. Only the columns in `cut` (index -> width) are ever shortened, with "…": never
    a handle or id that is meant to be copied into a command."""
    cut = cut or {}
    widths = [max([len(h)] + [len(row[i]) for row in table]) for i, h in enumerate(headers)]
    for column, width in cut.items():
        widths[column] = min(widths[column], width)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for values in table:
        cells = []
        for i, (value, width) in enumerate(zip(values, widths, strict=True)):
            if len(value) > width:
                value = value[: width - 1] + "…"
            cells.append(value.rjust(width) if i in right else value.ljust(width))
        print("  ".join(cells).rstrip())


_LITERAL_CONTROLS = str.maketrans({c: f"\\u{ord(c):04x}" for c in [*map(chr, range(0x7F, 0xA0)), *BIDI_CONTROLS]})


def json_for_terminal(value: object) -> str:
    """JSON as it is (names unchanged), with C1 and bidi controls written as \\u escapes: json already
    escapes C0 controls, and a terminal must not act on the others either."""
    return json.dumps(value, ensure_ascii=False).translate(_LITERAL_CONTROLS)


def write_json_lines(rows: list[dict]) -> None:
    """--json: JSON Lines, one object per channel and line (a script reads it line by line, `jq` too)."""
    for row in rows:
        sys.stdout.write(json_for_terminal(row) + "\n")
