"""Logging to a rotating file, with every token, cookie and password taken out before it is written.

People send their log file when something goes wrong, so the log must be safe to share: the redaction
runs on the message, its arguments and the formatted traceback, and knows the tokens in use by value too
(a bare token looks like any other Mattermost id, so only its value identifies it).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

from mmexport import paths

LOG_FILE = "mmexport.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
REDACTED = "[redacted]"

_SECRET_NAMES = r"(?:password|passwd|token|access_token|mfa_token|csrf|secret|mmauthtoken|mmcsrf)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Authorization: Bearer x / Token x (header lines, curl -H, repr of header dicts)
    (
        re.compile(r"(authorization['\"]?\s*[:=]\s*['\"]?\s*(?:bearer|token|basic)\s+)[^\s'\",}]+", re.I),
        r"\1",
    ),
    (
        re.compile(r"(authorization['\"]?\s*[:=]\s*['\"]?)(?!\s*(?:bearer|token|basic)\s)[^\s'\",}]+", re.I),
        r"\1",
    ),
    # whole Cookie / Set-Cookie header values
    (re.compile(r"((?:set-)?cookie['\"]?\s*[:=]\s*['\"]?)[^'\"\r\n}]+", re.I), r"\1"),
    # the Token response header of a password login
    (re.compile(r"(\btoken['\"]?\s*:\s*['\"]?)[A-Za-z0-9]{16,}", re.I), r"\1"),
    # cookie pairs and query parameters: MMAUTHTOKEN=..., access_token=..., password=...
    (re.compile(rf"(\b{_SECRET_NAMES}=)[^;&\s'\",]+", re.I), r"\1"),
    # JSON or Python dict entries: "password": "...", 'token': '...'
    (re.compile(rf"(['\"]{_SECRET_NAMES}['\"]\s*:\s*['\"])[^'\"]*", re.I), r"\1"),
]
_known_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_OUR_HANDLER = "_mmexport_handler"


def remember_secret(value: str | None) -> None:
    """From now on, this exact value never appears in the log (tokens in use, pasted cookies)."""
    if value and len(value) >= 8:
        with _secrets_lock:
            _known_secrets.add(value)


def redact(text: str) -> str:
    """`text` with tokens, cookies, Authorization headers and passwords replaced by [redacted]."""
    if not text:
        return text
    with _secrets_lock:
        secrets = sorted(_known_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    for pattern, keep in _PATTERNS:
        text = pattern.sub(keep.replace(r"\1", r"\g<1>") + REDACTED, text)
    return text


class RedactingFilter(logging.Filter):
    """Redacts the message with its arguments merged in (an argument can carry the secret)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        return True


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line too: tracebacks are formatted after the filters have run."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file, until writing it fails (a full home folder): then it steps aside, once, for stderr.

    logging's own handleError would print "--- Logging error ---" and a traceback for every line."""

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            _fall_back_to_stderr(self, error)
        else:
            super().handleError(record)


_file_problem: OSError | None = None
_problem_lock = threading.Lock()


def log_file_problem() -> OSError | None:
    """Why the log file cannot be written (a read-only or full home folder), or None."""
    return _file_problem


def _fall_back_to_stderr(handler: logging.Handler | None, error: OSError) -> None:
    """From now on warnings go to standard error only; says why, once. The program itself goes on."""
    global _file_problem
    with _problem_lock:
        first = _file_problem is None
        _file_problem = error
    logger = logging.getLogger("mmexport")
    if handler is not None:
        logger.removeHandler(handler)
        with contextlib.suppress(OSError):
            handler.close()
    if not first:
        return
    place = getattr(error, "filename", None) or log_dir_hint()
    reason = error.strerror or type(error).__name__
    print(
        f"Note: the log file cannot be written ({place}: {reason}); messages go here instead.",
        file=sys.stderr,
    )
    if not any(
        isinstance(h, logging.StreamHandler)
        and not isinstance(h, logging.FileHandler)
        and getattr(h, _OUR_HANDLER, False)
        for h in logger.handlers
    ):
        _add(logger, logging.StreamHandler(sys.stderr), logging.WARNING)


def log_dir_hint() -> str:
    return str(paths.log_dir(create=False))


def _add(logger: logging.Logger, handler: logging.Handler, level: int = logging.NOTSET) -> None:
    setattr(handler, _OUR_HANDLER, True)
    handler.setLevel(level)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    logger.addHandler(handler)


def setup_logging(to_file: bool = True, verbose: bool = False) -> logging.Logger:
    """Configure the "mmexport" logger: a rotating file in paths.log_dir() and, if verbose, stderr.

    A home folder that is read-only or full must not stop an export that writes elsewhere: the log then
    goes to standard error (warnings only, unless verbose) and one line says why."""
    global _file_problem
    logger = logging.getLogger("mmexport")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in [h for h in logger.handlers if getattr(h, _OUR_HANDLER, False)]:
        logger.removeHandler(handler)
        handler.close()
    _file_problem = None
    if verbose:
        _add(logger, logging.StreamHandler(sys.stderr))
    if to_file:
        try:
            log_file = _LogFile(
                paths.log_dir() / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        except OSError as error:
            _fall_back_to_stderr(None, error)
        else:
            _add(logger, log_file)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return logger


def log_file_path() -> Path:
    return paths.log_dir(create=False) / LOG_FILE
