"""Page 4: which chats to save. A tree with checkboxes, a filter, and a live estimate of the selection."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
)

from mmexport.gui.chat_model import COL_LAST, COL_MESSAGES, COL_NAME, ChatModel
from mmexport.gui.chatlist import ChatList, LoadProgress, load_chat_list
from mmexport.gui.every_channel_view import EveryChannelSwitch
from mmexport.gui.messages import Counts, describe_error, format_count
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, name_for_screen_reader
from mmexport.gui.worker import Task
from mmexport.mattermost import errors
from mmexport.mattermost.client import Client

FILTER_DELAY_MS = 150
COUNT_DELAY_MS = 400  # after the last tick, so that ticking a whole team asks only once
COUNT_BATCH = 40  # channels per worker task: the worker stays free for other work in between
COUNT_PARALLEL = 4  # requests at the same time


def fetch_file_counts(client: Client, channel_ids: list[str], stop: threading.Event) -> dict[str, int]:
    """Runs in the worker thread: how many files each channel holds (GET /channels/{id}/stats)."""
    counts: dict[str, int] = {}

    def count(channel_id: str) -> None:
        if stop.is_set():
            return
        try:
            stats = client.channel_stats(channel_id)
        except (errors.SignInExpired, errors.Cancelled):
            raise
        except errors.MattermostError:
            counts[channel_id] = 0  # an estimate only: a channel the server will not count adds nothing
            return
        counts[channel_id] = max(0, int(stats.get("files_count") or 0))  # -1 means "not counted"

    with ThreadPoolExecutor(max_workers=COUNT_PARALLEL, thread_name_prefix="stats") as pool:
        list(pool.map(count, channel_ids))
    return counts


class ChatsPage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose the chats to save"))
        self.setSubTitle(
            self.tr(
                "Tick the channels and conversations you want to keep. Click a team's box to "
                "tick all of its channels."
            )
        )
        self._task: Task | None = None
        self._loaded_for = ""  # server + user the list belongs to
        self.model = ChatModel(self)
        self.model.selection_changed.connect(self._selection_changed)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self._count_task: Task | None = None
        self._count_stop = threading.Event()
        self._counting_failed = False
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_files)
        self._progress = LoadProgress()
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(250)
        self._progress_timer.timeout.connect(self._show_load_progress)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        filter_label = QLabel(self.tr("&Find:"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("a name or part of it"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        filter_label.setBuddy(self.filter)
        name_for_screen_reader(
            self.filter,
            self.tr("Find"),
            self.tr("Shows only the chats whose name, or a member's name or username, contains this"),
        )
        self.show_archived = QCheckBox(self.tr("Show &archived channels"))
        self.show_archived.toggled.connect(self._archived_toggled)
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_archived)
        layout.addLayout(top)
        # Right under the search, where the eyes are: an empty tree alone looks like a broken list.
        self.no_matches = QLabel(self.tr("No matches"))
        bold = self.no_matches.font()
        bold.setBold(True)
        self.no_matches.setFont(bold)
        self.no_matches.hide()
        layout.addWidget(self.no_matches)
        self.every_channel = EveryChannelSwitch(self)  # administrators: every channel of a team
        self.every_channel.selection_changed.connect(self._selection_changed)
        layout.addWidget(self.every_channel.toggle)
        layout.addWidget(self.every_channel.why_not)

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # keeps thousands of rows quick
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_MESSAGES, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_LAST, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_MESSAGES, 110)
        header.resizeSection(COL_LAST, 130)
        name_for_screen_reader(
            self.tree,
            self.tr("Chats"),
            self.tr("Arrow keys move, Space ticks or clears a chat, or on a team all of its channels."),
        )
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.every_channel.panel, 1)

        bottom = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Select a&ll"))
        self.all_button.clicked.connect(lambda: self._set_all_checked(True))
        self.none_button = QPushButton(self.tr("Select &none"))
        self.none_button.clicked.connect(lambda: self._set_all_checked(False))
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bottom.addWidget(self.all_button)
        bottom.addWidget(self.none_button)
        bottom.addWidget(self.summary, 1)
        layout.addLayout(bottom)
        status_row = QHBoxLayout()
        self.status = StatusLabel()
        self.signin_again = QPushButton(self.tr("Sign &in again"))
        self.signin_again.setAutoDefault(False)
        self.signin_again.clicked.connect(self.back_to_sign_in)
        self.signin_again.hide()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.signin_again)
        layout.addLayout(status_row)

    # ---- loading -------------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.every_channel.offer()
        self.refresh()
        self.focus_later(self.tree)

    def refresh(self) -> None:
        """Shown (again): load the list, or check that the sign-in behind the list shown still works."""
        self.signin_again.hide()
        key = self._list_key()
        if key != self._loaded_for or self.state.chat_list is None:
            self._load(key)
            return
        self._selection_changed()
        client = self.state.client
        if client is None:  # a list without a sign-in behind it is not offered
            self._sign_in_expired()
            return
        self.tasks.forget(self._task)
        self.status.show_message("busy", escape(self.tr("Checking that your sign-in still works…")))
        self._task = self.tasks.submit(client.me, self._still_signed_in, self._failed, "recheck")
        self.completeChanged.emit()

    def _still_signed_in(self, _me: dict) -> None:
        self._task = None
        self.status.clear_message()
        self.completeChanged.emit()

    def _list_key(self) -> str:
        return f"{self.state.server_url}|{(self.state.me or {}).get('id', '')}"

    def _load(self, key: str) -> None:
        self.tasks.forget(self._task)
        self._stop_counting()
        self.state.file_counts.clear()
        self._counting_failed = False
        self.state.chat_list = None
        self.model.set_chats(ChatList(me=self.state.me or {}, teams=[], rows=[]))
        self.status.show_message("busy", escape(self.tr("Loading the list of your chats…")))
        client, me = self.state.client, self.state.me or {}
        # The direct message with oneself, as in "Anna Beispiel (you)"; {name} stays as it is.
        yourself = self.tr("{name} (you)")
        self._progress = progress = LoadProgress()
        self._task = self.tasks.submit(
            lambda: load_chat_list(client, me, yourself=yourself, progress=progress),
            self._loaded,
            self._failed,
            "list",
        )
        self._progress_timer.start()
        self._loaded_for = key
        self.completeChanged.emit()

    def _show_load_progress(self) -> None:
        """A slow server takes half a minute for a big list: the figures show that it moves on."""
        progress = self._progress
        if progress.step == "teams":
            text = self.tr("Loading the list of your chats…")
        elif progress.step == "channels":
            text = self.tr("%n chat(s) found so far…", "", progress.chats)
        elif progress.step == "names":
            text = self.tr("%n chat(s) loaded; looking up the names of the people…", "", progress.chats)
        else:
            text = self.tr("%n chat(s) loaded; pictures: %1 of %2…", "", progress.chats)
            text = text.replace("%1", format_count(progress.pictures_done))
            text = text.replace("%2", format_count(progress.pictures_total))
        self.status.show_message("busy", escape(text))

    def _loaded(self, chats: ChatList) -> None:
        self._task = None
        self._progress_timer.stop()
        self.state.chat_list = chats
        self.status.clear_message()
        remembered = self.state.settings.selection_for(self.state.server_url)
        archived_ids = {r.id for r in chats.rows if r.archived}
        if remembered and set(remembered) & archived_ids:
            self.show_archived.setChecked(True)
        self.model.set_chats(chats)
        self.model.mark_saved(self.state.saved_ids)
        wanted = remembered or self.state.selected_ids
        self.model.set_checked_ids([cid for cid in wanted if cid not in self.state.saved_ids])
        self.tree.expandAll()
        self._focus_first_row()
        self.completeChanged.emit()

    def choose_again(self) -> None:
        """A fresh choice after an export: no old search text, nothing ticked, the saved chats marked."""
        self.filter.clear()
        self._apply_filter()
        self.model.mark_saved(self.state.saved_ids)
        self.model.set_checked_ids(self.state.selected_ids)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._progress_timer.stop()
        self._loaded_for = ""
        if isinstance(exc, errors.SignInExpired):
            self._sign_in_expired()
            return
        self.status.show_message("error", describe_error(exc, server=self.state.server_url).as_html())
        self.completeChanged.emit()

    def _sign_in_expired(self) -> None:
        """No list from a dead sign-in: what it showed may be out of date, and nothing can be exported."""
        self._stop_counting()
        self.state.chat_list = None
        self.state.client = None
        self.state.me = None
        self.model.set_chats(ChatList(me={}, teams=[], rows=[]))
        self.summary.clear()
        self.status.show_message("warn", escape(self._expired_text()))
        self.signin_again.show()
        self.completeChanged.emit()

    def _expired_text(self) -> str:
        return self.tr(
            "Your sign-in has expired (or you signed out in the browser). Please sign in again on the "
            "previous page."
        )

    def back_to_sign_in(self) -> None:
        self.state.signin_expired = True  # the sign-in page says so when it is shown
        self.wiz.back()

    def _focus_first_row(self) -> None:
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.selectionModel().setCurrentIndex(
                first,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    # ---- filter and switches -------------------------------------------------------------------------
    def _set_all_checked(self, checked: bool) -> None:
        if self.every_channel.active:
            self.every_channel.set_all_checked(checked)
        else:
            self.model.set_all_checked(checked)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter.text())
        self.tree.expandAll()
        self._show_no_matches()

    def _show_no_matches(self) -> None:
        self.no_matches.setVisible(self.model.nothing_found())

    def _archived_toggled(self, show: bool) -> None:
        self.state.options.include_archived = show
        self.model.set_show_archived(show)
        self.tree.expandAll()
        self._show_no_matches()

    # ---- the live estimate ---------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        if self.every_channel.active:
            self.state.selected_ids = self.every_channel.checked_ids()
            self.state.every_channel = self.every_channel.channels_by_id()
        else:
            self.state.selected_ids = self.model.checked_ids()
        count = len(self.state.selected_ids)
        if count == 0:
            self.summary.setText(self.tr("Nothing selected yet."))
        else:
            messages, files = self.estimate()
            counts = Counts()
            if self._uncounted() and not self._counting_failed:
                text = self.tr("%n chat(s) selected: about %1; counting the files…", "", count)
                text = text.replace("%1", counts.messages(messages))
                self._count_timer.start()
            elif files:
                text = self.tr("%n chat(s) selected: about %1.", "", count)
                text = text.replace("%1", counts.messages_and_files(messages, files))
            else:
                text = self.tr("%n chat(s) selected: about %1.", "", count).replace(
                    "%1", counts.messages(messages)
                )
            self.summary.setText(text)
        self.completeChanged.emit()

    def estimate(self) -> tuple[int, int]:
        return self.state.estimate()

    # ---- counting files, a few ticked chats at a time, off the GUI thread ---------------------------
    def _uncounted(self) -> list[str]:
        return [cid for cid in self.state.selected_ids if cid not in self.state.file_counts]

    def _count_files(self) -> None:
        client = self.state.client
        if self._count_task is not None or client is None or self._counting_failed:
            return  # the running batch schedules the next one when it returns
        batch = self._uncounted()[:COUNT_BATCH]
        if not batch:
            return
        self._count_stop = stop = threading.Event()
        self._count_task = self.tasks.submit(
            lambda: fetch_file_counts(client, batch, stop),
            self._files_counted,
            self._counting_stopped,
            "stats",
        )

    def _files_counted(self, counts: dict[str, int]) -> None:
        self._count_task = None
        self.state.file_counts.update(counts)
        self._selection_changed()  # shows the new figure and asks for the next batch if needed

    def _counting_stopped(self, exc: BaseException) -> None:
        self._count_task = None
        if isinstance(exc, errors.SignInExpired):
            self._sign_in_expired()
            return
        self._counting_failed = True  # the estimate shows messages only; the export itself will tell
        self._selection_changed()

    def _stop_counting(self) -> None:
        self._count_timer.stop()
        self._count_stop.set()
        self.tasks.forget(self._count_task)
        self._count_task = None

    def cleanupPage(self) -> None:
        self._stop_counting()
        self.every_channel.stop()
        self.tasks.forget(self._task)
        self._task = None
        self._progress_timer.stop()
        self._loaded_for = "" if self.state.chat_list is None else self._loaded_for

    def isComplete(self) -> bool:
        return self._task is None and bool(self.state.selected_ids)

    def validatePage(self) -> bool:
        self._stop_counting()
        self.state.settings.remember_selection(self.state.server_url, self.state.selected_ids)
        self.wiz.save_settings()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the tree moves on, as everywhere else in the wizard, instead of only selecting a row.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isComplete():
            self.wiz.next()
            return
        super().keyPressEvent(event)
