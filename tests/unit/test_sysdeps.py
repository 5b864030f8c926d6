""".ci/sysdeps.sh: quiet when apt works, apt's whole output when it fails (fake apt-get, dpkg-query, sudo)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "sysdeps.sh"
NOISE = "Reading package lists... 57%"


def fake_tools(folder: Path, apt_fails: bool) -> dict[str, str]:
    tools = {
        "dpkg-query": "exit 1",  # every package missing
        "sudo": 'exec "$@"',
        "id": "echo 1000",
        "apt-get": f'echo "{NOISE}"; echo "E: Unable to locate package x" >&2; exit {1 if apt_fails else 0}',
    }
    for name, body in tools.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "TMPDIR": str(folder)}


def run(tmp_path: Path, apt_fails: bool) -> subprocess.CompletedProcess:
    env = fake_tools(tmp_path, apt_fails)
    return subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)


def test_sysdeps_is_quiet_when_apt_succeeds(tmp_path):
    result = run(tmp_path, apt_fails=False)
    assert result.returncode == 0
    assert NOISE not in result.stdout + result.stderr
    assert list(tmp_path.glob("*.log")) == []


def test_sysdeps_shows_apt_output_when_it_fails(tmp_path):
    result = run(tmp_path, apt_fails=True)
    assert result.returncode != 0
    assert NOISE in result.stderr and "Unable to locate package" in result.stderr
