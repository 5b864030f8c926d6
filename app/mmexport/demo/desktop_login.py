"""Single sign-on through a pretend identity provider, with the desktop-token flow of Mattermost 9-11.

The pages follow server/channels/web/oauth.go (`/oauth/{service}/login`, `/signup/{service}/complete`),
app/desktop_login.go (the token store) and api4/user.go (`POST /api/v4/users/login/desktop_token`) as
docs/sign-in-flow.md records them:

    /oauth/gitlab/login?desktop_token=C   -> 302 to the provider (here /demo-idp/gitlab/authorize?state=S)
    the provider's consent page            -> 302 to /signup/gitlab/complete?code=K&state=S
    /signup/gitlab/complete                -> 307 to /login/desktop?client_token=C&server_token=T
    POST /api/v4/users/login/desktop_token {"token": T} -> a new session in the Token header

SAML (web/saml.go) is offered too: `/login/sso/saml?desktop_token=C` puts the props into the RelayState,
the pretend identity provider answers with a form POST to `/login/sso/saml`, and the same hand-over
follows (302 instead of 307).

The server token is 64 characters of Mattermost's random-string alphabet, valid for three minutes and
once: a successful exchange deletes every desktop token of that user, a failed one deletes the token it
named. The server never sees the client token again; the client checks it. Before 9.x there is no such
flow: the provider's sign-in ends in a browser session and the exchange endpoint answers 404.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from dataclasses import dataclass
from html import escape
from typing import Protocol
from urllib.parse import parse_qs, urlencode

from mmexport.demo.api import Api, ServerSide
from mmexport.demo.http import ApiError, Request, Response, json_response


class LoginServer(ServerSide, Protocol):
    """The demo server as the sign-in pages see it: the endpoints' view plus the router to add theirs to.
    A protocol, so that this module does not import the server that imports it."""

    @property
    def api(self) -> Api: ...


TOKEN_TTL_SECONDS = 180.0  # model.DesktopTokenTTL: 3 minutes
SERVER_TOKEN_LENGTH = 64  # model.NewRandomString(64)
RANDOM_ALPHABET = "ybndrfg8ejkmcpqxot1uwisza345h769"  # model.NewRandomString's base32 alphabet
FIRST_MAJOR_VERSION = 9
IDP_USER = "anna"  # who is "already signed in" at the pretend identity provider

# config/client switch and the name the server shows for each OAuth service
SERVICES = {
    "gitlab": ("EnableSignUpWithGitLab", "GitLab"),
    "google": ("EnableSignUpWithGoogle", "Google"),
    "office365": ("EnableSignUpWithOffice365", "Microsoft"),
    "openid": ("EnableSignUpWithOpenId", "OpenID"),
}
SAML_BUTTON_TEXT = "Hochschul-Login"  # SamlSettings.LoginButtonText, as a university would set it
INVALID_TOKEN = ("app.desktop_token.validate.invalid", "Invalid or expired token.")


@dataclass
class _OAuthState:
    service: str
    desktop_token: str
    redirect_to: str


@dataclass
class _DesktopToken:
    user_id: str
    create_at: float  # time.time(), as the real store keeps CreateAt in seconds


class DesktopLogin:
    def __init__(self, server: LoginServer, providers: tuple[str, ...] = ()) -> None:
        unknown = set(providers) - set(SERVICES) - {"saml"}
        if unknown:
            raise ValueError(f"unknown sign-in services: {sorted(unknown)}")
        self.server = server
        self.providers = providers
        self._lock = threading.Lock()
        self._states: dict[str, _OAuthState] = {}
        self._codes: dict[str, tuple[str, str]] = {}  # code -> (state, user id)
        self._tokens: dict[str, _DesktopToken] = {}  # server token -> who and when
        server.api.route("POST", "/api/v4/users/login/desktop_token", self.exchange, needs_session=False)

    # ----- what the rest of the demo server asks -----

    def client_config_fields(self) -> dict[str, str]:
        fields = {switch: "false" for switch, _ in SERVICES.values()}
        fields.update({"EnableSaml": "false", "GitLabButtonText": "", "GitLabButtonColor": ""})
        for service in self.providers:
            if service == "saml":
                fields.update({"EnableSaml": "true", "SamlLoginButtonText": SAML_BUTTON_TEXT})
            else:
                fields[SERVICES[service][0]] = "true"
        return fields

    def age_tokens(self, seconds: float) -> None:
        """Make every stored desktop token `seconds` older (tests of the expiry, without waiting)."""
        with self._lock:
            for token in self._tokens.values():
                token.create_at -= seconds

    def stored_tokens(self) -> int:
        with self._lock:
            return len(self._tokens)

    def page(self, request: Request) -> Response | None:
        """The web page for a non-API path, or None when it is not one of ours."""
        parts = request.path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "oauth" and parts[2] == "login":
            return self._login(request, parts[1])
        if parts == ["demo-idp", "saml", "authorize"]:
            return self._saml_consent_page(request)
        if len(parts) == 3 and parts[0] == "demo-idp" and parts[2] == "authorize":
            return self._consent_page(request, parts[1])
        if len(parts) == 3 and parts[0] == "demo-idp" and parts[2] == "decide":
            return self._decided(request, parts[1])
        if len(parts) == 3 and parts[0] in ("signup", "login") and parts[2] == "complete":
            return self._complete(request, parts[1])
        if parts == ["login", "sso", "saml"] and "saml" in self.providers:
            return self._saml_login(request) if request.method == "GET" else self._saml_complete(request)
        if parts == ["login", "desktop"]:
            return _html(_logged_in_page(request))
        if parts == ["error"]:
            return _html(_error_page(request))
        return None

    # ----- the web side of the flow -----

    def _login(self, request: Request, service: str) -> Response:
        if service not in self.providers:
            return _html(_plain_page("Sign-in not set up", f"{service} sign-in is not enabled."), status=501)
        state = _random(32)
        desktop_token = request.query.get("desktop_token", "")
        if self.server.major_version < FIRST_MAJOR_VERSION:
            desktop_token = ""  # a 5.x server knows no desktop tokens and drops the parameter
        with self._lock:
            self._states[state] = _OAuthState(service, desktop_token, request.query.get("redirect_to", ""))
        return _redirect(f"/demo-idp/{service}/authorize?{urlencode({'state': state})}", 302)

    def _consent_page(self, request: Request, service: str) -> Response:
        state = request.query.get("state", "")
        user = self.server.workspace.user_by_username(IDP_USER)
        with self._lock:
            known = state in self._states
        if not known or user is None:
            return _html(_plain_page("Unknown request", "This sign-in request is unknown."), status=400)
        name = SERVICES.get(service, ("", service))[1]
        full_name = f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()
        body = f"""<main class=idp>
