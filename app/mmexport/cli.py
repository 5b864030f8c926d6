"""The command line: argument parsing only. Each command's work lives in mmexport.commands.<name>."""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import sys

from mmexport import __version__, exitcodes
from mmexport.exporting import formats


def _add_server(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--server", required=required, help="server address, e.g. chat.example.org")
    p.add_argument(
        "--token-stdin",
        action="store_true",
        help="read the sign-in token from standard input (otherwise MMEXPORT_TOKEN or the saved one)",
    )


def _formats(text: str) -> list[str]:
    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in formats.all_keys()]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(formats.all_keys())}"
        )
    return chosen


def _formats_help(default: list[str]) -> str:
    """The registered formats (exporting/formats/), each with its one line; '%' doubled for argparse."""
    listed = ", ".join(f"{key} ({text})" for key, text in formats.descriptions("en"))
    return f"comma-separated, from: {listed}; default {','.join(default)}".replace("%", "%%")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mmexport",
        description="Save Mattermost chats into a folder you can open and read offline.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check that the program is complete and works, then exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="open the wizard (the default)")
    p.add_argument("--demo", action="store_true", help="start on the built-in demo server")

    p = sub.add_parser("check", help="who am I, which server version")
    _add_server(p)

    p = sub.add_parser("login", help="sign in through your browser (single sign-on) and keep the sign-in")
    p.add_argument("--server", required=True, help="server address, e.g. chat.example.org")
    p.add_argument("--browser", action="store_true", help="sign in through the browser (GitLab, SAML, ...)")
    p.add_argument("--provider", help="which sign-in service, if the server offers several (e.g. gitlab)")
    p.add_argument(
        "--print-token",
        action="store_true",
        help="print the new session token to standard output instead of saving it",
    )

    p = sub.add_parser("channels", help="list what can be exported")
    _add_server(p)
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON object per channel and line (JSON Lines)")
    output.add_argument("--csv", action="store_true", help="a spreadsheet (with --every-channel)")
    p.add_argument("--include-archived", action="store_true")
    p.add_argument(
        "--every-channel",
        action="store_true",
        help="system administrators: every channel of --team, yours or not, stalest first",
    )
    p.add_argument(
        "--team",
        metavar="NAME",
        help="the team (its name as in the address, or its display name), with --every-channel",
    )

    p = sub.add_parser("export", help="export chats into a folder (re-run to resume or update)")
    _add_server(p)
    p.add_argument("--out", required=True, help="archive folder")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every chat you can read")
    which.add_argument(
        "--channel",
        action="append",
        metavar="ID_OR_TEAM/NAME",
        help="a channel id or team/channel-name; repeat for more",
    )
    p.add_argument("--include-archived", action="store_true")
    p.add_argument(
        "--every-channel",
        action="store_true",
        help="system administrators: also channels you are not a member of (--all then needs --team)",
    )
    p.add_argument("--team", metavar="NAME", help="with --every-channel --all: every channel of this team")
    p.add_argument("--after", metavar="DATE", help="only messages on or after this date (YYYY-MM-DD)")
    p.add_argument("--before", metavar="DATE", help="only messages before this date (YYYY-MM-DD)")
    p.add_argument("--no-files", action="store_true", help="leave attachments out")
    p.add_argument("--max-file-size", metavar="MB", type=float, help="skip attachments larger than this")
    p.add_argument("--no-avatars", action="store_true")
    p.add_argument("--no-emoji", action="store_true")
    p.add_argument(
        "--keep-user-details",
        action="store_true",
        help="keep every detail the server gives about people in users.json (e-mail, position, roles ...)",
    )
    defaults = formats.default_keys()
    p.add_argument("--formats", type=_formats, default=defaults, help=_formats_help(defaults))
    p.add_argument("--jobs", type=int, default=4, help="parallel requests (default 4)")
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser("verify", help="re-check every file of an archive against its manifest")
    p.add_argument("dir")

    p = sub.add_parser("render", help="write the viewer and text formats again from an archive")
    p.add_argument("dir")
    p.add_argument("--formats", type=_formats, default=["html"], help=_formats_help(["html"]))

    p = sub.add_parser("convert", help="turn an archive into an import file for another system")
    p.add_argument("dir")
    p.add_argument("--to", required=True, choices=["mattermost", "slack"])
    p.add_argument("out", help="the .zip file to write")

    p = sub.add_parser("demo-server", help="run the built-in demo Mattermost server")
    p.add_argument("--port", type=int, default=8065)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--latency-ms", type=int, default=0)
    p.add_argument("--rate-limit", type=float, metavar="PER_SEC")
    p.add_argument("--burst", type=int)
    p.add_argument("--size", choices=["small", "large"], default="small")
    p.add_argument("--token-expiry-requests", type=int, metavar="N")
    p.add_argument("--token-expiry-seconds", type=float, metavar="S")
    p.add_argument("--fault-rate", type=float, default=0.0, help="share of requests answered 500")
    p.add_argument("--drop-rate", type=float, default=0.0, help="share of connections dropped")
    p.add_argument("--server-version", default=None)
    p.add_argument(
        "--name-display",
        choices=["username", "nickname_full_name", "full_name"],
        default="full_name",
        help="the server's TeammateNameDisplay: how people are named (default full_name)",
    )
    p.add_argument(
        "--real-costs",
        action="store_true",
        help="channel-posts requests take as long as on a real Mattermost server (for benchmarks)",
    )
    p.add_argument(
        "--windows-names",
        action="store_true",
        help="adds a team, channels and files named as Windows refuses (CON, a:b, 240 characters ...)",
    )
    return parser


def unicode_when_redirected() -> None:
    """Output into a file or a pipe in UTF-8 where the system would use a narrower code page.

    Windows writes redirected output in its ANSI code page (cp1252), which lacks letters of people's names
    (Dilara Yılmaz): `mmexport channels > list.txt` ended in "Something unexpected went wrong
    (UnicodeEncodeError)" (found by `make windows-check`). UTF-8 is what JSON and CSV readers expect; a
    console keeps its own encoding (Python writes Unicode to it directly)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if stream is None or encoding in ("utf8", "utf16", "utf32") or stream.isatty():
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    # In a frozen bundle the viewer's worker processes start this same program: this turns them into
    # workers before any argument is parsed (a no-op when running from source).
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from mmexport.selftest import main as self_test

        return self_test()
    command = args.command or "gui"
    unicode_when_redirected()
    from mmexport.commands.common import take_token_from_environment

    take_token_from_environment()  # before anything starts a process that would inherit it
    if command == "gui":
        from mmexport.gui.app import main as gui_main

        return gui_main(demo=getattr(args, "demo", False))
    module = importlib.import_module(f"mmexport.commands.{command.replace('-', '_')}")
    try:
        code = int(module.run(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the net below, not at the interpreter's exit
        return code
    except KeyboardInterrupt:
        print("Cancelled.", file=sys.stderr)
        return exitcodes.CANCELLED
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as error:  # the last net: a plain sentence and the log, never a traceback
        return _unexpected(error)


def _reader_went_away() -> int:
    """`mmexport channels | head -1`: the reader has all it wanted and closed the pipe. Nothing is wrong;
    stdout is pointed at the null device so that Python's own flush at exit does not complain either."""
    import os

    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), sys.stdout.fileno())
    return exitcodes.OK


def _unexpected(error: Exception) -> int:
    import logging

    from mmexport.logsetup import log_file_path
    from mmexport.plaintext import printable

    logging.getLogger("mmexport").exception("unexpected error")
    print(
        printable(f"Something unexpected went wrong ({type(error).__name__}). Details are in {log_file_path()}."),
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
