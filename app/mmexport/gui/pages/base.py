"""What every page shares: access to the wizard's state and worker, and a status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextDocumentFragment
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget, QWizard, QWizardPage

from mmexport.gui.state import WizardState
from mmexport.gui.worker import TaskRunner

# Status colours for light and dark system themes; each pair has a contrast ratio of at least 4.5 (WCAG AA)
# against the window and the input background of that theme (tests/gui/test_accessibility.py checks it).
_COLORS_LIGHT = {"info": "#1f4e79", "ok": "#1b5e20", "warn": "#7a4a00", "error": "#b00020", "busy": "#444444"}
_COLORS_DARK = {"info": "#8cc4ff", "ok": "#8fd694", "warn": "#ffc266", "error": "#ff8a80", "busy": "#d0d0d0"}
_MUTED_LIGHT, _MUTED_DARK = "#595959", "#b8b8b8"


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def status_color(kind: str, palette: QPalette | None = None) -> str:
    colors = _COLORS_DARK if is_dark(palette) else _COLORS_LIGHT
    return colors.get(kind, _MUTED_DARK if is_dark(palette) else "#000000")


def muted_color(palette: QPalette | None = None) -> str:
    """For secondary text (details, hints): quieter than normal text, still readable."""
    return _MUTED_DARK if is_dark(palette) else _MUTED_LIGHT


def muted(html: str) -> str:
    return f"<span style='color:{muted_color()}'>{html}</span>"


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def luminance(color: QColor | str) -> float:
        c = QColor(color)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def name_for_screen_reader(widget: QWidget, name: str, description: str = "") -> None:
    """The name (and what it is for) a screen reader announces; mnemonic ampersands are dropped."""
    widget.setAccessibleName(name.replace("&&", "\0").replace("&", "").replace("\0", "&"))
    if description:
        widget.setAccessibleDescription(description)


class Wizard(Protocol):
    """What a page may ask of the wizard it sits in (gui/wizard.ExportWizard). Pages share what they found
    out and chose through its state (gui/state.WizardState), never through each other's widgets. A protocol,
    so that the pages do not import the wizard that imports them."""

    @property
    def state(self) -> WizardState: ...
    @property
    def tasks(self) -> TaskRunner: ...
    @property
    def language(self) -> str: ...
    @property
    def demo_requested(self) -> bool: ...
    @property
    def confirm(self) -> Callable[[str, str], bool]: ...
    def save_settings(self) -> None: ...
    def switch_language(self, language: str) -> None: ...
    def export_more(self) -> None: ...
    def next(self) -> None: ...
    def back(self) -> None: ...
    def button(self, which: QWizard.WizardButton) -> QAbstractButton: ...
    def currentPage(self) -> QWizardPage: ...


class Page(QWizardPage):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard if isinstance(wizard, QWidget) else None)  # it always is: the QWizard
        self._wizard = wizard
        if isinstance(wizard, QWizard):
            wizard.currentIdChanged.connect(self._current_changed)

    def _current_changed(self, _page_id: int) -> None:
        if self._wizard.currentPage() is self:
            self.arrived()

    def arrived(self) -> None:
        """Shown, going forward or back (QWizard calls initializePage only going forward): a page that
        follows the state (an address filled in elsewhere, a sign-in refused later) catches up here."""

    @property
    def wiz(self) -> Wizard:
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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, html: str) -> None:
        self.kind = kind
        self.setText(f"<div style='color:{status_color(kind)}'>{html}</div>")
        self.setAccessibleName(self.plain_text())
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
