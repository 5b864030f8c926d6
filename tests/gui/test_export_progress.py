"""The export page after a first export, slow and throttled servers, a sign-in that expires mid-export
and the last page (issue 13, items 2, 6, 7, 11 and 12). Real demo servers over HTTP."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from mmexport.archive.layout import MANIFEST
from mmexport.demo.server import DemoServer
from mmexport.gui.pages.export import ALMOST_DONE, RunPace
from mmexport.gui.state import CHATS, DONE, EXPORT, OPTIONS

from .conftest import (
    LONG,
    curl_for,
    enter_server,
    go_to_server_page,
    set_folder,
    sign_in_with_curl,
    tick_chats,
)
from .i18n_helpers import cut_off_texts

FIRST = ["Projekt Alpha", "Import Altsystem", "Allgemein"]
SECOND = ["Bernd Müller", "Bernd Müller, Claudia Schäfer"]


@pytest.fixture
def language(qapp, request):
    from PySide6.QtCore import QLocale

    from mmexport.gui.application import install_translations

    saved = QLocale()
    install_translations(qapp, request.param)
    yield request.param
    install_translations(qapp, "en")
    QLocale.setDefault(saved)


def _export(qtbot, wizard, chats, out, before_start=None) -> list[str]:
    assert wizard.currentId() == CHATS
    ids = tick_chats(qtbot, wizard, chats)
    wizard.next()
    assert wizard.currentId() == OPTIONS
    set_folder(wizard, out)
    if before_start is not None:
        before_start()
    wizard.next()
    assert wizard.currentId() == EXPORT
    return ids


def _expire_soon(server) -> None:
    server.token_expiry_requests = 1


def _signed_in(qtbot, wizard, server) -> None:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    sign_in_with_curl(qtbot, wizard, server.url, server.token)
    wizard.next()


def test_a_second_export_starts_at_zero_with_its_own_counts(qtbot, wizard, demo_server, tmp_path):
    _signed_in(qtbot, wizard, demo_server)
    chats = wizard.chats_page
    qtbot.waitUntil(chats.isVisible)
    chats.filter.setText("l")  # a search the three chats all match
    qtbot.waitUntil(lambda: not chats._filter_timer.isActive())
    first_ids = _export(qtbot, wizard, FIRST, tmp_path / "first")
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    page = wizard.export_page
    assert page.overall.value() == page.overall.maximum() > 1  # the first run ended full
    assert "Chats: 3 of 3" in page.counts.text()

    wizard.done_page.more_button.click()
    assert wizard.currentId() == CHATS  # the chat list, not the address page: server and sign-in kept
    assert wizard.state.client is not None and wizard.state.chat_list is not None
    # a fresh choice: the search is empty, the chats just saved are not ticked and are marked as saved
    assert chats.filter.text() == "" and chats.model.checked_ids() == []
    shown = {chats.model.data(i, Qt.ItemDataRole.UserRole): chats.model.data(i) for i in _chat_indexes(chats.model)}
    assert all(shown[cid].endswith(" · already saved") for cid in first_ids)
    assert shown[first_ids[0]] == "Projekt Alpha · already saved"
    assert sum(name.endswith("already saved") for name in shown.values()) == len(FIRST)
    qtbot.waitUntil(lambda: chats._task is None, timeout=LONG)  # the check that the sign-in still works
    _export(qtbot, wizard, SECOND, tmp_path / "second")
    # straight after the start, before the engine reports anything: nothing of the first run is left
    assert page.overall.value() == 0 and page.chat_bars.titles() == []
    assert page.counts.text() == "Preparing…" and page.speed.text() == ""
    qtbot.waitUntil(lambda: page.counts.text().startswith("Chats:"), timeout=LONG)
    assert f"of {len(SECOND)} ·" in page.counts.text()  # this selection's count
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)


def _chat_indexes(model) -> list:
    groups = [model.index(g, 0) for g in range(model.rowCount())]
    return [model.index(r, 0, group) for group in groups for r in range(model.rowCount(group))]


def test_the_time_left_comes_from_this_runs_pace_and_waits_until_it_means_something():
    now = [100.0]
    pace = RunPace(clock=lambda: now[0])
    assert pace.time_left(0.60) is None  # an update starting at 60 %: its first figures set the start
    now[0] += 5
    assert pace.time_left(0.70) is None  # 5 seconds say nothing yet
    now[0] += 15
    left = pace.time_left(0.80)  # 20 % in 20 s: 20 % more take 20 s, not the 60 % before this run
    assert left == pytest.approx(20.0)
    assert ALMOST_DONE > 0.8


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_throttled_server_is_said_to_ask_for_slower_requests(qtbot, wizard, tmp_path, language):
    with DemoServer() as server:
        _signed_in(qtbot, wizard, server)
        # Throttled from the export on: throttled from the start, sign-in and chat list took 25 of 40 s.
        _export(qtbot, wizard, ["Allgemein"], tmp_path / "slow", lambda: server.set_faults(rate_limit=2, burst=1))
        page = wizard.export_page
        expected = {
            "de": "Der Server bittet uns, langsamer zu machen – es geht gleich weiter.",
            "en": "The server asks us to slow down – it goes on in a moment.",
        }[language]
        qtbot.waitUntil(lambda: expected in page.wait_label.plain_text(), timeout=LONG)
        assert page.wait_label.kind == "info"  # nothing is broken
        assert "unterbrochen" not in page.wait_label.plain_text()
        assert "interrupted" not in page.wait_label.plain_text()
        page.cancel()
        qtbot.waitUntil(lambda: not page.running(), timeout=LONG)


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_long_refusal_is_told_with_the_time_waited(qtbot, wizard, tmp_path, language):
    """Issue 21, item 5: a neighbour spending the budget keeps the export waiting; the page says how long
    (the engine's NetworkWait carries the seconds the server has refused every request)."""
    from mmexport.exporting.events import NetworkWait

    page = wizard.export_page
    page._network_wait(NetworkWait(1.0, "rate limit", "wait", waited=3.0))
    assert page.wait_label.kind == "info"
    assert "refused" not in page.wait_label.plain_text() and "abgelehnt" not in page.wait_label.plain_text()
    page._network_wait(NetworkWait(1.0, "rate limit", "wait", waited=130.0))
    expected = {
        "de": "Der Server lehnt seit etwa 2 Minuten jede Anfrage ab",
        "en": "The server has refused every request for about 2 minutes",
    }[language]
    assert expected in page.wait_label.plain_text()
    assert page.wait_label.kind == "info"


def test_preparing_says_what_it_prepares(qtbot, wizard, tmp_path):
    with DemoServer(latency_ms=40) as server:
        _signed_in(qtbot, wizard, server)
        _export(qtbot, wizard, ["Allgemein"], tmp_path / "prep")
        page = wizard.export_page
        qtbot.waitUntil(lambda: page.counts.text().startswith("Preparing: "), timeout=LONG)
        assert page.counts.text() != "Preparing: "
        qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)


