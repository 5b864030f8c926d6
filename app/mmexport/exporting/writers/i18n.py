"""Every word the viewer, messages.txt and README.txt show, in German and English, plus date formats.

The archive is rendered once, in the language the person chose; German uses the polite Sie-form and the
words the German Mattermost webapp uses (Kanal, Direktnachricht, Gruppennachricht).
"""

from __future__ import annotations

from datetime import datetime

LANGUAGES = ("de", "en")

_CATALOG: dict[str, dict[str, str]] = {
    "en": {
        "archive_title": "Mattermost archive",
        "dm_with_yourself": "{name} (you)",
        "skip_to_content": "Skip to messages",
        "channels": "Channels",
        "direct_messages": "Direct messages",
        "group_messages": "Group messages",
        "other_chats": "Other chats",
        "private_channel": "private channel",
        "public_channel": "public channel",
        "sidebar_label": "Chats in this archive",
        "messages_one": "{n} message",
        "messages_other": "{n} messages",
        "notices_one": "{n} join/leave notice",
        "notices_other": "{n} join/leave notices",
        "chats_one": "{n} chat",
        "chats_other": "{n} chats",
        "files_one": "{n} file",
        "files_other": "{n} files",
        "last_message": "last message {date}",
        "no_messages": "no messages",
        "search": "Search",
        "search_placeholder": "Search messages…",
        "search_title": "Search the archive",
        "search_words": "Words",
        "search_person": "Person",
        "search_channel": "Chat",
        "search_from": "From",
        "search_to": "Until",
        "search_anyone": "anyone",
        "search_anywhere": "all chats",
        "search_button": "Search",
        "search_loading": "Loading the search index…",
        "search_results_one": "{n} message found",
        "search_results_other": "{n} messages found",
        "search_results_capped": "{n} messages found, showing the first {shown}",
        "search_more": "Show {n} more",
        "search_none": "No messages found.",
        "search_needs_js": "Search needs JavaScript, which your browser has switched off for this page.",
        "search_hint": "Type words, choose a person, a chat or dates, then press Search.",
        "overview": "Overview",
        "exported_from": "Exported from {server} by {user}",
        "exported_at": "Exported on {date}",
        "admin_export_one": "This is an administrator's export of the channels of team {teams}, made by @{user} from {server}.",
        "admin_export_other": "This is an administrator's export of the channels of the teams {teams}, made by @{user} from {server}.",
        "admin_not_member": "@{user} was not a member of {n} of them (see the list).",
        "mark_not_member": "not a member",
        "mark_incomplete": "NOT COMPLETE",
        "holds_own": "your saved Mattermost chats",
        "holds_admin": "saved Mattermost channels",
        "admin_member_of_all": "@{user} was a member of every one of them.",
        "admin_all_complete": "Each channel is complete: every message and attachment was saved.",
        "admin_incomplete": "Not complete (what is missing is listed below): {channels}",
        "handle_hint": "The handle (team:channel) is the name the server's own tools take, for example mmctl channel archive team:channel.",
        "col_channel": "Channel",
        "col_handle": "Handle",
        "col_messages": "Messages",
        "col_notices": "Join/leave notices",
        "counts_hint": "Messages are counted as the server lists them (mmexport channels, the administrator's table): without join and leave notices, which are counted apart.",
        "readme_counts": "{messages} messages + {notices} join/leave notices",
        "col_member": "Member",
        "col_complete": "Complete",
        "yes": "yes",
        "no": "no",
        "times_zone": "Times are shown in the time zone {zone}.",
        "totals": "{chats}, {messages}, {files}",
        "open_hint": "Choose a chat on the left to read it.",
        "problems_title": "Not everything could be saved",
        "file_problems_one": "{n} file could not be saved",
        "file_problems_other": "{n} files could not be saved",
        "chat_problems_one": "{n} chat could not be saved completely",
        "chat_problems_other": "{n} chats could not be saved completely",
        "problem_in_chat": "in {channel}",
        "archive_incomplete": "This archive is incomplete: the export was stopped on {date}.",
        "archive_incomplete_undated": "This archive is incomplete: the export was stopped before it finished.",
        "archive_incomplete_hint": "It shows what was saved until then. Start the export again into the same "
        "folder to continue; nothing saved is fetched twice.",
        "stop_cancelled": "It was cancelled.",
        "stop_token_expired": "The sign-in had expired.",
        "stop_failed": "It could not go on (for example the network or the disk).",
        "chat_not_saved_yet": "not saved yet",
        "archive_incomplete_short": "Incomplete: the export was stopped",
        "chat_partly_saved": "incomplete",
        "filter_chats": "Find a chat",
        "filter_placeholder": "Filter chats…",
        "filter_none": "No chat matches.",
        "members_tooltip": "Members: {names}",
        "incomplete_channel": "This chat was not exported completely.",
        "page_nav": "Pages",
        "page_n": "Page {n} of {total}",
        "page_label": "Page {n}",
        "older": "Older messages",
        "newer": "Newer messages",
        "jump_to_date": "Jump to date",
        "go": "Go",
        "edited": "(edited)",
        "pinned": "Pinned",
        "deleted": "(message deleted)",
        "system_message": "System message",
        "bot": "BOT",
        "replies_one": "{n} reply",
        "replies_other": "{n} replies",
        "reply_to_missing": "Reply to a message that is not in this archive",
        "in_reply_to": "Reply in a thread",
        "file_missing": "(not saved)",
        "reacted": "{names} reacted with {emoji}",
        "image": "Image",
        "close": "Close",
        "channel_header": "Header",
        "channel_purpose": "Purpose",
        "archived_channel": "archived",
        "unknown_user": "unknown person",
        "back_to_overview": "Overview",
        "members": "Members",
        "print_hint": "To save this chat as PDF, use your browser's Print command.",
        "top": "Top",
        "latest": "Latest messages",
        "priority_important": "Important",
        "priority_urgent": "Urgent",
        "thread": "Thread",
        "from_webhook": "via integration",
        # messages.txt / csv / README
        "txt_header": "{name} ({kind}), exported {date}",
        "txt_reply": "reply",
        "txt_files": "Files",
        "txt_reactions": "Reactions",
        # messages.pdf
        "pdf_subject": "Mattermost chat, saved for the records",
        "pdf_link": "This chat as a PDF/A document for the records (messages.pdf)",
        "pdf_title_page": "Title page",
        "pdf_kind": "Kind",
        "pdf_team": "Team",
        "pdf_members": "Members",
        "pdf_authors": "People who wrote here",
        "pdf_period": "Period",
        "pdf_period_value": "{first} to {last}",
        "pdf_server": "Server",
        "pdf_exported_by": "Exported by",
        "pdf_exported_at": "Exported on",
        "pdf_rendered_at": "This document made on",
        "pdf_contents": "Contents",
        "pdf_complete": "Complete",
        "pdf_complete_yes": "yes: every message of this chat that the server gave was saved",
        "pdf_complete_no": "no: this chat was not saved completely",
        "pdf_problems": "Problems",
        "pdf_page": "Page {n} of {total}",
        "pdf_reply_to": "Reply to {name}, {date}: “{excerpt}”",
        "pdf_reply_to_missing": "Reply to a message that is not in this archive",
        "pdf_file_missing": "not saved",
        "pdf_check_hint": "Attachments are listed with their SHA-256 checksum, the same as in manifest.json, "
        "so that this document and the archive folder can be checked against each other.",
    },
    "de": {
        "archive_title": "Mattermost-Archiv",
        "dm_with_yourself": "{name} (Sie)",
        "skip_to_content": "Zu den Nachrichten springen",
        "channels": "Kanäle",
        "direct_messages": "Direktnachrichten",
        "group_messages": "Gruppennachrichten",
        "other_chats": "Weitere Chats",
        "private_channel": "privater Kanal",
        "public_channel": "öffentlicher Kanal",
        "sidebar_label": "Chats in diesem Archiv",
        "messages_one": "{n} Nachricht",
        "messages_other": "{n} Nachrichten",
        "notices_one": "{n} Beitritts-/Austrittshinweis",
        "notices_other": "{n} Beitritts-/Austrittshinweise",
        "chats_one": "{n} Chat",
        "chats_other": "{n} Chats",
        "files_one": "{n} Datei",
        "files_other": "{n} Dateien",
        "last_message": "letzte Nachricht {date}",
        "no_messages": "keine Nachrichten",
        "search": "Suchen",
        "search_placeholder": "Nachrichten durchsuchen…",
        "search_title": "Archiv durchsuchen",
        "search_words": "Wörter",
        "search_person": "Person",
        "search_channel": "Chat",
        "search_from": "Von",
        "search_to": "Bis",
        "search_anyone": "alle Personen",
        "search_anywhere": "alle Chats",
        "search_button": "Suchen",
        "search_loading": "Der Suchindex wird geladen…",
        "search_results_one": "{n} Nachricht gefunden",
        "search_results_other": "{n} Nachrichten gefunden",
        "search_results_capped": "{n} Nachrichten gefunden, die ersten {shown} werden angezeigt",
        "search_more": "{n} weitere zeigen",
        "search_none": "Keine Nachrichten gefunden.",
        "search_needs_js": "Die Suche braucht JavaScript. Ihr Browser hat es für diese Seite ausgeschaltet.",
        "search_hint": "Geben Sie Wörter ein, wählen Sie eine Person, einen Chat oder Daten und klicken "
        "Sie auf Suchen.",
        "overview": "Übersicht",
        "exported_from": "Exportiert von {server} für {user}",
        "exported_at": "Exportiert am {date}",
        "admin_export_one": "Dies ist ein Administrator-Export der Kanäle des Teams {teams}, erstellt von @{user} auf {server}.",
        "admin_export_other": "Dies ist ein Administrator-Export der Kanäle der Teams {teams}, erstellt von @{user} auf {server}.",
        "admin_not_member": "@{user} war in {n} davon nicht Mitglied (siehe Liste).",
        "mark_not_member": "nicht Mitglied",
        "mark_incomplete": "NICHT VOLLSTÄNDIG",
        "holds_own": "Ihre gespeicherten Mattermost-Chats",
        "holds_admin": "gespeicherte Mattermost-Kanäle",
        "admin_member_of_all": "@{user} war in allen Mitglied.",
        "admin_all_complete": "Jeder Kanal ist vollständig: Alle Nachrichten und Anhänge wurden gespeichert.",
        "admin_incomplete": "Nicht vollständig (was fehlt, steht unten): {channels}",
        "handle_hint": "Die Kennung (team:kanal) ist der Name, den die Werkzeuge des Servers erwarten, zum Beispiel mmctl channel archive team:kanal.",
        "col_channel": "Kanal",
        "col_handle": "Kennung",
        "col_messages": "Nachrichten",
        "col_notices": "Beitritts-/Austrittshinweise",
        "counts_hint": "Nachrichten sind gezählt wie in der Liste des Servers (mmexport channels, die Tabelle für Administratoren): ohne Beitritts- und Austrittshinweise, die getrennt gezählt sind.",
        "readme_counts": "{messages} Nachrichten + {notices} Beitritts-/Austrittshinweise",
        "col_member": "Mitglied",
        "col_complete": "Vollständig",
        "yes": "ja",
        "no": "nein",
        "times_zone": "Zeiten sind in der Zeitzone {zone} angegeben.",
        "totals": "{chats}, {messages}, {files}",
        "open_hint": "Wählen Sie links einen Chat, um ihn zu lesen.",
        "problems_title": "Nicht alles konnte gespeichert werden",
        "file_problems_one": "{n} Datei konnte nicht gespeichert werden",
        "file_problems_other": "{n} Dateien konnten nicht gespeichert werden",
        "chat_problems_one": "{n} Chat konnte nicht vollständig gespeichert werden",
        "chat_problems_other": "{n} Chats konnten nicht vollständig gespeichert werden",
        "problem_in_chat": "in {channel}",
        "archive_incomplete": "Dieses Archiv ist unvollständig: der Export wurde am {date} abgebrochen.",
        "archive_incomplete_undated": "Dieses Archiv ist unvollständig: der Export wurde vor dem Ende abgebrochen.",
        "archive_incomplete_hint": "Es zeigt, was bis dahin gespeichert war. Starten Sie den Export noch einmal "
        "in denselben Ordner, um ihn fortzusetzen; schon Gespeichertes wird nicht noch einmal geholt.",
        "stop_cancelled": "Er wurde angehalten.",
        "stop_token_expired": "Die Anmeldung war abgelaufen.",
        "stop_failed": "Er konnte nicht weitergehen (zum Beispiel wegen des Netzwerks oder der Festplatte).",
        "chat_not_saved_yet": "noch nicht gespeichert",
        "archive_incomplete_short": "Unvollständig: der Export wurde abgebrochen",
        "chat_partly_saved": "unvollständig",
        "filter_chats": "Chat finden",
        "filter_placeholder": "Chats filtern…",
        "filter_none": "Kein Chat passt.",
        "members_tooltip": "Mitglieder: {names}",
        "incomplete_channel": "Dieser Chat wurde nicht vollständig exportiert.",
        "page_nav": "Seiten",
        "page_n": "Seite {n} von {total}",
        "page_label": "Seite {n}",
        "older": "Ältere Nachrichten",
        "newer": "Neuere Nachrichten",
        "jump_to_date": "Zu Datum springen",
        "go": "Los",
        "edited": "(bearbeitet)",
        "pinned": "Angeheftet",
        "deleted": "(Nachricht gelöscht)",
        "system_message": "Systemnachricht",
        "bot": "BOT",
        "replies_one": "{n} Antwort",
        "replies_other": "{n} Antworten",
        "reply_to_missing": "Antwort auf eine Nachricht, die nicht in diesem Archiv ist",
        "in_reply_to": "Antwort in einem Thread",
        "file_missing": "(nicht gespeichert)",
        "reacted": "{names} hat mit {emoji} reagiert",
        "image": "Bild",
        "close": "Schließen",
        "channel_header": "Kopfzeile",
        "channel_purpose": "Zweck",
        "archived_channel": "archiviert",
        "unknown_user": "unbekannte Person",
        "back_to_overview": "Übersicht",
        "members": "Mitglieder",
        "print_hint": "Um diesen Chat als PDF zu speichern, verwenden Sie die Druckfunktion Ihres Browsers.",
        "top": "Nach oben",
        "latest": "Neueste Nachrichten",
        "priority_important": "Wichtig",
        "priority_urgent": "Dringend",
        "thread": "Thread",
        "from_webhook": "über eine Integration",
        "txt_header": "{name} ({kind}), exportiert am {date}",
        "txt_reply": "Antwort",
        "txt_files": "Dateien",
        "txt_reactions": "Reaktionen",
        "pdf_subject": "Mattermost-Chat, gesichert für die Akte",
        "pdf_link": "Dieser Chat als PDF/A-Dokument für die Akte (messages.pdf)",
        "pdf_title_page": "Titelseite",
        "pdf_kind": "Art",
        "pdf_team": "Team",
        "pdf_members": "Mitglieder",
        "pdf_authors": "Beteiligte (haben hier geschrieben)",
        "pdf_period": "Zeitraum",
        "pdf_period_value": "{first} bis {last}",
        "pdf_server": "Server",
        "pdf_exported_by": "Exportiert von",
        "pdf_exported_at": "Exportiert am",
        "pdf_rendered_at": "Dieses Dokument erstellt am",
        "pdf_contents": "Inhalt",
        "pdf_complete": "Vollständig",
        "pdf_complete_yes": "ja: Jede Nachricht dieses Chats, die der Server geliefert hat, wurde gesichert",
        "pdf_complete_no": "nein: Dieser Chat wurde nicht vollständig gesichert",
        "pdf_problems": "Probleme",
        "pdf_page": "Seite {n} von {total}",
        "pdf_reply_to": "Antwort auf {name}, {date}: „{excerpt}“",
        "pdf_reply_to_missing": "Antwort auf eine Nachricht, die nicht in diesem Archiv ist",
        "pdf_file_missing": "nicht gesichert",
        "pdf_check_hint": "Anhänge sind mit ihrer SHA-256-Prüfsumme aufgeführt, derselben wie in manifest.json: "
        "So lassen sich dieses Dokument und der Archivordner gegeneinander prüfen.",
    },
}

