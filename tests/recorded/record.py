"""Records real server responses into tests/recorded/*.json (a client; run by hand against a real server).

    RECORD_FACTS=facts.json python tests/recorded/record.py

The facts file names the server (`url`), the tokens (`admin_token`, `user_session`, `user_password` for
user `user`) and the ids the requests use (see PLACEHOLDERS). Each recording keeps the request as a
template with placeholders, so tests/integration/test_recorded_fidelity.py can ask the demo server the
equivalent question. Only secrets are replaced (tokens and cookie values become "<token>"); long post
lists are trimmed to a few posts, keeping their shape.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).parent
KEPT_HEADERS = ("Content-Type", "Token", "Retry-After", "X-Version-Id", "ETag", "Set-Cookie")
KEEP_POSTS = 6

# name, who asks (user, admin, nobody, bad), method, template, JSON body or None
EXCHANGES: list[tuple[str, str, str, str, Any]] = [
    ("ping", "nobody", "GET", "/api/v4/system/ping", None),
    ("config_client_old", "nobody", "GET", "/api/v4/config/client?format=old", None),
    ("config_client_new_format", "nobody", "GET", "/api/v4/config/client", None),
    ("users_me", "user", "GET", "/api/v4/users/me", None),
    ("users_me_teams", "user", "GET", "/api/v4/users/me/teams", None),
    ("users_me_team_channels", "user", "GET", "/api/v4/users/me/teams/{team}/channels", None),
    ("channel_dm", "user", "GET", "/api/v4/channels/{dm}", None),
    ("channel_gm", "user", "GET", "/api/v4/channels/{gm}", None),
    (
        "posts_before_page0_skip_threads",
        "user",
        "GET",
        "/api/v4/channels/{channel}/posts?before={newest_post}&page=0&per_page=200&skipFetchThreads=true",
        None,
    ),
    ("posts_page0", "user", "GET", "/api/v4/channels/{channel}/posts?page=0&per_page=200", None),
    ("posts_since", "user", "GET", "/api/v4/channels/{channel}/posts?since={since}", None),
    (
        "posts_after",
        "user",
        "GET",
        "/api/v4/channels/{channel}/posts?after={oldest_post}&page=0&per_page=200",
        None,
    ),
    (
        "posts_before_in_flood",
        "user",
        "GET",
        "/api/v4/channels/{flood_channel}/posts?before={flood_post}&page=0&per_page=5&skipFetchThreads=true",
        None,
    ),
    ("post_thread", "user", "GET", "/api/v4/posts/{root_post}/thread", None),
    ("file_info", "user", "GET", "/api/v4/files/{file}/info", None),
    ("channel_stats", "user", "GET", "/api/v4/channels/{channel}/stats", None),
    ("channel_members", "user", "GET", "/api/v4/channels/{channel}/members?page=0&per_page=200", None),
    ("error_401_bad_token", "bad", "GET", "/api/v4/users/me", None),
    ("error_403_channel_not_member", "user", "GET", "/api/v4/channels/{foreign_channel}", None),
    ("error_403_posts_not_member", "user", "GET", "/api/v4/channels/{foreign_channel}/posts", None),
    ("error_404_missing_post", "user", "GET", "/api/v4/posts/{missing_id}", None),
    ("error_404_missing_channel", "user", "GET", "/api/v4/channels/{missing_id}", None),
    ("error_404_no_such_route", "user", "GET", "/api/v4/no/such/route", None),
    ("login", "nobody", "POST", "/api/v4/users/login", {"login_id": "{username}", "password": "{password}"}),
    ("admin_team_public_channels", "admin", "GET", "/api/v4/teams/{team}/channels?page=0&per_page=200", None),
    ("admin_team_private_channels", "admin", "GET", "/api/v4/teams/{team}/channels/private", None),
    ("admin_team_deleted_channels", "admin", "GET", "/api/v4/teams/{team}/channels/deleted", None),
    ("admin_all_channels", "admin", "GET", "/api/v4/channels?include_deleted=true&per_page=200", None),
    ("admin_foreign_channel", "admin", "GET", "/api/v4/channels/{foreign_channel}", None),
    ("admin_foreign_channel_stats", "admin", "GET", "/api/v4/channels/{foreign_channel}/stats", None),
    ("admin_foreign_members", "admin", "GET", "/api/v4/channels/{foreign_channel}/members", None),
    ("user_team_public_channels", "user", "GET", "/api/v4/teams/{team}/channels?page=0&per_page=200", None),
    ("user_team_private_channels", "user", "GET", "/api/v4/teams/{team}/channels/private", None),
    ("user_team_deleted_channels", "user", "GET", "/api/v4/teams/{team}/channels/deleted", None),
    ("user_all_channels", "user", "GET", "/api/v4/channels?include_deleted=true", None),
]

PLACEHOLDERS = (
    "team", "dm", "gm", "channel", "newest_post", "oldest_post", "since", "flood_channel", "flood_post",
    "root_post", "file", "foreign_channel", "missing_id", "username", "password",
)  # fmt: skip


def main() -> int:
    facts = json.loads(Path(os.environ["RECORD_FACTS"]).read_text())
    session = requests.Session()
    session.trust_env = False
    secrets = [facts["admin_token"], facts["user_session"], facts["user_password"]]
    for name, who, method, template, body in EXCHANGES:
        record = exchange(session, facts, name, who, method, template, body)
        secrets.extend(_new_secrets(record))
        write(name, scrub(record, secrets))
        time.sleep(0.05)  # stay far below the rate limit; the 429 is recorded on purpose below
    write("error_429_rate_limited", scrub(rate_limited(session, facts), secrets))
    return 0


def exchange(session, facts, name, who, method, template, body) -> dict[str, Any]:
    path = fill(template, facts)
    headers = {}
    if who in ("user", "admin", "bad"):
        token = {"user": facts["user_session"], "admin": facts["admin_token"], "bad": "x" * 26}[who]
        headers["Authorization"] = f"Bearer {token}"
    json_body = json.loads(fill(json.dumps(body), facts)) if body is not None else None
    response = session.request(method, facts["url"] + path, headers=headers, json=json_body, timeout=30)
    record = {
        "name": name,
        "server_version": response.headers.get("X-Version-Id", "").split(".")[0:3],
        "request": {"method": method, "template": template, "as": who, "body": body},
        "response": {
            "status": response.status_code,
            "headers": kept_headers(response),
            "body": trim(_body(response)),
        },
    }
    cursor = re.search(r"[?&](?:before|after)=(\w+)", path)
    if cursor:  # the cursor post's millisecond, for the checks of cursor strictness
        post = session.get(f"{facts['url']}/api/v4/posts/{cursor.group(1)}", headers=headers, timeout=30)
        record["cursor_create_at"] = post.json()["create_at"]
    return record


def rate_limited(session, facts) -> dict[str, Any]:
    """Requests as fast as possible until the server answers 429 (the limit is per remote address)."""
    url = facts["url"] + "/api/v4/system/ping"
    for _ in range(2000):
        response = session.get(url, timeout=30)
        if response.status_code == 429:
            return {
                "name": "error_429_rate_limited",
                "server_version": response.headers.get("X-Version-Id", "").split(".")[0:3],
                "request": {"method": "GET", "template": "/api/v4/system/ping", "as": "nobody", "body": None},
                "response": {
                    "status": 429,
                    "headers": kept_headers(response),
                    "body": _body(response),
                },
            }
    raise SystemExit("the server never answered 429: is its rate limit on?")


def fill(template: str, facts: dict[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(facts["ids"][m.group(1)]), template)


def kept_headers(response: requests.Response) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, value in response.raw.headers.items():
        if name.lower().startswith("x-ratelimit-") or name.lower() in (k.lower() for k in KEPT_HEADERS):
            if name.lower() == "set-cookie":
                kept.setdefault("Set-Cookie", []).append(value)
            else:
                kept[name] = value
    return kept


def _body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def trim(body: Any) -> Any:
    """A long PostList keeps its first posts (and the extra posts they need); its shape stays."""
    if isinstance(body, dict) and "order" in body and "posts" in body and len(body["order"]) > KEEP_POSTS:
        order = body["order"][:KEEP_POSTS]
        wanted = set(order)
        for post_id in order:
            root = body["posts"].get(post_id, {}).get("root_id")
            if root:
                wanted.add(root)
        body = {**body, "order": order, "posts": {k: v for k, v in body["posts"].items() if k in wanted}}
    if isinstance(body, list) and len(body) > 2 * KEEP_POSTS:
        body = body[: 2 * KEEP_POSTS]
    return body


def _new_secrets(record: dict[str, Any]) -> list[str]:
    headers = record["response"]["headers"]
    found = [headers["Token"]] if "Token" in headers else []
    for cookie in headers.get("Set-Cookie", []):
        name, _, rest = cookie.partition("=")
        if name in ("MMAUTHTOKEN", "MMCSRF"):
            found.append(rest.split(";")[0])
    return [s for s in found if s]


def scrub(record: dict[str, Any], secrets: list[str]) -> dict[str, Any]:
    text = json.dumps(record, ensure_ascii=False)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<token>")
    return json.loads(text)


def write(name: str, record: dict[str, Any]) -> None:
    (HERE / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    print(name, record["response"]["status"], file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