def test_the_chat_list_shows_counts_while_it_loads(qtbot, wizard):
    with DemoServer(latency_ms=60) as server:
        go_to_server_page(qtbot, wizard)
        enter_server(qtbot, wizard, server.url)
        sign_in_with_curl(qtbot, wizard, server.url, server.token)
        wizard.next()
        page = wizard.chats_page
        seen: list[str] = []
        qtbot.waitUntil(
            lambda: seen.append(page.status.plain_text()) or wizard.state.chat_list is not None, timeout=LONG
        )
        counted = [text for text in seen if " chats loaded" in text or " chats found" in text]
        assert counted, seen  # "42 chats loaded; looking up the names…", not only "Loading…"


def test_expired_sign_in_dialog_is_not_prefilled_with_the_dead_token_and_offers_password(
    qtbot, wizard, tmp_path
):
    with DemoServer(latency_ms=15) as server:
        _signed_in(qtbot, wizard, server)
        QGuiApplication.clipboard().setText(curl_for(server.url, server.token))  # the old, soon dead one
        # the knob: the running session ends with its next request, once the export has started
        ids = _export(qtbot, wizard, FIRST, tmp_path / "expired", lambda: _expire_soon(server))
        page = wizard.export_page
        qtbot.waitUntil(lambda: page.token_dialog is not None and page.token_dialog.isVisible(), timeout=LONG)
        dialog = page.token_dialog
        assert dialog.paste.text() == ""  # the clipboard holds the token that just died
        assert dialog.stop_button.isVisible()
        dialog.reject()  # "Not now"
        page.resume_button.click()  # continuing asks for a sign-in, it does not fail again at once
        assert dialog.isVisible()
        server.token_expiry_requests = None
        dialog.methods.setCurrentWidget(dialog.password_tab)
        qtbot.keyClicks(dialog.password_form.login_id, "anna")
        qtbot.keyClicks(dialog.password_form.password, "wrong")
        dialog.continue_button.click()
        qtbot.waitUntil(lambda: dialog.status.kind == "error", timeout=LONG)
        assert dialog.isVisible()
        qtbot.wait(50)  # the dialog's new size settles
        assert not cut_off_texts(dialog)  # the whole explanation, not its first line
        dialog.password_form.password.clear()
        qtbot.keyClicks(dialog.password_form.password, "demo")
        dialog.continue_button.click()
        qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
        manifest = json.loads((tmp_path / "expired" / MANIFEST).read_text(encoding="utf-8"))
        assert sorted(c["id"] for c in manifest["channels"]) == sorted(ids)
        assert wizard.state.client.owns_session  # made by the password sign-in: ours to log out


