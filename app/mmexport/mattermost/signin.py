"""Find the Mattermost sign-in token in whatever people copied from their browser.

Servers that sign in through GitLab give people no password, so they copy the `MMAUTHTOKEN` cookie from the
browser's developer tools or a whole request ("Copy as cURL" in bash or Windows cmd form, "Copy as
PowerShell", "Copy as fetch"). We do not run a shell parser over these: the quoting differs between
browsers and shells, and a regular expression for the few things we need (the cookie, a Bearer header, the
URL) survives all of them, including half-selected text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mmexport.mattermost.address import normalize_server_url
from mmexport.mattermost.errors import AddressError, SigninParseError, WrongCookie

TOKEN_LENGTH = 26
_TOKEN = re.compile(r"^[a-z0-9]{26}$")
_MAX_INPUT = 200_000  # a pasted HAR file or a whole web page is not sign-in material

# The cookie inside a Cookie header, a -b argument, a cookie string or a Node fetch "cookie" field.
_COOKIE = re.compile(r"(?<![A-Za-z0-9_-])MMAUTHTOKEN\s*=\s*[\"']?([^;,\s\"'&^`)]*)", re.IGNORECASE)
# What the storage panels of the developer tools copy (tests/unit/test_signin.py lists each browser's):
# a table row (name, tab, value, tab, domain ...), name and value on two lines, or Firefox's sidebar line
# `MMAUTHTOKEN:"value"` (with or without a space, sometimes inside braces as JSON).
_COOKIE_ROW = re.compile(
    r"(?<![A-Za-z0-9_-])[\"']?MMAUTHTOKEN[\"']?(?:[ \t]*:[ \t]*|[ \t\r\n]+)[\"']?([A-Za-z0-9]+)"
)
# A cookie extension's JSON export: {"name": "MMAUTHTOKEN", ..., "value": "..."}, in either order.
_COOKIE_JSON = re.compile(
    r"\"name\"\s*:\s*\"MMAUTHTOKEN\"[^{}]*?\"value\"\s*:\s*\"([^\"]*)\""
    r"|\"value\"\s*:\s*\"([^\"]*)\"[^{}]*?\"name\"\s*:\s*\"MMAUTHTOKEN\"",
)
# PowerShell: $session.Cookies.Add((New-Object System.Net.Cookie("MMAUTHTOKEN", "value", "/", "host")))
_PS_COOKIE = re.compile(r"Cookie\(\s*[\"']MMAUTHTOKEN[\"']\s*,\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
_BEARER = re.compile(
    r"authorization[\"']?\s*[:=]\s*[\"']?\s*(?:bearer|token)\s+([A-Za-z0-9]+)", re.IGNORECASE
)
_LONE_BEARER = re.compile(r"^(?:bearer|token)[\s:]+([A-Za-z0-9]+)$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s\"'`^<>]+", re.IGNORECASE)
_REQUEST_START = re.compile(
    r"^\s*(?:curl(?:\.exe)?\s|\$session\s*=|invoke-(?:webrequest|restmethod)\s|fetch\s*\(|await\s+fetch\s*\()",
    re.IGNORECASE,
)
_OTHER_MM_COOKIES = re.compile(r"(?<![A-Za-z0-9_-])(MMUSERID|MMCSRF|MMAUTHTOKEN)\b", re.IGNORECASE)
_QUOTES_AND_SPACE = re.compile(r"[\s\"'`]+")


@dataclass(frozen=True)
class SigninMaterial:
    token: str
    server_url: str | None
    kind: str  # "token", "cookie" or "curl"


def parse_signin_material(text: str) -> SigninMaterial:
    """The token (and, for a copied request, the server) in `text`; SigninParseError says what is wrong."""
    text = text or ""
    if not text.strip():
        raise SigninParseError(
            "Nothing was pasted. Copy the MMAUTHTOKEN cookie or a request as cURL first.", reason="empty"
        )
    if len(text) > _MAX_INPUT:
        raise SigninParseError(
            "This is far too long to be a sign-in token or a copied request.", reason="too_long"
        )
    flat = _join_continuations(_unescape_cmd(text) if '^"' in text else text)
    if _REQUEST_START.search(flat):
        return _from_request(flat)
    return _from_fragment(flat)


def looks_like_signin_material(text: str) -> bool:
    """Whether the wizard should offer to use the clipboard's content."""
    try:
        parse_signin_material(text)
    except SigninParseError:
        return False
    return True


