"""A coordinator's every-channel listing and export, over HTTP against the demo server's administrator.

The demo grants roles as the real server does (demo/roles.py, demo/admin_api.py): kim.koordination is a
system administrator in every team but only in its town square; claudia is a team administrator, which
is not enough; anna is an ordinary member.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.integration.export_helpers import archive_post_ids, server_post_ids
from tests.integration.test_cli_check import no_traceback, run_cli

from mmexport import exitcodes
from mmexport.archive.reader import Archive
from mmexport.demo.roles import COORDINATOR, OLD_GROUP, TEAM_ADMIN
from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.exporting.verify import verify_archive
from mmexport.mattermost import Client


@pytest.fixture(scope="module")
def admin_token(shared_demo_server) -> str:
    return shared_demo_server.issue_token(COORDINATOR)


def team_channels(server, team_name: str) -> list[dict]:
    ws = server.workspace
    team = ws.team_by_name(team_name)
    return [c for c in ws.channels.values() if c["team_id"] == team["id"]]


def listing(server, token: str, team: str, *extra: str):
    return run_cli("channels", "--server", server.url, "--team", team, "--every-channel", *extra, token=token)


def json_lines(text: str) -> list[dict]:
    """--json prints JSON Lines: one object per channel and line."""
    lines = text.splitlines()
    return [json.loads(line) for line in lines]


def test_admin_lists_every_kind_with_counts_stalest_first(shared_demo_server, admin_token):
    server, ws = shared_demo_server, shared_demo_server.workspace
    result = listing(server, admin_token, "verwaltung", "--json", "--include-archived")
    assert result.returncode == exitcodes.OK, result.stderr
    rows = json_lines(result.stdout)
    expected = team_channels(server, "verwaltung")
    assert sorted(r["id"] for r in rows) == sorted(c["id"] for c in expected)
    kinds = {(r["type"], r["archived"]) for r in rows}
    assert kinds == {("public", False), ("private", False), ("public", True), ("private", True)}
    old_group = next(r for r in rows if r["name"] == OLD_GROUP[1])  # only GET /channels lists this one
    assert old_group["type"] == "private" and old_group["archived"] and old_group["member"] is False
    admin_id = ws.user_by_username(COORDINATOR)["id"]
    for row in rows:
        channel = ws.channels[row["id"]]
        assert row["member_count"] == len(ws.channel_members[row["id"]])
        assert row["total_msg_count"] == channel["total_msg_count"]
        assert row["last_post_at"] == channel["last_post_at"]
        assert row["creator"] == ws.users[channel["creator_id"]]["username"]
        assert row["member"] == (admin_id in ws.channel_members[row["id"]])
        assert row["handle"] == f"verwaltung:{channel['name']}"
    assert [r["name"] for r in rows if r["member"]] == ["town-square"]
    times = [r["last_post_at"] for r in rows]
    assert times == sorted(times), "stalest first"
    assert rows[0]["name"] == OLD_GROUP[1]


def test_admin_table_and_csv(shared_demo_server, admin_token):
    server = shared_demo_server
    table = listing(server, admin_token, "forschung", "--include-archived")
    assert table.returncode == exitcodes.OK, table.stderr
    lines = table.stdout.splitlines()
    header = lines[0]
    assert header.startswith("Last activity (UTC") and header.split()[3:] == [
        "Type", "Channel", "Name", "Members", "Messages", "Created", "by", "You",
    ]  # fmt: skip
    assert "Geheimprojekt" in lines[1] and "forschung:geheimprojekt" in lines[1]  # the stalest heads the list
    assert "14 channels, 13 of them without you as a member." in table.stdout
    assert "join and leave notices" in table.stdout  # what the message counts include

    result = run_cli(
        "channels", "--server", server.url, "--team", "forschung", "--every-channel", "--csv",
        "--include-archived", token=admin_token,
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stderr
    raw = result.stdout.encode("utf-8")
    assert raw.startswith("\ufeff".encode())  # Excel reads the umlauts only with the byte order mark
    text = result.stdout.lstrip("\ufeff")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    assert len(rows) == len(team_channels(server, "forschung"))
    german = delimiter == ";"
    channel, handle, team_handle = ("Kanal", "Kennung", "Team-Kennung") if german else ("Channel", "Handle", "Team handle")
    assert {r[channel] for r in rows} >= {"Geheimprojekt", "Labor & Geräte", "Archiv 2023"}
    assert {r[team_handle] for r in rows} == {"forschung"}
    assert "forschung:geheimprojekt" in {r[handle] for r in rows}
    last = "Letzte Aktivität (UTC)" if german else "Last activity (UTC)"
    assert [r[last] for r in rows] == sorted(r[last] for r in rows)
    assert {r["Sie Mitglied" if german else "You a member"] for r in rows} == ({"ja", "nein"} if german else {"yes", "no"})


@pytest.mark.parametrize(("lang", "words"), [("de", {"ja", "nein"}), ("en", {"yes", "no"})])
def test_csv_speaks_the_programs_language(shared_demo_server, admin_token, lang, words):
    from mmexport.commands.every_channel import write_csv
    from mmexport.mattermost.every_channel import list_every_channel

    client = Client(shared_demo_server.url, admin_token)
    team = client.team_by_name("forschung")
    rows = list_every_channel(client, team, client.me()["id"])
    out = io.BytesIO()
    write_csv(rows, out, lang)
    text = out.getvalue().decode("utf-8-sig")
    parsed = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "de" else ","))
    header = parsed[0]
    assert ("Kennung" if lang == "de" else "Handle") in header
    member_column = header.index("Sie Mitglied" if lang == "de" else "You a member")
    assert {row[member_column] for row in parsed[1:]} == words
    assert "total_msg_count" not in text and "last_post_at" not in text
    creators = {row[header.index("Erstellt von" if lang == "de" else "Created by")] for row in parsed[1:]}
    assert "dilara" in creators and not any(c.startswith(("'", "@")) for c in creators)  # no formula guard needed


def test_long_handles_are_never_cut_and_go_back_into_channel(demo_server, tmp_path):
    from mmexport.demo.generate import new_channel

    ws = demo_server.workspace
    team = ws.team_by_name("lehre")
    start = next(c for c in team_channels(demo_server, "lehre"))["create_at"]
    anna = ws.user_by_username("anna")["id"]
    long_name = "adv2-long-" + "c" * 50
    new_channel(ws, team["id"], long_name, "Case Channel", "O", [anna], start)
    new_channel(ws, team["id"], "case-channel-2", "case channel", "O", [anna], start)
    token = demo_server.issue_token(COORDINATOR)
    table = listing(demo_server, token, "lehre")
    assert f"lehre:{long_name}" in table.stdout  # whole, copyable
    lines = {line for line in table.stdout.splitlines() if "ase Channel" in line or "ase channel" in line}
    assert any("Case Channel" in x and f"lehre:{long_name}" in x for x in lines)
    assert any("case channel" in x and "lehre:case-channel-2" in x for x in lines)
    # the same handle in both listings' "Name" column (anna is a member of both)
    own = run_cli("channels", "--server", demo_server.url, token=demo_server.issue_token("anna"))
    assert f"lehre:{long_name}" in own.stdout and own.stdout.splitlines()[0].split()[:4] == [
        "Team", "Type", "Channel", "Name",
    ]  # fmt: skip
    out = tmp_path / "a"
    result = run_cli(
        "export", "--server", demo_server.url, "--out", str(out), "--every-channel", "--channel",
        f"lehre:{long_name}", "--formats", "json", "--no-avatars", "--quiet", token=token,
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stderr
    assert [c["name"] for c in Archive(out).manifest["channels"]] == [long_name]


def test_include_archived_works_with_every_channel(shared_demo_server, admin_token):
    without = json_lines(listing(shared_demo_server, admin_token, "verwaltung", "--json").stdout)
    with_archived = json_lines(
        listing(shared_demo_server, admin_token, "verwaltung", "--json", "--include-archived").stdout
    )
    assert not any(r["archived"] for r in without)
    assert {r["id"] for r in with_archived} - {r["id"] for r in without} == {
        r["id"] for r in with_archived if r["archived"]
    }
    assert any(r["archived"] for r in with_archived)
    table = listing(shared_demo_server, admin_token, "verwaltung")
    assert "archived channel" in table.stdout and "--include-archived" in table.stdout


def test_team_by_display_name_or_the_valid_teams_listed(demo_server):
    ws = demo_server.workspace
    token = demo_server.issue_token(COORDINATOR)
    result = listing(demo_server, token, "Forschung", "--json")  # the display name, as shown everywhere
    assert result.returncode == exitcodes.OK, result.stderr
    assert {r["team_name"] for r in json_lines(result.stdout)} == {"forschung"}
    result = listing(demo_server, token, "eligendi")
    assert result.returncode == exitcodes.USAGE
    assert "forschung (Forschung)" in result.stderr and "lehre (Lehre)" in result.stderr
    for name in ("lehre", "forschung"):  # two teams called the same: no guessing
        ws.team_by_name(name)["display_name"] = "Gemeinsame Lehre"
    result = listing(demo_server, token, "gemeinsame lehre")
    assert result.returncode == exitcodes.USAGE and "Several teams are called" in result.stderr
    no_traceback(result)


def test_csv_cells_never_start_a_formula(demo_server):
    ws = demo_server.workspace
    channel = ws.channel_by_name(ws.team_by_name("lehre")["id"], "tutorien")
    channel["display_name"] = '=HYPERLINK("http://x")'
    result = listing(demo_server, demo_server.issue_token(COORDINATOR), "lehre", "--csv")
    assert result.returncode == exitcodes.OK, result.stderr
    assert "'=HYPERLINK" in result.stdout
    assert "\n=HYPERLINK" not in result.stdout and ",=HYPERLINK" not in result.stdout


@pytest.mark.parametrize("username", ["anna", TEAM_ADMIN])
def test_without_the_administrator_role_a_plain_message(shared_demo_server, username):
    token = shared_demo_server.issue_token(username)
    result = listing(shared_demo_server, token, "forschung")
    assert result.returncode == exitcodes.SIGN_IN
    assert "needs the sign-in of a system administrator" in result.stderr
    assert result.stdout == ""
    no_traceback(result)


def test_unknown_team_and_missing_team_are_usage_errors(shared_demo_server, admin_token):
    result = listing(shared_demo_server, admin_token, "gibt-es-nicht")
    assert result.returncode == exitcodes.USAGE and "no team “gibt-es-nicht”" in result.stderr
    result = run_cli("channels", "--server", shared_demo_server.url, "--every-channel", token=admin_token)
    assert result.returncode == exitcodes.USAGE and "--team NAME" in result.stderr
    no_traceback(result)


def test_admin_export_of_a_private_channel_without_membership_is_complete_and_resumable(
    demo_server, tmp_path
):
    server, ws = demo_server, demo_server.workspace
    secret = ws.channel_by_name(ws.team_by_name("forschung")["id"], "geheimprojekt")
    members = ws.channel_members[secret["id"]]
    start = secret["last_post_at"]
    for i in range(520):  # three pages, so that a stop lands inside the channel
        ws.add_post(
            secret["id"], members[i % len(members)], f"Nachricht {i}", create_at=start + 1000 * (i + 1)
        )
    admin = ws.user_by_username(COORDINATOR)
    assert admin["id"] not in members
    out = tmp_path / "archive"
    client = Client(server.url, server.issue_token(COORDINATOR))
    options = ExportOptions(formats=["json"], jobs=1, every_channel=True)

    seen: list[str] = []

    def stop_after_first_page(event) -> None:
        seen.append(type(event).__name__)
        if type(event).__name__ == "ChannelProgress" and event.posts_done:
            exporter.cancel()

    server.set_faults(latency_ms=20)
    exporter = Exporter(client, out, [secret["id"]], options, on_event=stop_after_first_page)
    first = exporter.run()
    assert first.outcome == "cancelled" and "ChannelFinished" not in seen
    server.set_faults(latency_ms=0)
    second = Exporter(client, out, [secret["id"]], options).run()
    assert second.outcome == "done", second.problems
    assert archive_post_ids(out, secret["id"]) == server_post_ids(server, secret["id"])
    manifest = Archive(out).manifest
    assert manifest["options"]["every_channel"] is True and manifest["exported_as_admin"] is True
    (entry,) = manifest["channels"]
    assert entry["member"] is False and entry["complete"] and entry["type"] == "P"
    assert entry["path"] == "channels/forschung/geheimprojekt"
    assert verify_archive(out).ok


def test_cli_exports_every_channel_of_a_team_the_admin_is_hardly_in(demo_server, tmp_path):
    server = demo_server
    out = tmp_path / "verwaltung"
    result = run_cli(
        "export", "--server", server.url, "--out", str(out), "--every-channel", "--all", "--team", "verwaltung",
        "--include-archived", "--formats", "json", "--no-avatars", "--quiet",
        token=server.issue_token(COORDINATOR),
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stderr
    manifest = Archive(out).manifest
    expected = team_channels(server, "verwaltung")
    assert sorted(c["id"] for c in manifest["channels"]) == sorted(c["id"] for c in expected)
    assert all(c["complete"] for c in manifest["channels"])
    assert sum(1 for c in manifest["channels"] if c["member"]) == 1
    for channel in expected:
        assert archive_post_ids(out, channel["id"]) == server_post_ids(server, channel["id"])


def test_other_peoples_direct_and_group_messages_are_refused(demo_server, tmp_path):
    server, ws = demo_server, demo_server.workspace
    admin_token = server.issue_token(COORDINATOR)
    # The administrator is in none of them: every one is a conversation between other people.
    dm = next(c for c in ws.channels.values() if c["type"] == "D" and c["name"] != f"{ws.me_id}__{ws.me_id}")
    for chat in (dm, next(c for c in ws.channels.values() if c["type"] == "G")):
        result = run_cli(
            "export", "--server", server.url, "--out", str(tmp_path / chat["id"]), "--every-channel",
            "--channel", chat["id"], "--quiet", token=admin_token,
        )  # fmt: skip
        assert result.returncode == exitcodes.USAGE
        assert "between other people" in result.stderr and "belongs to the people in it" in result.stderr
        assert not (tmp_path / chat["id"]).exists()
        no_traceback(result)
    # The engine refuses too, whichever front end hands it the id.
    result = Exporter(
        Client(server.url, admin_token), tmp_path / "engine", [dm["id"]], ExportOptions(every_channel=True)
    ).run()
    assert result.outcome == "incomplete"
    assert "between other people" in result.problems[0]["what"]
    assert not list(Path(tmp_path / "engine").rglob("posts.jsonl"))


def test_listings_longer_than_a_page_are_read_to_the_end(demo_server):
    from mmexport.demo.generate import new_channel

    ws = demo_server.workspace
    team = ws.team_by_name("lehre")
    start = next(c for c in team_channels(demo_server, "lehre"))["create_at"]
    members = [ws.user_by_username("anna")["id"]]
    for i in range(205):  # more than one page (200) of public channels and of GET /channels
        new_channel(ws, team["id"], f"kurs-{i:03d}", f"Kurs {i:03d}", "O", members, start + i)
    for i in range(3):
        new_channel(ws, team["id"], f"alt-{i}", f"Alt {i}", "P", members, start)["delete_at"] = start + 1
    result = listing(demo_server, demo_server.issue_token(COORDINATOR), "lehre", "--json", "--include-archived")
    assert result.returncode == exitcodes.OK, result.stderr
    rows = json_lines(result.stdout)
    assert sorted(r["id"] for r in rows) == sorted(c["id"] for c in team_channels(demo_server, "lehre"))
    assert len(rows) > 210
    paged = [q for m, path, q, _ in demo_server.requests if path.endswith(f"/teams/{team['id']}/channels")]
    assert any("page=1" in q for q in paged)


PERSONAL_FIELDS = ("email", "roles", "auth_data", "auth_service", "position", "notify_props",
                   "last_password_update", "locale", "timezone")  # fmt: skip


@pytest.mark.parametrize("keep", [False, True])
def test_users_json_keeps_only_what_reading_needs(demo_server, tmp_path, keep):
    from mmexport.exporting.convert import convert_archive

    out = tmp_path / "a"
    extra = ["--keep-user-details"] if keep else []
    result = run_cli(
        "export", "--server", demo_server.url, "--out", str(out), "--every-channel", "--channel",
        "forschung:geheimprojekt", "--formats", "json,html", "--no-avatars", "--quiet", *extra,
        token=demo_server.issue_token(COORDINATOR),
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stderr
    users = json.loads((out / "users.json").read_text("utf-8"))
    assert users and all(u["username"] for u in users)
    held = {key for u in users for key in u}
    if keep:
        assert "email" in held  # the administrator asked for the details: as the server sent them
        return
    assert not held & set(PERSONAL_FIELDS), held & set(PERSONAL_FIELDS)
    assert {"id", "username", "first_name", "last_name"} <= held
    # the viewer names people from what is left, and an import file can still be made from it
    page = next(out.rglob("messages.html")).read_text("utf-8")
    dilara = next(u for u in users if u["username"] == "dilara")
    assert f"{dilara['first_name']} {dilara['last_name']}" in page
    report = convert_archive(out, "mattermost", tmp_path / "import.zip", lambda done, total: None)
    assert (tmp_path / "import.zip").stat().st_size > 0 and report.out_zip


def test_the_coordinators_routine_list_export_verify_and_the_servers_commands(demo_server, tmp_path):
    """docs/coordinators.md step by step: list stalest first, export the stale ones, check the archive,
    and the commands for the server's own tool name exactly the exported channels by team:channel."""
    token = demo_server.issue_token(COORDINATOR)
    listed = json_lines(listing(demo_server, token, "forschung", "--json", "--include-archived").stdout)
    stale = [row["handle"] for row in listed[:3]]  # the three stalest
    out = tmp_path / "forschung 2026"  # a space, as in "Eigene Dateien"
    result = run_cli(
        "export", "--server", demo_server.url, "--out", str(out), "--every-channel",
        *[arg for handle in stale for arg in ("--channel", handle)], "--no-avatars", "--quiet", token=token,
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stderr
    verify = run_cli("verify", str(out))
    assert verify.returncode == exitcodes.OK and "All good" in verify.stdout
    lines = result.stdout.splitlines()
    assert f'  mmexport verify "{out}"' in lines
    archived = {row["handle"] for row in listed if row["archived"]}
    archive_cmds = [f"  mmctl channel archive {h}" for h in sorted(stale) if h not in archived]
    delete_cmds = [f"  mmctl channel delete {h}" for h in sorted(stale)]
    commands = [line for line in lines if line.startswith("  mmctl ")]
    assert commands == archive_cmds + delete_cmds  # archive first, then delete; each exported channel once
    # An ordinary person's export gets no such commands.
    own = run_cli(
        "export", "--server", demo_server.url, "--out", str(tmp_path / "own"), "--channel", "forschung:labor",
        "--no-avatars", "--quiet", token=demo_server.issue_token("anna"),
    )  # fmt: skip
    assert own.returncode == exitcodes.OK and "mmctl" not in own.stdout
