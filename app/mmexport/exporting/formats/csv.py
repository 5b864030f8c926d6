"""messages.csv: each chat as a table for spreadsheets, one row per message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mmexport.exporting.formats import ChatPosts, Format, RenderSettings
from mmexport.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from mmexport.exporting.writers.context import ArchiveContext, ChannelInfo


class TableWriter:
    def __init__(self, ctx: ArchiveContext, settings: RenderSettings):
        from mmexport.exporting.writers.text import CsvWriter

        self._table = CsvWriter(ctx)

    def start(self) -> None:
        pass

    def write_chat(self, chat: ChannelInfo, posts: ChatPosts) -> None:
        self._table.write(chat)  # streams posts.jsonl itself: no thread index needed

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


FORMAT = Format(
    key="csv",
    label=QT_TRANSLATE_NOOP("Formats", "Also as spreadsheet files (.&csv)"),
    description={
        "en": "a table for Excel or LibreOffice",
        "de": "eine Tabelle für Excel oder LibreOffice",
    },
    default=False,
    writer=TableWriter,
    order=40,
    chat_files="messages.csv",
    readme_note={
        "en": "(UTF-8; separator {delimiter}; cells starting with = + - @\nget a leading ' so that Excel runs nothing)",
        "de": "(UTF-8; Trennzeichen {delimiter}; Zellen, die mit = + - @\nbeginnen, bekommen ein ' davor, damit Excel nichts ausführt)",
    },
)
