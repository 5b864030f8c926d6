"""Screenshots of the options page's folder messages: someone else's archive (with "Use a new folder") and a
folder on a USB stick that is not plugged in.

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_folder.py [--lang de]
(writes docs/screenshots/wizard[-de]-5b-other-server.png and wizard[-de]-5c-no-stick.png; look at them)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import screenshots
from screenshots import OUT, ROOT, shoot, wait_until


def main() -> int:
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    screenshots.PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    home = tempfile.mkdtemp(prefix="mmexport-shots-")
    os.environ["MMEXPORT_HOME"] = home
    import keyring

    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT))
    from conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtCore import Qt
    from tests.integration.export_helpers import run_export

    from mmexport.demo.server import DemoServer
    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import load_settings

    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    documents = Path(home) / "Documents"
    others = documents / "Mattermost Demo"
    documents.mkdir(parents=True)
    with DemoServer(seed=7) as other:
        ws = other.workspace
        run_export(other, others, [c["id"] for c in ws.channels_of_user(ws.me_id)][:1])
    with DemoServer() as server:
        wizard = ExportWizard(settings=load_settings())
        wizard.resize(900, 720)
        wizard.show()
        wizard.next()
        wizard.server_page.address.setText(server.url)
        wizard.server_page.check_now()
        wait_until(wizard.server_page.isComplete)
        wizard.next()
        wizard.signin_page.paste.setText(
            f"curl '{server.url}/api/v4/users/me' -H 'accept: */*' -b 'MMAUTHTOKEN={server.token}; MMCSRF=x'"
        )
        wait_until(wizard.signin_page.isComplete)
        wizard.next()
        wait_until(lambda: wizard.state.chat_list is not None)
        model = wizard.chats_page.model
        for g in range(model.rowCount()):
            group = model.index(g, 0)
            for r in range(model.rowCount(group)):
                index = model.index(r, 0, group)
                if model.data(index) == "Allgemein":
                    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        wizard.next()
        wizard.options_page.folder.setText(str(others))
        wait_until(wizard.options_page.new_folder.isVisible)
        shoot(wizard, "wizard-5b-other-server.png")
        wizard.options_page.folder.setText(str(Path(home) / "media" / "USB-STICK" / "Mattermost"))
        shoot(wizard, "wizard-5c-no-stick.png")
        wizard.shutdown()
    return 0 if OUT.is_dir() else 1


if __name__ == "__main__":
    raise SystemExit(main())
