"""Remembering the sign-in token in the operating system's secret store (keyring).

The store can be missing (a minimal Linux desktop), locked, or refuse access; then nothing here raises:
callers get False/None and tell people the sign-in is remembered for this session only. keyrings.alt is
never used: it would silently write the token into a plain-text file.

One entry per server: service "mmexport:<server url>", a fixed key, so that looking the token up needs only
the server address the settings file already has.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE_PREFIX = "mmexport:"
TOKEN_KEY = "session-token"

# Backends raise KeyringError, but some (Secret Service over D-Bus, macOS Keychain) let RuntimeError,
# OSError or their own D-Bus errors escape; none of them may crash the wizard.
_FAILURES = (keyring.errors.KeyringError, RuntimeError, OSError, ValueError)


def _service(server_url: str) -> str:
    return SERVICE_PREFIX + server_url.rstrip("/")


def save_token(server_url: str, username: str, token: str) -> bool:
    """Store the token; False when the secret store is unavailable (remember it for this session only)."""
    usable, reason = keyring_available()
    if not usable:
        log.warning("not saving the sign-in for %s: %s", server_url, reason)
        return False
    try:
        keyring.set_password(_service(server_url), TOKEN_KEY, token)
    except _FAILURES as exc:
        log.warning(
            "could not save the sign-in for %s (user %s): %s", server_url, username, type(exc).__name__
        )
        return False
    return True


def load_token(server_url: str) -> str | None:
    try:
        return keyring.get_password(_service(server_url), TOKEN_KEY) or None
    except _FAILURES as exc:
        log.warning("could not read the saved sign-in for %s: %s", server_url, type(exc).__name__)
        return None


def forget_token(server_url: str) -> bool:
    """Remove the saved token; True also when there was none."""
    try:
        keyring.delete_password(_service(server_url), TOKEN_KEY)
    except keyring.errors.PasswordDeleteError:
        return True
    except _FAILURES as exc:
        log.warning("could not remove the saved sign-in for %s: %s", server_url, type(exc).__name__)
        return False
    return True


def keyring_available() -> tuple[bool, str]:
    """Whether tokens can be remembered, with a plain reason when not."""
    try:
        backend = keyring.get_keyring()
        priority = getattr(backend, "priority", 0)
    except _FAILURES as exc:
        return False, f"The secret store of this computer cannot be used ({type(exc).__name__})."
    name = type(backend).__module__ + "." + type(backend).__name__
    if name.startswith("keyring.backends.fail") or name.startswith("keyring.backends.null"):
        return False, (
            "This computer has no secret store that this program can use, so the sign-in is remembered "
            "only until the program is closed."
        )
    if name.startswith("keyrings.alt"):
        return False, "The only secret store found keeps passwords in plain text; it is not used."
    if isinstance(priority, (int, float)) and priority <= 0:
        return False, "The secret store of this computer is switched off."
    return True, "The sign-in is kept in this computer's secret store."
