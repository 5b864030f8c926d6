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


def test_admin_lists_every_kind_with_counts_stalest_first(shared_demo_server, admin_token):
    server, ws = shared_demo_server, shared_demo_server.workspace
    result = listing(server, admin_token, "verwaltung", "--json")
    assert result.returncode == exitcodes.OK, result.stderr
    rows = json.loads(result.stdout)
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
    assert [r["name"] for r in rows if r["member"]] == ["town-square"]
    times = [r["last_post_at"] for r in rows]
    assert times == sorted(times), "stalest first"
    assert rows[0]["name"] == OLD_GROUP[1]


def test_admin_table_and_csv(shared_demo_server, admin_token):
    server = shared_demo_server
    table = listing(server, admin_token, "forschung")
    assert table.returncode == exitcodes.OK, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "Last",
        "activity",
        "Type",
        "Channel",
        "Name",
        "Members",
        "Messages",
        "Created",
        "by",
        "You",
    ]
    assert "Geheimprojekt" in lines[1] and "geheimprojekt" in lines[1]  # the stalest one heads the list
    assert "14 channels, 13 of them without you as a member." in table.stdout

    result = run_cli(
        "channels", "--server", server.url, "--team", "forschung", "--every-channel", "--csv",
        token=admin_token,
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stderr
    raw = result.stdout.encode("utf-8")
    assert raw.startswith("\ufeff".encode())  # Excel reads the umlauts only with the byte order mark
    text = result.stdout.lstrip("\ufeff")
    delimiter = ";" if text.splitlines()[0].count(";") else ","
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    assert len(rows) == len(team_channels(server, "forschung"))
    assert {r["display_name"] for r in rows} >= {"Geheimprojekt", "Labor & Geräte", "Archiv 2023"}
    assert [r["last_post_at"] for r in rows] == sorted(r["last_post_at"] for r in rows)
    assert {r["member"] for r in rows} == {"yes", "no"}


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
    result = listing(demo_server, demo_server.issue_token(COORDINATOR), "lehre", "--json")
    assert result.returncode == exitcodes.OK, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(r["id"] for r in rows) == sorted(c["id"] for c in team_channels(demo_server, "lehre"))
    assert len(rows) > 210
    paged = [q for m, path, q, _ in demo_server.requests if path.endswith(f"/teams/{team['id']}/channels")]
    assert any("page=1" in q for q in paged)
