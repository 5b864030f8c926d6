"""The demo server over real HTTP: it must behave like a real Mattermost server where the exporter cares."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import time

import pytest
import requests
from PySide6.QtGui import QImage

from mmexport.demo.seed import FLOOD_POSTS, LONG_THREAD_REPLIES
from mmexport.demo.server import DemoServer

from .export_helpers import MMEXPORT_WITH_CTRL_C

API = "/api/v4"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def get(server: DemoServer, path: str, token: str | None = None, **kwargs) -> requests.Response:
    headers = kwargs.pop("headers", {})
    if token is not False:
        headers = {**bearer(token or server.token), **headers}
    return requests.get(server.url + API + path, headers=headers, timeout=10, **kwargs)


def channel_named(server: DemoServer, name: str, team: str = "forschung") -> dict:
    return get(server, f"/teams/name/{team}/channels/name/{name}").json()


def all_posts_by_fixed_anchor(server: DemoServer, channel_id: str, per_page: int = 200) -> list[dict]:
    """The exporter's way (docs/architecture.md): one anchor from page 0, then before=<anchor>&page=N."""
    first = get(server, f"/channels/{channel_id}/posts", params={"per_page": per_page}).json()
    if not first["order"]:
        return []
    anchor = first["order"][0]
    posts = [first["posts"][anchor]]
    page = 0
    while True:
        body = get(
            server,
            f"/channels/{channel_id}/posts",
            params={"before": anchor, "page": page, "per_page": per_page},
        ).json()
        posts += [body["posts"][pid] for pid in body["order"]]
        if len(body["order"]) < per_page:
            return posts
        page += 1


# ----- headers, discovery, errors -----


def test_every_response_carries_version_and_request_id(shared_demo_server):
    server = shared_demo_server
    for response in (
        get(server, "/system/ping", token=False),
        get(server, "/users/me"),
        get(server, "/no/such/route"),
        get(server, "/users/me", token="x" * 26),
    ):
        version_id = response.headers["X-Version-Id"]
        assert version_id.startswith("10.11.2.") and version_id.endswith(".false"), version_id
        assert len(response.headers["X-Request-Id"]) == 26


def test_unknown_route_is_the_real_404(shared_demo_server):
    response = get(shared_demo_server, "/no/such/route")
    assert response.status_code == 404
    body = response.json()  # JSON, though Go's sniffing labels it text/plain (recorded from 5.36.1)
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body["id"] == "api.context.404.app_error" and "request_id" not in body
    assert body["status_code"] == 404 and "/api/v4/no/such/route" in body["detailed_error"]


def test_client_config_needs_format_old_before_v11(shared_demo_server):
    server = shared_demo_server
    assert get(server, "/config/client", token=False).status_code == 501
    assert get(server, "/config/client", token=False, params={"format": "new"}).status_code == 400
    anonymous = get(server, "/config/client", token=False, params={"format": "old"}).json()
    assert anonymous["Version"] == "10.11.2" and anonymous["SiteName"]
    assert "TeammateNameDisplay" not in anonymous
    signed_in = get(server, "/config/client", params={"format": "old"}).json()
    assert signed_in["TeammateNameDisplay"] == "full_name"
    assert all(isinstance(v, str) for v in signed_in.values())


def test_client_config_format_is_ignored_from_v11():
    with DemoServer(version="11.1.0") as server:
        response = get(server, "/config/client", token=False)
        assert response.status_code == 200 and response.json()["Version"] == "11.1.0"
        assert response.headers["X-Version-Id"].startswith("11.1.0.")


# ----- authentication -----


def test_missing_or_bad_token_is_session_expired_with_cookie_clearing(shared_demo_server):
    for token in (False, "nonsense" * 3):
        response = get(shared_demo_server, "/users/me", token=token)
        assert response.status_code == 401
        assert response.json()["id"] == "api.context.session_expired.app_error"
        assert "MMAUTHTOKEN=;" in response.headers["Set-Cookie"]
        assert "Max-Age=0" in response.headers["Set-Cookie"]


