"""README.txt: what is in the archive folder, in plain words, German first and English after."""

from __future__ import annotations

from datetime import datetime

from mmexport.exporting.writers.context import ArchiveContext
from mmexport.exporting.writers.i18n import Texts

_GERMAN = """\
Mattermost-Archiv
=================

Dieser Ordner enthält Ihre gespeicherten Mattermost-Chats ({totals}).
{source}
So lesen Sie das Archiv
-----------------------
Öffnen Sie die Datei index.html mit einem Doppelklick. Sie öffnet sich in Ihrem
Browser (Chrome, Edge, Firefox oder Safari). Sie brauchen dafür kein Internet und
keinen Mattermost-Server. Links sehen Sie alle Kanäle, Direktnachrichten und
Gruppennachrichten; mit "Suchen" finden Sie Nachrichten nach Wörtern, Personen,
Chats und Daten. Zum Drucken oder Speichern als PDF öffnen Sie einen Chat und
verwenden die Druckfunktion Ihres Browsers.

Was in diesem Ordner ist
------------------------
index.html          Das Archiv zum Lesen (hier beginnen).
search.html         Die Suche.
channels/           Ein Ordner pro Chat mit:
  posts.jsonl         allen Nachrichten so, wie der Server sie geliefert hat
  channel.json        den Angaben zum Chat
  messages*.html      den Seiten zum Lesen
  messages.txt        (falls gewählt) allen Nachrichten als einfacher Text
  messages.csv        (falls gewählt) einer Tabelle für Excel oder LibreOffice
                      (UTF-8; Trennzeichen {delimiter_de}; Zellen, die mit = + - @
                      beginnen, haben ein ' davor, damit Excel nichts ausführt)
  files/              den Dateianhängen
avatars/ emoji/     Profilbilder und eigene Emojis
manifest.json       eine maschinenlesbare Übersicht (Chats, Dateien, Probleme)
users.json teams.json emoji.json   Personen, Teams und Emojis
viewer/             Darstellung und Suchindex des Archivs

Bitte lassen Sie die Ordner zusammen: index.html braucht die anderen Dateien.
{problems_de}
"""

_ENGLISH = """\
Mattermost archive
==================

This folder holds your saved Mattermost chats ({totals}).
{source}
How to read it
--------------
Double-click index.html. It opens in your web browser (Chrome, Edge, Firefox or
Safari) and needs neither internet nor a Mattermost server. The list on the left
shows every channel, direct message and group message; "Search" finds messages by
words, people, chats and dates. To print a chat or save it as PDF, open it and use
your browser's Print command.

What is in this folder
----------------------
index.html          The archive to read (start here).
search.html         The search page.
channels/           One folder per chat, holding:
  posts.jsonl         every message exactly as the server sent it
  channel.json        the chat's details
  messages*.html      the pages to read
  messages.txt        (if chosen) all messages as plain text
  messages.csv        (if chosen) a table for Excel or LibreOffice
                      (UTF-8; separator {delimiter_en}; cells starting with = + - @
                      get a leading ' so that Excel runs nothing)
  files/              the attachments
avatars/ emoji/     profile pictures and custom emoji
manifest.json       a machine-readable summary (chats, files, problems)
users.json teams.json emoji.json   people, teams and emoji
viewer/             the archive's look and its search index

Please keep the folders together: index.html needs the other files.
{problems_en}
"""


def readme_text(ctx: ArchiveContext) -> str:
    """Both languages; the one the person chose comes first."""
    manifest = ctx.manifest
    server = (manifest.get("server") or {}).get("url", "")
    user = (manifest.get("user") or {}).get("username", "")
    finished = manifest.get("finished_at") or manifest.get("started_at") or ""
    problems = len(manifest.get("problems") or [])
    posts = sum(c.posts for c in ctx.channels)
    delimiter = ";" if ctx.texts.lang == "de" else ","
    parts = {}
    for lang, template in (("de", _GERMAN), ("en", _ENGLISH)):
        t = Texts(lang)
        totals = t(
            "totals",
            channels=t.number(len(ctx.channels)),
            messages=t.number(posts),
            files=t.number(len(ctx.files)),
        )
        source = ""
        if server:
            moment = _date(finished, t)
            if lang == "de":
                source = f"Exportiert von {server} für @{user}{', am ' + moment if moment else ''}.\n"
            else:
                source = f"Exported from {server} for @{user}{', on ' + moment if moment else ''}.\n"
        if lang == "de":
            note = (
                f"\nHinweis: {problems} Dinge konnten nicht gespeichert werden; index.html und "
                'manifest.json ("problems") nennen sie.\n'
                if problems
                else ""
            )
        else:
            note = (
                f"\nNote: {problems} things could not be saved; index.html and manifest.json "
                '("problems") list them.\n'
                if problems
                else ""
            )
        parts[lang] = template.format(
            totals=totals,
            source=source,
            delimiter_de=f"'{delimiter}'",
            delimiter_en=f"'{delimiter}'",
            problems_de=note,
            problems_en=note,
        )
    order = ("de", "en") if ctx.texts.lang == "de" else ("en", "de")
    return ("\n" + "-" * 78 + "\n\n").join(parts[lang] for lang in order)


def _date(value: str, t: Texts) -> str:
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return t.long_date(moment.astimezone() if moment.tzinfo else moment)
