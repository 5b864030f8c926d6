"""The demo workspace's seed tables: who works there, which teams and channels exist, how many posts each
channel gets and what is special about it. Plain data; demo/generate.py turns it into a workspace.
"""

from __future__ import annotations

from dataclasses import dataclass

DAY_MS = 86_400_000
WORKSPACE_END = 1_761_955_200_000  # 2025-11-01 00:00 UTC: generated history ends here
WORKSPACE_START = WORKSPACE_END - 730 * DAY_MS
BIG_CHANNEL_NAME = "grosser-kanal"
LARGE_BIG_CHANNEL_POSTS = 100_000
FLOOD_POSTS = 450
LONG_THREAD_REPLIES = 520
MFA_CODE = "123456"
DEMO_PASSWORD = "demo"


@dataclass
class Person:
    username: str
    first: str
    last: str
    nickname: str = ""
    position: str = ""
    locale: str = "de"
    deactivated: bool = False
    bot: bool = False


PEOPLE = [
    Person("anna", "Anna", "Beispiel", position="Projektleitung"),
    Person("bernd.mueller", "Bernd", "Müller", position="Technik"),
    Person("claudia", "Claudia", "Schäfer", position="Verwaltung"),
    Person("dilara", "Dilara", "Yılmaz", position="Doktorandin"),
    Person("emil", "Émile", "Dubois", locale="fr"),
    Person("fatima", "Fatima", "Al-Hassan", locale="en"),
    Person("goran", "Goran", "Petrović"),
    Person("hanna", "Hanna", "Øberg", locale="en"),
    Person("ines", "Inês", "Carvalho", locale="en"),
    Person("jun", "純", "田中", nickname="Jun Tanaka", locale="ja"),
    Person("katrin", "Katrin", "Weiß", nickname="Kati 🌻"),
    Person("lars", "Lars", "Jößl"),
    Person("mehmet", "Mehmet", "Öztürk"),
    Person("zoe", "Zoë", "Ångström", locale="en"),
    Person("otto.alt", "Otto", "Altmann", position="im Ruhestand", deactivated=True),
    Person("ci-bot", "", "", nickname="CI Bot", bot=True),
    Person("mfa", "Max", "Faktor", position="Sicherheit"),
]

# (team name, display name, channels). A channel: (name, display name, type, posts, flags)
# flags: "archived", "not_member", "flood", "thread", "markdown", "files", "bot", "big"
TEAMS: list[tuple[str, str, list[tuple[str, str, str, int, tuple[str, ...]]]]] = [
    (
        "forschung",
        "Forschung",
        [
            ("town-square", "Allgemein", "O", 60, ()),
            ("off-topic", "Off-Topic", "O", 40, ()),
            ("projekt-alpha", "Projekt Alpha", "O", 80, ("thread",)),
            ("labor", "Labor & Geräte", "O", 40, ()),
            ("messdaten", "Messdaten", "O", 30, ("files",)),
            ("doktoranden", "Doktorandenrunde", "P", 40, ()),
            ("paper-entwuerfe", "Paper-Entwürfe", "P", 30, ()),
            ("zeitschriften-club", "Zeitschriften-Club", "O", 20, ()),
            ("archiv-2023", "Archiv 2023", "O", 25, ("archived",)),
            ("geheimprojekt", "Geheimprojekt", "P", 10, ("not_member",)),
            ("kaffeekueche", "Kaffeeküche", "O", 10, ("not_member",)),
            ("import-altsystem", "Import Altsystem", "O", 40, ("flood",)),
            ("markdown-spielwiese", "Markdown-Spielwiese", "O", 15, ("markdown", "bot")),
            ("dateien", "Dateien & Anhänge", "O", 10, ("files",)),
        ],
    ),
    (
        "verwaltung",
        "Verwaltung",
        [
            ("town-square", "Allgemein", "O", 40, ()),
            ("off-topic", "Off-Topic", "O", 20, ()),
            ("haushalt", "Haushalt", "O", 30, ()),
            ("personal", "Personal", "P", 25, ()),
            ("beschaffung", "Beschaffung", "O", 25, ()),
            ("raumplanung", "Raumplanung", "O", 20, ()),
            ("it-support", "IT-Support", "O", 30, ("bot",)),
            ("betriebsrat", "Betriebsrat", "P", 10, ("not_member",)),
            ("alte-formulare", "Alte Formulare", "O", 15, ("archived",)),
            ("ankuendigungen", "Ankündigungen", "O", 15, ()),
        ],
    ),
    (
        "lehre",
        "Lehre",
        [
            ("town-square", "Allgemein", "O", 30, ()),
            ("off-topic", "Off-Topic", "O", 20, ()),
            ("vorlesung-ws", "Vorlesung Wintersemester", "O", 40, ()),
            ("seminar-ss", "Seminar Sommersemester", "O", 30, ()),
            ("tutorien", "Tutorien", "O", 25, ()),
            ("pruefungen", "Prüfungen", "P", 20, ()),
            ("lehrevaluation", "Lehrevaluation", "O", 15, ()),
            ("e-learning", "E-Learning", "O", 20, ()),
            ("sprechstunden", "Sprechstunden", "O", 15, ()),
        ],
    ),
]

DIRECT_PARTNERS = [
    "bernd.mueller",
    "claudia",
    "dilara",
    "katrin",
    "otto.alt",
    "ci-bot",
    "anna",
    "jun",
    "mehmet",
]
GROUPS = [
    ["anna", "bernd.mueller", "claudia"],
    ["anna", "dilara", "emil", "fatima"],
    ["anna", "bernd.mueller", "claudia", "dilara", "fatima", "katrin", "mehmet", "zoe"],
]
CUSTOM_EMOJI = [("kaffee", (111, 78, 55)), ("brezel", (190, 130, 60)), ("uni_logo", (0, 84, 159))]

# Attachments with names that real servers do hold and that break naive exporters.
HOSTILE_FILES = [
    ("Protokoll Sitzung März.pdf", "Protokoll der letzten Sitzung"),
    ("notizen.txt", "Meine Notizen"),
    ("../../etc/passwd", "Seltsamer Dateiname vom Altsystem"),
    ("CON", "Noch ein seltsamer Name"),
    ("a\\b/c:d*?.txt", "Sonderzeichen im Namen"),
    ("Bericht final...", "Punkte am Ende"),
    ("Sehr_langer_Dateiname_" * 12 + "Ende.txt", "Sehr langer Name"),
    ("Grüße 🎉 Übersicht.txt", "Umlaute und Emoji"),
    ("seite.html", "HTML-Datei mit Skript"),
]


def color_for(index: int) -> tuple[int, int, int]:
    palette = [(0, 84, 159), (204, 7, 30), (87, 171, 39), (246, 168, 0), (97, 33, 88), (0, 152, 161)]
    return palette[index % len(palette)]
