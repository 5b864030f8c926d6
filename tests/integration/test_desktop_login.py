"""The browser sign-in's core (mattermost/desktop_login.py) against the demo server's single sign-on over
HTTP, walking the pretend identity provider with requests (the chromium walk is in tests/e2e)."""

from __future__ import annotations

import pytest
import requests

from mmexport.demo.server import DemoServer
from mmexport.mattermost import Client
from mmexport.mattermost.desktop_login import (
    BrowserSignin,
    Provider,
    exchange,
    looks_like_sign_in_outcome,
    offered_providers,
    supports_browser_signin,
)
from mmexport.mattermost.errors import (
    BrowserSigninExpired,
    BrowserSigninMismatch,
    BrowserSigninOtherServer,
    BrowserSigninRefused,
    BrowserSigninTooOld,
    BrowserSigninUnreadable,
)

GITLAB = Provider("gitlab", "GitLab", "/oauth/gitlab/login")


@pytest.fixture(scope="module")
def sso_server():
    with DemoServer(sso_providers=("gitlab",)) as server:
        yield server


def walk(server: DemoServer, attempt: BrowserSignin, decision: str = "allow") -> str:
    """What a browser does: follow the redirects, press the provider's button; the address it ends on."""
    browser = requests.Session()
    consent = browser.get(attempt.entry_url(), timeout=10)
    assert "Authorize" in consent.text
    state = consent.url.split("state=")[1]
    final = browser.get(
        f"{server.url}/demo-idp/gitlab/decide", params={"state": state, "decision": decision}, timeout=10
    )
    return final.url


def test_the_server_offers_gitlab_and_the_entry_carries_the_client_token(sso_server):
    with Client(sso_server.url) as client:
        providers = offered_providers(client.client_config())
    assert providers == [GITLAB]
    attempt = BrowserSignin(sso_server.url, providers[0])
    assert len(attempt.client_token) == 64 and int(attempt.client_token, 16) >= 0
    assert attempt.entry_url() == f"{sso_server.url}/oauth/gitlab/login?desktop_token={attempt.client_token}"


def test_button_texts_and_every_provider_switch():
    config = {
        "EnableSaml": "true",
        "SamlLoginButtonText": "Hochschul-Login",
        "EnableSignUpWithOffice365": "true",
        "EnableSignUpWithGitLab": "false",
    }
    assert offered_providers(config) == [
        Provider("saml", "Hochschul-Login", "/login/sso/saml"),
        Provider("office365", "Microsoft", "/oauth/office365/login"),
    ]
    assert offered_providers({"EnableSignUpWithGitLab": "false"}) == []


def test_whole_flow_gives_a_session_of_our_own_valid_once(sso_server):
    attempt = BrowserSignin(sso_server.url, GITLAB)
    final = walk(sso_server, attempt)
    assert final.startswith(f"{sso_server.url}/login/desktop?client_token={attempt.client_token}")
    assert looks_like_sign_in_outcome(final)
    server_token = attempt.server_token_from(final)
    assert len(server_token) == 64
    client, user = exchange(sso_server.url, server_token)
    with client:
        assert user["username"] == "anna" and client.me()["username"] == "anna"
        assert client.owns_session
        with pytest.raises(BrowserSigninExpired):
            exchange(sso_server.url, server_token)  # one-time use
        assert client.logout()  # ours, so it may be ended


def test_expired_server_token_is_refused_and_deleted(sso_server):
    attempt = BrowserSignin(sso_server.url, GITLAB)
    server_token = attempt.server_token_from(walk(sso_server, attempt))
    sso_server.desktop_login.age_tokens(181)
    with pytest.raises(BrowserSigninExpired) as caught:
        exchange(sso_server.url, server_token)
    assert caught.value.status == 401 and caught.value.server_error_id == "app.desktop_token.validate.invalid"
    assert sso_server.desktop_login.stored_tokens() == 0