def test_expired_sign_in_can_be_stopped_keeping_what_was_saved(qtbot, wizard, tmp_path):
    with DemoServer(latency_ms=15) as server:
        _signed_in(qtbot, wizard, server)
        _export(qtbot, wizard, FIRST, tmp_path / "stopped", lambda: _expire_soon(server))
        page = wizard.export_page
        qtbot.waitUntil(lambda: page.token_dialog is not None and page.token_dialog.isVisible(), timeout=LONG)
        page.token_dialog.stop_button.click()
        assert not page.token_dialog.isVisible()
        assert "stopped" in page.status.plain_text() and "saved so far" in page.status.plain_text()


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_the_last_page_opens_the_archive_on_enter_and_counts_the_whole_archive(
    qtbot, wizard, demo_server, tmp_path, language
):
    out = tmp_path / "archive"
    _signed_in(qtbot, wizard, demo_server)
    _export(qtbot, wizard, FIRST, out)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    done = wizard.done_page
    qtbot.waitUntil(done.open_button.isDefault, timeout=LONG)
    assert not wizard.button(wizard.WizardButton.FinishButton).isDefault()
    assert not done.move_box.isVisible()  # the optional migration stays folded away
    done.move_toggle.click()
    assert done.move_box.isVisible()

    done.more_button.click()
    _export(qtbot, wizard, ["Allgemein"], out)  # an update of the same archive with one chat
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    # an update says so, and counts what is new, not "Messages: 1 of about 1"
    page = wizard.export_page
    log_lines = [page.log_list.item(i).text() for i in range(page.log_list.count())]
    said = {
        "de": ("1 früher gespeicherter Chat wird aktualisiert.", "Aktualisierte Chats: 1 von 1 · Neue Nachrichten: 0"),
        "en": ("Bringing 1 chat saved before up to date.", "Chats brought up to date: 1 of 1 · New messages: 0"),
    }[language]
    assert said[0] in log_lines, log_lines
    assert page.counts.text().startswith(said[1]), page.counts.text()
    assert not any("earlier export" in line or "früherer Export" in line for line in log_lines)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    chats = len(manifest["channels"])
    assert chats == len(FIRST)
    text = done.summary.text()
    expected = {
        "de": (f"Das Archiv enthält {chats} Chats:", "1 Chat wurde bei diesem Durchlauf aktualisiert."),
        "en": (f"The archive holds {chats} chats:", "1 chat was brought up to date in this run."),
    }[language]
    assert expected[0] in text and expected[1] in text

    done.more_button.click()
    _export(qtbot, wizard, ["Bernd Müller"], out)  # a chat new to the archive is added, not "updated"
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    text = done.summary.text()
    added, updated = {
        "de": ("1 Chat wurde bei diesem Durchlauf hinzugefügt.", "aktualisiert"),
        "en": ("1 chat was added in this run.", "brought up to date"),
    }[language]
    assert added in text and updated not in text


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_the_last_page_counts_messages_as_the_chat_list_does(qtbot, wizard, demo_server, tmp_path, language):
    """Allgemein holds join and leave notices, which the server's count (the chat list's) leaves out: the
    last page gives the chat list's number and names the notices apart (issue 24, item 6)."""
    out = tmp_path / "archive"
    _signed_in(qtbot, wizard, demo_server)
    qtbot.waitUntil(lambda: wizard.state.chat_list is not None, timeout=LONG)
    listed = next(row.messages for row in wizard.state.chat_list.rows if row.name == "Allgemein")
    _export(qtbot, wizard, ["Allgemein"], out)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    saved = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["channels"][0]["posts"]
    notices = saved - listed
    assert notices > 1  # the chat has notices (and nothing deleted on the server)
    text = wizard.done_page.summary.text()
    said = {
        "de": (f"{listed} Nachrichten", f"{notices} Beitritts- oder Austrittshinweise, die die Chatliste"),
        "en": (f"{listed} messages", f"it holds {notices} join or leave notices"),
    }[language]
    assert said[0] in text and said[1] in text, text
    assert f"{saved} " not in text
    if os.environ.get("MMEXPORT_SCREENSHOTS"):
        name = f"wizard-{'' if language == 'en' else 'de-'}7c-done-notices.png"
        wizard.grab().save(str(Path(__file__).resolve().parents[2] / "docs" / "screenshots" / name))


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_counts_use_plural_forms_in_both_languages(language):
    from mmexport.gui.messages import chats_count, messages_and_files

    expected = {
        "de": ("1 Nachricht, 1 Datei", "36 Nachrichten, 1.634 Dateien", "1 Chat", "9 Chats"),
        "en": ("1 message, 1 file", "36 messages, 1,634 files", "1 chat", "9 chats"),
    }[language]
    assert (
        messages_and_files(1, 1),
        messages_and_files(36, 1634),
        chats_count(1),
        chats_count(9),
    ) == expected


