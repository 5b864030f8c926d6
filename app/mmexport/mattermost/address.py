"""Turn whatever people paste as "the server address" into the base URL of a Mattermost server.

People copy the address bar while reading a channel (`https://chat.example.org/myteam/channels/town-square`),
type a bare host name, paste an API URL from a cURL command or the login page. Mattermost's own URL shapes
tell us where the server's part ends: everything from a team route or a top-level page on is cut, and what
comes before it (a sub-path install such as `https://example.org/mattermost`) is kept.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

from mmexport.mattermost.errors import AddressError

# Pages of the webapp that live directly under the server's root (web app routes in
# webapp/channels/src/components/root/root.tsx and the server's own top-level handlers).
_TOP_LEVEL_ROUTES = frozenset(
    {
        "login", "logout", "signup_user_complete", "signup_email", "signup_gitlab", "signup_ldap",
        "signup_saml", "select_team", "admin_console", "create_team", "reset_password",
        "reset_password_complete", "mfa", "claim", "do_verify_email", "should_verify_email",
        "verify_email", "landing", "help", "oauth", "plugins", "static", "error", "_redirect",
        "hooks", "terms_of_service", "preparing-workspace", "access_problem", "remove_teams",
        "activities", "boards", "playbooks", "subscribe", "cloud", "api", "sso", "oauth2",
    }
)  # fmt: skip
# Routes that follow a team name: `/<team>/channels/<name>`, `/<team>/messages/@user`, `/<team>/pl/<id>` ...
_TEAM_SUBROUTES = frozenset(
    {
        "channels", "messages", "pl", "threads", "integrations", "emoji", "tutorial", "drafts",
        "scheduled_posts", "recaps", "search", "recent_mentions", "saved_posts", "invite", "settings",
        "files", "boards", "playbooks", "apps", "pinned",
    }
)  # fmt: skip

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(//)?")
_WRAPPING = " \t\r\n\"'`<>«»“”„‘’‚\u200b\u200e\u200f\ufeff"
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_server_url(text: str) -> str:
    """`scheme://host[:port][/subpath]` of the Mattermost server that `text` points into."""
    scheme, host, port, segments = _parse(text)
    return _join(scheme, host, port, segments[: _server_path_length(segments)])


def candidate_urls(text: str) -> list[str]:
    """The normalized URL first, then the same with fewer path parts, down to the bare host.

    `https://example.org/myteam` may be a sub-path install or a team page of a root install; only asking
    the server tells which, so a prober tries these in order.
    """
    scheme, host, port, segments = _parse(text)
    kept = segments[: _server_path_length(segments)]
    return [_join(scheme, host, port, kept[:n]) for n in range(len(kept), -1, -1)]


def _parse(text: str) -> tuple[str, str, int | None, list[str]]:
    raw = (text or "").strip(_WRAPPING)
    if not raw:
        raise AddressError(
            "Please enter the address of your Mattermost server, for example chat.example.org.",
            reason="empty",
        )
    if any(ch.isspace() for ch in raw):
        raise AddressError(
            "A server address cannot contain spaces. Please copy it from your browser's address bar.",
            reason="spaces",
        )
    scheme = "https"
    match = _SCHEME.match(raw)
    if match and (match.group(2) or match.group(1).lower() in _DEFAULT_PORTS):
        scheme = match.group(1).lower()
        if scheme not in _DEFAULT_PORTS:
            raise AddressError(
                f"Addresses starting with “{scheme}:” cannot be used. "
                "Please enter the address you open in your web browser (https://...).",
                reason="scheme",
                params={"scheme": scheme},
            )
        raw = raw[match.end() :]
        if not match.group(2):
            raw = raw.lstrip("/")
    elif "@" in raw.split("/", 1)[0] and "." in raw.split("@", 1)[1]:
        raise AddressError(
            "This looks like an e-mail address. Please enter the address of the Mattermost server instead "
            "(what your browser shows when you open Mattermost).",
            reason="email",
        )
    try:
        parts = urlsplit(f"{scheme}://{raw}")
    except ValueError as exc:  # e.g. an unclosed "[" of an IPv6 address
        raise AddressError("This does not look like a server address.", detail=str(exc)) from None
    host = _valid_host(parts)
    try:
        port = parts.port
    except ValueError as exc:
        raise AddressError(
            "The port number in this address is not valid.", detail=str(exc), reason="port"
        ) from None
    if port == 0:
        raise AddressError("The port number in this address is not valid.", reason="port")
    segments = [s for s in parts.path.split("/") if s and s != "."]
    return scheme, host, port, segments


def _valid_host(parts: SplitResult) -> str:
    try:
        host = parts.hostname or ""
    except ValueError:
        host = ""
    host = host.rstrip(".")
    if not host:
        raise AddressError(
            "The address has no server name. Please enter something like chat.example.org.", reason="no_host"
        )
    if ":" in host or host.replace(".", "").isdigit():
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise AddressError(
                f"“{host}” is not a valid IP address.", reason="bad_ip", params={"host": host}
            ) from None
        return host
    # Python's IDNA 2003 codec lets quotation marks through ("a«" becomes "xn--a-..."), and they are what
    # _parse strips around a paste: such a host would read differently once normalized again.
    if any(ch in _WRAPPING for ch in host):
        raise AddressError(f"“{host}” is not a valid server name.", reason="bad_name", params={"host": host})
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise AddressError(
            f"“{host}” is not a valid server name.", reason="bad_name", params={"host": host}
        ) from None
    if len(ascii_host) > 253 or not all(_HOST_LABEL.match(label) for label in ascii_host.split(".")):
        raise AddressError(f"“{host}” is not a valid server name.", reason="bad_name", params={"host": host})
    return host


def _server_path_length(segments: list[str]) -> int:
    """How many leading path parts belong to the server (a sub-path install), before the webapp's routes."""
    for i, segment in enumerate(segments):
        lowered = segment.lower()
        if lowered in _TOP_LEVEL_ROUTES or lowered.startswith("@"):
            return i
        if i + 1 < len(segments) and segments[i + 1].lower() in _TEAM_SUBROUTES:
            return i
    return len(segments)


def _join(scheme: str, host: str, port: int | None, segments: list[str]) -> str:
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = "".join(f"/{s}" for s in segments)
    return f"{scheme}://{netloc}{path}"
