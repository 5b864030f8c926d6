"""The import validator itself: it must catch each rule the Mattermost importer enforces."""

from __future__ import annotations

import json
import zipfile

import pytest
from tests.import_validator import validate_import_zip

VERSION = {"type": "version", "version": 1}
TEAM = {"type": "team", "team": {"name": "forschung", "display_name": "Forschung", "type": "O"}}
CHANNEL = {
    "type": "channel",
    "channel": {"team": "forschung", "name": "labor", "display_name": "Labor", "type": "O"},
}
ANNA = {"type": "user", "user": {"username": "anna", "email": "anna@users.invalid"}}
BERND = {"type": "user", "user": {"username": "bernd", "email": "bernd@users.invalid"}}
POST = {"type": "post", "post": {"team": "forschung", "channel": "labor", "user": "anna", "message": "Hallo",
                                 "create_at": 1000}}  # fmt: skip
GOOD = [VERSION, TEAM, CHANNEL, ANNA, BERND, POST]


def write(tmp_path, lines, files=(), first=None):
    path = tmp_path / "import.zip"
    with zipfile.ZipFile(path, "w") as zf:
        if first:
            zf.writestr(first, b"x")
        zf.writestr("import.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
        for name in files:
            zf.writestr(name, b"data")
    return path


def with_post(**changes):
    return [*GOOD[:-1], {"type": "post", "post": {**POST["post"], **changes}}]


def test_a_good_file_passes(tmp_path):
    result = validate_import_zip(write(tmp_path, GOOD))
    assert result.ok, result.violations
    assert result.counts["messages"] == 1


@pytest.mark.parametrize(
    ("lines", "rule"),
    [
        ([TEAM, *GOOD[1:]], "first line"),
        ([VERSION, TEAM, ANNA, CHANNEL, POST], "come after"),
        ([VERSION, TEAM, CHANNEL, ANNA, POST, BERND], "not grouped"),
        ([VERSION, {"type": "team", "team": {**TEAM["team"], "name": "helpdesk"}}], "reserved"),
        ([VERSION, {"type": "team", "team": {**TEAM["team"], "name": "Zwei Wörter"}}], "invalid characters"),
        ([VERSION, {"type": "team", "team": {**TEAM["team"], "display_name": "x" * 65}}], "display_name"),
        ([VERSION, {"type": "team", "team": {**TEAM["team"], "type": "P"}}], "team.type"),
        ([VERSION, TEAM, {"type": "channel", "channel": {**CHANNEL["channel"], "type": "D"}}], "channel.type"),
        ([VERSION, TEAM, {"type": "channel", "channel": {**CHANNEL["channel"], "purpose": "p" * 251}}], "purpose"),
        ([VERSION, TEAM, {"type": "channel", "channel": {**CHANNEL["channel"], "team": "andere"}}], "not created"),
        ([VERSION, {"type": "user", "user": {"username": "all", "email": "a@b.c"}}], "username"),
        ([VERSION, {"type": "user", "user": {"username": "anna", "email": ""}}], "email"),
        ([VERSION, {"type": "user", "user": {"username": "anna"}}], "email is missing"),
        ([VERSION, {"type": "user", "user": {"username": "anna", "email": "a@b.c", "auth_service": "gitlab"}}],
         "auth_service"),
        (with_post(message="x" * 16384), "longer than 16383"),
        (with_post(create_at=0), "create_at is zero"),
        (with_post(user="niemand"), "not created by this file"),
        (with_post(reactions=[{"user": "bernd", "emoji_name": "+1", "create_at": 999}]), "before its post"),
        (with_post(replies=[{"user": "bernd", "message": "a", "create_at": 2000,
                             "reactions": [{"user": "anna", "emoji_name": "+1", "create_at": 1500}]}]),
         "before its post"),
        (with_post(attachments=[{"path": "../../etc/passwd"}]), "escapes data/"),
        (with_post(attachments=[{"path": "files/x/missing.pdf"}]), "no data/ entry"),
        ([*GOOD, POST], "importer merges them"),
        ([*GOOD, {"type": "direct_channel", "direct_channel": {"members": ["anna"]}}], "members"),
        ([*GOOD, {"type": "direct_post", "direct_post": {"channel_members": ["anna"] * 9, "user": "anna",
                                                         "message": "m", "create_at": 5}}], "9 members"),
        ([VERSION, {"type": "emoji", "emoji": {"name": "smile", "image": "emoji/a.png"}}], "system emoji"),
        ([VERSION, {"type": "emoji", "emoji": {"name": "kaffee", "image": "../a.png"}}], "escapes data/"),
        ([VERSION, {"type": "reply", "reply": {}}], "unknown"),
    ],
)  # fmt: skip
def test_each_broken_rule_is_found(tmp_path, lines, rule):
    result = validate_import_zip(write(tmp_path, lines, files=["data/emoji/a.png"]))
    assert not result.ok
    assert any(rule in v for v in result.violations), result.violations


def test_the_jsonl_must_come_first(tmp_path):
    result = validate_import_zip(write(tmp_path, GOOD, first="data/early.bin"))
    assert any("first entry" in v for v in result.violations)


def test_attachments_inside_data_pass(tmp_path):
    lines = with_post(attachments=[{"path": "files/f1/bericht.pdf"}])
    assert validate_import_zip(write(tmp_path, lines, files=["data/files/f1/bericht.pdf"])).ok
