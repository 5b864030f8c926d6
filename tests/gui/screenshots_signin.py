"""Screenshots of the server and sign-in steps (issue 22): the server page, the sign-in page plain and with
a wrong paste, the browser sign-in (opened, not opened, with the other ways open), the demo's practice of
the paste step and the "Sign in again" dialog. Taken on the demo server; only these pages, so that the
other pages' pictures (tests/gui/screenshots.py) are not retaken from this branch.

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_signin.py [--lang de]
(the browser is not opened: the URL goes to a recorder, as in tests/e2e/test_browser_signin.py)
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
    not_opened = "--not-opened" in sys.argv
    screenshots.PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    os.environ["MMEXPORT_HOME"] = tempfile.mkdtemp(prefix="mmexport-shots-")
    import keyring

    sys.path.insert(0, str(screenshots.ROOT / "tests"))
    from conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    from mmexport.demo.server import DemoServer
    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.dialogs import NewTokenDialog
    from mmexport.gui.wizard import ExportWizard

    shoot, wait_until = screenshots.shoot, screenshots.wait_until

    class Recorder(QObject):
        @Slot(QUrl)
        def open(self, url: QUrl) -> None:
            print("would open", url.toString().split("?")[0])

    def new_wizard() -> ExportWizard:
        wizard = ExportWizard()
        wizard.confirm = lambda title, text: True
        wizard.resize(900, 720)
        wizard.show()
        return wizard

    def to_signin(wizard: ExportWizard, url: str) -> None:
        wizard.next()
        wizard.server_page.address.setText(url)
        wizard.server_page.check_now()
        wait_until(wizard.server_page.isComplete)
        wizard.next()

    def dialog_shot(wizard: ExportWizard, server: DemoServer, way: str, name: str) -> None:
        dialog = NewTokenDialog(wizard.tasks, wizard)
        dialog.reset(server.url, server.version, way)
        dialog.open()
        wait_until(lambda: not dialog.browser_box.looking_up())
        screenshots._pump(250)
        dialog.grab().save(str(screenshots.OUT / name.replace("wizard-", screenshots.PREFIX, 1)))
        print(name.replace("wizard-", screenshots.PREFIX, 1))
        dialog.reject()

    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    QGuiApplication.clipboard().clear()

    def plain_server() -> None:
        with DemoServer(latency_ms=25) as server:
            wizard = new_wizard()
            wizard.next()
            wizard.server_page.address.setText(f"127.0.0.1:{server.port}")  # typed without http://
            wizard.server_page.check_now()
            wait_until(wizard.server_page.http_button.isVisible)
            shoot(wizard, "wizard-2b-server-plain-http.png")
            wizard.server_page.address.setText(server.url + "/forschung/channels/allgemein")
            wizard.server_page.check_now()
            wait_until(wizard.server_page.isComplete)
            shoot(wizard, "wizard-2-server.png")
            wizard.next()
            shoot(wizard, "wizard-3-signin.png")
            page = wizard.signin_page
            page.paste.setText("MMCSRF=9bq3kq1cxpfd8mgtwkzcg7hw1e; MMUSERID=4xq7h1ez3pgbuq3rfydhf1ebmo")
            wait_until(lambda: page.status.kind == "error")
            QGuiApplication.clipboard().setText(f"MMAUTHTOKEN={server.token}")
            wait_until(page.clipboard_offer.isVisible)
            shoot(wizard, "wizard-3c-signin-wrong-cookie.png")
            page.use_clipboard()
            wait_until(page.isComplete)
            shoot(wizard, "wizard-3b-signed-in.png")
            wizard.state.signed_in_with = "cookie"
            dialog_shot(wizard, server, "cookie", "wizard-6c-sign-in-again.png")
            wizard.shutdown()
            QGuiApplication.clipboard().clear()

    if not not_opened:
        plain_server()
    with DemoServer(sso_providers=("gitlab",)) as server:
        wizard = new_wizard()
        to_signin(wizard, server.url)
        box = wizard.signin_page.browser_box
        wait_until(lambda: bool(box.provider_buttons))
        if not_opened:  # no URL handler on the offscreen platform: no browser starts
            box.provider_buttons[0].click()
            wait_until(box.by_hand.isVisible)
            shoot(wizard, "wizard-3e-browser-not-opened.png")
            wizard.shutdown()
            return 0
        shoot(wizard, "wizard-3c-browser-signin.png")
        recorder = Recorder()
        QDesktopServices.setUrlHandler("http", recorder, "open")
        box.provider_buttons[0].click()
        QDesktopServices.unsetUrlHandler("http")
        wait_until(box.waiting.isVisible)
        shoot(wizard, "wizard-3d-browser-waiting.png")
        wizard.signin_page.other_ways.click()  # the case that overlapped (issue 22, item 1)
        QGuiApplication.clipboard().setText(f"MMAUTHTOKEN={server.token}")
        wait_until(wizard.signin_page.clipboard_offer.isVisible)
        shoot(wizard, "wizard-3f-browser-other-ways.png")
        dialog_shot(wizard, server, "password", "wizard-6d-sign-in-again-password.png")
        dialog_shot(wizard, server, "browser", "wizard-6e-sign-in-again-browser.png")
        wizard.shutdown()
        QGuiApplication.clipboard().clear()

    wizard = new_wizard()
    wizard.welcome_page.demo_button.click()  # the demo signs in by itself; then the practice
    wait_until(lambda: wizard.state.demo_server is not None and wizard.server_page.isComplete())
    wizard.next()
    page = wizard.signin_page
    wait_until(page.isComplete)
    shoot(wizard, "wizard-3g-demo-practice-offer.png")
    page.practice_button.click()
    shoot(wizard, "wizard-3g-demo-practice.png")
    wizard.shutdown()
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
