"""Servers that are not (plain) Mattermost: an HTML login page, self-signed TLS, gzip file transfers."""

from __future__ import annotations

import gzip
import io
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme

from mmexport.mattermost import Client, NotMattermost, TlsError

FILE_BYTES = b"Messwerte;1;2;3\n" * 5000


class _Handler(BaseHTTPRequestHandler):
    """A tiny stand-in: a proxy's HTML login page, or just enough Mattermost for probe and a gzip file."""

    disable_nagle_algorithm = True
    mode = "html"

    def do_GET(self) -> None:
        if self.mode == "html":
            self._send(
                200, "text/html; charset=utf-8", b"<!doctype html><title>Login</title><form>...</form>"
            )
        elif self.path.startswith("/api/v4/system/ping"):
            self._send(200, "application/json", json.dumps({"status": "OK"}).encode())
        elif self.path.startswith("/api/v4/config/client"):
            self._send(200, "application/json", json.dumps({"Version": "9.8.1", "SiteName": "TLS"}).encode())
        elif self.path.startswith("/api/v4/files/"):
            self._send(200, "text/csv", gzip.compress(FILE_BYTES), [("Content-Encoding", "gzip")])
        else:
            self._send(404, "application/json", b'{"id":"api.context.404.app_error","status_code":404}')

    def _send(self, status: int, kind: str, body: bytes, extra: list[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _serve(mode: str, tls: ssl.SSLContext | None = None):
    handler = type("Handler", (_Handler,), {"mode": mode})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture
def html_server():
    httpd = _serve("html")
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def _https(ca: trustme.CA, *names: str):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return _serve("mattermost", context)


def test_html_login_page_is_not_mattermost(html_server):
    with pytest.raises(NotMattermost) as info:
        Client(html_server).probe()
    assert "web page" in info.value.message


def test_certificate_from_unknown_authority(ca):
    httpd = _https(ca, "127.0.0.1")
    try:
        with pytest.raises(TlsError) as info:
            Client(f"https://127.0.0.1:{httpd.server_address[1]}").probe()
        assert "unknown certificate authority" in info.value.message
    finally:
        httpd.shutdown()


def test_certificate_for_another_name(ca, tmp_path):
    httpd = _https(ca, "chat.example.org")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    try:
        with pytest.raises(TlsError) as info:
            Client(f"https://127.0.0.1:{httpd.server_address[1]}", verify=str(ca_file)).probe()
        assert "different server name" in info.value.message
    finally:
        httpd.shutdown()


def test_trusted_certificate_works_and_gzip_downloads_are_unpacked(ca, tmp_path):
    httpd = _https(ca, "127.0.0.1")
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    try:
        client = Client(f"https://127.0.0.1:{httpd.server_address[1]}", "t" * 26, verify=str(ca_file))
        assert client.probe() == {"version": "9.8.1", "site_name": "TLS"}
        out = io.BytesIO()
        assert client.download_file("somefile", out) == len(FILE_BYTES)
        assert out.getvalue() == FILE_BYTES
    finally:
        httpd.shutdown()


def test_plain_http_server_asked_for_https(html_server):
    port = html_server.rsplit(":", 1)[1]
    with pytest.raises(TlsError) as info:
        Client(f"https://127.0.0.1:{port}").probe()
    assert "does not speak HTTPS" in info.value.message
