"""The official JavaScript client (@mattermost/client, Client4 from npm) works against the demo server."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from mmexport.demo.server import DemoServer

JS_DIR = Path(__file__).parent / "js"


@pytest.fixture(scope="module")
def js_client_installed() -> Path:
    """node_modules from package-lock.json, installed once and then reused (it is not in git)."""
    assert shutil.which("node") and shutil.which("npm"), "node and npm are needed for this test"
    if not (JS_DIR / "node_modules" / "@mattermost" / "client" / "package.json").exists():
        subprocess.run(
            ["npm", "ci", "--omit=peer", "--no-audit", "--no-fund"],
            cwd=JS_DIR,
            check=True,
            timeout=300,
            capture_output=True,
        )
    return JS_DIR


def run_probe(server: DemoServer, channel_id: str) -> dict:
    result = subprocess.run(
        ["node", "export_probe.mjs", server.url, server.token, channel_id],
        cwd=JS_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_client4_sees_what_the_server_holds(js_client_installed, shared_demo_server):
    server = shared_demo_server
    ws = server.workspace
    flood_channel = next(c for c in ws.channels.values() if c["name"] == "import-altsystem")
    seen = run_probe(server, flood_channel["id"])

    assert seen["me"] == {"id": ws.me_id, "username": "anna"}
    assert seen["teams"] == [t["name"] for t in ws.teams.values()]
    mine = ws.channels_of_user(ws.me_id)
    for team in ws.teams.values():
        expected = {c["id"] for c in mine if c["team_id"] in (team["id"], "") and not c["delete_at"]}
        assert set(seen["channelsByTeam"][team["name"]]) == expected
        assert len(seen["channelsByTeam"][team["name"]]) == len(expected)
    assert seen["memberChannelIds"] == sorted(c["id"] for c in mine)

    visible = ws.visible_posts(flood_channel["id"])
    assert len(seen["postIds"]) == len(set(seen["postIds"])) == len(visible)
    assert set(seen["postIds"]) == {p["id"] for p in visible.page(0, len(visible))}

    assert seen["serverVersion"] == server.version_id()
    assert seen["rejected"] == {"status": 401, "id": "api.context.session_expired.app_error"}
    assert seen["login"] == {"username": "anna", "tokenSet": True, "me": "anna"}
