"""Page 2: the server address, checked as soon as the person stops typing (reachable, Mattermost, version)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from mmexport.gui.messages import describe_error
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, name_for_screen_reader
from mmexport.gui.worker import Task
from mmexport.mattermost import errors
from mmexport.mattermost.address import normalize_server_url
from mmexport.mattermost.signin import looks_like_signin_material, parse_signin_material

CHECK_DELAY_MS = 600  # after the last key press; a paste is checked at once


def probe_server(url: str) -> dict:
    """Runs in the worker thread: ping + client config, with the client's plain-language errors."""
    from mmexport.mattermost.client import Client

    client = Client(url, timeout=15.0, max_retries=1)
    info = dict(client.probe())
    info["url"] = client.base_url
    return info


class ServerPage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Which Mattermost server?"))
        self.setSubTitle(
            self.tr(
                "Copy the address from your browser's address bar while Mattermost is open. "
                "It does not matter which of its pages is open."
            )
        )
        self._checked_url = ""  # the normalized address whose check succeeded
        self._http_url = ""  # the plain-http address offered after https failed that way
        self._checking_url = ""
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)

        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Server &address:"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("for example chat.example.org"))
        self.address.setClearButtonEnabled(True)
        label.setBuddy(self.address)
        name_for_screen_reader(
            self.address,
            self.tr("Server address"),
            self.tr("The address of your Mattermost server; it is checked as soon as you stop typing."),
        )
        self.address.textEdited.connect(self._edited)
        self.address.textChanged.connect(self._keep_typed)
        self.address.returnPressed.connect(self.check_now)
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check_now)
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.check_button)
        layout.addWidget(label)
        layout.addLayout(row)
        self.status = StatusLabel()
        layout.addWidget(self.status)
        self.http_button = QPushButton()  # offered when the server answers only without encryption
        self.http_button.setAutoDefault(False)
        self.http_button.clicked.connect(self._use_http)
        self.http_button.hide()
        layout.addWidget(self.http_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.registerField("server*", self.address)  # lets the wizard know the address matters

    def initializePage(self) -> None:
        self.focus_later(self.address)

    def cleanupPage(self) -> None:
        """Going back keeps the typed address (QWizardPage would empty the field, and so the state)."""

    def arrived(self) -> None:
        """The address as last typed here, or as filled in elsewhere (the demo, a request pasted on the
        sign-in page); the remembered server only when nothing was typed yet. The state keeps it, so a
        language switch (which builds the pages anew) does not lose it."""
        wanted = self.state.address_typed or self.state.server_url or self.state.settings.last_server
        if wanted != self.address.text():
            self.set_address(wanted)
        if self.address.text() and not self._is_checked():
            self.check_now()

    def _keep_typed(self, text: str) -> None:
        self.state.address_typed = text

    def set_address(self, text: str) -> None:
        self.address.setText(text)
        self._checked_url = ""
        self.completeChanged.emit()
        if self.wiz.currentPage() is self and text:
            self.check_now()

    def isComplete(self) -> bool:
        return self._is_checked()

    def _is_checked(self) -> bool:
        return bool(self._checked_url) and normalize_or_empty(self.address.text()) == self._checked_url

    def _edited(self, text: str) -> None:
        if looks_like_signin_material(text) and _take_curl(self, text):
            return
        self.completeChanged.emit()
        self.status.clear_message()
        self.http_button.hide()
        self._timer.start()

    def check_now(self) -> None:
        self._timer.stop()
        text = self.address.text()
        if not text.strip():
            return
        if self._is_checked():
            return
        try:
            url = normalize_server_url(text)
        except errors.AddressError as exc:
            self.status.show_message("error", describe_error(exc).as_html())
            return
        if url == self._checking_url:
            return
        self.http_button.hide()
        self.tasks.forget(self._task)
        self._checking_url = url
        self.status.show_message("busy", self.tr("Checking %1 …").replace("%1", escape(url)))
        self._task = self.tasks.submit(
            lambda: probe_server(url), self._probe_done, self._probe_failed, "probe"
        )

    def _probe_done(self, info: dict) -> None:
        url = self._checking_url
        self._checking_url = ""
        self._task = None
        if normalize_or_empty(self.address.text()) != url:
            return  # the person typed on meanwhile; a new check is on its way
        if self.state.server_url and self.state.server_url != url:
            self.wiz.state.client = None  # another server: the old sign-in does not apply
            self.wiz.state.me = None
        self.state.server_url = url
        self.state.server_version = str(info.get("version") or "")
        self.state.site_name = str(info.get("site_name") or "")
        self._checked_url = url
        name = self.state.site_name or url
        if self.state.server_version:
            text = self.tr("Found %1, Mattermost version %2.").replace("%1", escape(name))
            text = text.replace("%2", escape(self.state.server_version))
        else:
            text = self.tr("Found %1.").replace("%1", escape(name))
        self.status.show_message("ok", "✔ " + text)
        self.completeChanged.emit()

    def _probe_failed(self, exc: BaseException) -> None:
        url = self._checking_url
        self._checking_url = ""
        self._task = None
        self._checked_url = ""
        fixable = isinstance(exc, errors.HttpsNotSpoken) and "://" not in self.address.text()
        # One click fixes an address typed without http://: said as information, not as an alarm.
        self.status.show_message("info" if fixable else "error", describe_error(exc, server=url).as_html())
        if fixable:
            # Typed without a scheme, so https:// was assumed; the server speaks plain http on this port.
            self._http_url = "http://" + url.split("://", 1)[1]
            self.http_button.setText(self.tr("&Use %1").replace("%1", self._http_url))
            self.http_button.show()
        self.completeChanged.emit()

    def _use_http(self) -> None:
        self.http_button.hide()
        self.address.setText(self._http_url)
        self.check_now()

    def validatePage(self) -> bool:
        if not self._is_checked():
            return False
        self.state.settings.last_server = self.state.server_url
        self.wiz.save_settings()
        return True


def normalize_or_empty(text: str) -> str:
    try:
        return normalize_server_url(text)
    except errors.MattermostError:
        return ""


def _take_curl(page: ServerPage, text: str) -> bool:
    """A pasted cURL request: keep its sign-in for the next page and put its address in the field."""
    try:
        material = parse_signin_material(text)
    except errors.SigninParseError:
        return False
    if not material.server_url:
        return False
    page.state.pending_token = material.token
    page.address.setText(material.server_url)
    taken = QCoreApplication.translate(
        "ServerPage", "The address %1 and your sign-in were taken from what you pasted."
    )
    page.status.show_message("info", escape(taken).replace("%1", escape(material.server_url)))
    page.check_now()
    return True
