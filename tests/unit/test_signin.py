"""parse_signin_material: the token (and server) from whatever people copy out of their browser."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mmexport.mattermost import SigninParseError, looks_like_signin_material, parse_signin_material

TOKEN = "8xk3fz1u4p8zjbd1ds9tqqbxuc"
SERVER = "https://chat.example.org"

CHROME_BASH = r"""curl 'https://chat.example.org/api/v4/users/me/teams/unread?include_collapsed_threads=true' \
  -H 'accept: */*' \
  -H 'accept-language: de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7' \
  -b 'MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMAUTHTOKEN=8xk3fz1u4p8zjbd1ds9tqqbxuc; MMCSRF=ak5sw1d3ojgxijkhnnqqpnm4ja' \
  -H 'priority: u=1, i' \
  -H 'referer: https://chat.example.org/forschung/channels/town-square' \
  -H 'sec-ch-ua: "Chromium";v="128", "Not;A=Brand";v="24", "Google Chrome";v="128"' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36' \
  -H 'x-requested-with: XMLHttpRequest'"""

CHROME_BASH_OLD_COOKIE_HEADER = r"""curl 'https://chat.example.org/api/v4/channels/members/me/view' \
  -H 'authority: chat.example.org' \
  -H 'cookie: MMAUTHTOKEN=8xk3fz1u4p8zjbd1ds9tqqbxuc; MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMCSRF=ak5sw1d3ojgxijkhnnqqpnm4ja' \
  -H 'x-csrf-token: ak5sw1d3ojgxijkhnnqqpnm4ja' \
  --data-raw '{"channel_id":"kt3yqcwbxjr3umyr9xdxu6sq6c","prev_channel_id":""}' \
  --compressed"""

CHROME_CMD = r"""curl ^"https://chat.example.org/api/v4/users/me^" ^
  -H ^"accept: */*^" ^
  -H ^"accept-language: de-DE,de;q=0.9^" ^
  -b ^"MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMAUTHTOKEN=8xk3fz1u4p8zjbd1ds9tqqbxuc; MMCSRF=ak5sw1d3ojgxijkhnnqqpnm4ja^" ^
  -H ^"referer: https://chat.example.org/forschung/channels/town-square^" ^
  -H ^"sec-ch-ua: ^\^"Chromium^\^";v=^\^"128^\^", ^\^"Not;A=Brand^\^";v=^\^"24^\^"^" ^
  -H ^"user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0^" ^
  -H ^"x-requested-with: XMLHttpRequest^\""""

FIREFOX_BASH = r"""curl 'https://chat.example.org/api/v4/users/me' -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0' -H 'Accept: */*' -H 'Accept-Language: de,en-US;q=0.7,en;q=0.3' -H 'Accept-Encoding: gzip, deflate, br, zstd' -H 'X-Requested-With: XMLHttpRequest' -H 'Connection: keep-alive' -H 'Referer: https://chat.example.org/forschung/channels/town-square' -H 'Cookie: MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMAUTHTOKEN=8xk3fz1u4p8zjbd1ds9tqqbxuc; MMCSRF=ak5sw1d3ojgxijkhnnqqpnm4ja' -H 'Sec-Fetch-Dest: empty' -H 'Sec-Fetch-Mode: cors' -H 'Sec-Fetch-Site: same-origin'"""

FIREFOX_CMD = r"""curl.exe "https://chat.example.org/mattermost/api/v4/users/me" -H "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0" -H "Accept: */*" -H "Cookie: MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMAUTHTOKEN=8xk3fz1u4p8zjbd1ds9tqqbxuc" -H "X-Requested-With: XMLHttpRequest\""""

