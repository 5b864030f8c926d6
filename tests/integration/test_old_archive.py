"""Old archives keep working (#20 item 8): tests/fixtures/v1-archive was written by the program at commit
99400d1 (format version 1, see tests/fixtures/README.md). Today's code verifies it, renders it, converts it
and brings it up to date from the demo server it was made from (the same seed: the same chats and ids),
without fetching again what it holds."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from tests.import_validator import validate_import_zip
from tests.integration.export_helpers import archive_post_ids, as_if_made_at, cli, run_export, server_post_ids

from mmexport.archive.layout import FORMAT_VERSION, INDEX, MANIFEST, README
from mmexport.archive.reader import Archive, Kind, examine
from mmexport.demo.server import DemoServer
from mmexport.exporting.convert import convert_archive
from mmexport.exporting.render import render_archive
from mmexport.exporting.verify import verify_archive

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "v1-archive"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    root = tmp_path / "old"
    shutil.copytree(FIXTURE, root)
    return root


def _manifest(root: Path) -> dict:
    return json.loads((root / MANIFEST).read_text("utf-8"))


def test_the_fixture_is_what_the_old_program_wrote() -> None:
    manifest = _manifest(FIXTURE)
    assert manifest["format_version"] == FORMAT_VERSION == 1
    assert manifest["tool"]["version"] == "0.1.0" and manifest["complete"] is True
    assert len(manifest["channels"]) == 3 and len(manifest["files"]) == 11
    assert [p["file_id"] for p in manifest["problems"]] == ["fwoedckxxqummpt7hzabo9r4a9"]


def test_an_old_archive_is_read_and_verified(old: Path) -> None:
    assert examine(old).kind is Kind.FINISHED
    report = verify_archive(old)
    assert report.ok, report.errors
    assert (report.channels, report.posts, report.files) == (3, 119, 11)
    assert report.partial == [] and report.not_saved == []


def test_an_old_archive_is_rendered(old: Path) -> None:
    for rendering in old.rglob("messages.*"):
        rendering.unlink()
    (old / INDEX).unlink()
    render_archive(old, ["html", "txt", "csv"], lang="de")
    index = (old / INDEX).read_text("utf-8")
    # the totals of the overview: messages as the server lists them, join and leave notices apart; all 119 posts
    totals = re.search(r'<p class="totals">\d+ Chats, ([\d.]+) Nachrichten, [^<]* · ([\d.]+) Beitritts', index)
    assert totals and int(totals[1]) + int(totals[2]) == 119 and int(totals[2]) > 0, totals
    for entry in Archive(old).channel_entries():
        folder = old / entry["path"]
        first = next(Archive(old).posts(entry))
        assert (folder / "messages.html").is_file()
        assert first["id"] in (folder / "messages.csv").read_text("utf-8-sig")
        assert (folder / "messages.txt").stat().st_size > 100
    assert "Mattermost-Archiv" in (old / README).read_text("utf-8")
    assert verify_archive(old).ok


def test_an_old_archive_is_converted(old: Path, tmp_path: Path) -> None:
    out = tmp_path / "import.zip"
    report = convert_archive(old, "mattermost", out)
    result = validate_import_zip(out)
    assert result.ok, result.violations[:10]
    assert result.counts["direct_channel"] == 1 and report.written["attachments"] > 0
    slack = tmp_path / "slack.zip"
    convert_archive(old, "slack", slack)
    with zipfile.ZipFile(slack) as zf:
        assert "channels.json" in zf.namelist()


def test_an_old_archive_is_brought_up_to_date(old: Path) -> None:
    before = _manifest(old)
    saved_files = {f["id"] for f in before["files"]}
    ids = [c["id"] for c in before["channels"]]
    with DemoServer() as server:
        # The fixture was made from a demo server at another port and before the server's id was recorded:
        # without an id only the address tells the server (archive/owner.py), so it is the same server only
        # at the same address. Seen from this one, as an update of one's own archive is.
        as_if_made_at(old, server.url)
        result = run_export(server, old, ids, formats=["html", "json"])
        downloads = [path for _m, path, _q, _s in server.requests if path.startswith("/api/v4/files/")]
        for channel_id in ids:
            assert archive_post_ids(old, channel_id) == server_post_ids(server, channel_id)
    assert result.outcome == "incomplete"  # only the attachment the demo server lost on purpose
    assert [p["file_id"] for p in result.problems] == ["fwoedckxxqummpt7hzabo9r4a9"]
    assert not [p for p in downloads if any(f"/files/{fid}" in p for fid in saved_files)], downloads
    after = _manifest(old)
    assert after["format_version"] == 1 and after["started_at"] == before["started_at"]
    assert {e["id"]: e["posts"] for e in after["channels"]} == {
        e["id"]: e["posts"] for e in before["channels"]
    }
    assert verify_archive(old).ok


def test_an_old_archive_of_another_address_is_refused_as_another_servers(old: Path) -> None:
    """Without the server's id (archives before it was recorded), another address is another server."""
    before = (old / MANIFEST).read_bytes()
    with DemoServer() as server:
        proc = cli(
            "export", "--server", server.url, "--out", str(old), "--all", "--quiet", token=server.token
        )
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 7, stderr
    assert "http://127.0.0.1:33981" in stderr and "Traceback" not in stderr
    assert (old / MANIFEST).read_bytes() == before


def test_an_archive_of_a_newer_format_is_refused_before_anything_is_written(old: Path) -> None:
    manifest = _manifest(old)
    manifest["format_version"] = FORMAT_VERSION + 1
    (old / MANIFEST).write_text(json.dumps(manifest))
    before = (old / MANIFEST).read_bytes()
    with DemoServer() as server:
        proc = cli(
            "export", "--server", server.url, "--out", str(old), "--all", "--quiet", token=server.token
        )
        _, stderr = proc.communicate(timeout=120)
        assert server.requests == []  # refused before it even asked the server
    assert proc.returncode == 2, stderr  # like a folder of other files (docs/cli.md)
    assert "newer version of this program" in stderr and "Traceback" not in stderr
    assert (old / MANIFEST).read_bytes() == before
