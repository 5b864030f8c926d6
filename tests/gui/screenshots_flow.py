"""Screenshots of the chat search, the export's progress and the last page (issue 22, items 7 to 11).

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_flow.py [--lang de]
(writes docs/screenshots/wizard[-de]-4c-chats-search.png, -4d-chats-no-matches, -4e-chats-already-saved,
-6-export, -6f-export-paused, -6g-export-update and -7-done; look at every one before committing)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshots as shots  # the same helpers and folder as the main screenshot script


def tick(model, names: list[str]) -> None:
    from PySide6.QtCore import Qt

    model.set_all_checked(False)
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        for r in range(model.rowCount(group)):
            index = model.index(r, 0, group)
            if model.data(index, Qt.ItemDataRole.AccessibleTextRole) in names:
                model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def search(wizard, text: str) -> None:
    page = wizard.chats_page
    page.filter.setText(text)
    shots.wait_until(lambda: not page._filter_timer.isActive())


def main() -> int:
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    shots.PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    home = tempfile.mkdtemp(prefix="mmexport-shots-")
    os.environ["MMEXPORT_HOME"] = home
    import keyring

    sys.path.insert(0, str(shots.ROOT / "tests"))
    from conftest import MemoryKeyring  # the tests' in-memory secret store: never the real one

    keyring.set_keyring(MemoryKeyring())
    from mmexport.demo.server import DemoServer
    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.state import CHATS, DONE
    from mmexport.gui.wizard import ExportWizard

    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    out = Path(home) / "Documents" / "Mattermost chat.example.org"
    with DemoServer(latency_ms=25) as server:
        wizard = ExportWizard()
        wizard.confirm = lambda title, text: True
        wizard.resize(900, 720)
        wizard.show()
        wizard.next()
        wizard.server_page.address.setText(server.url)
        wizard.server_page.check_now()
        shots.wait_until(wizard.server_page.isComplete)
        wizard.next()
        wizard.signin_page.paste.setText(f"MMAUTHTOKEN={server.token}")
        shots.wait_until(wizard.signin_page.isComplete)
        wizard.next()
        shots.wait_until(lambda: wizard.state.chat_list is not None and wizard.chats_page.isComplete() is not None)
        model = wizard.chats_page.model
        search(wizard, "schaefer")
        shots.shoot(wizard, "wizard-4c-chats-search.png")
        search(wizard, "Schmidt")
        shots.shoot(wizard, "wizard-4d-chats-no-matches.png")
        search(wizard, "")
        tick(model, ["Projekt Alpha", "Import Altsystem", "Dateien & Anhänge", "Allgemein", "Claudia Schäfer"])
        shots.wait_until(lambda: "…" not in wizard.chats_page.summary.text())

        wizard.next()
        wizard.options_page.folder.setText(str(out))
        server.set_faults(latency_ms=150)  # slow enough to see several chats at once
        wizard.next()
        page = wizard.export_page
        shots.wait_until(lambda: len(page.chat_bars.titles()) >= 3 and page.overall.value() > 300)
        shots.shoot(wizard, "wizard-6-export.png")
        page.pause_button.click()
        shots.wait_until(lambda: page.pause_button.property("paused") is True)
        shots.shoot(wizard, "wizard-6f-export-paused.png")
        page.pause_button.click()
        server.set_faults(latency_ms=0)
        shots.wait_until(lambda: wizard.currentId() == DONE, 120)
        shots.shoot(wizard, "wizard-7-done.png")

        wizard.done_page.more_button.click()
        shots.wait_until(lambda: wizard.currentId() == CHATS and wizard.chats_page.isComplete() is not None)
        shots.wait_until(lambda: wizard.chats_page._task is None)
        wizard.chats_page.tree.scrollToBottom()
        shots.shoot(wizard, "wizard-4e-chats-already-saved.png")

        tick(model, ["Projekt Alpha", "Import Altsystem", "Allgemein"])
        wizard.next()
        wizard.options_page.folder.setText(str(out))
        server.set_faults(latency_ms=400)  # an update is quick: slow it down to see it
        wizard.next()
        shots.wait_until(lambda: page.counts.text().count("·") >= 2 or wizard.currentId() == DONE)
        shots.shoot(wizard, "wizard-6g-export-update.png")
        server.set_faults(latency_ms=0)
        shots.wait_until(lambda: wizard.currentId() == DONE, 120)
        wizard.shutdown()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
