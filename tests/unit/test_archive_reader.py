"""The one reader of a folder (archive/reader.py): what examine() calls each kind of folder, and what
Archive reads from a finished, a stopped and a killed export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mmexport.archive.layout import MANIFEST, STATE_DIR
from mmexport.archive.reader import Archive, Kind, examine
from mmexport.archive.state import StateStore

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "v1-archive"


@pytest.fixture
def old_archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(FIXTURE, root)
    return root


def test_folders_that_are_not_archives(tmp_path: Path) -> None:
    assert examine(tmp_path / "not-there").kind is Kind.MISSING
    (tmp_path / "a-file").write_text("x")
    assert examine(tmp_path / "a-file").kind is Kind.NOT_A_FOLDER
    (tmp_path / "empty").mkdir()
    assert examine(tmp_path / "empty").kind is Kind.EMPTY
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.odt").write_text("x")
    assert examine(tmp_path / "documents").kind is Kind.OTHER
    assert not examine(tmp_path / "documents").is_archive


def test_another_programs_manifest_is_not_an_archive(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"name": "some web app", "version": 3}))
    assert examine(tmp_path).kind is Kind.OTHER


def test_a_finished_archive_of_format_version_1(old_archive: Path) -> None:
    found = examine(old_archive)
    assert found.kind is Kind.FINISHED
    assert found.is_archive and found.status.complete
    assert found.manifest["format_version"] == 1


def test_a_run_killed_after_it_started_is_unfinished(old_archive: Path) -> None:
    store = StateStore(old_archive)
    store.save_run({**store.load_run(), "finished": False})
    manifest = json.loads((old_archive / MANIFEST).read_text())
    manifest.update(complete=False, finished_at=None)
    (old_archive / MANIFEST).write_text(json.dumps(manifest))
    found = examine(old_archive)
    assert found.kind is Kind.UNFINISHED
    assert found.status.killed and not found.status.complete


def test_a_run_killed_before_its_manifest_is_an_unfinished_archive(tmp_path: Path) -> None:
    (tmp_path / STATE_DIR).mkdir()
    StateStore(tmp_path).save_run({"finished": False, "run_id": "x"})
    assert examine(tmp_path).kind is Kind.UNFINISHED


def test_a_stopped_run_says_when_and_why(old_archive: Path) -> None:
    manifest = json.loads((old_archive / MANIFEST).read_text())
    manifest.update(complete=False, stopped_at="2026-12-07T10:00:00+00:00", stop_reason="cancelled")
    (old_archive / MANIFEST).write_text(json.dumps(manifest))
    StateStore(old_archive).save_run({**StateStore(old_archive).load_run(), "finished": False})
    status = examine(old_archive).status
    assert (status.complete, status.reason, status.killed) == (False, "cancelled", False)
    assert examine(old_archive).kind is Kind.UNFINISHED


def test_a_killed_runs_resume_state_is_newer_than_its_manifest(old_archive: Path) -> None:
    """The manifest written at the run's start says 0 posts; the chat's resume state says what posts.jsonl
    holds since. Every reader (render, verify, convert) sees the resume state's figures."""
    store = StateStore(old_archive)
    store.save_run({**store.load_run(), "finished": False})
    manifest = json.loads((old_archive / MANIFEST).read_text())
    for entry in manifest["channels"]:
        entry.update(posts=0, complete=False)
    saved_files = manifest.pop("files")
    manifest.update(complete=False, finished_at=None, files=[])
    (old_archive / MANIFEST).write_text(json.dumps(manifest))
    archive = Archive(old_archive)
    assert archive.status.killed
    entries = {e["id"]: e for e in archive.channel_entries()}
    for channel_id, entry in entries.items():
        state = store.load_channel(channel_id)
        assert state is not None
        assert entry["posts"] == state.posts > 0
        assert entry["complete"] is True
        assert entry["posts"] == sum(1 for _ in archive.posts(entry))
    assert set(archive.files_by_id()) == {f["id"] for f in saved_files}


def test_the_engine_refuses_what_examine_calls_other(tmp_path: Path, old_archive: Path) -> None:
    """messages.folder_problem (the engine's check before it writes) follows the same rule."""
    from mmexport.exporting.messages import folder_problem

    (tmp_path / "web-app").mkdir()
    (tmp_path / "web-app" / MANIFEST).write_text(json.dumps({"name": "some web app"}))
    problem = folder_problem(tmp_path / "web-app")
    assert problem is not None and "already holds other files" in str(problem)
    assert folder_problem(old_archive) is None
    assert folder_problem(tmp_path / "new") is None
    (tmp_path / "a-file").write_text("x")
    assert "is a file, not a folder" in str(folder_problem(tmp_path / "a-file"))


def test_an_archive_of_a_newer_format_is_not_written_into(old_archive: Path) -> None:
    """docs/archive-format.md: a reader refuses a version it does not know. This one may read it, but an
    export into it would write a version-1 manifest over the newer one."""
    from mmexport.exporting.messages import folder_problem

    manifest = json.loads((old_archive / MANIFEST).read_text())
    manifest["format_version"] = 2
    (old_archive / MANIFEST).write_text(json.dumps(manifest))
    found = examine(old_archive)
    assert found.is_archive and found.newer_format
    assert "newer version of this program" in str(folder_problem(old_archive))
    assert not examine(FIXTURE).newer_format
