"""The client against the hostile server (tests/hostile_server.py): each misbehaviour of issue 12 by itself."""

from __future__ import annotations

import io
import resource
import ssl

import pytest
import trustme
from tests.hostile_server import HostileServer

from mmexport.mattermost import (
    Client,
    IncompleteFile,
    InsecureRedirect,
    NotMattermost,
    NotReachable,
    OtherOrigin,
    RedirectLoop,
    TooLarge,
    TooSlow,
    UnexpectedAnswer,
)
from mmexport.mattermost.client import SIZE_RETRIES


@pytest.fixture(scope="module")
def hostile():
    with HostileServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _well_behaved_again(request):
    yield
    if "hostile" in request.fixturenames:
        request.getfixturevalue("hostile").behave()


def a_file(server: HostileServer) -> dict:
    """The info of a real attachment of the demo workspace, large enough to be cut in half."""
    infos = [f.info for f in server.workspace.files.values() if f.blob and len(f.blob) > 500]
    return sorted(infos, key=lambda i: i["id"])[0]


def client(server: HostileServer, **kwargs) -> Client:
    return Client(server.url, server.token, backoff_base=0.01, **kwargs)


def file_requests(server: HostileServer, file_id: str) -> int:
    return sum(1 for _m, path, _h in server.requests if path == f"/api/v4/files/{file_id}")


# ---- file bodies ----


@pytest.mark.parametrize("mode", ["short_file_close", "small_file"])
def test_a_file_shorter_than_its_info_is_fetched_again_then_refused(hostile, mode):
    """Cut in half without a Content-Length, or complete by its own Content-Length but shorter than the
    file info's size: neither is saved as complete."""
    info = a_file(hostile)
    hostile.misbehave(mode)
    before = file_requests(hostile, info["id"])
    with pytest.raises(IncompleteFile) as caught:
        client(hostile).download_file(info["id"], io.BytesIO(), expected_size=info["size"])
    assert caught.value.size < info["size"] and caught.value.expected == info["size"]
    assert file_requests(hostile, info["id"]) - before == 1 + SIZE_RETRIES


@pytest.mark.parametrize("mode", ["short_file_length", "short_file_chunked"])
def test_a_connection_breaking_mid_file_is_retried_as_a_network_error(hostile, mode):
    info = a_file(hostile)
    hostile.misbehave(mode, times=2)
    out = io.BytesIO()
    size = client(hostile).download_file(info["id"], out, expected_size=info["size"])
    assert size == info["size"] and out.getvalue() == hostile.workspace.files[info["id"]].blob


@pytest.mark.parametrize("mode", ["short_file_length", "short_file_chunked"])
def test_a_connection_that_always_breaks_mid_file_is_a_network_error_not_a_disk_error(hostile, mode):
    info = a_file(hostile)
    hostile.misbehave(mode)
    with pytest.raises(NotReachable) as caught:
        client(hostile, max_retries=2).download_file(info["id"], io.BytesIO(), expected_size=info["size"])
    assert not isinstance(caught.value, OSError)
    assert "connection broke" in caught.value.message


def test_a_file_redirected_to_another_origin_is_refused_and_gets_no_token(hostile):
    info = a_file(hostile)
    hostile.misbehave("file_elsewhere")
    out = io.BytesIO()
    with pytest.raises(OtherOrigin) as caught:
        client(hostile).download_file(info["id"], out, expected_size=info["size"])
    assert out.getvalue() == b""
    assert hostile.elsewhere in caught.value.message
    assert all("Authorization" not in headers for headers in hostile.elsewhere_headers)


def test_an_api_redirect_to_another_origin_is_not_followed_with_the_token(hostile):
    hostile.misbehave("redirect", path=r"^/api/v4/users/me$", to=hostile.elsewhere + "/api/v4/users/me")
    with pytest.raises(OtherOrigin) as caught:
        client(hostile).me()
    assert "never sent there" in caught.value.message
    assert all("Authorization" not in headers for headers in hostile.elsewhere_headers)


# ---- secrets ----


def test_an_error_message_echoing_the_authorization_header_is_redacted(hostile):
    hostile.misbehave("echo_auth")
    channel_id = next(iter(hostile.workspace.channels))
    with pytest.raises(Exception) as caught:
        client(hostile).posts_page(channel_id)
    assert hostile.token not in caught.value.message + caught.value.detail + repr(caught.value)
    assert "[redacted]" in caught.value.detail


