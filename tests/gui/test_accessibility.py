"""Screen readers and eyes: accessible names, tree items that speak, progress that is told, readable colours
in light and dark themes, and a focus that can be seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTreeView,
)

from mmexport.gui.pages import base

from .conftest import LONG, enter_server, go_to_server_page, sign_in_with_curl, tick_chats

INPUTS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QProgressBar, QTreeView)


def test_every_input_and_progress_bar_has_an_accessible_name(wizard):
    missing = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        for widget in [w for kind in INPUTS for w in page.findChildren(kind)]:
            if type(widget).__name__ in ("QCalendarWidget",) or widget.parent().inherits("QAbstractSpinBox"):
                continue
            if widget.objectName().startswith("qt_"):  # Qt's own parts (the date popup's inner fields)
                continue
            if not widget.accessibleName().strip():
                missing.append(f"{type(page).__name__}: {type(widget).__name__}")
    assert not missing, missing


def test_chat_tree_items_have_names_and_descriptions(qtbot, wizard, shared_demo_server):
    server = shared_demo_server
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    tick_chats(qtbot, wizard, ["Allgemein"])
    model = wizard.chats_page.model
    team = model.index(0, 0)
    assert model.data(team, Qt.ItemDataRole.AccessibleTextRole) == model.data(team)
    assert model.data(team, Qt.ItemDataRole.AccessibleDescriptionRole).startswith("1 of ")
    chat = model.index(0, 0, team)
    assert model.data(chat, Qt.ItemDataRole.AccessibleTextRole) == model.data(chat)
    description = model.data(chat, Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "channel" in description and "messages" in description and "last activity" in description
    assert model.data(QModelIndex(), Qt.ItemDataRole.AccessibleTextRole) is None


def test_export_progress_is_told_to_assistive_technology(qtbot, wizard, demo_server, tmp_path):
    from mmexport.gui.pages import export
    from mmexport.gui.state import DONE

    server = demo_server
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()
    tick_chats(qtbot, wizard, ["Allgemein"])
    wizard.next()
    wizard.options_page.folder.setText(str(tmp_path / "out"))
    told = []
    page = wizard.export_page
    original = page._announce_progress

    def spy(force: bool = False) -> None:
        before = page.overall.accessibleDescription()
        original(force)
        if page.overall.accessibleDescription() != before:
            told.append(page._announced.elapsed())

    page._announce_progress = spy
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    assert page.overall.accessibleName() == "Progress of all chats"
    assert told, "the progress bar's description must carry the figures"
    assert "Messages:" in page.overall.accessibleDescription()
    assert export.ANNOUNCE_EVERY_MS >= 2000  # not more often than every few seconds


# ---- colours --------------------------------------------------------------------------------------------
def light_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#efefef"),
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.AlternateBase, "#f7f7f7"),
        (QPalette.ColorRole.WindowText, "#000000"),
        (QPalette.ColorRole.Text, "#000000"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2d2d2d"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.WindowText, "#ffffff"),
        (QPalette.ColorRole.Text, "#ffffff"),
    ):
        palette.setColor(role, QColor(color))
    return palette


@pytest.mark.parametrize("palette_of", [light_palette, dark_palette], ids=["light", "dark"])
def test_every_colour_we_choose_has_aa_contrast(palette_of):
    palette = palette_of()
    backgrounds = [
        palette.color(role)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)
    ]
    ours = {kind: base.status_color(kind, palette) for kind in ("info", "ok", "warn", "error", "busy")}
    ours["muted"] = base.muted_color(palette)
    for name, color in ours.items():
        for background in backgrounds:
            ratio = base.contrast_ratio(color, background)
            assert ratio >= 4.5, f"{name} {color} on {background.name()}: {ratio:.2f}"


def test_colours_follow_the_system_theme(qapp):
    saved = QGuiApplication.palette()
    try:
        qapp.setPalette(dark_palette())
        assert base.is_dark()
        assert base.muted("x") == f"<span style='color:{base.muted_color(dark_palette())}'>x</span>"
        qapp.setPalette(light_palette())
        assert not base.is_dark()
    finally:
        qapp.setPalette(saved)


def test_contrast_ratio_matches_wcag_examples():
    assert base.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert base.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # just fails AA


# ---- focus ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [QPushButton, QCheckBox, QRadioButton, QLineEdit], ids=lambda c: c.__name__)
def test_focus_can_be_seen(qtbot, make):
    """The widget looks different with the keyboard focus than without (the style draws a focus frame)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    widget = make("Weiter") if make is not QLineEdit else make("Text")
    other = QPushButton("anderes")
    layout.addWidget(widget)
    layout.addWidget(other)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Tab)  # focus moved by the keyboard, as the styles want it
    qtbot.waitUntil(widget.hasFocus)
    qtbot.wait(20)
    with_focus = widget.grab().toImage()
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(other.hasFocus)
    qtbot.wait(20)
    without = widget.grab().toImage()
    assert with_focus != without, f"{make.__name__} shows no focus"
