"""Page 6: the export itself. The engine runs in the worker thread; this page only shows what it reports.

Overall progress, the chats being saved right now with a bar each (the engine works on several at once),
counts, speed, time left and a short list of what is happening; Pause and Cancel (asking first). An expired sign-in opens a dialog for a fresh one and the export continues
where it stopped; a lost connection shows a countdown to the next try.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, Qt, QThread, QTimer
from PySide6.QtGui import QAccessible, QAccessibleValueChangeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mmexport.exporting import events as ev
from mmexport.exporting.options import ExportOptions
from mmexport.gui.dialogs import NewTokenDialog
from mmexport.gui.messages import (
    OtherPerson,
    describe_error,
    format_count,
    format_duration,
    format_size,
    messages_and_files,
    translate_text,
    wait_reason,
)
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, muted, name_for_screen_reader
from mmexport.gui.worker import EventRelay, Task
from mmexport.mattermost import errors
from mmexport.mattermost.desktop_login import BrowserSignin, exchange
from mmexport.settings import UnfinishedExport

if TYPE_CHECKING:
    from mmexport.exporting.engine import Exporter
    from mmexport.mattermost.client import Client

log = logging.getLogger(__name__)

MAX_LOG_LINES = 300
ANNOUNCE_EVERY_MS = 5000  # progress told to screen readers at most this often, or they would talk nonstop
ETA_AFTER_SECONDS = 15.0  # a pace measured over less says nothing yet
ETA_AFTER_GAIN = 0.03  # ... and so does one over less than 3 % of the work
ALMOST_DONE = 0.97  # the last few percent are the viewer's pages: "almost done", not a number
REFUSALS_WORTH_TELLING = 10.0  # seconds of 429s before the wizard says how long the server has refused
MAX_CHATS_SHOWN = 4  # as many chats as the engine usually saves at once; more are summed up in a line


@dataclass
class RunPace:
    """Time left from this run's own average pace (since its first figures), or None while that says
    nothing yet. An update or a continued export starts with work already done; only what this run
    adds counts, so "time left" never comes from an earlier run's figures."""

    clock: object = time.monotonic
    first_at: float | None = None
    first_fraction: float = 0.0

    def time_left(self, fraction: float) -> float | None:
        now = self.clock()  # type: ignore[operator]
        if self.first_at is None:
            self.first_at, self.first_fraction = now, fraction
            return None
        gained, elapsed = fraction - self.first_fraction, now - self.first_at
        if elapsed < ETA_AFTER_SECONDS or gained < ETA_AFTER_GAIN:
            return None
        return elapsed * max(0.0, 1.0 - fraction) / gained


@dataclass
class ChatsInProgress:
    """The chats the engine is saving right now (it works on several at once), in the order they started,
    so that a chat's bar stays where it is while it fills."""

    titles: dict[str, str] = field(default_factory=dict)  # every chat of the run: id -> shown title
    active: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (done, total)

    def progressed(self, channel_id: str, done: int, total: int) -> None:
        self.active[channel_id] = (done, total)

    def finished(self, channel_id: str) -> None:
        self.active.pop(channel_id, None)

    def shown(self, limit: int) -> tuple[list[tuple[str, int, int]], int]:
        """The first `limit` active chats as (title, done, total), and how many more there are."""
        rows = [(self.titles.get(cid, ""), done, total) for cid, (done, total) in self.active.items()]
        return rows[:limit], max(0, len(rows) - limit)


