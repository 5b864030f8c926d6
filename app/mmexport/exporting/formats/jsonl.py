"""posts.jsonl: every message as the server sent it. It is the archive itself, written by the engine
(exporting/assemble.py); there is nothing to render, so it has no writer."""

from __future__ import annotations

from mmexport.exporting.formats import Format
from mmexport.text import QT_TRANSLATE_NOOP

FORMAT = Format(
    key="json",
    label=QT_TRANSLATE_NOOP("Formats", "The complete data (JSON)"),
    description={
        "en": "posts.jsonl, every message as the server sent it; always written",
        "de": "posts.jsonl, jede Nachricht so, wie der Server sie geschickt hat; immer dabei",
    },
    default=True,
    writer=None,
    order=20,
)
