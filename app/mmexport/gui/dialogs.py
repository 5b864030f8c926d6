"""Dialogs: a fresh sign-in when the old one expired, and the report shown instead of a silent crash."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mmexport.gui.pages.base import StatusLabel, name_for_screen_reader, paragraph
from mmexport.mattermost import errors
from mmexport.mattermost.signin import parse_signin_material


class NewTokenDialog(QDialog):
    """Asks for a fresh sign-in. Window-modal and opened with open(), so nothing blocks the event loop."""

    submitted = Signal(str)  # a token that parsed; the page checks it with the server

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in again"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
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
        label = QLabel(self.tr("&Paste here:"))
        self.paste = QPlainTextEdit()
        self.paste.setTabChangesFocus(True)
        self.paste.setFixedHeight(70)
        label.setBuddy(self.paste)
        name_for_screen_reader(self.paste, self.tr("Paste here"))
        layout.addWidget(label)
        layout.addWidget(self.paste)
        self.status = StatusLabel()
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.continue_button = buttons.addButton(
            self.tr("&Continue the export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reset(self) -> None:
        self.paste.clear()
        self.status.clear_message()
        self.continue_button.setEnabled(True)
        self.paste.setFocus()
        text = QGuiApplication.clipboard().text()
        try:
            parse_signin_material(text)
        except errors.SigninParseError:
            return
        self.paste.setPlainText(text)  # the person probably just copied it

    def _try(self) -> None:
        try:
            material = parse_signin_material(self.paste.toPlainText())
        except errors.SigninParseError as exc:
            self.show_problem(escape(exc.message))
            return
        self.status.show_message("busy", escape(self.tr("Checking…")))
        self.continue_button.setEnabled(False)
        self.submitted.emit(material.token)

    def show_problem(self, html: str) -> None:
        self.continue_button.setEnabled(True)
        self.status.show_message("error", html)


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
