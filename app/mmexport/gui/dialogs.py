"""Dialogs: a fresh sign-in when the old one expired, and the report shown instead of a silent crash."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mmexport.gui.messages import describe_error
from mmexport.gui.pages.base import StatusLabel, name_for_screen_reader, paragraph
from mmexport.mattermost import errors
from mmexport.mattermost.signin import parse_signin_material


class NewTokenDialog(QDialog):
    """Asks for a fresh sign-in, by paste or by password; or stops the export, keeping what was saved.

    Window-modal and opened with open(), so nothing blocks the event loop."""

    submitted = Signal(str)  # a token that parsed; the page checks it with the server
    password_submitted = Signal(str, str, str)  # login, password, code (may be empty)
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in again"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with a long message
        layout.addWidget(
            paragraph(
                self.tr(
                    "<b>Your sign-in has expired.</b><br>This happens when the server ends sessions after a while or "
                    "when you signed out in the browser. Open Mattermost in your browser, sign in if asked, and copy "
                    "the MMAUTHTOKEN value (or a request as cURL) again, the same way as before. The export then "
                    "continues where it stopped."
                )
            )
        )
        self.methods = QTabWidget()
        self.methods.addTab(self._paste_tab(), self.tr("Copy from your browser"))
        self.methods.addTab(self._password_tab(), self.tr("User name and password"))
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
        label = QLabel(self.tr("&Paste here:"))
        self.paste = QLineEdit()
        self.paste.setEchoMode(QLineEdit.EchoMode.Password)  # a secret, as on the sign-in page
        self.paste.setPlaceholderText(self.tr('MMAUTHTOKEN value, cookie or "Copy as cURL" text'))
        label.setBuddy(self.paste)
        name_for_screen_reader(self.paste, self.tr("Paste here"))
        layout.addWidget(label)
        layout.addWidget(self.paste)
        return tab

    def _password_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.login_id = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.mfa = QLineEdit()
        self.mfa.setPlaceholderText(self.tr("six digits from your authenticator app"))
        self.mfa_label = QLabel(self.tr("&Code:"))
        self.mfa_label.setBuddy(self.mfa)
        form.addRow(self.tr("&E-mail or user name:"), self.login_id)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.mfa_label, self.mfa)
        name_for_screen_reader(self.login_id, self.tr("E-mail or user name"))
        name_for_screen_reader(self.password, self.tr("Password"))
        name_for_screen_reader(self.mfa, self.tr("Code"), self.tr("six digits from your authenticator app"))
        self.mfa.hide()
        self.mfa_label.hide()
        return tab

    def reset(self, expired_token: str = "") -> None:
        """Empty, or with the clipboard when it holds a sign-in that is not the one that just expired."""
        self.paste.clear()
        self.password.clear()
        self.status.clear_message()
        self.continue_button.setEnabled(True)
        self.methods.setCurrentIndex(0)
        self.paste.setFocus()
        text = QGuiApplication.clipboard().text()
        try:
            material = parse_signin_material(text)
        except errors.SigninParseError:
            return
        if material.token and material.token != expired_token:
            self.paste.setText(text)  # the person probably just copied it

    def ask_for_code(self) -> None:
        self.mfa.show()
        self.mfa_label.show()
        self.mfa.setFocus()

    def _try(self) -> None:
        if self.methods.currentIndex() == 1:
            login_id, password = self.login_id.text().strip(), self.password.text()
            if not login_id or not password:
                self.show_problem(escape(self.tr("Please enter your user name (or e-mail) and password.")))
                return
            self._checking()
            self.password_submitted.emit(
                login_id, password, self.mfa.text().strip() if self.mfa.isVisible() else ""
            )
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
        self.continue_button.setEnabled(False)

    def show_problem(self, html: str) -> None:
        self.continue_button.setEnabled(True)
        self.status.show_message("error", html)
        self.adjustSize()  # the whole explanation, not its first line


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
