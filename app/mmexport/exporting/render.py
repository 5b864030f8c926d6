"""Renders an archive's readable forms from its data: the HTML viewer, messages.txt, messages.csv, README.

posts.jsonl is the source of truth; everything here can be regenerated at any time (`mmexport render`).
Chats are rendered one at a time and big chats page by page, so memory stays flat in the size of a chat
(see writers/threads.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from mmexport.archive.layout import CHANNEL_JSON, POSTS_JSONL, README, atomic_write_text, inside, read_json
from mmexport.exporting.options import FORMATS
from mmexport.exporting.writers.context import ArchiveContext
from mmexport.exporting.writers.html import HtmlWriter
from mmexport.exporting.writers.pdf import PdfWriter
from mmexport.exporting.writers.readme import readme_text
from mmexport.exporting.writers.text import CsvWriter, TextWriter
from mmexport.exporting.writers.threads import ThreadIndex


def render_archive(
    root: Path,
    formats: Iterable[str],
    lang: str = "en",
    on_progress: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
) -> None:
    """Write README.txt and the chosen formats; "json" needs nothing (posts.jsonl is the archive).
    workers: processes that render big chats' pages (None: one per core, up to 4; 1: none)."""
    root = Path(root)
    chosen = {f for f in formats if f in FORMATS}
    ctx = ArchiveContext(root, lang)
    _read_channel_facts(ctx)
    html = HtmlWriter(ctx, workers) if "html" in chosen else None
    text = TextWriter(ctx) if "txt" in chosen else None
    table = CsvWriter(ctx) if "csv" in chosen else None
    document = PdfWriter(ctx) if "pdf" in chosen else None
    if html:
        html.pdf_link = document is not None
        html.write_assets()
        # The way in first: a render that is cut short (the window closed while a stopped export writes
        # what it saved) still leaves index.html and README.txt.
        html.write_index()
        html.write_search_page()
    atomic_write_text(root / README, readme_text(ctx))
    try:
        total = len(ctx.channels)
        for done, channel in enumerate(ctx.channels, start=1):
            folder = root / channel.path
            if channel.path and inside(root, folder) and folder.is_dir() and (html or text or table or document):
                index = ThreadIndex.build(folder / POSTS_JSONL) if (html or text or document) else None
                if html and index is not None:
                    html.write_channel(channel, index)
                if text and index is not None:
                    text.write(channel, index)
                if table:
                    table.write(channel)
                if document and index is not None:
                    document.write_chat(channel, index)
            if on_progress:
                on_progress(channel.display_name, done, total)
    finally:
        if html:
            html.close()
    if html:
        html.search.finish(ctx)
        html.write_extra_css()


def _read_channel_facts(ctx: ArchiveContext) -> None:
    """What the sidebar shows before any chat is rendered: channel details and the newest post's date."""
    for channel in ctx.channels:
        folder = ctx.root / channel.path
        if not channel.path or not inside(ctx.root, folder):
            continue
        channel.channel_json = read_json(folder / CHANNEL_JSON, {}) or {}
        first, last = _first_and_last_post(folder / POSTS_JSONL)
        channel.first_at = int((first or {}).get("create_at") or 0)
        channel.last_at = int((last or {}).get("create_at") or 0)


def _first_and_last_post(path: Path) -> tuple[dict | None, dict | None]:
    """posts.jsonl is oldest first: read its first line and its last complete line, nothing between."""
    if not path.exists():
        return None, None
    with open(path, "rb") as f:
        first = _parse(f.readline())
        f.seek(0, 2)
        size = f.tell()
        block = min(size, 1 << 16)
        while True:
            f.seek(size - block)
            tail = f.read(block)
            lines = tail.split(b"\n")
            complete = [line for line in lines[:-1] if line.strip()]  # the part after the last \n is torn
            if len(complete) >= 2 or block >= size:
                last = _parse(complete[-1]) if complete else None
                return first, last or first
            block = min(size, block * 4)


def _parse(line: bytes) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