# The engine's problem sentences (exporting/messages.py, context "Engine" of the Qt catalog) in German: the
# viewer is Qt-free and the .ts is not shipped, so they are repeated here; tests/unit/test_i18n_catalog.py
# checks that they match the .ts word for word.
_PROBLEM_TEMPLATES_DE = {
    "“{name}” is no longer on the server.": "„{name}“ ist nicht mehr auf dem Server.",
    "“{name}” may not be downloaded (the server refused it).": (
        "„{name}“ darf nicht heruntergeladen werden (der Server hat es abgelehnt)."
    ),
    "“{name}” could not be downloaded: {reason}": "„{name}“ konnte nicht heruntergeladen werden: {reason}",
    "“{name}” was left out: it is larger than the chosen limit.": (
        "„{name}“ wurde weggelassen: Die Datei ist größer als die gewählte Grenze."
    ),
    "This chat could not be opened: {reason}": "Dieser Chat konnte nicht geöffnet werden: {reason}",
    "Messages of “{name}” could not be saved: {reason}": (
        "Nachrichten aus „{name}“ konnten nicht gespeichert werden: {reason}"
    ),
}

_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
}
_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
}  # fmt: skip


def normalize_lang(lang: str | None) -> str:
    """'de', 'de_DE.UTF-8', 'de-AT' -> 'de'; anything unknown -> 'en'."""
    code = (lang or "").replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


