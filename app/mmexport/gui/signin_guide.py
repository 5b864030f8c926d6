"""Step-by-step pictures that show where the browser keeps the Mattermost sign-in (the MMAUTHTOKEN cookie)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from mmexport.resources import resource_path

PICTURE_WIDTH = 520


# pyside6-lupdate finds translate("context", "text") calls by this name; a wrapper would hide them.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Step:
    text: str
    picture: str = ""  # file name under resources/signin/


def browser_steps() -> dict[str, list[Step]]:
    """Captions are whole translatable sentences; the pictures show the English menus."""
    return {
        translate("SigninGuide", "Chrome / Edge"): [
            Step(
                translate(
                    "SigninGuide", "1. Open Mattermost in Chrome or Edge and make sure you are signed in."
                )
            ),
            Step(
                translate(
                    "SigninGuide",
                    "2. Press F12 (on a Mac: Cmd+Option+I). The developer tools open. Click the tab "
                    '"Application" at the top (if you do not see it, click »).',
                ),
                "chrome-1.png",
            ),
            Step(
                translate(
                    "SigninGuide",
                    '3. On the left, under "Storage", open "Cookies" and click your server\'s address. '
                    "Click the row MMAUTHTOKEN, then double-click its value, press Ctrl+C (Mac: Cmd+C) "
                    "and paste it below.",
                ),
                "chrome-2.png",
            ),
            Step(
                translate(
                    "SigninGuide",
                    'Another way: click the tab "Network", reload the page, right-click any request whose '
                    'name starts with an API path, and choose Copy → "Copy as cURL (bash)". Paste the '
                    "whole text below: it holds both the address and the sign-in.",
                ),
                "chrome-curl.png",
            ),
        ],
        translate("SigninGuide", "Firefox"): [
            Step(translate("SigninGuide", "1. Open Mattermost in Firefox and make sure you are signed in.")),
            Step(
                translate(
                    "SigninGuide",
                    '2. Press F12 (on a Mac: Cmd+Option+I). Click the tab "Storage" at the top '
                    '(in German: "Web-Speicher"). Firefox shows cookies there, not under Network.',
                ),
                "firefox-1.png",
            ),
            Step(
                translate(
                    "SigninGuide",
                    '3. On the left, open "Cookies" and click your server\'s address. Double-click the value '
                    "in the row MMAUTHTOKEN, press Ctrl+C (Mac: Cmd+C) and paste it below.",
                ),
                "firefox-2.png",
            ),
            Step(
                translate(
                    "SigninGuide",
                    'Another way: click the tab "Network", reload the page, right-click a request and choose '
                    'Copy Value → "Copy as cURL". Paste the whole text below.',
                ),
                "firefox-curl.png",
            ),
        ],
        translate("SigninGuide", "Safari"): [
            Step(
                translate(
                    "SigninGuide",
                    '1. In Safari, open Settings → Advanced and tick "Show features for web developers" '
                    '(on older versions: "Show Develop menu in menu bar").',
                ),
                "safari-1.png",
            ),
            Step(
                translate(
                    "SigninGuide",
                    '2. Open Mattermost and make sure you are signed in. Choose Develop → "Show Web '
                    'Inspector" (Cmd+Option+I).',
                )
            ),
            Step(
                translate(
                    "SigninGuide",
                    '3. Click the tab "Storage", then "Cookies" on the left. Double-click the value in the '
                    "row MMAUTHTOKEN, press Cmd+C and paste it below.",
                ),
                "safari-2.png",
            ),
        ],
    }


class SigninGuide(QTabWidget):
    """One tab per browser, each a scrolling column of numbered steps with pictures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        shown = 0
        for browser, steps in browser_steps().items():
            area, two_steps = self._steps_widget(steps)
            self.addTab(area, browser)
            shown = max(shown, two_steps)
        # Never smaller than the first two steps with their pictures: one step and a half of a picture
        # leave the person scrolling for the step that matters (the page scrolls instead when it must).
        self.setMinimumHeight(
            shown
            + self.tabBar().sizeHint().height()
            + 2 * self.style().pixelMetric(self.style().PixelMetric.PM_DefaultFrameWidth)
        )

    def _steps_widget(self, steps: list[Step]) -> tuple[QScrollArea, int]:
        """The steps in a scroll area, and the height the first two of them need."""
        inner = QWidget()
        layout = QVBoxLayout(inner)
        margins = layout.contentsMargins()
        heights = []
        for step in steps:
            text = QLabel(step.text)
            text.setWordWrap(True)
            layout.addWidget(text)
            height = text.heightForWidth(PICTURE_WIDTH)
            if step.picture:
                picture = _picture(step.picture)
                if picture is not None:
                    layout.addWidget(picture)
                    height += layout.spacing() + picture.sizeHint().height()
            heights.append(height)
        layout.addStretch(1)
        two_steps = sum(heights[:2]) + layout.spacing() + margins.top()
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        return area, two_steps


def picture_path(name: str) -> str:
    """The picture as the person's browser shows it: German menus when the program speaks German."""
    from PySide6.QtCore import QLocale

    if QLocale().language() == QLocale.Language.German:
        german = resource_path("signin", name.replace(".png", "-de.png"))
        if german.exists():
            return str(german)
    return str(resource_path("signin", name))


def _picture(name: str) -> QLabel | None:
    pixmap = QPixmap(picture_path(name))
    if pixmap.isNull():
        return None
    if pixmap.width() > PICTURE_WIDTH:
        pixmap = pixmap.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    label = QLabel()
    label.setPixmap(pixmap)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return label
