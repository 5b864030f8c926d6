"""The wizard in German and in a pseudo-locale, by keyboard alone, against the demo server.

On every page no visible text may be cut off; the German walk switches the language on the first page
(as a person would) and the choice is remembered. The pseudo-locale lengthens every English text by about
40 % with accents, so a layout that only just fits German fails here too.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QListWidget

from mmexport.archive.layout import MANIFEST
from mmexport.gui.state import CHATS, DONE, OPTIONS, SERVER, SIGNIN, WELCOME

from .conftest import LONG, curl_for
from .i18n_helpers import PseudoTranslator, cut_off_texts, pseudo

GUI = Path(__file__).resolve().parents[2] / "app" / "mmexport" / "gui"


@pytest.fixture
def restore_language(qapp):
    """Each test leaves the application as it found it: no translators of ours, the old default locale."""
    from mmexport.gui.application import install_translations

    saved = QLocale()
    extra = []
    yield extra
    install_translations(qapp, "en")
    for translator in extra:
        qapp.removeTranslator(translator)
    QLocale.setDefault(saved)


def _focus():
    widget = QApplication.focusWidget()
    assert widget is not None, "something must always have the keyboard focus"
    return widget


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(_focus(), key, modifier)


def _tab_to(qtbot, widget, limit: int = 30) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        _key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def _assert_nothing_cut_off(qtbot, wizard, where: str) -> None:
    qtbot.wait(50)  # let layouts settle after the page switch
    problems = cut_off_texts(wizard)
    assert not problems, f"{where}: " + "; ".join(problems)


@pytest.mark.parametrize("language", ["de", "pseudo"])
def test_whole_wizard_by_keyboard_in_german_and_pseudo_locale(
    qtbot, qapp, wizard, demo_server, tmp_path, restore_language, language
):
    from mmexport.settings import load_settings

    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=LONG)
    assert wizard.currentId() == WELCOME
    if language == "de":
        # The first page's language box, reached with Tab and changed with an arrow key.
        combo = wizard.welcome_page.language
        _tab_to(qtbot, combo)
        while combo.currentData() != "de":
            _key(qtbot, Qt.Key.Key_Up)
        assert wizard.language == "de"
        assert load_settings().language == "de"  # remembered for the next start
        assert wizard.welcome_page.title() == "Ihre Mattermost-Chats sichern"
        assert QApplication.focusWidget() is wizard.welcome_page.language
    else:
        translator = PseudoTranslator(qapp)
        qapp.installTranslator(translator)
        restore_language.append(translator)
        wizard.switch_language("en")  # rebuilds the pages; the pseudo translator stays installed
        assert wizard.welcome_page.title() == pseudo("Save your Mattermost chats")
    next_text = wizard.button(wizard.WizardButton.NextButton).text()
    assert "Next" not in next_text, "Qt's own buttons must be translated too"
    _assert_nothing_cut_off(qtbot, wizard, "welcome")
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SERVER

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.server_page.address, timeout=LONG)
    qtbot.keyClicks(_focus(), demo_server.url + "/")
    _key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(wizard.server_page.isComplete, timeout=LONG)
    if language == "de":
        assert "gefunden" in wizard.server_page.status.plain_text()
    _assert_nothing_cut_off(qtbot, wizard, "server")
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == SIGNIN

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.signin_page.paste, timeout=LONG)
    QGuiApplication.clipboard().setText(curl_for(demo_server.url, demo_server.token))
    _key(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(wizard.signin_page.isComplete, timeout=LONG)
    if language == "de":
        assert wizard.signin_page.status.plain_text().startswith("✔ Angemeldet als")
    _assert_nothing_cut_off(qtbot, wizard, "sign-in")
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == CHATS

    page = wizard.chats_page
    qtbot.waitUntil(lambda: wizard.state.chat_list is not None, timeout=LONG)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.tree, timeout=LONG)
    _key(qtbot, Qt.Key.Key_Space)  # the first team: all of its channels
    assert len(wizard.state.selected_ids) > 2
    qtbot.waitUntil(lambda: page.estimate()[1] > 0 and "…" not in page.summary.text(), timeout=LONG)
    if language == "de":
        assert re.search(r"Chats ausgewählt: etwa [\d.]+ Nachrichten, [\d.]+ Dateien", page.summary.text())
    team = page.model.group_titles()[0]
    _key(qtbot, Qt.Key.Key_Space)  # and clears them again
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Space)  # one channel of that team
    chosen = list(wizard.state.selected_ids)
    assert len(chosen) == 1
    _assert_nothing_cut_off(qtbot, wizard, "chats")
    _key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == OPTIONS

    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.options_page.folder, timeout=LONG)
    _key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / f"archive-{language}"
    qtbot.keyClicks(_focus(), str(out))
    _assert_nothing_cut_off(qtbot, wizard, "options")
    # Tab walks every control of the page in reading order and back to the folder field.
    seen = []
    for _ in range(25):
        _key(qtbot, Qt.Key.Key_Tab)
        seen.append(_focus())
        if _focus() is wizard.options_page.folder:
            break
    options = wizard.options_page
    txt, csv = options.format_boxes["txt"], options.format_boxes["csv"]
    for control in (options.browse, options.files, txt, csv, options.after_on):
        assert control in seen, f"Tab does not reach {control.text()!r}"
    order = [seen.index(c) for c in (options.browse, options.files, txt, options.after_on)]
    assert order == sorted(order), "Tab order must follow the page from top to bottom"
    _key(qtbot, Qt.Key.Key_Return)

    export = wizard.export_page
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    log_lines = [export.log_list.item(i).text() for i in range(export.log_list.count())]
    saved = [line for line in log_lines if line.startswith("✔")]
    assert saved and all(f"({team})" in line for line in saved), log_lines  # "Allgemein (Forschung)"
    if language == "de":
        assert any(line.startswith("✔ ") and " gespeichert: " in line for line in log_lines), log_lines
        assert "Die Seiten zum Lesen im Browser werden geschrieben…" in log_lines  # an engine text
        assert "wurden gespeichert" in wizard.done_page.summary.text()
        assert '<html lang="de">' in (out / "index.html").read_text(encoding="utf-8")
    _assert_nothing_cut_off(qtbot, wizard, "done")

    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert [c["id"] for c in manifest["channels"]] == chosen
    QGuiApplication.clipboard().clear()
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=LONG)


def test_language_choice_is_remembered_and_used_at_the_next_start(qtbot, qapp, restore_language):
    from mmexport.gui.application import install_translations
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import Settings, load_settings, save_settings

    save_settings(Settings(language="de"))
    settings = load_settings()
    assert install_translations(qapp, settings.language) == "de"
    wizard = ExportWizard(settings=settings)
    qtbot.addWidget(wizard)
    assert wizard.welcome_page.title() == "Ihre Mattermost-Chats sichern"
    assert wizard.welcome_page.language.currentText() == "Deutsch"
    assert QLocale().toString(1234567) == "1.234.567"  # numbers in the person's way
    wizard.welcome_page.language.setCurrentIndex(wizard.welcome_page.language.findData("en"))
    wizard.welcome_page.language.activated.emit(wizard.welcome_page.language.currentIndex())
    assert wizard.welcome_page.title() == "Save your Mattermost chats"
    assert load_settings().language == "en"
    wizard.shutdown()


def test_engine_texts_and_client_errors_are_shown_in_german(qapp, restore_language):
    from mmexport.exporting.events import Text
    from mmexport.gui.application import install_translations
    from mmexport.gui.messages import describe_error, format_duration, translate_text, wait_reason
    from mmexport.mattermost import errors

    install_translations(qapp, "de")
    text = Text(
        "Messages of “{name}” could not be saved: {reason}",
        {"name": "Allgemein", "reason": "The server could not be reached (connection refused)."},
        "NotReachable",
    )
    assert translate_text(text, str(text)) == (
        "Nachrichten aus „Allgemein“ konnten nicht gespeichert werden: Der Server ist nicht erreichbar."
    )
    assert wait_reason("wait", "rate limit") == "Der Server hat um eine langsamere Abfrage gebeten."
    problem = describe_error(errors.NotReachable("Connection refused by chat.example.org"))
    assert problem.headline == "Der Server ist nicht erreichbar."
    assert "Connection refused" not in problem.as_html()  # the client's English detail is for the log
    assert format_duration(170) == "etwa 3 Minuten"
    # an unknown template (a newer engine than the catalog) falls back to the English sentence
    assert translate_text(Text("Brand new {x}", {"x": 1}), "Brand new 1") == "Brand new 1"


# ---- every user-visible string literal in the GUI code goes through tr()/translate() -------------------
# call name -> positions of the arguments a person reads (None: all)
VISIBLE_ARGUMENTS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setTitle": (0,),
    "setSubTitle": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setSpecialValueText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setPlainText": (0,),
    "setHtml": (0,),
    "addItem": (0,),
    "addTab": (1,),
    "setTabText": (1,),
    "addButton": (0,),
    "addRow": (0,),
    "setButtonText": (1,),
    "show_message": (1,),
    "name_for_screen_reader": (1, 2),
    "getSaveFileName": (1, 3),
    "getOpenFileName": (1, 3),
    "getExistingDirectory": (1,),
    "QLabel": (0,),
    "QPushButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QMessageBox": (1, 2),
    "QAction": None,
    "paragraph": (0,),
    "heading": (0,),
    "Step": (0,),
    "Problem": None,
}
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def _called_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _readable_literal(node: ast.AST) -> str:
    """The words of a literal a person would read (markup and symbols do not count)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        return (_readable_literal(node.left) + " " + _readable_literal(node.right)).strip()
    else:
        return ""
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)
    return text if re.search(r"[A-Za-zÄÖÜäöüß]{2,}", text) else ""


