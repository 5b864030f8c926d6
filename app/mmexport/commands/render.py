"""`mmexport render DIR [--formats ...]`: write the viewer and the other renderings again from an archive."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from mmexport import exitcodes
from mmexport.archive import guard
from mmexport.archive.layout import INDEX, MANIFEST
from mmexport.archive.reader import examine
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers.i18n import reader_language
from mmexport.plaintext import printable

DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def writing_failed(root: Path, error: OSError) -> str:
    if error.errno in DISK_FULL:
        return f"The disk is full: nothing more fits into {root}. Free some space and run the same command again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"The program may not write into {root} (it is read-only). Copy the archive somewhere writable."
    return f"Writing into {root} failed ({error.strerror or error})."


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if not examine(root).is_archive:
        print(f"{root} is not an archive folder (it has no {MANIFEST} from this program).", file=sys.stderr)
        return exitcodes.USAGE
    formats = list(args.formats or ["html"])

    def progress(name: str, done: int, total: int) -> None:
        print(f"\r{done}/{total} {name[:60]:<60}", end="", file=sys.stderr, flush=True)

    try:
        with guard.locked_archive(root):  # not while an export writes into it; no links followed
            render_archive(root, formats, lang=reader_language(), on_progress=progress)
    except guard.FolderProblem as problem:
        print(file=sys.stderr)
        print(printable(problem), file=sys.stderr)
        return exitcodes.USAGE
    except OSError as error:
        print(file=sys.stderr)
        print(printable(writing_failed(root, error)), file=sys.stderr)
        return exitcodes.DISK_FULL if error.errno in DISK_FULL else 1
    print(file=sys.stderr)
    print(f"Done: open {root / INDEX}" if "html" in formats else f"Done: {root}")
    return exitcodes.OK
