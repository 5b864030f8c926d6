"""The archive folder on disks that come and go, and on USB sticks' file systems, over real HTTP.

- A drive pulled out during an export (a bind mount in a private mount namespace, lazily unmounted while
  the command line is writing): the run stops with exit code 8 and a plain sentence, nothing lands on the
  bare mount point, and the next run onto the drive continues and verifies.
- Permissions: every file and folder of the archive as the umask allows (022 and 077); only the resume
  state under .mmexport/ stays private.
- exFAT (FUSE, on a loop device, when this machine can mount one): attachments whose names Windows and FAT
  refuse or fold together are all there, none overwriting another.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mmexport import exitcodes
from mmexport.archive.layout import WINDOWS_MAX_PATH, windows_length
from mmexport.archive.reader import Archive
from mmexport.demo.server import DemoServer
from mmexport.exporting.verify import verify_archive

PULL_SCRIPT = textwrap.dedent(
    """
    import json, os, subprocess, sys, time
    drive, mount_point, url, token = sys.argv[1:5]
    os.makedirs(mount_point, exist_ok=True)
    def plug_in():
        subprocess.run(["mount", "--bind", drive, mount_point], check=True)
    plug_in()
    out = os.path.join(mount_point, "Mattermost")
    env = {**os.environ, "MMEXPORT_TOKEN": token}
    cmd = [sys.executable, "-m", "mmexport", "export", "--server", url, "--out", out, "--all",
           "--formats", "json,html", "--jobs", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pages = os.path.join(out, ".mmexport", "pages")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if os.path.isdir(pages) and sum(len(f) for _, _, f in os.walk(pages)) >= 3:
            break
        time.sleep(0.02)
    pulled_while_running = proc.poll() is None
    subprocess.run(["umount", "-l", mount_point], check=True)
    stdout, stderr = proc.communicate(timeout=300)
    on_bare_mount_point = sorted(os.listdir(mount_point))
    plug_in()
    second = subprocess.run(cmd, env=env, capture_output=True, text=True)
    verify = subprocess.run([sys.executable, "-m", "mmexport", "verify", out], capture_output=True, text=True)
    print(json.dumps({"pulled_while_running": pulled_while_running, "first": [proc.returncode, stderr],
                      "bare": on_bare_mount_point, "second": [second.returncode, second.stderr],
                      "verify": [verify.returncode, verify.stdout + verify.stderr]}))
    """
)


def test_a_drive_pulled_out_during_an_export_stops_it_and_nothing_lands_on_the_computers_disk(tmp_path):
    assert shutil.which("unshare"), "util-linux unshare is part of every Debian system"
    drive, mount_point = tmp_path / "stick", tmp_path / "media" / "USB-STICK"
    drive.mkdir()
    with DemoServer(latency_ms=40) as server:  # slow enough to pull the stick while it writes
        proc = subprocess.run(
            [
                "unshare",
                "--mount",
                "--map-root-user",
                sys.executable,
                "-c",
                PULL_SCRIPT,
                str(drive),
                str(mount_point),
                server.url,
                server.token,
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["pulled_while_running"], "the export ended before the drive was pulled"
    code, stderr = report["first"]
    assert code == exitcodes.NO_FOLDER, stderr
    assert "is not there any more" in stderr and "USB stick" in stderr and "Traceback" not in stderr
    assert report["bare"] == []  # nothing was written onto the computer's own disk
    assert report["second"][0] in (exitcodes.OK, exitcodes.INCOMPLETE), report["second"][1]
    assert report["verify"][0] == 0, report["verify"][1]


def _modes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_the_archive_is_readable_as_the_umask_allows(shared_demo_server, tmp_path, umask):
    out = tmp_path / "archive"
    ws = shared_demo_server.workspace
    channel = next(c["id"] for c in ws.channels_of_user(ws.me_id) if c["type"] == "O")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mmexport",
            "export",
            "--server",
            shared_demo_server.url,
            "--out",
            str(out),
            "--channel",
            channel,
            "--formats",
            "json,html,txt,csv",
        ],
        env={**os.environ, "MMEXPORT_TOKEN": shared_demo_server.token},
        capture_output=True,
        text=True,
        timeout=120,
        umask=umask,
    )
    assert proc.returncode in (exitcodes.OK, exitcodes.INCOMPLETE), proc.stderr
    modes = _modes(out)
    public = {rel: mode for rel, mode in modes.items() if not rel.startswith(".mmexport")}
    assert "index.html" in public and "manifest.json" in public
    assert any(rel.endswith("posts.jsonl") for rel in public)
    for rel, mode in public.items():
        wanted = (0o777 if (out / rel).is_dir() else 0o666) & ~umask
        assert mode == wanted, f"{rel}: {oct(mode)} instead of {oct(wanted)}"
    private = {
        rel: mode for rel, mode in modes.items() if rel.startswith(".mmexport/") and (out / rel).is_file()
    }
    assert private and all(mode & 0o077 == 0 for rel, mode in private.items() if rel != ".mmexport/lock")
    assert not any(
        "token" in (out / rel).read_text("utf-8", "replace") for rel in private if rel.endswith(".json")
    )


# Names Windows, FAT32 and exFAT refuse or fold together (issue 19 item 3, issue 20 item 5).
HOSTILE_NAMES = [
    "Bericht.txt",
    "bericht.txt",
    "BERICHT.TXT",
    "CON",
    "aux.txt",
    "CON .txt",
    "a:b",
    "x?",
    'q"uote<>|*.txt',
    "trailing dots...",
    "trailing space ",
    "Straße.txt",
    "STRASSE.txt",
    "tab\there.txt",
    "Ω" * 240 + ".txt",
    "Sehr_langer_Dateiname_" * 12 + "Ende.txt",
]


def _export_hostile_names(server, out: Path) -> Archive:
    ws = server.workspace
    channel = next(c for c in ws.channels_of_user(ws.me_id) if c["type"] == "O")
    ws.add_post(channel["id"], ws.me_id, "hostile names", file_names=HOSTILE_NAMES)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mmexport",
            "export",
            "--server",
            server.url,
            "--out",
            str(out),
            "--channel",
            channel["id"],
            "--formats",
            "json",
        ],
        env={**os.environ, "MMEXPORT_TOKEN": server.token},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode in (exitcodes.OK, exitcodes.INCOMPLETE), proc.stderr
    return Archive(out)


def _check_every_attachment_is_there(archive: Archive, server) -> None:
    files = [f for f in archive.manifest["files"] if f["name"] in HOSTILE_NAMES]
    assert sorted(f["name"] for f in files) == sorted(HOSTILE_NAMES)
    paths = [f["path"] for f in files]
    assert len({p.casefold() for p in paths}) == len(paths)  # nothing folds onto another
    for entry in files:
        on_disk = archive.root / entry["path"]
        assert on_disk.is_file(), entry
        assert on_disk.stat().st_size == entry["size"] == server.workspace.files[entry["id"]].info["size"]
    assert verify_archive(archive.root).ok


def test_names_usb_sticks_refuse_or_fold_all_arrive_and_paths_stay_under_windows_limit(tmp_path):
    """The naming layer on this machine's own disk (case-sensitive): the names are checked by FAT's rules."""
    # A long archive folder (C:\Users\<name>\Documents\Mattermost <host> <user> can be 80 characters):
    # 150 characters, with the names above, would put today's 120-byte names over Windows' limit.
    name = "Mattermost-chat.example.org-jemand-"
    root = tmp_path / (name + "x" * max(1, 150 - windows_length(str(tmp_path.absolute() / name))))
    with DemoServer() as server:
        archive = _export_hostile_names(server, root)
        _check_every_attachment_is_there(archive, server)
    for entry in archive.manifest["files"]:
        for part in entry["path"].split("/"):
            assert not set(part) & set('<>:"\\|?*') and all(ord(c) >= 32 for c in part), part
            assert part == part.rstrip(" ."), part
            assert part.split(".")[0].rstrip(" ").upper() not in ("CON", "AUX", "NUL", "PRN"), part
        full = str(root.absolute()) + "/" + entry["path"]
        assert windows_length(full) <= WINDOWS_MAX_PATH, (windows_length(full), full)


def _exfat_available() -> str | None:
    """Why this machine cannot mount exFAT through FUSE here, or None when it can."""
    for tool in ("mkfs.exfat", "mount.exfat-fuse", "losetup"):
        if not shutil.which(tool):
            return f"{tool} is not installed (Debian: exfatprogs, exfat-fuse; .ci/sysdeps.sh installs them)"
    if os.geteuid() != 0 or not Path("/dev/fuse").exists():
        return "mounting a loop device needs root and /dev/fuse"
    return None


def test_on_a_real_exfat_file_system_every_attachment_is_there(tmp_path):
    why_not = _exfat_available()
    if why_not:
        pytest.skip(why_not)
    image, mount_point = tmp_path / "stick.img", tmp_path / "STICK"
    mount_point.mkdir()
    with open(image, "wb") as f:
        f.truncate(64 << 20)
    subprocess.run(["mkfs.exfat", str(image)], check=True, capture_output=True)
    loop = subprocess.run(["losetup", "-f", "--show", str(image)], capture_output=True, text=True)
    if loop.returncode != 0:  # a container without loop devices: the naming-layer test above still runs
        pytest.skip(f"no loop device for the exFAT image: {loop.stderr.strip()}")
    device = loop.stdout.strip()
    try:
        subprocess.run(["mount.exfat-fuse", device, str(mount_point)], check=True, capture_output=True)
        try:
            (mount_point / "Probe").write_text("")
            assert (mount_point / "probe").exists(), "not a case-folding file system: not exFAT"
            with pytest.raises(OSError):
                (mount_point / "a:b").write_text("")
            with DemoServer() as server:
                archive = _export_hostile_names(server, mount_point / "Mattermost")
                _check_every_attachment_is_there(archive, server)
        finally:
            subprocess.run(["umount", str(mount_point)], check=False)
    finally:
        subprocess.run(["losetup", "-d", device], check=False)


def test_64_character_team_and_channel_names_and_names_differing_in_case_get_short_distinct_folders(tmp_path):
    """Mattermost allows 64-character team and channel names: channels/<team>/<channel>/files/<id>/<name>
    was 292 characters with them. A server may also send names that differ only in case."""
    root = tmp_path / "Mattermost chat.example.org jemand"
    with DemoServer() as server:
        ws = server.workspace
        open_channels = [c for c in ws.channels_of_user(ws.me_id) if c["type"] == "O"]
        team_id = open_channels[0]["team_id"]
        same_team = [c for c in open_channels if c["team_id"] == team_id][:3]
        assert len(same_team) == 3
        ws.teams[team_id]["name"] = "t" * 60 + "team"  # 64 characters
        same_team[0]["name"] = "c" * 60 + "chan"
        same_team[1]["name"], same_team[2]["name"] = "Case-Channel", "case-channel"
        ws.add_post(same_team[0]["id"], ws.me_id, "long", file_names=["A" * 200 + ".pdf"])
        proc = subprocess.run(
            [sys.executable, "-m", "mmexport", "export", "--server", server.url, "--out", str(root)]
            + [arg for c in same_team for arg in ("--channel", c["id"])],
            env={**os.environ, "MMEXPORT_TOKEN": server.token},
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert proc.returncode in (exitcodes.OK, exitcodes.INCOMPLETE), proc.stderr
    archive = Archive(root)
    paths = [c["path"] for c in archive.channel_entries()]
    assert len(paths) == 3 and len({p.casefold() for p in paths}) == 3, paths
    for path in paths:
        _, team_dir, channel_dir = path.split("/")
        assert len(team_dir) <= 30 and len(channel_dir) <= 40, path
    long_file = next(f for f in archive.manifest["files"] if f["name"].startswith("AAAA"))
    assert long_file["path"].endswith(".pdf") and (root / long_file["path"]).is_file()
    for entry in archive.manifest["files"]:
        full = str(root.absolute()) + "/" + entry["path"]
        assert windows_length(full) <= WINDOWS_MAX_PATH, (windows_length(full), full)
        # and under a Windows archive folder of 100 characters (ROOT_ALLOWANCE) it still fits
        assert windows_length("C:\\" + "x" * 96 + "\\" + entry["path"]) <= WINDOWS_MAX_PATH, entry["path"]
