"""The live tier for coordinators: every channel of a team with a real server's system administrator.

Runs only when MMEXPORT_LIVE_URL, MMEXPORT_LIVE_ADMIN_TOKEN (a system administrator) and
MMEXPORT_LIVE_TEAM (a team name) are set; MMEXPORT_LIVE_TOKEN (a normal account), when set, checks the
refusal too. Reads only. The server's side is read with plain requests, independently of the program.
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


def mmexport(token: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args], env=env, capture_output=True, text=True, timeout=1800
    )


def test_every_channel_of_the_team_as_the_server_has_them():
    team = requests.get(
        f"{URL}/api/v4/teams/name/{TEAM}", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=60
    ).json()
    server_side = {
        c["id"]: c for c in pages("/channels", include_deleted="true") if c["team_id"] == team["id"]
    }
    result = mmexport(ADMIN, "channels", "--server", URL, "--team", TEAM, "--every-channel", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(r["id"] for r in rows) == sorted(server_side)
    for row in rows:
        assert row["total_msg_count"] == server_side[row["id"]]["total_msg_count"]
        assert row["archived"] == bool(server_side[row["id"]]["delete_at"])
    assert [r["last_post_at"] for r in rows] == sorted(r["last_post_at"] for r in rows)


def test_admin_export_of_channels_without_membership_is_complete(tmp_path: Path):
    rows = json.loads(
        mmexport(ADMIN, "channels", "--server", URL, "--team", TEAM, "--every-channel", "--json").stdout
    )
    foreign = [r for r in rows if not r["member"] and r["total_msg_count"] < 3000][:3]
    if not foreign:
        pytest.skip("the administrator is a member of every (small) channel of this team")
    out = tmp_path / "archive"
    args = ["export", "--server", URL, "--out", str(out), "--every-channel", "--formats", "json", "--quiet"]
    for row in foreign:
        args += ["--channel", f"{TEAM}/{row['name']}"]
    result = mmexport(ADMIN, *args)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["exported_as_admin"] is True
    for entry in manifest["channels"]:
        assert entry["member"] is False and entry["complete"]
    assert mmexport(ADMIN, "verify", str(out)).returncode == 0


@pytest.mark.skipif(not USER, reason="MMEXPORT_LIVE_TOKEN (a normal account) not set")
def test_a_normal_account_gets_the_plain_refusal():
    result = mmexport(USER, "channels", "--server", URL, "--team", TEAM, "--every-channel")
    assert result.returncode == 3
    assert "needs the sign-in of a system administrator" in result.stderr
    assert "Traceback" not in result.stderr
