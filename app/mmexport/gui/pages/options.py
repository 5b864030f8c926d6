"""Page 5: where to save, which formats, files on or off (with a size limit), and a date range."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWizard,
)

from mmexport import paths
from mmexport.archive.folders import existing_part, free_bytes, free_folder_beside, may_write, parent_missing
from mmexport.archive.layout import WRITE_PROBE, slug
from mmexport.archive.owner import Owner, owner_problem
from mmexport.archive.reader import FolderState, Kind, examine
from mmexport.exporting import formats
from mmexport.exporting.options import ExportOptions
from mmexport.gui.messages import describe_error, format_size, translate_text
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, name_for_screen_reader

BYTES_PER_MESSAGE = 2_000  # posts.jsonl plus the viewer's pages, measured on the demo workspace
BYTES_PER_FILE = 400_000  # a typical office attachment; only a rough guide for the free-space check


def default_folder(server_url: str, username: str = "", every_channel: bool = False) -> Path:
    """Documents/Mattermost <host> <username>: one folder per server and person (one archive, one owner),
    so that the next run finds it and brings it up to date; an administrator's every-channel export has
    its own."""
    host = server_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    parts = ["Mattermost", slug(host, "server")]
    if username:
        parts.append(slug(username, "user"))
    if every_channel:
        parts.append("admin")
    return paths.default_archive_parent() / " ".join(parts)


class OptionsPage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Where and how to save"))
        self.setSubTitle(
            self.tr(
                "The defaults suit most people. The chats are always saved completely in a "
                "form other programs can read, too."
            )
        )
        # Starting the export is the point of no return: no Back from the export page.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Start export"))
        layout = QVBoxLayout(self)

        place = QGroupBox(self.tr("Folder"))
        place_layout = QVBoxLayout(place)
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.textChanged.connect(self._update_space)
        self.browse = QPushButton(self.tr("&Choose…"))
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._choose_folder)
        folder_label = QLabel(self.tr("Save &into:"))
        folder_label.setBuddy(self.folder)
        name_for_screen_reader(
            self.folder, self.tr("Save into"), self.tr("The folder the archive is written to")
        )
        row.addWidget(folder_label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        place_layout.addLayout(row)
        self.space = StatusLabel()
        place_layout.addWidget(self.space)
        self.new_folder = QPushButton(self.tr("Use a &new folder"))
        self.new_folder.setAutoDefault(False)
        self.new_folder.clicked.connect(self._use_new_folder)
        self.new_folder.hide()
        place_layout.addWidget(self.new_folder, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(place)

        what = QGroupBox(self.tr("What to save"))
        grid = QGridLayout(what)
        self.files = QCheckBox(self.tr("Attached &files and pictures"))
        self.files.setChecked(True)
        self.files.toggled.connect(self._files_toggled)
        self.limit_on = QCheckBox(self.tr("&Skip files larger than"))
        self.limit = QSpinBox()
        self.limit.setRange(1, 100_000)
        self.limit.setValue(100)
        self.limit.setSuffix(self.tr(" MB"))
        self.limit_on.toggled.connect(self.limit.setEnabled)
        self.limit_on.toggled.connect(self._update_space)
        self.limit.setEnabled(False)
        name_for_screen_reader(self.limit, self.tr("Size limit in megabytes"))
        grid.addWidget(self.files, 0, 0, 1, 3)
        grid.addWidget(self.limit_on, 1, 0)
        grid.addWidget(self.limit, 1, 1)
        # One checkbox per format that is not always included, in the registry's order (exporting/formats/).
        self.format_boxes: dict[str, QCheckBox] = {}
        for line, fmt in enumerate((f for f in formats.all_formats() if not f.default), start=2):
            box = QCheckBox(QCoreApplication.translate("Formats", fmt.label))
            if fmt.tooltip:
                box.setToolTip(QCoreApplication.translate("Formats", fmt.tooltip))
            grid.addWidget(box, line, 0, 1, 3)
            self.format_boxes[fmt.key] = box
        note = QLabel(
            self.tr("The readable web page (index.html) and the complete data (JSON) are always included.")
        )
        note.setWordWrap(True)
        grid.addWidget(note, 2 + len(self.format_boxes), 0, 1, 3)
        grid.setColumnStretch(2, 1)
        layout.addWidget(what)

        when = QGroupBox(self.tr("Time span"))
        when_layout = QHBoxLayout(when)
        self.after_on = QCheckBox(self.tr("Only messages &from"))
        self.after = QDateEdit()
        self.before_on = QCheckBox(self.tr("&until"))
        self.before = QDateEdit()
        for check, edit in ((self.after_on, self.after), (self.before_on, self.before)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        name_for_screen_reader(self.after, self.tr("First day"), self.tr("Only messages from this day on"))
        name_for_screen_reader(self.before, self.tr("Last day"), self.tr("Only messages until this day"))
        self.after.setDate(QDate.currentDate().addYears(-1))
        self.before.setDate(QDate.currentDate())
        when_layout.addWidget(self.after_on)
        when_layout.addWidget(self.after)
        when_layout.addWidget(self.before_on)
        when_layout.addWidget(self.before)
        when_layout.addStretch(1)
        layout.addWidget(when)
        layout.addStretch(1)
        self.status = StatusLabel()
        layout.addWidget(self.status)

    def initializePage(self) -> None:
        last = self.state.settings.last_folder
        me = self.me()
        suggestion = self._default_folder()
        if owner_problem(examine(suggestion), me) is not None:
            suggestion = free_folder_beside(suggestion, suggestion.name)
        # Bringing the same archive up to date is the common second run; never another server's or person's.
        if last and Path(last).parent.exists():
            earlier = examine(last)
            if earlier.is_archive and owner_problem(earlier, me) is None:
                suggestion = Path(last)
        self.folder.setText(str(suggestion))
        self.status.clear_message()
        self._update_space()
        self.focus_later(self.folder)

    def me(self) -> Owner:
        """Who would own the archive: the server's own id came with the chat list (owner.py compares by
        it, and by address where an archive lacks it); the export checks again before it writes."""
        me = self.state.me or {}
        chats = self.state.chat_list
        return Owner(
            self.state.server_url,
            str(me.get("id") or ""),
            str(me.get("username") or ""),
            chats.server_id if chats else "",
            chats.site_url if chats else "",
            every_channel=self.state.options.every_channel,
        )

    def _default_folder(self) -> Path:
        me = self.me()
        return default_folder(self.state.server_url, me.username, me.every_channel)

    def _use_new_folder(self) -> None:
        folder = self.target_folder()
        if folder is not None:
            self.folder.setText(str(free_folder_beside(folder, self._default_folder().name)))

    def _choose_folder(self) -> None:
        start = self.folder.text() or str(paths.default_archive_parent())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the export"), start)
        if chosen:
            self.folder.setText(chosen)

    def _files_toggled(self, on: bool) -> None:
        self.limit_on.setEnabled(on)
        self.limit.setEnabled(on and self.limit_on.isChecked())
        self._update_space()

    # ---- checks ----------------------------------------------------------------------------------------
    def target_folder(self) -> Path | None:
        target = self.target_state()
        return target.path if target is not None else None

    def target_state(self) -> FolderState | None:
        """What examine() finds in the folder the export would go into; examined once per look, and the
        checks below take this answer instead of reading the folder again."""
        text = self.folder.text().strip()
        if not text:
            return None
        typed = examine(Path(text).expanduser())
        if typed.kind in (Kind.OTHER, Kind.NOT_A_FOLDER):
            # a folder that holds other things (Documents itself, say): make the export its own folder inside
            return examine(typed.path / self._default_folder().name)
        return typed

    def needed_bytes(self) -> int:
        messages, files = self.state.estimate() if self.state.chat_list else (0, 0)
        need = messages * BYTES_PER_MESSAGE
        if self.files.isChecked():
            per_file = BYTES_PER_FILE
            if self.limit_on.isChecked():
                per_file = min(per_file, self.limit.value() * 1_000_000)
            need += files * per_file
        return need

    def folder_problem(self, target: FolderState) -> str | None:
        """Why the export may not go into the `target` folder, as plain text in the interface language, or
        None."""
        if parent_missing(target.path):
            return self.tr("This folder does not exist: is the USB stick (the drive) plugged in?")
        other = owner_problem(target, self.me())
        if other is not None:
            return translate_text(other, str(other))
        return None

    def _update_space(self) -> None:
        target = self.target_state()
        self.new_folder.hide()
        if target is None:
            self.space.show_message("warn", escape(self.tr("Please choose a folder.")))
            return
        folder = target.path
        problem = self.folder_problem(target)
        if problem is not None:
            self.space.show_message("error", escape(problem))
            self.new_folder.setVisible(not parent_missing(folder))  # a new folder beside someone else's
            return
        if not may_write(folder):
            text = self.tr(
                "You may not save into %1. Please choose a folder of your own, for example in Documents."
            )
            self.space.show_message("error", escape(text.replace("%1", str(existing_part(folder)))))
            return
        lines = []
        if folder != Path(self.folder.text().strip()).expanduser():
            lines.append(
                self.tr(
                    "That folder already holds other files, so the export goes into a new folder "
                    "inside it: %1"
                ).replace("%1", escape(str(folder)))
            )
        elif target.is_archive:
            lines.append(
                escape(
                    self.tr(
                        "This folder holds an earlier export. It will be brought up to date; "
                        "nothing is fetched twice."
                    )
                )
            )
        free = free_bytes(folder)
        need = self.needed_bytes()
        kind_of_message = "info"
        if free is not None:
            text = self.tr("About %1 needed, %2 free.").replace("%1", format_size(need))
            lines.append(escape(text.replace("%2", format_size(free))))
            if free < need:
                kind_of_message = "warn"
                lines.append(
                    escape(
                        self.tr(
                            "There may not be enough space. Choose another drive, leave out "
                            "files or set a size limit."
                        )
                    )
                )
        self.space.show_message(kind_of_message, "<br>".join(lines))

    def options(self) -> ExportOptions:
        options = self.state.options
        options.files = self.files.isChecked()
        options.max_file_size = (
            self.limit.value() * 1_000_000 if (options.files and self.limit_on.isChecked()) else None
        )
        options.formats = formats.default_keys() + [key for key, box in self.format_boxes.items() if box.isChecked()]
        options.after = _start_of_day(self.after.date()) if self.after_on.isChecked() else None
        options.before = _start_of_day(self.before.date().addDays(1)) if self.before_on.isChecked() else None
        return options

    def validatePage(self) -> bool:
        target = self.target_state()
        if target is None:
            self.status.show_message("error", escape(self.tr("Please choose a folder.")))
            return False
        folder = target.path
        options = self.options()
        if options.after and options.before and options.after >= options.before:
            self.status.show_message("error", escape(self.tr("The start date is after the end date.")))
            return False
        problem = self.folder_problem(target)
        if problem is not None:
            self.status.show_message("error", escape(problem))
            return False
        try:
            folder.mkdir(exist_ok=True)  # the chosen folder at most, never its missing parents
            probe = folder / WRITE_PROBE
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:  # said in the interface language: no system English inside a German sentence
            self.status.show_message("error", describe_error(exc).as_html())
            return False
        free = free_bytes(folder)
        if free is not None and free < self.needed_bytes():
            question = self.tr("There may not be enough free space for this export. Start it anyway?")
            if not self.wiz.confirm(self.tr("Little free space"), question):
                return False
        self.state.out_dir = folder
        self.state.settings.last_folder = str(folder)
        self.wiz.save_settings()
        return True


def date_format() -> str:
    """The person's short date format with a four-digit year (03.04.2025, 4/3/2025), never ambiguous."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def _start_of_day(day: QDate) -> datetime:
    return datetime(day.year(), day.month(), day.day()).astimezone()
