"""messages.txt: each chat as plain text, threads indented under their first message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mmexport.exporting.formats import ChatPosts, Format, RenderSettings
from mmexport.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from mmexport.exporting.writers.context import ArchiveContext, ChannelInfo


class PlainTextWriter:
    def __init__(self, ctx: ArchiveContext, settings: RenderSettings):
        from mmexport.exporting.writers.text import TextWriter

        self._text = TextWriter(ctx)

    def start(self) -> None:
        pass

    def write_chat(self, chat: ChannelInfo, posts: ChatPosts) -> None:
        self._text.write(chat, posts.index)

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


FORMAT = Format(
    key="txt",
    label=QT_TRANSLATE_NOOP("Formats", "Also as plain &text files (.txt)"),
    description={"en": "all messages as plain text", "de": "alle Nachrichten als einfacher Text"},
    default=False,
    writer=PlainTextWriter,
    order=30,
    chat_files="messages.txt",
)
