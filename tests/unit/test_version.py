"""One version number, from pyproject.toml: package metadata, CLI, wizard title, manifest, installers."""

from __future__ import annotations

import json
import re
import sys
import threading
import tomllib
from pathlib import Path

import pytest

import mmexport
from mmexport import cli

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_package_version_is_pyprojects():
    assert mmexport.__version__ == PYPROJECT_VERSION


def test_cli_prints_the_version(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"mmexport {PYPROJECT_VERSION}"


def test_packaging_reads_the_same_version():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import bundle
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    assert bundle.version() == PYPROJECT_VERSION


def test_installer_recipes_take_the_version_from_the_build_not_a_literal():
    iss = (ROOT / "packaging" / "windows" / "mmexport.iss").read_text(encoding="utf-8")
    assert re.search(r"^AppVersion=\{#AppVersion\}$", iss, re.MULTILINE)
    assert PYPROJECT_VERSION not in iss
    spec = (ROOT / "packaging" / "mmexport.spec").read_text(encoding="utf-8")
    assert "bundle.version()" in spec and PYPROJECT_VERSION not in spec
    # The release workflow and `make windows-check` both build the installer through one script, which
    # hands Inno Setup the version it was given (or pyproject's).
    build = (ROOT / "packaging" / "windows" / "build.py").read_text(encoding="utf-8")
    assert '"/DAppVersion={version}"' in build and PYPROJECT_VERSION not in build
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "packaging/windows/build.py" in workflow and PYPROJECT_VERSION not in workflow


def test_manifest_records_the_version(demo_server, tmp_path):
    from mmexport.exporting.engine import Exporter
    from mmexport.exporting.options import ExportOptions
    from mmexport.mattermost import Client

    ws = demo_server.workspace
    channel = next(c for c in ws.channels_of_user(ws.me_id) if c["type"] == "D")
    result = Exporter(
        Client(demo_server.url, demo_server.token), tmp_path, [channel["id"]], ExportOptions(formats=["json"])
    ).run()
    assert result.outcome == "done", result.message
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["tool"] == {"name": "mmexport", "version": PYPROJECT_VERSION}


def test_wizard_window_shows_the_version(qapp, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from mmexport.gui import app as gui_app

    shown = {}

    def close_at_once(self):  # the real event loop would wait for a person; read the title and leave
        window = next(w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle())
        shown["title"] = window.windowTitle()
        window.close()
        return 0

    monkeypatch.setattr(type(qapp), "exec", close_at_once)
    monkeypatch.setattr(sys, "argv", ["mmexport-gui"])
    # main() installs its exception hooks and translators; give the other tests theirs back afterwards.
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    assert gui_app.main() == 0
    assert shown["title"] == f"{mmexport.APP_NAME} {PYPROJECT_VERSION}"
