"""README.txt: what is in the archive folder, in plain words, German first and English after."""

from __future__ import annotations

import textwrap
from datetime import datetime

from mmexport.exporting import formats
from mmexport.exporting.writers.about import AdminExport
from mmexport.exporting.writers.context import ArchiveContext, incomplete_sentence
from mmexport.exporting.writers.i18n import Texts

_GERMAN = """\
Mattermost-Archiv
=================

Dieser Ordner enthält {holds} ({totals}).
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
channels/           Ein Ordner pro Chat. Darin:
  posts.jsonl         alle Nachrichten so, wie der Server sie geliefert hat
  channel.json        die Angaben zum Chat
{formats_de}  files/              die Dateianhänge
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

This folder holds {holds} ({totals}).
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
{formats_en}  files/              the attachments
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
    finished = (manifest.get("finished_at") or manifest.get("started_at") or "") if ctx.run.complete else ""
    problems = [p for p in manifest.get("problems") or [] if isinstance(p, dict)]
    messages = sum(c.messages for c in ctx.channels)  # as the server's listing counts them
    notices = sum(c.notices for c in ctx.channels)
    delimiter = ";" if ctx.texts.lang == "de" else ","
    admin = ctx.admin_export
    parts = {}
    for lang, template in (("de", _GERMAN), ("en", _ENGLISH)):
        t = Texts(lang)
        totals = t.totals(len(ctx.channels), messages, len(ctx.files), notices)
        source = ""
        if server and admin is None:
            moment = _date(finished, t)
            if lang == "de":
                source = f"Exportiert von {server} für @{user}{', am ' + moment if moment else ''}.\n"
            else:
                source = f"Exported from {server} for @{user}{', on ' + moment if moment else ''}.\n"
        if admin is not None:
            moment = _date(finished, t)
            source = _admin_note(admin, t) + (t("exported_at", date=moment) + ".\n" if moment else "")
        if not ctx.run.complete:
            source = _incomplete_note(ctx, t) + source
        note = {"de": _problems_note_de, "en": _problems_note_en}[lang](problems)
        parts[lang] = template.format(
            totals=totals,
            holds=t("holds_admin" if admin is not None else "holds_own"),
            source=source,
            formats_de=_format_lines("de", delimiter),
            formats_en=_format_lines("en", delimiter),
            problems_de=note,
            problems_en=note,
        )
    order = ("de", "en") if ctx.texts.lang == "de" else ("en", "de")
    return ("\n" + "-" * 78 + "\n\n").join(parts[lang] for lang in order)


def _admin_note(admin: AdminExport, t: Texts) -> str:
    """An administrator's export says so first, and lists its channels by handle (team:channel)."""
    first, second, third = admin.sentences(t)
    lines = [textwrap.fill(first, width=78), textwrap.fill(f"{second} {third}", width=78), ""]
    width = max((len(c.display_name) for c in admin.channels), default=0)
    handles = max((len(c.handle) for c in admin.channels), default=0)
    for c in admin.channels:
        marks = ([] if c.member else [t("mark_not_member")]) + ([] if c.complete else [t("mark_incomplete")])
        counts = t("readme_counts", messages=t.number(c.messages), notices=t.number(c.notices))
        lines.append(f"  {c.display_name.ljust(width)}  {c.handle.ljust(handles)}  {counts}  {', '.join(marks)}".rstrip())
    lines += ["", textwrap.fill(f"{t('handle_hint')} {t('counts_hint')}", width=78), ""]
    return "\n" + "\n".join(lines) + "\n"


def _format_lines(lang: str, delimiter: str) -> str:
    """The lines of each chat folder's renderings, one per registered format that writes some."""
    chosen_only = {"de": "(falls gewählt) ", "en": "(if chosen) "}[lang]
    lines = []
    for fmt in formats.all_formats():
        if not fmt.chat_files:
            continue
        text = fmt.description.get(lang) or fmt.description["en"]
        lines.append(f"  {fmt.chat_files:<20}{'' if fmt.default else chosen_only}{text}")
        note = fmt.readme_note.get(lang) or fmt.readme_note.get("en") or ""
        lines += [" " * 22 + line for line in note.format(delimiter=f"'{delimiter}'").splitlines()]
    return "".join(line + "\n" for line in lines)


def _incomplete_note(ctx: ArchiveContext, t: Texts) -> str:
    """The same words as the viewer's notice, set apart so that nobody takes the archive for complete."""
    text = f"!!! {incomplete_sentence(ctx.run, t)} {t('archive_incomplete_hint')}"
    return "\n" + textwrap.fill(text, width=78, subsequent_indent="    ") + "\n\n"


def _problems_note_de(problems: list[dict]) -> str:
    if not problems:
        return ""
    one = len(problems) == 1
    if all(p.get("file_id") for p in problems):
        what = "1 Datei konnte" if one else f"{len(problems)} Dateien konnten"
    else:
        what = "1 Datei oder Nachricht konnte" if one else f"{len(problems)} Dateien oder Nachrichten konnten"
    return (
        f"\nHinweis: {what} nicht gespeichert werden. index.html nennt sie mit dem Chat, zu dem sie "
        f'{"gehört" if one else "gehören"}; manifest.json ("problems") ebenso.\n'
    )


def _problems_note_en(problems: list[dict]) -> str:
    if not problems:
        return ""
    one = len(problems) == 1
    if all(p.get("file_id") for p in problems):
        what = "1 file" if one else f"{len(problems)} files"
    else:
        what = "1 file or message" if one else f"{len(problems)} files or messages"
    return (
        f"\nNote: {what} could not be saved. index.html lists {'it' if one else 'them'} with the chat "
        f'{"it belongs" if one else "they belong"} to; so does manifest.json ("problems").\n'
    )


def _date(value: str, t: Texts) -> str:
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return t.long_date(moment.astimezone() if moment.tzinfo else moment)
