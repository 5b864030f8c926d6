"""Converting a real export of the demo server both ways, checked by readers we did not write the
converter for: Mattermost's import rules (tests/import_validator.py) and slack-export-viewer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from tests.import_validator import validate_import_zip

from mmexport.archive.reader import Archive
from mmexport.exporting.convert import ConversionReport, convert_archive


@pytest.fixture(scope="module")
def archive(demo_archive) -> Path:
    """The session's real export of the demo server (read-only; copied before any change)."""
    return Path(demo_archive)


def expected_counts(root: Path) -> dict[str, int]:
    """Per channel id: the posts every target must carry (not deleted, not an older edit version)."""
    arch = Archive(root)
    return {
        e["id"]: sum(1 for p in arch.posts(e) if not p.get("delete_at") and not p.get("original_id"))
        for e in arch.channel_entries()
    }


def left_out_total(report: ConversionReport, whats: tuple[str, ...]) -> int:
    return sum(n for what, n, _ in report.left_out if what.startswith(whats))


# -- Mattermost bulk import -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def mattermost_zip(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("mm") / "import.zip"
    steps: list[tuple[int, int]] = []
    report = convert_archive(archive, "mattermost", out, on_progress=lambda d, t: steps.append((d, t)))
    return out, report, steps


def test_mattermost_file_breaks_no_import_rule(mattermost_zip):
    out, report, _ = mattermost_zip
    result = validate_import_zip(out)
    assert result.ok, result.violations[:20]
    assert result.counts["team"] == report.written["teams"] >= 3
    assert result.counts["direct_channel"] == report.written["direct_channels"] > 0
    assert result.counts["emoji"] == report.written["custom_emoji"] > 0


def test_mattermost_file_carries_every_message_or_says_why_not(archive, mattermost_zip):
    out, report, _ = mattermost_zip
    result = validate_import_zip(out)
    carried = result.counts["messages"]  # root posts, replies and direct posts
    left = left_out_total(report, ("automatic notices", "self-destructing", "messages"))
    assert carried + left == sum(expected_counts(archive).values())
    assert (
        report.written["replies"] > 0
        and report.written["reactions"] > 0
        and report.written["attachments"] > 0
    )
    assert any(what.startswith("automatic notices") for what, _, _ in report.left_out)
    assert "Left out:" in report.summary()


def test_mattermost_file_layout_threads_and_no_secrets(archive, mattermost_zip):
    out, _, _ = mattermost_zip
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert names[0] == "import.jsonl"
        assert all(n.startswith("data/") for n in names[1:])
        text = zf.read("import.jsonl").decode()
    lines = [json.loads(line) for line in text.splitlines()]
    assert not any(line["type"] in ("reply",) for line in lines)  # replies only nested under their root
    assert '"password"' not in text and "MMAUTHTOKEN" not in text
    posts = [line["post"] for line in lines if line["type"] == "post"]
    longest = max(posts, key=lambda p: len(p.get("replies", [])))
    assert len(longest["replies"]) >= 500  # the demo's long thread stays one thread
    users = [line["user"] for line in lines if line["type"] == "user"]
    me = Archive(archive).manifest["user"]["username"]
    assert any(u["username"] == me for u in users)
    assert all(u["email"] for u in users)
    archived = [
        line["channel"] for line in lines if line["type"] == "channel" and "deleted_at" in line["channel"]
    ]
    assert archived, "the demo's archived channel keeps its archived state"


def test_converting_again_gives_the_same_import_file(archive, mattermost_zip, tmp_path):
    """The importer recognises posts by channel, time and text: a second import only overwrites."""
    out, _, _ = mattermost_zip
    again = tmp_path / "again.zip"
    convert_archive(archive, "mattermost", again)
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(again) as b:
        assert a.read("import.jsonl") == b.read("import.jsonl")
        assert a.namelist() == b.namelist()


def test_progress_reaches_the_total(mattermost_zip, archive):
    _, _, steps = mattermost_zip
    total = Archive(archive).manifest["channels"]
    assert steps and steps[-1] == (sum(c["posts"] for c in total),) * 2
    assert all(d <= t for d, t in steps)


