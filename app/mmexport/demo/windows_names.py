"""Names Windows refuses or folds, for trying the Windows program (`mmexport demo-server --windows-names`).

A team and channels whose names are as long as Mattermost allows (64 characters), channels named like
Windows' reserved devices, and attachments named `CON`, `aux.txt`, `a:b`, `x?`, with trailing dots and
spaces, differing only in case, and 240 characters long. An archive of them must hold every file under a
name Windows accepts, none overwriting another, and no path longer than Windows' 260 characters
(packaging/windows/wine_checks.py checks that under wine). Added after the generated workspace, with its
own ids, so that nothing else in the demo changes.
"""

from __future__ import annotations

from mmexport.demo import ids
from mmexport.demo.generate import new_channel, new_team
from mmexport.demo.seed import DAY_MS, WORKSPACE_START
from mmexport.demo.workspace import Workspace

MAX_NAME = 64  # Mattermost's longest team and channel name
TEAM_NAME = ("pruefungsamt-" + "archiv-" * 10)[:MAX_NAME]
LONG_CHANNEL = ("akten-" * 11)[:MAX_NAME]
RESERVED_CHANNELS = ("con", "aux", "nul", "com1", "lpt1")  # legal channel names, refused folder names
FILE_NAMES = (
    "CON",
    "aux.txt",
    "a:b",
    "x?",
    "Bericht.",
    "Bericht...",
    "Notiz ",
    "Notiz. . ",
    "Protokoll.PDF",
    "protokoll.pdf",
    "PROTOKOLL.pdf",
    ("Sitzung " + "Prüfungsausschuss " * 13)[:232] + "Ende.txt",  # 240 characters
)


def add_windows_names(ws: Workspace) -> str:
    """Adds the team, its channels and the files; returns the id of the channel holding the files."""
    with ws.lock:
        created = WORKSPACE_START - 10 * DAY_MS
        team_id = _id("windows-team")
        team_display, description = "Prüfungsamt: Archiv / Akten?", "Namen, die Windows ablehnt"
        new_team(ws, team_id, TEAM_NAME, team_display, description, _id("windows-invite"), created)
        ws.team_members[team_id] = [ws.me_id]
        display = "Akten: Dateien mit seltsamen Namen"
        files = new_channel(ws, team_id, LONG_CHANNEL, display, "O", [ws.me_id], created)
        for index, name in enumerate(RESERVED_CHANNELS):
            channel = new_channel(ws, team_id, name, name.upper(), "O", [ws.me_id], created + index + 1)
            ws._insert_post(channel["id"], ws.me_id, f"Ein Kanal namens {name}", created + DAY_MS + index)
        for index, name in enumerate(FILE_NAMES):
            post = ws._insert_post(files["id"], ws.me_id, f"Anhang {index + 1}", created + 2 * DAY_MS + index)
            # Each file's own content: an overwritten file shows up as a wrong SHA-256 in verify.
            ws._attach_file(post, name, (f"Datei {index + 1}: {name}\n".encode(), 0, 0))
        return str(files["id"])


def _id(label: str) -> str:
    # Its own id stream (as demo/roles.py does): the workspace's random generator must not move.
    return ids.encode(int.from_bytes(label.encode()[:16], "big"), ids.ID_LENGTH)
