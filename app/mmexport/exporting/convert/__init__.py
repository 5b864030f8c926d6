"""Turn an archive into a file another chat system can import.

    report = convert_archive(root, "mattermost" | "slack", out_zip, on_progress=None)

Qt-free; the wizard and `mmexport convert` both call this. The texts below are English; the GUI wraps
them in tr().
"""

from __future__ import annotations

from pathlib import Path

from mmexport.exporting.convert.report import ConversionReport
from mmexport.exporting.convert.source import ArchiveSource, Progress, ProgressCallback

__all__ = ["TARGETS", "ConversionError", "ConversionReport", "convert_archive"]

# The wizard's last page explains the two targets in its own translatable words.
TARGETS = ("mattermost", "slack")


class ConversionError(Exception):
    """Raised with a plain-language message when the folder cannot be converted."""


def convert_archive(
    root: Path,
    target: str,
    out_zip: Path,
    on_progress: ProgressCallback | None = None,
) -> ConversionReport:
    """Write out_zip (atomically) from the archive at root; returns what was written and left out."""
    root, out_zip = Path(root), Path(out_zip)
    if target not in TARGETS:
        raise ConversionError(f"Unknown target {target!r}; choose mattermost or slack.")
    src = ArchiveSource(root)
    if not src.manifest:
        raise ConversionError(f"{root} is not an archive folder (manifest.json is missing or unreadable).")
    report = ConversionReport(target=target, out_zip=out_zip)
    progress = Progress(src.total_posts(), on_progress)
    if target == "mattermost":
        from mmexport.exporting.convert.mattermost import write_mattermost

        write_mattermost(src, out_zip, report, progress)
    else:
        from mmexport.exporting.convert.slack import write_slack

        write_slack(src, out_zip, report, progress)
    progress.finish()
    return report
