"""Screenshots for issue 21: the first page with a home folder that takes nothing (read-only or full), and
the export page while a neighbour spends the server's rate budget (refused for about 2 minutes).

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_faults.py
(writes docs/screenshots/wizard-{en,de}-1c-home-not-writable.png and wizard-{en,de}-6h-export-refused.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    from PySide6.QtCore import QCoreApplication, QThread

    from mmexport.exporting.events import NetworkWait, RunStarted
    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.wizard import ExportWizard
    from mmexport.logsetup import setup_logging
    from mmexport.settings import Settings

    def pump() -> None:
        for _ in range(30):
            QCoreApplication.processEvents()
            QThread.msleep(10)

    blocked = Path(tempfile.mkdtemp()) / "a-file"
    blocked.write_text("not a folder")
    os.environ["MMEXPORT_HOME"] = str(blocked / "home")  # cannot be created: what a read-only home does
    app = create_application()
    setup_logging(to_file=True)
    for language in ("en", "de"):
        install_translations(app, language)
        wizard = ExportWizard(settings=Settings(language=language))
        wizard.show()
        pump()
        wizard.grab().save(str(OUT / f"wizard-{language}-1c-home-not-writable.png"))
        page = wizard.export_page  # the page alone, fed the engine's events: no export is started
        page._run_started(RunStarted(channels=3, posts_expected=20_000, files_expected=0, resumed=False))
        page._network_wait(NetworkWait(1.0, "rate limit", "wait", waited=130.0))
        page.resize(wizard.width(), wizard.height() - 120)
        page.show()
        pump()
        page.grab().save(str(OUT / f"wizard-{language}-6h-export-refused.png"))
        page.hide()
        wizard.hide()
        wizard.shutdown()
        wizard.deleteLater()
        pump()
    print("written to", OUT)


if __name__ == "__main__":
    sys.exit(main())
