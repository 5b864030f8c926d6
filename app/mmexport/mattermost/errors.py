"""Errors of the Mattermost client, each with a sentence people can read and a detail for the log.

`message` is shown to users (plain words, no jargon where avoidable); `detail` goes to the log. Both go
through the log's redaction when the error is made: a server or proxy that echoes the Authorization header
in its error message must not carry the token into the archive, the screen or a report (docs/security.md).
The GUI and the CLI map the subclasses to their own texts and exit codes.

`message` is English. A front end that speaks another language cannot translate a finished sentence, so
an error also carries `reason` (a short code naming the specific cause, such as "expired" for a
certificate) and `params` (the values a sentence about it needs: the host, the port, a length); the GUI
phrases each (class, reason) in its own catalog.
"""

from __future__ import annotations

from typing import Any

from mmexport.logsetup import redact


class MattermostError(Exception):
    """Base class: something went wrong talking to (or preparing to talk to) a Mattermost server."""

    default_message = "Something went wrong while talking to the Mattermost server."

    def __init__(
        self,
        message: str | None = None,
        *,
        detail: str = "",
        status: int | None = None,
        server_error_id: str | None = None,
        reason: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        self.message = redact(message or self.default_message)
        self.detail = redact(detail)
        self.reason = reason
        self.params = {k: redact(v) if isinstance(v, str) else v for k, v in (params or {}).items()}
        self.status = status
        self.server_error_id = server_error_id
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        parts = [repr(self.message)]
        if self.status is not None:
            parts.append(f"status={self.status}")
        if self.server_error_id:
            parts.append(f"server_error_id={self.server_error_id!r}")
        if self.detail:
            parts.append(f"detail={self.detail!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


class AddressError(MattermostError):
    default_message = "This does not look like a server address."


class SigninParseError(MattermostError):
    default_message = "No sign-in token was found in what you pasted."


class WrongCookie(SigninParseError):
    """Cookies were pasted, but not MMAUTHTOKEN (MMCSRF and MMUSERID sit right next to it)."""

    default_message = "These are other cookies; the sign-in is in the cookie named MMAUTHTOKEN."


class NotReachable(MattermostError):
    default_message = "The server could not be reached."


class HostNotFound(NotReachable):
    """The name does not resolve (DNS): most often a typing mistake, else a name only known inside a VPN."""

    default_message = "The server name could not be found."


class ConnectionRefused(NotReachable):
    """The host exists but nothing listens on that port: a wrong port, or the server is down."""

    default_message = "The server refused the connection."


class TlsError(MattermostError):
    default_message = "The server's security certificate could not be checked."


class HttpsNotSpoken(TlsError):
    """An https:// request reached a server that answers plain HTTP (an address typed without http://)."""

    default_message = "The server does not speak HTTPS on this port."


class NotMattermost(MattermostError):
    default_message = "The address answers, but it is not a Mattermost server."


class SignInExpired(MattermostError):
    default_message = "The sign-in is no longer valid (expired or signed out). Please sign in again."


class MfaRequired(MattermostError):
    default_message = "This account needs a code from your authenticator app (multi-factor authentication)."


class LoginFailed(MattermostError):
    default_message = "The user name or password is wrong."


class Forbidden(MattermostError):
    default_message = "The server does not allow you to read this."


class NotFound(MattermostError):
    default_message = "The server does not have this (it may have been deleted)."


class RateLimited(MattermostError):
    default_message = "The server kept asking us to slow down. Please try again later."


class ServerError(MattermostError):
    default_message = "The server had a problem and kept failing. Please try again later."


class Cancelled(MattermostError):
    default_message = "Cancelled."


# ---- hostile or broken servers (issue 12, docs/security.md) ----


class UnexpectedAnswer(NotMattermost):
    default_message = (
        "The server answered something unexpected. It may not be a Mattermost server, or something "
        "between (a proxy or filter) changed its answer."
    )


class TooLarge(NotMattermost):
    default_message = (
        "The server sent an answer far larger than any Mattermost answer; it was not read. It may not be "
        "a Mattermost server, or something between (a proxy) changed its answer."
    )


class TooSlow(NotReachable):
    default_message = "The server is answering far too slowly."


class RedirectLoop(NotMattermost):
    default_message = (
        "The server keeps sending us on to other addresses in a circle (a redirect loop). Its setup is "
        "broken; please tell its administrators."
    )


class InsecureRedirect(TlsError):
    default_message = (
        "The server wanted to continue over an unencrypted connection (from https:// to http://). This "
        "was refused: the sign-in would travel unprotected. Please tell the server's administrators."
    )


class OtherOrigin(NotMattermost):
    """A redirect to another server: the token is never sent there, and a file from there is not trusted."""

    def __init__(self, where: str, message: str | None = None, **kwargs: Any) -> None:
        self.where = where
        super().__init__(
            message or f"the server sent it from another address ({where}), so it was not trusted", **kwargs
        )

    @classmethod
    def for_api(cls, where: str, **kwargs: Any) -> OtherOrigin:
        return cls(
            where,
            f"The server sends us on to another address ({where}). The sign-in is never sent there; if "
            "that is the right server, use that address instead.",
            **kwargs,
        )


class IncompleteFile(MattermostError):
    """A download whose size differs from what the server announced, also after fetching it again."""

    def __init__(self, *, size: int, expected: int | None, **kwargs: Any) -> None:
        self.size = size
        self.expected = expected
        super().__init__(
            f"it arrived incomplete ({size:,} of {expected:,} bytes), also when fetched again"
            if expected is not None and size < expected
            else f"it arrived larger than the server announced ({expected:,} bytes)",
            **kwargs,
        )


# ---- sign-in through the browser (the desktop-token flow, mattermost/desktop_login.py) ----


class BrowserSigninError(MattermostError):
    default_message = "The sign-in through the browser did not work. Please try again."


class BrowserSigninTooOld(BrowserSigninError):
    default_message = (
        "This Mattermost server is too old for signing in through the browser (it needs Mattermost 9 or "
        "newer). Copy the sign-in from your browser's developer tools instead."
    )


class BrowserSigninRefused(BrowserSigninError):
    default_message = (
        "The sign-in page refused the sign-in or it was cancelled. Please try again, and choose to allow "
        "the access."
    )


class BrowserSigninExpired(BrowserSigninError):
    default_message = (
        "This sign-in address has expired or was used already (it is valid once, for three minutes). "
        "Please sign in through the browser again."
    )


class BrowserSigninOtherServer(BrowserSigninError):
    default_message = "This address belongs to a different server than the one you chose."


class BrowserSigninMismatch(BrowserSigninError):
    default_message = (
        "This address belongs to a different sign-in attempt (an older one, or another program's). "
        "Please sign in through the browser again from here."
    )


class BrowserSigninUnreadable(BrowserSigninError):
    default_message = (
        'This is not the address of the final page. After signing in, the browser shows "You are now '
        'logged in": copy the address of that page.'
    )
