"""mmexport convert DIR --to mattermost|slack OUT.zip"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mmexport import exitcodes
from mmexport.archive.layout import MANIFEST
from mmexport.archive.reader import examine


def run(args: argparse.Namespace) -> int:
    from mmexport.exporting.convert import ConversionError, convert_archive

    root, out = Path(args.dir), Path(args.out)
    if not examine(root).is_archive:
        print(f"{root} is not an archive folder: {MANIFEST} is missing.", file=sys.stderr)
        return exitcodes.USAGE
    if out.suffix.lower() != ".zip":
        print("The output file must end in .zip.", file=sys.stderr)
        return exitcodes.USAGE
    shown = {"last": -1}

    def progress(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != shown["last"] and sys.stderr.isatty():
            shown["last"] = percent
            print(f"\rConverting … {percent}%", end="", file=sys.stderr, flush=True)

    try:
        report = convert_archive(root, args.to, out, on_progress=progress)
    except ConversionError as exc:
        print(str(exc), file=sys.stderr)
        return exitcodes.USAGE
    except OSError as exc:
        print(f"Could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return exitcodes.INCOMPLETE
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(report.summary())
    return exitcodes.OK
