"""mmexport channels: every chat the signed-in person can export, named as the web app names them."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime

from mmexport import exitcodes
from mmexport.commands.common import connect, counted, fail
from mmexport.mattermost import (
    Client,
    MattermostError,
    channel_display_name,
    dm_partner_id,
    natural_key,
)
from mmexport.mattermost.naming import name_display_of
from mmexport.plaintext import BIDI_CONTROLS, printable

TYPE_NAMES = {"O": "public", "P": "private", "D": "direct", "G": "group"}
_TYPE_ORDER = {"O": 0, "P": 1, "G": 2, "D": 3}


def run(args: argparse.Namespace) -> int:
    if getattr(args, "every_channel", False):
        from mmexport.commands import every_channel

        return every_channel.run(args)
    if getattr(args, "csv", False) or getattr(args, "team", None):
        print("--csv and --team go with --every-channel.", file=sys.stderr)
        return exitcodes.USAGE
    try:
        client, me = connect(args)
        with client:
            rows = channel_rows(client, me, include_archived=args.include_archived)
    except MattermostError as error:
        return fail(error)
    if args.json:
        sys.stdout.write(json_for_terminal(rows) + "\n")
    else:
        print_table(rows)
    return exitcodes.OK


def channel_rows(client: Client, me: dict, include_archived: bool = False) -> list[dict]:
    """One plain dict per channel: what `--json` prints and the table shows."""
    teams = {t["id"]: t for t in client.my_teams()}
    channels = client.my_channels(include_archived=include_archived)
    setting = name_display_of(client)
    gm_ids = [c["id"] for c in channels if c.get("type") == "G"]
    gm_members = client.group_channel_members(gm_ids) if gm_ids else {}
    wanted = {me["id"]}
    for channel in channels:
        partner = dm_partner_id(channel, me["id"]) if channel.get("type") == "D" else None
        if partner:
            wanted.add(partner)
    users = {u["id"]: u for u in client.users_by_ids(sorted(wanted))}
    users[me["id"]] = me
    rows = [_row(c, teams, me["id"], users, setting, gm_members.get(c["id"])) for c in channels]
    rows.sort(key=lambda r: (r["team"] == "", natural_key(r["team"]), _TYPE_ORDER[r["_type"]],
                             natural_key(r["display_name"])))  # fmt: skip
    for row in rows:
        del row["_type"]
    return rows


def _row(channel: dict, teams: dict, my_id: str, users: dict, setting: str, members: list | None) -> dict:
    team = teams.get(channel.get("team_id") or "")
    return {
        "id": channel["id"],
        "team": (team.get("display_name") or team.get("name", "")) if team else "",
        "team_name": team.get("name", "") if team else "",
        "type": TYPE_NAMES.get(channel.get("type", ""), channel.get("type", "")),
        "name": channel.get("name", ""),
        "display_name": channel_display_name(channel, my_id, users, setting, members),
        "archived": bool(channel.get("delete_at")),
        "total_msg_count": channel.get("total_msg_count", 0),
        "last_post_at": channel.get("last_post_at", 0),
        "_type": channel.get("type", "O") if channel.get("type") in _TYPE_ORDER else "O",
    }


_LITERAL_CONTROLS = str.maketrans({c: f"\\u{ord(c):04x}" for c in [*map(chr, range(0x7F, 0xA0)), *BIDI_CONTROLS]})


def json_for_terminal(rows: list[dict]) -> str:
    """JSON as it is (names unchanged), with C1 and bidi controls written as \\u escapes: json already
    escapes C0 controls, and a terminal must not act on the others either."""
    return json.dumps(rows, ensure_ascii=False, indent=2).translate(_LITERAL_CONTROLS)


def print_table(rows: list[dict]) -> None:
    headers = ("Team", "Type", "Name", "Messages", "Last activity")
    table = [
        (
            printable(row["team"] or "(direct messages)"),
            printable(row["type"] + (", archived" if row["archived"] else "")),
            printable(row["display_name"]),
            str(row["total_msg_count"]),
            _date(row["last_post_at"]),
        )
        for row in rows
    ]
    widths = [max([len(h)] + [len(r[i]) for r in table]) for i, h in enumerate(headers)]
    widths[2] = min(widths[2], 50)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for values in table:
        cells = [_fit(v, w) for v, w in zip(values, widths, strict=True)]
        cells[3] = values[3].rjust(widths[3])
        print("  ".join(cells).rstrip())
    print(f"\n{counted(len(rows), 'channel')}.")


def _fit(text: str, width: int) -> str:
    return (text[: width - 1] + "…") if len(text) > width else text.ljust(width)


def _date(ms: int | None) -> str:
    if not ms:
        return "never"
    return datetime.fromtimestamp(ms / 1000).astimezone().strftime("%Y-%m-%d %H:%M")