def _from_request(flat: str) -> SigninMaterial:
    server_url = _server_from_request(flat)
    token = _first_found(_find(_PS_COOKIE, flat), _find(_COOKIE, flat), _find(_BEARER, flat))
    if token is None:
        raise SigninParseError(
            "This looks like a cURL command, but it has no MMAUTHTOKEN cookie. "
            "Copy a request to /api/v4/... while signed in.",
            detail="request without MMAUTHTOKEN cookie or Authorization header",
            reason="request_without_token",
        )
    return SigninMaterial(_checked(token, "in the copied request"), server_url, "curl")


def _from_fragment(flat: str) -> SigninMaterial:
    cookie = _first_found(
        _find(_COOKIE, flat), _find(_COOKIE_ROW, flat), _find(_PS_COOKIE, flat), _find(_COOKIE_JSON, flat)
    )
    if cookie is not None:
        return SigninMaterial(_checked(cookie, "in the MMAUTHTOKEN cookie"), None, "cookie")
    others = sorted({m.group(1).upper() for m in _OTHER_MM_COOKIES.finditer(flat)} - {"MMAUTHTOKEN"})
    if others or _OTHER_MM_COOKIES.search(flat) or ("=" in flat and ";" in flat):
        raise WrongCookie(
            "These look like cookies, but MMAUTHTOKEN is not among them. "
            "Copy the value of the cookie named MMAUTHTOKEN.",
            params={"cookies": others},
        )
    header = _find(_BEARER, flat)
    if header is not None:
        return SigninMaterial(_checked(header, "in the Authorization header"), None, "token")
    bare = _QUOTES_AND_SPACE.sub("", flat)
    lone = _LONE_BEARER.match(flat.strip().strip("\"'`"))
    if lone:
        bare = lone.group(1)
    if _TOKEN.match(bare) or (re.fullmatch(r"[A-Za-z0-9]{10,60}", bare) and (lone or len(flat.split()) == 1)):
        return SigninMaterial(_checked(bare, "that you pasted"), None, "token")
    raise SigninParseError(
        "No sign-in token was found in what you pasted. Paste the value of the MMAUTHTOKEN cookie "
        "(26 letters and digits) or a request copied as cURL.",
        reason="nothing_found",
    )


def _checked(token: str, where: str) -> str:
    token = token.strip().strip("\"'")
    if not token:
        raise SigninParseError(
            f"The token {where} is empty. Please sign in to Mattermost in your browser again.",
            reason="empty_token",
        )
    if _TOKEN.match(token):
        return token
    if re.fullmatch(r"[A-Za-z0-9]+", token) and len(token) != TOKEN_LENGTH:
        missing = (
            "Part of it is missing" if len(token) < TOKEN_LENGTH else "Something extra was copied with it"
        )
        raise SigninParseError(
            f"The token {where} has {len(token)} characters, but Mattermost tokens have {TOKEN_LENGTH}. "
            f"{missing}: please copy it again.",
            reason="too_short" if len(token) < TOKEN_LENGTH else "too_long_token",
            params={"length": len(token), "expected": TOKEN_LENGTH},
        )
    raise SigninParseError(
        f"The token {where} does not look like a Mattermost token "
        f"({TOKEN_LENGTH} small letters and digits). Please copy it again.",
        reason="not_token_shape",
        params={"expected": TOKEN_LENGTH},
    )


def _find(pattern: re.Pattern[str], text: str) -> str | None:
    """The first non-empty match; an empty one only when there is nothing better (to say it is empty)."""
    found = [next((g for g in m.groups() if g is not None), "") for m in pattern.finditer(text)]
    for value in found:
        if value.strip("\"' "):
            return value
    return found[0] if found else None


def _first_found(*values: str | None) -> str | None:
    """The first non-empty value, else an empty one (so that we can say the cookie is empty), else None."""
    present = [v for v in values if v is not None]
    return next((v for v in present if v.strip("\"' ")), present[0] if present else None)


def _server_from_request(flat: str) -> str | None:
    for match in _URL.finditer(flat):
        try:
            return normalize_server_url(match.group(0).rstrip("\\,;)"))
        except AddressError:
            continue
    return None


def _unescape_cmd(text: str) -> str:
    """Undo Windows cmd quoting (Chrome/Edge "Copy as cURL (cmd)"): `^` escapes the next character."""
    text = re.sub(r"\^\r?\n", " ", text)  # a line continuation
    return re.sub(r"\^(.)", r"\1", text)


def _join_continuations(text: str) -> str:
    # bash "\", PowerShell "`" at the end of a line
    return re.sub(r"[\\`]\r?\n", " ", text)
