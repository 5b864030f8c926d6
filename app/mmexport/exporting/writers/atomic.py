"""Streaming atomic writes of renderings (pages, messages.txt, messages.csv)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO

from mmexport.archive.layout import atomic_file


def atomic_text_writer(
    path: Path, encoding: str = "utf-8", newline: str | None = "\n"
) -> AbstractContextManager[IO[str]]:
    """Write text in pieces; the file appears under its name only when everything was written.

    No fsync: these files are renderings that can be written again from posts.jsonl at any time, and the
    rename still means a reader never sees a half-written file under the real name."""
    return atomic_file(path, "w", durable=False, encoding=encoding, newline=newline)
