"""messages.pdf: each chat as a PDF/A-2b document for the records (writers/pdf.py does the work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mmexport.exporting.formats import ChatPosts, Format, RenderSettings
from mmexport.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from mmexport.exporting.writers.context import ArchiveContext, ChannelInfo


class RecordsWriter:
    def __init__(self, ctx: ArchiveContext, settings: RenderSettings):
        from mmexport.exporting.writers.pdf import (
            PdfWriter,  # fpdf2 and its fonts: loaded only when rendering
        )

        self._pdf = PdfWriter(ctx)

    def start(self) -> None:
        pass

    def write_chat(self, chat: ChannelInfo, posts: ChatPosts) -> None:
        self._pdf.write_chat(chat, posts.index)

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


FORMAT = Format(
    key="pdf",
    label=QT_TRANSLATE_NOOP("Formats", "Also as &PDF/A for the records"),
    tooltip=QT_TRANSLATE_NOOP(
        "Formats",
        "One document per chat (messages.pdf) that can be filed: every message, pictures, and each file "
        "with its checksum.",
    ),
    description={
        "en": "a PDF/A document for the records",
        "de": "ein PDF/A-Dokument für die Akte",
    },
    default=False,
    writer=RecordsWriter,
    order=50,
    chat_files="messages.pdf",
    readme_note={
        "en": "(a title page, every message, pictures, files with their\nSHA-256 checksum)",
        "de": "(Titelseite, alle Nachrichten, Bilder, Dateien mit\nSHA-256-Prüfsumme)",
    },
)
