<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChatBars</name>
    <message numerus="yes">
        <source>and %n more chat(s) at the same time</source>
        <translation>
            <numerusform>and %n more chat at the same time</numerusform>
            <numerusform>and %n more chats at the same time</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatsPage</name>
    <message numerus="yes">
        <source>%n chat(s) found so far…</source>
        <translation>
            <numerusform>%n chat found so far…</numerusform>
            <numerusform>%n chats found so far…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) loaded; looking up the names of the people…</source>
        <translation>
            <numerusform>%n chat loaded; looking up the names of the people…</numerusform>
            <numerusform>%n chats loaded; looking up the names of the people…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) loaded; pictures: %1 of %2…</source>
        <translation>
            <numerusform>%n chat loaded; pictures: %1 of %2…</numerusform>
            <numerusform>%n chats loaded; pictures: %1 of %2…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) selected: about %1; counting the files…</source>
        <translation>
            <numerusform>%n chat selected: about %1; counting the files…</numerusform>
            <numerusform>%n chats selected: about %1; counting the files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) selected: about %1.</source>
        <translation>
            <numerusform>%n chat selected: about %1.</numerusform>
            <numerusform>%n chats selected: about %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln chat(s)</source>
        <translation>
            <numerusform>%Ln chat</numerusform>
            <numerusform>%Ln chats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message numerus="yes">
        <source>The check found %n difference(s). Do not delete anything on the server yet.</source>
        <translation>
            <numerusform>The check found %n difference. Do not delete anything on the server yet.</numerusform>
            <numerusform>The check found %n differences. Do not delete anything on the server yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more (listed in manifest.json)</source>
        <translation>
            <numerusform>and %n more (listed in manifest.json)</numerusform>
            <numerusform>and %n more (listed in manifest.json)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Besides these, it holds %n join or leave notice(s), which the server&apos;s chat list does not count.</source>
        <translation>
            <numerusform>Besides these, it holds %n join or leave notice, which the server&apos;s chat list does not count.</numerusform>
            <numerusform>Besides these, it holds %n join or leave notices, which the server&apos;s chat list does not count.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) were added in this run.</source>
        <translation>
            <numerusform>%n chat was added in this run.</numerusform>
            <numerusform>%n chats were added in this run.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) were brought up to date in this run.</source>
        <translation>
            <numerusform>%n chat was brought up to date in this run.</numerusform>
            <numerusform>%n chats were brought up to date in this run.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message numerus="yes">
        <source>%n chat(s) to save.</source>
        <translation>
            <numerusform>%n chat to save.</numerusform>
            <numerusform>%n chats to save.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bringing %n chat(s) saved before up to date.</source>
        <translation>
            <numerusform>Bringing %n chat saved before up to date.</numerusform>
            <numerusform>Bringing %n chats saved before up to date.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more chat(s) to save.</source>
        <translation>
            <numerusform>%n more chat to save.</numerusform>
            <numerusform>%n more chats to save.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Next request in %n second(s).</source>
        <translation>
            <numerusform>Next request in %n second.</numerusform>
            <numerusform>Next request in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The connection to the server is interrupted or the server is busy. Trying again in %n second(s)…</source>
        <translation>
            <numerusform>The connection to the server is interrupted or the server is busy. Trying again in %n second…</numerusform>
            <numerusform>The connection to the server is interrupted or the server is busy. Trying again in %n seconds…</numerusform>
        </translation>
    </message>
</context>
</TS>
