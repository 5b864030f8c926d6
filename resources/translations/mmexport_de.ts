<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>BrowserSignin</name>
    <message>
        <location filename="../../app/mmexport/gui/browser_signin.py" line="+56"/>
        <source>Chrome / Edge</source>
        <translation>Chrome / Edge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If Chrome or Edge asks whether to open Mattermost, click Cancel. Then click into the address bar (or press Ctrl+L; Mac: Cmd+L) and press Ctrl+C (Mac: Cmd+C).</source>
        <translation>Wenn Chrome oder Edge fragt, ob Mattermost geöffnet werden soll, klicken Sie auf „Abbrechen“. Klicken Sie dann in die Adressleiste (oder drücken Sie Strg+L; Mac: Cmd+L) und drücken Sie Strg+C (Mac: Cmd+C).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Firefox</source>
        <translation>Firefox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If Firefox asks which application to open, close that window. Then press Ctrl+L (Mac: Cmd+L) and Ctrl+C (Mac: Cmd+C).</source>
        <translation>Wenn Firefox fragt, mit welcher Anwendung geöffnet werden soll, schließen Sie dieses Fenster. Drücken Sie dann Strg+L (Mac: Cmd+L) und Strg+C (Mac: Cmd+C).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Safari</source>
        <translation>Safari</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If Safari asks whether to open the page in another application, click Cancel. Then press Cmd+L and Cmd+C.</source>
        <translation>Wenn Safari fragt, ob die Seite in einem anderen Programm geöffnet werden soll, klicken Sie auf „Abbrechen“. Drücken Sie dann Cmd+L und Cmd+C.</translation>
    </message>
</context>
<context>
    <name>BrowserSigninBox</name>
    <message>
        <location line="+17"/>
        <source>Sign in in the browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Address to open in your browser</source>
        <translation>Adresse zum Öffnen in Ihrem Browser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;opy address</source>
        <translation>Adresse k&amp;opieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Address of the &amp;final page:</source>
        <translation>Adresse der &amp;letzten Seite:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>…/login/desktop?client_token=…&amp;server_token=…</source>
        <translation>…/login/desktop?client_token=…&amp;server_token=…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Address of the final page</source>
        <translation>Adresse der letzten Seite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of the page that says you are now logged in.</source>
        <translation>Die Adresse der Seite, auf der steht, dass Sie jetzt angemeldet sind („You are now logged in“).</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Your server signs you in through %1. Click the button: your browser opens the sign-in page. Afterwards you copy the address of the last page, and you are signed in here too.</source>
        <translation>Ihr Server meldet Sie über %1 an. Klicken Sie auf die Schaltfläche: Ihr Browser öffnet die Anmeldeseite. Danach kopieren Sie die Adresse der letzten Seite, und Sie sind auch hier angemeldet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign in with %1</source>
        <translation>Mit %1 anmelden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your server signs you in through %1.</source>
        <translation>Ihr Server meldet Sie über %1 an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This server runs Mattermost %1, which is too old for signing in through the browser (it needs Mattermost 9 or newer). Please use the other way below: copy the sign-in from your browser&apos;s developer tools.</source>
        <translation>Auf diesem Server läuft Mattermost %1. Das ist zu alt für die Anmeldung im Browser (dafür braucht es Mattermost 9 oder neuer). Bitte nutzen Sie den Weg unten: Kopieren Sie die Anmeldung aus den Entwicklertools Ihres Browsers.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your browser is open. Sign in with %1 there (if you are signed in already, one click is enough). When the page says &quot;You are now logged in&quot;, copy its address: the assistant notices it by itself. Or paste it below.</source>
        <translation>Ihr Browser ist geöffnet. Melden Sie sich dort mit %1 an (wenn Sie schon angemeldet sind, genügt ein Klick). Wenn die Seite „You are now logged in“ zeigt, kopieren Sie ihre Adresse: Der Assistent bemerkt das von selbst. Oder fügen Sie sie unten ein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your browser could not be opened by itself. Please copy this address, open your browser and paste it into its address bar. Sign in with %1 there. When the page says &quot;You are now logged in&quot;, copy its address: the assistant notices it by itself. Or paste it below.</source>
        <translation>Ihr Browser ließ sich nicht von selbst öffnen. Bitte kopieren Sie diese Adresse, öffnen Sie Ihren Browser und fügen Sie sie in seine Adresszeile ein. Melden Sie sich dort mit %1 an. Wenn die Seite „You are now logged in“ zeigt, kopieren Sie ihre Adresse: Der Assistent bemerkt das von selbst. Oder fügen Sie sie unten ein.</translation>
    </message>
</context>
<context>
    <name>ChatBars</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/export.py" line="+120"/>
        <source>Progress of a chat</source>
        <translation>Fortschritt eines Chats</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>and %n more chat(s) at the same time</source>
        <translation>
            <numerusform>und gleichzeitig %n weiterer Chat</numerusform>
            <numerusform>und gleichzeitig %n weitere Chats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatModel</name>
    <message>
        <location filename="../../app/mmexport/gui/chat_model.py" line="+96"/>
        <source>Direct messages</source>
        <translation>Direktnachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group messages</source>
        <translation>Gruppennachrichten</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 of %2 chats ticked; Space ticks or clears them all</source>
        <translation>%1 von %2 Chats ausgewählt; die Leertaste wählt alle aus oder ab</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 · already saved</source>
        <translation>%1 · schon gespeichert</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1, %2 messages, last activity: %3</source>
        <translation>%1, %2 Nachrichten, zuletzt aktiv: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>already saved</source>
        <translation>schon gespeichert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Public channel</source>
        <translation>Öffentlicher Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private channel</source>
        <translation>Privater Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct message</source>
        <translation>Direktnachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group message</source>
        <translation>Gruppennachricht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>today</source>
        <translation>heute</translation>
    </message>