def test_the_mattermost_scheme_hand_over_is_accepted(sso_server):
    attempt = BrowserSignin(sso_server.url, GITLAB)
    final = walk(sso_server, attempt)
    handover = "mattermost://" + final.split("://", 1)[1]
    assert attempt.server_token_from(f"  {handover}  \n") == attempt.server_token_from(final)


def test_wrong_attempt_other_server_and_denied_are_refused_before_any_exchange(sso_server):
    attempt = BrowserSignin(sso_server.url, GITLAB)
    final = walk(sso_server, attempt)
    before = sso_server.desktop_login.stored_tokens()
    with pytest.raises(BrowserSigninMismatch):
        BrowserSignin(sso_server.url, GITLAB).server_token_from(final)
    with pytest.raises(BrowserSigninOtherServer):
        BrowserSignin("https://chat.example.org", GITLAB, attempt.client_token).server_token_from(final)
    assert sso_server.desktop_login.stored_tokens() == before  # nothing was spent
    denied = walk(sso_server, BrowserSignin(sso_server.url, GITLAB), decision="deny")
    assert "/error?type=oauth_access_denied" in denied
    with pytest.raises(BrowserSigninRefused, match="cancelled"):
        attempt.server_token_from(denied)


def test_ports_and_sub_paths_decide_the_server():
    attempt = BrowserSignin("https://example.org/mattermost", GITLAB, "c" * 64)
    ok = f"https://example.org:443/mattermost/login/desktop?client_token={'c' * 64}&server_token=t"
    assert attempt.server_token_from(ok) == "t"
    for other in (
        f"https://example.org:8443/mattermost/login/desktop?client_token={'c' * 64}&server_token=t",
        f"https://example.org/other/login/desktop?client_token={'c' * 64}&server_token=t",
        f"https://evil.example/mattermost/login/desktop?client_token={'c' * 64}&server_token=t",
    ):
        with pytest.raises(BrowserSigninOtherServer):
            attempt.server_token_from(other)


def test_addresses_that_are_not_the_final_page():
    attempt = BrowserSignin("https://example.org", GITLAB, "c" * 64)
    with pytest.raises(BrowserSigninUnreadable):
        attempt.server_token_from("no address here")
    with pytest.raises(BrowserSigninUnreadable):
        attempt.server_token_from("https://example.org/forschung/channels/allgemein")
    with pytest.raises(BrowserSigninTooOld, match="early form"):
        attempt.server_token_from("https://example.org/login?desktopAuthStatus=complete")


def test_a_5x_server_is_too_old_both_ways():
    assert not supports_browser_signin("5.36.1") and supports_browser_signin("9.11.0")
    with DemoServer(version="5.36.1", sso_providers=("gitlab",)) as old:
        attempt = BrowserSignin(old.url, GITLAB)
        final = walk(old, attempt)
        assert final.rstrip("/") == old.url  # a browser session and the web app, no /login/desktop
        with pytest.raises(BrowserSigninUnreadable):
            attempt.server_token_from(final)
        with pytest.raises(BrowserSigninTooOld):
            exchange(old.url, "y" * 64)  # no such endpoint: 404


def test_saml_carries_the_client_token_in_the_relay_state_and_ends_the_same_way():
    import re

    with DemoServer(sso_providers=("saml",)) as server:
        with Client(server.url) as client:
            (provider,) = offered_providers(client.client_config())
        assert provider == Provider("saml", "Hochschul-Login", "/login/sso/saml")
        attempt = BrowserSignin(server.url, provider)
        browser = requests.Session()
        consent = browser.get(attempt.entry_url(), timeout=10)
        form = dict(re.findall(r'name=(RelayState|SAMLResponse) value="([^"]+)"', consent.text)[:2])
        final = browser.post(f"{server.url}/login/sso/saml", data=form, timeout=10).url
        client, user = exchange(server.url, attempt.server_token_from(final))
        with client:
            assert user["username"] == "anna"
