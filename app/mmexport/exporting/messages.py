"""The engine's plain-language sentences: what a run tells the user about its outcome, a disk, a file, a folder.

Each is a Text (an English template with {named} values, marked for translation in the context "Engine"), so
that the wizard shows it in German and the CLI in English without the engine knowing either.
"""

from __future__ import annotations

import errno
from pathlib import Path

from mmexport.archive.reader import Kind, examine
from mmexport.exporting.events import QT_TRANSLATE_NOOP, LogMessage, Text
from mmexport.exporting.files import FileJob
from mmexport.mattermost import errors as mm

DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def text(template: str, error: mm.MattermostError | None = None, **params: object) -> Text:
    """A Text whose {reason} (if any) is the client error's message; error_kind lets a front end translate it."""
    return Text(template, params, type(error).__name__ if error is not None else "")


def log_message(template: str, **params: object) -> LogMessage:
    message = Text(template, params)
    return LogMessage(str(message), message)


def folder_problem(out_dir: Path) -> Text | None:
    """A reason not to write into this folder, or None. Never write into a folder of unrelated files."""
    found = examine(out_dir)
    kind = found.kind
    if found.newer_format:
        return Text(
            QT_TRANSLATE_NOOP(
                "Engine",
                "The folder {folder} holds an archive made by a newer version of this program. Please "
                "update the program, or choose another folder.",
            ),
            {"folder": str(out_dir)},
        )
    if kind is Kind.NOT_A_FOLDER:
        return Text(
            QT_TRANSLATE_NOOP("Engine", "{folder} is a file, not a folder."), {"folder": str(out_dir)}
        )
    if kind is Kind.OTHER:
        return Text(
            QT_TRANSLATE_NOOP(
                "Engine",
                "The folder {folder} already holds other files. Please choose an empty or a new folder.",
            ),
            {"folder": str(out_dir)},
        )
    return None


def channel_not_opened(error: mm.MattermostError) -> Text:
    return text(
        QT_TRANSLATE_NOOP("Engine", "This chat could not be opened: {reason}"), error, reason=error.message
    )


def channel_not_saved(name: str, error: mm.MattermostError) -> Text:
    return text(
        QT_TRANSLATE_NOOP("Engine", "Messages of “{name}” could not be saved: {reason}"),
        error,
        name=name,
        reason=error.message,
    )


def many_changes(name: str) -> LogMessage:
    """The server lists at most 1,000 changes: the whole chat is read again so that none is missed."""
    message = Text(
        QT_TRANSLATE_NOOP(
            "Engine",
            "Many changes in “{name}” since the last export: reading the whole chat again so that every "
            "change is saved.",
        ),
        {"name": name},
    )
    return LogMessage(str(message), message, notable=True)


def server_refusing(error: mm.MattermostError) -> Text:
    """The server refused every request for minutes (429): the run stops as if interrupted."""
    return text(
        QT_TRANSLATE_NOOP(
            "Engine",
            "The server refused every request for {minutes} minutes: it asks for fewer requests, and another "
            "program may be using up its limit. What was saved so far stays; start the export again later "
            "and it continues where it stopped.",
        ),
        error,
        minutes=f"{_minutes(error):.0f}",
    )


def _minutes(error: mm.MattermostError) -> float:
    return max(1.0, float(error.params.get("seconds", 60)) / 60)


def file_too_large(name: str) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("Engine", "“{name}” was left out: it is larger than the chosen limit."),
        {"name": name},
    )


def file_problem(job: FileJob, error: mm.MattermostError) -> Text:
    if isinstance(error, mm.NotFound):
        return text(QT_TRANSLATE_NOOP("Engine", "“{name}” is no longer on the server."), name=job.name)
    if isinstance(error, mm.Forbidden):
        return text(
            QT_TRANSLATE_NOOP("Engine", "“{name}” may not be downloaded (the server refused it)."),
            name=job.name,
        )
    return text(
        QT_TRANSLATE_NOOP("Engine", "“{name}” could not be downloaded: {reason}"),
        error,
        name=job.name,
        reason=error.message,
    )


def disk_problem(error: OSError, root: Path) -> Text:
    if error.errno in DISK_FULL:
        return text(
            QT_TRANSLATE_NOOP(
                "Engine",
                "The disk is full: nothing more fits into {folder}. Free some space and start the export again; "
                "it continues where it stopped and nothing saved so far is lost.",
            ),
            folder=str(root),
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return text(
            QT_TRANSLATE_NOOP(
                "Engine", "The program may not write into {folder}. Please choose another folder."
            ),
            folder=str(root),
        )
    return text(
        QT_TRANSLATE_NOOP(
            "Engine", "Writing into {folder} failed ({reason}). Start the export again to continue."
        ),
        folder=str(root),
        reason=error.strerror or str(error),
    )


def folder_gone(root: Path) -> Text:
    return text(
        QT_TRANSLATE_NOOP(
            "Engine",
            "The folder {folder} is not there any more: was the USB stick (the drive) pulled out? Nothing "
            "more was written. Plug it in again and start the export again: it continues where it stopped.",
        ),
        folder=str(root),
    )


def outcome(outcome: str, problems: int) -> Text:
    templates = {
        "done": QT_TRANSLATE_NOOP("Engine", "Everything was saved."),
        "incomplete": QT_TRANSLATE_NOOP(
            "Engine", "The export finished, but not everything could be saved ({count} left out); the archive lists what."
        ),
        "cancelled": QT_TRANSLATE_NOOP(
            "Engine", "The export was cancelled. Start it again to continue where it stopped."
        ),
        "token_expired": QT_TRANSLATE_NOOP(
            "Engine", "The sign-in has expired. Sign in again to continue where the export stopped."
        ),
        "failed": QT_TRANSLATE_NOOP("Engine", "The export stopped."),
    }
    return Text(templates.get(outcome, ""), {"count": problems})


# What the preparation is busy with (a slow server takes seconds for each): the front ends show it.
ASKING_FOR_CHATS = QT_TRANSLATE_NOOP("Engine", "Asking the server which chats you can read…")
LOOKING_UP_NAMES = QT_TRANSLATE_NOOP("Engine", "Looking up the names of the people you write with…")
CHECKING_FOLDER = QT_TRANSLATE_NOOP("Engine", "Checking what is already saved in the folder…")
SAVING_PEOPLE = QT_TRANSLATE_NOOP("Engine", "Saving the list of people and their pictures…")
WRITING_PAGES = QT_TRANSLATE_NOOP("Engine", "Writing the pages you can open in your browser…")
STILL_WAITING = QT_TRANSLATE_NOOP("Engine", "Still waiting for the server to answer {what} ({seconds} s so far)…")


def other_peoples_chat() -> Text:
    """Why a direct or group message an administrator's sign-in could read is not exported."""
    return Text(
        QT_TRANSLATE_NOOP(
            "Engine",
            "Not exported: this is a direct or group message between other people. A system administrator's "
            "sign-in can read it, but it belongs to the people in it; they can export it themselves.",
        )
    )
