"""`mmexport demo-server --windows-names`: the names `make windows-check` exports under wine, served over
real HTTP; without the option the demo workspace is the same as ever."""

from __future__ import annotations

import requests

from mmexport.demo.server import DemoServer
from mmexport.demo.windows_names import FILE_NAMES, LONG_CHANNEL, RESERVED_CHANNELS, TEAM_NAME


def _get(server: DemoServer, path: str):
    response = requests.get(
        server.url + path, headers={"Authorization": f"Bearer {server.token}"}, timeout=10
    )
    response.raise_for_status()
    return response.json()


def test_team_channels_and_attachments_named_as_windows_refuses():
    with DemoServer(windows_names=True) as server:
        team = next(t for t in _get(server, "/api/v4/users/me/teams") if t["name"] == TEAM_NAME)
        channels = [
            c
            for c in _get(server, f"/api/v4/users/me/teams/{team['id']}/channels")
            if c["team_id"] == team["id"]
        ]
        assert {c["name"] for c in channels} == {LONG_CHANNEL, *RESERVED_CHANNELS}
        assert len(TEAM_NAME) == len(LONG_CHANNEL) == 64  # as long as Mattermost allows
        files_channel = next(c for c in channels if c["name"] == LONG_CHANNEL)
        page = _get(server, f"/api/v4/channels/{files_channel['id']}/posts?per_page=200")
        infos = [i for p in page["posts"].values() for i in p.get("metadata", {}).get("files", [])]
        assert sorted(i["name"] for i in infos) == sorted(FILE_NAMES)
        assert {"CON", "aux.txt", "a:b", "x?", "Notiz "} <= {i["name"] for i in infos}
        assert len({n.casefold() for n in FILE_NAMES}) < len(FILE_NAMES)  # some differ only in case
        assert any(len(n) == 240 for n in FILE_NAMES)
        contents = {requests.get(f"{server.url}/api/v4/files/{i['id']}", timeout=10,
                                 headers={"Authorization": f"Bearer {server.token}"}).content
                    for i in infos}  # fmt: skip
        assert len(contents) == len(FILE_NAMES)  # each its own content: an overwrite would show


def test_without_the_option_the_workspace_has_no_such_team(demo_server):
    assert TEAM_NAME not in {t["name"] for t in _get(demo_server, "/api/v4/users/me/teams")}
