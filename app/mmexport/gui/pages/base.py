"""What every page shares: access to the wizard's state and worker, and a status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QWidget, QWizardPage

if TYPE_CHECKING:
    from mmexport.gui.wizard import ExportWizard, WizardState
    from mmexport.gui.worker import TaskRunner

_COLORS = {"info": "#1f4e79", "ok": "#1b5e20", "warn": "#8a5300", "error": "#b00020", "busy": "#444444"}


class Page(QWizardPage):
    def __init__(self, wizard: ExportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard

    @property
    def wiz(self) -> ExportWizard:
        return self._wizard

    @property
    def state(self) -> WizardState:
        return self._wizard.state

    @property
    def tasks(self) -> TaskRunner:
        return self._wizard.tasks

    def focus_later(self, widget: QWidget) -> None:
        """QWizard puts the focus on a page's first widget after initializePage; this comes after that."""
        QTimer.singleShot(0, widget, lambda: widget.setFocus(Qt.FocusReason.OtherFocusReason))


class StatusLabel(QLabel):
    """A line that tells how things stand: busy, fine, a warning, or a problem with a way forward."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, html: str) -> None:
        self.kind = kind
        color = _COLORS.get(kind, "#000000")
        self.setText(f"<div style='color:{color}'>{html}</div>")
        self.show()

    def plain_text(self) -> str:
        """The message as a person reads it (for tests and accessibility), without the markup."""
        return QTextDocumentFragment.fromHtml(self.text()).toPlainText()

    def clear_message(self) -> None:
        self.kind = ""
        self.clear()
        self.hide()


def heading(text: str) -> QLabel:
    label = QLabel(f"<b>{text}</b>")
    label.setWordWrap(True)
    return label


def paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(True)
    return label
