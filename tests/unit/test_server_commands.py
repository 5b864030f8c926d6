"""The end page's next step after an administrator's export: which server commands, in which order."""

from __future__ import annotations

from pathlib import Path

from mmexport.exporting.server_commands import is_admin_export, server_commands


def entry(name: str, kind: str = "O", team: str = "forschung", **extra) -> dict:
    return {"id": name, "type": kind, "team": team, "name": name, "complete": True, "archived": False, **extra}


def test_archive_first_then_delete_complete_channels_only():
    manifest = {
        "exported_as_admin": True,
        "channels": [
            entry("zeta"),
            entry("alpha", "P"),
            entry("alt", archived=True),  # already archived: only the delete is left
            entry("halb", complete=False),  # something missing: never offered for deletion
            entry("u1__u2", "D", team=""),  # direct messages have no handle and are never named
        ],
    }
    commands = server_commands(Path("/srv/archiv"), manifest)
    assert commands.script().splitlines() == [
        "mmctl channel archive forschung:alpha",
        "mmctl channel archive forschung:zeta",
        "mmctl channel delete forschung:alpha",
        "mmctl channel delete forschung:alt",
        "mmctl channel delete forschung:zeta",
    ]
    assert commands.incomplete == ["forschung:halb"]
    assert commands.verify == "mmexport verify /srv/archiv"


def test_a_folder_with_spaces_is_quoted_for_every_shell():
    commands = server_commands(Path("C:/Users/Anna Beispiel/Archiv"), {"channels": []})
    assert commands.verify == 'mmexport verify "C:/Users/Anna Beispiel/Archiv"'
    assert not commands.any


def test_only_an_administrators_export_gets_them():
    assert is_admin_export({"exported_as_admin": True})
    assert not is_admin_export({"exported_as_admin": False}) and not is_admin_export({})
