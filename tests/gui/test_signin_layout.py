"""The sign-in page never paints widgets over each other, from the smallest window up, with large text and
at 150 % scaling: plain, with the clipboard offer and a wrong paste's message, and on a server with GitLab
sign-in after "Sign in with GitLab" and "Other ways" (the case that overlapped). Real wizard, real demo
server over HTTP; the 150 % case runs in its own process, since QT_SCALE_FACTOR is read at start.

Also run as a script (by the 150 % test): python tests/gui/test_signin_layout.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geometry import overlaps, squeezed_pictures  # here too when run as a script

SIZES = [(860, 680), (1280, 800)]
LONG = 60_000
Wait = Callable[[Callable[[], object]], None]


def wrong_paste_and_clipboard(wizard, server, wait: Wait) -> None:
    """What the page shows at its fullest without single sign-on: the clipboard offer and a paste error."""
    from PySide6.QtGui import QGuiApplication

    page = wizard.signin_page
    page.paste.setText("this is not a sign-in")
    wait(lambda: page.status.kind == "error")
    QGuiApplication.clipboard().setText(f"MMAUTHTOKEN={server.token}")
    wait(page.clipboard_offer.isVisible)


def gitlab_then_other_ways(wizard, server, wait: Wait) -> None:
    """The reported case: "Sign in with GitLab", then "Other ways", then the clipboard and a wrong paste."""
    page = wizard.signin_page
    box = page.browser_box
    wait(lambda: bool(box.provider_buttons))
    box.provider_buttons[0].click()
    wait(box.waiting.isVisible)
    page.other_ways.click()
    wait(page.methods.isVisible)
    wrong_paste_and_clipboard(wizard, server, wait)


def to_signin(wizard, server, wait: Wait) -> None:
    from mmexport.gui.state import SIGNIN

    wizard.next()
    wizard.server_page.address.setText(server.url)
    wizard.server_page.check_now()
    wait(wizard.server_page.isComplete)
    wizard.next()
    assert wizard.currentId() == SIGNIN


def problems(wizard) -> list[str]:
    page = wizard.signin_page
    return overlaps(page) + squeezed_pictures(page)


@pytest.fixture
def qt_wait(qtbot) -> Wait:
    return lambda condition: qtbot.waitUntil(lambda: bool(condition()), timeout=LONG)


@pytest.fixture(scope="module")
def sso_server():
    from mmexport.demo.server import DemoServer

    with DemoServer(sso_providers=("gitlab",)) as server:
        yield server


@pytest.fixture
def large_text(qapp):
    """The system's text size at 150 % (an accessibility setting many people use)."""
    font = qapp.font()
    bigger = type(font)(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    yield
    qapp.setFont(font)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_overlap_with_the_clipboard_offer_and_a_wrong_paste(qtbot, wizard, shared_demo_server, qt_wait, size):
    wizard.resize(*size)
    to_signin(wizard, shared_demo_server, qt_wait)
    wrong_paste_and_clipboard(wizard, shared_demo_server, qt_wait)
    qtbot.wait(50)
    assert problems(wizard) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_overlap_after_gitlab_then_other_ways(qtbot, wizard, sso_server, qt_wait, size):
    wizard.resize(*size)
    to_signin(wizard, sso_server, qt_wait)
    gitlab_then_other_ways(wizard, sso_server, qt_wait)
    qtbot.wait(50)
    assert problems(wizard) == []


def test_no_overlap_with_large_text(qtbot, large_text, sso_server, qt_wait):
    from mmexport.gui.wizard import ExportWizard

    wizard = ExportWizard()
    qtbot.addWidget(wizard)
    wizard.resize(860, 680)
    wizard.show()
    try:
        to_signin(wizard, sso_server, qt_wait)
        gitlab_then_other_ways(wizard, sso_server, qt_wait)
        qtbot.wait(50)
        assert problems(wizard) == []
    finally:
        wizard.shutdown()


def test_other_ways_is_a_control_that_opens_and_closes(qtbot, wizard, sso_server, qt_wait):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    to_signin(wizard, sso_server, qt_wait)
    page = wizard.signin_page
    qt_wait(page.other_ways.isVisible)
    button = page.other_ways
    assert isinstance(button, QToolButton) and not button.autoRaise()  # drawn as a button, with a frame
    assert button.arrowType() == Qt.ArrowType.RightArrow and not page.methods.isVisible()
    button.click()
    assert button.arrowType() == Qt.ArrowType.DownArrow and page.methods.isVisible()
    button.click()
    assert not page.methods.isVisible()
    # no empty box: the browser box is no taller than what it shows
    box = page.browser_box
    assert box.height() <= box.sizeHint().height() + 2


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_guide_shows_two_whole_steps_at_the_default_size(qtbot, qapp, shared_demo_server, qt_wait, language):
    from mmexport.gui.application import install_translations
    from mmexport.gui.wizard import ExportWizard

    install_translations(qapp, language)
    wizard = ExportWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        _two_whole_steps(qtbot, wizard, shared_demo_server, qt_wait)
    finally:
        wizard.shutdown()
        install_translations(qapp, "en")


def test_the_guide_shows_two_whole_steps_with_large_text(qtbot, large_text, shared_demo_server, qt_wait):
    from mmexport.gui.wizard import ExportWizard

    wizard = ExportWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        wizard.resize(wizard.minimumSize())
        to_signin(wizard, shared_demo_server, qt_wait)
        wrong_paste_and_clipboard(wizard, shared_demo_server, qt_wait)
        qtbot.wait(50)
        _assert_two_steps_in_view(qtbot, wizard.signin_page)  # the page scrolls instead
        assert problems(wizard) == []
    finally:
        wizard.shutdown()


def _two_whole_steps(qtbot, wizard, server, qt_wait) -> None:
    wizard.resize(wizard.minimumSize())
    to_signin(wizard, server, qt_wait)
    qtbot.wait(50)
    page = wizard.signin_page
    _assert_two_steps_in_view(qtbot, page)
    # the paste box below the guide is in view without scrolling the page
    assert page.body_scroll.verticalScrollBar().maximum() == 0
    # with the clipboard offer and a wrong paste's message too (the page may scroll now, the guide stays)
    wrong_paste_and_clipboard(wizard, server, qt_wait)
    qtbot.wait(50)
    _assert_two_steps_in_view(qtbot, page)


def _assert_two_steps_in_view(qtbot, page) -> None:
    from PySide6.QtWidgets import QLabel

    for index in range(page.guide.count()):
        page.guide.setCurrentIndex(index)
        qtbot.wait(20)
        area = page.guide.currentWidget()
        labels = [w for w in area.widget().children() if isinstance(w, QLabel)]
        texts = [label for label in labels if label.pixmap().isNull()]
        third = texts[2] if len(texts) > 2 else labels[-1]
        assert third.geometry().top() <= area.viewport().height(), page.guide.tabText(index)
    page.guide.setCurrentIndex(0)


def test_no_overlap_at_150_percent_scaling(sso_server, tmp_path):
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen", MMEXPORT_HOME=str(tmp_path))
    answer = subprocess.run(
        [sys.executable, __file__, sso_server.url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert answer.returncode == 0, answer.stderr[-2000:]
    report = json.loads(answer.stdout.strip().splitlines()[-1])
    assert report["device_pixel_ratio"] == 1.5  # the scaling really applied
    assert report["problems"] == {"860x680": [], "1280x800": []}


def _main(server_url: str) -> int:
    """The 150 % check in a process of its own: builds the wizard, prints what it found as JSON."""
    import keyring
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from mmexport.gui.application import install_translations
    from mmexport.gui.wizard import ExportWizard

    app = QApplication([])
    install_translations(app, "en")

    def wait(condition: Callable[[], object]) -> None:
        deadline = time.monotonic() + LONG / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the page did not get there")
            app.processEvents()
            time.sleep(0.005)

    class Server:  # what the scenarios use of a demo server: its address and a token
        url = server_url
        token = "x" * 26

    found = {}
    ratio = 0.0
    for width, height in SIZES:
        wizard = ExportWizard()
        wizard.resize(width, height)
        wizard.show()
        to_signin(wizard, Server, wait)
        gitlab_then_other_ways(wizard, Server, wait)
        for _ in range(20):
            app.processEvents()
        ratio = wizard.devicePixelRatioF()
        found[f"{width}x{height}"] = problems(wizard)
        wizard.shutdown()
    print(json.dumps({"device_pixel_ratio": ratio, "problems": found}))
    return 0


if __name__ == "__main__":
    code = _main(sys.argv[1])
    sys.stdout.flush()
    os._exit(code)  # see resources/signin/draw_guides.py: avoid a PySide6 teardown crash at exit
