"""Sign in through the system browser with Mattermost's desktop-token flow (docs/sign-in-flow.md).

What the server does (server/channels/web/oauth.go and saml.go, app/desktop_login.go, api4/user.go, 9.x
to 11.x): the client opens `<server>/oauth/<service>/login?desktop_token=<client token>` (SAML:
`/login/sso/saml?desktop_token=...`). The server carries the client token through the provider's sign-in
in the OAuth state (SAML: the RelayState) and, once the person is signed in, stores a new random server
token (64 characters, kept 3 minutes, valid once) and sends the browser to
`<server>/login/desktop?client_token=<client token>&server_token=<server token>`. That page tries to hand
over to the `mattermost://` scheme of Mattermost's own desktop app; we do not register that scheme, so the
person copies the page's address and gives it to us. `POST /api/v4/users/login/desktop_token` with
`{"token": <server token>}` then makes a new session whose token comes in the `Token` response header.

The server never checks the client token: only the client can, by comparing the `client_token` of the
address with the one it made. That check is what ties an address to this attempt, so it runs before the
exchange (an address from another attempt is never spent). The session is the program's own: it may be
signed out when the work is done, unlike a token copied from the browser.
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from mmexport.mattermost.client import Client
from mmexport.mattermost.errors import (
    BrowserSigninError,
    BrowserSigninMismatch,
    BrowserSigninOtherServer,
    BrowserSigninRefused,
    BrowserSigninTooOld,
    BrowserSigninUnreadable,
)

FIRST_MAJOR_VERSION = 9  # the exchange endpoint and /login/desktop came with 9.x (docs/sign-in-flow.md)
CLIENT_TOKEN_BYTES = 32  # the webapp's desktop_auth_token makes 32 random bytes as 64 hex digits
_MAX_ADDRESS = 4096
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ADDRESS = re.compile(r"(?:https?|mattermost(?:-dev)?)://[^\s\"'<>`]+", re.IGNORECASE)

# (config/client switch, provider key, entry path, config field with the server's own button text, name)
_PROVIDERS = (
    ("EnableSignUpWithGitLab", "gitlab", "/oauth/gitlab/login", "GitLabButtonText", "GitLab"),
    ("EnableSaml", "saml", "/login/sso/saml", "SamlLoginButtonText", "SAML"),
    ("EnableSignUpWithGoogle", "google", "/oauth/google/login", "", "Google"),
    ("EnableSignUpWithOffice365", "office365", "/oauth/office365/login", "", "Microsoft"),
    ("EnableSignUpWithOpenId", "openid", "/oauth/openid/login", "OpenIdButtonText", "OpenID"),
)


@dataclass(frozen=True)
class Provider:
    key: str  # "gitlab", "saml", "google", "office365", "openid"
    name: str  # what the server's own login button says ("GitLab", or the configured text)
    entry_path: str


def offered_providers(config: dict) -> list[Provider]:
    """The sign-in services a server offers, from its /api/v4/config/client (format=old: strings)."""
    found = []
    for switch, key, path, button_field, name in _PROVIDERS:
        if str(config.get(switch, "")).lower() == "true":
            button = str(config.get(button_field, "") or "").strip() if button_field else ""
            found.append(Provider(key, button or name, path))
    return found


def supports_browser_signin(server_version: str) -> bool:
    """Whether the server is new enough; an unknown version is given the benefit of the doubt."""
    match = re.match(r"\s*(\d+)\.", server_version or "")
    return match is None or int(match.group(1)) >= FIRST_MAJOR_VERSION


def new_client_token() -> str:
    return secrets.token_hex(CLIENT_TOKEN_BYTES)


@dataclass(frozen=True)
class FinalAddress:
    """What we read from the address the person copied."""

    scheme: str  # "https", "http", or "mattermost" when the page's hand-over was copied
    host: str  # host name, lower case
    port: int | None  # None: the scheme's default
    path: str  # the server's sub-path (if any) and the page, e.g. "/mattermost/login/desktop"
    query: dict[str, str]


@dataclass(frozen=True)
class BrowserSignin:
    """One attempt: made when the person clicks the button, checked against the address they bring back."""

    server_url: str
    provider: Provider
    client_token: str = field(default_factory=new_client_token)

    def entry_url(self) -> str:
        return (
            f"{self.server_url}{self.provider.entry_path}?{urlencode({'desktop_token': self.client_token})}"
        )

    def server_token_from(self, text: str) -> str:
        """The server token in the copied final address, after checking it belongs to this attempt."""
        address = read_final_address(text)
        _raise_for_provider_error(address)
        if not _same_server(address, self.server_url):
            raise BrowserSigninOtherServer(
                f"This address belongs to {_place(address)}, not to {urlsplit(self.server_url).netloc}. "
                "Please copy the address of the page that opened after signing in to your own server.",
                detail=f"final address host {address.host} for {self.server_url}",
            )
        if not address.path.endswith("/login/desktop"):
            raise _unreadable_for(address)
        server_token = address.query.get("server_token", "")
        client_token = address.query.get("client_token", "")
        if not server_token:
            raise BrowserSigninUnreadable(detail="final address without server_token")
        if not secrets.compare_digest(client_token.encode(), self.client_token.encode()):
            raise BrowserSigninMismatch(detail="client_token of the address is not this attempt's")
        return server_token


def read_final_address(text: str) -> FinalAddress:
    """The first web (or mattermost://) address in what was pasted; BrowserSigninUnreadable if none."""
    text = (text or "").strip()
    if len(text) > _MAX_ADDRESS:
        raise BrowserSigninUnreadable("This is far too long to be the address of the sign-in page.")
    match = _ADDRESS.search(text)
    if match is None:
        raise BrowserSigninUnreadable()
    parts = urlsplit(match.group(0).rstrip(".,;)"))
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    try:
        port = parts.port
    except ValueError:
        raise BrowserSigninUnreadable(detail="final address with a bad port") from None
    return FinalAddress(
        parts.scheme.lower(), (parts.hostname or "").lower(), port, parts.path.rstrip("/"), query
    )


def masked(text: str) -> str:
    """The address as it may stay on screen: the server token (a credential for three minutes) hidden."""
    return re.sub(r"(server_token=)[^&#\s]+", r"\1•••", text)


def looks_like_sign_in_outcome(text: str) -> bool:
    """Whether text is the final page's address or the server's error page (for the wizard to pick up a
    copied address by itself)."""
    if not text or len(text) > _MAX_ADDRESS:
        return False
    try:
        address = read_final_address(text)
    except BrowserSigninUnreadable:
        return False
    final = address.path.endswith("/login/desktop") and "server_token" in address.query
    return final or (address.path.endswith("/error") and "type" in address.query)


def exchange(
    server_url: str, server_token: str, *, cancel: threading.Event | None = None
) -> tuple[Client, dict]:
    """A new session of our own for the server token: (signed-in Client, the user). Runs in a worker."""

    client = Client(server_url, cancel=cancel)
    user = client.login_with_desktop_token(server_token)
    return client, user


def _same_server(address: FinalAddress, server_url: str) -> bool:
    """Same host and port, and the page lies under the server's sub-path.

    The scheme is not compared: the hand-over address is `mattermost://host/...` for an https server too."""
    server = urlsplit(server_url)
    default = _DEFAULT_PORTS.get(server.scheme)
    address_default = _DEFAULT_PORTS.get(address.scheme, default)
    same_host = address.host == (server.hostname or "").lower()
    same_port = (address.port or address_default) == (server.port or default)
    return same_host and same_port and (address.path + "/").startswith(server.path.rstrip("/") + "/")


def _place(address: FinalAddress) -> str:
    return f"{address.host}:{address.port}" if address.port else address.host


def _raise_for_provider_error(address: FinalAddress) -> None:
    """The server's error page (/error?type=oauth_access_denied ...) or a provider's `error=` parameter."""
    error = address.query.get("error") or (
        address.query.get("type") if address.path.endswith("/error") else ""
    )
    if not error and not address.path.endswith("/error"):
        return
    said = address.query.get("error_description") or address.query.get("message") or ""
    service = address.query.get("service", "")
    where = f" at {service}" if service else ""
    if error in ("oauth_access_denied", "access_denied"):
        message = f"The sign-in{where} was cancelled or the access was not allowed. Please try again."
    else:
        message = f"The sign-in{where} failed ({said or error or 'the server showed an error page'})."
    raise BrowserSigninRefused(message, detail=f"error page {address.path}: {error} {said}"[:300])


def _unreadable_for(address: FinalAddress) -> BrowserSigninError:
    if address.query.get("desktopAuthStatus") == "complete":
        # The first form of the flow (9.x, migration 000110): the app polled instead of exchanging.
        return BrowserSigninTooOld(
            "This server uses an early form of the browser sign-in that the assistant cannot use. Copy the "
            "sign-in from your browser's developer tools instead.",
            detail="final address /login?desktopAuthStatus=complete (polling flow)",
        )
    return BrowserSigninUnreadable(detail=f"final address path {address.path}")
