"""mmexport channels: every chat the signed-in person can export, named as the web app names them."""

from __future__ import annotations

import argparse
import sys

from mmexport import exitcodes
from mmexport.commands.common import (
    connect,
    counted,
    fail,
    local_minute,
    print_columns,
    write_json_lines,
)
from mmexport.exporting.writers.i18n import zone_label
from mmexport.mattermost import (
    Client,
    MattermostError,
    channel_display_name,
    dm_partner_id,
    natural_key,
)
from mmexport.mattermost.naming import channel_handle, name_display_of
from mmexport.plaintext import printable

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
        write_json_lines(rows)
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
        # What --channel takes: team:channel (mmctl's handle too); a direct or group message its id.
        "handle": channel_handle(team.get("name", ""), channel.get("name", "")) if team else channel["id"],
        "display_name": channel_display_name(channel, my_id, users, setting, members),
        "archived": bool(channel.get("delete_at")),
        "total_msg_count": channel.get("total_msg_count", 0),
        "last_post_at": channel.get("last_post_at", 0),
        "_type": channel.get("type", "O") if channel.get("type") in _TYPE_ORDER else "O",
    }


def print_table(rows: list[dict]) -> None:
    # "Name" is the handle, as in `--every-channel`: what --channel takes; never cut.
    headers = ("Team", "Type", "Channel", "Name", "Messages", f"Last activity ({zone_label()})")
    table = [
        (
            printable(row["team"] or "(direct messages)"),
            printable(row["type"] + (", archived" if row["archived"] else "")),
            printable(row["display_name"]),
            printable(row["handle"]),
            str(row["total_msg_count"]),
            local_minute(row["last_post_at"]),
        )
        for row in rows
    ]
    print_columns(headers, table, right=(4,), cut={2: 50})
    print(f"\n{counted(len(rows), 'channel')}.")
