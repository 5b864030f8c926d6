"""A home folder that cannot take settings or the log (read-only, or full) must not stop an export that
writes elsewhere (issue 21, item 4): `check` and `export` work, the log goes to standard error with one
line saying why, never a traceback nor logging's "--- Logging error ---"; the wizard shows a warning.

The read-only and the full home are real: a read-only bind mount and a small tmpfs, each in a private
mount namespace of its own (`unshare --mount --map-root-user`, as the full-disk test does), so that even
a test running as root cannot write there."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mmexport import exitcodes
from mmexport.demo.server import DemoServer

NAMESPACE_SCRIPT = textwrap.dedent(
    """
    import json, os, subprocess, sys
    kind, home, url, token, channel, out = sys.argv[1:7]
    os.makedirs(home, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MMEXPORT_"))}
    env.update(HOME=home, MMEXPORT_TOKEN=token)
    if kind == "read-only":
        subprocess.run(["mount", "--bind", home, home], check=True)
        subprocess.run(["mount", "-o", "remount,ro,bind", home], check=True)
    else:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", home], check=True)
        # the folders exist (an earlier run made them), then the disk fills up
        made = subprocess.run(
            [sys.executable, "-c", "from mmexport import paths; paths.config_dir(); paths.log_dir()"], env=env
        )
        assert made.returncode == 0
        try:
            with open(os.path.join(home, "filler"), "wb") as f:
                while True:
                    f.write(b"x" * 4096)
                    f.flush()
        except OSError:
            pass
    mmexport = [sys.executable, "-m", "mmexport"]
    check = subprocess.run([*mmexport, "check", "--server", url], env=env, capture_output=True, text=True)
    export = subprocess.run(
        [*mmexport, "export", "--server", url, "--out", out, "--channel", channel, "--formats", "json"],
        env=env, capture_output=True, text=True,
    )
    print(json.dumps({"check": [check.returncode, check.stdout, check.stderr],
                      "export": [export.returncode, export.stdout, export.stderr]}))
    """
)


@pytest.mark.parametrize("kind", ["read-only", "full"])
def test_check_and_export_work_with_a_home_that_takes_nothing(tmp_path, kind):
    assert shutil.which("unshare"), "util-linux unshare is part of every Debian system"
    with DemoServer() as server:
        channel = next(c["id"] for c in server.workspace.channels.values() if c["name"] == "labor")
        proc = subprocess.run(
            [
                "unshare",
                "--mount",
                "--map-root-user",
                sys.executable,
                "-c",
                NAMESPACE_SCRIPT,
                kind,
                str(tmp_path / "home"),
                server.url,
                server.token,
                channel,
                str(tmp_path / "archive"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    for command in ("check", "export"):
        code, _stdout, stderr = report[command]
        assert code == exitcodes.OK, (command, stderr)
        assert "Traceback" not in stderr and "Logging error" not in stderr, (command, stderr)
        assert "unexpected" not in stderr.lower(), (command, stderr)
        assert stderr.count("the log file cannot be written") == 1, (command, stderr)
    manifest = json.loads((tmp_path / "archive" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["channels"] and all(c["complete"] for c in manifest["channels"])
    posts = tmp_path / "archive" / manifest["channels"][0]["path"] / "posts.jsonl"
    assert len(posts.read_text(encoding="utf-8").splitlines()) == manifest["channels"][0]["posts"] > 0


def test_the_wizard_warns_about_a_home_folder_it_cannot_write(qtbot, tmp_path, monkeypatch):
    """In-process: a home 'folder' below a plain file cannot be created, even by root."""
    from mmexport.gui.wizard import ExportWizard
    from mmexport.logsetup import setup_logging

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MMEXPORT_HOME", str(blocker / "home"))
    setup_logging(to_file=True)  # what gui/app.main does first: must not raise
    try:
        wizard = ExportWizard()
        qtbot.addWidget(wizard)
        wizard.show()
        status = wizard.welcome_page.status
        qtbot.waitUntil(lambda: status.kind == "warn")
        assert "cannot be saved" in status.plain_text()
        assert str(blocker) in status.plain_text()
        wizard.save_settings()  # a warning in the log, nothing raised
    finally:
        setup_logging(to_file=False)
    assert not os.path.exists(blocker / "home")
    assert Path(blocker).read_text() == "not a folder"
