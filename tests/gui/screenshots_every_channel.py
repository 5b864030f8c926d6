"""Screenshots of the administrators' view (every channel of a team) in English and German.

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_every_channel.py [--lang de]
(writes docs/screenshots/wizard-3b-signin-administrator.png, wizard-4b-every-channel.png and
wizard-7b-done-administrator.png, wizard-4c-no-every-channel.png, or the same with wizard-de-;
look at them)
"""

from __future__ import annotations

import os
import sys
import tempfile

from screenshots import OUT, ROOT, shoot, wait_until


def main() -> int:
    import screenshots

    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    screenshots.PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    os.environ["MMEXPORT_HOME"] = tempfile.mkdtemp(prefix="mmexport-shots-")
    import keyring

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import MemoryKeyring  # the tests' in-memory secret store: never the real one

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtCore import Qt

    from mmexport.demo.roles import COORDINATOR
    from mmexport.demo.server import DemoServer
    from mmexport.gui.app import create_application, install_translations
    from mmexport.gui.state import DONE
    from mmexport.gui.wizard import ExportWizard

    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    with DemoServer() as server:
        wizard = ExportWizard()
        wizard.confirm = lambda title, text: True
        wizard.resize(1000, 720)
        wizard.show()
        wizard.next()
        wizard.server_page.address.setText(server.url)
        wizard.server_page.check_now()
        wait_until(wizard.server_page.isComplete)
        wizard.next()
        token = server.issue_token(COORDINATOR)
        wizard.signin_page.paste.setText(f"curl '{server.url}/api/v4/users/me' -b 'MMAUTHTOKEN={token}'")
        wait_until(wizard.signin_page.isComplete)
        shoot(wizard, "wizard-3b-signin-administrator.png")  # "You are a system administrator"
        wizard.next()
        wait_until(lambda: wizard.state.chat_list is not None)
        switch = wizard.chats_page.every_channel
        switch.toggle.setChecked(True)
        wait_until(lambda: switch.model.rowCount() > 0)
        for row in (0, 1, 2):  # the stalest ones shown, as a coordinator would tick them
            switch.proxy.setData(
                switch.proxy.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
            )
        shoot(wizard, "wizard-4b-every-channel.png")
        wizard.next()  # options
        wizard.options_page.folder.setText(tempfile.mkdtemp(prefix="mmexport-admin-") + "/forschung-2026")
        wizard.next()  # export
        wait_until(lambda: wizard.currentId() == DONE, timeout=120)
        shoot(wizard, "wizard-7b-done-administrator.png")  # check the archive, the mmctl commands
        wizard.shutdown()
        # An ordinary sign-in: no switch, one line why.
        wizard = ExportWizard()
        wizard.resize(1000, 720)
        wizard.show()
        wizard.next()
        wizard.server_page.address.setText(server.url)
        wizard.server_page.check_now()
        wait_until(wizard.server_page.isComplete)
        wizard.next()
        token = server.issue_token("anna")
        wizard.signin_page.paste.setText(f"curl '{server.url}/api/v4/users/me' -b 'MMAUTHTOKEN={token}'")
        wait_until(wizard.signin_page.isComplete)
        wizard.next()
        wait_until(lambda: wizard.state.chat_list is not None)
        shoot(wizard, "wizard-4c-no-every-channel.png")
        wizard.shutdown()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
