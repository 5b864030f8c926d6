"""Errors of the Mattermost client, each with a sentence people can read and a detail for the log.

`message` is shown to users (plain words, no jargon where avoidable); `detail` goes to the log. Both go
through the log's redaction when the error is made: a server or proxy that echoes the Authorization header
in its error message must not carry the token into the archive, the screen or a report (docs/security.md).
The GUI and the CLI map the subclasses to their own texts and exit codes.
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
    ) -> None:
        self.message = redact(message or self.default_message)
        self.detail = redact(detail)
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


class NotReachable(MattermostError):
    default_message = "The server could not be reached."


class TlsError(MattermostError):
    default_message = "The server's security certificate could not be checked."


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
