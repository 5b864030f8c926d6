"""Each kind of error reads differently and names its cause, in German as in English (issue 13, item 3).

Every error here is real: a name that does not resolve, a closed port on 127.0.0.1, an https:// request to
the demo server's plain HTTP port, cookies pasted into the sign-in box, a revoked token on the demo server.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mmexport.gui.wizard import SIGNIN

from .conftest import LONG, enter_server, go_to_server_page


@pytest.fixture
def language(qapp, request):
    """The interface language of the test (install_translations as the first page does), reset after."""
    from PySide6.QtCore import QLocale

    from mmexport.gui.app import install_translations

    saved = QLocale()
    install_translations(qapp, request.param)
    yield request.param
    install_translations(qapp, "en")
    QLocale.setDefault(saved)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _address_error(qtbot, wizard, address: str) -> str:
    go_to_server_page(qtbot, wizard)
    page = wizard.server_page
    page.address.setText(address)
    page.check_now()
    qtbot.waitUntil(lambda: page.status.kind in ("error", "info"), timeout=LONG)
    assert not page.isComplete()
    return page.status.plain_text()


EXPECTED = {
    "dns": {
        "de": "Der Name „chat.exmaple.invalid“ wurde nicht gefunden – ein Tippfehler?",
        "en": "The name “chat.exmaple.invalid” was not found – a typing mistake?",
    },
    "refused": {
        "de": "127.0.0.1 antwortet nicht auf Port {port}.",
        "en": "127.0.0.1 does not answer on port {port}.",
    },
    "plain_http": {
        "de": "127.0.0.1:{port} antwortet ohne Verschlüsselung (http://), nicht mit https://.",
        "en": "127.0.0.1:{port} answers without encryption (http://), not with https://.",
    },
}


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_typo_in_the_name_and_a_closed_port_read_differently(qtbot, wizard, language):
    dns = _address_error(qtbot, wizard, "chat.exmaple.invalid")
    assert EXPECTED["dns"][language] in dns
    wizard.back()
    port = _free_port()
    refused = _address_error(qtbot, wizard, f"http://127.0.0.1:{port}")
    assert wizard.server_page.status.kind == "error"
    assert EXPECTED["refused"][language].format(port=port) in refused
    assert dns.splitlines()[1] != refused.splitlines()[1]  # a different way forward, not only another name


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_an_address_without_http_offers_the_plain_http_one(qtbot, wizard, shared_demo_server, language):
    port = shared_demo_server.port
    text = _address_error(qtbot, wizard, f"127.0.0.1:{port}")  # typed as people do: no scheme
    assert EXPECTED["plain_http"][language].format(port=port) in text
    assert "certificate" not in text and "Zertifikat" not in text  # not a certificate problem, no IT needed
    page = wizard.server_page
    assert page.status.kind == "info"  # one click fixes it: information, not an alarm in red
    assert page.http_button.isVisible() and f"http://127.0.0.1:{port}" in page.http_button.text()
    page.http_button.click()
    qtbot.waitUntil(page.isComplete, timeout=LONG)
    assert page.address.text() == shared_demo_server.url


def _paste_error(qtbot, wizard, server, text: str) -> str:
    go_to_server_page(qtbot, wizard)
    enter_server(qtbot, wizard, server.url)
    wizard.next()
    assert wizard.currentId() == SIGNIN
    page = wizard.signin_page
    page.paste.setText(text)
    qtbot.waitUntil(lambda: page.status.kind in ("error", "warn"), timeout=LONG)
    return page.status.plain_text()


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_pasted_other_cookies_say_which_cookie_to_copy(qtbot, wizard, shared_demo_server, language):
    text = _paste_error(
        qtbot,
        wizard,
        shared_demo_server,
        "MMCSRF=9bq3kq1cxpfd8mgtwkzcg7hw1e; MMUSERID=4xq7h1ez3pgbuq3rfydhf1ebmo",
    )
    expected = {
        "de": ("Das ist das falsche Cookie (MMCSRF, MMUSERID).", "Zeile MMAUTHTOKEN"),
        "en": ("This is the wrong cookie (MMCSRF, MMUSERID).", "row MMAUTHTOKEN"),
    }[language]
    assert expected[0] in text and expected[1] in text


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_24_character_value_is_named_by_its_length(qtbot, wizard, shared_demo_server, language):
    text = _paste_error(qtbot, wizard, shared_demo_server, "kq1cxpfd8mgtwkzcg7hw1e9b")  # 24: an MMCSRF
    expected = {
        "de": ("Dieser Wert hat 24 Zeichen, der MMAUTHTOKEN hat 26.", "MMCSRF"),
        "en": ("This value has 24 characters; the MMAUTHTOKEN has 26.", "MMCSRF"),
    }[language]
    assert expected[0] in text and expected[1] in text
    assert not wizard.signin_page.isComplete()


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_an_expired_token_names_the_server_that_refused_it(qtbot, wizard, demo_server, language):
    token = demo_server.issue_token()
    demo_server.expire_token(token)
    text = _paste_error(qtbot, wizard, demo_server, f"MMAUTHTOKEN={token}")
    expected = {
        "de": f"{demo_server.url} hat diese Anmeldung nicht angenommen.",
        "en": f"{demo_server.url} did not accept this sign-in.",
    }[language]
    assert expected in text
    assert "MMCSRF" in text  # the common mistake next to an expired token: the neighbouring cookie


@pytest.fixture
def unwritable_folder(tmp_path):
    """A folder this process may not write into: read-only by mode, or (as root, who may write anywhere
    else) the kernel's /proc/sys."""
    import os

    if os.geteuid() == 0:
        yield Path("/proc/sys")
        return
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    yield locked
    locked.chmod(0o700)


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_a_folder_without_write_permission_is_refused_when_chosen(qtbot, wizard, unwritable_folder, language):
    """Checked as soon as it is chosen, in the interface language only (issue 13, item 11)."""
    from mmexport.gui.messages import describe_error

    with pytest.raises(OSError) as caught:
        (unwritable_folder / "probe").write_text("x")
    problem = describe_error(caught.value)
    assert caught.value.strerror not in problem.as_html()  # no system English inside a German sentence
    page = wizard.options_page
    page.folder.setText(str(unwritable_folder / "archive"))
    text = page.space.plain_text()
    assert page.space.kind == "error" and str(unwritable_folder) in text
    assert ("dürfen Sie nicht speichern" if language == "de" else "You may not save into") in text


@pytest.mark.parametrize("language", ["de", "en"], indirect=True)
def test_rate_limited_and_dropped_errors_are_told_apart(language):
    from mmexport.gui.messages import describe_error
    from mmexport.mattermost import errors

    limited = describe_error(errors.RateLimited(status=429))
    dropped = describe_error(errors.NotReachable(reason="dropped", params={"host": "chat.example.org"}))
    expected = {
        "de": (
            "Der Server bittet uns, langsamer zu machen.",
            "Die Verbindung zu chat.example.org wurde unterbrochen.",
        ),
        "en": ("The server asks us to slow down.", "The connection to chat.example.org was interrupted."),
    }[language]
    assert (limited.headline, dropped.headline) == expected