EDGE_POWERSHELL = r"""$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
$session.UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0"
$session.Cookies.Add((New-Object System.Net.Cookie("MMUSERID", "6pcr9dbs8tpmx3dp4ajetgmcxi", "/", "chat.example.org")))
$session.Cookies.Add((New-Object System.Net.Cookie("MMAUTHTOKEN", "8xk3fz1u4p8zjbd1ds9tqqbxuc", "/", "chat.example.org")))
Invoke-WebRequest -UseBasicParsing -Uri "https://chat.example.org/api/v4/users/me" `
-WebSession $session `
-Headers @{
"accept"="*/*"
  "x-requested-with"="XMLHttpRequest"
}"""

BEARER_CURL = r"""curl -s -H "Authorization: Bearer 8xk3fz1u4p8zjbd1ds9tqqbxuc" https://chat.example.org/api/v4/users/me"""

NODE_FETCH = r"""fetch("https://chat.example.org/api/v4/users/me", {
  "headers": {
    "accept": "*/*",
    "cookie": "MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMAUTHTOKEN=8xk3fz1u4p8zjbd1ds9tqqbxuc",
    "x-requested-with": "XMLHttpRequest"
  },
  "body": null,
  "method": "GET"
});"""


@pytest.mark.parametrize(
    ("sample", "server"),
    [
        (CHROME_BASH, SERVER),
        (CHROME_BASH_OLD_COOKIE_HEADER, SERVER),
        (CHROME_CMD, SERVER),
        (FIREFOX_BASH, SERVER),
        (FIREFOX_CMD, SERVER + "/mattermost"),
        (EDGE_POWERSHELL, SERVER),
        (BEARER_CURL, SERVER),
        (NODE_FETCH, SERVER),
        (CHROME_BASH.replace("\n", "\r\n"), SERVER),
        (CHROME_CMD.replace("\n", "\r\n"), SERVER),
    ],
)
def test_copied_requests(sample, server):
    material = parse_signin_material(sample)
    assert material == type(material)(TOKEN, server, "curl")
    assert looks_like_signin_material(sample)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (TOKEN, "token"),
        (f"  '{TOKEN}'\n", "token"),
        (f'"{TOKEN}"', "token"),
        (f"{TOKEN[:13]}\n{TOKEN[13:]}", "token"),
        (f"Bearer {TOKEN}", "token"),
        (f"Authorization: Bearer {TOKEN}", "token"),
        (f"MMAUTHTOKEN={TOKEN}", "cookie"),
        (f"MMAUTHTOKEN={TOKEN};", "cookie"),
        (f"Cookie: MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMAUTHTOKEN={TOKEN}; MMCSRF=x", "cookie"),
        (f"MMAUTHTOKEN\t{TOKEN}\tchat.example.org\t/\t2025-12-01T10:00:00.000Z\t40\t✓\t✓", "cookie"),
    ],
)
def test_tokens_and_cookies(text, kind):
    material = parse_signin_material(text)
    assert (material.token, material.server_url, material.kind) == (TOKEN, None, kind)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Nothing was pasted"),
        ("curl 'https://chat.example.org/api/v4/users/me' -H 'accept: */*'", "has no MMAUTHTOKEN cookie"),
        (
            "MMUSERID=6pcr9dbs8tpmx3dp4ajetgmcxi; MMCSRF=ak5sw1d3ojgxijkhnnqqpnm4ja",
            "MMAUTHTOKEN is not among",
        ),
        (f"MMAUTHTOKEN={TOKEN[:20]}", "has 20 characters"),
        (TOKEN[:24], "Part of it is missing"),
        (TOKEN + "xy", "Something extra"),
        ("MMAUTHTOKEN=; MMUSERID=x", "is empty"),
        ("Hallo, wie geht es dir?", "No sign-in token was found"),
        (TOKEN.upper(), "does not look like a Mattermost token"),
    ],
)
def test_what_is_wrong_is_said_plainly(text, says):
    with pytest.raises(SigninParseError) as info:
        parse_signin_material(text)
    assert says in info.value.message
    assert not looks_like_signin_material(text)


tokens = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=26, max_size=26)
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]\.(org|de|edu)", fullmatch=True)
other_cookies = st.lists(
    st.tuples(st.sampled_from(["MMUSERID", "MMCSRF", "_ga", "session", "lang"]),
              st.from_regex(r"[A-Za-z0-9._-]{1,30}", fullmatch=True)),
    max_size=4,
)  # fmt: skip


