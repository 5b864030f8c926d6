"""The sign-in page's first choice where the server offers single sign-on: "Sign in with GitLab" in the
system browser, then one copied address (mattermost/desktop_login.py has the flow and its reasons).

The box asks the server which services it offers, opens the browser at the chosen one, and waits for the
address of the final page, from the clipboard (it notices a copy by itself) or pasted into its field. The
page does the exchange in its worker and shows the outcome, as for every other way of signing in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mmexport.gui.pages.base import name_for_screen_reader, paragraph
from mmexport.gui.signin_guide import picture_path
from mmexport.mattermost.desktop_login import (
    BrowserSignin,
    Provider,
    looks_like_sign_in_outcome,
    masked,
    offered_providers,
    supports_browser_signin,
)

if TYPE_CHECKING:
    from mmexport.gui.worker import Task, TaskRunner

PICTURE_WIDTH = 640  # the pictures' own width: shown unscaled, so that their small text stays sharp
translate = QCoreApplication.translate  # pyside6-lupdate finds translate("context", ...) by this name


def look_up_providers(server_url: str) -> list[Provider]:
    """Runs in the worker thread: the sign-in services of the server (config/client needs no sign-in)."""
    from mmexport.mattermost.client import Client

    with Client(server_url, max_retries=1) as client:
        return offered_providers(client.client_config())


def address_pictures() -> list[tuple[str, str, str]]:
    """(browser, caption, picture) for the step "copy the address of the final page"."""
    return [
        (
            translate("BrowserSignin", "Chrome / Edge"),
            translate(
                "BrowserSignin",
                "If Chrome or Edge asks whether to open Mattermost, click Cancel. Then click into the address "
                "bar (or press Ctrl+L; Mac: Cmd+L) and press Ctrl+C (Mac: Cmd+C).",
            ),
            "address-chrome.png",
        ),
        (
            translate("BrowserSignin", "Firefox"),
            translate(
                "BrowserSignin",
                "If Firefox asks which application to open, close that window. Then press Ctrl+L "
                "(Mac: Cmd+L) and Ctrl+C (Mac: Cmd+C).",
            ),
            "address-firefox.png",
        ),
        (
            translate("BrowserSignin", "Safari"),
            translate(
                "BrowserSignin",
                "If Safari asks whether to open the page in another application, click Cancel. Then press "
                "Cmd+L and Cmd+C.",
            ),
            "address-safari.png",
        ),
    ]


class BrowserSigninBox(QGroupBox):
    """Offers "Sign in with <service>" when the server has single sign-on; hidden otherwise."""

    address_ready = Signal(object, str)  # the attempt (BrowserSignin) and the copied final address
    offered = Signal(bool)  # whether the server offers the flow (the page shows its other ways if not)

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None, *, titled: bool = True) -> None:
        super().__init__(self.tr("Sign in in the browser") if titled else "", parent)
        self.tasks = tasks
        # On the page the box shows and hides itself with the server's answer; as a tab (the dialog) the
        # tab widget decides what is shown, and the box's offered() adds or removes its tab.
        self._shows_itself = titled
        self.server_url = ""
        self.server_version = ""
        self.providers: list[Provider] = []
        self.attempt: BrowserSignin | None = None
        self._address = ""  # the last address handed on, and how the field shows it (masked)
        self._shown = ""
        self._lookup: Task | None = None
        layout = QVBoxLayout(self)
        self.intro = paragraph("")
        layout.addWidget(self.intro)
        self.buttons_row = QHBoxLayout()
        layout.addLayout(self.buttons_row)
        self.provider_buttons: list[QPushButton] = []
        self.too_old = paragraph("")
        self.too_old.hide()
        layout.addWidget(self.too_old)
        self.waiting = self._waiting_part()
        self.waiting.hide()
        layout.addWidget(self.waiting)
        self._set_shown(False)
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)

    def _waiting_part(self) -> QWidget:
        part = QWidget()
        layout = QVBoxLayout(part)
        layout.setContentsMargins(0, 0, 0, 0)
        self.waiting_text = paragraph("")
        layout.addWidget(self.waiting_text)
        self.by_hand = QWidget()  # the address to open, when the browser could not be started
        by_hand = QHBoxLayout(self.by_hand)
        by_hand.setContentsMargins(0, 0, 0, 0)
        self.entry_address = QLineEdit()
        self.entry_address.setReadOnly(True)
        name_for_screen_reader(self.entry_address, self.tr("Address to open in your browser"))
        self.copy_entry = QPushButton(self.tr("C&opy address"))
        self.copy_entry.clicked.connect(self._copy_entry_address)
        by_hand.addWidget(self.entry_address, 1)
        by_hand.addWidget(self.copy_entry)
        self.by_hand.hide()
        layout.addWidget(self.by_hand)
        self.pictures = QTabWidget()
        for browser, caption, picture in address_pictures():
            self.pictures.addTab(_picture_tab(caption, picture), browser)
        layout.addWidget(self.pictures)
        label = QLabel(self.tr("Address of the &final page:"))
        self.paste = QLineEdit()
        self.paste.setPlaceholderText(self.tr("…/login/desktop?client_token=…&server_token=…"))
        self.paste.textChanged.connect(self._pasted)
        self.paste.returnPressed.connect(self.use_pasted)
        label.setBuddy(self.paste)
        name_for_screen_reader(
            self.paste,
            self.tr("Address of the final page"),
            self.tr("The address of the page that says you are now logged in."),
        )
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.paste, 1)
        layout.addLayout(row)
        return part

    # ---- which services the server offers -------------------------------------------------------
    def look_up(self, server_url: str, server_version: str) -> None:
        """Asks the server (in the worker) which services it offers, then shows the buttons."""
        if server_url == self.server_url and self._lookup is None and self.providers:
            self.offered.emit(True)
            return
        self.tasks.forget(self._lookup)
        self.server_url, self.server_version = server_url, server_version
        self.providers, self.attempt = [], None
        self._set_shown(False)
        self.offered.emit(False)
        if not server_url:
            return
        self._lookup = self.tasks.submit(
            lambda: look_up_providers(server_url), self._found, self._not_found, "sign-in services"
        )

    def clear_attempt(self) -> None:
        """Back to the buttons: no attempt running, nothing of an earlier address on screen."""
        self.attempt = None
        self._address = self._shown = ""
        self.paste.blockSignals(True)
        self.paste.clear()
        self.paste.blockSignals(False)
        self.waiting.hide()

    def has_address(self) -> bool:
        return self.attempt is not None and bool(self.paste.text().strip())

    def _set_shown(self, shown: bool) -> None:
        if self._shows_itself:
            self.setVisible(shown)

    def looking_up(self) -> bool:
        """Whether the server's answer is still to come."""
        return self._lookup is not None

    def _found(self, providers: list[Provider]) -> None:
        self._lookup = None
        self.providers = providers
        for button in self.provider_buttons:
            button.deleteLater()
        self.provider_buttons = []
        if not providers:
            self._set_shown(False)
            self.offered.emit(False)
            return
        names = ", ".join(p.name for p in providers)
        if supports_browser_signin(self.server_version):
            self.intro.setText(
                self.tr(
                    "Your server signs you in through %1. Click the button: your browser opens the sign-in "
                    "page. Afterwards you copy the address of the last page, and you are signed in here too."
                ).replace("%1", names)
            )
            for provider in providers:
                button = QPushButton(self.tr("Sign in with %1").replace("%1", provider.name))
                button.clicked.connect(self._start_attempt)
                button.setProperty("provider_key", provider.key)
                self.buttons_row.addWidget(button)
                self.provider_buttons.append(button)
            self.buttons_row.addStretch(1)
            self.too_old.hide()
        else:
            self.intro.setText(self.tr("Your server signs you in through %1.").replace("%1", names))
            self.too_old.setText(
                self.tr(
                    "This server runs Mattermost %1, which is too old for signing in through the browser "
                    "(it needs Mattermost 9 or newer). Please use the other way below: copy the sign-in "
                    "from your browser's developer tools."
                ).replace("%1", self.server_version)
            )
            self.too_old.show()
        self._set_shown(True)
        self.offered.emit(supports_browser_signin(self.server_version))

    def _not_found(self, exc: BaseException) -> None:
        self._lookup = (
            None  # no buttons: the other ways stay, and the page says what is wrong with the server
        )
        self._set_shown(False)
        self.offered.emit(False)

    # ---- one attempt ----------------------------------------------------------------------------------
    def _start_attempt(self) -> None:
        key = self.sender().property("provider_key")
        provider = next(p for p in self.providers if p.key == key)
        self.attempt = BrowserSignin(self.server_url, provider)
        self.paste.blockSignals(True)
        self.paste.clear()
        self.paste.blockSignals(False)
        entry = self.attempt.entry_url()
        # False when no browser could be started (none set as default, a locked-down desktop): then the
        # address is shown to be opened by hand, rather than waiting for a browser that never came.
        opened = QDesktopServices.openUrl(QUrl(entry))
        if opened:
            text = self.tr(
                "Your browser is open. Sign in with %1 there (if you are signed in already, one click is "
                'enough). When the page says "You are now logged in", copy its address: the assistant '
                "notices it by itself. Or paste it below."
            )
        else:
            text = self.tr(
                "Your browser could not be opened by itself. Please copy this address, open your browser and "
                "paste it into its address bar. Sign in with %1 there. When the page says \"You are now "
                'logged in", copy its address: the assistant notices it by itself. Or paste it below.'
            )
        self.waiting_text.setText(text.replace("%1", provider.name))
        self.entry_address.setText(entry)  # no secret in it: the client token is useless without the server's
        self.entry_address.setCursorPosition(0)
        self.by_hand.setVisible(not opened)
        self.waiting.show()
        (self.paste if opened else self.copy_entry).setFocus()

    def _copy_entry_address(self) -> None:
        QGuiApplication.clipboard().setText(self.entry_address.text())

    def _clipboard_changed(self) -> None:
        text = QGuiApplication.clipboard().text()
        if self.attempt is not None and self.isVisible() and looks_like_sign_in_outcome(text):
            self.paste.setText(text.strip())  # _pasted takes it from here

    def _pasted(self, text: str) -> None:
        if looks_like_sign_in_outcome(text) or ("://" in text and "?" in text):
            self.use_pasted()  # a whole address arrives in one change; typed text waits for Enter

    def use_pasted(self) -> None:
        text = self.paste.text().strip()
        if text == self._shown:
            text = self._address  # Enter again on the masked address: the one it stands for
        if self.attempt is not None and text:
            self._address, self._shown = text, masked(text)
            self.paste.blockSignals(True)
            self.paste.setText(self._shown)  # the server token does not stay on screen
            self.paste.blockSignals(False)
            self.address_ready.emit(self.attempt, text)


def _picture_tab(caption: str, name: str) -> QWidget:
    tab = QWidget()
    layout = QVBoxLayout(tab)
    text = QLabel(caption)
    text.setWordWrap(True)
    layout.addWidget(text)
    pixmap = QPixmap(picture_path(name))
    if not pixmap.isNull():
        if pixmap.width() > PICTURE_WIDTH:
            pixmap = pixmap.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        picture = QLabel()
        picture.setPixmap(pixmap)
        layout.addWidget(picture)
    layout.addStretch(1)
    return tab
