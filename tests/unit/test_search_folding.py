"""The wizard's chat search folds as the offline viewer's search does: one rule, checked against the
viewer's own JavaScript (run in node) on the same words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from mmexport.mattermost.naming import fold_for_search, names_of_person

VIEWER_JS = Path(__file__).resolve().parents[2] / "resources" / "viewer" / "viewer.js"
WORDS = [
    "Schäfer", "schaefer", "SCHAEFER", "Müller", "Muller", "mueller", "Straße", "STRASSE", "Jößl", "Joessl",
    "Dilara Yılmaz", "Zoë", "Café crème", "Ångström", "poet", "Gödel", "Kati 🌻", "bernd.mueller", "Øre",
]  # fmt: skip


def test_umlauts_and_accents_fold_together():
    assert fold_for_search("schaefer") == fold_for_search("Schäfer") == "schafer"
    assert fold_for_search("Muller") == fold_for_search("Müller") == fold_for_search("MUELLER") == "muller"
    assert fold_for_search("Straße") == fold_for_search("strasse")
    assert fold_for_search("Café") == "cafe"


def test_every_name_of_a_person():
    user = {"username": "melissa.price", "first_name": "Melissa", "last_name": "Price", "nickname": "Mel"}
    assert names_of_person(user) == "Melissa Price Mel melissa.price"
    assert names_of_person({"username": "x"}) == "x"


def test_python_folds_exactly_as_the_viewer_does():
    assert shutil.which("node"), "node runs the viewer's folding code for this comparison"
    source = VIEWER_JS.read_text(encoding="utf-8")
    # The viewer's folding block, as it is shipped: from its first constant to the end of fold().
    block = re.search(r"(  var DIGRAPH = .*?\n  function fold\(text\) \{.*?\n  \})", source, re.S)
    assert block, "the viewer's fold() was not found; keep fold_for_search in step with it"
    script = f"{block.group(1)}\nprocess.stdout.write(JSON.stringify({json.dumps(WORDS)}.map(fold)));"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30, check=True)
    assert json.loads(result.stdout) == [fold_for_search(word) for word in WORDS]