# ---- resources ----


def test_a_gzip_bomb_is_not_unpacked_past_the_cap(hostile):
    hostile.misbehave("gzip_bomb", path=r"^/api/v4/users/me/teams$")
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    with pytest.raises(TooLarge):
        client(hostile).my_teams()
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < 150, f"the peak memory grew by {grown_mb:.0f} MB for a 256 MB bomb"


def test_a_three_gigabyte_content_length_is_refused_before_reading(hostile):
    hostile.misbehave("huge_length", path=r"^/api/v4/users/me/teams$")
    with pytest.raises(TooLarge) as caught:
        client(hostile).my_teams()
    assert "3000000000" in caught.value.detail


def test_a_server_dripping_its_answer_meets_the_overall_deadline(hostile):
    """One byte every 0.2 s never trips a read timeout; the deadline (2 s here, 20 s for a real probe)
    ends it, and a notice says what is being waited for."""
    hostile.misbehave("drip", path=r"^/api/v4/system/ping", interval=0.2)
    slow: list[tuple[str, float]] = []
    c = client(hostile, deadline=2.0, slow_notice=0.5, on_slow=lambda what, s: slow.append((what, s)))
    with pytest.raises(TooSlow) as caught:
        c._get_json("/system/ping", deadline=2.0, retries=0)
    assert "too slowly" in caught.value.message
    assert slow and slow[0][0] == "GET /system/ping"


def test_a_server_dripping_its_headers_meets_the_overall_deadline(hostile):
    hostile.misbehave("drip_headers", path=r"^/api/v4/system/ping", interval=0.2)
    with pytest.raises(TooSlow):
        client(hostile, deadline=2.0)._get_json("/system/ping", deadline=2.0, retries=0)


# ---- shapes ----


@pytest.mark.parametrize(
    ("path", "body", "call"),
    [
        (r"^/api/v4/users/me/teams$", {"teams": []}, lambda c, s: c.my_teams()),
        (r"^/api/v4/users/me/teams$", ["team-a", "team-b"], lambda c, s: c.my_teams()),
        (r"/channels(\?.*)?$", [{"name": "no id"}], lambda c, s: c.my_channels()),
        (r"/posts", {"order": [{"a": 1}], "posts": []}, lambda c, s: c.posts_page(next(iter(s.workspace.channels)))),
        (r"/posts", {"order": ["x"], "posts": {"x": "text"}}, lambda c, s: c.posts_page(next(iter(s.workspace.channels)))),
        (r"^/api/v4/users/ids$", {"id": "one"}, lambda c, s: c.users_by_ids(["a" * 26])),
    ],
)
def test_answers_of_the_wrong_shape_are_refused_in_plain_words(hostile, path, body, call):
    hostile.misbehave("json", path=path, body=body)
    with pytest.raises(UnexpectedAnswer) as caught:
        call(client(hostile), hostile)
    assert "answered something unexpected" in caught.value.message


# ---- redirects and ports ----


def test_a_redirect_loop_is_named_as_one(hostile):
    hostile.misbehave("redirect", path=r"^/api/v4/system/ping", to="self")
    with pytest.raises(RedirectLoop) as caught:
        client(hostile).probe()
    assert "circle" in caught.value.message


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def tls_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


def test_an_https_to_http_redirect_is_refused(ca, tmp_path):
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with HostileServer(tls=tls_context(ca)) as server:
        plain = server.elsewhere  # an http:// origin
        server.misbehave("redirect", path=r"^/api/v4/users/me$", to=plain + "/api/v4/users/me")
        with pytest.raises(InsecureRedirect) as caught:
            Client(server.url, server.token, verify=str(bundle)).me()
        assert "unencrypted" in caught.value.message
        assert server.elsewhere_headers == []


def test_plain_http_to_a_tls_port_says_use_https(ca):
    with HostileServer(tls=tls_context(ca)) as server, pytest.raises(NotMattermost) as caught:
        Client(server.url.replace("https://", "http://"), server.token, max_retries=0).probe()
    assert "https://" in caught.value.message and "dropped" not in caught.value.message
