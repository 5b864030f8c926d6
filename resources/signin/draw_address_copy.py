"""Draws the pictures of the browser sign-in's last step: the page "You are now logged in" in Chrome/Edge,
Firefox and Safari, the browser's question whether to open Mattermost (answer: Cancel), and the address bar
to copy (Ctrl+L, Ctrl+C). Drawn with draw_guides.py's canvas, in English and German (<name>-de.png).
Re-run after changing: QT_QPA_PLATFORM=offscreen .venv/bin/python resources/signin/draw_address_copy.py"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPen

sys.path.insert(0, str(Path(__file__).resolve().parent))
import draw_guides
from draw_guides import SELECT, Canvas

W, H = 640, 250
ADDRESS = "chat.example.org/login/desktop?client_token=4f9c…&server_token=ybn8…"

GERMAN = {
    "You are now logged in": "You are now logged in",  # the server's page stays English in the picture
    "Open Mattermost?": "Mattermost öffnen?",
    "Cancel": "Abbrechen",
    "Open": "Öffnen",
    "Choose Application": "Anwendung auswählen",
    "Do you want to allow this page to open “Mattermost”?": "Darf diese Seite „Mattermost“ öffnen?",
    "Allow": "Erlauben",
    "1. Cancel the question, 2. click the address, then Ctrl+C": "1. Frage abbrechen, 2. Adresse anklicken, dann Strg+C",
    "1. Close the question, 2. Ctrl+L, then Ctrl+C": "1. Frage schließen, 2. Strg+L, dann Strg+C",
    "1. Cancel, 2. Cmd+L, then Cmd+C": "1. Abbrechen, 2. Cmd+L, dann Cmd+C",
}


def L(text: str) -> str:
    return GERMAN.get(text, text) if draw_guides.LANG == "de" else text


def window(c: Canvas, browser: str, bar_x: int = 60) -> None:
    """The browser's tool bar with the final page's address selected, and the page under it."""
    c.rect(0, 0, W, 36, QColor("#dee1e6"), None)
    c.p.setBrush(QColor("white"))
    c.p.setPen(Qt.PenStyle.NoPen)
    c.p.drawRoundedRect(QRectF(bar_x, 7, 500, 22), 11, 11)
    c.rect(bar_x + 14, 10, 470, 16, SELECT, None)
    c.text(bar_x + 16, 23, ADDRESS, QColor("#202124"), 11)
    c.text(W - 120, H - 8, browser, QColor("#5f6368"), 11, True)
    c.mark(bar_x + 14, 10, 470, 16)
    c.text(30, 110, L("You are now logged in"), QColor("#3f4350"), 22, True)
    c.text(
        30,
        140,
        "Click on Open Mattermost in the browser prompt to launch the desktop app",
        QColor("#666"),
        11,
    )


def question(c: Canvas, x: int, y: int, title: str, buttons: list[str], cancel: str) -> None:
    """The browser asks whether to hand the page over to the desktop app: the answer is Cancel."""
    c.p.setPen(QPen(QColor("#9aa0a6"), 1))
    c.p.setBrush(QColor("white"))
    c.p.drawRoundedRect(QRectF(x, y, 330 if len(title) > 30 else 290, 84), 6, 6)
    c.text(x + 14, y + 24, L(title), bold=True)
    bx = x + (330 if len(title) > 30 else 290) - 14
    for name in reversed(buttons):
        c.font(12)
        width = c.p.fontMetrics().horizontalAdvance(L(name)) + 24
        bx -= width
        c.rect(bx, y + 46, width, 26, QColor("#1a73e8") if name != cancel else QColor("white"))
        c.text(bx + 12, y + 64, L(name), QColor("white") if name != cancel else QColor("#1a73e8"))
        if name == cancel:
            c.mark(bx, y + 46, width, 26)
        bx -= 8


def chrome(out: Path) -> None:
    c = Canvas(W, H)
    c.step = 1  # the address is step 2, the question (drawn over the page) step 1
    window(c, "Chrome / Edge")
    c.step = 0
    question(c, 330, 150, "Open Mattermost?", ["Cancel", "Open"], "Cancel")  # Linux: "Open xdg-open?"
    c.text(20, 70, L("1. Cancel the question, 2. click the address, then Ctrl+C"), QColor("#555555"), 12)
    c.save(out / "address-chrome.png")


def firefox(out: Path) -> None:
    c = Canvas(W, H)
    c.step = 1
    window(c, "Firefox")
    c.step = 0
    question(c, 330, 150, "Choose Application", ["Cancel", "Open"], "Cancel")
    c.text(20, 70, L("1. Close the question, 2. Ctrl+L, then Ctrl+C"), QColor("#555555"), 12)
    c.save(out / "address-firefox.png")


def safari(out: Path) -> None:
    c = Canvas(W, H)
    c.step = 1
    window(c, "Safari", bar_x=70)
    c.step = 0
    question(
        c, 300, 150, "Do you want to allow this page to open “Mattermost”?", ["Cancel", "Allow"], "Cancel"
    )
    c.text(20, 62, L("1. Cancel, 2. Cmd+L, then Cmd+C"), QColor("#555555"), 12)
    c.save(out / "address-safari.png")


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])
    out = Path(__file__).resolve().parent
    for language in ("en", "de"):
        draw_guides.LANG = language
        for draw in (chrome, firefox, safari):
            draw(out)
    app.processEvents()


if __name__ == "__main__":
    main()
    os._exit(0)  # as in draw_guides.py: PySide6 6.12 can crash tearing down painters at exit
