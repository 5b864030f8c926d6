"""Makes the AppImage from the PyInstaller bundle: dist/Mattermost_Export_Assistant-<version>-<arch>.AppImage.

    python packaging/linux/build_appimage.py --appimagetool path/to/appimagetool [--bundle dist/mmexport]

The release workflow downloads appimagetool (it needs the internet, so it is not part of `make package`).
Without --appimagetool it only stages the AppDir (build/AppDir), which the tests check. Started without
arguments the AppImage opens the wizard; with arguments it is the command line (`... export --help`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import build_deb  # noqa: E402
import bundle  # noqa: E402

ROOT = bundle.ROOT
APP_RUN = """#!/bin/sh
# The AppImage's entry: the bundled program; without arguments it opens the wizard.
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/lib/mmexport/mmexport" "$@"
"""


def stage_appdir(bundle_dir: Path, appdir: Path) -> Path:
    if appdir.exists():
        shutil.rmtree(appdir)
    shutil.copytree(bundle_dir, appdir / "usr" / "lib" / "mmexport", symlinks=True)
    (appdir / "AppRun").write_text(APP_RUN)
    (appdir / "AppRun").chmod(0o755)
    (appdir / "mmexport.desktop").write_text(build_deb.desktop_entry("mmexport"), encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    shutil.copy2(icons / "mmexport-256.png", appdir / "mmexport.png")
    shutil.copy2(icons / "mmexport-256.png", appdir / ".DirIcon")
    for size in build_deb.ICON_SIZES:
        target = appdir / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(icons / f"mmexport-{size}.png", target / "mmexport.png")
    return appdir


def build_appimage(appdir: Path, appimagetool: Path, out_dir: Path) -> Path:
    arch = platform.machine()
    target = out_dir / f"Mattermost_Export_Assistant-{bundle.version()}-{arch}.AppImage"
    env = {**os.environ, "ARCH": arch, "APPIMAGE_EXTRACT_AND_RUN": "1"}  # CI machines have no FUSE
    subprocess.run([str(appimagetool), "--no-appstream", str(appdir), str(target)], check=True, env=env)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="stage the AppDir and build the AppImage")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "mmexport")
    parser.add_argument("--appdir", type=Path, default=ROOT / "build" / "AppDir")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--appimagetool", type=Path, help="path of appimagetool; without it only the AppDir")
    args = parser.parse_args(argv)
    appdir = stage_appdir(args.bundle, args.appdir)
    print(f"staged {appdir}")
    if args.appimagetool:
        print(f"built {build_appimage(appdir, args.appimagetool, args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
