"""The wizard under wine, driven like a person would: run by windows_check.py with the Windows Python.

    python.exe wine_probe.py SERVER_URL TOKEN OUT_DIR [--scale 1.5] [--index PATH]

Runs the program's own wizard (from this work tree, with the same PySide6 build for Windows the bundle
has) on the demo server in German: saves the first four pages as pictures, clicks "Sign in with GitLab"
(the address goes to the system's browser, under wine its browser launcher), signs in with the token,
loads the chat list, and, with --index, opens an archive's index.html the way the finished page does.
One line per step on standard output; exit code 0 when every step got there.

It uses the wine prefix's own settings and password store (%LOCALAPPDATA%\\mmexport), which belong to the
check alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "app"))

PAGES = ("1-welcome", "2-server", "3-signin", "4-chats")


def pump(ms: int) -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        QThread.msleep(10)


def wait_until(condition, what: str, timeout: float = 120.0) -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"probe: FAIL the wizard did not get there in time: {what}")
        QCoreApplication.processEvents()
        QThread.msleep(10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("server")
    parser.add_argument("token")
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--index", help="an archive's index.html to open as the finished page does")
    parser.add_argument(
        "--no-browser", action="store_true", help="no browser can be started: the address must be shown"
    )
    args = parser.parse_args()
    if args.scale != "1":
        os.environ["QT_SCALE_FACTOR"] = args.scale  # before Qt starts
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QPushButton

    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.wizard import ExportWizard

    app = create_application()
    print(f"probe: language {install_translations(app, 'de')}, Qt platform {app.platformName()}, "
          f"font {app.font().family()} {app.font().pointSize()} pt, scale {args.scale}")  # fmt: skip
    suffix = "" if args.scale == "1" else f"-{round(float(args.scale) * 100)}"
    args.out.mkdir(parents=True, exist_ok=True)

    def shoot(page: str) -> None:
        pump(300)
        path = args.out / f"windows{suffix}-{page}.png"
        if not wizard.grab().save(str(path)):
            raise SystemExit(f"probe: FAIL could not save {path}")
        print(f"probe: page {page} {wizard.width()}x{wizard.height()} -> {path.name}")

    wizard = ExportWizard()
    wizard.confirm = lambda title, text: True
    wizard.show()
    shoot(PAGES[0])
    wizard.next()
    wizard.server_page.address.setText(args.server)
    wizard.server_page.check_now()
    wait_until(wizard.server_page.isComplete, "server checked")
    shoot(PAGES[1])
    wizard.next()
    wait_until(lambda: _provider_button(wizard, QPushButton) is not None, "the GitLab button")
    shoot(PAGES[2])
    _provider_button(wizard, QPushButton).click()  # hands the sign-in address to the system's browser
    panel = wizard.signin_page.browser_box
    shown = panel.entry_address.text() if panel.by_hand.isVisible() else ""
    print(f"probe: clicked the GitLab sign-in button; address shown to copy: {shown or 'no'}")
    if args.no_browser and not shown.startswith(f"{args.server}/oauth/gitlab/login?desktop_token="):
        raise SystemExit("probe: FAIL no browser could be opened, and the wizard did not show the address")
    if args.no_browser:
        shoot("3-signin-no-browser")
    wizard.signin_page.paste.setText(f"MMAUTHTOKEN={args.token}")
    wait_until(wizard.signin_page.isComplete, "signed in")
    wizard.next()
    wait_until(lambda: wizard.state.chat_list is not None, "chat list loaded")
    wait_until(lambda: "…" not in wizard.chats_page.summary.text(), "files counted")
    shoot(PAGES[3])
    if args.index:
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(args.index))  # as pages/done.py opens it
        print(f"probe: opened index.html: {opened}")
    wizard.shutdown()
    print("probe: done")
    sys.stdout.flush()
    os._exit(0)  # avoid a PySide6 teardown crash at exit (see tests/gui/screenshots.py)


def _provider_button(wizard, button_class):
    for button in wizard.signin_page.findChildren(button_class):
        if button.property("provider_key") == "gitlab" and button.isVisible():
            return button
    return None


if __name__ == "__main__":
    sys.exit(main())
