"""The installed Windows program tried under wine, against the demo server running on Linux (issue 19, 3-4).

Part of `make windows-check` (windows_check.py calls behaviour() between the self-tests and the uninstall):

- an export by the installed mmexport.exe into `Documents\\Mattermost Prüfungsamt` (an umlaut and a
  space), then the installed `verify` of it;
- the demo's names that Windows refuses or folds (`mmexport demo-server --windows-names`): every file
  present under a name Windows accepts, none overwriting another, no path over 259 characters;
- the log where the README says (`%LOCALAPPDATA%\\mmexport\\Logs`), and the settings the wizard saves
  (`%LOCALAPPDATA%\\mmexport\\settings.json`);
- `mmexport.exe login --browser` keeping the sign-in in the Windows Credential Manager, and
  `mmexport.exe channels` reading it back from there;
- the wizard (wine_probe.py) in German, at 100 % and 150 %: screenshots of its first four pages; its
  "Sign in with GitLab" and the finished page's "open index.html" handing the address to the system's
  browser (wine's winebrowser, pointed at a recorder here).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath
from urllib.parse import unquote

import requests
import windows_check as wc
from windows_check import CACHE, EXPORT_FOLDER, PROBE, Failed, Installed, Wine, say, z_path

from mmexport.archive.layout import WINDOWS_MAX_PATH

# Names Windows will not create (a device name, with or without an extension) and characters it refuses.
RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
REFUSED_CHARACTERS = set('<>:"/\\|?*') | {chr(i) for i in range(32)}


def behaviour(wine: Wine, installed: Installed, screenshots: Path) -> None:
    with wc.demo_server("--windows-names") as (url, token):
        archive, manifest = export(wine, installed, url, token)
        check_log(wine, token)
        remembered_sign_in(wine, installed, url)
        wizard_under_wine(wine, url, token, archive, screenshots)
        verify(wine, installed, archive)
        check_windows_names(wine, archive, manifest)


def export(wine: Wine, installed: Installed, url: str, token: str) -> tuple[str, dict]:
    """The installed mmexport.exe's export into the Documents folder: the archive's Windows path and its
    manifest."""
    archive = f"{wine.documents}\\{EXPORT_FOLDER}"
    shutil.rmtree(wine.unix(archive), ignore_errors=True)  # a new export each run, not an update
    result = wine.run([installed.exe("mmexport.exe"), "export", "--server", url, "--out", archive, "--all",
                       "--jobs", "4"], "export", check=False, timeout=900, MMEXPORT_TOKEN=token)  # fmt: skip
    folder = wine.unix(archive)
    manifest_file = folder / "manifest.json"
    if not manifest_file.is_file():
        raise Failed(
            "export",
            f"no manifest.json in {archive} (exit {result.returncode}): {wc._last_line(result.stdout)}",
        )
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    # The demo keeps one attachment deliberately missing ("verschwunden.pdf"): exit 5, listed as a problem.
    problems = manifest.get("problems") or []
    unexpected = [p for p in problems if "verschwunden" not in json.dumps(p, ensure_ascii=False)]
    if result.returncode not in (0, 5) or unexpected:
        raise Failed("export", f"mmexport.exe export exited {result.returncode}, problems {unexpected[:2]}")
    say(f"exported {len(manifest['channels'])} chats, {len(manifest.get('files', []))} files into {archive}")
    return archive, manifest


def verify(wine: Wine, installed: Installed, archive: str) -> None:
    result = wine.run([installed.exe("mmexport.exe"), "verify", archive], "verify", check=False)
    if result.returncode != 0:
        raise Failed("verify", f"mmexport.exe verify {archive}: {wc._last_line(result.stdout)}")
    say(f"verify ok: {wc._last_line(result.stdout)}")


def check_windows_names(wine: Wine, archive: str, manifest: dict) -> None:
    from mmexport.demo.windows_names import FILE_NAMES, LONG_CHANNEL, RESERVED_CHANNELS, TEAM_NAME

    folder = wine.unix(archive)
    team_channels = {c["id"]: c for c in manifest["channels"] if c.get("team") == TEAM_NAME}
    if {c["name"] for c in team_channels.values()} != {LONG_CHANNEL, *RESERVED_CHANNELS}:
        raise Failed(
            "Windows names",
            f"the archive lacks chats of team {TEAM_NAME}: {sorted(c['name'] for c in team_channels.values())}",
        )
    files = [f for f in manifest["files"] if f["channel_id"] in team_channels]
    by_name = {f["name"]: f for f in files}
    if sorted(by_name) != sorted(FILE_NAMES):
        raise Failed(
            "Windows names", f"expected {len(FILE_NAMES)} attachments, the manifest lists {sorted(by_name)}"
        )
    paths = [f["path"] for f in files] + [c["path"] for c in team_channels.values()]
    folded = {p.casefold() for p in paths}
    if len(folded) != len(paths):
        raise Failed("Windows names", "two files or chats share a path once Windows folds the case")
    for index, name in enumerate(FILE_NAMES):
        stored = folder / by_name[name]["path"]
        if not stored.is_file():  # Windows drops trailing dots and spaces: "Notiz." is stored as "Notiz"
            raise Failed(
                "Windows names", f"{by_name[name]['path']!r} (for {name!r}) is not there under that name"
            )
        content = stored.read_bytes()
        if content != f"Datei {index + 1}: {name}\n".encode():  # what the demo server sent for this one
            raise Failed("Windows names", f"{by_name[name]['path']} does not hold the file {name!r}")
    for path in paths:
        bad = [part for part in PureWindowsPath(path).parts if not windows_accepts(part)]
        if bad:
            raise Failed("Windows names", f"{path!r} has a part Windows refuses: {bad[0]!r}")
    longest = max(everything_in(folder, archive), key=len)
    if len(longest) > WINDOWS_MAX_PATH:
        raise Failed("Windows names", f"a path is {len(longest)} characters long (Windows allows "
                     f"{WINDOWS_MAX_PATH} without long-path support): {longest}")  # fmt: skip
    say(f"names Windows refuses: {len(files)} files and {len(team_channels)} chats under safe names, "
        f"none overwritten, longest path {len(longest)} characters")  # fmt: skip


def windows_accepts(part: str) -> bool:
    if part in ("", ".", "..") or part != part.rstrip(" ."):
        return False
    if part.split(".")[0].upper().rstrip(" ") in RESERVED:
        return False
    return not (set(part) & REFUSED_CHARACTERS)


def everything_in(folder: Path, windows_folder: str) -> list[str]:
    """Every file and folder of the archive as a full Windows path."""
    return [windows_folder + "\\" + str(p.relative_to(folder)).replace("/", "\\") for p in folder.rglob("*")]


def check_log(wine: Wine, token: str) -> None:
    log_file = wine.unix(f"{wine.local_appdata}\\mmexport\\Logs\\mmexport.log")
    if not log_file.is_file() or not log_file.stat().st_size:
        raise Failed("log", f"no log in {wine.local_appdata}\\mmexport\\Logs after the export")
    if token in log_file.read_text(encoding="utf-8", errors="replace"):
        raise Failed("log", "the log holds the sign-in token")
    say(f"log written to {wine.local_appdata}\\mmexport\\Logs\\mmexport.log (no token in it)")


def remembered_sign_in(wine: Wine, installed: Installed, url: str) -> None:
    """`mmexport.exe login --browser`: the pretend GitLab's pages are walked here, the final address is
    typed in; the sign-in goes to the system's password store (keyring's Windows backend: CredWrite)."""
    import subprocess

    command = [
        "nice",
        "-n",
        "10",
        "wine",
        installed.exe("mmexport.exe"),
        "login",
        "--server",
        url,
        "--browser",
    ]
    process = subprocess.Popen(command, env=wine.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="cp1252", errors="replace")  # fmt: skip
    try:
        assert process.stderr is not None
        said: list[str] = []
        while not any("desktop_token=" in line for line in said):
            line = process.stderr.readline()
            if not line:
                raise Failed("sign-in", f"mmexport.exe login ended early: {''.join(said)[-200:]}")
            said.append(line)
        entry = next(line.strip() for line in said if "desktop_token=" in line)
        final_address = walk_pretend_gitlab(url, entry)
        out, err = process.communicate(final_address + "\n", timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    wc.log("".join(said) + out + err)
    if process.returncode == 0 and "password store" in out:
        result = wine.run(
            [installed.exe("mmexport.exe"), "channels", "--server", url], "sign-in", check=False
        )
        if result.returncode != 0:
            raise Failed(
                "sign-in",
                f"mmexport.exe channels did not find the remembered sign-in: {wc._last_line(result.stdout)}",
            )
        stored = wine.run(
            ["reg", "query", "HKCU\\Software\\Wine\\Credential Manager"], "sign-in", check=False
        )
        where = (
            "wine's Credential Manager"
            if "mmexport:" in stored.stdout or stored.returncode == 0
            else "the password store"
        )
        say(
            f"sign-in remembered in {where} (Windows Credential Manager API) and read back by mmexport.exe channels"
        )
        return
    message = (err.strip().splitlines() or ["no message"])[-1]
    if process.returncode == 3 and "no password store" in err:
        say(f"wine has no Credential Manager for keyring; the program says instead: {message}")
        return
    raise Failed("sign-in", f"mmexport.exe login --browser exited {process.returncode}: {message[:200]}")


def walk_pretend_gitlab(url: str, entry: str) -> str:
    """What a person does in the browser: open the address, click Authorize, copy the final address."""
    with requests.Session() as browser:
        consent = browser.get(entry, timeout=30)
        state = re.search(r'name=state value="([^"]+)"', consent.text)
        if consent.status_code != 200 or state is None:
            raise Failed("sign-in", f"the demo's GitLab page did not open ({consent.status_code})")
        done = browser.get(f"{url}/demo-idp/gitlab/decide", params={"state": state.group(1), "decision": "allow"},
                           timeout=30)  # fmt: skip
        if "/login/desktop" not in done.url:
            raise Failed("sign-in", f"the demo's GitLab sign-in ended at {done.url}")
        return done.url


BROWSER_LOG = CACHE / "browser-opened.txt"


def point_winebrowser_at_recorder(wine: Wine) -> None:
    """winebrowser starts the first program of HKCU\\Software\\Wine\\WineBrowser\\Browsers that exists:
    here a script that writes down what it was given, standing in for the person's browser."""
    recorder = CACHE / "record-browser.sh"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{BROWSER_LOG}"\n', encoding="utf-8")
    recorder.chmod(0o755)
    BROWSER_LOG.unlink(missing_ok=True)
    # Every Windows has a program for .html files (Edge at least); wine 8 has none, and ShellExecute then
    # answers "no association" (31): the finished page's "open index.html" did nothing at all.
    wine.run(["reg", "add", "HKLM\\Software\\Classes\\.html", "/ve", "/d", "htmlfile", "/f"],
             "wine prefix (browser launcher)")  # fmt: skip
    for name in ("Browsers", "Mailers"):
        wine.run(["reg", "add", "HKCU\\Software\\Wine\\WineBrowser", "/v", name, "/d", str(recorder), "/f"],
                 "wine prefix (browser launcher)")  # fmt: skip


