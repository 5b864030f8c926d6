"""mmexport channels --team NAME --every-channel: every channel of a team for a system administrator.

Stalest first, so that the channels a coordinator may want to archive come first. As a table, as JSON
(--json: JSON Lines, one object per channel and line) or as CSV for a spreadsheet (--csv: UTF-8 with a byte order mark, semicolons for German, cells
guarded against formulas like the archive's messages.csv). Reads only; the server is never changed.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import UTC, datetime
from typing import BinaryIO

from mmexport import exitcodes
from mmexport.commands.common import (
    connect,
    counted,
    fail,
    local_minute,
    print_columns,
    write_json_lines,
)
from mmexport.exporting.writers.i18n import reader_language, zone_label
from mmexport.exporting.writers.text import spreadsheet_cell
from mmexport.mattermost import Client, Forbidden, MattermostError, NotFound
from mmexport.mattermost.every_channel import (
    NeedsAdministrator,
    TeamChannel,
    TeamNotFound,
    find_team,
    list_every_channel,
    team_channel_objects,
)
from mmexport.mattermost.naming import split_handle
from mmexport.plaintext import printable

OTHER_PEOPLES_CHAT = (
    "“{wanted}” is a direct or group message between other people. A system administrator's sign-in can "
    "read it, but it belongs to the people in it, so mmexport does not export it; they can export it "
    "themselves."
)

# Spreadsheet headers and words in the program's language (a CSV is for people; scripts take --json).
CSV_HEADERS = {
    "en": ("Team", "Team handle", "Channel", "Handle", "Type", "Archived", "Members", "Messages",
           "Last activity (UTC)", "Created by", "You a member", "Channel id"),
    "de": ("Team", "Team-Kennung", "Kanal", "Kennung", "Art", "Archiviert", "Mitglieder", "Nachrichten",
           "Letzte Aktivität (UTC)", "Erstellt von", "Sie Mitglied", "Kanal-ID"),
}  # fmt: skip
CSV_WORDS = {
    "en": {True: "yes", False: "no", "public": "public", "private": "private"},
    "de": {True: "ja", False: "nein", "public": "öffentlich", "private": "privat"},
}
# What the server's total_msg_count counts (SqlPostStore.SaveMultiple, 5.x to 11): every post and reply,
# system notices such as a changed header included, but not join and leave notices; deleting a message
# does not lower it. An archive holds every post the server still has, notices included.
MESSAGES_NOTE = (
    "Messages: as the server counts them (posts and replies, deleted ones included, join and leave "
    "notices not); an archive's start page counts the same way and lists the notices apart."
)


def run(args: argparse.Namespace) -> int:
    if not args.team:
        print("--every-channel needs the team: add --team NAME (the team's name as in its address, or its "
              "display name).", file=sys.stderr)  # fmt: skip
        return exitcodes.USAGE
    try:
        client, me = connect(args)
        with client:
            team = find_team(client, args.team)
            rows = list_every_channel(client, team, me["id"])
    except TeamNotFound as error:
        print(printable(str(error)), file=sys.stderr)
        return exitcodes.USAGE
    except MattermostError as error:
        return fail(error)
    hidden = [r for r in rows if r.archived and not args.include_archived]
    rows = [r for r in rows if args.include_archived or not r.archived]
    if args.json:
        write_json_lines([r.as_json() for r in rows])
    elif args.csv:
        write_csv(rows, sys.stdout.buffer, reader_language())
    else:
        print_table(rows, len(hidden))
    return exitcodes.OK


def write_csv(rows: list[TeamChannel], out: BinaryIO, lang: str = "en") -> None:
    """UTF-8 with a byte order mark (Excel), semicolons for German (its Excel expects them), cells that
    would start a formula guarded."""
    lang = "de" if lang == "de" else "en"
    words = CSV_WORDS[lang]
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";" if lang == "de" else ",", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_HEADERS[lang])
    for row in rows:
        data = row.as_json()
        writer.writerow(
            [
                spreadsheet_cell(data["team"]),
                spreadsheet_cell(data["team_name"]),
                spreadsheet_cell(data["display_name"]),
                spreadsheet_cell(data["handle"]),
                words[data["type"]],
                words[data["archived"]],
                "" if data["member_count"] is None else str(data["member_count"]),
                str(data["total_msg_count"]),
                _iso(data["last_post_at"]),
                spreadsheet_cell(data["creator"]),  # the username without "@": a leading @ reads as a formula
                words[data["member"]],
                data["id"],
            ]
        )
    out.write(text.getvalue().encode("utf-8-sig"))
    out.flush()


def print_table(rows: list[TeamChannel], archived_hidden: int = 0) -> None:
    # "Name" is the handle, as in `mmexport channels`: what --channel and mmctl take, never cut.
    headers = (f"Last activity ({zone_label()})", "Type", "Channel", "Name", "Members", "Messages",
               "Created by", "You")  # fmt: skip
    table = [
        (
            local_minute(r.last_post_at),
            r.kind + (", archived" if r.archived else ""),
            printable(r.display_name),
            printable(r.handle),
            "?" if r.member_count is None else str(r.member_count),
            str(r.messages),
            printable(f"@{r.creator['username']}") if r.creator else "",
            "member" if r.is_member else "-",
        )
        for r in rows
    ]
    print_columns(headers, table, right=(4, 5), cut={2: 40})
    not_member = sum(1 for r in rows if not r.is_member)
    print(f"\n{counted(len(rows), 'channel')}, {not_member:,} of them without you as a member. Stalest first.")
    if archived_hidden:
        hidden = f"{counted(archived_hidden, 'archived channel')} {'is' if archived_hidden == 1 else 'are'}"
        print(f"{hidden} not shown: add --include-archived to list them too.")
    print(MESSAGES_NOTE)


def _iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if ms else ""


class Refused(LookupError):
    """A chat that must not be exported this way (the message says why)."""


def select(client: Client, args: argparse.Namespace) -> list[str]:
    """The chats `mmexport export --every-channel` means; refuses other people's direct and group messages."""
    mine = {c["id"]: c for c in client.my_channels(include_archived=True)}
    if args.all:
        if not args.team:
            raise LookupError("--every-channel --all needs the team: add --team NAME.")
        team = find_team(client, args.team)
        channels = sorted(team_channel_objects(client, team["id"]).values(), key=lambda c: c["name"])
        return [c["id"] for c in channels if args.include_archived or not c.get("delete_at")]
    chosen = []
    teams: dict[str, dict] = {}  # each team of a team:channel handle is asked for once
    for wanted in args.channel:
        channel = mine.get(wanted) or _look_up(client, wanted, teams)
        if channel.get("type") in ("D", "G") and channel["id"] not in mine:
            raise Refused(OTHER_PEOPLES_CHAT.format(wanted=wanted))
        chosen.append(channel["id"])
    return chosen


def _look_up(client: Client, wanted: str, teams: dict[str, dict]) -> dict:
    """The chat by its id or its team:channel handle; `teams` keeps the teams found so far, by name."""
    handle = split_handle(wanted)
    try:
        if handle:
            team_name, channel_name = handle
            if team_name not in teams:
                teams[team_name] = find_team(client, team_name)
            return client.channel_by_name(teams[team_name]["id"], channel_name)
        return client.channel(wanted)
    except NotFound:
        raise LookupError(f"No chat “{wanted}” found on this server.") from None
    except Forbidden as error:
        raise NeedsAdministrator(detail=error.detail, status=error.status) from None
