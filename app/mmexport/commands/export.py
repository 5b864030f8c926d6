"""mmexport export: the engine from a terminal, with a one-line progress display."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import TextIO

from mmexport import exitcodes
from mmexport.archive import guard
from mmexport.archive.layout import INDEX
from mmexport.archive.reader import Archive
from mmexport.commands import every_channel
from mmexport.commands.common import connect, counted, fail
from mmexport.exporting import events as ev
from mmexport.exporting.engine import Exporter, folder_problem
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.server_commands import is_admin_export, server_commands
from mmexport.exporting.writers.i18n import reader_language
from mmexport.mattermost import Client
from mmexport.mattermost.errors import MattermostError
from mmexport.mattermost.naming import split_handle
from mmexport.plaintext import printable, printable_block

log = logging.getLogger(__name__)

OUTCOME_EXIT = {
    "done": exitcodes.OK,
    "incomplete": exitcodes.INCOMPLETE,
    "cancelled": exitcodes.CANCELLED,
    "token_expired": exitcodes.SIGN_IN,
    "disk_full": exitcodes.DISK_FULL,
    "not_yours": exitcodes.SOMEONE_ELSES_ARCHIVE,
    "no_folder": exitcodes.NO_FOLDER,
    "failed": 1,
}


def run(args: argparse.Namespace) -> int:
    try:
        options = options_from_args(args)
    except ValueError as error:
        print(error, file=sys.stderr)
        return exitcodes.USAGE
    out = Path(args.out).expanduser()
    problem = folder_problem(out)
    if problem:
        print(printable(problem), file=sys.stderr)
        return exitcodes.USAGE
    if not out.absolute().parent.is_dir():  # at most the folder itself is made, never a missing drive's path
        print(printable(guard.missing_parent_text(out)), file=sys.stderr)
        return exitcodes.NO_FOLDER
    try:
        client, _me = connect(args)
        channel_ids = select_channels(client, args, already_saved(out))
    except MattermostError as error:
        return fail(error)
    except LookupError as error:
        print(printable(error), file=sys.stderr)
        return exitcodes.USAGE
    display = ProgressDisplay(quiet=args.quiet)
    exporter = Exporter(client, out, channel_ids, options, on_event=display.on_event, lang=reader_language())
    try:
        result = run_interruptibly(exporter)
    except ExportCrashed as error:
        display.close()
        print(
            f"The export stopped because of an unexpected error ({error}). What was saved so far stays in "
            f"{out}; run the same command again to continue. The log file has the details.",
            file=sys.stderr,
        )
        return 1
    display.close()
    return report(result)


def options_from_args(args: argparse.Namespace) -> ExportOptions:
    if args.jobs < 1 or args.jobs > 32:
        raise ValueError("--jobs must be between 1 and 32.")
    return ExportOptions(
        after=parse_date(args.after, "--after"),
        before=parse_date(args.before, "--before"),
        include_archived=args.include_archived,
        files=not args.no_files,
        max_file_size=int(args.max_file_size * 1024 * 1024) if args.max_file_size else None,
        avatars=not args.no_avatars,
        custom_emoji=not args.no_emoji,
        formats=list(dict.fromkeys(["json", *args.formats])),
        jobs=args.jobs,
        every_channel=bool(getattr(args, "every_channel", False)),
        keep_user_details=bool(getattr(args, "keep_user_details", False)),
    )


def parse_date(text: str | None, flag: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).astimezone()  # a plain date means local midnight
    except ValueError:
        raise ValueError(f"{flag} expects a date like 2024-03-31, not “{text}”.") from None


def already_saved(out: Path) -> set[str]:
    """Ids of the chats an earlier run saved into this folder."""
    try:
        return {str(entry.get("id")) for entry in Archive(out).channel_entries() if isinstance(entry, dict)}
    except (OSError, ValueError, AttributeError):
        return set()


def select_channels(client: Client, args: argparse.Namespace, saved: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """--all: every chat that is not archived, and every chat saved here before even if it was archived
    since (an update must not drop it silently); --include-archived: all of them."""
    if getattr(args, "every_channel", False):
        return every_channel.select(client, args)
    channels = client.my_channels(include_archived=args.include_archived or bool(args.channel) or bool(saved))
    if args.all:
        return [
            c["id"] for c in channels if args.include_archived or not c.get("delete_at") or c["id"] in saved
        ]
    by_id = {c["id"]: c for c in channels}
    teams = {t["name"].lower(): t["id"] for t in client.my_teams()}
    chosen = []
    for wanted in args.channel:
        if wanted in by_id:
            chosen.append(wanted)
            continue
        team, name = split_handle(wanted) or ("", "")
        team_id = teams.get(team.lower())
        match = [c for c in channels if c.get("team_id") == team_id and c.get("name") == name] if name else []
        if not match:
            raise LookupError(
                f"No chat “{wanted}” found. Use a channel id or team:channel as listed by “mmexport channels”"
                " (a system administrator can add --every-channel for channels they are not a member of)."
            )
        chosen.append(match[0]["id"])
    return chosen


class ExportCrashed(Exception):
    """The export thread ended with an error the engine did not turn into an outcome (a bug)."""


def run_interruptibly(exporter: Exporter) -> ev.RunFinished:
    """Runs the export in a thread so that Ctrl-C in the main thread can stop it in order: the engine
    then writes index.html and README.txt of what is saved. A second Ctrl-C quits at once (index.html is
    written first, so even then the archive opens). The thread's result or error always comes back.

    The main thread waits on an Event the export thread sets last, not on Thread.join: a Ctrl-C that
    interrupts join() can leave the thread marked as finished while it still runs (CPython gh-90882),
    which is how the result used to be lost (an IndexError instead of exit code 130)."""
    outcome: list[ev.RunFinished] = []
    crash: list[BaseException] = []
    over = threading.Event()

    def export() -> None:
        try:
            outcome.append(exporter.run())
        except BaseException as error:  # handed to the main thread, never lost with the thread
            crash.append(error)
        finally:
            over.set()

    threading.Thread(target=export, name="export", daemon=True).start()
    try:
        _wait_for(over)
    except KeyboardInterrupt:
        print(
            "\nStopping… writing index.html of what is saved so far (Ctrl-C again quits at once). "
            "Run the same command again to continue.",
            file=sys.stderr,
        )
        exporter.cancel()
        _wait_for(over)  # a second Ctrl-C ends up in cli.main: "Cancelled.", exit 130
    if crash:
        log.error("the export stopped with an unexpected error", exc_info=crash[0])
        raise ExportCrashed(str(crash[0]) or type(crash[0]).__name__) from crash[0]
    return outcome[0]


def _wait_for(over: threading.Event) -> None:
    while not over.wait(0.2):
        pass


def report(result: ev.RunFinished) -> int:
    for problem in result.problems:
        print(f"  not saved: {printable(problem['what'])}", file=sys.stderr)
    stream = sys.stdout if result.outcome in ("done", "incomplete") else sys.stderr
    print(printable(result.message), file=stream)
    if result.outcome in ("done", "incomplete"):
        summary = ", ".join(
            (counted(result.channels, "chat"), _messages(result.posts, result.notices), counted(result.files, "file"))
        )
        print(printable(f"{summary} in {result.archive_dir}"))
        print(printable(f"Open {Path(result.archive_dir) / INDEX} to read them."))
        print_server_commands(Path(result.archive_dir))
    index = Path(result.archive_dir) / INDEX
    if result.outcome not in ("done", "incomplete") and index.exists():
        print(printable(f"What was saved so far is readable: open {index}"), file=sys.stderr)
    if result.outcome == "token_expired":
        print(
            "Set a fresh token (MMEXPORT_TOKEN or --token-stdin) and run the same command again.",
            file=sys.stderr,
        )
    return OUTCOME_EXIT.get(result.outcome, 1)


def print_server_commands(folder: Path) -> None:
    """After an administrator's export: check the archive, then the server's own commands, to copy."""
    manifest = Archive(folder).manifest
    if not is_admin_export(manifest):
        return
    commands = server_commands(folder, manifest)
    lines = ["", "Next: check the archive, keep a copy, then tidy up with the server's own tool (mmexport never",
             "changes the server). Archive first (it can be undone), delete only later (it cannot):",
             f"  {commands.verify}"]  # fmt: skip
    lines += [f"  {command}" for command in commands.script().splitlines()]
    if commands.incomplete:
        lines.append("Not saved completely, so do not delete: " + ", ".join(commands.incomplete))
    print(printable_block("\n".join(lines)))


class ProgressDisplay:
    """One updating line on a terminal; plain lines when the output is a file or pipe."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = self.stream.isatty()
        self._width = 0

    def on_event(self, event: ev.Event) -> None:
        if self.quiet:
            return
        if isinstance(event, ev.OverallProgress) and self.live:
            self._line(progress_line(event))
        elif isinstance(event, ev.ChannelFinished):
            name = f"{event.name} ({event.team})" if event.team else event.name
            if event.complete:
                self._print(f"✓ {name}: {_messages(event.posts, event.notices)}, {counted(event.files, 'file')}")
            else:
                self._print(f"✗ {name}: not saved completely (the problem is listed above)")
        elif isinstance(event, ev.NetworkWait):
            self._print(f"… {event.reason} Trying again in {event.seconds:.0f} s.")
        elif isinstance(event, ev.ProblemFound):
            self._print(f"! {event.what}")
        elif isinstance(event, ev.LogMessage) and event.notable:
            self._print(f"… {event.text}")
        elif isinstance(event, ev.RunStarted):
            self._print(run_started_line(event))

    def _line(self, text: str) -> None:
        pad = max(0, self._width - len(text))
        self.stream.write("\r" + printable(text) + " " * pad)
        self.stream.flush()
        self._width = len(text)

    def _print(self, text: str) -> None:
        if self.live and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0
        print(printable(text), file=self.stream, flush=True)  # names from the server: no escapes

    def close(self) -> None:
        if self.live and self._width:
            self.stream.write("\n")
            self.stream.flush()