def test_a_failed_conversion_leaves_no_file(archive, tmp_path):
    out = tmp_path / "broken.zip"

    def stop(done: int, total: int) -> None:
        if done > 50:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        convert_archive(archive, "mattermost", out, on_progress=stop)
    assert list(tmp_path.iterdir()) == []


# -- Slack export -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def slack_zip(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("slack") / "slack-export.zip"
    return out, convert_archive(archive, "slack", out)


def read_with_slack_export_viewer(zip_path: Path, scratch: Path, monkeypatch) -> dict[str, int]:
    """slack-export-viewer's own Reader: conversation (folder) -> messages it shows."""
    import slackviewer.archive
    from slackviewer.config import Config
    from slackviewer.reader import Reader

    monkeypatch.setattr(slackviewer.archive, "SLACKVIEWER_TEMP_PATH", str(scratch))
    reader = Reader(Config({"archive": str(zip_path)}))
    shown: dict[str, int] = {}
    for compiled in (reader.compile_channels(), reader.compile_groups(), reader.compile_dm_messages(),
                     reader.compile_mpim_messages()):  # fmt: skip
        shown.update({name: len(messages) for name, messages in compiled.items()})
    assert len(reader.compile_dm_users()) == len(reader.compile_dm_messages())
    return shown


def test_slack_export_viewer_shows_every_conversation_and_message(archive, slack_zip, tmp_path, monkeypatch):
    out, report = slack_zip
    shown = read_with_slack_export_viewer(out, tmp_path, monkeypatch)
    expected = expected_counts(archive)
    with zipfile.ZipFile(out) as zf:
        lists = {k: json.loads(zf.read(f"{k}.json")) for k in ("channels", "groups", "dms", "mpims")}
    folder_of = {item["id"]: item.get("name") or item["id"] for items in lists.values() for item in items}
    assert len(folder_of) == len(expected)  # every conversation of the archive, none invented
    for channel_id, count in expected.items():
        prefix = {"O": "C", "P": "G", "D": "D", "G": "G"}
        entry = next(e for e in Archive(archive).channel_entries() if e["id"] == channel_id)
        folder = folder_of[prefix[entry["type"]] + channel_id.upper()]
        assert shown.get(folder, 0) == count, (entry["name"], folder)
    assert report.written["messages"] == sum(expected.values())


def test_slack_messages_have_threads_reactions_files_and_mrkdwn(slack_zip):
    out, _ = slack_zip
    with zipfile.ZipFile(out) as zf:
        users = {u["id"] for u in json.loads(zf.read("users.json"))}
        messages = [
            {**m, "folder": name.split("/")[0]}
            for name in zf.namelist() if name.count("/") == 1 and name.endswith(".json")
            for m in json.loads(zf.read(name))
        ]  # fmt: skip
        uploads = {n for n in zf.namelist() if n.startswith("__uploads/")}
    assert all({"type", "user", "text", "ts"} <= m.keys() for m in messages)
    assert {m["user"] for m in messages} <= users
    assert len({(m["folder"], m["ts"]) for m in messages}) == len(messages)  # ts is a message's id
    roots = [m for m in messages if m.get("replies")]
    assert roots and all(m["thread_ts"] == m["ts"] and m["reply_count"] == len(m["replies"]) for m in roots)
    replies = [m for m in messages if m.get("thread_ts") and m["thread_ts"] != m["ts"]]
    assert len(replies) == sum(m["reply_count"] for m in roots)
    assert any(m.get("reactions") for m in messages)
    files = [f for m in messages for f in m.get("files", [])]
    assert files and {f["url_private"] for f in files} <= uploads
    assert not any("**" in m["text"] for m in messages if "```" not in m["text"])
    assert any("<@U" in m["text"] for m in messages)  # @mentions became Slack user mentions


