"""Every plain-language error text of the wizard in one place, translatable, plus small number formatters.

The client's errors carry an English sentence (`message`) and a technical `detail` for the log; here each
error class becomes a translatable headline and a way forward. The client's own sentence is shown below it
as a detail, because it names the specific cause (which certificate problem, which part of an address).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale

from mmexport.exporting.events import Text
from mmexport.mattermost import errors

# pyside6-lupdate finds translate("context", "text") calls by this name; a wrapper would hide them.
translate = QCoreApplication.translate


class OtherPerson(errors.SignInExpired):
    """A fresh sign-in that belongs to someone else than the one the export started with."""


@dataclass(frozen=True)
class Problem:
    headline: str
    way_forward: str
    detail: str = ""

    def as_html(self) -> str:
        from html import escape

        from mmexport.gui.pages.base import muted

        parts = [f"<b>{escape(self.headline)}</b>", escape(self.way_forward)]
        if self.detail and self.detail not in (self.headline, self.way_forward):
            parts.append(muted(escape(self.detail)))
        return "<br>".join(p for p in parts if p)


def describe_error(exc: BaseException, *, during: str = "") -> Problem:
    """A headline and a way forward for any error that can reach a person.

    The client's own sentence (the detail) is English; it is shown only when the program speaks English,
    and it is in the log either way."""
    detail = getattr(exc, "message", "") or ""
    if isinstance(exc, OSError):
        detail = str(exc)
    elif not detail and not isinstance(exc, errors.MattermostError):
        detail = type(exc).__name__
    if not speaks_english():
        detail = ""
    return describe_error_kind(type(exc), detail)


def speaks_english() -> bool:
    return QLocale().language() in (QLocale.Language.English, QLocale.Language.C)


def describe_error_kind(kind: type[BaseException], detail: str = "") -> Problem:
    """The same for an error class alone (engine texts name the class of the error they met)."""

    if issubclass(kind, OtherPerson):
        return Problem(
            translate("messages", "This sign-in belongs to another person."),
            translate("messages", "Please sign in with the same account as before."),
        )
    if issubclass(kind, errors.BrowserSigninError):
        return _browser_signin_problem(kind, detail)
    if issubclass(kind, errors.AddressError):
        return Problem(
            translate("messages", "This does not look like a server address."),
            translate(
                "messages",
                "Copy the address from your browser's address bar while Mattermost is open, for example "
                "chat.example.org.",
            ),
            detail,
        )
    if issubclass(kind, errors.TlsError):
        return Problem(
            translate("messages", "The server's security certificate could not be checked."),
            translate(
                "messages",
                "If your organisation uses its own certificates, ask your IT department to install them on "
                "this computer. Check also that the address is spelled exactly as in your browser.",
            ),
            detail,
        )
    if issubclass(kind, errors.NotMattermost):
        return Problem(
            translate("messages", "This address answers, but it is not a Mattermost server."),
            translate(
                "messages",
                "Check the address for typing mistakes. If your organisation's network shows its own login page "
                "first, open the address in your browser, sign in there, and try again.",
            ),
            detail,
        )
    if issubclass(kind, errors.NotReachable):
        return Problem(
            translate("messages", "The server could not be reached."),
            translate(
                "messages",
                "Check the address for typing mistakes and that this computer is online. Some servers can only "
                "be reached from inside your organisation's network or through its VPN.",
            ),
            detail,
        )
    if issubclass(kind, errors.SigninParseError):
        return Problem(
            translate("messages", "No sign-in was found in what you pasted."),
            translate(
                "messages",
                'Follow the steps below and copy the whole value, or the whole "Copy as cURL" text.',
            ),
            detail,
        )
    if issubclass(kind, errors.SignInExpired):
        return Problem(
            translate("messages", "The server did not accept this sign-in."),
            translate(
                "messages",
                "It may have expired, or you signed out in the browser. Sign in again in your browser, then "
                "copy a fresh value.",
            ),
            detail,
        )
    if issubclass(kind, errors.MfaRequired):
        return Problem(
            translate("messages", "This account needs a code from your authenticator app."),
            translate("messages", "Enter the six-digit code and sign in again."),
        )
    if issubclass(kind, errors.LoginFailed):
        return Problem(
            translate("messages", "The user name or password is wrong."),
            translate(
                "messages",
                "Many servers sign in through GitLab or another service and have no Mattermost password. "
                'Then use "Copy from your browser" instead.',
            ),
            detail,
        )
    if issubclass(kind, errors.Forbidden):
        return Problem(
            translate("messages", "The server does not allow this."),
            translate("messages", "Your account may not have access."),
            detail,
        )
    if issubclass(kind, errors.RateLimited | errors.ServerError):
        return Problem(
            translate("messages", "The server is busy or has a problem."),
            translate("messages", "Please try again in a few minutes."),
            detail,
        )
    if issubclass(kind, errors.MattermostError):
        return Problem(
            translate("messages", "Something went wrong while talking to the server."),
            translate("messages", "Please try again."),
            detail,
        )
    if issubclass(kind, OSError):
        return Problem(
            translate("messages", "The computer could not read or write a file."),
            translate(
                "messages",
                "Check that the folder exists, that you may write to it and that the disk is not full.",
            ),
            detail,
        )
    return Problem(
        translate("messages", "Something unexpected went wrong."),
        translate("messages", "Please try again. If it happens again, the log file helps us find the cause."),
        detail,
    )


def format_count(n: int) -> str:
    return QLocale().toString(int(n))


def format_size(num_bytes: float) -> str:
    return QLocale().formattedDataSize(int(max(0, num_bytes)), 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def format_duration(seconds: float | None) -> str:
    """ "about 3 minutes" style; exact seconds would only jitter."""
    if seconds is None:
        return translate("messages", "unknown")
    seconds = max(0, int(seconds))
    if seconds < 60:
        return translate("messages", "less than a minute")
    minutes = round(seconds / 60)
    if minutes == 1:
        return translate("messages", "about 1 minute")
    if minutes < 60:
        return translate("messages", "about %1 minutes").replace("%1", str(minutes))
    hours = seconds // 3600
    rest = round((seconds % 3600) / 60)
    if rest == 0 and hours == 1:
        return translate("messages", "about 1 hour")
    if rest == 0:
        return translate("messages", "about %1 hours").replace("%1", str(hours))
    return translate("messages", "about %1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))


def error_reason(kind: str, english: str) -> str:
    """The translated headline for a client error class named by the engine, else its English sentence."""
    cls = getattr(errors, kind, None) or getattr(builtins, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, BaseException)) or speaks_english():
        return english
    return describe_error_kind(cls).headline


def translate_text(text: Text | None, english: str = "") -> str:
    """An engine text in the interface language ("Engine" context in the .ts file), values filled in."""
    if text is None:
        return english
    params = dict(text.params)
    if text.error_kind and "reason" in params:
        params["reason"] = error_reason(text.error_kind, str(params["reason"]))
    template = translate("Engine", text.template) if text.template else ""
    try:
        return template.format(**params) if template else english
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: English is better
        return english or str(text)


def wait_reason(kind: str, reason: str) -> str:
    """Why the export waits before its next try, in the interface language."""
    if kind != "wait":
        return error_reason(kind, reason)
    reasons = {
        "connection dropped": translate("messages", "The connection was interrupted."),
        "connection problem": translate("messages", "The server could not be reached."),
        "rate limit": translate("messages", "The server asked to slow down."),
        "server error": translate("messages", "The server has a temporary problem."),
    }
    return reasons.get(reason, "" if not speaks_english() else reason)


def _browser_signin_problem(kind: type[BaseException], detail: str) -> Problem:
    """The sign-in through the browser (gui/browser_signin.py): what went wrong and what to do now."""
    again = translate("messages", 'Click "Sign in with …" again and copy the address of the last page.')
    if issubclass(kind, errors.BrowserSigninTooOld):
        return Problem(
            translate("messages", "This server is too old for signing in through the browser."),
            translate(
                "messages",
                'Use "Other ways to sign in": copy the sign-in from your browser\'s developer tools.',
            ),
            detail,
        )
    if issubclass(kind, errors.BrowserSigninRefused):
        return Problem(
            translate("messages", "The sign-in in the browser was cancelled or refused."),
            translate("messages", "Please try again and allow the access when the sign-in page asks."),
            detail,
        )
    if issubclass(kind, errors.BrowserSigninExpired):
        return Problem(
            translate("messages", "This sign-in address has expired or was used already."),
            translate("messages", "It is valid once, for three minutes.") + " " + again,
            detail,
        )
    if issubclass(kind, errors.BrowserSigninOtherServer):
        return Problem(
            translate("messages", "This address belongs to a different server."),
            translate("messages", "Copy the address from the browser window that opened for your server."),
            detail,
        )
    if issubclass(kind, errors.BrowserSigninMismatch):
        return Problem(
            translate("messages", "This address belongs to a different sign-in attempt."),
            translate("messages", "It may be from an earlier attempt or from another program.") + " " + again,
            detail,
        )
    return Problem(
        translate("messages", "This is not the address of the last page."),
        translate(
            "messages",
            'After signing in, the browser shows "You are now logged in". Copy the address of that page.',
        ),
        detail,
    )
