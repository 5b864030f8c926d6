""""Open the archive" when the computer cannot open it (no default browser, a locked-down desktop, wine
without an .html association): the last page says so and shows where index.html is, to copy. When the system
opens it, nothing extra is shown. Driven in the real wizard after a real export from the demo server.

The offscreen platform, like such a desktop, opens nothing (openUrl returns False); the opening case goes
through Qt's own URL-handler hook for the file scheme."""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from mmexport.gui.state import CHATS, DONE, EXPORT, OPTIONS

from .conftest import LONG, enter_server, go_to_server_page, set_folder, sign_in_with_curl, tick_chats


class _System(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def _export_to_done(qtbot, wizard, server, out) -> None:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    assert wizard.currentId() == CHATS
    tick_chats(qtbot, wizard, ["Bernd Müller"])
    wizard.next()
    assert wizard.currentId() == OPTIONS
    set_folder(wizard, out)
    wizard.next()
    assert wizard.currentId() == EXPORT
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)


def test_an_archive_the_computer_cannot_open_is_shown_to_open_by_hand(qtbot, wizard, demo_server, tmp_path):
    out = tmp_path / "archive"
    _export_to_done(qtbot, wizard, demo_server, out)
    page = wizard.done_page
    assert not page.open_by_hand.isVisible()

    page.open_button.click()  # nothing can open it here
    assert page.open_by_hand.isVisible()
    assert "could not open this by itself" in page.open_by_hand.text.text()
    index = page.open_by_hand.path.text()
    assert index == str(page.archive_dir() / "index.html")
    page.open_by_hand.copy_button.click()
    assert QGuiApplication.clipboard().text() == index

    system = _System()
    QDesktopServices.setUrlHandler("file", system, "open")
    try:
        page.open_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert system.opened == [index]
    assert not page.open_by_hand.isVisible()  # opened: nothing to do by hand
