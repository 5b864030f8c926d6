"""`mmexport export --formats json,pdf` over HTTP against the demo server: messages.pdf in each chat's folder,
with the chat's messages as text and its pictures embedded; `mmexport render DIR --formats pdf` writes it
again."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pikepdf
import pypdf
from pikepdf.pdfa import validate_written

from mmexport.archive.layout import MANIFEST, iter_jsonl
from mmexport.exporting.writers.markdown import _is_plain
from mmexport.exporting.writers.pdf_layout import drawable, with_emoji


def _cli(args, token):
    return subprocess.run(
        [sys.executable, "-m", "mmexport", *args],
        env={**os.environ, "MMEXPORT_TOKEN": token, "MMEXPORT_LANG": "de"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_export_and_render_with_pdf(shared_demo_server, tmp_path):
    server = shared_demo_server
    pictures = next(c for c in server.workspace.channels.values() if c["name"] == "messdaten")
    out = tmp_path / "archive"
    proc = _cli(["export", "--server", server.url, "--out", str(out), "--channel", pictures["id"],
                 "--formats", "json,pdf", "--quiet"], server.token)  # fmt: skip
    assert proc.returncode in (0, 5), proc.stderr
    (entry,) = json.loads((out / MANIFEST).read_text("utf-8"))["channels"]
    pdf_path = out / entry["path"] / "messages.pdf"
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(pdf_path).pages)
    plain = [
        p["message"] for p in iter_jsonl(out / entry["path"] / "posts.jsonl")
        if p.get("message") and _is_plain(p["message"]) and not p.get("delete_at")
    ]  # fmt: skip
    assert len(plain) >= 5
    assert [m for m in plain if " ".join(drawable(with_emoji(m)).split()) not in text] == []
    assert "Messreihe Übersicht.png" in text and "Seite 2 von" in text
    with pikepdf.open(pdf_path) as pdf:
        xobjects = [x for page in pdf.pages for x in (page.Resources.get("/XObject") or {}).values()]
        assert [x for x in xobjects if x.Subtype == "/Image"]  # the chart, embedded
    assert validate_written(pdf_path, "2b").verdict == "pass"
    pdf_path.unlink()
    proc = _cli(["render", str(out), "--formats", "pdf"], server.token)
    assert proc.returncode == 0, proc.stderr
    assert pdf_path.read_bytes().startswith(b"%PDF-")
