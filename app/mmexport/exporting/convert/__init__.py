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

MOVING_TITLE = "Prepare for moving to another system"
MOVING_INTRO = (
    "Your archive stays as it is. Here you can also make a file that another chat system can load, "
    "so that your channels and messages move with you. Give the file to whoever runs the new system."
)

MATTERMOST_TITLE = "Another Mattermost server"
MATTERMOST_EXPLANATION = (
    "Makes an import file for a new Mattermost server. The administrator of that server loads it with "
    'the mmctl tool ("mmctl import upload" and "mmctl import process"). Teams, channels, people, '
    "messages with their replies, reactions, pins, attachments, direct and group messages and custom "
    "emoji are included. Nobody's password is in the file: people sign in on the new server as they "
    "usually do or reset their password. Loading the same file twice does not create doubles."
)
SLACK_TITLE = "Rocket.Chat, Zulip or another system that reads Slack exports"
SLACK_EXPLANATION = (
    "Makes a file in the format of a Slack export, because most chat systems can load that: Rocket.Chat "
    '(Administration > Import > Slack), Zulip ("Import from Slack" when creating an organisation) and '
    "Mattermost's own mmetl tool. Channels, private channels, direct and group messages, threads, "
    "reactions and attachments are included; formatting is translated to Slack's style."
)
TARGETS = {
    "mattermost": (MATTERMOST_TITLE, MATTERMOST_EXPLANATION),
    "slack": (SLACK_TITLE, SLACK_EXPLANATION),
}


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
