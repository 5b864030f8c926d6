"""Page 1: what the program does, what the person needs, the demo offer, and an unfinished export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from mmexport import paths
from mmexport.archive.layout import INDEX
from mmexport.archive.reader import Kind, examine
from mmexport.gui.messages import describe_error
from mmexport.gui.open_by_hand import OpenByHand
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, name_for_screen_reader, paragraph
from mmexport.gui.worker import Task
from mmexport.logsetup import log_file_problem

if TYPE_CHECKING:
    from mmexport.demo.server import DemoServer

log = logging.getLogger(__name__)

# Each language in its own name, so that a person who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def start_demo_server() -> DemoServer:
    """Runs in the worker thread: the built-in demo server with its generated workspace."""
    from mmexport.demo.server import DemoServer

    server = DemoServer(sso_providers=("gitlab",))  # shows the sign-in through the browser too
    server.start()
    return server


def render_saved_part(folder: Path, formats: list[str], lang: str) -> None:
    """Runs in the worker thread: the viewer of an unfinished archive, marked incomplete by its manifest."""
    from mmexport.archive import guard
    from mmexport.exporting.render import render_archive

    with guard.locked_archive(folder):  # never while another export writes into it
        render_archive(folder, formats, lang=lang)


class WelcomePage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Save your Mattermost chats"))
        self.setSubTitle(
            self.tr(
                "This assistant copies your chats into a folder on this computer that you can "
                "open and read later, even when the Mattermost server is gone."
            )
        )
        self._demo_task: Task | None = None
        self._render_task: Task | None = None
        self._advance_after_demo = False

        layout = QVBoxLayout(self)
        layout.addLayout(self._language_row())
        layout.addWidget(
            paragraph(
                self.tr(
                    "<p><b>What you need</b></p>"
                    "<ul>"
                    "<li>The web browser in which you are signed in to Mattermost.</li>"
                    "<li>A few minutes. Large chats with many files can take longer; you can pause, and you can stop "
                    "and continue another day.</li>"
                    "</ul>"
                    "<p><b>What you get</b></p>"
                    "<ul>"
                    "<li>A folder with your chats: open <i>index.html</i> in it to read them in your browser, "
                    "with pictures and attached files, without internet.</li>"
                    "<li>Nothing is changed or deleted on the server.</li>"
                    "</ul>"
                )
            )
        )

        self.resume_box = QFrame()
        self.resume_box.setFrameShape(QFrame.Shape.StyledPanel)
        resume_layout = QVBoxLayout(self.resume_box)
        self.resume_text = paragraph("")
        resume_layout.addWidget(self.resume_text)
        resume_buttons = QHBoxLayout()
        self.resume_button = QPushButton(self.tr("Continue that export"))
        self.resume_button.clicked.connect(self._continue_unfinished)
        self.forget_button = QPushButton(self.tr("Start a new export instead"))
        self.forget_button.clicked.connect(self._forget_unfinished)
        self.read_saved_button = QPushButton(self.tr("Read what was saved"))
        self.read_saved_button.clicked.connect(self._open_saved)
        self.read_saved_button.hide()
        resume_buttons.addWidget(self.resume_button)
        resume_buttons.addWidget(self.forget_button)
        resume_buttons.addWidget(self.read_saved_button)
        resume_buttons.addStretch(1)
        resume_layout.addLayout(resume_buttons)
        self.open_by_hand = OpenByHand()
        resume_layout.addWidget(self.open_by_hand)
        self.resume_box.hide()
        layout.addWidget(self.resume_box)

        layout.addStretch(1)
        demo_row = QHBoxLayout()
        demo_row.addWidget(
            paragraph(
                self.tr(
                    "Not sure yet? Try everything first with a made-up Mattermost "
                    "server that runs inside this program."
                )
            ),
            1,
        )
        self.demo_button = QPushButton(self.tr("Try it with the demo server"))
        self.demo_button.clicked.connect(self._demo_clicked)
        demo_row.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(demo_row)
        self.status = StatusLabel()
        layout.addWidget(self.status)

    def _language_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        label = QLabel(self.tr("&Language:"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(self.wiz.language))
        name_for_screen_reader(
            self.language,
            self.tr("Language"),
            self.tr("The language of this program and of the archive it writes."),
        )
        label.setBuddy(self.language)
        self.language.activated.connect(self._language_chosen)
        row.addWidget(label)
        row.addWidget(self.language)
        return row

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != self.wiz.language:
            self.wiz.switch_language(code)

    def initializePage(self) -> None:
        self._show_unfinished()
        self._show_home_problem()
        if self.wiz.demo_requested and self.state.demo_server is None and self._demo_task is None:
            self.start_demo(advance=False)

    def _show_home_problem(self) -> None:
        """A read-only or full home folder: nothing to fix for the export, but the person should know."""
        problem = paths.home_problem() or log_file_problem()
        if problem is None or self.status.kind:
            return
        place = getattr(problem, "filename", None) or str(paths.config_dir(create=False))
        self.status.show_message(
            "warn",
            self.tr(
                "Settings and the log cannot be saved on this computer (%1 cannot be written). "
                "Exporting works as usual; the program will not remember your choices for next time."
            ).replace("%1", _html(str(place))),
        )

    # ---- unfinished export --------------------------------------------------------------------------
    def _show_unfinished(self) -> None:
        unfinished = self.state.settings.unfinished
        if unfinished is None or self.state.resume is not None:
            self.resume_box.hide()
            return
        if examine(unfinished.folder).kind is not Kind.UNFINISHED:
            self.resume_box.hide()
            return
        self.resume_text.setText(
            self.tr(
                "<b>An export was not finished.</b><br>It was saving chats from %1 into the folder %2. "
                "You can continue where it stopped; nothing is fetched twice."
            )
            .replace("%1", _html(unfinished.server))
            .replace("%2", _html(unfinished.folder))
        )
        self.resume_box.show()
        self._make_saved_part_readable(Path(unfinished.folder), unfinished.options)

    def _make_saved_part_readable(self, folder: Path, options: dict) -> None:
        """A crash or a killed program ends an export before it writes its index.html; what it saved is
        made readable now, before the person decides to continue (the server may be gone by then)."""
        if (folder / INDEX).is_file():
            self.read_saved_button.show()
            return
        if self._render_task is not None:
            return
        formats = [f for f in options.get("formats") or ["html"] if f != "json"] or ["html"]
        if "html" not in formats:
            formats.append("html")
        lang = self.wiz.language
        self._render_task = self.tasks.submit(
            lambda: render_saved_part(folder, formats, lang), self._saved_part_rendered, self._render_failed, "render"
        )

    def _saved_part_rendered(self, _result: object) -> None:
        self._render_task = None
        self.read_saved_button.show()

    def _render_failed(self, exc: BaseException) -> None:
        # Not worth a warning on the first page: continuing the export writes index.html as well.
        self._render_task = None
        log.warning("could not render the unfinished archive: %s", exc)

    def _open_saved(self) -> None:
        unfinished = self.state.settings.unfinished
        if unfinished is not None:
            self.open_by_hand.open(Path(unfinished.folder) / INDEX)

    def _continue_unfinished(self) -> None:
        unfinished = self.state.settings.unfinished
        if unfinished is None:
            return
        self.state.resume = unfinished
        self.state.server_url = unfinished.server
        self.resume_box.hide()
        self.wiz.next()

    def _forget_unfinished(self) -> None:
        self.state.settings.unfinished = None
        self.wiz.save_settings()
        self.resume_box.hide()

    # ---- demo ---------------------------------------------------------------------------------------
    def _demo_clicked(self) -> None:
        if self.state.demo_server is not None:
            self._use_demo()
            self.wiz.next()
            return
        self.start_demo(advance=True)

    def start_demo(self, advance: bool) -> None:
        self._advance_after_demo = advance
        self.demo_button.setEnabled(False)
        self.language.setEnabled(False)  # the pages are rebuilt on a switch; not while the demo starts
        self.status.show_message("busy", self.tr("Starting the demo server…"))
        self._demo_task = self.tasks.submit(start_demo_server, self._demo_started, self._demo_failed, "demo")

    def _demo_started(self, server: DemoServer) -> None:
        self._demo_task = None
        self.state.demo_server = server
        self.demo_button.setEnabled(True)
        self.language.setEnabled(True)
        self.status.show_message(
            "ok",
            self.tr(
                "The demo server is running. Its address and a sign-in are filled "
                "in for you on the next pages."
            ),
        )
        self._use_demo()
        if self._advance_after_demo and self.wiz.currentPage() is self:
            self.wiz.next()

    def _use_demo(self) -> None:
        server = self.state.demo_server
        assert server is not None, "called once the demo server runs"
        self.state.resume = None
        self.state.server_url = server.url
        self.state.pending_token = server.token
        self.state.address_typed = server.url  # the server page shows it when it is shown
        current = self.wiz.currentPage()
        if isinstance(current, Page) and current is not self:
            current.arrived()  # the demo came up after the person went on: the page shown catches up

    def _demo_failed(self, exc: BaseException) -> None:
        self._demo_task = None
        self.demo_button.setEnabled(True)
        self.language.setEnabled(True)
        self.status.show_message("error", describe_error(exc).as_html())


def _html(text: str) -> str:
    from html import escape

    return escape(text)
