"""normalize_server_url: what people paste becomes scheme://host[:port][/subpath]."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mmexport.mattermost import AddressError, MattermostError, address, candidate_urls, normalize_server_url

EXAMPLES = [
    ("chat.example.org", "https://chat.example.org"),
    ("  chat.example.org/  ", "https://chat.example.org"),
    ('"https://chat.example.org/"', "https://chat.example.org"),
    ("https://chat.example.org/myteam/channels/town-square", "https://chat.example.org"),
    ("https://chat.example.org/myteam/messages/@anna", "https://chat.example.org"),
    ("https://chat.example.org/myteam/pl/8xk3fz1u4p8zjbd1ds9tqqbxuc", "https://chat.example.org"),
    ("https://chat.example.org/myteam/threads/abc", "https://chat.example.org"),
    ("chat.example.org:8443/", "https://chat.example.org:8443"),
    ("https://chat.example.org:443/login", "https://chat.example.org"),
    ("http://chat.example.org:80/", "http://chat.example.org"),
    ("http://127.0.0.1:8065/api/v4/users/me", "http://127.0.0.1:8065"),
    ("https://example.org/mattermost", "https://example.org/mattermost"),
    ("https://example.org/mattermost/", "https://example.org/mattermost"),
    ("https://example.org/mattermost/team-a/channels/off-topic", "https://example.org/mattermost"),
    ("https://example.org/mattermost/login?redirect_to=%2Fteam", "https://example.org/mattermost"),
    ("https://example.org/mattermost/api/v4/system/ping", "https://example.org/mattermost"),
    ("https://chat.example.org/select_team", "https://chat.example.org"),
    ("https://chat.example.org/admin_console/about/license", "https://chat.example.org"),
    ("HTTPS://Chat.Example.ORG/#/fragment", "https://chat.example.org"),
    ("https://chat.example.org/?x=1", "https://chat.example.org"),
    ("<https://chat.example.org>", "https://chat.example.org"),
    ("http://[::1]:8065/team/channels/x", "http://[::1]:8065"),
    ("https://chät.example.org/", "https://chät.example.org"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_pasted_addresses(text, expected):
    assert normalize_server_url(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "enter the address"),
        ("   ", "enter the address"),
        ("chat example org", "spaces"),
        ("anna@example.org", "e-mail"),
        ("ftp://files.example.org", "cannot be used"),
        ("chat.example.org:99999", "port"),
        ("https://", "no server name"),
        ("-bad-.example.org", "not a valid server name"),
        ("http://[::1", "server address"),
    ],
)
def test_impossible_addresses_say_why(text, says):
    with pytest.raises(AddressError) as info:
        normalize_server_url(text)
    assert says in info.value.message


def test_candidate_urls_try_sub_paths_from_longest():
    assert candidate_urls("https://example.org/mattermost/myteam") == [
        "https://example.org/mattermost/myteam",
        "https://example.org/mattermost",
        "https://example.org",
    ]


labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
hosts = st.builds(lambda parts, tld: ".".join([*parts, tld]), st.lists(labels, min_size=1, max_size=3),
                  st.sampled_from(["org", "de", "com", "edu"]))  # fmt: skip
ports = st.one_of(st.none(), st.integers(1, 65535))
RESERVED = address._TOP_LEVEL_ROUTES | address._TEAM_SUBROUTES  # a sub-path cannot be named like a route
subpaths = st.lists(st.from_regex(r"[a-z][a-z0-9_-]{1,12}", fullmatch=True), max_size=2).filter(
    lambda segs: not RESERVED.intersection(segs)
)
tails = st.sampled_from(
    ["", "/", "/team/channels/town-square", "/team-x/messages/@anna", "/t/pl/abcdef", "/login",
     "/api/v4/users/me", "/select_team", "/team/threads", "?query=1", "/#frag"]
)  # fmt: skip
wrappers = st.sampled_from(["{}", " {} ", '"{}"', "'{}'", "\n{}\n", "<{}>"])


@given(
    scheme=st.sampled_from(["https", "http", None]),
    host=hosts,
    port=ports,
    subpath=subpaths,
    tail=tails,
    wrap=wrappers,
)
def test_any_pasted_variant_gives_the_server(scheme, host, port, subpath, tail, wrap):
    netloc = host if port is None else f"{host}:{port}"
    path = "".join(f"/{s}" for s in subpath)
    typed = (f"{scheme}://" if scheme else "") + netloc + path + tail
    expected_scheme = scheme or "https"
    default_port = {"https": 443, "http": 80}[expected_scheme]
    expected_netloc = host if port in (None, default_port) else f"{host}:{port}"
    expected_path = path  # the route tail is cut, the sub-path before it stays
    result = normalize_server_url(wrap.format(typed))
    assert result == f"{expected_scheme}://{expected_netloc}{expected_path}"
    assert normalize_server_url(result) == result  # idempotent


@given(st.text(max_size=80))
@example("A«#")  # a quotation mark inside the host once normalized to 'https://a«', then to 'https://a'
def test_random_text_never_crashes(text):
    try:
        result = normalize_server_url(text)
    except AddressError:
        return
    assert result.startswith(("https://", "http://"))
    assert not result.endswith("/")
    assert normalize_server_url(result) == result


def test_address_error_is_a_mattermost_error():
    assert issubclass(AddressError, MattermostError)
