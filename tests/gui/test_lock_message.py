"""The wizard's words for an archive folder that another export is writing into: German through the
program's catalog, as the wizard shows RunFinished (gui.messages.translate_text)."""

from __future__ import annotations

import subprocess
import sys

from tests.integration.test_hostile_export import HOLD_LOCK

from mmexport.exporting.engine import Exporter
from mmexport.exporting.options import ExportOptions
from mmexport.gui.application import install_translations
from mmexport.gui.messages import translate_text
from mmexport.mattermost import Client


def test_the_lock_message_is_shown_in_german(qapp, shared_demo_server, tmp_path):
    out = tmp_path / "archive"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        client = Client(shared_demo_server.url, shared_demo_server.token)
        result = Exporter(client, out, [], ExportOptions(formats=["json"])).run()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)
    assert result.outcome == "failed"
    try:
        install_translations(qapp, "de")
        german = translate_text(result.i18n, result.message)
    finally:
        install_translations(qapp, "en")
    assert german.startswith("Gerade schreibt ein anderer Export in ") and str(out) in german
    assert result.message.startswith("Another export is writing into ")
