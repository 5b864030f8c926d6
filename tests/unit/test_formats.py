"""The registry of output formats (exporting/formats/): what it finds, and that a format module dropped into
the package is all it takes for the command line, README.txt and render to offer and write it."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from mmexport.archive.layout import README
from mmexport.cli import build_parser
from mmexport.exporting import formats
from mmexport.exporting.render import render_archive

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "v1-archive"

EXTRA_FORMAT = '''
from mmexport.exporting.formats import Format
from mmexport.text import QT_TRANSLATE_NOOP

CALLS = []


class ShoutWriter:
    def __init__(self, ctx, settings):
        self.ctx = ctx

    def start(self):
        CALLS.append("start")

    def write_chat(self, chat, posts):
        CALLS.append(chat.id)
        lines = sum(1 for _ in open(posts.path, encoding="utf-8"))
        (self.ctx.root / chat.path / "messages.shout").write_text(f"{lines} MESSAGES\\n")
        if chat.id == FAIL_ON:
            raise RuntimeError("cut short")

    def finish(self):
        CALLS.append("finish")

    def close(self):
        CALLS.append("close")


FAIL_ON = None
FORMAT = Format(
    key="shout",
    label=QT_TRANSLATE_NOOP("Formats", "Also shouted (.shout)"),
    description={"en": "every chat's message count, loudly", "de": "die Zahl der Nachrichten, laut"},
    default=False,
    writer=ShoutWriter,
    order=90,
    chat_files="messages.shout",
)
'''


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def extra_format(tmp_path: Path) -> Iterator[object]:
    """A format module in a folder added to the package's search path: as if its file had been added."""
    folder = tmp_path / "more_formats"
    folder.mkdir()
    (folder / "shout.py").write_text(textwrap.dedent(EXTRA_FORMAT), encoding="utf-8")
    formats.__path__.append(str(folder))
    formats.all_formats.cache_clear()
    try:
        import mmexport.exporting.formats.shout as module

        module.CALLS.clear()
        yield module
    finally:
        formats.__path__.remove(str(folder))
        formats.all_formats.cache_clear()
        import sys

        sys.modules.pop("mmexport.exporting.formats.shout", None)


def test_the_registry_holds_every_format_in_order() -> None:
    assert formats.all_keys() == ("html", "json", "txt", "csv", "pdf")
    assert formats.default_keys() == ["html", "json"]
    assert formats.by_key("json").writer is None  # posts.jsonl is the archive: the engine writes it
    assert all(f.description["en"] and f.description["de"] for f in formats.all_formats())


def test_unknown_words_of_an_old_manifest_are_left_out() -> None:
    assert [f.key for f in formats.chosen(["csv", "pdf-from-the-future", "html"])] == ["html", "csv"]


def test_a_dropped_in_format_is_offered_and_rendered(archive: Path, extra_format) -> None:
    assert "shout" in formats.all_keys()
    args = build_parser().parse_args(["render", str(archive), "--formats", "shout"])
    assert args.formats == ["shout"]
    export_help = next(a for a in build_parser()._actions if a.dest == "command").choices["export"].format_help()
    assert "shout (every chat's message count, loudly)" in " ".join(export_help.split())

    render_archive(archive, ["shout"], lang="de")

    channel_ids = [c["id"] for c in json.loads((archive / "manifest.json").read_text())["channels"]]
    calls = extra_format.CALLS
    assert calls == ["start", *channel_ids, "finish", "close"]
    town = archive / "channels" / "forschung" / "town-square"
    lines = (town / "posts.jsonl").read_text().count("\n")
    assert (town / "messages.shout").read_text() == f"{lines} MESSAGES\n"
    readme = (archive / README).read_text("utf-8")
    assert "messages.shout      (falls gewählt) die Zahl der Nachrichten, laut" in readme
    assert "messages.shout      (if chosen) every chat's message count, loudly" in readme


def test_a_writer_is_closed_when_a_chat_fails(archive: Path, extra_format) -> None:
    extra_format.FAIL_ON = "c5bxfbp73xfqhdmbzhw97yzbea"
    with pytest.raises(RuntimeError):
        render_archive(archive, ["shout"])
    assert extra_format.CALLS[-1] == "close" and "finish" not in extra_format.CALLS