<p class=brand>{escape(name)} <small>(demo sign-in page)</small></p>
<h1>Authorize {escape(self.server_site_name())} to use your account?</h1>
<p>You are signed in at {escape(name)} as <b>{escape(full_name)}</b> (@{escape(user["username"])}).</p>
<p>{escape(self.server_site_name())} wants to read your name and e-mail address to sign you in.</p>
<form method=get action="/demo-idp/{escape(service)}/decide">
<input type=hidden name=state value="{escape(state)}">
<button id=authorize name=decision value=allow>Authorize</button>
<button id=deny name=decision value=deny class=secondary>Deny</button>
</form></main>"""
        return _html(_document(f"{name}: authorize", body))

    def _decided(self, request: Request, service: str) -> Response:
        state = request.query.get("state", "")
        complete = f"/signup/{service}/complete"
        if request.query.get("decision") != "allow":
            return _redirect(f"{complete}?{urlencode({'error': 'access_denied', 'state': state})}", 302)
        user = self.server.workspace.user_by_username(IDP_USER)
        code = _random(32)
        with self._lock:
            if user is not None and state in self._states:
                self._codes[code] = (state, user["id"])
        return _redirect(f"{complete}?{urlencode({'code': code, 'state': state})}", 302)

    def _complete(self, request: Request, service: str) -> Response:
        if request.query.get("error") == "access_denied":
            query = urlencode({"type": "oauth_access_denied", "service": service.title()})
            return _redirect(f"/error?{query}", 307)  # utils.RenderWebError
        with self._lock:
            state_id, user_id = self._codes.pop(request.query.get("code", ""), ("", ""))
            state = self._states.pop(state_id, None) if state_id == request.query.get("state") else None
        if state is None or state.service != service:
            query = urlencode({"type": "oauth_missing_code", "service": service.title()})
            return _redirect(f"/error?{query}", 307)
        return self._signed_in(user_id, state.desktop_token, state.redirect_to, 307)

    def _signed_in(self, user_id: str, desktop_token: str, redirect_to: str, status: int) -> Response:
        """The end of any provider's sign-in: the desktop-token hand-over, or else a browser session."""
        if not desktop_token:
            # No desktop login: a browser session, as the web app gets it (DoLogin + AttachSessionCookies).
            session = self.server.new_session(user_id)
            response = _redirect(redirect_to or "/", status)
            response.headers.append(("Set-Cookie", f"MMAUTHTOKEN={session.token}; Path=/; HttpOnly"))
            return response
        server_token = _random(SERVER_TOKEN_LENGTH)
        with self._lock:
            self._tokens[server_token] = _DesktopToken(user_id, time.time())
        params = {"client_token": desktop_token, "server_token": server_token}
        if redirect_to:
            params["redirect_to"] = redirect_to
        if desktop_token.startswith("dev-"):
            params["isDesktopDev"] = "true"
        return _redirect(f"/login/desktop?{urlencode(params)}", status)

    # ----- SAML (web/saml.go): the props travel in the RelayState, the answer comes as a form POST -----

    def _saml_login(self, request: Request) -> Response:
        props = {"is_mobile": "false"}
        desktop_token = request.query.get("desktop_token", "")
        if desktop_token and self.server.major_version >= FIRST_MAJOR_VERSION:
            props["desktop_token"] = desktop_token
        if request.query.get("redirect_to"):
            props["redirect_to"] = request.query["redirect_to"]
        relay = base64.b64encode(json.dumps(props).encode()).decode()
        return _redirect(f"/demo-idp/saml/authorize?{urlencode({'RelayState': relay})}", 302)

    def _saml_consent_page(self, request: Request) -> Response:
        user = self.server.workspace.user_by_username(IDP_USER)
        relay = request.query.get("RelayState", "")
        if user is None or not relay:
            return _html(_plain_page("Unknown request", "This sign-in request is unknown."), status=400)
        assertion = _random(32)  # stands for the signed SAML assertion of a real identity provider
        with self._lock:
            self._codes[assertion] = ("saml", user["id"])
        full_name = f"{user.get('first_name', '')} {user.get('last_name', '')}".strip()
        fields = f'<input type=hidden name=RelayState value="{escape(relay)}">'
        body = f"""<main class=idp>
<p class=brand>{escape(SAML_BUTTON_TEXT)} <small>(demo SAML identity provider)</small></p>
<h1>Sign in to {escape(self.server_site_name())}?</h1>
<p>You are signed in as <b>{escape(full_name)}</b> (@{escape(user["username"])}).</p>
<form method=post action="/login/sso/saml">{fields}
<input type=hidden name=SAMLResponse value="{escape(assertion)}">
<button id=authorize>Continue</button></form>
<form method=post action="/login/sso/saml">{fields}
<input type=hidden name=SAMLResponse value=denied>
<button id=deny class=secondary>Cancel</button></form></main>"""
        return _html(_document(f"{SAML_BUTTON_TEXT}: sign in", body))

    def _saml_complete(self, request: Request) -> Response:
        form = {k: v[0] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()}
        with self._lock:
            _, user_id = self._codes.pop(form.get("SAMLResponse", ""), ("", ""))
        try:
            props = json.loads(base64.b64decode(form.get("RelayState", "")) or b"{}")
        except ValueError:
            props = None
        if not user_id or not isinstance(props, dict):
            message = "SAML login was unsuccessful because one of the attributes is incorrect."
            return _redirect(f"/error?{urlencode({'message': message})}", 302)  # c.Err, StatusFound
        return self._signed_in(
            user_id, str(props.get("desktop_token", "")), str(props.get("redirect_to", "")), 302
        )

    # ----- the API side -----

    def exchange(self, request: Request) -> Response:
        """POST /api/v4/users/login/desktop_token (api4/user.go loginWithDesktopToken)."""
        if self.server.major_version < FIRST_MAJOR_VERSION:
            raise ApiError(404, "api.context.404.app_error", "Sorry, we could not find the page.")
        body = request.json_body()
        token = str(body.get("token", "")) if isinstance(body, dict) else ""
        with self._lock:
            stored = self._tokens.get(token)
            if stored is None or stored.create_at < time.time() - TOKEN_TTL_SECONDS:
                self._tokens.pop(token, None)  # ValidateDesktopToken deletes an expired or unknown token
                raise ApiError(401, *INVALID_TOKEN)
            for other in [t for t, v in self._tokens.items() if v.user_id == stored.user_id]:
                del self._tokens[other]  # DeleteByUserId: this and any other token of the user, used up
        session = self.server.new_session(stored.user_id)
        user = self.server.workspace.users[stored.user_id]
        headers = [
            ("Token", session.token),
            ("Set-Cookie", f"MMAUTHTOKEN={session.token}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax"),
            ("Set-Cookie", f"MMUSERID={user['id']}; Path=/; Max-Age=2592000; SameSite=Lax"),
            ("Set-Cookie", f"MMCSRF={session.csrf}; Path=/; Max-Age=2592000; SameSite=Lax"),
        ]
        return json_response(self.server.api.visible_user(user, user["id"]), headers=headers)

    def server_site_name(self) -> str:
        return str(self.server.client_config(signed_in=False).get("SiteName", "Mattermost"))


