"""The offline viewer: index.html, search.html and the pages of every chat (writers/html.py does the work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mmexport.exporting.formats import ChatPosts, Format, RenderSettings
from mmexport.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from mmexport.exporting.writers.context import ArchiveContext, ChannelInfo


class ViewerWriter:
    def __init__(self, ctx: ArchiveContext, settings: RenderSettings):
        from mmexport.exporting.writers.html import HtmlWriter  # big: loaded only when rendering

        self._html = HtmlWriter(ctx, settings.workers)
        self._html.pdf_link = "pdf" in settings.chosen  # messages.pdf is written in this render too
        self._ctx = ctx

    def start(self) -> None:
        self._html.write_assets()
        # The way in first: a render that is cut short (the window closed while a stopped export writes
        # what it saved) still leaves index.html.
        self._html.write_index()
        self._html.write_search_page()

    def write_chat(self, chat: ChannelInfo, posts: ChatPosts) -> None:
        self._html.write_channel(chat, posts.index)

    def finish(self) -> None:
        self._html.search.finish(self._ctx)
        self._html.write_extra_css()

    def close(self) -> None:
        self._html.close()


FORMAT = Format(
    key="html",
    label=QT_TRANSLATE_NOOP("Formats", "The readable web pages (index.html)"),
    description={
        "en": "the offline viewer, index.html and the pages of every chat",
        "de": "die Ansicht im Browser, index.html und die Seiten jedes Chats",
    },
    default=True,
    writer=ViewerWriter,
    order=10,
    chat_files="messages*.html",
)
