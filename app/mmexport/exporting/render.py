"""Renders an archive's readable forms from its data: README.txt and each chosen format (exporting/formats/).

posts.jsonl is the source of truth; everything here can be regenerated at any time (`mmexport render`).
Chats are rendered one at a time and big chats page by page, so memory stays flat in the size of a chat
(see writers/threads.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from mmexport.archive.layout import CHANNEL_JSON, POSTS_JSONL, README, atomic_write_text, inside, read_json
from mmexport.archive.reader import Archive
from mmexport.archive.state import StateStore
from mmexport.exporting import formats
from mmexport.exporting.assemble import write_fetched_part
from mmexport.exporting.formats import ChatPosts, ChatWriter, RenderSettings
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.writers.about import count_join_leave_notices
from mmexport.exporting.writers.context import ArchiveContext
from mmexport.exporting.writers.readme import readme_text


def render_archive(
    root: Path,
    chosen: Iterable[str],
    lang: str = "en",
    on_progress: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
) -> None:
    """Write README.txt and the chosen formats (keys of the registry in exporting/formats/; a format
    without a writer, json, needs nothing). workers: processes that render big chats' pages (None: one
    per core, up to 4; 1: none)."""
    root = Path(root)
    archive = Archive(root)
    _save_fetched_parts_of_a_killed_run(archive)
    ctx = ArchiveContext(root, lang, archive)  # its chats are read after the fetched parts were saved
    _read_channel_facts(ctx)
    wanted = formats.chosen(chosen)
    settings = RenderSettings(workers=workers, chosen=frozenset(f.key for f in wanted))
    writers: list[ChatWriter] = [f.writer(ctx, settings) for f in wanted if f.writer]
    try:
        for writer in writers:
            writer.start()
        atomic_write_text(root / README, readme_text(ctx))
        total = len(ctx.channels)
        for done, channel in enumerate(ctx.channels, start=1):
            folder = root / channel.path
            if writers and channel.path and inside(root, folder) and folder.is_dir():
                posts = ChatPosts.of(folder)  # its thread index is built once, for the writers that need it
                for writer in writers:
                    writer.write_chat(channel, posts)
            if on_progress:
                on_progress(channel.display_name, done, total)
        for writer in writers:
            writer.finish()
    finally:
        for writer in writers:
            writer.close()


def _save_fetched_parts_of_a_killed_run(archive: Archive) -> None:
    """A killed run could not write the chats it was fetching: their pages become their posts.jsonl,
    marked incomplete, as a stopped run does it (engine._save_partial_posts). The pages stay for the
    next run. Only for a killed run: a stopped or finished one has written everything it fetched."""
    if not archive.status.killed:
        return
    root = archive.root
    store = StateStore(root)
    options = ExportOptions.from_json(store.load_run().get("options") or {})
    for channel_id, state in store.all_channel_states().items():
        if state.complete or state.segments is None or not inside(root, root / state.path):
            continue
        target = root / state.path / POSTS_JSONL
        saved = write_fetched_part(store.pages_dir(channel_id), target, options.after_ms(), options.before_ms())
        if saved is not None:
            state.posts = saved[0].posts
            store.save_channel(state)


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
        channel.notices = count_join_leave_notices(folder / POSTS_JSONL)


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
