"""The output formats of an archive: one writer contract, and a registry filled from this package.

Each module in this package is one format. It defines `FORMAT = Format(...)`: the word of `--formats`, the
wizard's checkbox label, a one-line description in English and German (the `--formats` help, README.txt,
docs/cli.md) and a `writer` that makes its ChatWriter for one render. Nothing else names the formats:
render.py loops over the chosen ones, the command line, the wizard and README.txt list them from here.
Adding a format is described in docs/architecture.md ("Adding an output format").

posts.jsonl is the archive itself (the engine writes it); every other format is a rendering of it that
`mmexport render` can write again at any time.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mmexport.exporting.writers.context import ArchiveContext, ChannelInfo
    from mmexport.exporting.writers.threads import ThreadIndex


@dataclass
class ChatPosts:
    """One chat's saved posts as the writers get them: posts.jsonl, and its threads built once on first
    use and shared by every writer of the render (a format that streams the file never pays for them)."""

    folder: Path
    path: Path

    @classmethod
    def of(cls, folder: Path) -> ChatPosts:
        from mmexport.archive.layout import POSTS_JSONL  # here: listing the formats stays light (cli.py)

        return cls(folder, folder / POSTS_JSONL)

    @cached_property
    def index(self) -> ThreadIndex:
        from mmexport.exporting.writers.threads import ThreadIndex

        return ThreadIndex.build(self.path)


class ChatWriter(Protocol):
    """What render.py asks of every format's writer, in this order: start(), write_chat() for each chat,
    finish() after the last one; close() always, also when the render was cut short."""

    def start(self) -> None:
        """Files shared by all chats, written before the first one (the viewer's assets and index.html)."""

    def write_chat(self, chat: ChannelInfo, posts: ChatPosts) -> None:
        """This chat's rendering, into its folder (ctx.root / chat.path)."""

    def finish(self) -> None:
        """After the last chat: what needs all of them (a search index)."""

    def close(self) -> None:
        """Releases what the writer holds (worker processes); called after finish() or an error."""


@dataclass(frozen=True)
class RenderSettings:
    """How a render runs, the same for every format."""

    workers: int | None = None  # processes for big chats' pages (None: one per core, up to 4; 1: none)
    chosen: frozenset[str] = frozenset()  # every format of this render (the viewer links a chat's PDF)


WriterFactory = Callable[["ArchiveContext", RenderSettings], ChatWriter]


@dataclass(frozen=True)
class Format:
    """One output format, as its module registers it."""

    key: str  # the word of --formats and of manifest.json's options.formats
    label: str  # the wizard's checkbox, English, marked with QT_TRANSLATE_NOOP("Formats", ...)
    description: dict[str, str]  # {"en": ..., "de": ...}: one line for --formats, README.txt, docs/cli.md
    default: bool  # on unless chosen otherwise; the wizard always includes these and offers the others
    writer: WriterFactory | None  # None: nothing to render (json: posts.jsonl is written by the engine)
    order: int = 100  # place in every list (help, wizard, README)
    chat_files: str = ""  # what it writes into each chat's folder, for README.txt (e.g. "messages.txt")
    readme_note: dict[str, str] = field(default_factory=dict)  # more README.txt lines, {delimiter} filled
    tooltip: str = ""  # the checkbox's tooltip, English, marked with QT_TRANSLATE_NOOP("Formats", ...)


@cache
def all_formats() -> tuple[Format, ...]:
    """Every format module of this package, in their order. Modules without FORMAT are not formats."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        registered = getattr(importlib.import_module(f"{__name__}.{module.name}"), "FORMAT", None)
        if isinstance(registered, Format):
            found.append(registered)
    keys = [f.key for f in found]
    if len(keys) != len(set(keys)):
        raise RuntimeError(f"two output formats share a key: {sorted(keys)}")
    return tuple(sorted(found, key=lambda f: (f.order, f.key)))


def all_keys() -> tuple[str, ...]:
    return tuple(f.key for f in all_formats())


def default_keys() -> list[str]:
    return [f.key for f in all_formats() if f.default]


def by_key(key: str) -> Format:
    for candidate in all_formats():
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def chosen(wanted: Iterable[str]) -> list[Format]:
    """The registered formats among `wanted` (unknown words are left out: an old manifest may name one
    this version does not have), in the registry's order."""
    wanted = set(wanted)
    return [f for f in all_formats() if f.key in wanted]


def descriptions(lang: str = "en") -> list[tuple[str, str]]:
    """(key, one-line description) of each format, in `lang` (English where a format lacks it)."""
    return [(f.key, f.description.get(lang) or f.description["en"]) for f in all_formats()]
