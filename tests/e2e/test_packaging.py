"""Packaging without running PyInstaller: what the spec bundles, the .deb and AppImage layouts, the installer
recipes and the release workflow (validated offline against the schema check-jsonschema ships).

The real build, install and self-test of the .deb is `make package-check` (CI runs it after the tests).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
QT_DIR = Path(__import__("PySide6").__file__).parent / "Qt"
sys.path.insert(0, str(PACKAGING))
sys.path.insert(0, str(PACKAGING / "linux"))
import build_appimage  # noqa: E402
import build_deb  # noqa: E402
import bundle  # noqa: E402


def bundled_resources() -> dict[str, str]:
    """Bundle path (resources/...) -> source path, as PyInstaller will lay them out."""
    return {
        f"{dest}/{Path(src).name}": src
        for src, dest in bundle.resource_datas()  # (source file, folder inside the bundle)
    }


# ---- what the spec bundles --------------------------------------------------------------------------------
def test_every_run_time_resource_is_bundled_and_the_rest_has_a_reason():
    bundled = bundled_resources()
    for path in RESOURCES.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(RESOURCES).as_posix()
        if f"resources/{relative}" not in bundled:
            assert bundle.build_only_reason(relative), f"{relative} is neither bundled nor build-only"
    for src in bundled.values():
        assert Path(src).is_file()


@pytest.mark.parametrize(
    "required",
    [
        "resources/translations/qtbase_de.qm",
        "resources/translations/mmexport_de.qm",
        "resources/viewer/viewer.css",
        "resources/viewer/viewer.js",
        "resources/viewer/emoji-names.json",
        "resources/icons/mmexport-16.png",
        "resources/icons/mmexport-256.png",
        "resources/pdf/DejaVuSans.ttf",
        "resources/pdf/DejaVuSansMono.ttf",
    ],
)
def test_run_time_files_the_program_opens_are_in_the_bundle(required):
    assert required in bundled_resources()


def test_sign_in_pictures_are_bundled_but_not_their_generator():
    bundled = bundled_resources()
    pictures = [p for p in bundled if p.startswith("resources/signin/")]
    assert pictures and all(p.endswith(".png") for p in pictures)
    assert len(pictures) == len(list((RESOURCES / "signin").glob("*.png")))
    assert not [p for p in bundled if p.endswith((".py", ".ts"))]


def test_spec_uses_the_tested_lists():
    spec = (PACKAGING / "mmexport.spec").read_text(encoding="utf-8")
    for used in (
        "bundle.resource_datas()",
        "bundle.EXCLUDED_MODULES",
        "bundle.keep_qt_data",
        "bundle.prune_binaries",
        'copy_metadata("mmexport")',
        'collect_submodules("mmexport")',
    ):
        assert used in spec


def test_test_tools_and_unused_qt_modules_are_excluded():
    excluded = set(bundle.EXCLUDED_MODULES)
    assert {"pytest", "hypothesis", "playwright", "tkinter"} <= excluded
    assert {
        "PySide6.QtWebEngineCore",
        "PySide6.QtWebEngineWidgets",
        "PySide6.QtQml",
        "PySide6.QtQuick",
    } <= excluded
    assert not any(name.startswith("mmexport") for name in excluded)


def test_only_german_and_english_qt_translations_are_kept():
    qt_translations = "PySide6/Qt/translations"
    assert bundle.keep_qt_data(f"{qt_translations}/qtbase_de.qm")
    assert bundle.keep_qt_data(f"{qt_translations}/qtbase_en.qm")
    assert not bundle.keep_qt_data(f"{qt_translations}/qtbase_fr.qm")
    assert not bundle.keep_qt_data(f"{qt_translations}/qt_zh_CN.qm")
    assert bundle.keep_qt_data("resources/translations/mmexport_de.qm")


def test_pruning_drops_unused_plugins_and_the_libraries_only_they_need():
    """Real Qt files from the installed PySide6, read with readelf as the spec does."""

    def entry(relative: str) -> tuple[str, str, str]:
        return (f"PySide6/Qt/{relative}", str(QT_DIR / relative), "BINARY")

    libraries = ["Core", "Gui", "DBus", "XcbQpa", "WaylandClient", "EglFSDeviceIntegration"]
    binaries = [
        entry("plugins/platforms/libqxcb.so"),
        entry("plugins/platforms/libqoffscreen.so"),
        entry("plugins/platforms/libqwayland.so"),
        entry("plugins/platforms/libqeglfs.so"),
        *(entry(f"lib/libQt6{name}.so.6") for name in libraries),
    ]
    datas = [("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK")]
    datas.append(("libQt6XcbQpa.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6", "SYMLINK"))

    kept = {Path(dest).name for dest, _, _ in bundle.prune_binaries(binaries, platform="linux")}
    kept_links = bundle.drop_dangling_symlinks(datas, bundle.prune_binaries(binaries, platform="linux"))

    assert {
        "libqxcb.so",
        "libqoffscreen.so",
        "libQt6XcbQpa.so.6",
        "libQt6Core.so.6",
        "libQt6Gui.so.6",
    } <= kept
    assert not {"libqwayland.so", "libqeglfs.so", "libQt6WaylandClient.so.6"} & kept
    assert not {"libQt6EglFSDeviceIntegration.so.6"} & kept
    assert [dest for dest, _, _ in kept_links] == ["libQt6XcbQpa.so.6"]


def test_other_systems_only_lose_the_plugins():
    binaries = [
        ("PySide6/plugins/platforms/qwindows.dll", "x", "BINARY"),
        ("PySide6/plugins/platforms/qdirect2d.dll", "x", "BINARY"),
        ("PySide6/plugins/imageformats/qtiff.dll", "x", "BINARY"),
        ("PySide6/Qt6Network.dll", "x", "BINARY"),
    ]
    kept = [dest for dest, _, _ in bundle.prune_binaries(binaries, platform="win32")]
    assert kept == ["PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt6Network.dll"]


# ---- the .deb -----------------------------------------------------------------------------------------------
def test_desktop_entry_is_valid_and_bilingual(tmp_path):
    path = tmp_path / "mmexport.desktop"
    path.write_text(build_deb.desktop_entry(), encoding="utf-8")
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # desktop-file-validate only hints (exit 0) at what would show the program twice in a menu
    assert "hint" not in result.stdout + result.stderr, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    for line in ("Exec=mmexport-gui", "Icon=mmexport", "Categories=Office;", "Terminal=false"):
        assert line in text.splitlines()
    assert "Name[de]=" in text and "Comment[de]=" in text


def fake_bundle(folder: Path) -> Path:
    """A stand-in for dist/mmexport: a real ELF program (so dpkg-shlibdeps has something to read)."""
    folder.mkdir(parents=True)
    shutil.copy2(shutil.which("true"), folder / "mmexport")
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "_internal" / "resources" / "x.txt").write_text("x")
    return folder


def test_deb_layout_links_desktop_entry_icons_and_control(tmp_path):
    deb = build_deb.build(fake_bundle(tmp_path / "bundle"), tmp_path / "out")

    fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    assert f"Version: {bundle.version()}" in fields
    assert "Package: mmexport" in fields
    depends = next(line for line in fields.splitlines() if line.startswith("Depends: "))
    for package in ("libc6 (>= ", *build_deb.RUNTIME_DEPENDS):
        assert package in depends
    assert "./opt/mmexport/mmexport" in listing
    assert "./usr/bin/mmexport -> /opt/mmexport/mmexport" in listing
    assert "./usr/bin/mmexport-gui -> /opt/mmexport/mmexport" in listing
    assert "./usr/share/applications/mmexport.desktop" in listing
    for size in build_deb.ICON_SIZES:
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/mmexport.png" in listing
    assert "./usr/share/icons/hicolor/scalable/apps/mmexport.svg" in listing
    assert all("root/root" in line for line in listing.splitlines())  # --root-owner-group
    assert "DEBIAN" not in listing


def test_dependency_merge_keeps_found_versions_and_adds_the_dlopened_ones():
    merged = build_deb.merge_depends(["libc6 (>= 2.36)", "libgl1"], ("libgl1", "libdbus-1-3"))
    assert merged == ["libc6 (>= 2.36)", "libdbus-1-3", "libgl1"]


# ---- the AppImage's AppDir ---------------------------------------------------------------------------------
def test_appdir_runs_the_bundled_program_with_its_arguments(tmp_path):
    program_dir = tmp_path / "bundle"
    program_dir.mkdir()
    (program_dir / "mmexport").write_text('#!/bin/sh\necho "started with: $*"\n')
    (program_dir / "mmexport").chmod(0o755)

    appdir = build_appimage.stage_appdir(program_dir, tmp_path / "AppDir")

    result = subprocess.run(
        [str(appdir / "AppRun"), "--self-test"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "started with: --self-test"
    assert (appdir / "mmexport.png").is_file() and (appdir / ".DirIcon").is_file()
    desktop = (appdir / "mmexport.desktop").read_text(encoding="utf-8")
    assert "Exec=mmexport" in desktop.splitlines() and "Icon=mmexport" in desktop.splitlines()


# ---- Windows installer recipe --------------------------------------------------------------------------------
def test_windows_installer_is_per_user_bilingual_with_start_menu_and_uninstaller():
    iss = (PACKAGING / "windows" / "mmexport.iss").read_text(encoding="utf-8")
    lines = iss.splitlines()
    assert "PrivilegesRequired=lowest" in lines
    assert 'Name: "german"; MessagesFile: "compiler:Languages\\German.isl"' in lines
    assert 'Name: "english"; MessagesFile: "compiler:Default.isl"' in lines
    assert any(line.startswith('Name: "{autoprograms}\\{#AppName}"') for line in lines)  # Start menu
    assert "UninstallDisplayIcon={app}\\{#AppExe}" in lines
    assert "SetupIconFile=..\\..\\resources\\icons\\mmexport.ico" in lines
    assert (ROOT / "resources" / "icons" / "mmexport.ico").is_file()


# ---- the release workflow ------------------------------------------------------------------------------------
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"


def test_release_workflow_matches_the_github_actions_schema():
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def load_workflow() -> dict:
    from ruamel.yaml import YAML  # comes with check-jsonschema

    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def test_release_workflow_builds_every_platform_on_tags_and_self_tests_each():
    workflow = load_workflow()
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["tags"] == ["v*"] and "workflow_dispatch" in triggers
    jobs = workflow["jobs"]
    for job in ("linux", "windows", "macos"):
        runs = "\n".join(step.get("run", "") for step in jobs[job]["steps"])
        assert "--self-test" in runs, job
    for job in ("linux", "macos"):
        assert "packaging/mmexport.spec" in "\n".join(s.get("run", "") for s in jobs[job]["steps"]), job
    linux = "\n".join(step.get("run", "") for step in jobs["linux"]["steps"])
    assert "build_deb.py" in linux and "check_deb.sh" in linux and "build_appimage.py" in linux
    # Windows: the spec and the .iss through build.py (test_packaging_windows.py holds that to account)
    assert "packaging/windows/build.py" in "\n".join(step.get("run", "") for step in jobs["windows"]["steps"])
    assert set(jobs["release"]["needs"]) >= {"linux", "windows", "macos"}


def test_macos_signing_runs_only_when_the_secrets_exist():
    steps = load_workflow()["jobs"]["macos"]["steps"]
    secret_steps = [s for s in steps if "sign_and_notarize.sh" in s.get("run", "")]
    assert {s["name"] for s in secret_steps} == {"Sign the .app", "Sign the disk image", "Notarise"}
    for step in secret_steps:
        assert "env.MACOS_CERTIFICATE != ''" in step["if"]
    assert any("create-dmg" in s.get("run", "") and "if" not in s for s in steps)
