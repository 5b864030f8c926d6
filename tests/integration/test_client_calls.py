"""Every Client call against the demo server over real HTTP (read-only: the shared server)."""

from __future__ import annotations

import io

import pytest

from mmexport.mattermost import (
    Client,
    Forbidden,
    NotFound,
    Pacer,
    channel_display_name,
    iter_channel_posts,
    posts_in_page,
)


@pytest.fixture(scope="module")
def client(shared_demo_server):
    with Client(shared_demo_server.url, shared_demo_server.token) as c:
        yield c


@pytest.fixture(scope="module")
def ws(shared_demo_server):
    return shared_demo_server.workspace


def test_probe_ping_config(client):
    assert client.probe() == {"version": "10.11.2", "site_name": "Mattermost (Demo)"}
    assert client.server_version == "10.11.2"
    assert client.ping()["status"] == "OK"
    assert client.client_config()["Version"] == "10.11.2"
    assert client.base_url.startswith("http://127.0.0.1:")
    assert client.api_url == client.base_url + "/api/v4"


def test_me_and_teams(client, ws):
    me = client.me()
    assert me["username"] == "anna" and me["id"] == ws.me_id
    assert client.my_user_id() == ws.me_id
    teams = client.my_teams()
    assert {t["name"] for t in teams} == {"forschung", "verwaltung", "lehre"}
    assert client.team_by_name("forschung")["id"] in {t["id"] for t in teams}


def test_my_channels_are_every_membership_once(client, ws):
    channels = client.my_channels()
    ids = [c["id"] for c in channels]
    assert len(ids) == len(set(ids))
    expected = {c["id"] for c in ws.channels_of_user(ws.me_id) if not c["delete_at"]}
    assert set(ids) == expected
    assert {c["type"] for c in channels} == {"O", "P", "D", "G"}
    with_archived = client.my_channels(include_archived=True)
    archived = [c for c in with_archived if c["delete_at"]]
    assert archived and len(with_archived) == len(channels) + len(archived)


def test_channel_lookups_and_members(client, ws):
    team = client.team_by_name("forschung")
    town = client.channel_by_name(team["id"], "town-square")
    assert client.channel(town["id"]) == town
    members = client.my_channel_members()
    assert town["id"] in members and members[town["id"]]["user_id"] == ws.me_id
    with pytest.raises(NotFound):
        client.channel_by_name(team["id"], "no-such-channel")
    with pytest.raises(NotFound):
        client.team_by_name("no-such-team")


def test_users_by_ids_and_usernames(client, ws):
    all_ids = list(ws.users)
    users = client.users_by_ids(all_ids + all_ids[:3] + ["unknownunknownunknown00000"])
    assert sorted(u["id"] for u in users) == sorted(all_ids)
    assert any(u["delete_at"] for u in users), "deactivated users are included"
    by_name = client.users_by_usernames(["anna", "otto.alt", "nobody-here"])
    assert sorted(u["username"] for u in by_name) == ["anna", "otto.alt"]
    assert client.users_by_ids([]) == []


def test_group_channels_and_names(client, ws):
    channels = client.my_channels()
    gms = [c["id"] for c in channels if c["type"] == "G"]
    members = client.group_channel_members(gms)
    assert set(members) == set(gms)
    users = {u["id"]: u for u in client.users_by_ids(ws.users)}
    for cid in gms:
        name = channel_display_name(next(c for c in channels if c["id"] == cid), ws.me_id, users,
                                    gm_members=members[cid])  # fmt: skip
        assert name and users[ws.me_id]["username"] not in name.split(", ")
    self_dm = next(c for c in channels if c["name"] == f"{ws.me_id}__{ws.me_id}")
    assert channel_display_name(self_dm, ws.me_id, users) == "anna (you)"


def test_emoji_and_images(client, ws):
    emoji = client.custom_emoji()
    assert sorted(e["name"] for e in emoji) == sorted(e["name"] for e in ws.emoji.values())
    assert client.emoji_image(emoji[0]["id"]) == ws.emoji_images[emoji[0]["id"]]
    avatar = client.user_avatar(ws.me_id)
    assert avatar[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_channel_pages_to_exactly_the_servers_posts(client, ws):
    for channel in client.my_channels(include_archived=True):
        got = [p["id"] for p in iter_channel_posts(client, channel["id"])]
        visible = ws.visible_posts(channel["id"])
        expected = [p["id"] for p in visible.page(0, len(visible))]
        assert len(got) == len(set(got))
        assert set(got) == set(expected), channel["name"]


def test_flood_channel_crosses_page_boundaries(client, ws):
    team = client.team_by_name("forschung")
    flood = client.channel_by_name(team["id"], "import-altsystem")
    posts = list(iter_channel_posts(client, flood["id"]))
    times = [p["create_at"] for p in posts]
    assert max(times.count(t) for t in set(times)) > 200  # really one millisecond across pages
    assert times == sorted(times, reverse=True)
    assert len(posts) == len(ws.visible_posts(flood["id"]))


def test_posts_page_thread_and_files(client, ws):
    team = client.team_by_name("forschung")
    channel = client.channel_by_name(team["id"], "dateien")
    page = client.posts_page(channel["id"], per_page=500, skip_threads=False)
    assert len(page["order"]) <= 200 and set(page["order"]) <= set(page["posts"])
    posts = posts_in_page(page)
    with_files = next(
        p
        for p in posts
        if p.get("file_ids") and ws.files[p["file_ids"][0]].blob  # not a lost file
    )
    file_id = with_files["file_ids"][0]
    info = client.file_info(file_id)
    assert info["id"] == file_id and info["post_id"] == with_files["id"]
    out = io.BytesIO()
    seen = []
    size = client.download_file(file_id, out, chunk_size=1024, on_bytes=seen.append)
    assert size == len(out.getvalue()) == sum(seen) == ws.files[file_id].blob.__len__()
    thread = client.post_thread(with_files["id"])
    assert with_files["id"] in thread["order"]
    with pytest.raises(NotFound):
        client.file_info("nosuchfilenosuchfilenosuch")
    with pytest.raises(NotFound):
        client.download_file("nosuchfilenosuchfilenosuch", io.BytesIO())


def test_unreadable_channel_is_forbidden(shared_demo_server, ws):
    foreign = next(
        c for c in ws.channels.values() if c["type"] == "P" and not ws.can_read_channel(c["id"], ws.me_id)
    )
    with (
        Client(shared_demo_server.url, shared_demo_server.token, pacer=Pacer()) as c,
        pytest.raises(Forbidden),
    ):
        c.posts_page(foreign["id"])


def test_channel_stats_count_attachments(shared_demo_server):
    client = Client(shared_demo_server.url, shared_demo_server.token)
    ws = shared_demo_server.workspace
    counts = {}
    for channel in client.my_channels():
        stats = client.channel_stats(channel["id"])
        assert stats["channel_id"] == channel["id"] and stats["member_count"] >= 1
        counts[channel["id"]] = stats["files_count"]
    expected = {
        cid: sum(len(p.get("file_ids") or ()) for p in ws.rows_of_channel(cid) if not p["delete_at"]) for cid in counts
    }
    assert counts == expected and sum(counts.values()) > 0