def _cookie_string(token: str, others: list[tuple[str, str]], position: int) -> str:
    pairs = [f"{name}={value}" for name, value in others]
    pairs.insert(position % (len(pairs) + 1), f"MMAUTHTOKEN={token}")
    return "; ".join(pairs)


def _bash(url: str, cookie: str, style: int) -> str:
    headers = ["-H 'accept: */*'", f"-H 'referer: {url.split('/api')[0]}/team/channels/x'"]
    cookie_arg = [
        f"-b '{cookie}'",
        f"-H 'cookie: {cookie}'",
        f"--cookie '{cookie}'",
        f"-H 'Cookie: {cookie}'",
    ]
    parts = [f"curl '{url}'", *headers[: style % 3], cookie_arg[style % 4], "--compressed"]
    return " \\\n  ".join(parts)


def _cmd(url: str, cookie: str, style: int) -> str:
    parts = [
        f'curl ^"{url}^"',
        '-H ^"accept: */*^"',
        f'-b ^"{cookie}^"',
        '-H ^"x-requested-with: XMLHttpRequest^"',
    ]
    return " ^\n  ".join(parts[: 2 + style % 3] if style % 3 else parts)


def _powershell(url: str, token: str, host: str) -> str:
    return (
        "$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n"
        f'$session.Cookies.Add((New-Object System.Net.Cookie("MMAUTHTOKEN", "{token}", "/", "{host}")))\n'
        f'Invoke-WebRequest -UseBasicParsing -Uri "{url}" `\n-WebSession $session'
    )


@given(
    token=tokens,
    host=hosts,
    others=other_cookies,
    position=st.integers(0, 10),
    style=st.integers(0, 11),
    subpath=st.sampled_from(["", "/mattermost", "/chat"]),
    endpoint=st.sampled_from(["/api/v4/users/me", "/api/v4/channels/abc/posts?page=0&per_page=30"]),
    form=st.sampled_from(["bash", "cmd", "powershell", "crlf"]),
)
def test_any_token_in_any_copied_request_round_trips(
    token, host, others, position, style, subpath, endpoint, form
):
    url = f"https://{host}{subpath}{endpoint}"
    cookie = _cookie_string(token, others, position)
    if form == "bash":
        text = _bash(url, cookie, style)
    elif form == "crlf":
        text = _bash(url, cookie, style).replace("\n", "\r\n")
    elif form == "cmd":
        text = _cmd(url, cookie, style)
    else:
        text = _powershell(url, token, host)
    material = parse_signin_material(text)
    assert (material.token, material.server_url, material.kind) == (token, f"https://{host}{subpath}", "curl")


@given(
    token=tokens,
    others=other_cookies,
    position=st.integers(0, 10),
    wrap=st.sampled_from(["{}", " {} ", "\n{}\n", '"{}"', "'{}'", "\t{}", "Cookie: {}", "cookie: {}"]),
)
def test_any_token_in_any_cookie_string_round_trips(token, others, position, wrap):
    text = wrap.format(_cookie_string(token, others, position))
    material = parse_signin_material(text)
    assert (material.token, material.kind) == (token, "cookie")


@given(token=tokens, wrap=st.sampled_from(["{}", "  {}  ", "\n{}\r\n", '"{}"', "'{}'", "Bearer {}", "`{}`"]))
def test_any_bare_token_round_trips(token, wrap):
    material = parse_signin_material(wrap.format(token))
    assert (material.token, material.server_url, material.kind) == (token, None, "token")


@given(st.text(max_size=300))
def test_random_text_never_crashes(text):
    try:
        material = parse_signin_material(text)
    except SigninParseError as error:
        assert error.message
        return
    assert material.token is not None and len(material.token) == 26


