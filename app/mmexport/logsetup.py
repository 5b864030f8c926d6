"""Logging to a rotating file, with every token, cookie and password taken out before it is written.

People send their log file when something goes wrong, so the log must be safe to share: the redaction
runs on the message, its arguments and the formatted traceback, and knows the tokens in use by value too
(a bare token looks like any other Mattermost id, so only its value identifies it).
"""

from __future__ import annotations

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


def setup_logging(to_file: bool = True, verbose: bool = False) -> logging.Logger:
    """Configure the "mmexport" logger: a rotating file in paths.log_dir() and, if verbose, stderr."""
    logger = logging.getLogger("mmexport")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in [h for h in logger.handlers if getattr(h, _OUR_HANDLER, False)]:
        logger.removeHandler(handler)
        handler.close()
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    if to_file:
        handlers.append(
            logging.handlers.RotatingFileHandler(
                paths.log_dir() / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
        )
    if verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        setattr(handler, _OUR_HANDLER, True)
        handler.addFilter(RedactingFilter())
        handler.setFormatter(formatter)
        logger.addHandler(handler)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return logger


def log_file_path() -> Path:
    return paths.log_dir() / LOG_FILE
