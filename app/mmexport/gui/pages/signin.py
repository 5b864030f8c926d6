"""Page 3: sign in. Mostly "copy from your browser"; also password (with MFA) and a personal access token.

Before going on, the page shows who is signed in. "Remember on this computer" keeps the token in the
system's secret store and says plainly when there is none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from mmexport import secrets
from mmexport.gui.browser_signin import BrowserSigninBox
from mmexport.gui.messages import describe_error
from mmexport.gui.pages.base import Page, StatusLabel, Wizard, name_for_screen_reader, paragraph
from mmexport.gui.password_form import PasswordForm
from mmexport.gui.signin_guide import SigninGuide
from mmexport.gui.worker import Task
from mmexport.mattermost import errors
from mmexport.mattermost.desktop_login import BrowserSignin, exchange
from mmexport.mattermost.every_channel import is_system_admin
from mmexport.mattermost.signin import looks_like_signin_material, parse_signin_material

if TYPE_CHECKING:
    from mmexport.mattermost.client import Client

PASTE_DELAY_MS = 400
TAB_BROWSER, TAB_PASSWORD, TAB_TOKEN = range(3)
# How each attempt signed in, as the state keeps it for the "Sign in again" dialog; a saved sign-in and a
# re-check do not say how the person once signed in, so they leave it as it was.
WAY_OF_ATTEMPT = {"pasted": "cookie", "password": "password", "token": "token", "browser": "browser"}


@dataclass
class SignedIn:
    client: Client
    me: dict
    server_url: str
    server_version: str
    site_name: str | None = None  # None: not asked (the server page already knows it)


def sign_in_with_token(server_url: str, token: str, known_version: str = "") -> SignedIn:
    """Runs in the worker thread."""
    from mmexport.mattermost.client import Client

    client = Client(server_url, token, cancel=threading.Event())  # the engine stops a run through it
    version, site_name = known_version, None
    if not version:  # a server the server page did not check: is it Mattermost, and which?
        info = client.probe()
        version, site_name = str(info.get("version") or ""), str(info.get("site_name") or "")
    me = client.me()
    return SignedIn(client, me, client.base_url, version or client.server_version or "", site_name)


def sign_in_with_browser(attempt: BrowserSignin, address: str) -> SignedIn:
    """Runs in the worker thread. The session made here is ours, like a password sign-in's."""
    client, _ = exchange(attempt.server_url, attempt.server_token_from(address), cancel=threading.Event())
    me = client.me()
    return SignedIn(client, me, client.base_url, client.server_version or "")


def sign_in_with_password(server_url: str, login_id: str, password: str, mfa: str | None) -> SignedIn:
    """Runs in the worker thread. The session made here is ours, so it may be logged out at the end."""
    from mmexport.mattermost.client import Client

    client = Client(server_url, cancel=threading.Event())
    me = client.login(login_id, password, mfa or None)
    return SignedIn(client, me, client.base_url, client.server_version or "")


