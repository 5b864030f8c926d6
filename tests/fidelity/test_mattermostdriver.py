"""The Python mattermostdriver package (written against real servers) works against the demo server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from mattermostdriver import Driver
from mattermostdriver.exceptions import FeatureDisabled, NoAccessTokenProvided, ResourceNotFound

from mmexport.demo.server import DemoServer


def driver_for(server: DemoServer, **options) -> Driver:
    address = urlsplit(server.url)
    return Driver(
        {"url": address.hostname, "port": address.port, "scheme": "http", "basepath": "/api/v4", **options}
    )


def test_token_login_teams_channels_and_posts(shared_demo_server):
    server = shared_demo_server
    ws = server.workspace
    driver = driver_for(server, token=server.token)
    me = driver.login()
    assert me["id"] == ws.me_id and driver.client.username == "anna"

    teams = driver.teams.get_user_teams("me")
    assert [t["name"] for t in teams] == ["forschung", "verwaltung", "lehre"]
    forschung = driver.teams.get_team_by_name("forschung")
    channels = driver.channels.get_channels_for_user("me", forschung["id"])
    by_name = {c["name"]: c for c in channels}
    assert "projekt-alpha" in by_name and "geheimprojekt" not in by_name
    assert driver.channels.get_channel_by_name(forschung["id"], "labor")["id"] == by_name["labor"]["id"]

    channel = by_name["projekt-alpha"]
    first = driver.posts.get_posts_for_channel(channel["id"], params={"per_page": 200})
    anchor = first["order"][0]
    collected = [anchor]
    page = 0
    while True:
        body = driver.posts.get_posts_for_channel(
            channel["id"], params={"before": anchor, "page": page, "per_page": 200}
        )
        collected += body["order"]
        if len(body["order"]) < 200:
            break
        page += 1
    visible = ws.visible_posts(channel["id"])
    assert len(collected) == len(set(collected)) == len(visible)

    thread_root = next(pid for pid in collected if ws.reply_count(ws.get_post(pid)) > 500)
    thread = driver.posts.get_thread(thread_root)
    assert len(thread["order"]) > 500

    profiles = driver.users.get_users_by_ids([ws.me_id, ws.user_by_username("otto.alt")["id"]])
    assert {u["username"] for u in profiles} == {"anna", "otto.alt"}
    emoji = driver.emoji.get_emoji_list(params={"sort": "name"})
    assert [e["name"] for e in emoji] == sorted(e["name"] for e in emoji)


def test_password_login_with_and_without_mfa(demo_server):
    server = demo_server
    driver = driver_for(server, login_id="anna", password="demo")
    assert driver.login()["username"] == "anna"
    assert driver.users.get_user("me")["username"] == "anna"
    driver.logout()

    with pytest.raises(NoAccessTokenProvided):
        driver_for(server, login_id="anna", password="wrong").login()
    with pytest.raises(NoAccessTokenProvided):
        driver_for(server, login_id="mfa", password="demo").login()
    assert (
        driver_for(server, login_id="mfa", password="demo", mfa_token="123456").login()["username"] == "mfa"
    )


def test_driver_errors_map_to_its_exceptions(shared_demo_server):
    server = shared_demo_server
    driver = driver_for(server, token=server.token)
    driver.login()
    with pytest.raises(ResourceNotFound):
        driver.posts.get_post("unknownunknownunknown12345")
    expired = driver_for(server, token="invalidtokeninvalidtoken12")
    with pytest.raises(NoAccessTokenProvided):
        expired.login()
    with DemoServer(custom_emoji=False) as no_emoji:
        plain = driver_for(no_emoji, token=no_emoji.token)
        plain.login()
        with pytest.raises(FeatureDisabled):
            plain.emoji.get_emoji_list()