def run_started_line(event: ev.RunStarted) -> str:
    """What this run does: a fresh export, the rest of an unfinished one, or an update of a finished one."""
    messages = counted(event.posts_expected, "message")
    if event.resumed:
        return f"Continuing {counted(event.channels, 'chat')} (about {messages} to go)…"
    new = event.channels - event.updating
    if event.updating and new:
        return (
            f"Bringing {counted(event.updating, 'chat')} up to date and exporting {new:,} more "
            f"(about {messages} new)…"
        )
    if event.updating:
        return f"Bringing {counted(event.updating, 'chat')} up to date (about {messages} new)…"
    return f"Exporting {counted(event.channels, 'chat')} (about {messages})…"


def progress_line(p: ev.OverallProgress) -> str:
    parts = [
        f"[{p.channels_done}/{counted(p.channels_total, 'chat')}]",
        f"{p.posts_done:,}/{counted(p.posts_expected, 'message')}",
        f"{counted(p.files_done, 'file')} ({p.bytes_done / 1e6:,.1f} MB)",
    ]
    if p.posts_per_second:
        parts.append(f"{p.posts_per_second:,.0f} msg/s")
    if p.eta_seconds is not None:
        parts.append(f"{format_duration(p.eta_seconds)} left")
    return " · ".join(parts)


def format_duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def _messages(posts: int, notices: int) -> str:
    """Messages counted as the server's channel listing counts them (`mmexport channels`): join and leave
    notices are saved too, but named apart, so that the two numbers can be compared."""
    text = counted(posts - notices, "message")
    return f"{text} (and {counted(notices, 'join/leave notice')})" if notices else text
