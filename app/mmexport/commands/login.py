"""`mmexport login --server URL --browser`: sign in through the system browser, keep the new session.

The terminal says what to open; the person signs in there and pastes the address of the final page
("You are now logged in") back. The session is saved in the system's password store (as the wizard's
"Remember" does), or printed to standard output with --print-token, and never anywhere else.
"""

from __future__ import annotations

import argparse
import sys

from mmexport import exitcodes, logsetup, secrets
from mmexport.commands.common import fail, user_label
from mmexport.mattermost import Client, MattermostError, normalize_server_url
from mmexport.mattermost.desktop_login import (
    BrowserSignin,
    Provider,
    exchange,
    offered_providers,
    supports_browser_signin,
)
from mmexport.mattermost.errors import BrowserSigninTooOld, SignInExpired

INSTRUCTIONS = """Open this address in your browser and sign in with {provider}:

    {url}

When the page says "You are now logged in", copy its address (Ctrl+L, then Ctrl+C; on a Mac Cmd+L, Cmd+C;
if the browser asks to open Mattermost, choose Cancel) and paste it here, then press Enter:"""


class NoBrowserSignin(SignInExpired):
    default_message = (
        "This server offers no sign-in through the browser (no GitLab, SAML, Google, Microsoft or OpenID). "
        "Sign in with MMEXPORT_TOKEN or --token-stdin instead (see docs/cli.md)."
    )


def run(args: argparse.Namespace) -> int:
    if not args.browser:
        print("mmexport login: only --browser is supported; add --browser.", file=sys.stderr)
        return exitcodes.USAGE
    logsetup.setup_logging(to_file=True, verbose=bool(getattr(args, "verbose", False)))
    try:
        server_url = normalize_server_url(args.server)
        flow = BrowserSignin(server_url, _provider(server_url, args.provider))
        print(INSTRUCTIONS.format(provider=flow.provider.name, url=flow.entry_url()), file=sys.stderr)
        address = sys.stdin.readline()
        client, me = exchange(server_url, flow.server_token_from(address))
    except MattermostError as error:
        return fail(error)
    with client:
        return _keep(args, client, me)


def _provider(server_url: str, wanted: str | None) -> Provider:
    with Client(server_url) as client:
        version = str(client.probe().get("version") or "")
        providers = offered_providers(client.client_config())
    if not providers:
        raise NoBrowserSignin()
    if not supports_browser_signin(version):
        raise BrowserSigninTooOld(detail=f"server version {version}")
    if wanted is None:
        return providers[0]
    for provider in providers:
        if wanted.lower() in (provider.key, provider.name.lower()):
            return provider
    names = ", ".join(p.key for p in providers)
    raise NoBrowserSignin(f"This server does not offer {wanted}; it offers: {names}.")


def _keep(args: argparse.Namespace, client: Client, me: dict) -> int:
    token = client.token or ""
    who = f"Signed in as {user_label(me)} on {client.base_url}"
    if args.print_token:
        print(f"{who}.", file=sys.stderr)
        print(token)  # asked for explicitly; standard output only
        return exitcodes.OK
    if secrets.save_token(client.base_url, str(me.get("username", "")), token):
        print(f"{who}. The sign-in is saved in this computer's password store; now run for example:")
        print(f"    mmexport channels --server {client.base_url}")
        return exitcodes.OK
    _, reason = secrets.keyring_available()
    client.logout()  # nobody can use a session that was neither saved nor shown: end it at once
    print(
        f"{who}, but this computer has no password store to keep it in ({reason or 'unavailable'}). "
        "Run again with --print-token and pass the token on with MMEXPORT_TOKEN or --token-stdin.",
        file=sys.stderr,
    )
    return exitcodes.SIGN_IN
