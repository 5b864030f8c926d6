"""The user-name-and-password form (with the MFA code it asks for when the server wants one), used by the
sign-in page and by the "Sign in again" dialog alike, so that both say and name the same things."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from mmexport.gui.pages.base import name_for_screen_reader


class PasswordForm(QWidget):
    """Login, password and (once the server asks for it) the six-digit code. Enter in any field submits."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
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
        for edit in (self.login_id, self.password, self.mfa):
            edit.returnPressed.connect(self.submitted)

    def values(self) -> tuple[str, str, str]:
        """(login, password, code); the code only once it was asked for, else empty."""
        code = self.mfa.text().strip() if not self.mfa.isHidden() else ""
        return self.login_id.text().strip(), self.password.text(), code

    def complete(self) -> bool:
        login_id, password, _ = self.values()
        return bool(login_id and password)

    def ask_for_code(self) -> None:
        self.mfa.show()
        self.mfa_label.show()
        self.mfa.setFocus()

    def clear(self) -> None:
        """Empty, code hidden again: nothing of an earlier attempt stays."""
        for edit in (self.login_id, self.password, self.mfa):
            edit.clear()
        self.mfa.hide()
        self.mfa_label.hide()

    def first_empty(self) -> QLineEdit:
        """Where the focus goes: the first field still to fill in."""
        for edit in (self.login_id, self.password):
            if not edit.text():
                return edit
        return self.mfa if not self.mfa.isHidden() else self.password
