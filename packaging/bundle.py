"""What goes into the frozen bundle, in plain Python so tests can check it without running PyInstaller.

mmexport.spec imports this; tests/e2e/test_packaging.py checks that every run-time file under resources/
is listed and that nothing from the test suite or Qt's unused modules is.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"

# messages.pdf (fpdf2): its sRGB ICC profile is a data file of the fpdf package, and fontTools reads the
# font's tables through modules it imports by name when the fonts are subset.
PDF_DATA_PACKAGES = ["fpdf"]
PDF_HIDDEN_PACKAGES = ["fontTools.ttLib.tables", "fontTools.subset"]

# Files under resources/ that are only needed to make other files, with the reason they stay behind.
BUILD_ONLY = {
    "*.py": "generators of pictures and data (the generated files are bundled)",
    "*.ts": "translation sources (the compiled .qm files are bundled)",
    "icons/*.ico": "Windows icon, built into the .exe and the installer instead",
    "icons/*.icns": "macOS icon, built into the .app instead",
    "*/__pycache__/*": "Python caches",
    "*.pyc": "Python caches",
}

# Python modules the program never uses at run time: test tools, other Qt modules, GUI toolkits.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "playwright",
    "mattermostdriver",
    "trustme",
    "psutil",
    "slackviewer",
    "IPython",
    "numpy",
    "lxml",  # fontTools would take it along (9.7 MB) for XML it never writes here
    "setuptools",
    "pip",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtConcurrent",
    "PySide6.QtPrintSupport",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
]

# Qt plugins a desktop wizard does not use: framebuffer/embedded/VNC platforms, GTK's theme (it drags in
# all of GTK 3), Wayland (Qt falls back to X11, which every Wayland desktop offers through XWayland),
# touch/evdev input and picture formats the program never reads. Patterns match "<plugin folder>/<file>".
DROPPED_QT_PLUGINS = (
    "egldeviceintegrations/*",
    "generic/*",
    "wayland-*/*",
    "platformthemes/*qgtk3*",
    "platforms/*qeglfs*",
    "platforms/*qlinuxfb*",
    "platforms/*qminimalegl*",
    "platforms/*qvkkhrdisplay*",
    "platforms/*qvnc*",
    "platforms/*qwayland*",
    "platforms/*qdirect2d*",
    "imageformats/*qtiff*",
    "imageformats/*qwebp*",
    "imageformats/*qtga*",
    "imageformats/*qwbmp*",
    "imageformats/*qicns*",
    "imageformats/*qpdf*",
)

# Qt's own translations: only these languages are kept (the program speaks German and English).
QT_LANGUAGES = ("de", "en")


def version() -> str:
    """The one version number, from pyproject.toml."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["version"]


def build_only_reason(relative: str) -> str | None:
    for pattern, reason in BUILD_ONLY.items():
        if fnmatch.fnmatch(relative, pattern):
            return reason
    return None


def resource_files() -> list[Path]:
    """Every file under resources/ that the program reads at run time."""
    return sorted(
        path
        for path in RESOURCES.rglob("*")
        if path.is_file() and not build_only_reason(path.relative_to(RESOURCES).as_posix())
    )


def resource_datas() -> list[tuple[str, str]]:
    """PyInstaller's datas: (source file, folder inside the bundle), keeping resources/'s layout."""
    return [
        (str(path), str(Path("resources") / path.parent.relative_to(RESOURCES))) for path in resource_files()
    ]


def keep_qt_data(destination: str) -> bool:
    """Drops Qt's translations for languages the program does not offer (about 14 MB)."""
    parts = Path(destination).parts
    if "translations" in parts and destination.endswith(".qm") and "PySide6" in parts:
        language = Path(destination).stem.rsplit("_", 1)[-1]
        return language in QT_LANGUAGES
    return True


def is_dropped_plugin(destination: str) -> bool:
    parts = Path(destination).parts
    if "plugins" not in parts:
        return False
    relative = "/".join(parts[parts.index("plugins") + 1 :])
    return any(fnmatch.fnmatch(relative, pattern) for pattern in DROPPED_QT_PLUGINS)


def prune_binaries(binaries: list[tuple], platform: str = sys.platform) -> list[tuple]:
    """Drops the unused Qt plugins and, on Linux, every shared library that only they needed.

    PyInstaller collects the dependencies of every plugin; after dropping plugins, the libraries that no
    remaining file needs (by the ELF NEEDED entries) go too: that is most of GTK 3 and the Wayland client.
    """
    kept = [entry for entry in binaries if not is_dropped_plugin(entry[0])]
    if not platform.startswith("linux"):
        return kept
    # A library may appear twice: the file (PySide6/Qt/lib/...) and a SYMLINK to it at the top.
    library_files = {
        Path(dest).name: src for dest, src, kind in kept if _is_shared_library(dest) and kind != "SYMLINK"
    }
    roots = [src for dest, src, kind in kept if kind != "SYMLINK" and Path(dest).name not in library_files]
    reached: set[str] = set()
    pending = list(roots)
    while pending:
        for name in elf_needed(pending.pop()):
            if name in library_files and name not in reached:
                reached.add(name)
                pending.append(library_files[name])
    return [
        entry for entry in kept if Path(entry[0]).name not in library_files or Path(entry[0]).name in reached
    ]


def _is_shared_library(destination: str) -> bool:
    name = Path(destination).name
    parent = Path(destination).parent.as_posix()
    in_library_folder = parent in (".", "") or parent.endswith("Qt/lib")
    return in_library_folder and name.startswith("lib") and ".so" in name and "python3" not in name


def elf_needed(path: str) -> list[str]:
    """The shared libraries an ELF file names as NEEDED (readelf from binutils, which PyInstaller needs too)."""
    result = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False)
    names = []
    for line in result.stdout.splitlines():
        if "(NEEDED)" in line and "[" in line:
            names.append(line.rsplit("[", 1)[1].rstrip("]"))
    return names


def drop_dangling_symlinks(datas: list[tuple], binaries: list[tuple]) -> list[tuple]:
    """PyInstaller keeps its SYMLINK entries among the datas; those pointing at pruned files must go too."""
    present = {Path(dest).as_posix() for dest, _, kind in (*datas, *binaries) if kind != "SYMLINK"}
    kept = []
    for dest, src, kind in datas:
        if kind == "SYMLINK":
            target = _normalise(Path(dest).parent / src)
            if target not in present:
                continue
        kept.append((dest, src, kind))
    return kept


def _normalise(path: Path) -> str:
    parts: list[str] = []
    for part in path.as_posix().split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