def _random(length: int) -> str:
    return "".join(secrets.choice(RANDOM_ALPHABET) for _ in range(length))


def _redirect(location: str, status: int) -> Response:
    return Response(status=status, content_type="text/html; charset=utf-8", headers=[("Location", location)])


def _html(body: str, status: int = 200) -> Response:
    return Response(status=status, body=body.encode(), content_type="text/html; charset=utf-8")


def _document(title: str, body: str) -> str:
    return f"""<!doctype html><html lang=en><meta charset=utf-8><title>{escape(title)}</title>
<meta name=viewport content="width=device-width, initial-scale=1">
<style>
body{{font-family:"Open Sans",sans-serif;background:#f4f4f6;color:#3f4350;margin:0}}
main{{max-width:560px;margin:72px auto;background:#fff;padding:32px 40px;border-radius:8px;
box-shadow:0 2px 6px rgba(0,0,0,.12)}}
.brand{{font-weight:bold;color:#e24329;font-size:20px}} .brand small{{color:#777;font-weight:normal}}
button{{font:inherit;padding:8px 20px;border-radius:4px;border:0;background:#1f75cb;color:#fff;margin-right:8px}}
button.secondary{{background:#fff;color:#333;border:1px solid #bbb}}
h1{{font-size:24px}} .sub{{color:#555}} a{{color:#1c58d9}}
</style>
<body>{body}</body></html>"""


