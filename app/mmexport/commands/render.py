"""`mmexport render DIR [--formats html,txt,csv]`: write the viewer and text formats again from an archive."""

from __future__ import annotations

import sys
from pathlib import Path

from mmexport import exitcodes
from mmexport.exporting.archive import FORMAT, MANIFEST, read_json
from mmexport.exporting.render import render_archive
from mmexport.exporting.writers.i18n import reader_language


def run(args) -> int:
    root = Path(args.dir)
    try:
        manifest = read_json(root / MANIFEST) if (root / MANIFEST).is_file() else None
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        print(f"{root} is not an archive folder (it has no {MANIFEST} from this program).", file=sys.stderr)
        return exitcodes.USAGE
    formats = list(args.formats or ["html"])

    def progress(name: str, done: int, total: int) -> None:
        print(f"\r{done}/{total} {name[:60]:<60}", end="", file=sys.stderr, flush=True)

    render_archive(root, formats, lang=reader_language(), on_progress=progress)
    print(file=sys.stderr)
    print(f"Done: open {root / 'index.html'}" if "html" in formats else f"Done: {root}")
    return exitcodes.OK
