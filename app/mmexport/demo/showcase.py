"""`make demo` on a machine without a screen: the built-in demo server, then the CLI doing a real export.

The command line runs as its own process (`python -m mmexport`), as a person would start it: demo/ sits
beside the core and must not import the front ends above it (tests/unit/test_import_layers.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from mmexport.archive.reader import examine
from mmexport.demo.server import DemoServer


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0] if argv else "demo-archive").resolve()
    with DemoServer(latency_ms=5) as server:
        print(f"Demo server running at {server.url} (a stand-in for a real Mattermost server)\n")
        env = {**os.environ, "MMEXPORT_TOKEN": server.token}
        steps = [
            ["check", "--server", server.url],
            ["channels", "--server", server.url],
        ]
        for step in steps:
            print(f"$ mmexport {' '.join(step)}")
            code = _mmexport(step, env)
            print()
            if code != 0:
                return code
        if examine(out).is_archive:
            shutil.rmtree(out)  # a fresh demo each time; never touches a folder this demo did not make
        step = [
            "export",
            "--server",
            server.url,
            "--out",
            str(out),
            "--all",
            "--formats",
            "html,json,txt,csv",
        ]
        print(f"$ mmexport {' '.join(step)}")
        code = _mmexport(step, env)
    if code in (0, 5):
        # The export has just said where the archive is and which file to open: once is enough.
        if code == 5:
            print(
                "(The demo server has lost one attachment on purpose, to show how the archive lists problems.)"
            )
        return 0
    return code


def _mmexport(args: list[str], env: dict[str, str]) -> int:
    """One command of the command line, in its own process; its output goes straight to the terminal."""
    return subprocess.run([sys.executable, "-m", "mmexport", *args], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
