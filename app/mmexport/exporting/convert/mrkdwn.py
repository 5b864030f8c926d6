"""Mattermost markdown to Slack mrkdwn, where the two differ.

Slack text is escaped (&amp; &lt; &gt;), bold is *one star*, italic is _underscore_, strike is ~one~,
links are <url|text>, mentions are <@U…>, <#C…|name> and <!here>. Code (inline and fenced) is left
alone apart from the escaping, which Slack applies everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_FENCE = re.compile(r"(```|~~~)[^\n]*\n?(.*?)(?:\1|\Z)", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp)://?[^>\s]+)>")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_MENTION = re.compile(r"(?<![\w@.])@([a-z0-9._-]*[a-z0-9_-])", re.IGNORECASE)
_CHANNEL = re.compile(r"(?<![\w~])~([a-z0-9_-]+)", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)[*+-][ \t]+", re.MULTILINE)
_SPECIAL_MENTIONS = {"here": "<!here>", "channel": "<!channel>", "all": "<!everyone>"}
_BOLD_MARK = "\x01"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Shelf:
    """Keeps finished pieces out of reach of later replacements."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def put(self, text: str) -> str:
        self.items.append(text)
        return f"\x00{len(self.items) - 1}\x00"

    def restore(self, text: str) -> str:
        for _ in range(4):  # pieces may hold pieces (a link whose text has code)
            if "\x00" not in text:
                break
            text = re.sub(r"\x00(\d+)\x00", lambda m: self.items[int(m.group(1))], text)
        return text


def to_mrkdwn(
    text: str,
    user_ids: Mapping[str, str] | None = None,
    channel_ids: Mapping[str, str] | None = None,
) -> str:
    """user_ids: lower-case username -> Slack user id; channel_ids: channel name -> Slack channel id."""
    user_ids = user_ids or {}
    channel_ids = channel_ids or {}
    shelf = _Shelf()
    text = _FENCE.sub(lambda m: shelf.put("```" + escape(m.group(2).rstrip("\n")) + "```"), text or "")
    text = _INLINE_CODE.sub(lambda m: shelf.put(escape(m.group(0))), text)
    text = _AUTOLINK.sub(lambda m: shelf.put(f"<{escape(m.group(1))}>"), text)
    text = _IMAGE.sub(lambda m: shelf.put(_link(m.group(2), m.group(1))), text)
    text = _LINK.sub(lambda m: shelf.put(_link(m.group(2), m.group(1))), text)
    text = escape(text)
    text = _MENTION.sub(lambda m: _mention(m, user_ids, shelf), text)
    text = _CHANNEL.sub(lambda m: _channel(m, channel_ids, shelf), text)
    text = _HEADING.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", text)
    text = _BOLD.sub(lambda m: f"{_BOLD_MARK}{m.group(1) or m.group(2)}{_BOLD_MARK}", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    text = _ITALIC.sub(lambda m: f"_{m.group(1)}_", text)
    text = _STRIKE.sub(lambda m: f"~{m.group(1)}~", text)
    text = text.replace(_BOLD_MARK, "*")
    return shelf.restore(text)


def _link(url: str, label: str) -> str:
    label = escape(label.strip()).replace("|", "¦")
    return f"<{escape(url)}|{label}>" if label else f"<{escape(url)}>"


def _mention(match: re.Match, user_ids: Mapping[str, str], shelf: _Shelf) -> str:
    name = match.group(1).lower()
    if name in _SPECIAL_MENTIONS:
        return shelf.put(_SPECIAL_MENTIONS[name])
    if name in user_ids:
        return shelf.put(f"<@{user_ids[name]}>")
    return match.group(0)


def _channel(match: re.Match, channel_ids: Mapping[str, str], shelf: _Shelf) -> str:
    name = match.group(1).lower()
    if name in channel_ids:
        return shelf.put(f"<#{channel_ids[name]}|{name}>")
    return match.group(0)
