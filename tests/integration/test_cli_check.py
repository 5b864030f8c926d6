"""mmexport check / channels in a real subprocess: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from mmexport import exitcodes


def run_cli(*args: str, token: str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("MMEXPORT_TOKEN", None)
    if token is not None:
        env["MMEXPORT_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_check_says_who_is_signed_in(shared_demo_server):
    result = run_cli("check", "--server", shared_demo_server.url, token=shared_demo_server.token)
    assert result.returncode == exitcodes.OK, result.stderr
    first, second = result.stdout.strip().splitlines()
    assert first == f"Signed in as Anna Beispiel (@anna) on {shared_demo_server.url}, Mattermost 10.11.2"
    assert second.startswith("You are not a system administrator")


def test_check_says_system_administrator(shared_demo_server):
    from mmexport.demo.roles import COORDINATOR

    token = shared_demo_server.issue_token(COORDINATOR)
    result = run_cli("check", "--server", shared_demo_server.url, token=token)
    assert result.returncode == exitcodes.OK, result.stderr
    assert "You are a system administrator" in result.stdout


def test_check_with_curl_on_stdin(shared_demo_server):
    curl = (
        f"curl '{shared_demo_server.url}/api/v4/users/me' \\\n  -b 'MMAUTHTOKEN={shared_demo_server.token}'"
    )
    result = run_cli("check", "--server", shared_demo_server.url, "--token-stdin", stdin=curl)
    assert result.returncode == exitcodes.OK, result.stderr
    assert "@anna" in result.stdout


def test_check_with_bad_token_is_exit_3(shared_demo_server):
    result = run_cli("check", "--server", shared_demo_server.url, token="a" * 26)
    assert result.returncode == exitcodes.SIGN_IN
    assert "sign in again" in result.stderr
    assert "a" * 26 not in result.stderr
    no_traceback(result)


def test_check_without_token_is_exit_3(shared_demo_server):
    result = run_cli("check", "--server", shared_demo_server.url)
    assert result.returncode == exitcodes.SIGN_IN
    assert "MMEXPORT_TOKEN" in result.stderr
    no_traceback(result)


def test_check_unreachable_is_exit_4():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_cli("check", "--server", f"http://127.0.0.1:{port}", token="a" * 26)
    assert result.returncode == exitcodes.UNREACHABLE
    assert "refused" in result.stderr
    no_traceback(result)


def test_bad_address_is_a_usage_error():
    result = run_cli("check", "--server", "anna@example.org", token="a" * 26)
    assert result.returncode == exitcodes.USAGE
    assert "e-mail" in result.stderr
    no_traceback(result)


@pytest.fixture(scope="module")
def channel_list(shared_demo_server):
    result = run_cli("channels", "--server", shared_demo_server.url, "--json", token=shared_demo_server.token)
    assert result.returncode == exitcodes.OK, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]  # JSON Lines, as docs/cli.md says


def test_channels_json(channel_list, shared_demo_server):
    ws = shared_demo_server.workspace
    fields = {"id", "team", "team_name", "type", "name", "handle", "display_name", "archived",
              "total_msg_count", "last_post_at"}  # fmt: skip
    assert all(set(row) == fields for row in channel_list)
    expected = {c["id"] for c in ws.channels_of_user(ws.me_id) if not c["delete_at"]}
    assert {row["id"] for row in channel_list} == expected
    assert {row["type"] for row in channel_list} == {"public", "private", "direct", "group"}
    dms = [row for row in channel_list if row["type"] == "direct"]
    # the demo server's TeammateNameDisplay is full_name, as the web app would show it
    assert [row["display_name"] for row in dms if row["display_name"].endswith("(you)")] == [
        "Anna Beispiel (you)"
    ]
    assert all("__" not in row["display_name"] for row in dms)
    gms = [row for row in channel_list if row["type"] == "group"]
    assert gms and all("Anna Beispiel" not in row["display_name"].split(", ") for row in gms)
    assert all(row["team"] == "" for row in dms + gms)
    assert not any(row["archived"] for row in channel_list)


def test_channels_table_and_archived(shared_demo_server, channel_list):
    result = run_cli(
        "channels", "--server", shared_demo_server.url, "--include-archived", token=shared_demo_server.token
    )
    assert result.returncode == exitcodes.OK, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["Team", "Type", "Channel", "Name", "Messages", "Last"]
    assert lines[0].split()[-1].startswith("(UTC")  # the time zone of the times shown
    assert "archived" in result.stdout
    public = next(row for row in channel_list if row["type"] == "public")
    assert any(public["display_name"][:40] in line and public["handle"] in line for line in lines)
    ws = shared_demo_server.workspace
    assert lines[-1] == f"{len(ws.channels_of_user(ws.me_id))} channels."
