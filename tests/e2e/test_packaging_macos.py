"""What can be checked of the macOS program on Linux: the spec evaluated as PyInstaller would on a Mac.

PyInstaller runs a spec as a Python script with its build classes (Analysis, PYZ, EXE, COLLECT, BUNDLE) in
scope. Here the spec runs with `sys.platform` set to "darwin" and recording stand-ins for those classes, so
the .app's layout, Info.plist, bundle identifier, icon and version are the ones a Mac build gets. What
stays unproven on Linux: that PyInstaller on macOS lays the .app out as recorded, that the program starts
there, codesign and notarisation with the entitlements, and the .dmg (the release workflow's macOS jobs
do those on a tag).
"""

from __future__ import annotations

import plistlib
import re
import sys
import tomllib
import types
from pathlib import Path

import pytest
from tests.e2e.test_packaging import load_workflow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "mmexport.spec"
ENTITLEMENTS = ROOT / "packaging" / "macos" / "entitlements.plist"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


class Recorded:
    """A build step as the spec called it: its positional and keyword arguments."""

    made: list[Recorded] = []

    def __init__(self, *args, **kwargs) -> None:
        self.args, self.kwargs = args, kwargs
        # Analysis's results, which the spec reads and filters
        self.datas, self.binaries, self.pure, self.scripts = [], [], [], []
        Recorded.made.append(self)


def kind(name: str) -> type:
    return type(name, (Recorded,), {})


def run_spec(monkeypatch, platform: str) -> dict[str, list[Recorded]]:
    """The spec run as PyInstaller would on `platform`; the build steps it made, by class name."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.__getattr__ = lambda name: lambda *args, **kwargs: []  # collect_submodules, copy_metadata ...
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts packaging/ in front
    Recorded.made = []
    scope = {name: kind(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    scope.update(SPECPATH=str(SPEC.parent), __file__=str(SPEC), __name__="__main__")
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), scope)
    made: dict[str, list[Recorded]] = {}
    for step in Recorded.made:
        made.setdefault(type(step).__name__, []).append(step)
    return made


@pytest.fixture
def mac_build(monkeypatch) -> dict[str, list[Recorded]]:
    return run_spec(monkeypatch, "darwin")


def test_app_bundle_is_made_from_the_collected_folder_with_the_windowed_program_first(mac_build):
    (bundle,) = mac_build["BUNDLE"]
    (collect,) = mac_build["COLLECT"]
    assert bundle.args == (collect,)
    # The .app the release workflow signs, self-tests and puts into the .dmg
    env = load_workflow()["jobs"]["macos"]["env"]
    assert env["APP"] == f"dist/{bundle.kwargs['name']}" == "dist/Mattermost Export Assistant.app"
    executables = [step for step in collect.args if type(step).__name__ == "EXE"]
    assert [e.kwargs["name"] for e in executables] == ["mmexport-gui", "mmexport"]
    assert executables[0].kwargs["console"] is False and executables[1].kwargs["console"] is True
    # Contents/MacOS/<CFBundleExecutable> is what macOS starts: the windowed program
    info = bundle.kwargs["info_plist"]
    assert info["CFBundleExecutable"] == executables[0].kwargs["name"]
    assert all(not e.kwargs["strip"] for e in executables)  # stripping breaks the code signature


def test_info_plist_keys_identifier_icon_and_version(mac_build):
    (bundle,) = mac_build["BUNDLE"]
    info = bundle.kwargs["info_plist"]
    plistlib.loads(plistlib.dumps(info))  # a valid property list
    assert re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+){2,}", bundle.kwargs["bundle_identifier"])
    assert bundle.kwargs["bundle_identifier"] == "de.mmexport.MattermostExportAssistant"
    assert bundle.kwargs["version"] == VERSION
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == VERSION
    assert info["CFBundleName"] == info["CFBundleDisplayName"] == "Mattermost Export Assistant"
    assert info["CFBundleDevelopmentRegion"] == "de" and info["CFBundleLocalizations"] == ["de", "en"]
    assert info["NSHighResolutionCapable"] is True
    assert tuple(map(int, info["LSMinimumSystemVersion"].split("."))) >= (11, 0)
    icon = Path(bundle.kwargs["icon"])
    assert icon.name == "mmexport.icns" and icon.is_file()
    assert all(e.kwargs["icon"] == str(icon) for e in mac_build["EXE"])


def test_entitlements_are_the_hardened_runtime_exceptions_the_signing_script_uses():
    entitlements = plistlib.loads(ENTITLEMENTS.read_bytes())
    assert entitlements == {
        "com.apple.security.cs.allow-unsigned-executable-memory": True,  # ctypes/cffi callbacks
        "com.apple.security.cs.disable-library-validation": True,  # libraries signed by us, not Apple
    }
    script = (ROOT / "packaging" / "macos" / "sign_and_notarize.sh").read_text(encoding="utf-8")
    assert script.count("--options runtime") >= 2 and '--entitlements "$here/entitlements.plist"' in script


def test_only_a_mac_build_makes_a_bundle(monkeypatch):
    """The same spec on Linux makes no .app (and one program): the recording is of the Mac branch."""
    made = run_spec(monkeypatch, "linux")
    assert "BUNDLE" not in made and len(made["EXE"]) == 1
