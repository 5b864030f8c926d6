"""Opening a file of the archive with the system's own program, and what to do when that fails.

QDesktopServices.openUrl returns False when the system has no program for the file (a locked-down desktop,
no default browser, wine without an .html association): the person would click "Open the archive" and see
nothing happen. Then this row shows where the file is, to be opened by hand, with a button to copy it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout


class OpenByHand(QFrame):
    """Hidden until an open fails; then says so and shows the file's path to copy."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.text = QLabel(
            self.tr(
                "Your computer could not open this by itself. Copy where it is, and open it in your web browser "
                "(paste it into the address bar) or in your file manager:"
            )
        )
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setAccessibleName(self.tr("Where the file is"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self._copy)
        row.addWidget(self.path, 1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        self.hide()

    def open(self, path: Path) -> bool:
        """Opens `path` with the system's program; when that fails, shows the path to open by hand."""
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        if opened:
            self.hide()
        else:
            self.path.setText(str(path))
            self.path.setCursorPosition(0)
            self.show()
        return opened

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.path.text())
