"""The live tier for coordinators: every channel of a team with a real server's system administrator.

Runs only when MMEXPORT_LIVE_URL, MMEXPORT_LIVE_ADMIN_TOKEN (a system administrator) and
MMEXPORT_LIVE_TEAM (a team name) are set; MMEXPORT_LIVE_TOKEN (a normal account), when set, checks the
refusal too. Reads only, except with MMEXPORT_LIVE_WRITE=1: then two look-alike channels ("Case
Channel", "case channel", names coord-case-channel and coord-case-channel-2) are made in the team once
(reused on later runs) to check that their handles tell them apart. The server's side is read with plain
requests, independently of the program.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests

URL = os.environ.get("MMEXPORT_LIVE_URL", "").rstrip("/")
ADMIN = os.environ.get("MMEXPORT_LIVE_ADMIN_TOKEN", "")
TEAM = os.environ.get("MMEXPORT_LIVE_TEAM", "")
USER = os.environ.get("MMEXPORT_LIVE_TOKEN", "")
if not (URL and ADMIN and TEAM):
    pytest.skip(
        "live tier (coordinators): set MMEXPORT_LIVE_URL, MMEXPORT_LIVE_ADMIN_TOKEN and MMEXPORT_LIVE_TEAM",
        allow_module_level=True,
    )


def pages(path: str, **params: Any) -> list[dict]:
    found: list[dict] = []
    page = 0
    while True:
        response = requests.get(
            f"{URL}/api/v4{path}",
            params={**params, "page": page, "per_page": 200},
            headers={"Authorization": f"Bearer {ADMIN}"},
            timeout=60,
        )
        response.raise_for_status()
        batch = response.json()
        found += batch
        if len(batch) < 200:
            return found
        page += 1


def the_team() -> dict:
    """MMEXPORT_LIVE_TEAM may hold the team's name or its id."""
    headers = {"Authorization": f"Bearer {ADMIN}"}
    by_name = requests.get(f"{URL}/api/v4/teams/name/{TEAM}", headers=headers, timeout=60)
    if by_name.status_code == 200:
        return by_name.json()
    by_id = requests.get(f"{URL}/api/v4/teams/{TEAM}", headers=headers, timeout=60)
    by_id.raise_for_status()
    return by_id.json()


def json_lines(text: str) -> list[dict]:
    """--json prints JSON Lines, one object per channel and line."""
    return [json.loads(line) for line in text.splitlines()]


def listing(*extra: str) -> list[dict]:
    result = mmexport(ADMIN, "channels", "--server", URL, "--team", TEAM, "--every-channel", "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json_lines(result.stdout)


def mmexport(token: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args], env=env, capture_output=True, text=True, timeout=1800
    )


def test_every_channel_of_the_team_as_the_server_has_them():
    team = the_team()
    server_side = {
        c["id"]: c for c in pages("/channels", include_deleted="true") if c["team_id"] == team["id"]
    }
    rows = listing("--include-archived")
    assert sorted(r["id"] for r in rows) == sorted(server_side)
    for row in rows:
        channel = server_side[row["id"]]
        assert row["total_msg_count"] == channel["total_msg_count"]
        assert row["archived"] == bool(channel["delete_at"])
        assert row["handle"] == f"{team['name']}:{channel['name']}"  # what mmctl takes
    assert [r["last_post_at"] for r in rows] == sorted(r["last_post_at"] for r in rows)
    without = listing()
    assert sorted(r["id"] for r in without) == sorted(i for i, c in server_side.items() if not c["delete_at"])


def test_admin_export_of_channels_without_membership_is_complete(tmp_path: Path):
    rows = listing()
    foreign = [r for r in rows if not r["member"] and r["total_msg_count"] < 3000][:3]
    if not foreign:
        pytest.skip("the administrator is a member of every (small) channel of this team")
    out = tmp_path / "archive"
    args = ["export", "--server", URL, "--out", str(out), "--every-channel", "--formats", "json", "--quiet"]
    for row in foreign:
        args += ["--channel", row["handle"]]  # team:channel, as listed
    result = mmexport(ADMIN, *args)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["exported_as_admin"] is True
    for entry in manifest["channels"]:
        assert entry["member"] is False and entry["complete"]
    assert mmexport(ADMIN, "verify", str(out)).returncode == 0
    # The next step names exactly these channels by handle: archive first, then delete.
    commands = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("mmctl ")]
    handles = sorted(r["handle"] for r in foreign)
    assert commands == [f"mmctl channel archive {h}" for h in handles if not next(
        r for r in foreign if r["handle"] == h)["archived"]] + [f"mmctl channel delete {h}" for h in handles]
    # users.json keeps no e-mail, roles or sign-in data, even though the administrator was sent them.
    users = json.loads((out / "users.json").read_text(encoding="utf-8"))
    assert users and not {"email", "roles", "auth_data", "auth_service"} & {k for u in users for k in u}


def _ensure_channel(team_id: str, name: str, display: str, token: str = ADMIN, kind: str = "O") -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    found = requests.get(f"{URL}/api/v4/teams/{team_id}/channels/name/{name}", headers=headers, timeout=60)
    if found.status_code == 200:
        return found.json()
    made = requests.post(
        f"{URL}/api/v4/channels",
        json={"team_id": team_id, "name": name, "display_name": display, "type": kind},
        headers=headers,
        timeout=60,
    )
    made.raise_for_status()
    channel = made.json()
    for text in ("Erste Nachricht", "Zweite Nachricht"):
        requests.post(
            f"{URL}/api/v4/posts", json={"channel_id": channel["id"], "message": text}, headers=headers, timeout=60
        ).raise_for_status()
    return channel


@pytest.fixture(scope="module", autouse=True)
def a_channel_without_the_administrator():
    """With MMEXPORT_LIVE_WRITE=1 and a normal account: a private channel of theirs, so that the export of
    a channel the administrator is not a member of is tried on the real server too."""
    if os.environ.get("MMEXPORT_LIVE_WRITE") == "1" and USER:
        _ensure_channel(the_team()["id"], "coord-fremd", "Fremder Kanal", token=USER, kind="P")


@pytest.mark.skipif(os.environ.get("MMEXPORT_LIVE_WRITE") != "1", reason="makes two channels: MMEXPORT_LIVE_WRITE=1")
def test_look_alike_channels_are_told_apart_by_their_handles():
    team = the_team()
    _ensure_channel(team["id"], "coord-case-channel", "Case Channel")
    _ensure_channel(team["id"], "coord-case-channel-2", "case channel")
    rows = {r["handle"]: r for r in listing()}
    name = team["name"]
    assert rows[f"{name}:coord-case-channel"]["display_name"] == "Case Channel"
    assert rows[f"{name}:coord-case-channel-2"]["display_name"] == "case channel"
    table = mmexport(ADMIN, "channels", "--server", URL, "--team", TEAM, "--every-channel").stdout
    lines = table.splitlines()
    assert any("Case Channel" in x and f"{name}:coord-case-channel " in x + " " for x in lines)
    assert any("case channel" in x and f"{name}:coord-case-channel-2" in x for x in lines)
    longest = max(rows, key=len)
    assert longest in table  # never cut: copyable into --channel and mmctl


@pytest.mark.skipif(not USER, reason="MMEXPORT_LIVE_TOKEN (a normal account) not set")
def test_a_normal_account_gets_the_plain_refusal():
    result = mmexport(USER, "channels", "--server", URL, "--team", TEAM, "--every-channel")
    assert result.returncode == 3
    assert "needs the sign-in of a system administrator" in result.stderr
    assert "Traceback" not in result.stderr
