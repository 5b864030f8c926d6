"""Page 7: a plain summary, buttons to open the archive, and "Prepare for moving to another system"."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWizard,
)

from mmexport.archive.layout import INDEX
from mmexport.archive.reader import Archive
from mmexport.exporting.convert.report import ConversionReport
from mmexport.exporting.events import QT_TRANSLATE_NOOP, RunFinished, Text
from mmexport.exporting.server_commands import is_admin_export, server_commands
from mmexport.exporting.verify import VerifyReport, verify_archive
from mmexport.exporting.writers.about import join_leave_notices
from mmexport.gui.messages import chats_count, describe_error, format_size, messages_and_files, translate_text
from mmexport.gui.open_by_hand import OpenByHand
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, name_for_screen_reader, paragraph
from mmexport.gui.worker import Task

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 12

# The engine's sentences about one attachment, said with the chat it belongs to: this page lists the problems
# of every chat together, so "“report.pdf” is no longer on the server" alone would not say where to look.
_IN_CHAT = {
    "“{name}” is no longer on the server.": QT_TRANSLATE_NOOP(
        "Engine", "“{name}” in “{chat}” is no longer on the server."
    ),
    "“{name}” may not be downloaded (the server refused it).": QT_TRANSLATE_NOOP(
        "Engine", "“{name}” in “{chat}” may not be downloaded (the server refused it)."
    ),
    "“{name}” could not be downloaded: {reason}": QT_TRANSLATE_NOOP(
        "Engine", "“{name}” in “{chat}” could not be downloaded: {reason}"
    ),
    "“{name}” was left out: it is larger than the chosen limit.": QT_TRANSLATE_NOOP(
        "Engine", "“{name}” in “{chat}” was left out: it is larger than the chosen limit."
    ),
}


class ConversionProgress:
    """Thread-safe holder the converter writes into; the page reads it on a timer."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def run_conversion(root: Path, target: str, out_zip: Path, progress: ConversionProgress) -> ConversionReport:
    """Runs in the worker thread."""
    from mmexport.exporting.convert import convert_archive

    return convert_archive(root, target, out_zip, progress)