class SigninPage(Page):
    def __init__(self, wizard: Wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Sign in"))
        self.setSubTitle(
            self.tr(
                "The assistant reads your chats with your own sign-in. It never changes "
                "anything and never signs you out of your browser."
            )
        )
        self._task: Task | None = None
        self._signing_in_with = ""  # what the running attempt used: "pasted", "saved", "password", "token"
        self._paste_timer = QTimer(self)
        self._paste_timer.setSingleShot(True)
        self._paste_timer.setInterval(PASTE_DELAY_MS)
        self._paste_timer.timeout.connect(self._paste_settled)

        # Everything scrolls as one: with the browser's steps and the other ways open at once the page needs
        # more height than a small window (or large text) has, and a layout squeezed below its widgets'
        # minimum sizes paints them over each other. A scroll bar is better than overlapping text.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body_scroll.setWidget(body)
        outer.addWidget(self.body_scroll)
        layout = QVBoxLayout(body)
        self._body_layout = layout
        self.browser_box = BrowserSigninBox(self.tasks)  # the first choice where the server has SSO
        self.browser_box.address_ready.connect(self._sign_in_through_browser)
        self.browser_box.offered.connect(self._browser_signin_offered)
        layout.addWidget(self.browser_box)
        self.other_ways = QToolButton()  # a control that opens and closes, with an arrow that says so
        self.other_ways.setText(
            self.tr("Other ways to sign in (copy from the developer tools, password, access token)")
        )
        self.other_ways.setCheckable(True)
        self.other_ways.setArrowType(Qt.ArrowType.RightArrow)
        self.other_ways.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.other_ways.toggled.connect(self._show_other_ways)
        self.other_ways.hide()
        layout.addWidget(self.other_ways, 0, Qt.AlignmentFlag.AlignLeft)
        self.methods = QTabWidget()
        self.methods.addTab(self._browser_tab(), self.tr("Copy from your browser"))
        self.methods.addTab(self._password_tab(), self.tr("User name and password"))
        self.methods.addTab(self._token_tab(), self.tr("Access token"))
        layout.addWidget(self.methods, 1)

        self.status = StatusLabel()
        layout.addWidget(self.status)
        self.practice = self._practice_box()  # the demo only
        layout.addWidget(self.practice)
        self.remember = QCheckBox(self.tr("&Remember on this computer (kept in the system's password store)"))
        self.remember.toggled.connect(self._remember_toggled)
        self.remember.setAccessibleDescription(
            self.tr(
                "Keeps your sign-in in the system's password store, so that you are signed in at once next time."
            )
        )
        layout.addWidget(self.remember)
        self.remember_status = StatusLabel()
        layout.addWidget(self.remember_status)
        layout.addStretch(0)  # what is left over stays below the last line, not inside a box
        QGuiApplication.clipboard().dataChanged.connect(self._offer_clipboard)

    # ---- building --------------------------------------------------------------------------------------
    def _browser_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.browser_intro = paragraph(
            self.tr(
                "Your browser already holds your sign-in as a cookie called <b>MMAUTHTOKEN</b>. Copy its value "
                "(or a whole request as cURL) and paste it into the box at the bottom. Pick your browser:"
            )
        )
        layout.addWidget(self.browser_intro)
        self.guide = SigninGuide()
        layout.addWidget(self.guide, 1)
        self.clipboard_offer = QWidget()
        offer = QHBoxLayout(self.clipboard_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        self.clipboard_label = QLabel()
        self.clipboard_label.setWordWrap(True)
        self.clipboard_button = QPushButton(self.tr("&Use it"))
        self.clipboard_button.clicked.connect(self.use_clipboard)
        offer.addWidget(self.clipboard_label, 1)
        offer.addWidget(self.clipboard_button)
        self.clipboard_offer.hide()
        layout.addWidget(self.clipboard_offer)
        label = QLabel(self.tr("&Paste here:"))
        # A line in password mode: the token is a secret and others may watch the screen. It keeps the
        # line breaks of a pasted cURL, so every paste form still parses.
        self.paste = QLineEdit()
        self.paste.setEchoMode(QLineEdit.EchoMode.Password)
        self.paste.setPlaceholderText(self.tr('MMAUTHTOKEN value, cookie or "Copy as cURL" text'))
        self.paste.textChanged.connect(self._paste_changed)
        label.setBuddy(self.paste)
        name_for_screen_reader(
            self.paste,
            self.tr("Paste here"),
            self.tr('The MMAUTHTOKEN value, the cookie or the "Copy as cURL" text from your browser.'),
        )
        self.show_paste = QCheckBox(self.tr("S&how"))
        self.show_paste.toggled.connect(self._show_pasted)
        name_for_screen_reader(self.show_paste, self.tr("Show what was pasted"))
        row = QHBoxLayout()
        row.addWidget(self.paste, 1)
        row.addWidget(self.show_paste)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addStretch(0)  # takes the room the guide leaves when it is hidden (the demo's practice)
        return tab

    def _practice_box(self) -> QGroupBox:
        """In the demo the sign-in happens by itself, so the step that is hardest on a real server (copy,
        then paste) is never tried. Here it can be, with the demo's own sign-in shown to copy."""
        box = QGroupBox(self.tr("Practice (optional, demo only)"))
        layout = QVBoxLayout(box)
        self.practice_text = paragraph(
            self.tr(
                "In the demo you were signed in by itself. On your own server you copy your sign-in from the "
                "browser and paste it here. You can practise that now, with the demo's sign-in."
            )
        )
        layout.addWidget(self.practice_text)
        self.practice_button = QPushButton(self.tr("Prac&tise pasting the sign-in"))
        self.practice_button.clicked.connect(self.start_practice)
        layout.addWidget(self.practice_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.practice_token_row = QWidget()
        row = QHBoxLayout(self.practice_token_row)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("The demo's sign-in:"))
        self.practice_token = QLineEdit()
        self.practice_token.setReadOnly(True)  # shown on purpose: a demo token, worth nothing elsewhere
        label.setBuddy(self.practice_token)
        name_for_screen_reader(self.practice_token, self.tr("The demo's sign-in, to copy"))
        self.practice_copy = QPushButton(self.tr("C&opy"))
        self.practice_copy.clicked.connect(self._copy_practice_token)
        row.addWidget(label)
        row.addWidget(self.practice_token, 1)
        row.addWidget(self.practice_copy)
        self.practice_token_row.hide()
        layout.addWidget(self.practice_token_row)
        box.hide()
        return box

    def _show_practice(self) -> None:
        demo = self.state.demo_server
        in_demo = demo is not None and demo.url == self.state.server_url
        self.practice.setVisible(in_demo)
        self.practice_token.setText(demo.token if demo is not None and in_demo else "")
        if not in_demo:
            self._show_guide(True)

    def _show_guide(self, shown: bool) -> None:
        """The browser guide and its introduction; without them (the demo has no browser to look into) the
        tabs are only as tall as the paste box, no empty pane."""
        self.guide.setVisible(shown)
        self.browser_intro.setVisible(shown)
        self._body_layout.setStretchFactor(self.methods, 1 if shown else 0)

    def start_practice(self) -> None:
        """Signed out here (not on the server), the paste box empty: now copy the demo's sign-in and paste."""
        self.tasks.forget(self._task)
        self._task = None
        self._forget_sign_in()
        self.paste.clear()
        self._paste_timer.stop()
        self.other_ways.setChecked(True)
        self._show_other_ways(True)
        self.methods.setCurrentIndex(TAB_BROWSER)
        self._show_guide(False)  # the demo has no browser to look into: the token is right here
        self.practice_token_row.show()
        self.practice_button.hide()
        self.practice_text.setText(
            escape(
                self.tr(
                    'Copy the demo\'s sign-in below (click "Copy", or select it and press Ctrl+C), then click into '
                    '"Paste here" above and press Ctrl+V. On your own server you copy it from the browser instead.'
                )
            )
        )
        self.status.clear_message()
        self.focus_later(self.practice_copy)

    def _copy_practice_token(self) -> None:
        QGuiApplication.clipboard().setText(self.practice_token.text())
        self.practice_token.selectAll()
        self.paste.setFocus()  # where the paste goes next

    def _show_pasted(self, show: bool) -> None:
        self.paste.setEchoMode(QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password)

    def _password_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Only if you sign in to Mattermost itself with a password. If you sign in through GitLab or your "
                    'organisation\'s login page, use "Copy from your browser" instead.'
                )
            )
        )
        self.password_form = PasswordForm()
        self.password_form.submitted.connect(self.sign_in_password)
        layout.addWidget(self.password_form)
        self.password_button = QPushButton(self.tr("&Sign in"))
        self.password_button.clicked.connect(self.sign_in_password)
        layout.addWidget(self.password_button)
        layout.addStretch(1)
        return tab

    def _token_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(
            paragraph(
                self.tr(
                    "A personal access token is made in Mattermost under Profile → Security → Personal Access Tokens. "
                    'Many servers have switched this off; then use "Copy from your browser".'
                )
            )
        )
        self.pat = QLineEdit()
        self.pat.setEchoMode(QLineEdit.EchoMode.Password)
        self.pat.setPlaceholderText(self.tr("access token"))
        self.pat.returnPressed.connect(self.sign_in_token)
        name_for_screen_reader(self.pat, self.tr("Access token"))
        layout.addWidget(self.pat)
        self.pat_button = QPushButton(self.tr("Sign &in with this token"))
        self.pat_button.clicked.connect(self.sign_in_token)
        layout.addWidget(self.pat_button)
        layout.addStretch(1)
        return tab

    # ---- page life -------------------------------------------------------------------------------------
    def initializePage(self) -> None:
        resuming = self.state.resume is not None
        self.setCommitPage(resuming)  # continuing an export goes straight to it, with no way back
        if resuming:
            self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Continue the export"))
        self._show_keyring_state()
        self._show_practice()
        self.browser_box.look_up(self.state.server_url, self.state.server_version)
        if self._signed_in_here():
            self._recheck()
        else:
            self.state.client = None
            self.state.me = None
            self.status.clear_message()
            self._start_automatic_sign_in()
        self._offer_clipboard()
        self.focus_later(self.paste)

    def isComplete(self) -> bool:
        return self._signed_in_here() and self._task is None

    def _recheck(self) -> None:
        """Shown again: a token that died meanwhile must not keep its old "Signed in as ..."."""
        client = self.state.client
        assert client is not None  # _signed_in_here() said so
        self.tasks.forget(self._task)
        self._signing_in_with = "recheck"
        self.status.show_message("busy", escape(self.tr("Checking that your sign-in still works…")))
        self._task = self.tasks.submit(client.me, self._rechecked, self._sign_in_failed, "recheck")
        self.completeChanged.emit()

    def _rechecked(self, me: dict) -> None:
        self._task = None
        self.state.me = me
        self._show_signed_in()
        self.completeChanged.emit()

    def arrived(self) -> None:
        if self.state.signin_expired:
            self.show_expired()

    def show_expired(self) -> None:
        """Back from a later page whose requests were refused: the old sign-in is gone, say so."""
        self.state.signin_expired = False
        self._forget_sign_in()
        self.paste.clear()
        self._paste_timer.stop()
        secrets.forget_token(self.state.server_url)
        self.status.show_message("warn", escape(self.expired_text()))
        self._offer_clipboard()
        self.focus_later(self.paste)

    def _forget_sign_in(self) -> None:
        self.state.client = None
        self.state.me = None
        self.completeChanged.emit()

    def _signed_in_here(self) -> bool:
        client = self.state.client
        return bool(client is not None and self.state.me and client.base_url == self.state.server_url)

    def nextId(self) -> int:
        from mmexport.gui.state import CHATS, EXPORT

        return EXPORT if self.state.resume is not None else CHATS

    def _start_automatic_sign_in(self) -> None:
        token = self.state.pending_token
        if token:
            self.state.pending_token = None
            self._start(
                lambda: sign_in_with_token(self.state.server_url, token, self.state.server_version), "pasted"
            )
            return
        saved = secrets.load_token(self.state.server_url) if self.state.server_url else None
        if saved:
            self.remember.setChecked(True)
            self.state.restore_signin_way()
            self._start(
                lambda: sign_in_with_token(self.state.server_url, saved, self.state.server_version), "saved"
            )

    # ---- the ways to sign in -------------------------------------------------------------------------
    def _paste_changed(self) -> None:
        self._offer_clipboard()  # the offer goes away once its text is in the box
        self._paste_timer.start()

    def _paste_settled(self) -> None:
        text = self.paste.text()
        if not text.strip():
            self.status.clear_message()
            return
        try:
            material = parse_signin_material(text)
        except errors.SigninParseError as exc:
            self.tasks.forget(self._task)
            self._task = None
            self._forget_sign_in()  # "Next" must not go on with an earlier sign-in after a wrong paste
            self.status.show_message("error", describe_error(exc).as_html())
            return
        server = material.server_url or self.state.server_url
        if material.server_url and material.server_url != self.state.server_url:
            if not self._switch_server_agreed(material.server_url):
                return
            self.state.address_typed = material.server_url  # the server page shows it when gone back to
        version = self.state.server_version if server == self.state.server_url else ""
        self._start(lambda: sign_in_with_token(server, material.token, version), "pasted")

    def _switch_server_agreed(self, pasted_server: str) -> bool:
        """A request copied from another server than the one chosen before: ask, never switch silently."""
        question = self.tr(
            "What you pasted is a sign-in for %1, but on the previous page you chose %2. "
            "Switch to %1 and sign in there?"
        )
        question = question.replace("%1", pasted_server).replace("%2", self.state.server_url)
        if self.wiz.confirm(self.tr("Another server?"), question):
            return True
        self._forget_sign_in()
        text = self.tr(
            "Not switched: the sign-in you pasted is for %1. Copy a request from %2 in your browser instead."
        )
        text = text.replace("%1", escape(pasted_server)).replace("%2", escape(self.state.server_url))
        self.status.show_message("warn", text)
        return False

    def use_clipboard(self) -> None:
        self.methods.setCurrentIndex(TAB_BROWSER)
        self.paste.setText(QGuiApplication.clipboard().text())
        self._paste_timer.stop()
        self._paste_settled()

    def _offer_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        pasted = self.paste.text()
        if self._signed_in_here() or not text or text.strip() == pasted.strip() or not _looks(text):
            self.clipboard_offer.hide()
            return
        try:
            kind = parse_signin_material(text).kind
        except errors.SigninParseError:
            self.clipboard_offer.hide()
            return
        texts = {
            "curl": self.tr("Your clipboard holds a copied request (cURL) with a sign-in."),
            "cookie": self.tr("Your clipboard holds a Mattermost sign-in cookie."),
        }
        self.clipboard_label.setText(
            texts.get(kind, self.tr("Your clipboard holds something that looks like a sign-in token."))
        )
        self.clipboard_offer.show()

    def _sign_in_through_browser(self, attempt: BrowserSignin, address: str) -> None:
        self._start(lambda: sign_in_with_browser(attempt, address), "browser")

    def _browser_signin_offered(self, offered: bool) -> None:
        self.other_ways.setVisible(offered)  # the other ways stay one click away
        self.other_ways.setChecked(False)
        self._show_other_ways(not offered)
        if offered and not self._signed_in_here():
            self.browser_box.provider_buttons[0].setFocus()  # the paste box it replaces is hidden now

    def _show_other_ways(self, show: bool) -> None:
        self.methods.setVisible(show)
        self.other_ways.setArrowType(Qt.ArrowType.DownArrow if show else Qt.ArrowType.RightArrow)

    def sign_in_password(self) -> None:
        login_id, password, mfa = self.password_form.values()
        if not self.password_form.complete():
            self.status.show_message("warn", self.tr("Please enter your user name (or e-mail) and password."))
            return
        server = self.state.server_url
        self._start(lambda: sign_in_with_password(server, login_id, password, mfa), "password")

    def sign_in_token(self) -> None:
        text = self.pat.text().strip()
        if not text:
            return
        try:
            token = parse_signin_material(text).token
        except errors.SigninParseError as exc:
            self.status.show_message("error", describe_error(exc).as_html())
            return
        server, version = self.state.server_url, self.state.server_version
        self._start(lambda: sign_in_with_token(server, token, version), "token")

    def _start(self, func: Callable[[], SignedIn], how: str) -> None:
        self.tasks.forget(self._task)
        self._signing_in_with = how
        self.clipboard_offer.hide()
        self.state.client = None
        self.state.me = None
        self.status.show_message("busy", self.tr("Signing in…"))
        self._task = self.tasks.submit(func, self._signed_in, self._sign_in_failed, "sign-in")
        self.completeChanged.emit()

    def _signed_in(self, result: SignedIn) -> None:
        self._task = None
        self.state.client = result.client
        self.state.me = result.me
        if result.server_url != self.state.server_url:
            self.state.server_url = result.server_url
        if result.server_version:
            self.state.server_version = result.server_version
        if result.site_name is not None:
            self.state.site_name = result.site_name
        self.state.signed_in_with = WAY_OF_ATTEMPT.get(self._signing_in_with, self.state.signed_in_with)
        self.clipboard_offer.hide()
        self._show_signed_in()
        if self.practice_token_row.isVisible():
            self.practice_text.setText(
                escape(
                    self.tr(
                        "Well done: that was the step. On your own server it works the same way, only that you "
                        "copy the sign-in from your browser."
                    )
                )
            )
        if self.remember.isChecked():
            self._save_token()
        self.completeChanged.emit()

    def _sign_in_failed(self, exc: BaseException) -> None:
        self._task = None
        how = self._signing_in_with
        if isinstance(exc, errors.MfaRequired):
            self.password_form.ask_for_code()
        expired = isinstance(exc, errors.SignInExpired)
        if expired and how in ("saved", "recheck"):
            self._forget_sign_in()
            secrets.forget_token(self.state.server_url)
            self.status.show_message("warn", escape(self.expired_text(how)))
        else:
            self.status.show_message("error", describe_error(exc, server=self.state.server_url).as_html())
        self._offer_clipboard()
        self.completeChanged.emit()

    def expired_text(self, how: str = "recheck") -> str:
        if how == "saved":
            return self.tr("The sign-in saved on this computer is no longer valid. Please sign in again.")
        return self.tr("Your sign-in has expired (or you signed out in the browser). Please sign in again.")

    def _show_signed_in(self) -> None:
        me = self.state.me or {}
        text = self.tr("Signed in as %1 (@%2) on %3.")
        text = text.replace("%1", escape(self.state.signed_in_name())).replace(
            "%2", escape(me.get("username", ""))
        )
        text = text.replace("%3", escape(self.state.site_name or self.state.server_url))
        if is_system_admin(me):  # coordinators: the chats page offers every channel of a team
            text += "<br>" + escape(self.tr("You are a system administrator of this server."))
        self.status.show_message("ok", "✔ " + text)

    # ---- remembering ---------------------------------------------------------------------------------
    def _show_keyring_state(self) -> None:
        available, reason = secrets.keyring_available()
        self.remember.setEnabled(available)
        if not available:
            self.remember.setChecked(False)
            self.remember_status.show_message("warn", self._no_keyring_text(reason))
        elif self.remember_status.kind == "warn":
            self.remember_status.clear_message()

    def _no_keyring_text(self, reason: str) -> str:
        text = self.tr(
            "This computer has no password store the program can use, so the sign-in is kept for "
            "this session only. You will be asked again next time."
        )
        return escape(text)  # said once: the store's own reason would only repeat it in English

    def _remember_toggled(self, checked: bool) -> None:
        self.state.remember_signin = checked
        if not self._signed_in_here():
            return
        if checked:
            self._save_token()
        else:
            secrets.forget_token(self.state.server_url)
            self.state.token_saved = False
            self.remember_status.clear_message()

    def _save_token(self) -> None:
        if not self.state.token():
            return
        if self.state.save_token():
            self.remember_status.show_message(
                "ok",
                escape(
                    self.tr(
                        "Saved in this computer's password store. Next time you will be signed in at once."
                    )
                ),
            )
        else:
            _, reason = secrets.keyring_available()
            self.remember.blockSignals(True)
            self.remember.setChecked(False)
            self.remember.blockSignals(False)
            self.state.remember_signin = False
            self.remember_status.show_message("warn", self._no_keyring_text(reason))


def _looks(text: str) -> bool:
    try:
        return looks_like_signin_material(text)
    except Exception:  # a clipboard offer is never worth an error
        return False
