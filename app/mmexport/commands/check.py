"""mmexport check: who is signed in on which server, and which Mattermost version it runs."""

from __future__ import annotations

import argparse

from mmexport import exitcodes
from mmexport.commands.common import connect, fail, user_label
from mmexport.mattermost import MattermostError
from mmexport.mattermost.every_channel import is_system_admin
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
        if is_system_admin(me):
            print("You are a system administrator: --every-channel lists and exports every channel of a team.")
        else:
            print("You are not a system administrator, so --every-channel (every channel of a team) is not "
                  "open to you; your own chats are.")  # fmt: skip
    return exitcodes.OK
