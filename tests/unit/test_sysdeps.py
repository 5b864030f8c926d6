""".ci/sysdeps.sh: quiet when apt works, apt's whole output when it fails, waits while another apt holds the
locks (fake apt-get, dpkg-query, sudo, sleep)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "sysdeps.sh"
NOISE = "Reading package lists... 57%"


LOCKED = "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)"


def fake_tools(folder: Path, apt_fails: bool, apt_get: str = "") -> dict[str, str]:
    tools = {
        "dpkg-query": "exit 1",  # every package missing
        "sudo": 'exec "$@"',
        "id": "echo 1000",
        "apt-get": apt_get
        or f'echo "{NOISE}"; echo "E: Unable to locate package x" >&2; exit {1 if apt_fails else 0}',
        "sleep": f'echo "$1" >> "{folder}/slept"',  # records the waits instead of waiting
    }
    for name, body in tools.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "TMPDIR": str(folder)}


def run(tmp_path: Path, apt_fails: bool, apt_get: str = "") -> subprocess.CompletedProcess:
    env = fake_tools(tmp_path, apt_fails, apt_get)
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


def locked_apt(folder: Path, busy_updates: int) -> str:
    """An apt-get whose first `busy_updates` updates find the lists locked; it records every call."""
    return f"""echo "$*" >> "{folder}/calls"
case "$*" in *update*)
  n=$(cat "{folder}/updates" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "{folder}/updates"
  if [ $n -le {busy_updates} ]; then echo "{LOCKED}" >&2; exit 100; fi;;
esac
exit 0"""


def test_sysdeps_waits_while_another_apt_holds_the_locks(tmp_path):
    result = run(tmp_path, apt_fails=False, apt_get=locked_apt(tmp_path, busy_updates=3))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "waiting" in result.stdout and LOCKED not in result.stdout + result.stderr
    assert (tmp_path / "slept").read_text().split() == ["5", "5", "5"]
    calls = (tmp_path / "calls").read_text().splitlines()
    assert [c for c in calls if "update" in c] == [calls[0]] * 4
    install = [c for c in calls if " install " in f" {c} "]
    # dpkg's lock is waited for by apt itself, for as long as the lists' lock
    assert len(install) == 1 and "DPkg::Lock::Timeout=600" in install[0]
    assert "DPkg::Lock::Timeout=600" in calls[0]


def test_sysdeps_gives_up_after_ten_minutes_of_a_held_lock(tmp_path):
    result = run(tmp_path, apt_fails=False, apt_get=locked_apt(tmp_path, busy_updates=10_000))
    assert result.returncode != 0
    assert LOCKED in result.stderr
    assert sum(int(s) for s in (tmp_path / "slept").read_text().split()) == 600
    assert "install" not in (tmp_path / "calls").read_text()
