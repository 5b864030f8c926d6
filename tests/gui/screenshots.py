"""Screenshots of every wizard page for the README, taken on the demo server.

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots.py [--lang de]
(writes docs/screenshots/wizard-<n>-<page>.png, or wizard-de-<n>-<page>.png and viewer-de-channel.png
in German; look at every one before committing)
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


PREFIX = "wizard-"


def shoot(wizard, name: str) -> None:
    _pump(250)
    path = OUT / name.replace("wizard-", PREFIX, 1)
    wizard.grab().save(str(path))
    print(path.relative_to(ROOT))


def shoot_viewer(archive: Path, name: str) -> None:
    """The archive's biggest chat in Debian's chromium, as tests/e2e does."""
    import json
    import shutil

    from playwright.sync_api import sync_playwright

    channels = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))["channels"]
    biggest = max(channels, key=lambda c: c["posts"])
    url = (archive / biggest["path"] / "messages.html").as_uri() + "#latest"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(url)
        page.wait_for_load_state("load")
        page.screenshot(path=str(OUT / name))
        browser.close()
    print((OUT / name).relative_to(ROOT))


def main() -> int:
    global PREFIX
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    home = tempfile.mkdtemp(prefix="mmexport-shots-")
    os.environ["MMEXPORT_HOME"] = home
    import keyring

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import MemoryKeyring  # the tests' in-memory secret store: never the real one

    keyring.set_keyring(MemoryKeyring())
    from PySide6.QtCore import Qt

    from mmexport.demo.server import DemoServer
    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.state import DONE, EXPORT
    from mmexport.gui.wizard import ExportWizard

    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    with DemoServer(latency_ms=25) as server:
        wizard = ExportWizard()
        wizard.confirm = lambda title, text: True
        wizard.resize(900, 720)
        wizard.show()
        shoot(wizard, "wizard-1-welcome.png")

        wizard.next()
        # typed without http://: https is tried, the server speaks plain http; the page offers http://
        wizard.server_page.address.setText(f"127.0.0.1:{server.port}")
        wizard.server_page.check_now()
        wait_until(wizard.server_page.http_button.isVisible)
        shoot(wizard, "wizard-2b-server-plain-http.png")
        wizard.server_page.address.setText(server.url + "/forschung/channels/allgemein")
        wizard.server_page.check_now()
        wait_until(wizard.server_page.isComplete)
        shoot(wizard, "wizard-2-server.png")

        wizard.next()
        shoot(wizard, "wizard-3-signin.png")
        wizard.signin_page.paste.setText(
            "MMCSRF=9bq3kq1cxpfd8mgtwkzcg7hw1e; MMUSERID=4xq7h1ez3pgbuq3rfydhf1ebmo"
        )
        wait_until(lambda: wizard.signin_page.status.kind == "error")
        shoot(wizard, "wizard-3c-signin-wrong-cookie.png")
        wizard.signin_page.paste.setText(
            f"curl '{server.url}/api/v4/users/me' -H 'accept: */*' -b 'MMAUTHTOKEN={server.token}; MMCSRF=x'"
        )
        wait_until(wizard.signin_page.isComplete)
        shoot(wizard, "wizard-3b-signed-in.png")

        server.set_faults(latency_ms=120)  # slow enough to see the list's counts while it loads
        wizard.next()
        wait_until(
            lambda: (
                "loaded" in wizard.chats_page.status.plain_text()
                or "geladen" in wizard.chats_page.status.plain_text()
                or wizard.state.chat_list is not None
            )
        )
        if wizard.state.chat_list is None:
            shoot(wizard, "wizard-4b-chats-loading.png")
        server.set_faults(latency_ms=25)
        wait_until(lambda: wizard.state.chat_list is not None)
        model = wizard.chats_page.model
        for g in range(model.rowCount()):
            group = model.index(g, 0)
            for r in range(model.rowCount(group)):
                index = model.index(r, 0, group)
                if model.data(index) in ("Projekt Alpha", "Allgemein", "Bernd Müller", "Import Altsystem"):
                    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        wait_until(lambda: "…" not in wizard.chats_page.summary.text())  # the files are counted
        shoot(wizard, "wizard-4-chats.png")

        wizard.next()
        (Path(home) / "Documents").mkdir()  # a person's Documents folder is there; only the export's own is made
        wizard.options_page.folder.setText(str(Path(home) / "Documents" / "Mattermost chat.example.org"))
        shoot(wizard, "wizard-5-options.png")

        server.set_faults(latency_ms=150)  # slow enough to catch the export half-way
        wizard.next()
        assert wizard.currentId() == EXPORT
        wait_until(lambda: wizard.export_page.overall.value() > 500 or wizard.currentId() == DONE)
        shoot(wizard, "wizard-6-export.png")
        server.set_faults(latency_ms=25, rate_limit=2, burst=1)  # a throttled server
        wait_until(lambda: wizard.export_page.wait_label.kind == "info")
        shoot(wizard, "wizard-6b-export-slow-down.png")
        server.set_faults(rate_limit=None)
        server.expire_token(server.token)  # the sign-in ends mid-export
        page = wizard.export_page
        wait_until(lambda: page.token_dialog is not None and page.token_dialog.isVisible())
        _pump(250)
        page.token_dialog.grab().save(str(OUT / f"{PREFIX}6c-sign-in-again.png"))
        print(f"docs/screenshots/{PREFIX}6c-sign-in-again.png")
        page.token_dialog.paste.setText(f"MMAUTHTOKEN={server.issue_token()}")
        page.token_dialog.continue_button.click()
        server.set_faults(latency_ms=0)

        wait_until(lambda: wizard.currentId() == DONE, 120)
        shoot(wizard, "wizard-7-done.png")
        archive = wizard.state.out_dir
        wizard.shutdown()
    if lang != "en":
        shoot_viewer(Path(archive), f"viewer-{lang}-channel.png")
    return 0


if __name__ == "__main__":
    code = main()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
