"""The hand-over to the next Mattermost: attachments under the names people gave them, group messages
with every member. Checked on a real export of the demo server with tests/import_validator.py, which
was written from the server's import rules and shares no code with the converter."""

from __future__ import annotations

import json
import posixpath
import shutil
import zipfile
from pathlib import Path

import pytest
from tests.import_validator import validate_import_zip

from mmexport.archive.reader import Archive
from mmexport.exporting.convert import convert_archive
from mmexport.exporting.convert.mattermost import zip_safe_name


def import_lines(out: Path) -> list[dict]:
    with zipfile.ZipFile(out) as zf:
        return [json.loads(line) for line in zf.read("import.jsonl").decode().splitlines()]


@pytest.fixture(scope="module")
def converted(demo_archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("handover") / "import.zip"
    report = convert_archive(Path(demo_archive), "mattermost", out)
    return out, report


def server_names(archive: Path) -> dict[str, str]:
    """file id -> the name the server's file info gave the attachment."""
    return {f["id"]: f["name"] for f in Archive(archive).manifest["files"]}


def test_attachments_keep_the_names_people_gave_them(demo_archive, converted):
    out, report = converted
    names = server_names(Path(demo_archive))
    lines = import_lines(out)
    paths = [
        a["path"]
        for line in lines
        if line["type"] in ("post", "direct_post")
        for body in [line[line["type"]], *line[line["type"]].get("replies", [])]
        for a in body.get("attachments", [])
    ]
    assert paths
    kept = {}
    for path in paths:
        folder, name = posixpath.split(path)
        file_id = folder.split("/")[-1]
        kept[names[file_id]] = name
    # What the issue saw arrive as "_CON" and "bericht___.pdf": now the server's own names.
    for original in ("CON", "Bericht final...", "Grüße 🎉 Übersicht.txt", "Protokoll Sitzung März.pdf"):
        assert kept[original] == original
    # Names that would leave the folder or no file system can hold fall back, and the report says so.
    for hostile in ("../../etc/passwd", "a\\b/c:d*?.txt", "Sehr_langer_Dateiname_" * 12 + "Ende.txt"):
        assert kept[hostile] != hostile and "/" not in kept[hostile] and "\\" not in kept[hostile]
    assert ("attachment names", 3) in [(what, n) for what, n, _ in report.changed]
    with zipfile.ZipFile(out) as zf:
        for entry in zf.namelist()[1:]:
            assert entry.startswith("data/") and posixpath.normpath(entry) == entry
            assert ".." not in entry.split("/") and "\\" not in entry
    assert validate_import_zip(out).ok, validate_import_zip(out).violations[:10]


def test_group_messages_keep_every_member_including_the_archives_own_user(demo_archive, converted):
    out, _ = converted
    archive = Archive(Path(demo_archive))
    me = archive.manifest["user"]["username"]
    users = {uid: u["username"] for uid, u in archive.users().items()}
    groups = [e for e in archive.channel_entries() if e["type"] == "G"]
    assert groups and users[archive.manifest["user"]["id"]] == me
    direct = [
        line["direct_channel"]["members"] for line in import_lines(out) if line["type"] == "direct_channel"
    ]
    for entry in groups:
        # The server lists a group's members without the person who asks (POST /users/group_channels).
        assert archive.manifest["user"]["id"] not in entry["members"]
        expected = sorted({users[m] for m in entry["members"]} | {me})
        assert expected in direct
    sizes = sorted(len(m) for m in direct if len(set(m)) > 2)
    assert sizes == [3, 4, 8]  # the 3-person group of the issue is no longer left out


def test_a_group_the_importer_cannot_take_becomes_a_private_channel(demo_archive, tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(demo_archive, root)
    manifest_path = root / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    me = manifest["user"]["id"]
    users = {uid: u["username"] for uid, u in Archive(root).users().items()}
    groups = sorted((e for e in manifest["channels"] if e["type"] == "G"), key=lambda e: len(e["members"]))
    small, big = groups[0], groups[-1]
    small["members"] = small["members"][:1]  # with its owner: two people, too few for a group
    outsiders = [uid for uid in users if uid != me and uid not in big["members"]]
    big["members"] = [*big["members"], *outsiders[:2]]  # with its owner: ten people, too many
    manifest_path.write_text(json.dumps(manifest))
    out = tmp_path / "import.zip"
    report = convert_archive(root, "mattermost", out)
    result = validate_import_zip(out)
    assert result.ok, result.violations[:10]
    lines = import_lines(out)
    channels = {line["channel"]["name"]: line["channel"] for line in lines if line["type"] == "channel"}
    for group in (small, big):
        name = f"group-{group['id'][:8]}"
        assert channels[name]["type"] == "P"
        authors = {users[p["user_id"]] for p in Archive(root).posts(group) if p.get("user_id") in users}
        members = {users[m] for m in group["members"]} | {users[me]} | authors  # whoever wrote, too
        team = channels[name]["team"]
        joined = {
            line["user"]["username"]
            for line in lines
            if line["type"] == "user"
            for t in line["user"].get("teams", [])
            if t["name"] == team and {"name": name} in t["channels"]
        }
        assert joined == members
        posts = [line["post"] for line in lines if line["type"] == "post" and line["post"]["channel"] == name]
        carried = len(posts) + sum(len(p.get("replies", [])) for p in posts)
        takeable = [p for p in Archive(root).posts(group) if not p.get("delete_at") and not p.get("type")]
        assert carried == len(takeable) > 0
    assert ("group messages", 2) in [(what, n) for what, n, _ in report.changed]
    assert not any(what == "group messages" for what, _, _ in report.left_out)
    assert "private channels with the same members" in report.summary()


@pytest.mark.parametrize(
    "name",
    ["../x", "..", ".", "a/b", "a\\b", "\\\\server\\share", "/etc/passwd", "C:\\evil", "nul\x00byte",
     "tab\tname", "bell\x07", "", "x" * 256, "\udcff.txt"],
)  # fmt: skip
def test_unsafe_attachment_names_are_refused(name):
    assert zip_safe_name(name, "data/files/abc") is None


@pytest.mark.parametrize("name", ["CON", "bericht?:*.pdf", "trailing. ", "...", "Grüße 🎉.txt", "ü" * 127])
def test_awkward_but_harmless_names_are_kept(name):
    assert zip_safe_name(name, "data/files/abc") == name


def test_an_administrators_archive_does_not_make_them_a_member_where_they_were_none(demo_server, tmp_path):
    from mmexport.demo.roles import COORDINATOR
    from mmexport.exporting.engine import Exporter
    from mmexport.exporting.options import ExportOptions
    from mmexport.mattermost import Client

    ws = demo_server.workspace
    team = ws.team_by_name("forschung")
    wanted = [ws.channel_by_name(team["id"], n)["id"] for n in ("geheimprojekt", "town-square")]
    out = tmp_path / "archive"
    client = Client(demo_server.url, demo_server.issue_token(COORDINATOR))
    options = ExportOptions(formats=["json"], every_channel=True, avatars=False)
    assert Exporter(client, out, wanted, options).run().outcome == "done"
    target = tmp_path / "import.zip"
    convert_archive(out, "mattermost", target)
    assert validate_import_zip(target).ok
    users = {
        line["user"]["username"]: line["user"] for line in import_lines(target) if line["type"] == "user"
    }
    joined = {c["name"] for t in users[COORDINATOR].get("teams", []) for c in t["channels"]}
    assert joined == {"town-square"}  # a member there, not in the private channel they exported
