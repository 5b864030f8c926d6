"""Screenshots of every wizard page for the README, taken on the demo server.

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots.py
(writes docs/screenshots/wizard-<n>-<page>.png; look at every one before committing)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def wait_until(condition, timeout: float = 60.0) -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the wizard did not get there in time")
        QCoreApplication.processEvents()
        QThread.msleep(10)


def _pump(ms: int) -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        QThread.msleep(10)


def shoot(wizard, name: str) -> None:
    _pump(250)
    path = OUT / name
    wizard.grab().save(str(path))
    print(path.relative_to(ROOT))


def main() -> int:
    home = tempfile.mkdtemp(prefix="mmexport-shots-")
    os.environ["MMEXPORT_HOME"] = home
    import keyring

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import MemoryKeyring  # the tests' in-memory secret store: never the real one

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtCore import Qt

    from mmexport.demo.server import DemoServer
    from mmexport.gui.app import create_application
    from mmexport.gui.wizard import DONE, EXPORT, ExportWizard

    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    app.setStyle("Fusion")
    with DemoServer(latency_ms=25) as server:
        wizard = ExportWizard()
        wizard.confirm = lambda title, text: True
        wizard.resize(900, 720)
        wizard.show()
        shoot(wizard, "wizard-1-welcome.png")

        wizard.next()
        wizard.server_page.address.setText(server.url + "/forschung/channels/allgemein")
        wizard.server_page.check_now()
        wait_until(wizard.server_page.isComplete)
        shoot(wizard, "wizard-2-server.png")

        wizard.next()
        shoot(wizard, "wizard-3-signin.png")
        wizard.signin_page.paste.setPlainText(
            f"curl '{server.url}/api/v4/users/me' -H 'accept: */*' -b 'MMAUTHTOKEN={server.token}; MMCSRF=x'"
        )
        wait_until(wizard.signin_page.isComplete)
        shoot(wizard, "wizard-3b-signed-in.png")

        wizard.next()
        wait_until(lambda: wizard.state.chat_list is not None)
        model = wizard.chats_page.model
        for g in range(model.rowCount()):
            group = model.index(g, 0)
            for r in range(model.rowCount(group)):
                index = model.index(r, 0, group)
                if model.data(index) in ("Projekt Alpha", "Allgemein", "Bernd Müller", "Import Altsystem"):
                    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        shoot(wizard, "wizard-4-chats.png")

        wizard.next()
        wizard.options_page.folder.setText(str(Path(home) / "Documents" / "Mattermost chat.example.org"))
        shoot(wizard, "wizard-5-options.png")

        server.set_faults(latency_ms=150)  # slow enough to catch the export half-way
        wizard.next()
        assert wizard.currentId() == EXPORT
        wait_until(lambda: wizard.export_page.overall.value() > 500 or wizard.currentId() == DONE)
        shoot(wizard, "wizard-6-export.png")
        server.set_faults(latency_ms=0)

        wait_until(lambda: wizard.currentId() == DONE, 120)
        shoot(wizard, "wizard-7-done.png")
        wizard.shutdown()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