class DonePage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Done"))
        self.setSubTitle(
            self.tr("Your archive is ready. Keep the folder somewhere safe, for example on a backup drive.")
        )
        self._convert_task: Task | None = None
        self._progress = ConversionProgress()
        # Read once per visit by initializePage, for both summaries (before and after the size is known):
        self._manifest: dict = {}
        self._figures: ArchiveFigures | None = None
        layout = QVBoxLayout(self)
        self.summary = paragraph("")
        self.summary.setTextInteractionFlags(self.summary.textInteractionFlags())
        layout.addWidget(self.summary)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open the archive"))
        self.open_button.clicked.connect(self.open_archive)
        self.folder_button = QPushButton(self.tr("Show the &folder"))
        self.folder_button.clicked.connect(self.show_folder)
        self.more_button = QPushButton(self.tr("&Export more chats"))
        self.more_button.clicked.connect(self.wiz.export_more)
        for button in (self.open_button, self.folder_button, self.more_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.open_by_hand = OpenByHand()
        layout.addWidget(self.open_by_hand)
        layout.addWidget(self._build_next_steps())

        # Optional and rarely needed: folded away under a quiet button, so that it does not outweigh
        # "Open the archive".
        self.move_toggle = QToolButton()
        self.move_toggle.setText(self.tr("&Prepare for moving to another system (optional)"))
        self.move_toggle.setCheckable(True)
        self.move_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.move_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.move_toggle.setAutoRaise(True)
        self.move_toggle.toggled.connect(self._show_move)
        layout.addWidget(self.move_toggle)
        move = QGroupBox()
        self.move_box = move
        move_layout = QVBoxLayout(move)
        self.to_mattermost = QRadioButton(self.tr("For another &Mattermost server"))
        mm_text = QLabel(
            self.tr(
                "Makes an import file that the administrator of the new Mattermost server loads with its import "
                "tool. Channels, messages, threads, reactions and files arrive as they were."
            )
        )
        self.to_slack = QRadioButton(self.tr("In the &Slack export format"))
        slack_text = QLabel(
            self.tr(
                "Many chat systems (for example Rocket.Chat, Zulip, Mattermost) can read this format. Choose it "
                "when the new system is not Mattermost."
            )
        )
        for text in (mm_text, slack_text):
            text.setWordWrap(True)
            text.setIndent(24)
        self.targets = QButtonGroup(self)
        self.targets.addButton(self.to_mattermost)
        self.targets.addButton(self.to_slack)
        self.to_mattermost.setChecked(True)
        move_layout.addWidget(self.to_mattermost)
        move_layout.addWidget(mm_text)
        move_layout.addWidget(self.to_slack)
        move_layout.addWidget(slack_text)
        row = QHBoxLayout()
        self.convert_button = QPushButton(self.tr("&Create the file…"))
        self.convert_button.setAutoDefault(False)
        self.convert_button.clicked.connect(self.choose_and_convert)
        self.convert_bar = QProgressBar()
        self.convert_bar.hide()
        name_for_screen_reader(self.convert_bar, self.tr("Progress of creating the file"))
        row.addWidget(self.convert_button)
        row.addWidget(self.convert_bar, 1)
        move_layout.addLayout(row)
        self.convert_status = StatusLabel()
        move_layout.addWidget(self.convert_status)
        layout.addWidget(move)
        move.hide()
        layout.addStretch(1)

        self._convert_timer = QTimer(self)
        self._convert_timer.setInterval(200)
        self._convert_timer.timeout.connect(self._show_convert_progress)

    def _build_next_steps(self) -> QGroupBox:
        """After an administrator's export: check the archive, then the server's own commands to copy
        (this program never runs them)."""
        box = QGroupBox(self.tr("Before you archive or delete these channels on the server"))
        self.next_box = box
        box_layout = QVBoxLayout(box)
        self.check_text = paragraph("")
        box_layout.addWidget(self.check_text)
        self.check_button = QPushButton(self.tr("&Check the archive"))
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check_archive)
        box_layout.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.check_status = StatusLabel()
        box_layout.addWidget(self.check_status)
        self.commands_text = paragraph("")
        box_layout.addWidget(self.commands_text)
        self.commands = QPlainTextEdit()
        self.commands.setReadOnly(True)
        self.commands.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.commands.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.commands.setMaximumHeight(120)
        name_for_screen_reader(self.commands, self.tr("Commands for the server's administrator tool"))
        box_layout.addWidget(self.commands)
        self.copy_button = QPushButton(self.tr("Co&py the commands"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_commands)
        box_layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.incomplete_text = paragraph("")
        box_layout.addWidget(self.incomplete_text)
        self._check_task: Task | None = None
        box.hide()
        return box

    def show_next_steps(self, folder: Path | None, manifest: dict) -> None:
        if folder is None or not is_admin_export(manifest):
            self.next_box.hide()
            return
        commands = server_commands(folder, manifest)
        self.check_text.setText(
            escape(
                self.tr(
                    "1. Check the archive: the button below reads every file again and compares it with the "
                    "archive's list (the same as %1 on the command line). Then open a channel or two, and keep "
                    "a copy of the folder, with a backup of the server's database and files."
                ).replace("%1", commands.verify)
            )
        )
        self.commands_text.setText(
            escape(
                self.tr(
                    "2. Then, with the server's administrator tool mmctl (this program never changes the "
                    "server): archive first, which can be undone; delete only later, which cannot."
                )
            )
        )
        self.commands.setPlainText(commands.script())
        self.copy_button.setEnabled(bool(commands.script()))
        self.incomplete_text.setVisible(bool(commands.incomplete))
        if commands.incomplete:
            self.incomplete_text.setText(
                "<b>"
                + escape(
                    self.tr("Not saved completely, so do not delete: %1").replace(
                        "%1", ", ".join(commands.incomplete)
                    )
                )
                + "</b>"
            )
        self.check_status.clear_message()
        self.next_box.show()

    def copy_commands(self) -> None:
        QGuiApplication.clipboard().setText(self.commands.toPlainText())
        self.check_status.show_message("ok", escape(self.tr("The commands are copied.")))

    def check_archive(self) -> None:
        folder = self.archive_dir()
        if folder is None or self._check_task is not None:
            return
        self.check_button.setEnabled(False)
        self.check_status.show_message("busy", escape(self.tr("Checking every file of the archive…")))
        self._check_task = self.tasks.submit(
            lambda: verify_archive(folder), self._checked, self._check_failed, "verify"
        )

    def _checked(self, report: VerifyReport) -> None:
        self._check_task = None
        self.check_button.setEnabled(True)
        if report.ok:
            text = self.tr("All good: every message and file matches the archive's list (%1).")
            self.check_status.show_message(
                "ok", "✔ " + escape(text.replace("%1", chats_count(report.channels)))
            )
            return
        shown = "".join(f"<li>{escape(error)}</li>" for error in report.errors[:MAX_PROBLEMS_SHOWN])
        text = self.tr(
            "The check found %n difference(s). Do not delete anything on the server yet.",
            "",
            len(report.errors),
        )
        self.check_status.show_message("error", escape(text) + f"<ul style='margin-top:0'>{shown}</ul>")

    def _check_failed(self, exc: BaseException) -> None:
        self._check_task = None
        self.check_button.setEnabled(True)
        self.check_status.show_message("error", describe_error(exc).as_html())

    def _show_move(self, show: bool) -> None:
        self.move_toggle.setArrowType(Qt.ArrowType.DownArrow if show else Qt.ArrowType.RightArrow)
        self.move_box.setVisible(show)

    # ---- summary -----------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.convert_status.clear_message()
        folder = self.archive_dir()
        # The archive is read once per visit: its manifest, and the join and leave notices (every chat's
        # posts.jsonl) for the summary, which is shown again when the folder's size is known.
        archive = Archive(folder) if folder is not None else None
        result = self.state.result
        self._manifest = archive.manifest if archive is not None else {}
        self._figures = archive_figures(archive, result) if archive is not None and result is not None else None
        self.summary.setText(self.summary_html(None))
        self.show_next_steps(folder, self._manifest)
        self.focus_later(self.open_button)
        # Enter opens the archive, the reason for coming here; QWizard makes its Finish button the default
        # while it switches pages, so this comes after that.
        QTimer.singleShot(0, self, self._make_open_the_default)
        folder = self.archive_dir()
        if folder is not None:  # walking a big archive takes a moment: not on the GUI thread
            self._size_task = self.tasks.submit(lambda: _folder_size(folder), self._size_known, None, "size")

    def _make_open_the_default(self) -> None:
        finish = self.wiz.button(QWizard.WizardButton.FinishButton)
        if isinstance(finish, QPushButton):
            finish.setDefault(False)
        self.open_button.setDefault(True)

    def _size_known(self, size: int) -> None:
        self.summary.setText(self.summary_html(size))

    def archive_dir(self) -> Path | None:
        result = self.state.result
        if result is not None:
            return Path(result.archive_dir)
        return self.state.out_dir

    def summary_html(self, size: int | None) -> str:
        result, figures, manifest = self.state.result, self._figures, self._manifest
        if result is None or figures is None:
            return ""
        folder = Path(result.archive_dir)
        lines = []
        admin = is_admin_export(manifest)  # the channels of others, not "your chats"
        if result.outcome == "done" and admin:
            lines.append("<b>" + escape(self.tr("All the chosen channels were saved.")) + "</b>")
        elif admin:
            lines.append(
                "<b>" + escape(self.tr("The chosen channels were saved, but a few things could not be.")) + "</b>"
            )
        elif result.outcome == "done":
            lines.append("<b>" + escape(self.tr("All your chats were saved.")) + "</b>")
        else:
            lines.append(
                "<b>" + escape(self.tr("Your chats were saved, but a few things could not be.")) + "</b>"
            )
        lines.append(escape(self.counts_text(result, figures, size)))
        lines.append(escape(self.tr("Folder: %1").replace("%1", str(folder))))
        lines.append(
            escape(
                self.tr(
                    "To read your chats, open the file index.html in that folder (the button "
                    "below does it for you). It works without internet."
                )
            )
        )
        problems = result.problems or manifest.get("problems", [])
        if problems:
            lines.append("<br><b>" + escape(self.tr("What could not be saved:")) + "</b>")
            chats = chat_names(manifest)
            items = "".join(f"<li>{escape(problem_text(p, chats))}</li>" for p in problems[:MAX_PROBLEMS_SHOWN])
            more = len(problems) - MAX_PROBLEMS_SHOWN
            if more > 0:
                items += "<li>" + escape(self.tr("and %n more (listed in manifest.json)", "", more)) + "</li>"
            lines.append(f"<ul style='margin-top:0'>{items}</ul>")
        return "<br>".join(lines)

    def counts_text(self, result: RunFinished, figures: ArchiveFigures, size: int | None) -> str:
        """The whole archive's figures (an update adds to earlier runs), so they match the folder's size."""
        chats, posts, files, notices = figures.chats, figures.posts, figures.files, figures.notices
        text = self.tr("The archive holds %1: %2.").replace("%1", chats_count(chats))
        text = text.replace("%2", messages_and_files(posts, files))
        if notices:
            text += " " + self.tr(
                "Besides these, it holds %n join or leave notice(s), which the server's chat list does not count.",
                "",
                notices,
            )
        if size is not None:
            text += " " + self.tr("%1 in total.").replace("%1", format_size(size))
        added = result.channels - result.updated  # new chats are never called "brought up to date"
        if chats != result.channels and added:
            text += " " + self.tr("%n chat(s) were added in this run.", "", added)
        if result.updated:
            text += " " + self.tr("%n chat(s) were brought up to date in this run.", "", result.updated)
        return text

    # ---- buttons -------------------------------------------------------------------------------------
    def open_archive(self) -> None:
        folder = self.archive_dir()
        if folder is not None:
            self.open_by_hand.open(folder / INDEX)

    def show_folder(self) -> None:
        folder = self.archive_dir()
        if folder is not None:
            self.open_by_hand.open(folder)

    def choose_and_convert(self) -> None:
        folder = self.archive_dir()
        if folder is None:
            return
        target = "mattermost" if self.to_mattermost.isChecked() else "slack"
        suggestion = (
            folder.parent
            / f"{folder.name} - {'mattermost-import' if target == 'mattermost' else 'slack-export'}.zip"
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the file as"), str(suggestion), self.tr("Zip files (*.zip)")
        )
        if chosen:
            self.convert(target, Path(chosen))

    def convert(self, target: str, out_zip: Path) -> None:
        """Runs the converter in the worker thread; the page keeps showing its progress."""
        folder = self.archive_dir()
        if folder is None or self._convert_task is not None:
            return
        self._progress = ConversionProgress()
        progress = self._progress
        self.convert_button.setEnabled(False)
        self.convert_bar.setRange(0, 0)
        self.convert_bar.show()
        self.convert_status.show_message("busy", escape(self.tr("Creating the file…")))
        self._convert_task = self.tasks.submit(
            lambda: run_conversion(folder, target, out_zip, progress),
            self._converted,
            self._convert_failed,
            "convert",
        )
        self._convert_timer.start()

    def conversion_running(self) -> bool:
        return self._convert_task is not None

    def _show_convert_progress(self) -> None:
        if self._progress.total:
            self.convert_bar.setRange(0, self._progress.total)
            self.convert_bar.setValue(self._progress.done)

    def _converted(self, report: ConversionReport) -> None:
        self._convert_finished()
        out = escape(str(report.out_zip or ""))
        lines = ["✔ " + escape(self.tr("The file is ready: %1")).replace("%1", out)]
        if report.left_out:
            lines.append(escape(self.tr("Left out, because the new system cannot take it:")))
            items = "".join(
                f"<li>{escape(f'{n} × {_convert_text(what)}: {_convert_text(why)}')}</li>"
                for what, n, why in report.left_out
            )
            lines.append(f"<ul style='margin-top:0'>{items}</ul>")
        else:
            lines.append(escape(self.tr("Nothing was left out.")))
        self.convert_status.show_message("ok", "<br>".join(lines))

    def _convert_failed(self, exc: BaseException) -> None:
        self._convert_finished()
        self.convert_status.show_message("error", describe_error(exc).as_html())

    def _convert_finished(self) -> None:
        self._convert_task = None
        self._convert_timer.stop()
        self.convert_bar.hide()
        name_for_screen_reader(self.convert_bar, self.tr("Progress of creating the file"))
        self.convert_button.setEnabled(True)

    def stop_for_close(self) -> None:
        """A conversion cannot be interrupted safely; it writes to a temporary file and is simply dropped."""
        self.tasks.forget(self._convert_task)
        self.tasks.forget(self._check_task)


@dataclass(frozen=True)
class ArchiveFigures:
    """The whole archive's figures for the summary."""

    chats: int
    posts: int  # without join and leave notices
    files: int
    notices: int  # join and leave notices, named apart


def archive_figures(archive: Archive, result: RunFinished) -> ArchiveFigures:
    """Reads every chat's posts.jsonl (for the notices): once per visit of the page."""
    manifest = archive.manifest
    channels = manifest.get("channels") if isinstance(manifest.get("channels"), list) else None
    if not channels:  # no manifest (yet): this run's figures are all there is
        return ArchiveFigures(result.channels, result.posts, result.files, 0)
    entries = [c for c in channels if isinstance(c, dict)]
    # Counted as the server's listing (and the archive's pages) count them: without join and leave
    # notices, which are named apart, so that this figure is the one the chat list showed.
    notices = sum(join_leave_notices(archive, c) for c in entries)
    posts = sum(int(c.get("posts") or 0) for c in entries) - notices
    return ArchiveFigures(len(channels), posts, len(manifest.get("files") or []), notices)


def chat_names(manifest: dict) -> dict[str, str]:
    """Channel id -> the chat's name as the archive shows it."""
    channels = manifest.get("channels")
    if not isinstance(channels, list):
        return {}
    return {
        str(c["id"]): str(c.get("display_name") or c.get("name") or "")
        for c in channels
        if isinstance(c, dict) and c.get("id")
    }


def problem_text(problem: dict, chats: dict[str, str] | None = None) -> str:
    """One entry of the manifest's problems in the interface language (older archives: English only), an
    attachment's with the name of its chat."""
    english = str(problem.get("what", ""))
    template = problem.get("template")
    if not isinstance(template, str) or not template:
        return english
    params = problem.get("params")
    if not isinstance(params, dict):
        params = {}
    chat = (chats or {}).get(str(problem.get("channel_id") or ""))
    if chat and template in _IN_CHAT:
        return translate_text(Text(_IN_CHAT[template], {**params, "chat": chat}), english)
    return translate_text(Text(template, params), english)


def _folder_size(folder: Path) -> int:
    total = 0
    try:
        for path in folder.rglob("*"):
            if path.is_file():
                total += path.stat().st_size
    except OSError:
        pass
    return total


def _convert_text(text: str) -> str:
    """The converter's reasons are English templates marked with QT_TRANSLATE_NOOP("Convert", ...)."""
    return QCoreApplication.translate("Convert", text)
