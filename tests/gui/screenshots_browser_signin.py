"""Screenshots of the sign-in page on a server with single sign-on: the "Sign in with GitLab" box, and the
waiting state after the click (with the picture of the last step), taken on the demo server.

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_browser_signin.py [--lang de]
(writes docs/screenshots/wizard[-de]-3c-browser-signin.png and wizard[-de]-3d-browser-waiting.png; the
browser is not opened: the URL goes to a recorder, as in tests/e2e/test_browser_signin.py)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshots  # shoot, wait_until and the output folder of the other screenshots


def main() -> int:
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    screenshots.PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    os.environ["MMEXPORT_HOME"] = tempfile.mkdtemp(prefix="mmexport-shots-")
    import keyring

    sys.path.insert(0, str(screenshots.ROOT / "tests"))
    from conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    from mmexport.demo.server import DemoServer
    from mmexport.gui.app import create_application, install_translations
    from mmexport.gui.wizard import ExportWizard

    class Recorder(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            print("would open", url.toString().split("?")[0])

    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    recorder = Recorder()
    QDesktopServices.setUrlHandler("http", recorder, "open")
    with DemoServer(sso_providers=("gitlab",)) as server:
        wizard = ExportWizard()
        wizard.confirm = lambda title, text: True
        wizard.resize(900, 720)
        wizard.show()
        wizard.next()
        wizard.server_page.address.setText(server.url)
        wizard.server_page.check_now()
        screenshots.wait_until(wizard.server_page.isComplete)
        wizard.next()
        box = wizard.signin_page.browser_box
        screenshots.wait_until(lambda: bool(box.provider_buttons))
        screenshots.shoot(wizard, "wizard-3c-browser-signin.png")
        box.provider_buttons[0].click()
        screenshots.wait_until(box.waiting.isVisible)
        screenshots.shoot(wizard, "wizard-3d-browser-waiting.png")
        wizard.shutdown()
    QDesktopServices.unsetUrlHandler("http")
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