def test_the_chats_being_saved_each_have_their_own_bar(qtbot, wizard, tmp_path):
    """The engine works on several chats at once: each of them is listed with its own bar while it runs."""
    with DemoServer(latency_ms=30) as server:
        _signed_in(qtbot, wizard, server)
        _export(qtbot, wizard, FIRST, tmp_path / "current")
        page = wizard.export_page
        seen: list[tuple[str, ...]] = []
        named: list[bool] = []  # each bar is called by its chat's name

        def look() -> bool:
            seen.append(tuple(page.chat_bars.titles()))
            named.append(page.chat_bars.bar_names() == page.chat_bars.titles())
            return wizard.currentId() == DONE

        qtbot.waitUntil(look, timeout=LONG)
        together = max(seen, key=len)
        assert len(together) >= 2, seen  # several at once, each on its own line
        names = {title for titles in seen for title in titles}
        assert all(any(title.startswith(chat) for chat in FIRST) for title in names), names
        assert len(names) == len(FIRST)
        assert all(named)
        assert page.chat_bars.titles() == []  # done: nothing is being saved any more


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_the_last_page_names_the_chat_of_a_lost_attachment(qtbot, wizard, demo_server, tmp_path, language):
    _signed_in(qtbot, wizard, demo_server)
    _export(qtbot, wizard, ["Dateien & Anhänge"], tmp_path / "archive")
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=LONG)
    assert wizard.state.result.outcome == "incomplete"  # the demo lost verschwunden.pdf on purpose
    expected = {
        "de": "„verschwunden.pdf“ in „Dateien &amp; Anhänge“ ist nicht mehr auf dem Server.",
        "en": "“verschwunden.pdf” in “Dateien &amp; Anhänge” is no longer on the server.",
    }[language]
    assert f"<li>{expected}</li>" in wizard.done_page.summary.text()


def test_the_speed_names_only_what_moves(wizard):
    """No "0 bytes/s" while no file is downloading (it looked stuck), no "0 messages/s" while only files are."""
    from mmexport.exporting.events import OverallProgress

    def speed(posts_per_second: float, bytes_per_second: float) -> str:
        figures = OverallProgress(2, 4, 300, 900, 0, 12, 0, posts_per_second, bytes_per_second, None)
        return wizard.export_page._speed_text(figures, 0.3)

    assert speed(120, 0) == "Speed: 120 messages/s"
    assert speed(0, 2_500_000) == "Speed: 2.5 MB/s"
    assert speed(120, 2_500_000) == "Speed: 120 messages/s, 2.5 MB/s"
    assert speed(0, 0) == "Speed: measuring…"