def test_header_schemes(shared_demo_server):
    server = shared_demo_server
    for header in (f"bearer {server.token}", f"BEARER {server.token}", f"Token {server.token}"):
        response = get(server, "/users/me", token=False, headers={"Authorization": header})
        assert response.status_code == 200, header
        assert response.json()["username"] == "anna"
    rejected = get(server, "/users/me", token=False, params={"access_token": server.token})
    assert rejected.status_code == 401
    assert rejected.json()["id"] == "api.context.token_provided.app_error"


def test_cookie_takes_precedence_over_bearer(shared_demo_server):
    server = shared_demo_server
    stale_cookie = get(server, "/users/me", headers={"Cookie": "MMAUTHTOKEN=stalestalestalestalestale12"})
    assert stale_cookie.status_code == 401
    good_cookie = get(server, "/users/me", token="bad" * 9, headers={"Cookie": f"MMAUTHTOKEN={server.token}"})
    assert good_cookie.status_code == 200


def test_csrf_only_for_cookie_auth_on_non_get(demo_server):
    server = demo_server
    login = requests.post(  # as the web app signs in: only then the server sets its cookies
        server.url + API + "/users/login",
        json={"login_id": "anna", "password": "demo"},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    token, csrf = login.headers["Token"], login.cookies["MMCSRF"]
    url = server.url + API + "/users/ids"
    ids = [server.workspace.me_id]
    cookie = {"Cookie": f"MMAUTHTOKEN={token}"}
    refused = requests.post(url, json=ids, headers=cookie)
    assert refused.status_code == 401
    assert refused.json()["id"] == "api.context.session_expired.app_error"
    assert requests.post(url, json=ids, headers={**cookie, "X-Requested-With": "XMLHttpRequest"}).ok
    assert requests.post(url, json=ids, headers={**cookie, "X-CSRF-Token": csrf}).ok
    assert requests.post(url, json=ids, headers=bearer(token)).ok  # header auth: no CSRF check
    assert requests.get(server.url + API + "/users/me", headers=cookie).ok  # GET: no CSRF check


def test_login_logout_and_mfa(demo_server):
    server = demo_server
    url = server.url + API + "/users/login"
    wrong = requests.post(url, json={"login_id": "anna", "password": "nope"})
    assert wrong.status_code == 401
    assert wrong.json()["id"] == "api.user.login.invalid_credentials_email_username"
    no_code = requests.post(url, json={"login_id": "mfa", "password": "demo"})
    assert no_code.status_code == 401 and no_code.json()["id"] == "mfa.validate_token.authenticate.app_error"
    bad_code = requests.post(url, json={"login_id": "mfa", "password": "demo", "token": "000000"})
    assert bad_code.status_code == 401
    assert requests.post(url, json={"login_id": "mfa", "password": "demo", "token": "123456"}).ok

    login = requests.post(url, json={"login_id": "anna@example.org", "password": "demo"})
    assert login.ok and login.json()["username"] == "anna"
    token = login.headers["Token"]
    assert "MMAUTHTOKEN" not in login.cookies  # cookies only for the web app's logins (X-Requested-With)
    web = requests.post(
        url,
        json={"login_id": "anna@example.org", "password": "demo"},
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert web.cookies["MMAUTHTOKEN"] == web.headers["Token"]
    assert get(server, "/users/me", token=token).ok
    assert requests.post(server.url + API + "/users/logout", headers=bearer(token)).ok
    assert get(server, "/users/me", token=token).status_code == 401
    assert get(server, "/users/me").ok  # other sessions are untouched


def test_token_expiry_after_requests_and_seconds():
    with DemoServer(token_expiry_requests=3) as server:
        assert [get(server, "/users/me").status_code for _ in range(4)] == [200, 200, 200, 401]
        assert get(server, "/users/me", token=server.issue_token()).ok
    with DemoServer(token_expiry_seconds=0.3) as server:
        assert get(server, "/users/me").ok
        time.sleep(0.4)
        assert get(server, "/users/me").status_code == 401


def test_expire_token_and_personal_access_token(demo_server):
    server = demo_server
    pat = server.issue_token(kind="pat")
    assert get(server, "/users/me", token=pat).ok
    server.expire_token(pat)
    response = get(server, "/users/me", token=pat)
    assert response.status_code == 401 and response.json()["id"] == "api.context.session_expired.app_error"


# ----- teams, channels, users -----


def test_team_channel_lists(shared_demo_server):
    server = shared_demo_server
    teams = get(server, "/users/me/teams").json()
    assert {t["name"] for t in teams} >= {"forschung", "verwaltung", "lehre"}
    direct_ids = None
    for team in teams:
        channels = get(server, f"/users/me/teams/{team['id']}/channels").json()
        names = [c["display_name"] for c in channels]
        assert names == sorted(names)
        assert all(c["team_id"] in (team["id"], "") for c in channels)
        dms = {c["id"] for c in channels if c["type"] in "DG"}
        direct_ids = dms if direct_ids is None else direct_ids
        assert dms == direct_ids and dms  # DMs and GMs appear in every team's list
        assert not any(c["delete_at"] for c in channels)
        assert not {c["name"] for c in channels} & {"geheimprojekt", "kaffeekueche", "betriebsrat"}
    forschung = teams[[t["name"] for t in teams].index("forschung")]
    with_archived = get(
        server, f"/users/me/teams/{forschung['id']}/channels", params={"include_deleted": "true"}
    )
    assert any(c["name"] == "archiv-2023" and c["delete_at"] for c in with_archived.json())


def test_channel_list_etag(shared_demo_server):
    server = shared_demo_server
    team = get(server, "/teams/name/lehre").json()
    first = get(server, f"/users/me/teams/{team['id']}/channels")
    again = get(
        server, f"/users/me/teams/{team['id']}/channels", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.content == b""


def test_empty_channel_list_is_404_and_broken_stream(shared_demo_server):
    server = shared_demo_server
    token = server.issue_token("mfa")  # a member of every team but of no channel
    team = get(server, "/teams/name/lehre", token=token).json()
    response = get(server, f"/users/me/teams/{team['id']}/channels", token=token)
    assert response.status_code == 404
    assert response.json()["id"] == "app.channel.get_channels.not_found.app_error"
    streamed = get(server, "/users/me/channels", token=token)
    assert streamed.text.startswith("[{") and "app.channel.get_channels.not_found.app_error" in streamed.text


def test_all_channels_is_one_streamed_array(shared_demo_server):
    server = shared_demo_server
    response = get(server, "/users/me/channels")
    assert response.headers.get("Transfer-Encoding") == "chunked"
    channels = response.json()
    assert [c["id"] for c in channels] == sorted(c["id"] for c in channels)
    assert len(channels) >= 40
    by_type = {t: sum(1 for c in channels if c["type"] == t) for t in "OPDG"}
    assert by_type["D"] >= 8 and by_type["G"] == 3
    team = get(server, "/teams/name/verwaltung").json()
    members = get(server, f"/users/me/teams/{team['id']}/channels/members").json()
    in_team = {c["id"] for c in channels if c["team_id"] in (team["id"], "")}
    assert {m["channel_id"] for m in members} == in_team | {
        c["id"]
        for c in server.workspace.channels_of_user(server.workspace.me_id)
        if c["team_id"] == team["id"]
    }
    assert all(m["user_id"] == server.workspace.me_id for m in members)


def test_direct_and_group_channel_names(shared_demo_server):
    server = shared_demo_server
    me = server.workspace.me_id
    channels = get(server, "/users/me/channels").json()
    dms = [c for c in channels if c["type"] == "D"]
    assert all(c["display_name"] == "" for c in dms)
    assert any(c["name"] == f"{me}__{me}" for c in dms)
    for dm in dms:
        low, high = dm["name"].split("__")
        assert low <= high and me in (low, high)
    groups = [c for c in channels if c["type"] == "G"]
    members = requests.post(
        server.url + API + "/users/group_channels",
        json=[g["id"] for g in groups],
        headers=bearer(server.token),
    ).json()
    me_name = server.workspace.users[me]["username"]
    for group in groups:
        others = [u["username"] for u in members[group["id"]]]
        assert me_name not in others  # the real store leaves the caller out of the lists
        usernames = sorted([*others, me_name])
        assert 3 <= len(usernames) <= 8
        expected = ", ".join(usernames).encode()[:64].decode("utf-8", "ignore")
        assert group["display_name"] == expected
    assert any(len(group["display_name"].encode()) == 64 for group in groups)


def test_users_by_ids_returns_deactivated_and_omits_unknown(shared_demo_server):
    server = shared_demo_server
    ws = server.workspace
    otto = ws.user_by_username("otto.alt")
    bot = ws.user_by_username("ci-bot")
    wanted = [otto["id"], bot["id"], ws.me_id, "unknownunknownunknown12345", otto["id"]]
    users = requests.post(server.url + API + "/users/ids", json=wanted, headers=bearer(server.token)).json()
    assert [u["username"] for u in users] == ["otto.alt", "ci-bot", "anna"]
    assert users[0]["delete_at"] > 0 and users[1]["is_bot"] is True
    assert users[0]["email"] == "" and users[2]["email"] == "anna@example.org"  # ShowEmailAddress off
    by_name = requests.post(
        server.url + API + "/users/usernames", json=["katrin", "nobody"], headers=bearer(server.token)
    ).json()
    assert [u["nickname"] for u in by_name] == ["Kati 🌻"]


def test_users_in_channel_paging(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "town-square")
    first = get(server, "/users", params={"in_channel": channel["id"], "per_page": 5, "page": 0}).json()
    second = get(server, "/users", params={"in_channel": channel["id"], "per_page": 5, "page": 1}).json()
    assert len(first) == 5 and not {u["id"] for u in first} & {u["id"] for u in second}
    assert [u["username"] for u in first] == sorted(u["username"] for u in first)


def test_private_channel_of_others_is_forbidden(shared_demo_server):
    server = shared_demo_server
    secret = server.workspace.channel_by_name(
        get(server, "/teams/name/forschung").json()["id"], "geheimprojekt"
    )
    for path in (f"/channels/{secret['id']}", f"/channels/{secret['id']}/posts"):
        response = get(server, path)
        assert response.status_code == 403
        assert response.json()["id"] == "api.context.permissions.app_error"
    public_not_member = channel_named(server, "kaffeekueche")
    assert get(server, f"/channels/{public_not_member['id']}/posts").ok  # public: readable by the team
    assert get(server, "/channels/not-an-id/posts").status_code == 400


# ----- posts -----


def test_page_mode_clamp_order_and_cursors(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "projekt-alpha")
    body = get(server, f"/channels/{channel['id']}/posts", params={"per_page": 5000}).json()
    assert len(body["order"]) == 200  # per_page clamped
    times = [body["posts"][pid]["create_at"] for pid in body["order"]]
    assert times == sorted(times, reverse=True)
    assert len(body["posts"]) > len(body["order"])  # whole threads of touched posts ride along
    assert body["prev_post_id"] and body["next_post_id"] == ""
    assert all(body["posts"][pid]["reply_count"] == 0 for pid in body["order"])  # not computed here
    default = get(server, f"/channels/{channel['id']}/posts").json()
    assert len(default["order"]) == 60
    skipped = get(
        server, f"/channels/{channel['id']}/posts", params={"per_page": 200, "skipFetchThreads": "true"}
    )
    skipped_body = skipped.json()
    assert len(skipped_body["posts"]) < len(body["posts"])
    assert any(p["reply_count"] > 0 for p in skipped_body["posts"].values())
    total = channel["total_msg_count"]
    last_page = get(server, f"/channels/{channel['id']}/posts", params={"per_page": 200, "page": 10}).json()
    assert last_page["order"] == [] and last_page["prev_post_id"] == ""
    assert total >= LONG_THREAD_REPLIES


def test_prev_post_id_is_empty_on_the_oldest_page(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "labor")
    body = get(server, f"/channels/{channel['id']}/posts", params={"per_page": 200}).json()
    assert 0 < len(body["order"]) < 200
    assert body["prev_post_id"] == ""


def test_same_millisecond_flood_and_strict_before_cursor(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "import-altsystem")
    posts = all_posts_by_fixed_anchor(server, channel["id"])
    flood = [p for p in posts if p["message"].startswith("Importierte Nachricht")]
    assert len(flood) == FLOOD_POSTS and len({p["create_at"] for p in flood}) == 1
    assert len({p["id"] for p in posts}) == len(posts)
    everything = server.workspace.visible_posts(channel["id"])
    assert len(posts) == len(everything)

    # Following the cursor the way the webapp does loses the flood: before= compares strictly.
    flood_post = flood[len(flood) // 2]
    older = get(
        server, f"/channels/{channel['id']}/posts", params={"before": flood_post["id"], "per_page": 200}
    )
    older_body = older.json()
    assert all(older_body["posts"][pid]["create_at"] < flood_post["create_at"] for pid in older_body["order"])
    assert older_body["next_post_id"] == flood_post["id"]
    newer = get(
        server, f"/channels/{channel['id']}/posts", params={"after": flood_post["id"], "per_page": 200}
    )
    newer_body = newer.json()
    assert all(newer_body["posts"][pid]["create_at"] > flood_post["create_at"] for pid in newer_body["order"])
    assert newer_body["prev_post_id"] == flood_post["id"]


def test_after_cursor_pages_newest_first(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "off-topic")
    everything = all_posts_by_fixed_anchor(server, channel["id"])
    oldest = everything[-1]
    body = get(
        server, f"/channels/{channel['id']}/posts", params={"after": oldest["id"], "per_page": 10}
    ).json()
    expected = [p["id"] for p in everything if p["create_at"] > oldest["create_at"]][-10:]
    assert body["order"] == expected


def test_since_returns_deleted_posts_and_edit_copies_blanked(demo_server):
    server = demo_server
    ws = server.workspace
    channel = channel_named(server, "labor")
    before_changes = int(time.time() * 1000)
    kept = ws.add_post(channel["id"], ws.me_id, "Wird bearbeitet")
    ws.edit_post(kept["id"], "Wurde bearbeitet")
    doomed = ws.add_post(channel["id"], ws.me_id, "Wird gelöscht")
    ws.delete_post(doomed["id"])

    listed = get(server, f"/channels/{channel['id']}/posts").json()
    assert kept["id"] in listed["order"] and doomed["id"] not in listed["order"]
    assert listed["posts"][kept["id"]]["edit_at"] > 0
    assert get(server, f"/posts/{doomed['id']}").status_code == 404

    since = get(server, f"/channels/{channel['id']}/posts", params={"since": before_changes - 1}).json()
    assert since["next_post_id"] == "" and since["prev_post_id"] == ""
    changed = [since["posts"][pid] for pid in since["order"]]
    deleted = next(p for p in changed if p["id"] == doomed["id"])
    assert deleted["delete_at"] > 0 and deleted["message"] == "" and deleted["metadata"] == {}
    copies = [p for p in changed if p["original_id"] == kept["id"]]
    assert len(copies) == 1 and copies[0]["message"] == "" and copies[0]["delete_at"] > 0
    assert next(p for p in changed if p["id"] == kept["id"])["message"] == "Wurde bearbeitet"


def test_generated_edits_and_deletions_show_only_via_since(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "markdown-spielwiese")
    visible = all_posts_by_fixed_anchor(server, channel["id"])
    assert not any(p["original_id"] or p["delete_at"] for p in visible)
    since = get(server, f"/channels/{channel['id']}/posts", params={"since": 1}).json()
    rows = list(since["posts"].values())
    assert sum(1 for p in rows if p["original_id"]) >= 2
    assert any(p["delete_at"] and not p["original_id"] for p in rows)


def test_special_content(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "markdown-spielwiese")
    posts = all_posts_by_fixed_anchor(server, channel["id"])
    messages = "\n".join(p["message"] for p in posts)
    assert "<script>alert(1)</script>" in messages and "(javascript:alert(1))" in messages
    assert "```python" in messages and "| Name |" in messages
    showcase = next(p for p in posts if p["message"].startswith("# Überschrift"))
    reactions = showcase["metadata"]["reactions"]
    assert {r["emoji_name"] for r in reactions} >= {"+1", "kaffee"}
    assert [e["name"] for e in showcase["metadata"]["emojis"]] == ["kaffee"]
    edited = next(p for p in posts if p["message"].startswith("Dritte Fassung"))
    assert edited["edit_at"] > 0
    bot_posts = [p for p in posts if p["props"].get("from_bot") == "true"]
    attachment = bot_posts[0]["props"]["attachments"][0]
    assert attachment["color"] and attachment["title"] and attachment["fields"]
    assert bot_posts[0]["metadata"]["embeds"] == [{"type": "message_attachment"}]
    general = all_posts_by_fixed_anchor(server, channel_named(server, "town-square")["id"])
    kinds = {p["type"] for p in general}
    assert {"system_join_channel", "system_header_change", "system_leave_channel"} <= kinds
    raw = get(server, f"/channels/{channel['id']}/posts").content
    assert b"<script>" not in raw and b"\\u003cscript\\u003e" in raw  # Go escapes HTML in JSON


def test_long_thread_and_pinned(shared_demo_server):
    server = shared_demo_server
    channel = channel_named(server, "projekt-alpha")
    pinned = get(server, f"/channels/{channel['id']}/pinned").json()
    root = next(
        pinned["posts"][pid] for pid in pinned["order"] if "Sammelthread" in pinned["posts"][pid]["message"]
    )
    thread = get(server, f"/posts/{root['id']}/thread").json()
    assert thread["order"][0] == root["id"] and len(thread["order"]) == LONG_THREAD_REPLIES + 1
    assert all(thread["posts"][pid]["root_id"] == root["id"] for pid in thread["order"][1:])
    first_page = get(server, f"/posts/{root['id']}/thread", params={"perPage": 100}).json()
    assert first_page["has_next"] is True and len(first_page["order"]) == 101
    single = get(server, f"/posts/{root['id']}").json()
    assert single["reply_count"] == LONG_THREAD_REPLIES


def test_total_message_counts_follow_the_real_rules(shared_demo_server):
    server = shared_demo_server
    ws = server.workspace
    for channel in get(server, "/users/me/channels").json():
        rows = ws.rows_of_channel(channel["id"])
        created = [p for p in rows if not p["original_id"] and not p["type"].startswith("system_join")]
        created = [p for p in created if p["type"] not in ("system_leave_channel",)]
        assert channel["total_msg_count"] == len(created)
        assert channel["total_msg_count_root"] == sum(1 for p in created if not p["root_id"])


def test_request_counts_use_route_templates(demo_server):
    server = demo_server
    channel = channel_named(server, "labor")
    server.reset_counts()
    get(server, f"/channels/{channel['id']}/posts")
    get(server, f"/channels/{channel['id']}/posts", params={"page": 1})
    assert server.request_counts["GET /api/v4/channels/{channel_id}/posts"] == 2
    assert server.requests[-1] == ("GET", f"{API}/channels/{channel['id']}/posts", "page=1", 200)
    server.reset_counts()
    assert not server.request_counts and not server.requests


# ----- files, emoji, avatars -----


def file_posts(server: DemoServer) -> dict[str, dict]:
    channel = channel_named(server, "dateien")
    infos = {}
    for post in all_posts_by_fixed_anchor(server, channel["id"]):
        for info in post["metadata"].get("files", []):
            infos[info["name"]] = info
    return infos


def test_files_hostile_names_and_dispositions(shared_demo_server):
    server = shared_demo_server
    infos = file_posts(server)
    assert {"../../etc/passwd", "CON", "a\\b/c:d*?.txt", "Bericht final...", "Foto vom Labor 📷.jpg"} <= set(
        infos
    )
    assert any(len(name) > 260 for name in infos)
    png = get(server, f"/files/{infos['Präsentation Übersicht.png']['id']}")
    assert png.content.startswith(b"\x89PNG") and png.headers["Content-Type"] == "image/png"
    assert png.headers["Content-Disposition"].startswith('inline;filename="Pr%C3%A4sentation%20')
    assert "filename*=UTF-8''Pr%C3%A4sentation" in png.headers["Content-Disposition"]
    jpeg = get(server, f"/files/{infos['Foto vom Labor 📷.jpg']['id']}")
    assert jpeg.content.startswith(b"\xff\xd8") and jpeg.content.endswith(b"\xff\xd9")
    pdf = get(server, f"/files/{infos['Protokoll Sitzung März.pdf']['id']}")
    assert pdf.content.startswith(b"%PDF-") and pdf.headers["Content-Disposition"].startswith("attachment;")
    html = get(server, f"/files/{infos['seite.html']['id']}")
    assert html.headers["Content-Type"] == "text/plain"
    forced = get(server, f"/files/{infos['Präsentation Übersicht.png']['id']}", params={"download": "1"})
    assert forced.headers["Content-Disposition"].startswith("attachment;")
    passwd = get(server, f"/files/{infos['../../etc/passwd']['id']}")
    assert "..%2F..%2Fetc%2Fpasswd" in passwd.headers["Content-Disposition"]
    missing = get(server, f"/files/{infos['verschwunden.pdf']['id']}")
    assert missing.status_code == 404
    assert get(server, f"/files/{infos['verschwunden.pdf']['id']}/info").ok
    assert get(server, f"/files/{infos['notizen.txt']['id']}/thumbnail").status_code == 400
    assert get(server, f"/files/{infos['Präsentation Übersicht.png']['id']}/preview").ok


def test_generated_images_decode(shared_demo_server):
    server = shared_demo_server
    infos = file_posts(server)
    for name in ("Präsentation Übersicht.png", "Foto vom Labor 📷.jpg"):
        # Qt's own decoders (the project installs Qt), not an outside program a fresh machine may lack.
        image = QImage.fromData(get(server, f"/files/{infos[name]['id']}").content)
        assert not image.isNull(), name
        assert (image.width(), image.height()) == (infos[name]["width"], infos[name]["height"])


def test_range_requests(shared_demo_server):
    server = shared_demo_server
    info = file_posts(server)["notizen.txt"]
    whole = get(server, f"/files/{info['id']}").content
    assert len(whole) == info["size"]
    part = get(server, f"/files/{info['id']}", headers={"Range": "bytes=5-14"})
    assert part.status_code == 206 and part.content == whole[5:15]
    assert part.headers["Content-Range"] == f"bytes 5-14/{len(whole)}"
    tail = get(server, f"/files/{info['id']}", headers={"Range": "bytes=10-"})
    assert tail.content == whole[10:]
    suffix = get(server, f"/files/{info['id']}", headers={"Range": "bytes=-4"})
    assert suffix.content == whole[-4:]
    beyond = get(server, f"/files/{info['id']}", headers={"Range": f"bytes={len(whole) + 5}-"})
    assert beyond.status_code == 416 and beyond.headers["Content-Range"] == f"bytes */{len(whole)}"


def test_emoji_and_avatars(shared_demo_server):
    server = shared_demo_server
    emoji = get(server, "/emoji", params={"sort": "name", "per_page": 200}).json()
    assert [e["name"] for e in emoji] == sorted(e["name"] for e in emoji) and len(emoji) >= 3
    image = get(server, f"/emoji/{emoji[0]['id']}/image")
    assert image.headers["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    me = get(server, "/users/me").json()
    avatar = get(server, f"/users/{me['id']}/image")
    assert avatar.headers["Content-Type"] == "image/png"
    assert avatar.headers["ETag"] == str(me["last_picture_update"])
    cached = get(server, f"/users/{me['id']}/image", headers={"If-None-Match": avatar.headers["ETag"]})
    assert cached.status_code == 304


def test_emoji_disabled_is_501():
    with DemoServer(custom_emoji=False) as server:
        response = get(server, "/emoji", params={"sort": "name"})
        assert response.status_code == 501 and response.json()["id"] == "api.emoji.disabled.app_error"


# ----- rate limit, faults, latency -----


def test_rate_limit_headers_and_429():
    with DemoServer(rate_limit=5, burst=3) as server:
        session = requests.Session()
        first = session.get(server.url + API + "/system/ping")
        assert first.headers["X-RateLimit-Limit"] == "4"  # burst + 1, like throttled
        assert first.headers["X-RateLimit-Remaining"] == "3"
        assert first.headers["X-RateLimit-Reset"] == "1"  # relative seconds, not an epoch
        statuses = [session.get(server.url + API + "/system/ping").status_code for _ in range(5)]
        assert 429 in statuses
        limited = session.get(server.url + API + "/system/ping")
        assert limited.status_code == 429
        assert limited.headers["Content-Type"].startswith("text/plain")
        assert limited.text == "limit exceeded\n"
        assert int(limited.headers["Retry-After"]) >= 1
        assert limited.headers["X-Version-Id"]
        assert server.request_counts["GET /api/v4/system/ping"] == 7  # limited requests count too
        assert [r[3] for r in server.requests].count(429) == statuses.count(429) + 1
        time.sleep(0.45)
        assert session.get(server.url + API + "/system/ping").ok
        server.set_faults(rate_limit=None)
        assert all(session.get(server.url + API + "/system/ping").ok for _ in range(10))


def test_fault_and_drop_injection():
    with DemoServer(fault_rate=1.0) as server:
        response = get(server, "/users/me")
        assert response.status_code == 500 and response.json()["status_code"] == 500
        server.set_faults(fault_rate=0.0, drop_rate=1.0)
        with pytest.raises(requests.ConnectionError):
            get(server, "/users/me")
        assert server.requests[-1][3] == 0
        server.set_faults(drop_rate=0.0)
        assert get(server, "/users/me").ok


def test_partial_fault_rate_is_a_share():
    with DemoServer(fault_rate=0.3, seed=5) as server:
        session = requests.Session()
        statuses = [session.get(server.url + API + "/system/ping").status_code for _ in range(200)]
        assert 30 < statuses.count(500) < 90 and statuses.count(200) + statuses.count(500) == 200


def test_latency_is_added():
    with DemoServer(latency_ms=50) as server:
        started = time.perf_counter()
        get(server, "/system/ping", token=False)
        assert time.perf_counter() - started >= 0.05


def test_keep_alive_and_fast_responses(shared_demo_server):
    server = shared_demo_server
    session = requests.Session()
    session.headers.update(bearer(server.token))
    channel = channel_named(server, "town-square")
    session.get(server.url + API + "/users/me")
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        assert session.get(f"{server.url}{API}/channels/{channel['id']}/posts", params={"per_page": 60}).ok
        timings.append((time.perf_counter() - started) * 1000)
    # The Nagle/delayed-ACK stall adds 40 ms to every answer; the median is blind to a busy machine's outliers.
    assert statistics.median(timings) < 30, timings


# ----- the big channel -----


def test_big_channel_is_computed_not_stored():
    with DemoServer(big_channel_posts=1_000_000) as server:
        channel = channel_named(server, "grosser-kanal")
        assert channel["total_msg_count"] == 1_000_000
        session = requests.Session()
        session.headers.update(bearer(server.token))
        url = f"{server.url}{API}/channels/{channel['id']}/posts"
        first = session.get(url, params={"per_page": 200}).json()
        anchor = first["order"][0]
        assert first["posts"][anchor]["message"].startswith("Update Nr. 1000000")
        started = time.perf_counter()
        deep = session.get(url, params={"before": anchor, "page": 4000, "per_page": 200}).json()
        elapsed = time.perf_counter() - started
        assert len(deep["order"]) == 200 and elapsed < 0.5
        last = session.get(url, params={"before": anchor, "page": 4999, "per_page": 200}).json()
        assert len(last["order"]) == 199 and last["prev_post_id"] == ""
        assert last["posts"][last["order"][-1]]["message"].startswith("Statusmeldung Nr. 1:")
        single = session.get(f"{server.url}{API}/posts/{last['order'][-1]}").json()
        assert single["channel_id"] == channel["id"]
        added = server.workspace.add_post(channel["id"], server.workspace.me_id, "Ganz neu")
        newest = session.get(url, params={"per_page": 2}).json()
        assert newest["order"][0] == added["id"] and newest["posts"][newest["order"][1]]["id"] == anchor
        assert len(server.workspace.posts) < 10_000


def test_large_size_has_the_big_channel():
    with DemoServer(size="large") as server:
        assert channel_named(server, "grosser-kanal")["total_msg_count"] == 100_000


# ----- the command -----


def test_demo_server_command_prints_url_and_token():
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [*MMEXPORT_WITH_CTRL_C, "demo-server", "--port", "0", "--server-version", "9.11.0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
        assert first.startswith("Demo server: http://127.0.0.1:")
        url = first.split(": ", 1)[1].strip()
        token = second.removeprefix("Token: ").strip()
        me = requests.get(url + API + "/users/me", headers=bearer(token), timeout=10)
        assert me.ok and me.json()["username"] == "anna"
        assert me.headers["X-Version-Id"].startswith("9.11.0.")
        process.send_signal(signal.SIGINT)  # Ctrl-C stops it cleanly
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