def _plain_page(title: str, text: str) -> str:
    return _document(title, f"<main><h1>{escape(title)}</h1><p>{escape(text)}</p></main>")


def _logged_in_page(request: Request) -> str:
    """What the web app's desktop_auth_token component shows when it has a server token but, being in the
    system browser, no stored client token: it hands over to the desktop app's mattermost:// scheme."""
    if not request.query.get("server_token"):
        return _plain_page("Something went wrong", "Click here to try again.")
    scheme = "mattermost-dev" if request.query.get("isDesktopDev") else "mattermost"
    host = request.headers.get("Host", "")
    handover = f"{scheme}://{host}{request.path}?{request.query_string}"
    body = f"""<main class=DesktopAuthToken>
<h1 class=DesktopAuthToken__main>You are now logged in</h1>
<p class=DesktopAuthToken__sub>Click on <b>Open Mattermost</b> in the browser prompt to
<a id=handover href="{escape(handover)}">launch the desktop app</a></p>
<p class=DesktopAuthToken__bottom>Having trouble logging in? <a href="/">Open Mattermost in your browser</a></p>
</main>"""
    return _document("Mattermost", body)


def _error_page(request: Request) -> str:
    service = request.query.get("service", "")
    if request.query.get("type") == "oauth_access_denied":
        text = f"You need to authorize Mattermost to log in with {service}."
    else:
        text = request.query.get("message") or "An error occurred while signing in."
    return _plain_page("Mattermost", text)
