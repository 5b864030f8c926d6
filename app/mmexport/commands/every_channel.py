"""mmexport channels --team NAME --every-channel: every channel of a team for a system administrator.

Stalest first, so that the channels a coordinator may want to archive come first. As a table, as JSON
(--json) or as CSV for a spreadsheet (--csv: UTF-8 with a byte order mark, semicolons for German, cells
guarded against formulas like the archive's messages.csv). Reads only; the server is never changed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import UTC, datetime
from typing import BinaryIO

from mmexport import exitcodes
from mmexport.commands.common import connect, counted, fail
from mmexport.exporting.writers.i18n import reader_language
from mmexport.exporting.writers.text import spreadsheet_cell
from mmexport.mattermost import Client, Forbidden, MattermostError, NotFound
from mmexport.mattermost.every_channel import (
    NeedsAdministrator,
    TeamChannel,
    list_every_channel,
    team_channel_objects,
)

OTHER_PEOPLES_CHAT = (
    "“{wanted}” is a direct or group message between other people. A system administrator's sign-in can "
    "read it, but it belongs to the people in it, so mmexport does not export it; they can export it "
    "themselves."
)

CSV_COLUMNS = ("team", "type", "name", "display_name", "archived", "member_count", "total_msg_count",
               "last_post_at", "creator", "member", "id")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    if not args.team:
        print("--every-channel needs the team: add --team NAME (the team's name as in its address).",
              file=sys.stderr)  # fmt: skip
        return exitcodes.USAGE
    try:
        client, me = connect(args)
        with client:
            team = client.team_by_name(args.team.strip().lower())
            rows = list_every_channel(client, team, me["id"])
    except NotFound:
        print(f"There is no team “{args.team}” on this server (use the name from the team's address).",
              file=sys.stderr)  # fmt: skip
        return exitcodes.USAGE
    except MattermostError as error:
        return fail(error)
    if args.json:
        json.dump([r.as_json() for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.csv:
        write_csv(rows, sys.stdout.buffer, delimiter=";" if reader_language() == "de" else ",")
    else:
        print_table(rows)
    return exitcodes.OK


def write_csv(rows: list[TeamChannel], out: BinaryIO, delimiter: str = ",") -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.as_json()
        writer.writerow(
            [
                spreadsheet_cell(data["team"]),
                data["type"],
                spreadsheet_cell(data["name"]),
                spreadsheet_cell(data["display_name"]),
                "yes" if data["archived"] else "no",
                "" if data["member_count"] is None else str(data["member_count"]),
                str(data["total_msg_count"]),
                _iso(data["last_post_at"]),
                spreadsheet_cell(data["creator"]),
                "yes" if data["member"] else "no",
                data["id"],
            ]
        )
    out.write(text.getvalue().encode("utf-8-sig"))
    out.flush()


def print_table(rows: list[TeamChannel]) -> None:
    # "Name" is what --channel TEAM/NAME takes; display names may differ from it entirely.
    headers = ("Last activity", "Type", "Channel", "Name", "Members", "Messages", "Created by", "You")
    table = [
        (
            _local(r.last_post_at),
            r.kind + (", archived" if r.archived else ""),
            r.display_name,
            str(r.channel.get("name") or ""),
            "?" if r.member_count is None else str(r.member_count),
            str(r.messages),
            f"@{r.creator['username']}" if r.creator else "",
            "member" if r.is_member else "-",
        )
        for r in rows
    ]
    widths = [max([len(h)] + [len(row[i]) for row in table]) for i, h in enumerate(headers)]
    widths[2], widths[3] = min(widths[2], 40), min(widths[3], 40)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for values in table:
        cells = [_fit(v, w) for v, w in zip(values, widths, strict=True)]
        cells[4], cells[5] = values[4].rjust(widths[4]), values[5].rjust(widths[5])
        print("  ".join(cells).rstrip())
    not_member = sum(1 for r in rows if not r.is_member)
    print(f"\n{counted(len(rows), 'channel')}, {not_member:,} of them without you as a member. Stalest first.")


def _fit(text: str, width: int) -> str:
    return (text[: width - 1] + "…") if len(text) > width else text.ljust(width)


def _local(ms: int) -> str:
    if not ms:
        return "never"
    return datetime.fromtimestamp(ms / 1000).astimezone().strftime("%Y-%m-%d %H:%M")


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
        team = _team(client, args.team)
        channels = sorted(team_channel_objects(client, team["id"]).values(), key=lambda c: c["name"])
        return [c["id"] for c in channels if args.include_archived or not c.get("delete_at")]
    chosen = []
    for wanted in args.channel:
        channel = mine.get(wanted) or _look_up(client, wanted)
        if channel.get("type") in ("D", "G") and channel["id"] not in mine:
            raise Refused(OTHER_PEOPLES_CHAT.format(wanted=wanted))
        chosen.append(channel["id"])
    return chosen


def _team(client: Client, name: str) -> dict:
    try:
        return client.team_by_name(name.strip().lower())
    except NotFound:
        raise LookupError(f"There is no team “{name}” on this server.") from None


def _look_up(client: Client, wanted: str) -> dict:
    team_name, slash, name = wanted.partition("/")
    try:
        if slash and name:
            return client.channel_by_name(_team(client, team_name)["id"], name)
        return client.channel(wanted)
    except NotFound:
        raise LookupError(f"No chat “{wanted}” found on this server.") from None
    except Forbidden as error:
        raise NeedsAdministrator(detail=error.detail, status=error.status) from None
