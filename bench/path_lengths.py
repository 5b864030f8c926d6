"""The longest path an export writes with 64-character team and channel names and a 200-character file name
(issue 19 item 3): relative to the archive, under a typical Windows archive folder, and under a folder of
100 characters (archive/layout.ROOT_ALLOWANCE). Windows' limit is 259 characters.

    .venv/bin/python bench/path_lengths.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from mmexport.archive.layout import ROOT_ALLOWANCE, windows_length
from mmexport.archive.reader import Archive
from mmexport.demo.server import DemoServer


def main() -> None:
    root = Path(tempfile.mkdtemp()) / "Mattermost chat.example.org jemand"
    with DemoServer() as server:
        ws = server.workspace
        channel = next(c for c in ws.channels_of_user(ws.me_id) if c["type"] == "O")
        ws.teams[channel["team_id"]]["name"] = "t" * 64
        channel["name"] = "c" * 64
        ws.add_post(channel["id"], ws.me_id, "x", file_names=["A" * 200 + ".pdf"])
        command = [sys.executable, "-m", "mmexport", "export", "--server", server.url, "--out", str(root)]
        command += ["--channel", channel["id"], "--formats", "json"]
        subprocess.run(command, env={**os.environ, "MMEXPORT_TOKEN": server.token}, capture_output=True)
    longest = max(Archive(root).manifest["files"], key=lambda f: windows_length(f["path"]))["path"]
    windows_folder = "C:\\Users\\Jemand\\Documents\\Mattermost chat.example.org jemand\\"
    print(f"longest path inside the archive: {windows_length(longest)} characters")
    print(f"under {windows_folder}: {windows_length(windows_folder + longest)} characters")
    under_allowance = ROOT_ALLOWANCE + 1 + windows_length(longest)
    print(f"under a folder of {ROOT_ALLOWANCE} characters: {under_allowance} characters")


if __name__ == "__main__":
    main()