# -- command line -------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["mattermost", "slack"])
def test_cli_converts_and_says_what_was_left_out(archive, tmp_path, target):
    out = tmp_path / f"{target}.zip"
    proc = subprocess.run(
        [sys.executable, "-m", "mmexport", "convert", str(archive), "--to", target, str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and "Traceback" not in proc.stderr
    assert "Left out:" in proc.stdout or "Nothing was left out." in proc.stdout


def test_cli_refuses_a_folder_that_is_no_archive(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mmexport", "convert", str(tmp_path), "--to", "slack", str(tmp_path / "x.zip")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2 and "manifest.json" in proc.stderr and "Traceback" not in proc.stderr


# -- awkward archives --------------------------------------------------------------------------------


def test_awkward_posts_are_repaired_or_reported(archive, tmp_path):
    """Deleted posts, edit copies, over-long and twin messages, lost thread starts, early reactions,
    strangers and names the importer refuses, added to a copy of the real demo export."""
    root = tmp_path / "awkward"
    shutil.copytree(archive, root)
    arch = Archive(root)
    manifest = arch.manifest
    entry = next(e for e in manifest["channels"] if e["type"] == "O")
    sample = next(arch.posts(entry))
    base = {
        **{k: v for k, v in sample.items() if k not in ("metadata", "file_ids")},
        "type": "",
        "root_id": "",
    }
    t = 1_900_000_000_000
    extra = [
        {**base, "id": "deleted0000000000000000000", "create_at": t, "delete_at": t + 5, "message": ""},
        {**base, "id": "editcopy000000000000000000", "create_at": t + 1, "original_id": sample["id"]},
        {**base, "id": "long00000000000000000000000", "create_at": t + 2, "message": "x" * 40000},
        {**base, "id": "twin1000000000000000000000", "create_at": t + 3, "message": "same"},
        {**base, "id": "twin2000000000000000000000", "create_at": t + 3, "message": "same"},
        {**base, "id": "orphan00000000000000000000", "create_at": t + 4, "root_id": "gone0000000000000000000000"},
        {**base, "id": "stranger000000000000000000", "create_at": t + 5, "user_id": "stranger0000000000000000ab",
         "metadata": {"reactions": [{"user_id": sample["user_id"], "emoji_name": "+1", "create_at": t - 99}]}},
    ]  # fmt: skip
    with open(arch.channel_dir(entry) / "posts.jsonl", "a", encoding="utf-8") as f:
        f.writelines(json.dumps(p) + "\n" for p in extra)
    entry["posts"] += len(extra)
    users = json.loads((root / "users.json").read_text())
    users[0]["username"] = "System"  # restricted on every server
    users[1]["email"] = "Not An Address"
    (root / "users.json").write_text(json.dumps(users))
    teams = json.loads((root / "teams.json").read_text())
    old_team = entry["team"]
    for team in teams:
        if team["name"] == old_team:
            team["name"] = "helpdesk"  # starts with the reserved word "help"
    (root / "teams.json").write_text(json.dumps(teams))
    for e in manifest["channels"]:
        if e["team"] == old_team:
            e["team"] = "helpdesk"
    (root / "manifest.json").write_text(json.dumps(manifest))

    out = tmp_path / "awkward.zip"
    report = convert_archive(root, "mattermost", out)
    result = validate_import_zip(out)
    assert result.ok, result.violations[:20]
    whats = {what for what, _, _ in report.left_out}
    assert {"messages deleted on the server", "older versions of edited messages"} <= whats
    changed = {what for what, _, _ in report.changed}
    assert {"long messages", "replies", "people", "usernames", "team names", "e-mail addresses"} <= changed
    text = zipfile.ZipFile(out).read("import.jsonl").decode()
    assert '"name":"team-helpdesk"' in text and "former-user-stranger" in text
    assert text.count('"message":"same"') == 2  # twins stay two posts (one moved by a millisecond)

    slack_out = tmp_path / "awkward-slack.zip"
    slack_report = convert_archive(root, "slack", slack_out)
    assert {"messages deleted on the server", "older versions of edited messages"} <= {
        what for what, _, _ in slack_report.left_out
    }
