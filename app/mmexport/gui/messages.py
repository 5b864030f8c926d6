"""Every plain-language error text of the wizard in one place, translatable, plus small number formatters.

The client's errors carry an English sentence (`message`) and a technical `detail` for the log; here each
error class becomes a translatable headline and a way forward. The client's own sentence is shown below it
as a detail, because it names the specific cause (which certificate problem, which part of an address).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale

from mmexport.mattermost import errors


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("messages", text, disambiguation, n)


@dataclass(frozen=True)
class Problem:
    headline: str
    way_forward: str
    detail: str = ""

    def as_html(self) -> str:
        from html import escape

        parts = [f"<b>{escape(self.headline)}</b>", escape(self.way_forward)]
        if self.detail and self.detail not in (self.headline, self.way_forward):
            parts.append(f"<span style='color:#555'>{escape(self.detail)}</span>")
        return "<br>".join(p for p in parts if p)


def describe_error(exc: BaseException, *, during: str = "") -> Problem:
    """A headline and a way forward for any error that can reach a person."""
    detail = getattr(exc, "message", "") or ""
    if isinstance(exc, errors.AddressError):
        return Problem(
            _tr("This does not look like a server address."),
            _tr(
                "Copy the address from your browser's address bar while Mattermost is open, for example "
                "chat.example.org."
            ),
            detail,
        )
    if isinstance(exc, errors.TlsError):
        return Problem(
            _tr("The server's security certificate could not be checked."),
            _tr(
                "If your organisation uses its own certificates, ask your IT department to install them on "
                "this computer. Check also that the address is spelled exactly as in your browser."
            ),
            detail,
        )
    if isinstance(exc, errors.NotMattermost):
        return Problem(
            _tr("This address answers, but it is not a Mattermost server."),
            _tr(
                "Check the address for typing mistakes. If your organisation's network shows its own login page "
                "first, open the address in your browser, sign in there, and try again."
            ),
            detail,
        )
    if isinstance(exc, errors.NotReachable):
        return Problem(
            _tr("The server could not be reached."),
            _tr(
                "Check the address for typing mistakes and that this computer is online. Some servers can only "
                "be reached from inside your organisation's network or through its VPN."
            ),
            detail,
        )
    if isinstance(exc, errors.SigninParseError):
        return Problem(
            _tr("No sign-in was found in what you pasted."),
            _tr('Follow the steps below and copy the whole value, or the whole "Copy as cURL" text.'),
            detail,
        )
    if isinstance(exc, errors.SignInExpired):
        return Problem(
            _tr("The server did not accept this sign-in."),
            _tr(
                "It may have expired, or you signed out in the browser. Sign in again in your browser, then "
                "copy a fresh value."
            ),
            detail,
        )
    if isinstance(exc, errors.MfaRequired):
        return Problem(
            _tr("This account needs a code from your authenticator app."),
            _tr("Enter the six-digit code and sign in again."),
        )
    if isinstance(exc, errors.LoginFailed):
        return Problem(
            _tr("The user name or password is wrong."),
            _tr(
                "Many servers sign in through GitLab or another service and have no Mattermost password. "
                'Then use "Copy from your browser" instead.'
            ),
            detail,
        )
    if isinstance(exc, errors.Forbidden):
        return Problem(
            _tr("The server does not allow this."), _tr("Your account may not have access."), detail
        )
    if isinstance(exc, errors.RateLimited | errors.ServerError):
        return Problem(
            _tr("The server is busy or has a problem."), _tr("Please try again in a few minutes."), detail
        )
    if isinstance(exc, errors.MattermostError):
        return Problem(
            _tr("Something went wrong while talking to the server."), _tr("Please try again."), detail
        )
    if isinstance(exc, OSError):
        return Problem(
            _tr("The computer could not read or write a file."),
            _tr("Check that the folder exists, that you may write to it and that the disk is not full."),
            str(exc),
        )
    return Problem(
        _tr("Something unexpected went wrong."),
        _tr("Please try again. If it happens again, the log file helps us find the cause."),
        type(exc).__name__,
    )


def format_count(n: int) -> str:
    return QLocale().toString(int(n))


def format_size(num_bytes: float) -> str:
    return QLocale().formattedDataSize(int(max(0, num_bytes)), 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def format_duration(seconds: float | None) -> str:
    """ "about 3 minutes" style; exact seconds would only jitter."""
    if seconds is None:
        return _tr("unknown")
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _tr("less than a minute")
    minutes = round(seconds / 60)
    if minutes < 60:
        return _tr("about %n minute(s)", "", minutes)
    hours = seconds // 3600
    rest = round((seconds % 3600) / 60)
    if rest == 0:
        return _tr("about %n hour(s)", "", hours)
    return _tr("about %1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))
