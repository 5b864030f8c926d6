"""Pictures of messages.pdf for docs/screenshots/: the title page, and a page with a thread and a picture.

    .venv/bin/python tests/e2e/screenshots_pdf.py [--lang de|en]

Renders the test archive's "Town Square" (tests/archive_factory.py; its picture moved onto a reply of the
thread, so that one page shows both) with `mmexport render --formats pdf`, then draws pages with Debian's
pdftoppm (poppler-utils). Writes docs/screenshots/pdf[-de]-1-title.png and pdf[-de]-2-thread-picture.png;
look at them before committing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))


def _picture_onto_a_reply(channel_folder: Path) -> None:
    posts = [json.loads(line) for line in (channel_folder / "posts.jsonl").read_text("utf-8").splitlines()]
    with_files = next(p for p in posts if p.get("file_ids"))
    reply = next(p for p in posts if p.get("root_id") and "Fähre" in p.get("message", ""))
    reply["file_ids"] = with_files["file_ids"][:1]  # moved, not copied: the counts stay true
    reply["metadata"]["files"] = with_files["metadata"]["files"][:1]
    with_files["file_ids"] = with_files["file_ids"][1:]
    with_files["metadata"]["files"] = with_files["metadata"]["files"][1:]
    text = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts)
    (channel_folder / "posts.jsonl").write_text(text, "utf-8")


def main() -> int:
    from archive_factory import make_archive

    lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
    prefix = "pdf-" if lang == "en" else f"pdf-{lang}-"
    with tempfile.TemporaryDirectory(prefix="mmexport-pdf-shots-") as tmp:
        root = make_archive(Path(tmp) / "archive")
        manifest = json.loads((root / "manifest.json").read_text("utf-8"))
        town = root / next(c for c in manifest["channels"] if c["name"] == "town-square")["path"]
        _picture_onto_a_reply(town)
        env = {**os.environ, "MMEXPORT_LANG": lang}
        subprocess.run([sys.executable, "-m", "mmexport", "render", str(root), "--formats", "pdf"], env=env,
                       check=True, capture_output=True)  # fmt: skip
        path = town / "messages.pdf"
        with pikepdf.open(path) as pdf:
            page = next(
                n
                for n, p in enumerate(pdf.pages, start=1)
                if any(x.Subtype == "/Image" for x in (p.Resources.get("/XObject") or {}).values())
            )
        for name, number in ((f"{prefix}1-title", 1), (f"{prefix}2-thread-picture", page)):
            target = OUT / name
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(number), "-l", str(number),
                            "-singlefile", str(path), str(target)], check=True)  # fmt: skip
            print(f"{target}.png (page {number})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