HTTP_OPEN = "HKLM\\Software\\Classes\\http\\shell\\open\\command"  # wine's: winebrowser.exe "%1"


@contextlib.contextmanager
def no_program_for_web_addresses(wine: Wine) -> Iterator[None]:
    """A desktop where no browser can be started: ShellExecute answers "no association" (31) for http
    addresses while wine's handler is taken out; it is put back from an export afterwards."""
    saved = CACHE / "http-handler.reg"
    wine.run(["reg", "export", HTTP_OPEN, z_path(saved), "/y"], "wine prefix (browser launcher)")
    wine.run(["reg", "delete", HTTP_OPEN, "/f"], "wine prefix (browser launcher)")
    try:
        yield
    finally:
        wine.run(["reg", "import", z_path(saved)], "wine prefix (browser launcher)")


def wizard_under_wine(wine: Wine, url: str, token: str, archive: str, screenshots: Path) -> None:
    point_winebrowser_at_recorder(wine)
    index = f"{archive}\\index.html"
    for scale in ("1", "1.5"):
        # At 150 % no browser can be started: the wizard must show the sign-in address to copy instead.
        options = ["--index", index] if scale == "1" else ["--no-browser"]
        no_browser = no_program_for_web_addresses(wine) if scale != "1" else contextlib.nullcontext()
        with no_browser:
            result = wine.run([wine.python, z_path(PROBE), url, token, z_path(screenshots),
                               "--scale", scale, *options], "wizard under wine", check=False, timeout=600)  # fmt: skip
        if result.returncode != 0 or "probe: done" not in result.stdout:
            raise Failed("wizard under wine", f"at {float(scale):.0%}: {wc._last_line(result.stdout)}")
        first = next((line for line in result.stdout.splitlines() if line.startswith("probe: language")), "")
        say(
            f"wizard in German at {float(scale):.0%}: pages saved in {screenshots} ({first.removeprefix('probe: ')})"
        )
        if scale != "1":
            say("with no browser to start, the wizard showed the sign-in address to copy")
    wine.wait()
    opened = BROWSER_LOG.read_text(encoding="utf-8").splitlines() if BROWSER_LOG.is_file() else []
    wc.log(f"browser was given: {opened}")
    signin = [u for u in opened if u.startswith(f"{url}/oauth/gitlab/login?desktop_token=")]
    if not signin:
        raise Failed(
            "browser hand-off", f"the GitLab sign-in address did not reach the browser launcher: {opened}"
        )
    say("the wizard's GitLab sign-in address reached the system's browser (winebrowser)")
    shown = [u for u in opened if u.endswith("index.html") and EXPORT_FOLDER in unquote(u)]
    if not shown:
        raise Failed("browser hand-off", f"index.html did not reach the browser launcher: {opened}")
    say(f"index.html handed to the system's browser as {shown[0]}")
    settings = wine.unix(f"{wine.local_appdata}\\mmexport\\settings.json")
    if not settings.is_file() or url not in settings.read_text(encoding="utf-8"):
        raise Failed(
            "settings", f"the wizard saved no settings with the server in {wine.local_appdata}\\mmexport"
        )
    say(f"settings saved to {wine.local_appdata}\\mmexport\\settings.json")
