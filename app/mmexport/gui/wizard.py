"""The wizard window: seven pages that share one state object and one background worker."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget, QWizard

from mmexport import APP_NAME
from mmexport.gui.state import CHATS, DONE, EXPORT, OPTIONS, SERVER, SIGNIN, WELCOME, WizardState
from mmexport.gui.worker import TaskRunner, run_briefly
from mmexport.resources import resource_path
from mmexport.settings import Settings, load_settings, save_settings

log = logging.getLogger(__name__)

SIGN_OUT_SECONDS = 4.0  # the longest closing waits for the server to end the program's own session


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"mmexport-{size}.png")
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon


class ExportWizard(QWizard):
    def __init__(
        self, *, demo: bool = False, settings: Settings | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.state = WizardState(settings=settings or load_settings())
        self.tasks = TaskRunner(self)
        self.demo_requested = demo
        # Tests replace this with a function that answers at once; people get a real question.
        self.confirm: Callable[[str, str], bool] = self._ask
        self._closing_allowed = False
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)  # the export cannot be undone
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, self.windowIcon().pixmap(48, 48))
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setMinimumSize(860, 680)
        self._add_pages()
        self._name_buttons()

    @property
    def language(self) -> str:
        """The language the pages speak now (install_translations sets the default locale with it)."""
        return "de" if QLocale().language() == QLocale.Language.German else "en"

    def _name_buttons(self) -> None:
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))

    def switch_language(self, language: str) -> None:
        """From the first page: remember the choice, load its translations and build the pages anew in it."""
        from mmexport.gui.application import install_translations

        self.state.settings.language = language
        self.save_settings()
        app = QCoreApplication.instance()
        if app is not None:  # always: a wizard lives inside an application
            install_translations(app, language)
        for page_id in sorted(self.pageIds(), reverse=True):  # first page last: other orders crash in Qt
            page = self.page(page_id)
            self.removePage(page_id)
            page.deleteLater()
        self._add_pages()
        self._name_buttons()
        self.restart()
        self.welcome_page.language.setFocus()

    def _add_pages(self) -> None:
        from mmexport.gui.pages.chats import ChatsPage
        from mmexport.gui.pages.done import DonePage
        from mmexport.gui.pages.export import ExportPage
        from mmexport.gui.pages.options import OptionsPage
        from mmexport.gui.pages.server import ServerPage
        from mmexport.gui.pages.signin import SigninPage
        from mmexport.gui.pages.welcome import WelcomePage

        self.welcome_page = WelcomePage(self)
        self.server_page = ServerPage(self)
        self.signin_page = SigninPage(self)
        self.chats_page = ChatsPage(self)
        self.options_page = OptionsPage(self)
        self.export_page = ExportPage(self)
        self.done_page = DonePage(self)
        for page_id, page in (
            (WELCOME, self.welcome_page),
            (SERVER, self.server_page),
            (SIGNIN, self.signin_page),
            (CHATS, self.chats_page),
            (OPTIONS, self.options_page),
            (EXPORT, self.export_page),
            (DONE, self.done_page),
        ):
            self.setPage(page_id, page)
            # Enter always means "Next" (the wizard's default button); Space presses the focused button.
            for button in page.findChildren(QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        self.setStartId(WELCOME)

    # ---- shared helpers for pages ------------------------------------------------------------------
    def save_settings(self) -> None:
        save_settings(self.state.settings)

    def _ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        yes = box.addButton(self.tr("Yes"), QMessageBox.ButtonRole.YesRole)
        box.addButton(self.tr("No"), QMessageBox.ButtonRole.NoRole)
        box.exec()
        return box.clickedButton() is yes

    def export_more(self) -> None:
        """From the last page back to choosing chats, keeping the server and the sign-in. The chats just
        saved are no longer ticked (ticking them again would only bring them up to date) and are marked."""
        self.state.saved_ids |= set(self.state.selected_ids)
        self.state.selected_ids = []
        self.chats_page.choose_again()
        self.state.result = None
        self.state.out_dir = None
        self.state.resume = None
        while self.currentId() > CHATS:  # back through done, export and options: none of them is redone
            self.back()
        if self.currentId() == CHATS:
            self.chats_page.refresh()  # QWizard does not initialise a page it goes back to
        else:  # an export continued from the first page went from the sign-in straight to the export
            self.next()

    # ---- closing -------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape would close the window straight away; route it through the same question as the X button.
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        self._closing_allowed = True
        self.shutdown()
        super().accept()

    def reject(self) -> None:
        if self._may_close():
            self._closing_allowed = True
            self.shutdown()
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_allowed or self._may_close():
            self._closing_allowed = True
            self.shutdown()
            event.accept()
        else:
            event.ignore()

    def _may_close(self) -> bool:
        if self.currentId() == EXPORT and self.export_page.running():
            question = self.tr(
                "The export is still running. Stop it now? What was saved so far stays in the folder, and "
                "you can continue the export the next time you open this program."
            )
            if not self.confirm(self.tr("Stop the export?"), question):
                return False
            self.export_page.stop_for_close()
        return True

    def shutdown(self) -> None:
        """Lets go of everything that runs in the background. Safe to call twice."""
        if getattr(self, "_shut_down", False):
            return
        self._shut_down = True
        self.export_page.stop_for_close()
        self.done_page.stop_for_close()
        client = self.state.client
        remembered = self.state.token_saved  # a saved sign-in must stay valid for next time
        if client is not None and getattr(client, "owns_session", False) and not remembered:
            # Only a session this program created; sent and answered before the window goes, bounded so
            # that a dead server cannot hold the closing.
            run_briefly(lambda: client.logout(deadline=SIGN_OUT_SECONDS), SIGN_OUT_SECONDS, "sign-out")
        self.tasks.shutdown(wait_ms=5000)
        if self.state.demo_server is not None:
            self.state.demo_server.stop()
            self.state.demo_server = None