def untranslated_literals(source: str, filename: str = "<code>") -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _called_name(node) not in VISIBLE_ARGUMENTS:
            continue
        positions = VISIBLE_ARGUMENTS[_called_name(node)]
        for i, arg in enumerate(node.args):
            if positions is not None and i not in positions:
                continue
            if isinstance(arg, ast.Call) and _called_name(arg) in TRANSLATING:
                continue
            words = _readable_literal(arg)
            if words:
                found.append(f"{filename}:{node.lineno}: {_called_name(node)}({words.strip()[:50]!r})")
    return found


def test_the_check_finds_an_untranslated_text():
    code = 'label = QLabel("Hello")\nlabel.setText(self.tr("Fine"))\nbox.show_message("ok", f"<b>Done {x}</b>")\n'
    assert len(untranslated_literals(code)) == 2


def test_every_visible_text_in_the_gui_code_is_translatable():
    found = []
    for path in sorted(GUI.rglob("*.py")):
        found += untranslated_literals(path.read_text(encoding="utf-8"), str(path.relative_to(GUI)))
    assert not found, "texts people read that do not go through tr()/translate():\n" + "\n".join(found)


def test_the_cut_off_check_sees_a_text_that_does_not_fit(qtbot):
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    short = QLabel("Ein ziemlich langer Text, der nicht in die Breite passt")
    short.setFixedWidth(60)
    wrapped = QLabel("Ein langer Text mit Umbruch, " * 8)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)
    button = QPushButton("Schaltfläche mit langer Aufschrift")
    button.setFixedWidth(50)
    fine = QLabel("Kurz")
    for widget in (short, wrapped, button, fine):
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    problems = cut_off_texts(window)
    assert len(problems) == 3, problems
    assert not any("Kurz" in p for p in problems)


def test_every_page_uses_only_texts_from_the_catalog_in_german(qtbot, qapp, restore_language):
    """With the German catalog loaded, no visible label, button, tab or title of any page is English."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

    from mmexport.gui.application import install_translations
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import load_settings

    install_translations(qapp, "de")
    wizard = ExportWizard(settings=load_settings())
    qtbot.addWidget(wizard)
    english = re.compile(r"\b(the|and|your|you|of|to|with|Choose|Save|Show|Sign|Please|Select|Stop)\b")
    problems = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        texts = [page.title(), page.subTitle()]
        texts += [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
        for tabs in page.findChildren(QTabWidget):
            texts += [tabs.tabText(i) for i in range(tabs.count())]
        texts += [
            w.accessibleName() + " " + w.accessibleDescription() for w in page.findChildren(QListWidget)
        ]
        for text in texts:
            plain = re.sub(r"<[^>]+>", " ", text)
            if english.search(plain):
                problems.append(f"{type(page).__name__}: {plain[:80]!r}")
    wizard.shutdown()
    assert not problems, "\n".join(problems)
