"""Dialogs: a fresh sign-in when the old one expired, and the report shown instead of a silent crash."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mmexport.gui.browser_signin import BrowserSigninBox
from mmexport.gui.messages import describe_error
from mmexport.gui.pages.base import StatusLabel, name_for_screen_reader, paragraph
from mmexport.gui.password_form import PasswordForm
from mmexport.mattermost import errors
from mmexport.mattermost.signin import parse_signin_material

if TYPE_CHECKING:
    from mmexport.gui.worker import TaskRunner


class NewTokenDialog(QDialog):
    """Asks for a fresh sign-in, the way the person signed in before (browser, copied cookie, password);
    or stops the export, keeping what was saved. Every way is offered; the browser first where the server
    signs in through one. Window-modal and opened with open(), so nothing blocks the event loop."""

    submitted = Signal(str)  # a token that parsed; the page checks it with the server
    password_submitted = Signal(str, str, str)  # login, password, code (may be empty)
    browser_submitted = Signal(object, str)  # the attempt (BrowserSignin) and the copied final address
    stop_requested = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in again"))
        self._way = ""
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with a long message
        layout.addWidget(
            paragraph(
                self.tr(
                    "<b>Your sign-in has expired.</b><br>This happens when the server ends sessions after a while or "
                    "when you signed out in the browser. Please sign in again below. The export then continues "
                    "where it stopped."
                )
            )
        )
        self.methods = QTabWidget()
        self.methods.setMinimumWidth(640)  # every way's tab title in view, in German too
        self.browser_box = BrowserSigninBox(tasks, titled=False)  # a tab of its own once the server has SSO
        self.browser_box.offered.connect(self._browser_offered)
        self.browser_box.address_ready.connect(self._browser_address)
        self.paste_tab = self._paste_tab()
        self.password_tab = QWidget()
        password_layout = QVBoxLayout(self.password_tab)
        self.password_form = PasswordForm()  # Enter in it presses the default button, "Continue the export"
        password_layout.addWidget(self.password_form)
        password_layout.addStretch(1)
        self.methods.addTab(self.paste_tab, self.tr("Copy from your browser"))
        self.methods.addTab(self.password_tab, self.tr("User name and password"))
        layout.addWidget(self.methods)
        self.status = StatusLabel()
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.continue_button = buttons.addButton(
            self.tr("&Continue the export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.stop_button = buttons.addButton(
            self.tr("&Stop, keep what was saved"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        self.stop_button.clicked.connect(self.stop_requested)
        layout.addWidget(buttons)

    def _paste_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Open Mattermost in your browser and sign in if asked. Then copy the value of the cookie "
                    "<b>MMAUTHTOKEN</b> from the developer tools (or a request as cURL, or an access token) "
                    "and paste it here."
                )
            )
        )
        label = QLabel(self.tr("&Paste here:"))
        self.paste = QLineEdit()
        self.paste.setEchoMode(QLineEdit.EchoMode.Password)  # a secret, as on the sign-in page
        self.paste.setPlaceholderText(self.tr('MMAUTHTOKEN value, cookie or "Copy as cURL" text'))
        label.setBuddy(self.paste)
        name_for_screen_reader(self.paste, self.tr("Paste here"))
        layout.addWidget(label)
        layout.addWidget(self.paste)
        layout.addStretch(1)
        return tab

    def reset(self, server_url: str, server_version: str, way: str) -> None:
        """Empty (nothing of the sign-in that just expired), on the tab of the way the person signed in:
        "browser", "password", "cookie" or "token"; an unknown way opens the first tab."""
        self._way = way
        self.paste.clear()
        self.password_form.clear()
        self.status.clear_message()
        self.continue_button.setEnabled(True)
        self.browser_box.clear_attempt()
        self.browser_box.look_up(server_url, server_version)  # answers with offered(): the browser tab
        self._open_on_way()

    def _open_on_way(self) -> None:
        tab = {"password": self.password_tab, "cookie": self.paste_tab, "token": self.paste_tab}.get(self._way)
        if self._way == "browser" and self.methods.indexOf(self.browser_box) >= 0:
            tab = self.browser_box
        self.methods.setCurrentIndex(self.methods.indexOf(tab) if tab is not None else 0)
        self._focus_field()

    def _browser_offered(self, offered: bool) -> None:
        """The server's answer (it may come after the person picked a tab: that tab stays)."""
        present = self.methods.indexOf(self.browser_box) >= 0
        current = self.methods.currentWidget()
        if offered and not present:
            self.methods.insertTab(0, self.browser_box, self.tr("Sign in in the browser"))
        elif not offered and present:
            self.methods.removeTab(self.methods.indexOf(self.browser_box))
        if offered and self._way in ("browser", ""):
            self._open_on_way()
        elif current is not None and self.methods.indexOf(current) >= 0:
            self.methods.setCurrentWidget(current)

    def _browser_address(self, attempt: object, address: str) -> None:
        self._checking()
        self.browser_submitted.emit(attempt, address)

    def _focus_field(self) -> None:
        current = self.methods.currentWidget()
        if current is self.password_tab:
            self.password_form.first_empty().setFocus()
        elif current is self.paste_tab:
            self.paste.setFocus()
        elif self.browser_box.provider_buttons:
            self.browser_box.provider_buttons[0].setFocus()

    def ask_for_code(self) -> None:
        self.password_form.ask_for_code()

    def _try(self) -> None:
        current = self.methods.currentWidget()
        if current is self.password_tab:
            login_id, password, code = self.password_form.values()
            if not self.password_form.complete():
                self.show_problem(escape(self.tr("Please enter your user name (or e-mail) and password.")))
                return
            self._checking()
            self.password_submitted.emit(login_id, password, code)
            return
        if current is self.browser_box:
            if not self.browser_box.has_address():
                self.show_problem(
                    escape(
                        self.tr(
                            "Click the button to sign in in your browser first. Then copy the address of the last "
                            "page; the export continues by itself."
                        )
                    )
                )
                return
            self.browser_box.use_pasted()  # the address typed or pasted into its field
            return
        try:
            material = parse_signin_material(self.paste.text())
        except errors.SigninParseError as exc:
            self.show_problem(describe_error(exc).as_html())
            return
        self._checking()
        self.submitted.emit(material.token)

    def _checking(self) -> None:
        self.status.show_message("busy", escape(self.tr("Checking…")))
        self._focus_field()  # a disabled button hands the focus on, to "Stop": Enter must not stop the export
        self.continue_button.setEnabled(False)

    def show_problem(self, html: str) -> None:
        self.continue_button.setEnabled(True)
        self.status.show_message("error", html)
        self.adjustSize()  # the whole explanation, not its first line
        self._focus_field()  # back to the field to correct, not to the next button


class ErrorReportDialog(QDialog):
    """Shown by the exception hook: what happened in plain words, and a report that can be copied."""

    def __init__(self, report: str, log_file: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumSize(620, 420)
        layout = QVBoxLayout(self)
        text = self.tr(
            "The program ran into a problem it did not expect. Your chats saved so far are safe, "
            "and an unfinished export can be continued. Please copy the report below and send it "
            "to whoever helps you with this program."
        )
        if log_file:
            text += "\n\n" + self.tr("The log file is here: %1").replace("%1", log_file)
        message = QLabel(text)
        message.setWordWrap(True)
        layout.addWidget(message)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        name_for_screen_reader(self.report, self.tr("Report"))
        layout.addWidget(self.report, 1)
        buttons = QDialogButtonBox()
        copy = QPushButton(self.tr("&Copy report"))
        copy.clicked.connect(self.copy_report)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
