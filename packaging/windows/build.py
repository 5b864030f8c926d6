"""Builds the Windows program and its installer: the one recipe the release and `make windows-check` share.

    python packaging\\windows\\build.py [--version X.Y.Z] [--dist DIR] [--work DIR] [--iscc ISCC.exe]

Runs on Windows, with the Windows Python that has the project's runtime dependencies and PyInstaller:
on the release's Windows runner (.github/workflows/release.yml) and, on Debian, under wine
(packaging/windows/windows_check.py). Both build with the same spec and the same Inno Setup script, through
this file; tests/unit/test_windows_packaging.py keeps the workflow and the check from building any other way.

1. PyInstaller with packaging/mmexport.spec -> <dist>/mmexport/ (mmexport.exe, mmexport-gui.exe);
2. Inno Setup with packaging/windows/mmexport.iss -> <dist>/mmexport-<version>-windows-setup.exe.

Prints the setup file's path as its last line. Standard library only: it runs before anything is known
to work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "mmexport.spec"
ISS = ROOT / "packaging" / "windows" / "mmexport.iss"
BUNDLE_NAME = "mmexport"  # COLLECT(name=...) in the spec
ISCC_DEFAULT = (
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
)


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def setup_name(version: str) -> str:
    """The installer's file name; OutputBaseFilename in the .iss says the same."""
    return f"mmexport-{version}-windows-setup.exe"


def find_iscc(given: str | None) -> str:
    if given:
        return given
    found = shutil.which("iscc")
    if found:
        return found
    if ISCC_DEFAULT.is_file():
        return str(ISCC_DEFAULT)
    raise SystemExit("build: Inno Setup's ISCC.exe not found (pass --iscc or put it on PATH)")


def run(command: list[str]) -> None:
    print("build: " + " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def build_bundle(dist: Path, work: Path) -> Path:
    run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work), str(SPEC),
        ]
    )  # fmt: skip
    bundle = dist / BUNDLE_NAME
    for exe in ("mmexport.exe", "mmexport-gui.exe"):
        if not (bundle / exe).is_file():
            raise SystemExit(f"build: PyInstaller made no {exe} in {bundle}")
    return bundle


def build_installer(iscc: str, version: str, bundle: Path, dist: Path) -> Path:
    run([iscc, "/Qp", f"/DAppVersion={version}", f"/DSourceDir={bundle}", f"/DOutputDir={dist}", str(ISS)])
    setup = dist / setup_name(version)
    if not setup.is_file():
        raise SystemExit(f"build: Inno Setup made no {setup}")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", help="the program's version (default: from pyproject.toml)")
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="where the bundle and setup go")
    parser.add_argument("--work", default=str(ROOT / "build"), help="PyInstaller's work folder")
    parser.add_argument("--iscc", help="path of ISCC.exe (default: on PATH or Inno Setup 6's folder)")
    args = parser.parse_args(argv)
    if sys.platform != "win32":
        raise SystemExit(
            "build: run this with a Windows Python (on Debian: under wine, see windows_check.py)"
        )
    version = args.version or project_version()
    iscc = find_iscc(args.iscc)
    dist = Path(args.dist).resolve()
    bundle = build_bundle(dist, Path(args.work).resolve())
    setup = build_installer(iscc, version, bundle, dist)
    print(setup, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
