"""Text from the server made harmless for a terminal, a file name or a report: one place, one rule.

A channel, user or file name can carry terminal escape sequences (ESC ] 0; sets the window title,
ESC [2J clears the screen, the 8-bit CSI U+009B does the same on some terminals) and Unicode bidi
overrides (“x\u202etxt.exe” shows as “xexe.txt”). `printable` drops C0 and C1 controls (tab and newline
become spaces) and the bidi embeddings, overrides and isolates; it then redacts secrets as the log
does (logsetup.redact), because whatever is printed may end up in a report.
"""

from __future__ import annotations

import re

from mmexport.logsetup import redact

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")
_SPACES = re.compile(r"[\t\n]")


def strip_controls(text: str) -> str:
    """`text` without control characters and bidi controls; tabs and newlines become spaces."""
    return _INVISIBLE.sub("", _SPACES.sub(" ", text))


def printable(text: object) -> str:
    """What may be printed to a terminal: controls stripped, secrets redacted."""
    return strip_controls(redact(str(text)))


def printable_block(text: object) -> str:
    """Like printable, but keeps line breaks (a multi-line message)."""
    return "\n".join(printable(line) for line in str(text).split("\n"))
