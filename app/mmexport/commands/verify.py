"""mmexport verify DIR: re-check every file of an archive against its manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mmexport import exitcodes
from mmexport.commands.common import counted
from mmexport.exporting.verify import verify_archive
from mmexport.plaintext import printable


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    report = verify_archive(root)
    for error in report.errors:
        print(printable(error), file=sys.stderr)
    if report.ok:
        print(
            f"All good: {counted(report.channels, 'chat')}, {counted(report.posts, 'message')} and "
            f"{counted(report.files, 'file')} match the manifest."
        )
        if report.partial:
            names = ", ".join(f"“{printable(name)}”" for name in report.partial)
            print(
                f"Saved only in part (the export stopped before it had all their messages; run it again to "
                f"complete them): {names}."
            )
        if report.not_saved:
            names = ", ".join(f"“{printable(name)}”" for name in report.not_saved)
            print(f"Not saved yet (the export stopped before it came to them): {names}.")
        return exitcodes.OK
    if report.channels == 0 and report.files == 0:
        return exitcodes.USAGE
    count = len(report.errors)
    print(f"{counted(count, 'problem')} found in {root}.", file=sys.stderr)
    return exitcodes.INCOMPLETE
