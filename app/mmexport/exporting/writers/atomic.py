"""Streaming atomic writes: big pages go to a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_text_writer(path: Path, encoding: str = "utf-8", newline: str | None = "\n") -> Iterator[TextIO]:
    """Write text in pieces; the file appears under its name only when everything was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as f:
            yield f
        # No fsync: these files are renderings that can be written again from posts.jsonl at any time,
        # and os.replace still means a reader never sees a half-written file under the real name.
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
