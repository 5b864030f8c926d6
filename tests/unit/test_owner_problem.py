"""owner.owner_problem: the one check of "whose archive is in this folder", from one examine() of it (the
options page and the engine both ask it)."""

from __future__ import annotations

import json
from pathlib import Path

from mmexport.archive.layout import FORMAT, MANIFEST
from mmexport.archive.owner import Owner, owner_problem
from mmexport.archive.reader import examine

ME = Owner("https://chat.example.org", "u1", "anna", server_id="s1")


def _archive_of(folder: Path, user_id: str, server_id: str) -> Path:
    folder.mkdir()
    manifest = {
        "format": FORMAT,
        "user": {"id": user_id, "username": "bert"},
        "server": {"url": "https://chat.example.org", "id": server_id},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_no_archive_is_no_problem(tmp_path):
    assert owner_problem(examine(tmp_path / "missing"), ME) is None
    assert owner_problem(examine(tmp_path), ME) is None  # empty


def test_my_own_archive_is_no_problem(tmp_path):
    assert owner_problem(examine(_archive_of(tmp_path / "mine", "u1", "s1")), ME) is None


def test_another_persons_archive_is_named_with_its_folder(tmp_path):
    folder = _archive_of(tmp_path / "bert", "u2", "s1")
    problem = owner_problem(examine(folder), ME)
    assert problem is not None
    assert "@bert" in str(problem) and str(folder) in str(problem)


def test_another_servers_archive_is_a_problem(tmp_path):
    assert owner_problem(examine(_archive_of(tmp_path / "other", "u1", "s2")), ME) is not None