class ChatBars(QWidget):
    """A short list of the chats being saved, each with its own bar; a line sums up any beyond the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)  # a hidden row takes no room (a grid would keep its spacing)
        rows.setContentsMargins(0, 0, 0, 0)
        self.names: list[QLabel] = []
        self.bars: list[QProgressBar] = []
        for _ in range(MAX_CHATS_SHOWN):
            # No buddy: a buddy label reads "&" as a shortcut ("Dateien _Anhänge"); the bar is named instead.
            name, bar = QLabel(), QProgressBar()
            name.setTextFormat(Qt.TextFormat.PlainText)  # names come from the server
            name_for_screen_reader(bar, self.tr("Progress of a chat"))  # named after its chat once shown
            line = QHBoxLayout()
            line.addWidget(name, 1)
            line.addWidget(bar, 1)
            rows.addLayout(line)
            self.names.append(name)
            self.bars.append(bar)
        self.more = QLabel()
        rows.addWidget(self.more)
        self.show_chats([], 0)

    def show_chats(self, chats: list[tuple[str, int, int]], more: int) -> None:
        for row, (name, bar) in enumerate(zip(self.names, self.bars, strict=True)):
            visible = row < len(chats)
            name.setVisible(visible)
            bar.setVisible(visible)
            if visible:
                title, done, total = chats[row]
                name.setText(title)
                name_for_screen_reader(bar, title)
                bar.setRange(0, total)  # total 0: a moving bar (nothing new known to fetch)
                bar.setValue(done)
        self.more.setVisible(more > 0)
        if more:
            self.more.setText(self.tr("and %n more chat(s) at the same time", "", more))

    def titles(self) -> list[str]:
        return [name.text() for name in self.names if not name.isHidden()]

    def bar_names(self) -> list[str]:
        """What a screen reader calls each shown bar."""
        return [bar.accessibleName() for bar in self.bars if not bar.isHidden()]


def cancel_event_of(client: Client) -> threading.Event | None:
    return getattr(client, "cancel_event", None) or getattr(client, "cancel", None)


def make_ready(client: Client) -> None:
    """A finished run leaves the client's cancel flag set (to wake its threads); clear it before reuse."""
    event = cancel_event_of(client)
    if isinstance(event, threading.Event):
        event.clear()


def check_fresh_token(client: Client, token: str, expected_user_id: str) -> str:
    """Runs in the worker thread: the new token works and belongs to the same person."""
    from mmexport.mattermost.client import Client

    probe = Client(client.base_url, token, max_retries=2)
    me = probe.me()
    if expected_user_id and me.get("id") != expected_user_id:
        raise OtherPerson("This sign-in belongs to another person. Please sign in with the same account.")
    return token


def sign_in_again_with_password(client: Client, login_id: str, password: str, mfa: str, expected_user_id: str) -> str:
    """Runs in the worker thread: a new session by password for the same person; its token."""
    from mmexport.mattermost.client import Client

    fresh = Client(client.base_url, max_retries=2)
    me = fresh.login(login_id, password, mfa or None)
    if expected_user_id and me.get("id") != expected_user_id:
        fresh.logout()  # ours, and of no use: do not leave it open
        raise OtherPerson("This sign-in belongs to another person. Please sign in with the same account.")
    return fresh.token or ""


def sign_in_again_in_browser(attempt: BrowserSignin, address: str, expected_user_id: str) -> str:
    """Runs in the worker thread: a new session through the browser's sign-in for the same person."""
    fresh, me = exchange(attempt.server_url, attempt.server_token_from(address))
    if expected_user_id and me.get("id") != expected_user_id:
        fresh.logout()  # ours, and of no use: do not leave it open
        raise OtherPerson("This sign-in belongs to another person. Please sign in with the same account.")
    return fresh.token or ""


def chat_title(name: str, team: str) -> str:
    """A channel with its team, since teams often have channels of the same name ("Allgemein")."""
    if not team:
        return name
    return QCoreApplication.translate("ExportPage", "%1 (%2)").replace("%1", name).replace("%2", team)


