"""Chat text for the generated workspace: everyday German and English sentences and a few special posts."""

from __future__ import annotations

SENTENCES = [
    "Guten Morgen zusammen!",
    "Hat jemand die Unterlagen für das Treffen am Donnerstag?",
    "Ich bin heute im Homeoffice, erreichbar per Chat.",
    "Die Messung ist durchgelaufen, die Ergebnisse sehen gut aus.",
    "Kann jemand kurz drüberschauen? Ich hänge bei Abschnitt 3.",
    "Danke für die schnelle Rückmeldung!",
    "Der Drucker im zweiten Stock ist wieder kaputt.",
    "Wir verschieben das auf nächste Woche.",
    "Bitte tragt euch bis Freitag in die Liste ein.",
    "Die Mensa hat heute Spätzle, wer kommt mit?",
    "Ich schicke die Folien gleich rum.",
    "Das Protokoll liegt im gemeinsamen Ordner.",
    "Für die Förderung brauchen wir noch zwei Unterschriften.",
    "Wer übernimmt die Vertretung während meines Urlaubs?",
    "Die Übungsblätter sind online.",
    "Raum 1.23 ist für Dienstag reserviert.",
    "Sorry, I'm running five minutes late.",
    "Could you share the dataset from last week?",
    "The reviewers asked for another experiment.",
    "Let's sync after lunch.",
    "I pushed the fix, please pull before you continue.",
    "Great work everyone, the deadline is met!",
    "Does anyone know how to book the seminar room?",
    "The server maintenance is scheduled for Saturday night.",
    "Thanks, that helps a lot.",
    "Ich habe die Zahlen aktualisiert, siehe Tabelle.",
    "Kurze Frage: gilt die neue Reisekostenregelung schon?",
    "Bin gleich da.",
    "Klingt gut 👍",
    "Prima, machen wir so.",
    "Die Klausurergebnisse werden nächste Woche veröffentlicht.",
    "Straße gesperrt, ich komme über die Brücke.",
    "Wer hat noch Schlüssel für das Lager?",
    "Ich bin ab morgen für zwei Wochen auf Konferenz.",
    "Das Budget für Q3 ist freigegeben.",
    "Please check the updated schedule.",
    "Gibt es schon Neuigkeiten vom Gutachter?",
    "Überweisung ist raus.",
    "Ich mache heute früher Schluss.",
    "Das Webinar wird aufgezeichnet.",
]

EMOJI_SHORTCODES = [":smile:", ":+1:", ":tada:", ":coffee:", ":kaffee:", ":rocket:", ":white_check_mark:"]

SYSTEM_EMOJI_REACTIONS = ["+1", "smile", "heart", "tada", "eyes", "white_check_mark", "joy", "100"]

MARKDOWN_SHOWCASE = """# Überschrift erster Ordnung
## Zweite Ebene
### Dritte Ebene

Text mit **fett**, *kursiv*, ~~durchgestrichen~~ und `inline code`.

- Punkt eins
- Punkt zwei
  - eingerückt
1. Erstens
2. Zweitens

- [ ] offen
- [x] erledigt

| Name | Rolle | Zimmer |
|------|:-----:|-------:|
| Anna | Leitung | 1.01 |
| Bernd | Technik | 2.17 |

```python
def gruss(name: str) -> str:
    return f"Hallo {name}!"
```

```
plain block without a language
```

> Ein Zitat
> über zwei Zeilen

Links: [Mattermost](https://mattermost.com), https://example.org/pfad?frage=ja&x=1 und <https://example.com>.
Erwähnungen: @bernd.mueller @claudia @all, Kanal-Link ~town-square und ~projekt-alpha.
Emoji: :smile: :+1: :kaffee: :tada: 🎉

---
Fußnote: Zeilen
mit weichem Umbruch."""

HOSTILE_MESSAGE = (
    "Test für die Anzeige: <script>alert(1)</script> und <img src=x onerror=alert(1)> "
    'und [harmlos aussehender Link](javascript:alert(1)) und <a href="javascript:alert(2)">a-Tag</a> '
    "und &lt;entities&gt; &amp; ein \u202eumgedrehter Text."
)

BIG_CHANNEL_WORDS = [
    "Statusmeldung",
    "Messwert",
    "Protokolleintrag",
    "Zwischenstand",
    "Log line",
    "Heartbeat",
    "Nachtrag",
    "Update",
]
