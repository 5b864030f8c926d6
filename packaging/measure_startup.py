"""Time from starting the frozen program to its wizard window being on screen, under Xvfb.

    xvfb-run -a .venv/bin/python packaging/measure_startup.py [dist/mmexport/mmexport] [--runs 7]

Polls the X server with xwininfo until a window named like the program is viewable, so the program
itself needs no timing code. Settings and log go to a temporary MMEXPORT_HOME. Prints the first (cold
cache) run and the median of the rest.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW_TITLE = "Mattermost Export Assistant"
TIMEOUT_S = 30.0


def window_viewable() -> bool:
    """True once a window whose title starts with the program's name is mapped (the title has the version)."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False).stdout
    for line in tree.splitlines():
        if f'"{WINDOW_TITLE}' in line:
            window_id = line.split()[0]
            info = subprocess.run(["xwininfo", "-id", window_id], capture_output=True, text=True).stdout
            if "IsViewable" in info:
                return True
    return False


def time_to_window(program: Path, home: Path) -> float:
    env = {**os.environ, "MMEXPORT_HOME": str(home)}
    env.pop("QT_QPA_PLATFORM", None)  # the real X11 platform, as on a desktop
    started = time.perf_counter()
    process = subprocess.Popen([str(program)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - started < TIMEOUT_S:
            if window_viewable():
                return time.perf_counter() - started
            if process.poll() is not None:
                raise SystemExit(f"{program} ended early:\n{process.stderr.read().decode(errors='replace')}")
            time.sleep(0.005)
        raise SystemExit(f"no window within {TIMEOUT_S:.0f} s")
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="time to the first window of the frozen program")
    parser.add_argument("program", nargs="?", type=Path, default=ROOT / "dist" / "mmexport" / "mmexport")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        raise SystemExit("needs an X server: run it under xvfb-run -a")
    with tempfile.TemporaryDirectory() as home:
        times = [time_to_window(args.program, Path(home)) for _ in range(args.runs)]
    warm = times[1:] or times
    print(f"program      {args.program}")
    print(f"first run    {times[0]:.3f} s")
    print(
        f"median warm  {statistics.median(warm):.3f} s  (of {len(warm)}; min {min(warm):.3f}, max {max(warm):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