class ExportPage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Saving your chats"))
        self.setSubTitle(
            self.tr(
                "You can keep working meanwhile. Closing the window stops the export; you can "
                "continue it later."
            )
        )
        self.exporter: Exporter | None = None
        self._task: Task | None = None
        self._outcome = ""  # "" while running, else the last RunFinished.outcome
        self._chats = ChatsInProgress()
        self._pace = RunPace()
        self._figures_seen = False  # no progress figures yet: the run is still preparing
        self._updating = False  # this run brings chats saved before up to date (RunStarted.updating)
        self._paused_now = False
        self._quiet_preparation = False  # after a fresh sign-in: the preparation's steps were told already
        self.relay = EventRelay(self._on_events, self)
        self.token_dialog: NewTokenDialog | None = None
        self._wait_left = 0
        self._wait_reason = ""
        self._wait_is_rate_limit = False
        self._refused_for = 0.0  # seconds the server has refused every request (a rate limit)
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick_wait)

        layout = QVBoxLayout(self)
        grid = QGridLayout()
        overall_label = QLabel(self.tr("All chats:"))
        grid.addWidget(overall_label, 0, 0)
        self.overall = QProgressBar()
        self.overall.setRange(0, 0)
        name_for_screen_reader(self.overall, self.tr("Progress of all chats"))
        overall_label.setBuddy(self.overall)
        grid.addWidget(self.overall, 0, 1)
        self._announced = QElapsedTimer()
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.now_label = QLabel(self.tr("Saving now:"))
        layout.addWidget(self.now_label)
        self.chat_bars = ChatBars()
        layout.addWidget(self.chat_bars)
        self.counts = QLabel(self.tr("Preparing…"))
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        self.speed = QLabel()
        layout.addWidget(self.speed)
        self.wait_label = StatusLabel()
        layout.addWidget(self.wait_label)
        layout.addWidget(QLabel(self.tr("What is happening:")))
        self.log_list = QListWidget()
        self.log_list.setUniformItemSizes(True)
        name_for_screen_reader(
            self.log_list,
            self.tr("What is happening"),
            self.tr("The latest steps of the export, newest last"),
        )
        layout.addWidget(self.log_list, 1)
        self.status = StatusLabel()
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.pause_button = QPushButton(self.tr("&Pause"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button = QPushButton(self.tr("&Stop export"))
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.resume_button = QPushButton(self.tr("&Continue the export"))
        self.resume_button.clicked.connect(self.continue_export)
        self.signin_button = QPushButton(self.tr("Sign &in again…"))
        self.signin_button.clicked.connect(self.ask_for_token)
        for button in (self.pause_button, self.cancel_button, self.resume_button, self.signin_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.resume_button.hide()
        self.signin_button.hide()

    # ---- page life -------------------------------------------------------------------------------------
    def initializePage(self) -> None:
        resume = self.state.resume
        if resume is not None:
            self.state.selected_ids = list(resume.channel_ids)
            self.state.options = ExportOptions.from_json(resume.options)
            self.state.out_dir = Path(resume.folder)
        self.log_list.clear()
        self.status.clear_message()
        self.start()

    def _reset_progress(self) -> None:
        """A new run starts at 0 with the counts of this selection, never with the last run's figures."""
        self.overall.setRange(0, 1)
        self.overall.setValue(0)
        self.counts.setText(self.tr("Preparing…"))
        self.speed.clear()
        self._chats = ChatsInProgress()
        self._show_active()
        self._pace = RunPace()
        self._figures_seen = False
        self._updating = False
        self._show_paused(False)

    def cleanupPage(self) -> None:
        self.stop_for_close()

    def isComplete(self) -> bool:
        return self._outcome in ("done", "incomplete")

    def running(self) -> bool:
        return self._task is not None

    def nextId(self) -> int:
        from mmexport.gui.state import DONE

        return DONE

    # ---- running -----------------------------------------------------------------------------------------
    def start(self, quiet: bool = False) -> None:
        """Starts the export, or continues it into the same folder (nothing is fetched twice). `quiet`: the
        preparation's steps are not listed again (continuing after a fresh sign-in)."""
        if self.running():
            return
        self._quiet_preparation = quiet
        from mmexport.exporting.engine import Exporter

        state = self.state
        client = state.signed_in_client()
        make_ready(client)
        self._outcome = ""
        self._reset_progress()
        self._show_running_buttons()
        self.wait_label.clear_message()
        self.status.clear_message()
        self._remember_unfinished()
        assert state.out_dir is not None, "the options page comes first"
        self.exporter = exporter = Exporter(
            client,
            state.out_dir,
            list(state.selected_ids),
            state.options,
            on_event=self.relay.push,
            lang=self.wiz.language,
        )
        self._started = QElapsedTimer()
        self._started.start()
        self._task = self.tasks.submit(exporter.run, self._run_returned, self._run_crashed, "export")
        self.completeChanged.emit()

    def _remember_unfinished(self) -> None:
        state = self.state
        state.settings.unfinished = UnfinishedExport(
            folder=str(state.out_dir),
            server=state.server_url,
            channel_ids=list(state.selected_ids),
            options=state.options.to_json(),
        )
        self.wiz.save_settings()

    def continue_export(self) -> None:
        """After an expired sign-in, continuing needs a working one first: ask for it, do not just fail."""
        if self._outcome == "token_expired":
            self.ask_for_token()
        else:
            self.start()

    def toggle_pause(self) -> None:
        if self.exporter is None or not self.running():
            return
        if self.pause_button.property("paused"):
            self.exporter.resume()
        else:
            self.exporter.pause()

    def ask_cancel(self) -> None:
        if not self.running():
            return
        question = self.tr(
            "Stop the export now? What was saved so far stays in the folder, and you can "
            "continue later without fetching anything twice."
        )
        if self.wiz.confirm(self.tr("Stop the export?"), question):
            self.cancel()

    def cancel(self) -> None:
        if self.exporter is not None and self.running():
            self.exporter.cancel()
            self.cancel_button.setEnabled(False)
            self.pause_button.setEnabled(False)
            self._add_log(self.tr("Stopping…"))

    def stop_for_close(self, timeout_ms: int = 15000) -> None:
        """Cancels a running export and waits (keeping the window alive) until the engine has stopped."""
        if self.token_dialog is not None:
            self.token_dialog.close()
        if self.exporter is None or not self.running():
            return
        self.exporter.cancel()
        timer = QElapsedTimer()
        timer.start()
        while self.running() and timer.elapsed() < timeout_ms:
            QCoreApplication.processEvents()  # the worker's answer arrives as a queued signal
            QThread.msleep(20)

    # ---- results ---------------------------------------------------------------------------------------
    def _run_returned(self, result: ev.RunFinished) -> None:
        self._task = None
        self._outcome = result.outcome
        self._wait_timer.stop()
        self.wait_label.clear_message()
        self.pause_button.setProperty("paused", False)
        if self._paused_now:  # stopped while paused: nothing is paused any more
            self._show_paused(False)
            self.speed.clear()
        self.state.result = result
        if result.outcome in ("done", "incomplete"):
            # The estimate counted more messages than there were (deleted ones, for one): done is full.
            if self.overall.maximum() == 0:  # a moving bar (an update with nothing new) ends full too
                self.overall.setRange(0, 1)
            self.overall.setValue(self.overall.maximum())
            self.state.settings.unfinished = None
            self.wiz.save_settings()
            self._show_finished_buttons()
            self.completeChanged.emit()
            if self.wiz.currentPage() is self:
                self.wiz.next()
            return
        self._show_stopped_buttons()
        if result.outcome == "not_yours":  # nothing was written: there is nothing of ours to continue there
            self.state.settings.unfinished = None
            self.wiz.save_settings()
        if result.outcome == "token_expired":
            self.status.show_message(
                "warn",
                escape(
                    self.tr(
                        "Your sign-in has expired. Sign in again and the export continues where it stopped."
                    )
                ),
            )
            self.signin_button.show()
            self.ask_for_token()
        elif result.outcome == "cancelled":
            self.status.show_message("info", escape(self._stopped_text()))
        else:
            text = translate_text(result.i18n, result.message) or self.tr("The export stopped.")
            self.status.show_message("error", escape(text))
        self.completeChanged.emit()

    def _run_crashed(self, exc: BaseException) -> None:
        log.exception("The export stopped unexpectedly", exc_info=exc)
        self._task = None
        self._outcome = "failed"
        self._show_stopped_buttons()
        self.status.show_message("error", describe_error(exc).as_html())
        self.completeChanged.emit()

    def _show_running_buttons(self) -> None:
        self.pause_button.setText(self.tr("&Pause"))
        self.pause_button.setProperty("paused", False)
        for button in (self.pause_button, self.cancel_button):
            button.setEnabled(True)
            button.show()
        self.resume_button.hide()
        self.signin_button.hide()

    def _show_stopped_buttons(self) -> None:
        self.pause_button.hide()
        self.cancel_button.hide()
        self.resume_button.show()
        self.resume_button.setEnabled(True)

    def _show_finished_buttons(self) -> None:
        for button in (self.pause_button, self.cancel_button, self.resume_button, self.signin_button):
            button.hide()

    # ---- a fresh sign-in -----------------------------------------------------------------------------
    def ask_for_token(self) -> None:
        if self.token_dialog is None:
            self.token_dialog = NewTokenDialog(self.tasks, self)
            self.token_dialog.submitted.connect(self._token_submitted)
            self.token_dialog.password_submitted.connect(self._password_submitted)
            self.token_dialog.browser_submitted.connect(self._browser_submitted)
            self.token_dialog.stop_requested.connect(self._stop_after_expiry)
        self.token_dialog.reset(self.state.server_url, self.state.server_version, self.state.signed_in_with)
        self.token_dialog.open()

    def _token_submitted(self, token: str) -> None:
        client = self.state.signed_in_client()
        user_id = (self.state.me or {}).get("id", "")
        self.tasks.submit(
            lambda: check_fresh_token(client, token, user_id),
            self._token_ok,
            self._token_bad,
            "new token",
        )

    def _password_submitted(self, login_id: str, password: str, mfa: str) -> None:
        client = self.state.signed_in_client()
        user_id = (self.state.me or {}).get("id", "")
        self.tasks.submit(
            lambda: sign_in_again_with_password(client, login_id, password, mfa, user_id),
            self._password_ok,
            self._token_bad,
            "password",
        )

    def _browser_submitted(self, attempt: BrowserSignin, address: str) -> None:
        user_id = (self.state.me or {}).get("id", "")
        self.tasks.submit(
            lambda: sign_in_again_in_browser(attempt, address, user_id),
            self._browser_ok,
            self._token_bad,
            "browser sign-in",
        )

    def _password_ok(self, token: str) -> None:
        self._signed_in_again(token, "password")

    def _browser_ok(self, token: str) -> None:
        self._signed_in_again(token, "browser")

    def _token_ok(self, token: str) -> None:
        self._signed_in_again(token, "cookie")

    def _stop_after_expiry(self) -> None:
        """Stop here: what was saved stays, and the export can be continued another time."""
        if self.token_dialog is not None:
            self.token_dialog.reject()
        self._outcome = "cancelled"
        self.signin_button.hide()
        self.status.show_message("info", escape(self._stopped_text()))
        self.completeChanged.emit()

    def _stopped_text(self) -> str:
        return self.tr(
            "The export was stopped. What was saved so far is in the folder. You can continue now or "
            "the next time you open this program."
        )

    def _signed_in_again(self, token: str, way: str) -> None:
        state = self.state
        assert state.client is not None, "a new token is asked for only while an export runs"
        state.client.set_token(token)  # the one place the token lives; the sign-in page reads it there too
        # A session made by us (password, browser) is ours to log out at the end; a pasted one is the
        # browser's and must never be.
        state.client.owns_session = way in ("password", "browser")
        state.signed_in_with = way
        if state.remember_signin:
            state.save_token()
        if self.token_dialog is not None:
            self.token_dialog.accept()
        self._add_log(self.tr("Signed in again. Continuing where the export stopped."))
        self.start(quiet=True)

    def _token_bad(self, exc: BaseException) -> None:
        if self.token_dialog is not None:
            problem = describe_error(exc, server=self.state.server_url)
            if isinstance(exc, errors.MfaRequired):
                self.token_dialog.ask_for_code()
            self.token_dialog.show_problem(problem.as_html())

    # ---- engine events ---------------------------------------------------------------------------------
    def _on_events(self, events: list[ev.Event]) -> None:
        for event in events:
            handler = _HANDLERS.get(type(event))
            if handler is not None:
                handler(self, event)

    def _run_started(self, event: ev.RunStarted) -> None:
        self._updating = bool(event.updating) and not event.resumed
        if self._quiet_preparation:
            return
        new = event.channels - event.updating
        if event.resumed:
            self._add_log(self.tr("Continuing an earlier export in this folder."))
            self._add_log(self.tr("%n chat(s) to save.", "", event.channels))
        elif event.updating:
            self._add_log(self.tr("Bringing %n chat(s) saved before up to date.", "", event.updating))
            if new:
                self._add_log(self.tr("%n more chat(s) to save.", "", new))
        else:
            self._add_log(self.tr("%n chat(s) to save.", "", event.channels))

    def _channel_started(self, event: ev.ChannelStarted) -> None:
        # The engine announces every chat of the run at once; "current" is what it works on (progress).
        self._chats.titles[event.channel_id] = chat_title(event.name, event.team)

    def _channel_progress(self, event: ev.ChannelProgress) -> None:
        # Nothing new known to fetch (an update): a moving bar, since "0 %" would look stuck.
        total = event.posts_expected + event.files_total
        self._chats.progressed(event.channel_id, min(total, event.posts_done + event.files_done), total)
        self._show_active()

    def _channel_finished(self, event: ev.ChannelFinished) -> None:
        title = chat_title(event.name, event.team)
        text = self.tr("Saved %1: %2.").replace("%1", title)
        text = text.replace("%2", messages_and_files(event.posts, event.files))
        self._add_log(("✔ " if event.complete else "⚠ ") + text)
        self._chats.finished(event.channel_id)
        self._show_active()

    def _show_active(self) -> None:
        shown, more = self._chats.shown(MAX_CHATS_SHOWN)
        self.chat_bars.show_chats(shown, more)
        self.now_label.setVisible(bool(shown))

    def _overall_progress(self, event: ev.OverallProgress) -> None:
        self._clear_wait()
        self._figures_seen = True
        total = max(1, event.posts_expected + event.files_expected)
        done = min(total, event.posts_done + event.files_done)
        if self._updating and event.posts_expected + event.files_expected == 0:
            self.overall.setRange(0, 0)  # an update with nothing new known yet: moving, not "0 %"
        else:
            self.overall.setRange(0, total)
            self.overall.setValue(done)
        if self._updating:  # only what is new is fetched: "1 of about 1" would say nothing
            text = self.tr("Chats brought up to date: %1 of %2 · New messages: %3 · New files: %5 (%7)")
        elif event.files_expected:
            text = self.tr("Chats: %1 of %2 · Messages: %3 of about %4 · Files: %5 of %6 (%7)")
        else:  # the number of files is known only once the messages are read
            text = self.tr("Chats: %1 of %2 · Messages: %3 of about %4 · Files: %5 so far (%7)")
        for key, value in (
            ("%1", format_count(event.channels_done)),
            ("%2", format_count(event.channels_total)),
            ("%3", format_count(event.posts_done)),
            ("%4", format_count(event.posts_expected)),
            ("%5", format_count(event.files_done)),
            ("%6", format_count(event.files_expected)),
            ("%7", format_size(event.bytes_done)),
        ):
            text = text.replace(key, value)
        self.counts.setText(text)
        if not self._paused_now:  # figures that arrive while pausing must not look like a running export
            self.speed.setText(self._speed_text(event, done / total))
        self._announce_progress()

    def _speed_text(self, event: ev.OverallProgress, fraction: float) -> str:
        """The pace of what is moving now (no "0 bytes/s" while no file is downloading), and the time left only
        once this run's own pace can tell it."""
        left = self._pace.time_left(fraction)
        rates = []
        if event.posts_per_second > 0:
            rates.append(self.tr("%1 messages/s").replace("%1", format_count(round(event.posts_per_second))))
        if event.bytes_per_second > 0:
            rates.append(self.tr("%1/s").replace("%1", format_size(event.bytes_per_second)))
        if rates:
            speed = self.tr("Speed: %1").replace("%1", ", ".join(rates))
        else:
            speed = self.tr("Speed: measuring…")
        if fraction >= ALMOST_DONE:
            return speed + " · " + self.tr("Almost done")
        if left is None:
            return speed
        return speed + " · " + self.tr("Time left: %1").replace("%1", format_duration(left))

    def _announce_progress(self, force: bool = False) -> None:
        """Tells assistive technology the figures now and then: the bar's description holds them."""
        if not force and self._announced.isValid() and self._announced.elapsed() < ANNOUNCE_EVERY_MS:
            return
        self._announced.start()
        self.overall.setAccessibleDescription(self.counts.text())  # Qt sends DescriptionChanged itself
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleValueChangeEvent(self.overall, self.overall.value()))

    def _log_message(self, event: ev.LogMessage) -> None:
        text = translate_text(event.i18n, event.text)
        if not self._figures_seen:  # "Preparing…" says what it prepares
            self.counts.setText(self.tr("Preparing: %1").replace("%1", text))
            if self._quiet_preparation:
                return  # listed once already, before the sign-in expired
        self._add_log(text)

    def _problem(self, event: ev.ProblemFound) -> None:
        self._add_log("⚠ " + translate_text(event.i18n, event.what))

    def _network_wait(self, event: ev.NetworkWait) -> None:
        self._wait_left = max(1, round(event.seconds))
        self._wait_reason = wait_reason(event.error_kind, event.reason)
        self._wait_is_rate_limit = event.error_kind == "RateLimited" or (
            event.error_kind == "wait" and event.reason == "rate limit"
        )
        self._refused_for = event.waited
        self._show_wait()
        self._wait_timer.start()

    def _paused(self, _event: ev.Paused) -> None:
        self.pause_button.setProperty("paused", True)
        self.pause_button.setText(self.tr("&Resume"))
        self._add_log(self.tr("Paused."))
        self._show_paused(True)

    def _resumed(self, _event: ev.Resumed) -> None:
        self.pause_button.setProperty("paused", False)
        self.pause_button.setText(self.tr("&Pause"))
        self._add_log(self.tr("Resumed."))
        self._show_paused(False)
        self._pace = RunPace()  # the time left from the pace after the pause, not across it

    def _show_paused(self, paused: bool) -> None:
        """Paused: grey bars and a plain word instead of a speed, so that nothing looks as if it ran."""
        was_paused, self._paused_now = self._paused_now, paused
        self.overall.setEnabled(not paused)
        self.chat_bars.setEnabled(not paused)
        if paused:
            self.speed.setText(self.tr("Paused. Press “Resume” to go on."))
        elif was_paused:
            self.speed.setText(self.tr("Speed: measuring…"))

    def _show_wait(self) -> None:
        if self._wait_is_rate_limit:
            # Being asked to slow down is normal on a busy server: nothing is broken, nothing to do.
            text = self.tr("The server asks us to slow down – it goes on in a moment.")
            later = self.tr("Next request in %n second(s).", "", self._wait_left)
            if self._refused_for >= REFUSALS_WORTH_TELLING:
                # A neighbour spending the same address's budget keeps us waiting: say how long so far.
                later = (
                    self.tr(
                        "The server has refused every request for %1 – another program may be using up its "
                        "limit. The export waits and goes on by itself."
                    ).replace("%1", format_duration(self._refused_for))
                    + " "
                    + later
                )
            self.wait_label.show_message("info", escape(text) + "<br>" + muted(escape(later)))
            return
        text = self.tr(
            "The connection to the server is interrupted or the server is busy. Trying again in "
            "%n second(s)…",
            "",
            self._wait_left,
        )
        reason = self._wait_reason
        html = escape(text) + (f"<br>{muted(escape(reason))}" if reason else "")
        self.wait_label.show_message("warn", html)

    def _tick_wait(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._clear_wait()
        else:
            self._show_wait()

    def _clear_wait(self) -> None:
        if self._wait_timer.isActive() or self.wait_label.kind:
            self._wait_timer.stop()
            self.wait_label.clear_message()

    def _add_log(self, text: str) -> None:
        self.log_list.addItem(text)
        while self.log_list.count() > MAX_LOG_LINES:
            self.log_list.takeItem(0)
        self.log_list.scrollToBottom()


_HANDLERS: dict[type[ev.Event], Callable[[ExportPage, Any], None]] = {
    ev.RunStarted: ExportPage._run_started,
    ev.ChannelStarted: ExportPage._channel_started,
    ev.ChannelProgress: ExportPage._channel_progress,
    ev.ChannelFinished: ExportPage._channel_finished,
    ev.OverallProgress: ExportPage._overall_progress,
    ev.LogMessage: ExportPage._log_message,
    ev.ProblemFound: ExportPage._problem,
    ev.NetworkWait: ExportPage._network_wait,
    ev.Paused: ExportPage._paused,
    ev.Resumed: ExportPage._resumed,
}