</context>
<context>
    <name>ChatsPage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/chats.py" line="+61"/>
        <source>Choose the chats to save</source>
        <translation>Chats zum Speichern auswählen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the channels and conversations you want to keep. Click a team&apos;s box to tick all of its channels.</source>
        <translation>Kreuzen Sie die Kanäle und Unterhaltungen an, die Sie behalten möchten. Ein Klick auf das Kästchen eines Teams wählt alle seine Kanäle aus.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Find:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>a name or part of it</source>
        <translation>ein Name oder ein Teil davon</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shows only the chats whose name, or a member&apos;s name or username, contains this</source>
        <translation>Zeigt nur die Chats, deren Name oder der Name oder Benutzername eines Mitglieds dies enthält</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show &amp;archived channels</source>
        <translation>&amp;Archivierte Kanäle zeigen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrow keys move, Space ticks or clears a chat, or on a team all of its channels.</source>
        <translation>Mit den Pfeiltasten bewegen Sie sich; die Leertaste wählt einen Chat aus oder ab, bei einem Team alle seine Kanäle.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Select a&amp;ll</source>
        <translation>A&amp;lle auswählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;none</source>
        <translation>&amp;Keine auswählen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sign &amp;in again</source>
        <translation>Erneut an&amp;melden</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Checking that your sign-in still works…</source>
        <translation>Es wird geprüft, ob Ihre Anmeldung noch gilt…</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+19"/>
        <source>Loading the list of your chats…</source>
        <translation>Die Liste Ihrer Chats wird geladen…</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>{name} (you)</source>
        <translation>{name} (Sie)</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n chat(s) found so far…</source>
        <translation>
            <numerusform>%n Chat bisher gefunden…</numerusform>
            <numerusform>%n Chats bisher gefunden…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n chat(s) loaded; looking up the names of the people…</source>
        <translation>
            <numerusform>%n Chat geladen; die Namen der Personen werden nachgeschlagen…</numerusform>
            <numerusform>%n Chats geladen; die Namen der Personen werden nachgeschlagen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n chat(s) loaded; pictures: %1 of %2…</source>
        <translation>
            <numerusform>%n Chat geladen; Bilder: %1 von %2…</numerusform>
            <numerusform>%n Chats geladen; Bilder: %1 von %2…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Your sign-in has expired (or you signed out in the browser). Please sign in again on the previous page.</source>
        <translation>Ihre Anmeldung ist abgelaufen (oder Sie haben sich im Browser abgemeldet). Bitte melden Sie sich auf der vorigen Seite erneut an.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Nothing selected yet.</source>
        <translation>Noch nichts ausgewählt.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n chat(s) selected: about %1; counting the files…</source>
        <translation>
            <numerusform>%n Chat ausgewählt: etwa %1; die Dateien werden gezählt…</numerusform>
            <numerusform>%n Chats ausgewählt: etwa %1; die Dateien werden gezählt…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+3"/>
        <source>%n chat(s) selected: about %1.</source>
        <translation>
            <numerusform>%n Chat ausgewählt: etwa %1.</numerusform>
            <numerusform>%n Chats ausgewählt: etwa %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Convert</name>
    <message>
        <location filename="../../app/mmexport/exporting/convert/mattermost.py" line="+48"/>
        <source>automatic notices (joined, left, header changed …)</source>
        <translation>automatische Hinweise (beigetreten, verlassen, Kopfzeile geändert …)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mattermost writes these itself; imported they would point at people and settings of the old server</source>
        <translation>Mattermost schreibt diese selbst; importiert würden sie auf Personen und Einstellungen des alten Servers verweisen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>self-destructing messages</source>
        <translation>sich selbst löschende Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>their text was never shown to the exporter, so the archive has none</source>
        <translation>ihr Text wurde beim Export nie angezeigt, daher enthält das Archiv keinen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../app/mmexport/exporting/convert/slack.py" line="+50"/>
        <source>attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../app/mmexport/exporting/convert/slack.py" line="+1"/>
        <source>they are not in the archive (left out or failed during the export)</source>
        <translation>sie sind nicht im Archiv (beim Export ausgelassen oder fehlgeschlagen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reactions</source>
        <translation>Reaktionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the emoji name is longer than the importer allows</source>
        <translation>der Emoji-Name ist länger, als der Import erlaubt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>group messages</source>
        <translation>Gruppennachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mattermost imports group messages of 3 to 8 people only; moved over as private channels with the same members</source>
        <translation>Mattermost importiert Gruppennachrichten nur mit 3 bis 8 Personen; als private Kanäle mit denselben Mitgliedern übernommen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>attachment names</source>
        <translation>Namen von Anhängen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not usable safely inside the import file; the archive&apos;s safe file name was used instead</source>
        <translation>in der Importdatei nicht sicher verwendbar; stattdessen wurde der sichere Dateiname aus dem Archiv verwendet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>direct messages</source>
        <translation>Direktnachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the archive does not say who took part</source>
        <translation>das Archiv verzeichnet nicht, wer teilgenommen hat</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>usernames</source>
        <translation>Benutzernamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <location line="+58"/>
        <source>renamed to fit the importer&apos;s rules</source>
        <translation>umbenannt, damit sie den Regeln des Imports entsprechen</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>people</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not in the archive&apos;s user list; added as placeholder accounts named former-user-…</source>
        <translation>nicht in der Personenliste des Archivs; als Platzhalter-Konten namens former-user-… angelegt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>channel names</source>
        <translation>Kanalnamen</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>team names</source>
        <translation>Teamnamen</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+6"/>
        <source>custom emoji</source>
        <translation>eigene Emojis</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>their picture is not in the archive</source>
        <translation>ihr Bild ist nicht im Archiv</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the name does not fit the importer&apos;s rules</source>
        <translation>der Name entspricht nicht den Regeln des Imports</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>bot accounts</source>
        <translation>Bot-Konten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>imported as ordinary (deactivatable) user accounts</source>
        <translation>als gewöhnliche (deaktivierbare) Benutzerkonten importiert</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>e-mail addresses</source>
        <translation>E-Mail-Adressen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not in the archive; replaced by &lt;username&gt;@users.invalid</source>
        <translation>nicht im Archiv; ersetzt durch &lt;username&gt;@users.invalid (username = Benutzername)</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+17"/>
        <location filename="../../app/mmexport/exporting/convert/slack.py" line="+254"/>
        <source>replies</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location line="-16"/>
        <location filename="../../app/mmexport/exporting/convert/slack.py" line="+1"/>
        <source>their thread&apos;s first message is not in the archive; written as ordinary messages</source>
        <translation>die erste Nachricht ihres Threads ist nicht im Archiv; als gewöhnliche Nachrichten geschrieben</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>their thread&apos;s first message was left out; written as ordinary messages</source>
        <translation>die erste Nachricht ihres Threads wurde ausgelassen; als gewöhnliche Nachrichten geschrieben</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the author is unknown</source>
        <translation>die Verfasserin oder der Verfasser ist unbekannt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>long messages</source>
        <translation>lange Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>split into several messages (the importer takes 16383 characters)</source>
        <translation>in mehrere Nachrichten aufgeteilt (der Import nimmt höchstens 16383 Zeichen)</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/exporting/convert/source.py" line="+103"/>
        <source>messages deleted on the server</source>
        <translation>auf dem Server gelöschte Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>they were deleted before the export; only an empty shell is left</source>
        <translation>sie wurden vor dem Export gelöscht; nur eine leere Hülle ist übrig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>older versions of edited messages</source>
        <translation>ältere Fassungen bearbeiteter Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the edited message itself is carried over, not its history</source>
        <translation>die bearbeitete Nachricht selbst wird übernommen, nicht ihre Vorgeschichte</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <location filename="../../app/mmexport/gui/messages.py" line="+484"/>
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln Nachricht</numerusform>
            <numerusform>%Ln Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln Datei</numerusform>
            <numerusform>%Ln Dateien</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln chat(s)</source>
        <translation>
            <numerusform>%Ln Chat</numerusform>
            <numerusform>%Ln Chats</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/done.py" line="+81"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your archive is ready. Keep the folder somewhere safe, for example on a backup drive.</source>
        <translation>Ihr Archiv ist fertig. Bewahren Sie den Ordner sicher auf, zum Beispiel auf einer Sicherungsfestplatte.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Open the archive</source>
        <translation>Archiv ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;folder</source>
        <translation>&amp;Ordner zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export more chats</source>
        <translation>Weitere Chats &amp;exportieren</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>For another &amp;Mattermost server</source>
        <translation>Für einen anderen &amp;Mattermost-Server</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Makes an import file that the administrator of the new Mattermost server loads with its import tool. Channels, messages, threads, reactions and files arrive as they were.</source>
        <translation>Erstellt eine Importdatei, die die Verwaltung des neuen Mattermost-Servers mit dem Import-Werkzeug einliest. Kanäle, Nachrichten, Threads, Reaktionen und Dateien kommen so an, wie sie waren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In the &amp;Slack export format</source>
        <translation>Im &amp;Slack-Exportformat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Many chat systems (for example Rocket.Chat, Zulip, Mattermost) can read this format. Choose it when the new system is not Mattermost.</source>
        <translation>Viele Chat-Systeme (zum Beispiel Rocket.Chat, Zulip, Mattermost) können dieses Format lesen. Wählen Sie es, wenn das neue System nicht Mattermost ist.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Create the file…</source>
        <translation>&amp;Datei erstellen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+317"/>
        <source>Progress of creating the file</source>
        <translation>Fortschritt beim Erstellen der Datei</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>All your chats were saved.</source>
        <translation>Alle Ihre Chats wurden gespeichert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your chats were saved, but a few things could not be.</source>
        <translation>Ihre Chats wurden gespeichert, einiges aber nicht.</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>&amp;Prepare for moving to another system (optional)</source>
        <translation>Für den Umzug in ein anderes System &amp;vorbereiten (optional)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Before you archive or delete these channels on the server</source>
        <translation>Bevor Sie diese Kanäle auf dem Server archivieren oder löschen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Check the archive</source>
        <translation>Archiv &amp;prüfen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Commands for the server&apos;s administrator tool</source>
        <translation>Befehle für das Verwaltungswerkzeug des Servers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Co&amp;py the commands</source>
        <translation>Befehle &amp;kopieren</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>1. Check the archive: the button below reads every file again and compares it with the archive&apos;s list (the same as %1 on the command line). Then open a channel or two, and keep a copy of the folder, with a backup of the server&apos;s database and files.</source>
        <translation>1. Prüfen Sie das Archiv: Die Schaltfläche unten liest jede Datei noch einmal und vergleicht sie mit der Liste des Archivs (dasselbe wie %1 auf der Kommandozeile). Öffnen Sie danach ein, zwei Kanäle und bewahren Sie eine Kopie des Ordners auf, zusammen mit einer Sicherung der Datenbank und der Dateien des Servers.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>2. Then, with the server&apos;s administrator tool mmctl (this program never changes the server): archive first, which can be undone; delete only later, which cannot.</source>
        <translation>2. Danach mit dem Verwaltungswerkzeug mmctl des Servers (dieses Programm ändert am Server nichts): zuerst archivieren, das lässt sich rückgängig machen; erst später löschen, das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not saved completely, so do not delete: %1</source>
        <translation>Nicht vollständig gespeichert, daher nicht löschen: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The commands are copied.</source>
        <translation>Die Befehle sind kopiert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking every file of the archive…</source>
        <translation>Jede Datei des Archivs wird geprüft…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All good: every message and file matches the archive&apos;s list (%1).</source>
        <translation>Alles in Ordnung: Jede Nachricht und jede Datei stimmt mit der Liste des Archivs überein (%1).</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The check found %n difference(s). Do not delete anything on the server yet.</source>
        <translation>
            <numerusform>Die Prüfung hat %n Abweichung gefunden. Löschen Sie noch nichts auf dem Server.</numerusform>
            <numerusform>Die Prüfung hat %n Abweichungen gefunden. Löschen Sie noch nichts auf dem Server.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+51"/>
        <source>All the chosen channels were saved.</source>
        <translation>Alle gewählten Kanäle wurden gespeichert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chosen channels were saved, but a few things could not be.</source>
        <translation>Die gewählten Kanäle wurden gespeichert, einiges aber nicht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To read your chats, open the file index.html in that folder (the button below does it for you). It works without internet.</source>
        <translation>Um Ihre Chats zu lesen, öffnen Sie die Datei index.html in diesem Ordner (die Schaltfläche unten erledigt das für Sie). Das funktioniert auch ohne Internet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What could not be saved:</source>
        <translation>Was nicht gespeichert werden konnte:</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>and %n more (listed in manifest.json)</source>
        <translation>
            <numerusform>und %n weiterer Eintrag (aufgeführt in manifest.json)</numerusform>
            <numerusform>und %n weitere Einträge (aufgeführt in manifest.json)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The archive holds %1: %2.</source>
        <translation>Das Archiv enthält %1: %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Besides these, it holds %n join or leave notice(s), which the server&apos;s chat list does not count.</source>
        <translation>
            <numerusform>Außerdem enthält es %n Beitritts- oder Austrittshinweis, den die Chatliste des Servers nicht mitzählt.</numerusform>
            <numerusform>Außerdem enthält es %n Beitritts- oder Austrittshinweise, die die Chatliste des Servers nicht mitzählt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 in total.</source>
        <translation>Insgesamt %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n chat(s) were added in this run.</source>
        <translation>
            <numerusform>%n Chat wurde bei diesem Durchlauf hinzugefügt.</numerusform>
            <numerusform>%n Chats wurden bei diesem Durchlauf hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n chat(s) were brought up to date in this run.</source>
        <translation>
            <numerusform>%n Chat wurde bei diesem Durchlauf aktualisiert.</numerusform>
            <numerusform>%n Chats wurden bei diesem Durchlauf aktualisiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save the file as</source>
        <translation>Datei speichern unter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zip files (*.zip)</source>
        <translation>ZIP-Dateien (*.zip)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Creating the file…</source>
        <translation>Die Datei wird erstellt…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file is ready: %1</source>
        <translation>Die Datei ist fertig: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Left out, because the new system cannot take it:</source>
        <translation>Weggelassen, weil das neue System es nicht übernehmen kann:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was left out.</source>
        <translation>Nichts wurde weggelassen.</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../../app/mmexport/exporting/messages.py" line="+45"/>
        <source>{folder} is a file, not a folder.</source>
        <translation>{folder} ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder {folder} already holds other files. Please choose an empty or a new folder.</source>
        <translation>Im Ordner {folder} liegen bereits andere Dateien. Bitte wählen Sie einen leeren oder einen neuen Ordner.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This chat could not be opened: {reason}</source>
        <translation>Dieser Chat konnte nicht geöffnet werden: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Messages of “{name}” could not be saved: {reason}</source>
        <translation>Nachrichten aus „{name}“ konnten nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>“{name}” was left out: it is larger than the chosen limit.</source>
        <translation>„{name}“ wurde weggelassen: Die Datei ist größer als die gewählte Grenze.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The folder {folder} is not there any more: was the USB stick (the drive) pulled out? Nothing more was written. Plug it in again and start the export again: it continues where it stopped.</source>
        <translation>Den Ordner {folder} gibt es nicht mehr: Wurde der USB-Stick (das Laufwerk) herausgezogen? Es wurde nichts mehr geschrieben. Stecken Sie ihn wieder ein und starten Sie den Export noch einmal: Er macht dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Asking the server which chats you can read…</source>
        <translation>Der Server wird gefragt, welche Chats Sie lesen können…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking up the names of the people you write with…</source>
        <translation>Die Namen der Personen, mit denen Sie schreiben, werden nachgeschlagen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking what is already saved in the folder…</source>
        <translation>Es wird geprüft, was im Ordner schon gespeichert ist…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving the list of people and their pictures…</source>
        <translation>Die Liste der Personen und ihre Bilder werden gespeichert…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the pages you can open in your browser…</source>
        <translation>Die Seiten zum Lesen im Browser werden geschrieben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Still waiting for the server to answer {what} ({seconds} s so far)…</source>
        <translation>Warte noch auf die Antwort des Servers auf {what} (bisher {seconds} s)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not exported: this is a direct or group message between other people. A system administrator&apos;s sign-in can read it, but it belongs to the people in it; they can export it themselves.</source>
        <translation>Nicht exportiert: Dies ist eine Direkt- oder Gruppennachricht zwischen anderen Personen. Die Anmeldung eines Systemadministrators kann sie lesen, sie gehört aber den Beteiligten; diese können sie selbst exportieren.</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>“{name}” is no longer on the server.</source>
        <translation>„{name}“ ist nicht mehr auf dem Server.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>The folder {folder} holds an archive made by a newer version of this program. Please update the program, or choose another folder.</source>
        <translation>Der Ordner {folder} enthält ein Archiv, das eine neuere Version dieses Programms angelegt hat. Bitte aktualisieren Sie das Programm oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Many changes in “{name}” since the last export: reading the whole chat again so that every change is saved.</source>
        <translation>Viele Änderungen in „{name}“ seit dem letzten Export: Der ganze Chat wird noch einmal gelesen, damit jede Änderung gesichert wird.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server refused every request for {minutes} minutes: it asks for fewer requests, and another program may be using up its limit. What was saved so far stays; start the export again later and it continues where it stopped.</source>
        <translation>Der Server hat {minutes} Minuten lang jede Anfrage abgelehnt: Er bittet um weniger Anfragen, und vielleicht verbraucht ein anderes Programm sein Kontingent. Was bisher gesichert wurde, bleibt erhalten; starten Sie den Export später erneut, er macht dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>“{name}” may not be downloaded (the server refused it).</source>
        <translation>„{name}“ darf nicht heruntergeladen werden (der Server hat es abgelehnt).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{name}” could not be downloaded: {reason}</source>
        <translation>„{name}“ konnte nicht heruntergeladen werden: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The disk is full: nothing more fits into {folder}. Free some space and start the export again; it continues where it stopped and nothing saved so far is lost.</source>
        <translation>Der Datenträger ist voll: In {folder} passt nichts mehr. Schaffen Sie Platz und starten Sie den Export erneut; er macht dort weiter, wo er aufgehört hat, und nichts bereits Gespeichertes geht verloren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The program may not write into {folder}. Please choose another folder.</source>
        <translation>Das Programm darf nicht in {folder} schreiben. Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing into {folder} failed ({reason}). Start the export again to continue.</source>
        <translation>Das Schreiben in {folder} ist fehlgeschlagen ({reason}). Starten Sie den Export erneut, um fortzufahren.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Everything was saved.</source>
        <translation>Alles wurde gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The export finished, but not everything could be saved ({count} left out); the archive lists what.</source>
        <translation>Der Export ist fertig, aber nicht alles konnte gespeichert werden (Anzahl: {count}); das Archiv führt es auf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export was cancelled. Start it again to continue where it stopped.</source>
        <translation>Der Export wurde abgebrochen. Starten Sie ihn erneut, um dort weiterzumachen, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sign-in has expired. Sign in again to continue where the export stopped.</source>
        <translation>Die Anmeldung ist abgelaufen. Melden Sie sich erneut an, um dort weiterzumachen, wo der Export aufgehört hat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export stopped.</source>
        <translation>Der Export wurde angehalten.</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/archive/guard.py" line="+194"/>
        <source>Another export is writing into {folder} right now{owner}. Wait until it has finished, or choose another folder.</source>
        <translation>Gerade schreibt ein anderer Export in {folder}{owner}. Warten Sie, bis er fertig ist, oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>The folder {folder} contains a link to another place ({link}{more}). The program writes nothing through links, so that nothing lands outside the archive. Remove the link or choose another folder.</source>
        <translation>Der Ordner {folder} enthält eine Verknüpfung an einen anderen Ort ({link}{more}). Das Programm schreibt nichts durch Verknüpfungen, damit nichts außerhalb des Archivs landet. Entfernen Sie die Verknüpfung oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The program cannot write into {folder} ({reason}). Please choose another folder.</source>
        <translation>Das Programm kann nicht in {folder} schreiben ({reason}). Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no folder {parent}: is the USB stick (the drive) plugged in? The program creates the folder {name} there, but no folder above it.</source>
        <translation>Den Ordner {parent} gibt es nicht: Ist der USB-Stick (das Laufwerk) eingesteckt? Das Programm legt dort den Ordner {name} an, aber keinen Ordner darüber.</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/gui/pages/done.py" line="-413"/>
        <source>“{name}” in “{chat}” is no longer on the server.</source>
        <translation>„{name}“ in „{chat}“ ist nicht mehr auf dem Server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{name}” in “{chat}” may not be downloaded (the server refused it).</source>
        <translation>„{name}“ in „{chat}“ darf nicht heruntergeladen werden (der Server hat es abgelehnt).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{name}” in “{chat}” could not be downloaded: {reason}</source>
        <translation>„{name}“ in „{chat}“ konnte nicht heruntergeladen werden: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{name}” in “{chat}” was left out: it is larger than the chosen limit.</source>
        <translation>„{name}“ in „{chat}“ wurde weggelassen: Die Datei ist größer als die gewählte Grenze.</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/archive/owner.py" line="+129"/>
        <source>The folder {folder} holds the chats of another server ({their_server}); this export is from {our_server}. One folder keeps the chats of one server only: please choose another folder.</source>
        <translation>Der Ordner {folder} enthält die Chats eines anderen Servers ({their_server}); dieser Export kommt von {our_server}. Ein Ordner enthält die Chats nur eines Servers: Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder {folder} holds the chats of @{their_user}; you are signed in as @{our_user}. One folder keeps the chats of one person only: please choose another folder.</source>
        <translation>Der Ordner {folder} enthält die Chats von @{their_user}; Sie sind als @{our_user} angemeldet. Ein Ordner enthält die Chats nur einer Person: Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder {folder} holds a system administrator&apos;s export of every channel; your own chats are kept apart from it: please choose another folder.</source>
        <translation>Der Ordner {folder} enthält den Export aller Kanäle durch einen Systemadministrator; Ihre eigenen Chats werden davon getrennt aufbewahrt: Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder {folder} holds the own chats of @{their_user}; a system administrator&apos;s export of every channel is kept apart from them: please choose another folder.</source>
        <translation>Der Ordner {folder} enthält die eigenen Chats von @{their_user}; der Export aller Kanäle durch einen Systemadministrator wird davon getrennt aufbewahrt: Bitte wählen Sie einen anderen Ordner.</translation>
    </message>
</context>
<context>
    <name>ErrorReportDialog</name>
    <message>
        <location filename="../../app/mmexport/gui/dialogs.py" line="+207"/>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The program ran into a problem it did not expect. Your chats saved so far are safe, and an unfinished export can be continued. Please copy the report below and send it to whoever helps you with this program.</source>
        <translation>Im Programm ist ein unerwarteter Fehler aufgetreten. Ihre bisher gespeicherten Chats sind sicher, und ein unfertiger Export kann fortgesetzt werden. Bitte kopieren Sie den Bericht unten und schicken Sie ihn der Person, die Ihnen bei diesem Programm hilft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The log file is here: %1</source>
        <translation>Die Protokolldatei liegt hier: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>EveryChannel</name>
    <message>
        <location filename="../../app/mmexport/gui/every_channel_view.py" line="+152"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handle</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You a member?</source>
        <translation>Sie Mitglied?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>team:channel, the name the server&apos;s own tools take (mmctl channel archive team:channel). Two channels may look alike; their handles always differ.</source>
        <translation>team:kanal, der Name, den die Werkzeuge des Servers erwarten (mmctl channel archive team:kanal). Zwei Kanäle können gleich aussehen; ihre Kennungen unterscheiden sich immer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As the server counts them: messages and replies, deleted ones included, join and leave notices not. The archive&apos;s start page counts the same way and lists the notices apart.</source>
        <translation>So, wie der Server sie zählt: Nachrichten und Antworten, gelöschte mitgezählt, Beitritts- und Austrittshinweise nicht. Die Startseite des Archivs zählt ebenso und führt die Hinweise getrennt auf.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In this computer&apos;s time zone (%1).</source>
        <translation>In der Zeitzone dieses Computers (%1).</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>public</source>
        <translation>öffentlich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>private</source>
        <translation>privat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, archived</source>
        <translation>%1, archiviert</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Stalest first (click a column&apos;s header to sort by it). Tick the channels to keep in an archive. The program only reads: archive or delete channels afterwards with the server&apos;s own tools, by their handle (team:channel). Times are in this computer&apos;s time zone (%1).</source>
        <translation>Am längsten unbenutzte zuerst (ein Klick auf eine Spaltenüberschrift sortiert danach). Kreuzen Sie die Kanäle an, die in ein Archiv sollen. Das Programm liest nur: Archivieren oder löschen Sie Kanäle danach mit den Werkzeugen des Servers, über ihre Kennung (team:kanal). Zeiten in der Zeitzone dieses Computers (%1).</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Show every channel of the &amp;team</source>
        <translation>Alle Kanäle des &amp;Teams anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For system administrators: every public, private and archived channel of a team, also the ones you are not a member of, stalest first.</source>
        <translation>Für Systemadministratoren: jeder öffentliche, private und archivierte Kanal eines Teams, auch die, in denen Sie nicht Mitglied sind, die am längsten ruhenden zuerst.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only a system administrator of the server can list every channel of a team; this sign-in shows the chats you belong to.</source>
        <translation>Alle Kanäle eines Teams kann nur eine Systemadministratorin oder ein Systemadministrator des Servers auflisten; mit dieser Anmeldung sehen Sie die Chats, in denen Sie Mitglied sind.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>T&amp;eam:</source>
        <translation>T&amp;eam:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whose channels the list shows</source>
        <translation>Von welchem Team die Liste die Kanäle zeigt</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Every channel of the team</source>
        <translation>Alle Kanäle des Teams</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Space ticks or clears the channel in the current row.</source>
        <translation>Die Leertaste wählt den Kanal in der aktuellen Zeile aus oder ab.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Every channel of the team, also the ones you are not a member of. Tick the channels to keep in an archive before they are archived or deleted on the server.</source>
        <translation>Alle Kanäle des Teams, auch die, in denen Sie nicht Mitglied sind. Kreuzen Sie die Kanäle an, die in ein Archiv sollen, bevor sie auf dem Server archiviert oder gelöscht werden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loading the teams…</source>
        <translation>Die Teams werden geladen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Counting the members of every channel…</source>
        <translation>Die Mitglieder aller Kanäle werden gezählt…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The server says this sign-in is not a system administrator&apos;s. Only a system administrator can list every channel of a team.</source>
        <translation>Laut Server gehört diese Anmeldung keinem Systemadministrator. Nur ein Systemadministrator kann alle Kanäle eines Teams auflisten.</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/export.py" line="+57"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saving your chats</source>
        <translation>Ihre Chats werden gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You can keep working meanwhile. Closing the window stops the export; you can continue it later.</source>
        <translation>Sie können währenddessen weiterarbeiten. Wenn Sie das Fenster schließen, wird der Export angehalten; Sie können ihn später fortsetzen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>All chats:</source>
        <translation>Alle Chats:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Progress of all chats</source>
        <translation>Fortschritt aller Chats</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+50"/>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>What is happening:</source>
        <translation>Was gerade geschieht:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What is happening</source>
        <translation>Was gerade geschieht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The latest steps of the export, newest last</source>
        <translation>Die letzten Schritte des Exports, der neueste zuletzt</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+195"/>
        <location line="+237"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <location line="-430"/>
        <source>&amp;Stop export</source>
        <translation>Export &amp;beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Continue the export</source>
        <translation>Export &amp;fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign &amp;in again…</source>
        <translation>Erneut &amp;anmelden…</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Stop the export now? What was saved so far stays in the folder, and you can continue later without fetching anything twice.</source>
        <translation>Den Export jetzt beenden? Was bisher gespeichert wurde, bleibt im Ordner, und Sie können später weitermachen, ohne dass etwas doppelt geholt wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the export?</source>
        <translation>Export beenden?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stopping…</source>
        <translation>Wird beendet…</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Your sign-in has expired. Sign in again and the export continues where it stopped.</source>
        <translation>Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an, dann macht der Export dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The export was stopped. What was saved so far is in the folder. You can continue now or the next time you open this program.</source>
        <translation>Der Export wurde beendet. Was bisher gespeichert wurde, liegt im Ordner. Sie können jetzt weitermachen oder beim nächsten Öffnen dieses Programms.</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>Bringing %n chat(s) saved before up to date.</source>
        <translation>
            <numerusform>%n früher gespeicherter Chat wird aktualisiert.</numerusform>
            <numerusform>%n früher gespeicherte Chats werden aktualisiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n more chat(s) to save.</source>
        <translation>
            <numerusform>%n weiterer Chat wird gespeichert.</numerusform>
            <numerusform>%n weitere Chats werden gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Saved %1: %2.</source>
        <translation>%1 gespeichert: %2.</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+58"/>
        <source>Speed: measuring…</source>
        <translation>Tempo: wird gemessen…</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Almost done</source>
        <translation>Gleich fertig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time left: %1</source>
        <translation>Restzeit: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Preparing: %1</source>
        <translation>Vorbereitung: %1</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>The export stopped.</source>
        <translation>Der Export wurde angehalten.</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>Saving now:</source>
        <translation>Wird gerade gespeichert:</translation>
    </message>
    <message>
        <location line="+312"/>
        <source>Signed in again. Continuing where the export stopped.</source>
        <translation>Wieder angemeldet. Der Export macht dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Continuing an earlier export in this folder.</source>
        <translation>Ein früherer Export in diesem Ordner wird fortgesetzt.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+6"/>
        <source>%n chat(s) to save.</source>
        <translation>
            <numerusform>%n Chat wird gespeichert.</numerusform>
            <numerusform>%n Chats werden gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Chats brought up to date: %1 of %2 · New messages: %3 · New files: %5 (%7)</source>
        <translation>Aktualisierte Chats: %1 von %2 · Neue Nachrichten: %3 · Neue Dateien: %5 (%7)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chats: %1 of %2 · Messages: %3 of about %4 · Files: %5 of %6 (%7)</source>
        <translation>Chats: %1 von %2 · Nachrichten: %3 von etwa %4 · Dateien: %5 von %6 (%7)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chats: %1 of %2 · Messages: %3 of about %4 · Files: %5 so far (%7)</source>
        <translation>Chats: %1 von %2 · Nachrichten: %3 von etwa %4 · Dateien: bisher %5 (%7)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 messages/s</source>
        <translation>%1 Nachrichten/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Speed: %1</source>
        <translation>Tempo: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused.</source>
        <translation>Pausiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paused. Press “Resume” to go on.</source>
        <translation>Angehalten. Mit „Fortsetzen“ geht es weiter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server asks us to slow down – it goes on in a moment.</source>
        <translation>Der Server bittet uns, langsamer zu machen – es geht gleich weiter.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Next request in %n second(s).</source>
        <translation>
            <numerusform>Nächste Anfrage in %n Sekunde.</numerusform>
            <numerusform>Nächste Anfrage in %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server has refused every request for %1 – another program may be using up its limit. The export waits and goes on by itself.</source>
        <translation>Der Server lehnt seit %1 jede Anfrage ab – vielleicht verbraucht ein anderes Programm sein Kontingent. Der Export wartet und geht von selbst weiter.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>The connection to the server is interrupted or the server is busy. Trying again in %n second(s)…</source>
        <translation>
            <numerusform>Die Verbindung zum Server ist unterbrochen oder der Server ist ausgelastet. Neuer Versuch in %n Sekunde…</numerusform>
            <numerusform>Die Verbindung zum Server ist unterbrochen oder der Server ist ausgelastet. Neuer Versuch in %n Sekunden…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <location filename="../../app/mmexport/gui/wizard.py" line="+61"/>
        <location line="+1"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The export is still running. Stop it now? What was saved so far stays in the folder, and you can continue the export the next time you open this program.</source>
        <translation>Der Export läuft noch. Jetzt beenden? Was bisher gespeichert wurde, bleibt im Ordner, und Sie können den Export beim nächsten Öffnen dieses Programms fortsetzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the export?</source>
        <translation>Export beenden?</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <location filename="../../app/mmexport/exporting/formats/csv.py" line="+35"/>
        <source>Also as spreadsheet files (.&amp;csv)</source>
        <translation>Zusätzlich als Tabellendateien (.&amp;csv)</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/exporting/formats/html.py" line="+42"/>
        <source>The readable web pages (index.html)</source>
        <translation>Die lesbaren Webseiten (index.html)</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/exporting/formats/jsonl.py" line="+11"/>
        <source>The complete data (JSON)</source>
        <translation>Die vollständigen Daten (JSON)</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/exporting/formats/pdf.py" line="+37"/>
        <source>Also as &amp;PDF/A for the records</source>
        <translation>Zusätzlich als &amp;PDF/A für die Akte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One document per chat (messages.pdf) that can be filed: every message, pictures, and each file with its checksum.</source>
        <translation>Ein Dokument je Chat (messages.pdf), das sich zu den Akten legen lässt: alle Nachrichten, Bilder und jede Datei mit ihrer Prüfsumme.</translation>
    </message>
    <message>
        <location filename="../../app/mmexport/exporting/formats/txt.py" line="+35"/>
        <source>Also as plain &amp;text files (.txt)</source>
        <translation>Zusätzlich als einfache &amp;Textdateien (.txt)</translation>
    </message>
</context>
<context>
    <name>NewTokenDialog</name>
    <message>
        <location filename="../../app/mmexport/gui/dialogs.py" line="-179"/>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Copy from your browser</source>
        <translation>Aus dem Browser kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Stop, keep what was saved</source>
        <translation>&amp;Beenden, Gespeichertes behalten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open Mattermost in your browser and sign in if asked. Then copy the value of the cookie &lt;b&gt;MMAUTHTOKEN&lt;/b&gt; from the developer tools (or a request as cURL, or an access token) and paste it here.</source>
        <translation>Öffnen Sie Mattermost in Ihrem Browser und melden Sie sich bei Bedarf an. Kopieren Sie dann den Wert des Cookies &lt;b&gt;MMAUTHTOKEN&lt;/b&gt; aus den Entwicklertools (oder eine Anfrage als cURL oder ein Zugriffstoken) und fügen Sie ihn hier ein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Paste here:</source>
        <translation>Hier &amp;einfügen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MMAUTHTOKEN value, cookie or &quot;Copy as cURL&quot; text</source>
        <translation>Wert von MMAUTHTOKEN, Cookie oder Text aus „Als cURL kopieren“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste here</source>
        <translation>Hier einfügen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sign in in the browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>&amp;Continue the export</source>
        <translation>Export &amp;fortsetzen</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>&lt;b&gt;Your sign-in has expired.&lt;/b&gt;&lt;br&gt;This happens when the server ends sessions after a while or when you signed out in the browser. Please sign in again below. The export then continues where it stopped.</source>
        <translation>&lt;b&gt;Ihre Anmeldung ist abgelaufen.&lt;/b&gt;&lt;br&gt;Das passiert, wenn der Server Sitzungen nach einer Weile beendet oder wenn Sie sich im Browser abgemeldet haben. Bitte melden Sie sich unten erneut an. Der Export macht dann dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Please enter your user name (or e-mail) and password.</source>
        <translation>Bitte geben Sie Ihren Benutzernamen (oder Ihre E-Mail-Adresse) und Ihr Passwort ein.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Click the button to sign in in your browser first. Then copy the address of the last page; the export continues by itself.</source>
        <translation>Klicken Sie zuerst auf die Schaltfläche, um sich in Ihrem Browser anzumelden. Kopieren Sie dann die Adresse der letzten Seite; der Export macht von selbst weiter.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
</context>
<context>
    <name>OpenByHand</name>
    <message>
        <location filename="../../app/mmexport/gui/open_by_hand.py" line="+26"/>
        <source>Your computer could not open this by itself. Copy where it is, and open it in your web browser (paste it into the address bar) or in your file manager:</source>
        <translation>Ihr Computer konnte das nicht von selbst öffnen. Kopieren Sie, wo es liegt, und öffnen Sie es in Ihrem Webbrowser (in die Adressleiste einfügen) oder in Ihrem Dateimanager:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Where the file is</source>
        <translation>Wo die Datei liegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/options.py" line="+62"/>
        <source>Where and how to save</source>
        <translation>Wo und wie speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The defaults suit most people. The chats are always saved completely in a form other programs can read, too.</source>
        <translation>Die Voreinstellungen passen für die meisten. Die Chats werden immer vollständig gespeichert, in einer Form, die auch andere Programme lesen können.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Start export</source>
        <translation>Export &amp;starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Choose…</source>
        <translation>A&amp;uswählen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save &amp;into:</source>
        <translation>Speichern &amp;in:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save into</source>
        <translation>Speichern in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The folder the archive is written to</source>
        <translation>Der Ordner, in den das Archiv geschrieben wird</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use a &amp;new folder</source>
        <translation>&amp;Neuen Ordner verwenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What to save</source>
        <translation>Was gespeichert wird</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attached &amp;files and pictures</source>
        <translation>Angehängte &amp;Dateien und Bilder</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Skip files larger than</source>
        <translation>Dateien &amp;weglassen, die größer sind als</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Size limit in megabytes</source>
        <translation>Größengrenze in Megabyte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The readable web page (index.html) and the complete data (JSON) are always included.</source>
        <translation>Die lesbare Webseite (index.html) und die vollständigen Daten (JSON) sind immer dabei.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time span</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only messages &amp;from</source>
        <translation>Nur Nachrichten &amp;vom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;until</source>
        <translation>&amp;bis zum</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Only messages from this day on</source>
        <translation>Nur Nachrichten ab diesem Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Only messages until this day</source>
        <translation>Nur Nachrichten bis zu diesem Tag</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Choose a folder for the export</source>
        <translation>Ordner für den Export wählen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This folder does not exist: is the USB stick (the drive) plugged in?</source>
        <translation>Diesen Ordner gibt es nicht: ist der USB-Stick (das Laufwerk) eingesteckt?</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+63"/>
        <source>Please choose a folder.</source>
        <translation>Bitte wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>You may not save into %1. Please choose a folder of your own, for example in Documents.</source>
        <translation>In %1 dürfen Sie nicht speichern. Bitte wählen Sie einen eigenen Ordner, zum Beispiel unter Dokumente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>That folder already holds other files, so the export goes into a new folder inside it: %1</source>
        <translation>In diesem Ordner liegen bereits andere Dateien, deshalb kommt der Export in einen neuen Ordner darin: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This folder holds an earlier export. It will be brought up to date; nothing is fetched twice.</source>
        <translation>Dieser Ordner enthält einen früheren Export. Er wird auf den neuesten Stand gebracht; nichts wird doppelt geholt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>About %1 needed, %2 free.</source>
        <translation>Etwa %1 nötig, %2 frei.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There may not be enough space. Choose another drive, leave out files or set a size limit.</source>
        <translation>Der Platz reicht möglicherweise nicht. Wählen Sie ein anderes Laufwerk, lassen Sie Dateien weg oder setzen Sie eine Größengrenze.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The start date is after the end date.</source>
        <translation>Das Anfangsdatum liegt nach dem Enddatum.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>There may not be enough free space for this export. Start it anyway?</source>
        <translation>Für diesen Export ist möglicherweise nicht genug Platz frei. Trotzdem starten?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Little free space</source>
        <translation>Wenig freier Platz</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <location filename="../../app/mmexport/gui/password_form.py" line="+25"/>
        <location line="+8"/>
        <source>six digits from your authenticator app</source>
        <translation>sechs Ziffern aus Ihrer Authentifizierungs-App</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;E-mail or user name:</source>
        <translation>&amp;E-Mail oder Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail or user name</source>
        <translation>E-Mail oder Benutzername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/server.py" line="+33"/>
        <source>Which Mattermost server?</source>
        <translation>Welcher Mattermost-Server?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the address from your browser&apos;s address bar while Mattermost is open. It does not matter which of its pages is open.</source>
        <translation>Kopieren Sie die Adresse aus der Adresszeile Ihres Browsers, während Mattermost geöffnet ist. Welche Seite von Mattermost gerade offen ist, spielt keine Rolle.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Server &amp;address:</source>
        <translation>Server-&amp;Adresse:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for example chat.example.org</source>
        <translation>zum Beispiel chat.example.org</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server address</source>
        <translation>Server-Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address of your Mattermost server; it is checked as soon as you stop typing.</source>
        <translation>Die Adresse Ihres Mattermost-Servers; sie wird geprüft, sobald Sie aufhören zu tippen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Checking %1 …</source>
        <translation>%1 wird geprüft …</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Found %1, Mattermost version %2.</source>
        <translation>%1 gefunden, Mattermost-Version %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Found %1.</source>
        <translation>%1 gefunden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Use %1</source>
        <translation>%1 &amp;verwenden</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The address %1 and your sign-in were taken from what you pasted.</source>
        <translation>Die Adresse %1 und Ihre Anmeldung wurden aus dem Eingefügten übernommen.</translation>
    </message>
</context>
<context>
    <name>SigninGuide</name>
    <message>
        <location filename="../../app/mmexport/gui/signin_guide.py" line="+29"/>
        <source>Chrome / Edge</source>
        <translation>Chrome / Edge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1. Open Mattermost in Chrome or Edge and make sure you are signed in.</source>
        <translation>1. Öffnen Sie Mattermost in Chrome oder Edge und achten Sie darauf, dass Sie angemeldet sind.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2. Press F12 (on a Mac: Cmd+Option+I). The developer tools open. Click the tab &quot;Application&quot; at the top (if you do not see it, click »).</source>
        <translation>2. Drücken Sie F12 (auf dem Mac: Cmd+Option+I). Die Entwicklertools öffnen sich. Klicken Sie oben auf den Reiter „Anwendung“ (englisch „Application“; wenn Sie ihn nicht sehen, klicken Sie auf »).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>3. On the left, under &quot;Storage&quot;, open &quot;Cookies&quot; and click your server&apos;s address. Click the row MMAUTHTOKEN, then double-click its value, press Ctrl+C (Mac: Cmd+C) and paste it below.</source>
        <translation>3. Öffnen Sie links unter „Speicher“ („Storage“) den Eintrag „Cookies“ und klicken Sie auf die Adresse Ihres Servers. Klicken Sie auf die Zeile MMAUTHTOKEN, doppelklicken Sie dann auf ihren Wert, drücken Sie Strg+C (Mac: Cmd+C) und fügen Sie ihn unten ein.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Another way: click the tab &quot;Network&quot;, reload the page, right-click any request whose name starts with an API path, and choose Copy → &quot;Copy as cURL (bash)&quot;. Paste the whole text below: it holds both the address and the sign-in.</source>
        <translation>Ein anderer Weg: Klicken Sie auf den Reiter „Netzwerk“ („Network“), laden Sie die Seite neu, klicken Sie mit der rechten Maustaste auf eine Anfrage, deren Name mit einem API-Pfad beginnt, und wählen Sie Kopieren → „Als cURL kopieren (bash)“. Fügen Sie den ganzen Text unten ein: Er enthält die Adresse und die Anmeldung.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Firefox</source>
        <translation>Firefox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1. Open Mattermost in Firefox and make sure you are signed in.</source>
        <translation>1. Öffnen Sie Mattermost in Firefox und achten Sie darauf, dass Sie angemeldet sind.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2. Press F12 (on a Mac: Cmd+Option+I). Click the tab &quot;Storage&quot; at the top (in German: &quot;Web-Speicher&quot;). Firefox shows cookies there, not under Network.</source>
        <translation>2. Drücken Sie F12 (auf dem Mac: Cmd+Option+I). Klicken Sie oben auf den Reiter „Web-Speicher“ (englisch „Storage“). Firefox zeigt Cookies dort, nicht unter „Netzwerkanalyse“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>3. On the left, open &quot;Cookies&quot; and click your server&apos;s address. Double-click the value in the row MMAUTHTOKEN, press Ctrl+C (Mac: Cmd+C) and paste it below.</source>
        <translation>3. Öffnen Sie links „Cookies“ und klicken Sie auf die Adresse Ihres Servers. Doppelklicken Sie auf den Wert in der Zeile MMAUTHTOKEN, drücken Sie Strg+C (Mac: Cmd+C) und fügen Sie ihn unten ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Another way: click the tab &quot;Network&quot;, reload the page, right-click a request and choose Copy Value → &quot;Copy as cURL&quot;. Paste the whole text below.</source>
        <translation>Ein anderer Weg: Klicken Sie auf den Reiter „Netzwerkanalyse“ („Network“), laden Sie die Seite neu, klicken Sie mit der rechten Maustaste auf eine Anfrage und wählen Sie Wert kopieren → „Als cURL kopieren“. Fügen Sie den ganzen Text unten ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Safari</source>
        <translation>Safari</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1. In Safari, open Settings → Advanced and tick &quot;Show features for web developers&quot; (on older versions: &quot;Show Develop menu in menu bar&quot;).</source>
        <translation>1. Öffnen Sie in Safari Einstellungen → Erweitert und kreuzen Sie „Funktionen für Webentwickler anzeigen“ an (in älteren Versionen: „Menü ‚Entwickler‘ in der Menüleiste anzeigen“).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>2. Open Mattermost and make sure you are signed in. Choose Develop → &quot;Show Web Inspector&quot; (Cmd+Option+I).</source>
        <translation>2. Öffnen Sie Mattermost und achten Sie darauf, dass Sie angemeldet sind. Wählen Sie Entwickler → „Webinformationen einblenden“ (Cmd+Option+I).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>3. Click the tab &quot;Storage&quot;, then &quot;Cookies&quot; on the left. Double-click the value in the row MMAUTHTOKEN, press Cmd+C and paste it below.</source>
        <translation>3. Klicken Sie auf den Reiter „Speicher“ („Storage“), dann links auf „Cookies“. Doppelklicken Sie auf den Wert in der Zeile MMAUTHTOKEN, drücken Sie Cmd+C und fügen Sie ihn unten ein.</translation>
    </message>
</context>
<context>
    <name>SigninPage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/signin.py" line="+96"/>
        <source>Sign in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The assistant reads your chats with your own sign-in. It never changes anything and never signs you out of your browser.</source>
        <translation>Der Assistent liest Ihre Chats mit Ihrer eigenen Anmeldung. Er ändert nie etwas und meldet Sie nie in Ihrem Browser ab.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Other ways to sign in (copy from the developer tools, password, access token)</source>
        <translation>Andere Wege zur Anmeldung (aus den Entwicklertools kopieren, Passwort, Zugriffstoken)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copy from your browser</source>
        <translation>Aus dem Browser kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+180"/>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>&amp;Remember on this computer (kept in the system&apos;s password store)</source>
        <translation>Auf diesem Computer &amp;merken (im Passwortspeicher des Systems)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keeps your sign-in in the system&apos;s password store, so that you are signed in at once next time.</source>
        <translation>Bewahrt Ihre Anmeldung im Passwortspeicher des Systems auf, damit Sie beim nächsten Mal gleich angemeldet sind.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Your browser already holds your sign-in as a cookie called &lt;b&gt;MMAUTHTOKEN&lt;/b&gt;. Copy its value (or a whole request as cURL) and paste it into the box at the bottom. Pick your browser:</source>
        <translation>Ihr Browser hat Ihre Anmeldung bereits als Cookie namens &lt;b&gt;MMAUTHTOKEN&lt;/b&gt; gespeichert. Kopieren Sie seinen Wert (oder eine ganze Anfrage als cURL) und fügen Sie ihn unten in das Feld ein. Wählen Sie Ihren Browser:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Use it</source>
        <translation>&amp;Verwenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Paste here:</source>
        <translation>Hier &amp;einfügen:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>MMAUTHTOKEN value, cookie or &quot;Copy as cURL&quot; text</source>
        <translation>Wert von MMAUTHTOKEN, Cookie oder Text aus „Als cURL kopieren“</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Paste here</source>
        <translation>Hier einfügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The MMAUTHTOKEN value, the cookie or the &quot;Copy as cURL&quot; text from your browser.</source>
        <translation>Der Wert von MMAUTHTOKEN, das Cookie oder der Text aus „Als cURL kopieren“ aus Ihrem Browser.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;how</source>
        <translation>Anzei&amp;gen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show what was pasted</source>
        <translation>Eingefügtes anzeigen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Practice (optional, demo only)</source>
        <translation>Übung (freiwillig, nur in der Demo)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In the demo you were signed in by itself. On your own server you copy your sign-in from the browser and paste it here. You can practise that now, with the demo&apos;s sign-in.</source>
        <translation>In der Demo wurden Sie von selbst angemeldet. Bei Ihrem eigenen Server kopieren Sie Ihre Anmeldung aus dem Browser und fügen sie hier ein. Das können Sie jetzt mit der Anmeldung der Demo üben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The demo&apos;s sign-in:</source>
        <translation>Anmeldung der Demo:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The demo&apos;s sign-in, to copy</source>
        <translation>Anmeldung der Demo, zum Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;opy</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Copy the demo&apos;s sign-in below (click &quot;Copy&quot;, or select it and press Ctrl+C), then click into &quot;Paste here&quot; above and press Ctrl+V. On your own server you copy it from the browser instead.</source>
        <translation>Kopieren Sie die Anmeldung der Demo unten (klicken Sie auf „Kopieren“ oder markieren Sie sie und drücken Sie Strg+C). Klicken Sie dann oben in „Hier einfügen“ und drücken Sie Strg+V. Bei Ihrem eigenen Server kopieren Sie sie stattdessen aus dem Browser.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Only if you sign in to Mattermost itself with a password. If you sign in through GitLab or your organisation&apos;s login page, use &quot;Copy from your browser&quot; instead.</source>
        <translation>Nur wenn Sie sich bei Mattermost selbst mit einem Passwort anmelden. Wenn Sie sich über GitLab oder die Anmeldeseite Ihrer Einrichtung anmelden, verwenden Sie stattdessen „Aus dem Browser kopieren“.</translation>
    </message>
    <message>
        <location line="+277"/>
        <source>Your sign-in has expired (or you signed out in the browser). Please sign in again.</source>
        <translation>Ihre Anmeldung ist abgelaufen (oder Sie haben sich im Browser abgemeldet). Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Prac&amp;tise pasting the sign-in</source>
        <translation>Einfügen der Anmeldung &amp;üben</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>A personal access token is made in Mattermost under Profile → Security → Personal Access Tokens. Many servers have switched this off; then use &quot;Copy from your browser&quot;.</source>
        <translation>Ein persönliches Zugriffstoken erstellen Sie in Mattermost unter Profil → Sicherheit → Persönliche Zugriffstoken. Viele Server haben das abgeschaltet; verwenden Sie dann „Aus dem Browser kopieren“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;in with this token</source>
        <translation>Mit diesem Token &amp;anmelden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Continue the export</source>
        <translation>Export &amp;fortsetzen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checking that your sign-in still works…</source>
        <translation>Es wird geprüft, ob Ihre Anmeldung noch gilt…</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>What you pasted is a sign-in for %1, but on the previous page you chose %2. Switch to %1 and sign in there?</source>
        <translation>Das Eingefügte ist eine Anmeldung für %1, auf der vorigen Seite haben Sie aber %2 gewählt. Zu %1 wechseln und dort anmelden?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another server?</source>
        <translation>Anderer Server?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not switched: the sign-in you pasted is for %1. Copy a request from %2 in your browser instead.</source>
        <translation>Nicht gewechselt: Die eingefügte Anmeldung gilt für %1. Kopieren Sie stattdessen im Browser eine Anfrage an %2.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Your clipboard holds a copied request (cURL) with a sign-in.</source>
        <translation>In Ihrer Zwischenablage liegt eine kopierte Anfrage (cURL) mit einer Anmeldung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your clipboard holds a Mattermost sign-in cookie.</source>
        <translation>In Ihrer Zwischenablage liegt ein Anmelde-Cookie von Mattermost.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your clipboard holds something that looks like a sign-in token.</source>
        <translation>In Ihrer Zwischenablage liegt etwas, das wie ein Anmeldetoken aussieht.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Please enter your user name (or e-mail) and password.</source>
        <translation>Bitte geben Sie Ihren Benutzernamen (oder Ihre E-Mail-Adresse) und Ihr Passwort ein.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Well done: that was the step. On your own server it works the same way, only that you copy the sign-in from your browser.</source>
        <translation>Gut gemacht, das war der Schritt. Bei Ihrem eigenen Server geht es genauso, nur dass Sie die Anmeldung aus Ihrem Browser kopieren.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The sign-in saved on this computer is no longer valid. Please sign in again.</source>
        <translation>Die auf diesem Computer gespeicherte Anmeldung gilt nicht mehr. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in as %1 (@%2) on %3.</source>
        <translation>Angemeldet als %1 (@%2) auf %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You are a system administrator of this server.</source>
        <translation>Sie sind Systemadministrator/in dieses Servers.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This computer has no password store the program can use, so the sign-in is kept for this session only. You will be asked again next time.</source>
        <translation>Dieser Computer hat keinen Passwortspeicher, den das Programm nutzen kann. Die Anmeldung gilt deshalb nur für diese Sitzung; beim nächsten Mal werden Sie erneut gefragt.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Saved in this computer&apos;s password store. Next time you will be signed in at once.</source>
        <translation>Im Passwortspeicher dieses Computers gespeichert. Beim nächsten Mal sind Sie gleich angemeldet.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../app/mmexport/gui/pages/welcome.py" line="+51"/>
        <source>Save your Mattermost chats</source>
        <translation>Ihre Mattermost-Chats sichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This assistant copies your chats into a folder on this computer that you can open and read later, even when the Mattermost server is gone.</source>
        <translation>Dieser Assistent kopiert Ihre Chats in einen Ordner auf diesem Computer, den Sie später öffnen und lesen können, auch wenn es den Mattermost-Server nicht mehr gibt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;p&gt;&lt;b&gt;What you need&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;The web browser in which you are signed in to Mattermost.&lt;/li&gt;&lt;li&gt;A few minutes. Large chats with many files can take longer; you can pause, and you can stop and continue another day.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;What you get&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;A folder with your chats: open &lt;i&gt;index.html&lt;/i&gt; in it to read them in your browser, with pictures and attached files, without internet.&lt;/li&gt;&lt;li&gt;Nothing is changed or deleted on the server.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Was Sie brauchen&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Den Webbrowser, in dem Sie bei Mattermost angemeldet sind.&lt;/li&gt;&lt;li&gt;Ein paar Minuten. Große Chats mit vielen Dateien können länger dauern; Sie können pausieren, abbrechen und an einem anderen Tag weitermachen.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;&lt;b&gt;Was Sie bekommen&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Einen Ordner mit Ihren Chats: Öffnen Sie darin &lt;i&gt;index.html&lt;/i&gt;, um sie in Ihrem Browser zu lesen, mit Bildern und angehängten Dateien, ohne Internet.&lt;/li&gt;&lt;li&gt;Auf dem Server wird nichts geändert oder gelöscht.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Continue that export</source>
        <translation>Diesen Export fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a new export instead</source>
        <translation>Stattdessen neu exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read what was saved</source>
        <translation>Gespeichertes ansehen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not sure yet? Try everything first with a made-up Mattermost server that runs inside this program.</source>
        <translation>Noch unsicher? Probieren Sie zuerst alles mit einem erfundenen Mattermost-Server aus, der in diesem Programm läuft.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Try it with the demo server</source>
        <translation>Mit dem Demo-Server ausprobieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of this program and of the archive it writes.</source>
        <translation>Die Sprache dieses Programms und des Archivs, das es schreibt.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Settings and the log cannot be saved on this computer (%1 cannot be written). Exporting works as usual; the program will not remember your choices for next time.</source>
        <translation>Einstellungen und Protokoll können auf diesem Computer nicht gespeichert werden (%1 ist nicht beschreibbar). Der Export funktioniert wie gewohnt; das Programm merkt sich Ihre Auswahl aber nicht für das nächste Mal.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;An export was not finished.&lt;/b&gt;&lt;br&gt;It was saving chats from %1 into the folder %2. You can continue where it stopped; nothing is fetched twice.</source>
        <translation>&lt;b&gt;Ein Export wurde nicht beendet.&lt;/b&gt;&lt;br&gt;Er hat Chats von %1 in den Ordner %2 gespeichert. Sie können dort weitermachen, wo er aufgehört hat; nichts wird doppelt geholt.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Starting the demo server…</source>
        <translation>Der Demo-Server wird gestartet…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The demo server is running. Its address and a sign-in are filled in for you on the next pages.</source>
        <translation>Der Demo-Server läuft. Seine Adresse und eine Anmeldung werden auf den nächsten Seiten für Sie eingetragen.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../app/mmexport/gui/messages.py" line="-125"/>
        <source>This sign-in belongs to another person.</source>
        <translation>Diese Anmeldung gehört einer anderen Person.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please sign in with the same account as before.</source>
        <translation>Bitte melden Sie sich mit demselben Konto an wie zuvor.</translation>
    </message>
    <message>
        <location line="-265"/>
        <source>This does not look like a server address.</source>
        <translation>Das sieht nicht wie eine Server-Adresse aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the address from your browser&apos;s address bar while Mattermost is open, for example chat.example.org.</source>
        <translation>Kopieren Sie die Adresse aus der Adresszeile Ihres Browsers, während Mattermost geöffnet ist, zum Beispiel chat.example.org.</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The server&apos;s security certificate could not be checked.</source>
        <translation>Das Sicherheitszertifikat des Servers konnte nicht geprüft werden.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>If your organisation uses its own certificates, ask your IT department to install them on this computer. Check also that the address is spelled exactly as in your browser.</source>
        <translation>Wenn Ihre Einrichtung eigene Zertifikate verwendet, bitten Sie Ihre IT-Abteilung, sie auf diesem Computer einzurichten. Prüfen Sie auch, ob die Adresse genau so geschrieben ist wie in Ihrem Browser.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This address answers, but it is not a Mattermost server.</source>
        <translation>Unter dieser Adresse antwortet etwas, aber es ist kein Mattermost-Server.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Check the address for typing mistakes. If your organisation&apos;s network shows its own login page first, open the address in your browser, sign in there, and try again.</source>
        <translation>Prüfen Sie die Adresse auf Tippfehler. Wenn das Netz Ihrer Einrichtung zuerst eine eigene Anmeldeseite zeigt, öffnen Sie die Adresse im Browser, melden Sie sich dort an und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+359"/>
        <source>The server could not be reached.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <location line="-358"/>
        <source>Check the address for typing mistakes and that this computer is online. Some servers can only be reached from inside your organisation&apos;s network or through its VPN.</source>
        <translation>Prüfen Sie die Adresse auf Tippfehler und ob dieser Computer mit dem Internet verbunden ist. Manche Server sind nur im Netz Ihrer Einrichtung oder über deren VPN erreichbar.</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>No sign-in was found in what you pasted.</source>
        <translation>Im Eingefügten wurde keine Anmeldung gefunden.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The server did not accept this sign-in.</source>
        <translation>Der Server hat diese Anmeldung nicht angenommen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This account needs a code from your authenticator app.</source>
        <translation>Dieses Konto braucht einen Code aus Ihrer Authentifizierungs-App.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the six-digit code and sign in again.</source>
        <translation>Geben Sie den sechsstelligen Code ein und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort sind falsch.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Many servers sign in through GitLab or another service and have no Mattermost password. Then use &quot;Copy from your browser&quot; instead.</source>
        <translation>Bei vielen Servern meldet man sich über GitLab oder einen anderen Dienst an und hat kein Mattermost-Passwort. Verwenden Sie dann stattdessen „Aus dem Browser kopieren“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server does not allow this.</source>
        <translation>Der Server erlaubt das nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your account may not have access.</source>
        <translation>Ihr Konto hat möglicherweise keinen Zugriff.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Please try again in a few minutes.</source>
        <translation>Bitte versuchen Sie es in ein paar Minuten erneut.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Something went wrong while talking to the server.</source>
        <translation>Bei der Verbindung mit dem Server ist etwas schiefgegangen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please try again.</source>
        <translation>Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The computer could not read or write a file.</source>
        <translation>Der Computer konnte eine Datei nicht lesen oder schreiben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the folder exists, that you may write to it and that the disk is not full.</source>
        <translation>Prüfen Sie, ob der Ordner existiert, ob Sie darin schreiben dürfen und ob der Datenträger nicht voll ist.</translation>
    </message>
    <message>
        <location line="-382"/>
        <source>Something unexpected went wrong.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please try again. If it happens again, the log file helps us find the cause.</source>
        <translation>Bitte versuchen Sie es erneut. Wenn es wieder passiert, hilft die Protokolldatei, die Ursache zu finden.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The address is empty.</source>
        <translation>Die Adresse ist leer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A server address cannot contain spaces.</source>
        <translation>Eine Serveradresse kann keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Addresses starting with “{scheme}:” cannot be used; use https:// or http://.</source>
        <translation>Adressen, die mit „{scheme}:“ beginnen, gehen nicht; verwenden Sie https:// oder http://.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is an e-mail address, not the address of a server.</source>
        <translation>Das ist eine E-Mail-Adresse, nicht die Adresse eines Servers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The port number (the part after the colon) is not valid.</source>
        <translation>Die Portnummer (der Teil nach dem Doppelpunkt) ist ungültig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address has no server name.</source>
        <translation>Die Adresse enthält keinen Servernamen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{host}” is not a valid IP address.</source>
        <translation>„{host}“ ist keine gültige IP-Adresse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{host}” is not a valid server name.</source>
        <translation>„{host}“ ist kein gültiger Servername.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{host} answers without encryption (http://), not with https://.</source>
        <translation>{host} antwortet ohne Verschlüsselung (http://), nicht mit https://.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An address typed without http:// or https:// is tried with https://. If your browser opens Mattermost at http://{host}, type the address that way.</source>
        <translation>Eine Adresse ohne http:// oder https:// wird mit https:// versucht. Wenn Ihr Browser Mattermost unter http://{host} öffnet, geben Sie die Adresse so ein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The name “{name}” was not found – a typing mistake?</source>
        <translation>Der Name „{name}“ wurde nicht gefunden – ein Tippfehler?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare it letter by letter with your browser&apos;s address bar. If it is right, this computer may need your organisation&apos;s network or VPN to find it.</source>
        <translation>Vergleichen Sie ihn Buchstabe für Buchstabe mit der Adresszeile Ihres Browsers. Stimmt er, braucht dieser Computer vielleicht das Netz Ihrer Organisation oder deren VPN, um ihn zu finden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} does not answer on port {port}.</source>
        <translation>{name} antwortet nicht auf Port {port}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The computer is there, but nothing accepts connections on this port. Check the port number (the part after the colon) against your browser&apos;s address bar; otherwise the server may be down.</source>
        <translation>Der Computer ist erreichbar, aber auf diesem Port nimmt nichts Verbindungen an. Vergleichen Sie die Portnummer (den Teil nach dem Doppelpunkt) mit der Adresszeile Ihres Browsers; sonst ist der Server vielleicht ausgeschaltet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{host} did not answer in time.</source>
        <translation>{host} hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It may be down, or it can only be reached from inside your organisation&apos;s network or through its VPN.</source>
        <translation>Er ist vielleicht ausgeschaltet oder nur aus dem Netz Ihrer Organisation bzw. über deren VPN erreichbar.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{host} stopped answering.</source>
        <translation>{host} antwortet nicht mehr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server may be very busy. Please try again in a few minutes.</source>
        <translation>Der Server ist vielleicht stark ausgelastet. Bitte versuchen Sie es in ein paar Minuten noch einmal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The connection to {host} was interrupted.</source>
        <translation>Die Verbindung zu {host} wurde unterbrochen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that this computer is online, then try again.</source>
        <translation>Prüfen Sie, ob dieser Computer mit dem Internet verbunden ist, und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The security certificate of {host} cannot be trusted.</source>
        <translation>Dem Sicherheitszertifikat von {host} kann nicht vertraut werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If your organisation uses its own certificates, ask your IT department to install its root certificate on this computer.</source>
        <translation>Wenn Ihre Organisation eigene Zertifikate verwendet, bitten Sie Ihre IT-Abteilung, deren Stammzertifikat auf diesem Computer einzurichten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It is self-signed.</source>
        <translation>Es ist selbst signiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It was issued by an unknown certificate authority.</source>
        <translation>Es wurde von einer unbekannten Zertifizierungsstelle ausgestellt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It has expired. The server&apos;s administrators need to renew it; tell them.</source>
        <translation>Es ist abgelaufen. Die Administratoren des Servers müssen es erneuern; sagen Sie ihnen Bescheid.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is not valid yet. Check that this computer&apos;s date and time are right.</source>
        <translation>Es ist noch nicht gültig. Prüfen Sie, ob Datum und Uhrzeit dieses Computers stimmen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It was issued for another server name than {name}. Check that the address is spelled exactly as in your browser.</source>
        <translation>Es wurde für einen anderen Servernamen als {name} ausgestellt. Prüfen Sie, ob die Adresse genau so geschrieben ist wie in Ihrem Browser.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{server} answers, but it is not a Mattermost server.</source>
        <translation>{server} antwortet, ist aber kein Mattermost-Server.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>If Mattermost lives under a sub-path (like example.org/mattermost), include it in the address.</source>
        <translation>Wenn Mattermost unter einem Unterpfad liegt (etwa example.org/mattermost), nehmen Sie ihn in die Adresse auf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It answers with a web page, perhaps the sign-in page of a proxy or VPN. Open the address in your browser, sign in there, and try again.</source>
        <translation>Er antwortet mit einer Webseite, vielleicht der Anmeldeseite eines Proxys oder VPNs. Öffnen Sie die Adresse in Ihrem Browser, melden Sie sich dort an und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This is the wrong cookie ({cookies}).</source>
        <translation>Das ist das falsche Cookie ({cookies}).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These are cookies, but not the sign-in cookie.</source>
        <translation>Das sind Cookies, aber nicht das Anmelde-Cookie.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-in is in the cookie named MMAUTHTOKEN. In the list of cookies, click the row MMAUTHTOKEN and copy its value (26 letters and digits).</source>
        <translation>Die Anmeldung steckt im Cookie namens MMAUTHTOKEN. Klicken Sie in der Cookie-Liste auf die Zeile MMAUTHTOKEN und kopieren Sie deren Wert (26 Buchstaben und Ziffern).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was pasted.</source>
        <translation>Es wurde nichts eingefügt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the value of MMAUTHTOKEN or a request &quot;as cURL&quot; first, then paste it.</source>
        <translation>Kopieren Sie zuerst den Wert von MMAUTHTOKEN oder eine Anfrage „als cURL“ und fügen Sie ihn dann ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is far too long to be a sign-in.</source>
        <translation>Das ist viel zu lang für eine Anmeldung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy only the value of the cookie MMAUTHTOKEN, or one request &quot;as cURL&quot;.</source>
        <translation>Kopieren Sie nur den Wert des Cookies MMAUTHTOKEN oder eine einzelne Anfrage „als cURL“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This copied request holds no sign-in.</source>
        <translation>Diese kopierte Anfrage enthält keine Anmeldung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy a request whose address contains /api/v4/ while you are signed in to Mattermost.</source>
        <translation>Kopieren Sie eine Anfrage, deren Adresse /api/v4/ enthält, während Sie in Mattermost angemeldet sind.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The MMAUTHTOKEN cookie is empty.</source>
        <translation>Das Cookie MMAUTHTOKEN ist leer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to Mattermost in your browser again, then copy it anew.</source>
        <translation>Melden Sie sich im Browser erneut bei Mattermost an und kopieren Sie es dann neu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>This value has {length} characters; the MMAUTHTOKEN has {expected}.</source>
        <translation>Dieser Wert hat {length} Zeichen, der MMAUTHTOKEN hat {expected}.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Part of it is missing, or it is the value of another cookie (MMCSRF or MMUSERID). Copy the whole value in the row MMAUTHTOKEN.</source>
        <translation>Ein Teil fehlt, oder es ist der Wert eines anderen Cookies (MMCSRF oder MMUSERID). Kopieren Sie den ganzen Wert in der Zeile MMAUTHTOKEN.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Something extra was copied with it. Copy only the value in the row MMAUTHTOKEN.</source>
        <translation>Es wurde etwas mitkopiert. Kopieren Sie nur den Wert in der Zeile MMAUTHTOKEN.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This does not look like a sign-in token.</source>
        <translation>Das sieht nicht wie ein Anmeldetoken aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The value of MMAUTHTOKEN is {expected} small letters and digits. Copy the value in the row MMAUTHTOKEN.</source>
        <translation>Der Wert von MMAUTHTOKEN besteht aus {expected} Kleinbuchstaben und Ziffern. Kopieren Sie den Wert in der Zeile MMAUTHTOKEN.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Follow the steps above and copy the value of MMAUTHTOKEN, or the whole &quot;Copy as cURL&quot; text.</source>
        <translation>Folgen Sie den Schritten oben und kopieren Sie den Wert von MMAUTHTOKEN oder den ganzen Text von „Als cURL kopieren“.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{server} did not accept this sign-in.</source>
        <translation>{server} hat diese Anmeldung nicht angenommen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It may have expired or you signed out in the browser, or the value is from another cookie (MMCSRF or MMUSERID). Sign in again in your browser, then copy the value of MMAUTHTOKEN anew.</source>
        <translation>Vielleicht ist sie abgelaufen oder Sie haben sich im Browser abgemeldet, oder der Wert stammt von einem anderen Cookie (MMCSRF oder MMUSERID). Melden Sie sich im Browser erneut an und kopieren Sie dann den Wert von MMAUTHTOKEN neu.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The code from your authenticator app is wrong or has expired.</source>
        <translation>Der Code aus Ihrer Authenticator-App ist falsch oder abgelaufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the newest six-digit code and sign in again.</source>
        <translation>Geben Sie den neuesten sechsstelligen Code ein und melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This account has been deactivated.</source>
        <translation>Dieses Konto wurde deaktiviert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the administrators of the server to activate it again.</source>
        <translation>Bitten Sie die Administratoren des Servers, es wieder zu aktivieren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account has no password here.</source>
        <translation>Dieses Konto hat hier kein Passwort.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The server asks us to slow down.</source>
        <translation>Der Server bittet uns, langsamer zu machen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It limits how many requests it takes. Please wait a minute and try again.</source>
        <translation>Er begrenzt, wie viele Anfragen er annimmt. Bitte warten Sie eine Minute und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server has a problem.</source>
        <translation>Der Server hat ein Problem.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This feature is switched off on the server.</source>
        <translation>Diese Funktion ist auf dem Server ausgeschaltet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the administrators of the server, or leave this step out.</source>
        <translation>Fragen Sie die Administratoren des Servers oder lassen Sie diesen Schritt aus.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>This program may not write here.</source>
        <translation>Dieses Programm darf hier nicht schreiben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder of your own, for example in Documents, or ask for access.</source>
        <translation>Wählen Sie einen eigenen Ordner, zum Beispiel unter Dokumente, oder bitten Sie um Zugriff.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The disk is full.</source>
        <translation>Der Datenträger ist voll.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free some space or choose a folder on another drive, then continue.</source>
        <translation>Schaffen Sie Platz oder wählen Sie einen Ordner auf einem anderen Laufwerk und machen Sie dann weiter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This drive can only be read, not written.</source>
        <translation>Dieses Laufwerk kann nur gelesen, nicht beschrieben werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder on another drive.</source>
        <translation>Wählen Sie einen Ordner auf einem anderen Laufwerk.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file or folder does not exist (any more).</source>
        <translation>Diese Datei oder dieser Ordner existiert nicht (mehr).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the drive is connected, or choose another folder.</source>
        <translation>Prüfen Sie, ob das Laufwerk angeschlossen ist, oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>less than a minute</source>
        <translation>weniger als eine Minute</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>about 1 minute</source>
        <translation>etwa 1 Minute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about %1 minutes</source>
        <translation>etwa %1 Minuten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>about 1 hour</source>
        <translation>etwa 1 Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>about %1 hours</source>
        <translation>etwa %1 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about %1 h %2 min</source>
        <translation>etwa %1 Std. %2 Min.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The connection was interrupted.</source>
        <translation>Die Verbindung wurde unterbrochen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server asked to slow down.</source>
        <translation>Der Server hat um eine langsamere Abfrage gebeten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server has a temporary problem.</source>
        <translation>Der Server hat ein vorübergehendes Problem.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Click &quot;Sign in with …&quot; again and copy the address of the last page.</source>
        <translation>Klicken Sie noch einmal auf „Mit … anmelden“ und kopieren Sie die Adresse der letzten Seite.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This server is too old for signing in through the browser.</source>
        <translation>Dieser Server ist zu alt für die Anmeldung im Browser.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use &quot;Other ways to sign in&quot;: copy the sign-in from your browser&apos;s developer tools.</source>
        <translation>Nutzen Sie „Andere Wege zur Anmeldung“: Kopieren Sie die Anmeldung aus den Entwicklertools Ihres Browsers.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The sign-in in the browser was cancelled or refused.</source>
        <translation>Die Anmeldung im Browser wurde abgebrochen oder abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please try again and allow the access when the sign-in page asks.</source>
        <translation>Bitte versuchen Sie es noch einmal und erlauben Sie den Zugriff, wenn die Anmeldeseite danach fragt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This sign-in address has expired or was used already.</source>
        <translation>Diese Anmeldeadresse ist abgelaufen oder wurde schon benutzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is valid once, for three minutes.</source>
        <translation>Sie gilt einmal und drei Minuten lang.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This address belongs to a different server.</source>
        <translation>Diese Adresse gehört zu einem anderen Server.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the address from the browser window that opened for your server.</source>
        <translation>Kopieren Sie die Adresse aus dem Browserfenster, das sich für Ihren Server geöffnet hat.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This address belongs to a different sign-in attempt.</source>
        <translation>Diese Adresse gehört zu einem anderen Anmeldeversuch.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It may be from an earlier attempt or from another program.</source>
        <translation>Sie stammt vielleicht von einem früheren Versuch oder aus einem anderen Programm.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This is not the address of the last page.</source>
        <translation>Das ist nicht die Adresse der letzten Seite.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After signing in, the browser shows &quot;You are now logged in&quot;. Copy the address of that page.</source>
        <translation>Nach der Anmeldung zeigt der Browser „You are now logged in“. Kopieren Sie die Adresse dieser Seite.</translation>
    </message>
</context>
</TS>
