"""Draws the sign-in guide pictures: simplified developer tools of Chrome/Edge, Firefox and Safari showing
where the MMAUTHTOKEN cookie is, and the "Copy as cURL" menu. Red boxes with numbers mark what to click.
Each picture is drawn twice: as the English browsers show it, and as the German ones do (<name>-de.png).
Re-run after changing: QT_QPA_PLATFORM=offscreen .venv/bin/python resources/signin/draw_guides.py"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

W, H = 640, 300
TOKEN = "8xk3qfz1b7dmtjwp5ercya9ho4"  # made up; real tokens look like this (26 letters and digits)
SERVER = "https://chat.example.org"
RED = QColor("#d32f2f")
GREY = QColor("#f1f3f4")
LINE = QColor("#c8ccd0")
TEXT = QColor("#202124")
SELECT = QColor("#d2e3fc")

LANG = "en"  # the language being drawn
# What German browsers (Chrome/Edge, Firefox, Safari) call the same things, and our notes in German.
GERMAN = {
    "Elements": "Elemente",
    "Console": "Konsole",
    "Sources": "Quellen",
    "Network": "Netzwerk",
    "Performance": "Leistung",
    "Memory": "Arbeitsspeicher",
    "Application": "Anwendung",
    "Service workers": "Service Worker",
    "Storage": "Speicher",
    "Local storage": "Lokaler Speicher",
    "Session storage": "Sitzungsspeicher",
    "The tab may be hidden behind » when the": "Der Reiter kann hinter » versteckt sein,",
    "developer tools are narrow.": "wenn die Entwicklertools schmal sind.",
    "Right-click a request": "Rechtsklick auf eine Anfrage",
    "Open in new tab": "In neuem Tab öffnen",
    "Clear browser cache": "Browser-Cache leeren",
    "Copy >": "Kopieren >",
    "Copy": "Kopieren",
    "Block request URL": "Anfrage-URL blockieren",
    "Copy URL": "URL kopieren",
    "Copy as cURL (cmd)": "Als cURL kopieren (cmd)",
    "Copy as cURL (bash)": "Als cURL kopieren (bash)",
    "Copy as PowerShell": "Als PowerShell kopieren",
    "Copy as fetch": "Als fetch kopieren",
    "Inspector": "Inspektor",
    "Debugger": "Debugger",
    "Style Editor": "Stilbearbeitung",
    'In German Firefox this tab is called "Web-Speicher".': "In englischen Firefox-Versionen heißt dieser Reiter „Storage“.",
    "Cookies are shown here, not under Network.": "Cookies stehen hier, nicht unter „Netzwerkanalyse“.",
    "Copy Value >": "Wert kopieren >",
    "Copy Value": "Wert kopieren",
    "Save All As HAR": "Alles als HAR speichern",
    "Resend": "Erneut senden",
    "Edit and Resend": "Bearbeiten und senden",
    "Copy as cURL": "Als cURL kopieren",
    "Copy as Fetch": "Als Fetch kopieren",
    "Copy Request Headers": "Anfragekopfzeilen kopieren",
    "Copy Response": "Antwort kopieren",
    "Advanced": "Erweitert",
    "General": "Allgemein",
    "AutoFill": "Ausfüllen",
    "Passwords": "Passwörter",
    "Search": "Suche",
    "Security": "Sicherheit",
    "Privacy": "Datenschutz",
    "Extensions": "Erweiterungen",
    "Smart search field:     ☐ Show full website address": "Adressfeld:     ☐ Vollständige Websiteadresse anzeigen",
    "Accessibility:            ☐ Press Tab to highlight each item": "Bedienungshilfen:     ☐ Mit Tab jedes Objekt hervorheben",
    "☑ Show features for web developers": "☑ Funktionen für Webentwickler anzeigen",
    '(Older Safari: "Show Develop menu in menu bar")': "(Älteres Safari: „Menü ‚Entwickler‘ in der Menüleiste anzeigen“)",
    "Value": "Wert",
    "Double-click the value, then Ctrl+C (Mac: Cmd+C).": "Doppelklick auf den Wert, dann Strg+C (Mac: Cmd+C).",
    "Indexed Databases": "Indizierte Datenbanken",
}
# German names are longer: a few tabs that do not matter here are left out ("") so that the rest fits.
FIREFOX_GERMAN = {
    "Network": "Netzwerkanalyse",
    "Storage": "Web-Speicher",
    "Performance": "",
    "Style Editor": "",
}
SAFARI_LEFT_OUT = {"Tabs", "AutoFill", "Websites"}
_firefox = False  # Firefox names some tabs differently from Chrome


def L(text: str) -> str:
    if LANG != "de":
        return text
    if _firefox and text in FIREFOX_GERMAN:
        return FIREFOX_GERMAN[text]
    return GERMAN.get(text, text)


class Canvas:
    def __init__(self, width: int = W, height: int = H) -> None:
        self.image = QImage(width, height, QImage.Format.Format_ARGB32)
        self.image.fill(QColor("white"))
        self.p = QPainter(self.image)
        self.p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.font(12)
        self.step = 0

    def font(self, size: int, bold: bool = False) -> None:
        font = QFont("DejaVu Sans")
        font.setPixelSize(size)
        font.setBold(bold)
        self.p.setFont(font)

    def rect(self, x, y, w, h, fill=None, line=LINE) -> None:
        self.p.setPen(QPen(line, 1) if line else Qt.PenStyle.NoPen)
        self.p.setBrush(fill if fill else Qt.BrushStyle.NoBrush)
        self.p.drawRect(QRectF(x, y, w, h))

    def text(self, x, y, s, color=TEXT, size=12, bold=False) -> float:
        s = L(s)
        self.font(size, bold)
        self.p.setPen(color)
        self.p.drawText(QPointF(x, y), s)
        return self.p.fontMetrics().horizontalAdvance(s)

    def mark(self, x, y, w, h) -> None:
        """A red box around what to click, with the step number next to it."""
        self.step += 1
        self.p.setPen(QPen(RED, 3))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRoundedRect(QRectF(x - 3, y - 3, w + 6, h + 6), 5, 5)
        cx, cy = x + w + 14, y - 4
        if cx > self.image.width() - 14:
            cx = x - 14
        self.p.setBrush(RED)
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.drawEllipse(QPointF(cx, cy + 8), 11, 11)
        self.text(cx - 4, cy + 13, str(self.step), QColor("white"), 13, True)

    def tabs(self, names: list[str], active: str, y: int = 0, marked: bool = True) -> None:
        self.rect(0, y, self.image.width(), 28, GREY)
        x = 8
        for name in names:
            if not L(name):
                continue
            self.font(12)
            width = self.p.fontMetrics().horizontalAdvance(L(name)) + 18
            if name == active:
                self.rect(x, y + 2, width, 26, QColor("white"), None)
                self.p.setPen(QPen(QColor("#1a73e8"), 2))
                self.p.drawLine(QPointF(x, y + 27), QPointF(x + width, y + 27))
            self.text(x + 9, y + 19, name)
            if name == active and marked:
                self.mark(x, y + 3, width, 22)
            x += width

    def sidebar(self, items: list[tuple[int, str]], selected: str, y0: int, width: int = 210) -> None:
        self.rect(0, y0, width, self.image.height() - y0, QColor("#fafafa"))
        y = y0 + 20
        for indent, name in items:
            if name == selected:
                self.rect(2, y - 14, width - 4, 20, SELECT, None)
            arrow = "▾ " if indent < 2 and name[:1].isupper() else ""
            self.text(10 + indent * 14, y, arrow + L(name), size=12, bold=indent == 0)
            if name == selected:
                self.font(12)
                self.mark(
                    6 + indent * 14, y - 14, self.p.fontMetrics().horizontalAdvance(arrow + L(name)) + 8, 20
                )
            y += 24

    def cookie_table(self, x0: int, y0: int, columns=("Name", "Value", "Domain")) -> None:
        widths = [124, 196, 114]
        self.rect(x0, y0, sum(widths), 24, GREY)
        x = x0
        for name, width in zip(columns, widths, strict=False):
            self.text(x + 6, y0 + 16, name, bold=True)
            x += width
        rows = [
            ("MMAUTHTOKEN", TOKEN),
            ("MMCSRF", "n7c9w5q1yz8r3t6u2pa4ke0b"),
            ("MMUSERID", "4xq7h1ez3pgbuq3rfydhf1ebmo"),
        ]
        for i, (name, value) in enumerate(rows):
            y = y0 + 24 + i * 24
            if i == 0:
                self.rect(x0, y, sum(widths), 24, SELECT, None)
            self.text(x0 + 6, y + 16, name, bold=i == 0)
            self.text(x0 + widths[0] + 6, y + 16, value, size=11)
            self.text(x0 + widths[0] + widths[1] + 6, y + 16, "chat.example.org", size=11)
            self.p.setPen(QPen(LINE, 1))
            self.p.drawLine(QPointF(x0, y + 24), QPointF(x0 + sum(widths), y + 24))
        self.mark(x0 + widths[0] + 2, y0 + 27, widths[1] - 16, 18)
        self.text(
            x0 + 24, y0 + 140, "Double-click the value, then Ctrl+C (Mac: Cmd+C).", QColor("#555555"), 12
        )

    def menu(self, x: int, y: int, items: list[str], highlight: str, width: int = 210) -> tuple[int, int]:
        height = 24 * len(items) + 8
        self.p.setPen(QPen(QColor("#9aa0a6"), 1))
        self.p.setBrush(QColor("white"))
        self.p.drawRoundedRect(QRectF(x, y, width, height), 4, 4)
        found = (x, y)
        for i, item in enumerate(items):
            iy = y + 4 + i * 24
            if item == "-":
                self.p.setPen(QPen(LINE, 1))
                self.p.drawLine(QPointF(x + 6, iy + 12), QPointF(x + width - 6, iy + 12))
                continue
            if item == highlight:
                self.rect(x + 2, iy, width - 4, 24, SELECT, None)
                found = (x, iy)
            label = item.rstrip(" >")
            self.text(x + 12, iy + 17, label)
            if item.endswith(">"):
                self.text(x + width - 18, iy + 17, "▸")
            if item == highlight:
                self.mark(x + 4, iy + 2, width - 8, 20)
        return found

    def save(self, path: Path) -> None:
        self.p.end()
        if LANG != "en":
            path = path.with_name(f"{path.stem}-{LANG}{path.suffix}")
        self.image.save(str(path))


def url_bar(c: Canvas, browser: str) -> int:
    c.rect(0, 0, W, 34, QColor("#dee1e6"), None)
    c.p.setBrush(QColor("white"))
    c.p.setPen(Qt.PenStyle.NoPen)
    c.p.drawRoundedRect(QRectF(60, 6, 420, 22), 11, 11)
    c.text(76, 22, "chat.example.org/forschung/channels/allgemein", QColor("#3c4043"), 12)
    c.text(W - 150, 22, browser, QColor("#5f6368"), 11)
    return 34


CHROME_TABS = ["Elements", "Console", "Sources", "Network", "Performance", "Memory", "Application", "»"]
FIREFOX_TABS = ["Inspector", "Console", "Debugger", "Network", "Style Editor", "Performance", "Storage"]
SAFARI_TABS = ["Elements", "Console", "Sources", "Network", "Timelines", "Storage", "Graphics"]


def chrome_1(out: Path) -> None:
    c = Canvas()
    y = url_bar(c, "Chrome / Edge: F12")
    c.tabs(CHROME_TABS, "Application", y)
    c.sidebar(
        [
            (0, "Application"),
            (1, "Manifest"),
            (1, "Service workers"),
            (0, "Storage"),
            (1, "Local storage"),
            (1, "Session storage"),
            (1, "Cookies"),
        ],
        "",
        y + 28,
    )
    c.text(240, y + 80, "The tab may be hidden behind » when the", QColor("#555555"))
    c.text(240, y + 98, "developer tools are narrow.", QColor("#555555"))
    c.save(out / "chrome-1.png")


def chrome_2(out: Path) -> None:
    c = Canvas()
    y = url_bar(c, "Chrome / Edge")
    c.tabs(CHROME_TABS, "Application", y, marked=False)
    c.sidebar(
        [
            (0, "Storage"),
            (1, "Local storage"),
            (1, "Session storage"),
            (1, "IndexedDB"),
            (1, "Cookies"),
            (2, SERVER),
        ],
        SERVER,
        y + 28,
        width=190,
    )
    c.cookie_table(196, y + 40)
    c.save(out / "chrome-2.png")


def chrome_curl(out: Path) -> None:
    c = Canvas(W, 330)
    y = url_bar(c, "Chrome / Edge")
    c.tabs(CHROME_TABS, "Network", y)
    c.rect(0, y + 28, 240, 300, QColor("#fafafa"))
    for i, name in enumerate(["me", "teams", "channels", "posts?page=0&per_page=30", "unreads"]):
        if i == 0:
            c.rect(2, y + 40 + i * 24, 236, 22, SELECT, None)
        c.text(10, y + 56 + i * 24, name)
    c.text(10, y + 200, "Right-click a request", QColor("#555555"))
    c.menu(
        120,
        y + 60,
        ["Open in new tab", "Clear browser cache", "-", "Copy >", "Block request URL"],
        "Copy >",
        width=170,
    )
    c.menu(
        292,
        y + 122,
        ["Copy URL", "Copy as cURL (cmd)", "Copy as cURL (bash)", "Copy as PowerShell", "Copy as fetch"],
        "Copy as cURL (bash)",
        width=200,
    )
    c.save(out / "chrome-curl.png")


def firefox_1(out: Path) -> None:
    c = Canvas()
    y = url_bar(c, "Firefox: F12")
    c.tabs(FIREFOX_TABS, "Storage", y)
    c.text(20, y + 80, 'In German Firefox this tab is called "Web-Speicher".', QColor("#555555"))
    c.text(20, y + 100, "Cookies are shown here, not under Network.", QColor("#555555"))
    c.save(out / "firefox-1.png")


def firefox_2(out: Path) -> None:
    c = Canvas()
    y = url_bar(c, "Firefox")
    c.tabs(FIREFOX_TABS, "Storage", y, marked=False)
    c.sidebar(
        [
            (0, "Cache Storage"),
            (0, "Cookies"),
            (1, SERVER),
            (0, "Indexed DB"),
            (0, "Local Storage"),
            (0, "Session Storage"),
        ],
        SERVER,
        y + 28,
        width=190,
    )
    c.cookie_table(196, y + 40)
    c.save(out / "firefox-2.png")


def firefox_curl(out: Path) -> None:
    c = Canvas(W, 330)
    y = url_bar(c, "Firefox")
    c.tabs(FIREFOX_TABS, "Network", y)
    for i, name in enumerate(["GET  me", "GET  teams", "GET  channels", "GET  posts?page=0"]):
        if i == 0:
            c.rect(2, y + 40 + i * 24, 300, 22, SELECT, None)
        c.text(10, y + 56 + i * 24, name)
    c.menu(
        110,
        y + 64,
        ["Copy Value >", "Save All As HAR", "-", "Resend", "Edit and Resend"],
        "Copy Value >",
        width=170,
    )
    c.menu(
        282,
        y + 68,
        ["Copy URL", "Copy as cURL", "Copy as Fetch", "Copy Request Headers", "Copy Response"],
        "Copy as cURL",
        width=200,
    )
    c.save(out / "firefox-curl.png")


def safari_1(out: Path) -> None:
    c = Canvas(W, 260)
    c.rect(0, 0, W, 70, GREY)
    c.text(W / 2 - 30, 18, "Advanced", bold=True)
    x = 14
    for name in [
        "General",
        "Tabs",
        "AutoFill",
        "Passwords",
        "Search",
        "Security",
        "Privacy",
        "Websites",
        "Extensions",
        "Advanced",
    ]:
        if LANG == "de" and name in SAFARI_LEFT_OUT:
            continue
        c.font(11)
        width = c.p.fontMetrics().horizontalAdvance(L(name)) + 12
        c.p.setBrush(QColor("#c0c4c8"))
        c.p.setPen(Qt.PenStyle.NoPen)
        c.p.drawRoundedRect(QRectF(x + width / 2 - 10, 26, 20, 20), 5, 5)
        c.text(x + 6, 62, name, size=11)
        if name == "Advanced":
            c.mark(x, 24, width, 44)
        x += width + 4
    c.text(40, 110, "Smart search field:     ☐ Show full website address")
    c.text(40, 140, "Accessibility:            ☐ Press Tab to highlight each item")
    c.text(40, 200, "☑ Show features for web developers")
    c.font(12)
    c.mark(38, 186, c.p.fontMetrics().horizontalAdvance(L("☑ Show features for web developers")) + 4, 20)
    c.text(40, 236, '(Older Safari: "Show Develop menu in menu bar")', QColor("#555555"), 11)
    c.save(out / "safari-1.png")


def safari_2(out: Path) -> None:
    c = Canvas()
    y = url_bar(c, "Safari: Cmd+Option+I")
    c.tabs(SAFARI_TABS, "Storage", y)
    c.sidebar(
        [
            (0, "Cookies"),
            (1, "chat.example.org"),
            (0, "Local Storage"),
            (0, "Session Storage"),
            (0, "Indexed Databases"),
        ],
        "chat.example.org",
        y + 28,
        width=190,
    )
    c.cookie_table(196, y + 40)
    c.save(out / "safari-2.png")


def main() -> None:
    global LANG, _firefox
    app = QGuiApplication.instance() or QGuiApplication([])
    out = Path(__file__).resolve().parent
    for language in ("en", "de"):
        LANG = language
        for draw in (chrome_1, chrome_2, chrome_curl, firefox_1, firefox_2, firefox_curl, safari_1, safari_2):
            _firefox = draw.__name__.startswith("firefox")
            draw(out)
    app.processEvents()


if __name__ == "__main__":
    main()
    # PySide6 6.12 can crash while tearing down painter objects at interpreter exit; the files are written.
    os._exit(0)
