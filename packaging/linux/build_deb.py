"""Wraps the PyInstaller bundle (dist/mmexport/) into a Debian package: dist/mmexport_<version>_<arch>.deb.

    .venv/bin/python packaging/linux/build_deb.py [--bundle dist/mmexport] [--out dist]

Layout: the bundle in /opt/mmexport, /usr/bin/mmexport and /usr/bin/mmexport-gui as links to it, a desktop
entry (German and English) and the icon in the hicolor theme. Depends: is worked out by Debian's own
dpkg-shlibdeps from every ELF file in the bundle, so it names exactly the libraries the bundle and its Qt
plugins link against, with the versions their symbols need. Menu and icon caches are refreshed by the
triggers of desktop-file-utils and hicolor-icon-theme, so the package needs no maintainer scripts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import bundle  # noqa: E402  (packaging/bundle.py)

ROOT = bundle.ROOT
PACKAGE = "mmexport"
APP_NAME = "Mattermost Export Assistant"
INSTALL_DIR = Path("opt") / PACKAGE
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAINTAINER = "Mattermost Export Assistant maintainers <mmexport@users.noreply.github.com>"
# Qt opens these at run time (dlopen) rather than linking them, so dpkg-shlibdeps cannot see them.
RUNTIME_DEPENDS = ("libdbus-1-3", "libegl1", "libgl1", "libfontconfig1", "libxkbcommon-x11-0")
RECOMMENDS = ("fonts-dejavu-core | fonts-freefont-ttf", "xdg-utils")
SUGGESTS = ("gnome-keyring | kwalletmanager | keepassxc",)
DESCRIPTION = """\
Save your Mattermost chats into a folder you can read offline
 A wizard that copies the channels and private chats of a Mattermost server,
 with their pictures and attached files, into a folder on this computer.
 Open index.html in that folder to read them in any web browser, without
 internet, for years. Signs in with the browser's session (works with GitLab
 sign-in), resumes interrupted exports, and has a command line (mmexport)
 for scripting. The wizard speaks German and English."""


def desktop_entry(program: str = "mmexport-gui") -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.4\n"
        f"Name={APP_NAME}\n"
        "Name[de]=Mattermost-Export-Assistent\n"
        "GenericName=Chat export\n"
        "GenericName[de]=Chat-Export\n"
        "Comment=Save your Mattermost chats into a folder you can read offline\n"
        "Comment[de]=Mattermost-Chats in einem Ordner sichern, den Sie ohne Internet lesen können\n"
        f"Exec={program}\n"
        f"Icon={PACKAGE}\n"
        "Terminal=false\n"
        # One main category only (the README says *Office*): two would list the program twice in some menus.
        "Categories=Office;\n"
        "Keywords=Mattermost;chat;export;archive;backup;\n"
        "Keywords[de]=Mattermost;Chat;Export;Archiv;Sicherung;Sichern;\n"
    )


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def shared_library_depends(bundle_dir: Path) -> list[str]:
    """Runs dpkg-shlibdeps on the bundle's ELF files; it needs a debian/control, so a scratch one is made."""
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "debian").mkdir()
        (Path(scratch) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"
        )
        library_dirs = sorted({str(p.parent) for p in bundle_dir.rglob("*.so*")})
        command = [
            "dpkg-shlibdeps",
            "-O",
            "--ignore-missing-info",
            "--warnings=0",
            *(f"-l{d}" for d in library_dirs),
            *map(str, elf_files(bundle_dir)),
        ]
        result = subprocess.run(command, cwd=scratch, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"dpkg-shlibdeps failed:\n{result.stderr}")
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.MULTILINE)
    return [d.strip() for d in match.group(1).split(",")] if match else []


def merge_depends(found: list[str], extra: tuple[str, ...]) -> list[str]:
    names = {re.split(r"[\s(]", d, maxsplit=1)[0] for d in found}
    return sorted([*found, *(d for d in extra if d not in names)])


def folder_size_kib(folder: Path) -> int:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def control_file(version: str, arch: str, depends: list[str], installed_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        f"Suggests: {', '.join(SUGGESTS)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def copyright_file() -> str:
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {PACKAGE}\n\n"
        "Files: *\n"
        "License: MIT\n"
        " The bundled Python, Qt (LGPL-3) and libraries keep their own licences;\n"
        " see the files under /opt/mmexport/_internal.\n"
    )


def stage(bundle_dir: Path, root: Path, version: str, arch: str, depends: list[str]) -> None:
    shutil.copytree(bundle_dir, root / INSTALL_DIR, symlinks=True)
    usr_bin = root / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for name in ("mmexport", "mmexport-gui"):
        # The bundle's entry script looks at the name it was started under: mmexport-gui opens the wizard.
        (usr_bin / name).symlink_to(Path("/") / INSTALL_DIR / "mmexport")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(desktop_entry(), encoding="utf-8")
    icons = ROOT / "resources" / "icons"
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(icons / f"{PACKAGE}-{size}.png", target / f"{PACKAGE}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy2(icons / f"{PACKAGE}.svg", scalable / f"{PACKAGE}.svg")
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_file(), encoding="utf-8")
    debian = root / "DEBIAN"
    debian.mkdir()
    installed = folder_size_kib(root)
    (debian / "control").write_text(control_file(version, arch, depends, installed), encoding="utf-8")
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():  # dpkg-deb wants sane modes regardless of the umask of the build
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)


def build(bundle_dir: Path, out_dir: Path) -> Path:
    if not (bundle_dir / "mmexport").is_file():
        raise SystemExit(f"{bundle_dir} holds no bundle; run PyInstaller first (make package)")
    version, arch = bundle.version(), architecture()
    depends = merge_depends(shared_library_depends(bundle_dir), RUNTIME_DEPENDS)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PACKAGE}_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="mmexport-deb-") as scratch:
        root = Path(scratch) / f"{PACKAGE}_{version}_{arch}"
        stage(bundle_dir, root, version, arch, depends)
        subprocess.run(
            ["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(root), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "mmexport")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    target = build(args.bundle, args.out)
    print(f"built {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    print(f"size  {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
