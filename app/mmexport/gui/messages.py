"""Every plain-language error text of the wizard in one place, translatable, plus small number formatters.

The client's errors carry an English sentence (`message`) for the CLI and the log, and the facts behind it
(`reason`, `params`: which certificate problem, which host and port). Here each error class and reason
becomes a translatable headline and a way forward in the interface language, naming the address or value
concerned, so that German speakers read the cause as specifically as English speakers do.
"""

from __future__ import annotations

import builtins
import errno
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject

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

    def plain(self) -> str:
        return " ".join(p for p in (self.headline, self.way_forward, self.detail) if p)


def fill(template: str, **values: Any) -> str:
    """A translated template with its {named} values; a translation with a broken placeholder stays readable."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def describe_error(exc: BaseException, *, server: str = "") -> Problem:
    """A headline and a way forward for any error that can reach a person, in the interface language.

    `server` is the address the failed step was about, for errors that do not name one themselves."""
    if isinstance(exc, OSError):
        return _describe_os_error(exc)
    params = dict(getattr(exc, "params", None) or {})
    if server and not params.get("server"):
        params["server"] = server
    problem = describe_error_kind(type(exc), reason=str(getattr(exc, "reason", "") or ""), params=params)
    if isinstance(exc, errors.MattermostError) or not speaks_english():
        return problem
    return Problem(problem.headline, problem.way_forward, type(exc).__name__)  # a bug: its name helps us


def speaks_english() -> bool:
    return QLocale().language() in (QLocale.Language.English, QLocale.Language.C)


def describe_error_kind(
    kind: type[BaseException], detail: str = "", *, reason: str = "", params: dict[str, Any] | None = None
) -> Problem:
    """The same for an error class (engine texts name only the class of the error they met)."""
    facts = dict(params or {})
    for describe in _DESCRIBERS:
        problem = describe(kind, reason, facts)
        if problem is not None:
            return Problem(problem.headline, problem.way_forward, problem.detail or detail)
    return Problem(
        translate("messages", "Something unexpected went wrong."),
        translate("messages", "Please try again. If it happens again, the log file helps us find the cause."),
        detail,
    )


# ---- one describer per family of errors: (class, reason, facts) -> Problem, or None when not theirs ----


def _browser(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    if not issubclass(kind, errors.BrowserSigninError):
        return None
    return _browser_signin_problem(kind, "")


def _address(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    if not issubclass(kind, errors.AddressError):
        return None
    headline = translate("messages", "This does not look like a server address.")
    way = translate(
        "messages",
        "Copy the address from your browser's address bar while Mattermost is open, for example "
        "chat.example.org.",
    )
    details = {
        "empty": translate("messages", "The address is empty."),
        "spaces": translate("messages", "A server address cannot contain spaces."),
        "scheme": fill(
            translate(
                "messages", "Addresses starting with “{scheme}:” cannot be used; use https:// or http://."
            ),
            scheme=facts.get("scheme", ""),
        ),
        "email": translate("messages", "This is an e-mail address, not the address of a server."),
        "port": translate("messages", "The port number (the part after the colon) is not valid."),
        "no_host": translate("messages", "The address has no server name."),
        "bad_ip": fill(
            translate("messages", "“{host}” is not a valid IP address."), host=facts.get("host", "")
        ),
        "bad_name": fill(
            translate("messages", "“{host}” is not a valid server name."), host=facts.get("host", "")
        ),
    }
    return Problem(headline, way, details.get(reason, ""))


def _connection(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    host = str(facts.get("host") or facts.get("server") or "")
    if issubclass(kind, errors.HttpsNotSpoken) and host:
        return Problem(
            fill(
                translate("messages", "{host} answers without encryption (http://), not with https://."),
                host=host,
            ),
            fill(
                translate(
                    "messages",
                    "An address typed without http:// or https:// is tried with https://. If your browser "
                    "opens Mattermost at http://{host}, type the address that way.",
                ),
                host=host,
            ),
        )
    if issubclass(kind, errors.TlsError):
        return _tls(reason, facts)
    if issubclass(kind, errors.HostNotFound) and host:
        return Problem(
            fill(
                translate("messages", "The name “{name}” was not found – a typing mistake?"),
                name=facts.get("name") or host,
            ),
            translate(
                "messages",
                "Compare it letter by letter with your browser's address bar. If it is right, this computer "
                "may need your organisation's network or VPN to find it.",
            ),
        )
    if issubclass(kind, errors.ConnectionRefused) and host:
        return Problem(
            fill(
                translate("messages", "{name} does not answer on port {port}."),
                name=facts.get("name") or host,
                port=facts.get("port", ""),
            ),
            translate(
                "messages",
                "The computer is there, but nothing accepts connections on this port. Check the port number "
                "(the part after the colon) against your browser's address bar; otherwise the server may be "
                "down.",
            ),
        )
    if not issubclass(kind, errors.NotReachable):
        return None
    if reason == "connect_timeout" and host:
        return Problem(
            fill(translate("messages", "{host} did not answer in time."), host=host),
            translate(
                "messages",
                "It may be down, or it can only be reached from inside your organisation's network or "
                "through its VPN.",
            ),
        )
    if reason == "read_timeout" and host:
        return Problem(
            fill(translate("messages", "{host} stopped answering."), host=host),
            translate("messages", "The server may be very busy. Please try again in a few minutes."),
        )
    if host:
        return Problem(
            fill(translate("messages", "The connection to {host} was interrupted."), host=host),
            translate("messages", "Check that this computer is online, then try again."),
        )
    return Problem(
        translate("messages", "The server could not be reached."),
        translate(
            "messages",
            "Check the address for typing mistakes and that this computer is online. Some servers can only "
            "be reached from inside your organisation's network or through its VPN.",
        ),
    )


def _tls(reason: str, facts: dict) -> Problem:
    host = str(facts.get("host") or "")
    name = str(facts.get("name") or host)
    headline = (
        fill(translate("messages", "The security certificate of {host} cannot be trusted."), host=host)
        if host
        else translate("messages", "The server's security certificate could not be checked.")
    )
    own_ca = translate(
        "messages",
        "If your organisation uses its own certificates, ask your IT department to install its root "
        "certificate on this computer.",
    )
    ways = {
        "self_signed": translate("messages", "It is self-signed.") + " " + own_ca,
        "unknown_issuer": translate("messages", "It was issued by an unknown certificate authority.")
        + " "
        + own_ca,
        "expired": translate(
            "messages", "It has expired. The server's administrators need to renew it; tell them."
        ),
        "not_yet_valid": translate(
            "messages", "It is not valid yet. Check that this computer's date and time are right."
        ),
        "wrong_name": fill(
            translate(
                "messages",
                "It was issued for another server name than {name}. Check that the address is spelled "
                "exactly as in your browser.",
            ),
            name=name,
        ),
    }
    default = translate(
        "messages",
        "If your organisation uses its own certificates, ask your IT department to install them on "
        "this computer. Check also that the address is spelled exactly as in your browser.",
    )
    if reason == "wrong_name" and not name:
        return Problem(headline, default)
    return Problem(headline, ways.get(reason, default))


def _not_mattermost(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    if not issubclass(kind, errors.NotMattermost):
        return None
    server = str(facts.get("server") or "")
    headline = (
        fill(translate("messages", "{server} answers, but it is not a Mattermost server."), server=server)
        if server
        else translate("messages", "This address answers, but it is not a Mattermost server.")
    )
    ways = {
        "no_api": translate(
            "messages",
            "If Mattermost lives under a sub-path (like example.org/mattermost), include it in the address.",
        ),
        "web_page": translate(
            "messages",
            "It answers with a web page, perhaps the sign-in page of a proxy or VPN. Open the address in "
            "your browser, sign in there, and try again.",
        ),
    }
    default = translate(
        "messages",
        "Check the address for typing mistakes. If your organisation's network shows its own login page "
        "first, open the address in your browser, sign in there, and try again.",
    )
    return Problem(headline, ways.get(reason, default))


def _pasted(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    if issubclass(kind, errors.WrongCookie):
        cookies = ", ".join(facts.get("cookies") or [])
        return Problem(
            fill(translate("messages", "This is the wrong cookie ({cookies})."), cookies=cookies)
            if cookies
            else translate("messages", "These are cookies, but not the sign-in cookie."),
            translate(
                "messages",
                "The sign-in is in the cookie named MMAUTHTOKEN. In the list of cookies, click the row "
                "MMAUTHTOKEN and copy its value (26 letters and digits).",
            ),
        )
    if not issubclass(kind, errors.SigninParseError):
        return None
    length, expected = facts.get("length", 0), facts.get("expected", 26)
    problems = {
        "empty": (
            translate("messages", "Nothing was pasted."),
            translate(
                "messages", 'Copy the value of MMAUTHTOKEN or a request "as cURL" first, then paste it.'
            ),
        ),
        "too_long": (
            translate("messages", "This is far too long to be a sign-in."),
            translate("messages", 'Copy only the value of the cookie MMAUTHTOKEN, or one request "as cURL".'),
        ),
        "request_without_token": (
            translate("messages", "This copied request holds no sign-in."),
            translate(
                "messages",
                "Copy a request whose address contains /api/v4/ while you are signed in to Mattermost.",
            ),
        ),
        "empty_token": (
            translate("messages", "The MMAUTHTOKEN cookie is empty."),
            translate("messages", "Sign in to Mattermost in your browser again, then copy it anew."),
        ),
        "too_short": (
            fill(
                translate("messages", "This value has {length} characters; the MMAUTHTOKEN has {expected}."),
                length=length,
                expected=expected,
            ),
            translate(
                "messages",
                "Part of it is missing, or it is the value of another cookie (MMCSRF or MMUSERID). Copy the "
                "whole value in the row MMAUTHTOKEN.",
            ),
        ),
        "too_long_token": (
            fill(
                translate("messages", "This value has {length} characters; the MMAUTHTOKEN has {expected}."),
                length=length,
                expected=expected,
            ),
            translate(
                "messages", "Something extra was copied with it. Copy only the value in the row MMAUTHTOKEN."
            ),
        ),
        "not_token_shape": (
            translate("messages", "This does not look like a sign-in token."),
            fill(
                translate(
                    "messages",
                    "The value of MMAUTHTOKEN is {expected} small letters and digits. Copy the value in the "
                    "row MMAUTHTOKEN.",
                ),
                expected=expected,
            ),
        ),
    }
    headline, way = problems.get(
        reason,
        (
            translate("messages", "No sign-in was found in what you pasted."),
            translate(
                "messages",
                'Follow the steps above and copy the value of MMAUTHTOKEN, or the whole "Copy as cURL" text.',
            ),
        ),
    )
    return Problem(headline, way)


def _account(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    server = str(facts.get("server") or "")
    if issubclass(kind, OtherPerson):
        return Problem(
            translate("messages", "This sign-in belongs to another person."),
            translate("messages", "Please sign in with the same account as before."),
        )
    if issubclass(kind, errors.SignInExpired):
        return Problem(
            fill(translate("messages", "{server} did not accept this sign-in."), server=server)
            if server
            else translate("messages", "The server did not accept this sign-in."),
            translate(
                "messages",
                "It may have expired or you signed out in the browser, or the value is from another cookie "
                "(MMCSRF or MMUSERID). Sign in again in your browser, then copy the value of MMAUTHTOKEN anew.",
            ),
        )
    if issubclass(kind, errors.MfaRequired):
        if reason == "wrong_code":
            return Problem(
                translate("messages", "The code from your authenticator app is wrong or has expired."),
                translate("messages", "Enter the newest six-digit code and sign in again."),
            )
        return Problem(
            translate("messages", "This account needs a code from your authenticator app."),
            translate("messages", "Enter the six-digit code and sign in again."),
        )
    if issubclass(kind, errors.LoginFailed):
        if reason == "deactivated":
            return Problem(
                translate("messages", "This account has been deactivated."),
                translate("messages", "Ask the administrators of the server to activate it again."),
            )
        return Problem(
            translate("messages", "This account has no password here.")
            if reason == "auth_service"
            else translate("messages", "The user name or password is wrong."),
            translate(
                "messages",
                "Many servers sign in through GitLab or another service and have no Mattermost password. "
                'Then use "Copy from your browser" instead.',
            ),
        )
    if issubclass(kind, errors.Forbidden):
        return Problem(
            translate("messages", "The server does not allow this."),
            translate("messages", "Your account may not have access."),
        )
    return None


def _server_state(kind: type[BaseException], reason: str, facts: dict) -> Problem | None:
    if issubclass(kind, errors.RateLimited):
        return Problem(
            translate("messages", "The server asks us to slow down."),
            translate(
                "messages", "It limits how many requests it takes. Please wait a minute and try again."
            ),
        )
    if issubclass(kind, errors.ServerError):
        return Problem(
            translate("messages", "The server has a problem."),
            translate("messages", "Please try again in a few minutes."),
        )
    if issubclass(kind, errors.MattermostError):
        if reason == "switched_off":
            return Problem(
                translate("messages", "This feature is switched off on the server."),
                translate("messages", "Ask the administrators of the server, or leave this step out."),
            )
        return Problem(
            translate("messages", "Something went wrong while talking to the server."),
            translate("messages", "Please try again."),
        )
    if issubclass(kind, OSError):  # the engine names only the class
        return _describe_os_error(OSError(_ERRNO_OF_CLASS.get(kind, 0), ""))
    return None


_ERRNO_OF_CLASS: dict[type, int] = {PermissionError: errno.EACCES, FileNotFoundError: errno.ENOENT}
_DESCRIBERS = (_browser, _address, _connection, _not_mattermost, _pasted, _account, _server_state)


def _describe_os_error(exc: OSError) -> Problem:
    """Files and folders: what went wrong in the interface language (never the system's English text)."""
    where = str(exc.filename or "")
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        headline = translate("messages", "This program may not write here.")
        way = translate(
            "messages", "Choose a folder of your own, for example in Documents, or ask for access."
        )
    elif code == errno.ENOSPC:
        headline = translate("messages", "The disk is full.")
        way = translate("messages", "Free some space or choose a folder on another drive, then continue.")
    elif code == errno.EROFS:
        headline = translate("messages", "This drive can only be read, not written.")
        way = translate("messages", "Choose a folder on another drive.")
    elif code == errno.ENOENT:
        headline = translate("messages", "This file or folder does not exist (any more).")
        way = translate("messages", "Check that the drive is connected, or choose another folder.")
    else:
        headline = translate("messages", "The computer could not read or write a file.")
        way = translate(
            "messages",
            "Check that the folder exists, that you may write to it and that the disk is not full.",
        )
    return Problem(headline, way, where)


def format_count(n: int) -> str:
    return QLocale().toString(int(n))


class Counts(QObject):
    """Counted things in the interface language, with plural forms ("1 file", "36 files") and the number
    format of the language (%Ln: 1.634). A QObject because lupdate finds plural forms only in tr()."""

    def messages(self, n: int) -> str:
        return self.tr("%Ln message(s)", "", n)

    def files(self, n: int) -> str:
        return self.tr("%Ln file(s)", "", n)

    def chats(self, n: int) -> str:
        return self.tr("%Ln chat(s)", "", n)

    def messages_and_files(self, messages: int, files: int) -> str:
        return self.tr("%1, %2").replace("%1", self.messages(messages)).replace("%2", self.files(files))


def messages_and_files(messages: int, files: int) -> str:
    """ "36 messages, 1 file" """
    return Counts().messages_and_files(messages, files)


def chats_count(n: int) -> str:
    return Counts().chats(n)


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
