"""mmexport check: who is signed in on which server, and which Mattermost version it runs."""

from __future__ import annotations

import argparse

from mmexport import exitcodes
from mmexport.commands.common import connect, fail, user_label
from mmexport.mattermost import MattermostError
from mmexport.plaintext import printable


def run(args: argparse.Namespace) -> int:
    try:
        client, me = connect(args)
    except MattermostError as error:
        return fail(error)
    with client:
        version = client.server_version or "unknown version"
        # The version is the server's own text: no escape sequence of it reaches the terminal.
        print(printable(f"Signed in as {user_label(me)} on {client.base_url}, Mattermost {version}"))
    return exitcodes.OK
