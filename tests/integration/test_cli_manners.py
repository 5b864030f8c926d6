"""The command line's manners, in real subprocesses against the demo server: English counts ("1 chat",
never "1 chats"), a reader that closes the pipe early ends the program quietly, a later run says whether it
continues an unfinished export or brings a finished one up to date, and `make demo` names index.html once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from mmexport import exitcodes
from mmexport.commands.common import counted

from .test_cli_check import no_traceback, run_cli

WRONG_PLURAL = re.compile(r"(?<![\d,.])1 (chats|messages|files|channels|problems)\b")


def test_counted_english():
    assert counted(1, "chat") == "1 chat"
    assert counted(0, "file") == "0 files"
    assert counted(1634, "message") == "1,634 messages"


def one_small_chat(server) -> dict:
    ws = server.workspace
    return next(c for c in ws.channels_of_user(ws.me_id) if c["display_name"] == "Sprechstunden")


def test_one_chat_export_then_an_update_speaks_good_english(shared_demo_server, tmp_path):
    chat, out = one_small_chat(shared_demo_server), tmp_path / "archive"
    args = ("export", "--server", shared_demo_server.url, "--out", str(out), "--channel", chat["id"])
    first = run_cli(*args, token=shared_demo_server.token)
    assert first.returncode == exitcodes.OK, first.stderr
    no_traceback(first)
    said = first.stdout + first.stderr
    assert "Exporting 1 chat (about" in said
    assert re.search(r"^1 chat, \d+ messages( \(and \d+ join/leave notices?\))?, \d+ files? in ", first.stdout, re.M), (
        first.stdout
    )
    assert not WRONG_PLURAL.search(said), said

    again = run_cli(*args, token=shared_demo_server.token)
    assert again.returncode == exitcodes.OK, again.stderr
    said = again.stdout + again.stderr
    assert "Bringing 1 chat up to date" in said and "Continuing" not in said
    assert not WRONG_PLURAL.search(said), said


def test_a_closed_pipe_ends_the_listing_quietly(shared_demo_server):
    """`mmexport channels | head -1`: here the reader closes before the first line, so every write fails."""
    env = {**os.environ, "MMEXPORT_TOKEN": shared_demo_server.token}
    process = subprocess.Popen(
        [sys.executable, "-m", "mmexport", "channels", "--server", shared_demo_server.url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # type: ignore[union-attr]
    errors = process.stderr.read()  # type: ignore[union-attr]
    assert process.wait(timeout=60) == exitcodes.OK
    assert errors == ""


def test_make_demo_names_index_html_once(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mmexport.demo.showcase", str(tmp_path / "demo-archive")],
        env={k: v for k, v in os.environ.items() if k != "MMEXPORT_TOKEN"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    opens = [line for line in result.stdout.splitlines() if "index.html" in line and "Open" in line]
    assert len(opens) == 1, result.stdout
    assert not WRONG_PLURAL.search(result.stdout + result.stderr)


def test_an_export_counts_a_chats_messages_as_the_listing_does(shared_demo_server, tmp_path):
    """#24.6: "listed with 3 messages, exported with 4". The server's count leaves out join and leave
    notices; the export saves them, and says how many of its posts they are."""
    ws = shared_demo_server.workspace
    chat = next(c for c in ws.channels_of_user(ws.me_id) if c["display_name"] == "Dateien & Anhänge")
    listed = run_cli("channels", "--server", shared_demo_server.url, "--json", token=shared_demo_server.token)
    row = next(r for r in map(json.loads, listed.stdout.splitlines()) if r["id"] == chat["id"])
    out = tmp_path / "archive"
    done = run_cli(
        "export", "--server", shared_demo_server.url, "--out", str(out), "--channel", chat["id"],
        token=shared_demo_server.token,
    )  # fmt: skip
    assert done.returncode in (exitcodes.OK, exitcodes.INCOMPLETE), done.stderr
    line = next(x for x in (done.stdout + done.stderr).splitlines() if x.startswith("✓ Dateien & Anhänge"))
    said = re.search(r": ([\d,]+) messages? \(and (\d+) join/leave notices?\)", line)
    assert said, line
    saved = sum(1 for _ in (out / next(c["path"] for c in json.loads((out / "manifest.json").read_text())["channels"])
                            / "posts.jsonl").open())  # fmt: skip
    assert int(said.group(1).replace(",", "")) == row["total_msg_count"]
    assert int(said.group(1).replace(",", "")) + int(said.group(2)) == saved
