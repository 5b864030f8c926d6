"""The self-test in-process (what the frozen program runs) and through both entry points."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mmexport import selftest
from mmexport.resources import resource_path

EXPECTED_LINES = (
    "ok  imported ",
    "ok  found resources in ",
    "ok  started Qt ",
    "ok  German translation loaded (Qt ",
    "ok  built 7 wizard pages",
    "ok  exported 3 chats, ",
    "ok  verified archive (3 chats, ",
)


def test_self_test_passes_in_process_and_says_what_it_checked(qapp):
    home_before = os.environ["MMEXPORT_HOME"]
    out = io.StringIO()

    code = selftest.run(out)

    lines = out.getvalue().splitlines()
    assert code == 0, out.getvalue()
    for expected in EXPECTED_LINES:
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    assert lines[-1].startswith("all checks passed")
    assert os.environ["MMEXPORT_HOME"] == home_before  # the person's own settings folder is back
    assert not any(Path(home_before).rglob("settings.json"))  # and nothing was written into it


def test_self_test_reports_a_missing_resource_and_exits_1(qapp, monkeypatch, tmp_path):
    # A bundle whose resources folder is empty: what a broken PyInstaller data list would produce.
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    out = io.StringIO()

    code = selftest.run(out)

    assert code == 1
    assert "FAIL viewer files missing" in out.getvalue()
    assert "all checks passed" not in out.getvalue()


def test_qm_message_count_reads_the_hash_table():
    assert selftest.count_qm_messages(resource_path("translations", "qtbase_de.qm")) > 1000
    ours = resource_path("translations", "mmexport_de.qm")
    ts_messages = (
        resource_path("translations", "mmexport_de.ts").read_text(encoding="utf-8").count("<message")
    )
    assert 0 < selftest.count_qm_messages(ours) <= ts_messages


def test_qm_message_count_refuses_other_files():
    with pytest.raises(selftest.CheckFailed):
        selftest.count_qm_messages(resource_path("viewer", "viewer.css"))


def test_demo_chats_cover_a_direct_chat_and_a_channel_with_a_picture(shared_demo_server):
    ws = shared_demo_server.workspace
    chosen = selftest.pick_demo_chats(ws)
    channels = {c["id"]: c for c in ws.channels_of_user(ws.me_id)}
    assert len(set(chosen)) == 3
    kinds = {channels[cid]["type"] for cid in chosen}
    assert kinds & {"D", "G"} and kinds & {"O", "P"}
    assert any(channels[cid]["name"] == "messdaten" for cid in chosen)


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "mmexport", "--self-test"],
        [str(Path(sys.executable).with_name("mmexport-gui")), "--self-test"],
    ],
    ids=["cli", "gui-entry-point"],
)
def test_both_entry_points_answer_self_test(command):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok  built 7 wizard pages" in result.stdout
    assert "all checks passed" in result.stdout
