"""Screenshot of the first page after a crash: the unfinished export, made readable, with "read what was saved".

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tests/gui/screenshots_unfinished.py [--lang de]
(writes docs/screenshots/wizard[-de]-1b-unfinished.png; look at it before committing)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import screenshots
from screenshots import OUT, ROOT, shoot, wait_until


def main() -> int:
    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    screenshots.PREFIX = "wizard-" if lang == "en" else f"wizard-{lang}-"
    os.environ["MMEXPORT_HOME"] = tempfile.mkdtemp(prefix="mmexport-shots-")
    import keyring

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from mmexport.demo.server import DemoServer
    from mmexport.gui.application import create_application, install_translations
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import UnfinishedExport, load_settings, save_settings

    app = create_application()
    app.setStyle("Fusion")
    install_translations(app, lang)
    out = Path(tempfile.mkdtemp(prefix="mmexport-archive-")) / "Mattermost-Archiv"
    with DemoServer(latency_ms=40) as server:
        # An export killed part-way (as a crash would end it), through the real command line.
        env = {**os.environ, "MMEXPORT_TOKEN": server.token}
        command = [sys.executable, "-m", "mmexport", "export", "--server", server.url, "--out", str(out), "--all"]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: len(list(out.glob("channels/*/*/posts.jsonl"))) >= 3, timeout=120)
        proc.kill()
        proc.wait()
        (out / "index.html").unlink(missing_ok=True)
        settings = load_settings()
        settings.unfinished = UnfinishedExport(folder=str(out), server=server.url, options={"formats": ["html"]})
        save_settings(settings)
        wizard = ExportWizard(settings=load_settings())
        wizard.resize(900, 720)
        wizard.show()
        wait_until(wizard.welcome_page.read_saved_button.isVisible, timeout=120)
        shoot(wizard, "wizard-1b-unfinished.png")
        wizard.shutdown()
    print("archive left in", out, file=sys.stderr)
    return 0 if OUT.is_dir() else 1


if __name__ == "__main__":
    raise SystemExit(main())
