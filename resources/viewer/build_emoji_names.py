"""Developer tool: rebuilds emoji-names.json (short name -> Unicode) from the `emoji` package's data.

Run it by hand after `pip install emoji`; the program itself only reads the JSON file it writes.
Mattermost's names (from emoji-datasource) mostly match the package's English names and GitHub aliases.
"""

from __future__ import annotations

import json
from pathlib import Path


def build_table() -> dict[str, str]:
    import emoji

    table: dict[str, str] = {}
    for char, info in emoji.EMOJI_DATA.items():
        names = [info.get("en", ""), *info.get("alias", [])]
        for name in names:
            name = name.strip(":").lower()
            if name:
                table.setdefault(name, char)
    return dict(sorted(table.items()))


if __name__ == "__main__":
    out = Path(__file__).with_name("emoji-names.json")
    out.write_text(json.dumps(build_table(), ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {out}")
