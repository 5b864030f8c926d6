"""Output into a file or pipe where the system's code page is narrow (Windows: cp1252) is UTF-8, not a crash.

Found under wine by `make windows-check`: `mmexport channels` into a pipe ended in "Something unexpected went
wrong (UnicodeEncodeError)" at the group chat with Dilara Yılmaz. PYTHONIOENCODING=cp1252 gives Python on
Linux the streams Windows gives it."""

from __future__ import annotations

import os
import subprocess
import sys

from mmexport import exitcodes


def test_channels_into_a_cp1252_pipe_is_written_as_utf8(shared_demo_server):
    env = dict(os.environ, MMEXPORT_TOKEN=shared_demo_server.token, PYTHONIOENCODING="cp1252")
    result = subprocess.run(
        [sys.executable, "-m", "mmexport", "channels", "--server", shared_demo_server.url],
        env=env, capture_output=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == exitcodes.OK, result.stdout.decode("utf-8", "replace")[-300:]
    text = result.stdout.decode("utf-8")
    assert "Yılmaz" in text and "Anhänge" in text
