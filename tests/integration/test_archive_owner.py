"""One archive, one owner: the command line over real HTTP against two different demo servers (two seeded
workspaces, two server ids), two people and the administrator's every-channel export.

An export into a folder holding someone else's archive is refused with exit code 7 before anything is
written (the folder is byte for byte as it was); the same server under a second address, and an archive made
before the server's id was recorded, are still accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.integration.test_cli_check import no_traceback, run_cli

from mmexport import exitcodes
from mmexport.demo.roles import COORDINATOR, TEAM_ADMIN
from mmexport.demo.server import DemoServer


@pytest.fixture(scope="module")
def second_server():
    """Another server: another seeded workspace, so another server id and other people."""
    with DemoServer(seed=7) as server:
        yield server


def folder_state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file (resume state included) with its bytes and modification time: nothing may change."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def one_channel(server) -> str:
    ws = server.workspace
    return next(c["id"] for c in ws.channels_of_user(ws.me_id) if c["type"] == "O")


def export(server, out: Path, token: str | None = None, *extra: str, channel: str | None = None):
    args = ["export", "--server", server.url, "--out", str(out), "--formats", "json", "--no-files"]
    args += ["--channel", channel or one_channel(server), *extra]
    return run_cli(*args, token=token or server.token)


def test_another_servers_archive_is_refused_before_anything_is_written(
    shared_demo_server, second_server, tmp_path
):
    out = tmp_path / "archive"
    first = export(shared_demo_server, out)
    assert first.returncode == exitcodes.OK, first.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["server"]["id"] == shared_demo_server.server_id  # the server's own id is recorded
    before = folder_state(out)

    second = export(second_server, out)
    assert second.returncode == exitcodes.SOMEONE_ELSES_ARCHIVE, second.stderr
    no_traceback(second)
    assert shared_demo_server.url in second.stderr and second_server.url in second.stderr
    assert "another server" in second.stderr
    assert folder_state(out) == before


def test_the_same_server_under_a_second_address_is_the_same_archive(shared_demo_server, tmp_path):
    out = tmp_path / "archive"
    assert export(shared_demo_server, out).returncode == exitcodes.OK
    # localhost instead of 127.0.0.1: another address, the same server (the same id)
    other_address = DemoAlias(shared_demo_server, shared_demo_server.url.replace("127.0.0.1", "localhost"))
    again = export(other_address, out)
    assert again.returncode == exitcodes.OK, again.stderr


def test_another_persons_archive_is_refused(shared_demo_server, tmp_path):
    out = tmp_path / "archive"
    assert export(shared_demo_server, out).returncode == exitcodes.OK
    before = folder_state(out)
    other = shared_demo_server.issue_token(TEAM_ADMIN)
    channel = next(
        c["id"]
        for c in shared_demo_server.workspace.channels_of_user(
            shared_demo_server.workspace.user_by_username(TEAM_ADMIN)["id"]
        )
        if c["type"] == "O"
    )
    refused = export(shared_demo_server, out, other, channel=channel)
    assert refused.returncode == exitcodes.SOMEONE_ELSES_ARCHIVE, refused.stderr
    no_traceback(refused)
    me = shared_demo_server.workspace.users[shared_demo_server.workspace.me_id]["username"]
    assert f"@{me}" in refused.stderr and f"@{TEAM_ADMIN}" in refused.stderr
    assert folder_state(out) == before


def test_an_administrators_every_channel_export_and_own_chats_stay_apart(shared_demo_server, tmp_path):
    server = shared_demo_server
    token = server.issue_token(COORDINATOR)
    ws = server.workspace
    kim = ws.user_by_username(COORDINATOR)["id"]
    own_channel = next(c["id"] for c in ws.channels_of_user(kim) if c["type"] == "O")
    team = ws.teams[ws.channels[own_channel]["team_id"]]["name"]
    own, admins = tmp_path / "own", tmp_path / "every"
    assert export(server, own, token, channel=own_channel).returncode == exitcodes.OK
    before = folder_state(own)
    mixed = export(server, own, token, "--every-channel", "--team", team, channel=own_channel)
    assert mixed.returncode == exitcodes.SOMEONE_ELSES_ARCHIVE, mixed.stderr
    assert "every channel" in mixed.stderr
    assert folder_state(own) == before

    first = export(server, admins, token, "--every-channel", "--team", team, channel=own_channel)
    assert first.returncode == exitcodes.OK, first.stderr
    before = folder_state(admins)
    back = export(server, admins, token, channel=own_channel)
    assert back.returncode == exitcodes.SOMEONE_ELSES_ARCHIVE, back.stderr
    assert folder_state(admins) == before


def test_an_archive_made_before_the_server_id_was_recorded_is_still_accepted(
    shared_demo_server, second_server, tmp_path
):
    out = tmp_path / "archive"
    assert export(shared_demo_server, out).returncode == exitcodes.OK
    forget_server_identity(out)
    again = export(shared_demo_server, out)
    assert again.returncode == exitcodes.OK, again.stderr
    assert json.loads((out / "manifest.json").read_text())["server"]["id"] == shared_demo_server.server_id

    forget_server_identity(out)  # without the id, a different address is a different server
    refused = export(second_server, out)
    assert refused.returncode == exitcodes.SOMEONE_ELSES_ARCHIVE, refused.stderr


def forget_server_identity(root: Path) -> None:
    """Make the archive look like one written before this change: no server id, no SiteURL."""
    manifest = json.loads((root / "manifest.json").read_text())
    manifest["server"] = {k: v for k, v in manifest["server"].items() if k in ("url", "version")}
    (root / "manifest.json").write_text(json.dumps(manifest))
    run = json.loads((root / ".mmexport" / "run.json").read_text())
    for key in ("server_id", "site_url", "username"):
        run.pop(key, None)
    (root / ".mmexport" / "run.json").write_text(json.dumps(run))


def test_a_missing_parent_is_not_created(shared_demo_server, tmp_path):
    out = tmp_path / "USB-STICK" / "Mattermost"
    proc = export(shared_demo_server, out)
    assert proc.returncode == exitcodes.NO_FOLDER, proc.stderr
    no_traceback(proc)
    assert "USB stick" in proc.stderr and str(tmp_path / "USB-STICK") in proc.stderr
    assert not (tmp_path / "USB-STICK").exists()


class DemoAlias:
    """The same demo server under another address."""

    def __init__(self, server, url: str) -> None:
        self.url, self.token, self.workspace = url, server.token, server.workspace