class Texts:
    """The strings and date formats of one language."""

    def __init__(self, lang: str):
        self.lang = normalize_lang(lang)
        self._strings = _CATALOG[self.lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self._strings.get(key) or _CATALOG["en"][key]
        return text.format(**values) if values else text

    def number(self, n: int) -> str:
        text = f"{n:,}"
        return text.replace(",", ".") if self.lang == "de" else text

    def plural(self, key: str, n: int, **values: object) -> str:
        """key_one for exactly 1, key_other otherwise (German and English share that rule); {n} formatted."""
        return self(f"{key}_one" if n == 1 else f"{key}_other", n=self.number(n), **values)

    def message_count(self, n: int) -> str:
        return self.plural("messages", n)

    def replies(self, n: int) -> str:
        return self.plural("replies", n)

    def messages_and_notices(self, messages: int, notices: int) -> str:
        """'61 messages · 7 join/leave notices'; just '61 messages' when there are none. Messages are
        counted as the server's listing counts them, without the notices (about.count_join_leave_notices)."""
        text = self.message_count(messages)
        return f"{text} · {self.plural('notices', notices)}" if notices else text

    def totals(self, chats: int, messages: int, files: int, notices: int = 0) -> str:
        """'15 chats, 1,564 messages, 1 file' / '15 Chats, 1.564 Nachrichten, 1 Datei', and
        ' · 7 join/leave notices' when there are any (messages are counted without them)."""
        text = self(
            "totals",
            chats=self.plural("chats", chats),
            messages=self.plural("messages", messages),
            files=self.plural("files", files),
        )
        return f"{text} · {self.plural('notices', notices)}" if notices else text

    def problem(self, entry: dict) -> str:
        """A problem of manifest.json in this language: its English template translated when known
        (the engine records template and values for this), else the English sentence as it was saved."""
        english = str(entry.get("what") or "")
        template, params = entry.get("template"), entry.get("params")
        if self.lang == "en" or not isinstance(template, str) or not isinstance(params, dict):
            return english
        translated = _PROBLEM_TEMPLATES_DE.get(template)
        if translated is None:
            return english
        try:
            return translated.format(**params)
        except (KeyError, IndexError, ValueError):
            return english

    def long_date(self, moment: datetime) -> str:
        """The date separator: 'Monday, March 3, 2025' / 'Montag, 3. März 2025'."""
        weekday = _WEEKDAYS[self.lang][moment.weekday()]
        month = _MONTHS[self.lang][moment.month - 1]
        if self.lang == "de":
            return f"{weekday}, {moment.day}. {month} {moment.year}"
        return f"{weekday}, {month} {moment.day}, {moment.year}"

    def short_date(self, moment: datetime) -> str:
        if self.lang == "de":
            return f"{moment.day:02d}.{moment.month:02d}.{moment.year}"
        return f"{moment.year}-{moment.month:02d}-{moment.day:02d}"

    def time(self, moment: datetime) -> str:
        if self.lang == "de":
            return f"{moment.hour:02d}:{moment.minute:02d}"
        hour = moment.hour % 12 or 12
        return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"

    def date_time(self, moment: datetime) -> str:
        return f"{self.short_date(moment)} {self.time(moment)}"

    def size(self, n: int | None) -> str:
        """File sizes as people read them: 512 B, 1.4 MB / 1,4 MB."""
        if n is None:
            return ""
        value = float(n)
        for unit in ("B", "KB", "MB", "GB"):
            if value < 1024 or unit == "GB":
                text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
                if self.lang == "de":
                    text = text.replace(".", ",")
                return f"{text} {unit}"
            value /= 1024
        return f"{n} B"  # pragma: no cover - loop always returns


def zone_label(year: int | None = None) -> str:
    """The local time zone, which every time shown is in: "UTC+01:00", or with summer time
    "UTC+01:00/+02:00" (winter/summer: a list spans both). Offsets, because a name like "CET" is not known
    everywhere and Windows gives long localised ones."""
    year = year or datetime.now().year
    winter, summer = (_offset(datetime(year, month, 1, 12)) for month in (1, 7))
    if winter == summer:
        return "UTC" if winter == "+00:00" else f"UTC{winter}"
    return f"UTC{winter}/{summer}"


def _offset(moment: datetime) -> str:
    text = moment.astimezone().strftime("%z")  # +0100
    return f"{text[:3]}:{text[3:]}" if text else "+00:00"


def reader_language() -> str:
    """The language of the person at the terminal (MMEXPORT_LANG, LC_ALL, LANG...), German or English."""
    import locale
    import os

    for key in ("MMEXPORT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(key):
            return normalize_lang(os.environ[key])
    return normalize_lang(locale.getlocale()[0])