@given(st.lists(st.sampled_from(["curl ", "MMAUTHTOKEN=", "^", '"', "'", "\\\n", "-b ", "; ", "https://x.org",
                                 "Bearer ", "Cookie(", "abc", "=", " "]), max_size=30).map("".join))  # fmt: skip
def test_shell_like_junk_never_crashes(text):
    with contextlib.suppress(SigninParseError):
        parse_signin_material(text)


# What the storage panels of the four browsers' developer tools put on the clipboard, for the row
# MMAUTHTOKEN (name, value, domain, path, expires, size, HttpOnly, Secure, SameSite ...):
# - Firefox, Storage → Cookies: the sidebar's "Data" lists `MMAUTHTOKEN:"value"`; its "Copy" gives that
#   line (with or without a space after the colon, by version); a double-clicked cell gives the value alone.
# - Chrome / Edge, Application → Cookies: a double-clicked value cell gives the value; selecting the row and
#   Ctrl+C (or "Copy" in its context menu) gives the row's cells joined by tabs; selecting two cells by
#   dragging gives name and value on two lines.
# - Safari, Storage → Cookies: "Copy" on a row gives its cells joined by tabs; with the header row, the
#   column titles come first on a line of their own.
# - Cookie extensions (Cookie-Editor, EditThisCookie) export JSON objects with "name" and "value".
STORAGE_PANEL_COPIES = {
    "firefox sidebar": f'MMAUTHTOKEN:"{TOKEN}"',
    "firefox sidebar, spaced": f'MMAUTHTOKEN: "{TOKEN}"',
    "firefox sidebar, json": f'{{"MMAUTHTOKEN":"{TOKEN}"}}',
    "firefox value cell": TOKEN,
    "chrome row": f"MMAUTHTOKEN\t{TOKEN}\t.chat.example.org\t/\t2027-01-06T10:00:00.000Z\t37\t✓\t✓\tLax\t\t\tMedium",
    "chrome two cells": f"MMAUTHTOKEN\n{TOKEN}",
    "chrome value cell": f"{TOKEN}\n",
    "safari row": f"MMAUTHTOKEN\t{TOKEN}\tchat.example.org\t/\tSession\t37 B\t✓\t✓\tLax",
    "safari row with header": f"Name\tValue\tDomain\tPath\tExpires\tSize\tHttpOnly\tSecure\tSameSite\n"
    f"MMAUTHTOKEN\t{TOKEN}\tchat.example.org\t/\tSession\t37 B\t✓\t✓\tLax",
    "several rows": f"MMCSRF\tak5sw1d3ojgxijkhnnqqpnm4ja\tchat.example.org\t/\n"
    f"MMAUTHTOKEN\t{TOKEN}\tchat.example.org\t/\nMMUSERID\t6pcr9dbs8tpmx3dp4ajetgmcxi\tchat.example.org\t/",
    "name=value": f"MMAUTHTOKEN={TOKEN}",
    "quoted name=value": f'MMAUTHTOKEN="{TOKEN}"',
    "extension json": f'[{{"domain": "chat.example.org", "name": "MMAUTHTOKEN", "path": "/", "value": "{TOKEN}"}}]',
}


@pytest.mark.parametrize("text", STORAGE_PANEL_COPIES.values(), ids=STORAGE_PANEL_COPIES.keys())
def test_every_way_a_storage_panel_copies_the_cookie(text):
    material = parse_signin_material(text)
    assert (material.token, material.server_url) == (TOKEN, None)


@given(
    token=tokens,
    sep=st.sampled_from([":", ": ", " : ", "\t", "\n", "\r\n", " ", "="]),
    quote=st.sampled_from(["", '"', "'"]),
    tail=st.sampled_from(["", "\tchat.example.org\t/\tSession", ";", ",", "\n"]),
)
def test_any_name_and_value_pair_round_trips(token, sep, quote, tail):
    material = parse_signin_material(f"MMAUTHTOKEN{sep}{quote}{token}{quote}{tail}")
    assert (material.token, material.kind) == (token, "cookie")
