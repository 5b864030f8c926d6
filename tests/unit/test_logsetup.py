"""The log never holds a token, cookie or password, whichever way it reaches a log call."""

from __future__ import annotations

import logging

import pytest

from mmexport import logsetup, paths
from mmexport.logsetup import redact, remember_secret, setup_logging

TOKEN = "8xk3fz1u4p8zjbd1ds9tqqbxuc"


@pytest.fixture(autouse=True)
def _drop_our_handlers():
    yield
    setup_logging(to_file=False)  # removes the file handler that points into this test's folder


@pytest.mark.parametrize(
    "text",
    [
        f"Authorization: Bearer {TOKEN}",
        f"{{'Authorization': 'Bearer {TOKEN}', 'Accept': 'application/json'}}",
        f'{{"authorization": "Token {TOKEN}"}}',
        f"Cookie: MMUSERID=abc; MMAUTHTOKEN={TOKEN}; MMCSRF=def",
        f"Set-Cookie: MMAUTHTOKEN={TOKEN}; Path=/; HttpOnly",
        f"curl -b 'MMAUTHTOKEN={TOKEN}' https://x.org",
        f"Token: {TOKEN}",
        f"GET /api/v4/users/me?access_token={TOKEN}",
        f'{{"login_id": "anna", "password": "{TOKEN}"}}',
    ],
)
def test_redact_removes_secrets(text):
    assert TOKEN not in redact(text)
    assert "[redacted]" in redact(text)


def test_passwords_with_spaces_are_redacted():
    assert "geheim" not in redact('{"login_id": "anna", "password": "sehr geheim 123"}')
    assert "geheim" not in redact("password=geheim&login_id=anna")


def test_ids_stay_readable_unless_known_as_secret():
    other_id = "6pcr9dbs8tpmx3dp4ajetgmcxi"
    assert redact(f"channel {other_id}") == f"channel {other_id}"
    remember_secret("q1w2e3r4t5y6u7i8o9p0a1s2d3")
    assert redact("bare q1w2e3r4t5y6u7i8o9p0a1s2d3 here") == "bare [redacted] here"


def test_log_file_is_redacted_in_message_args_and_traceback():
    setup_logging(to_file=True)
    log = logging.getLogger("mmexport.test")
    log.info("headers %s", {"Authorization": f"Bearer {TOKEN}"})
    log.warning("cookie string MMAUTHTOKEN=%s", TOKEN)
    try:
        raise RuntimeError(f"failed with Cookie: MMAUTHTOKEN={TOKEN}")
    except RuntimeError:
        log.exception("request failed")
    for handler in logging.getLogger("mmexport").handlers:
        handler.flush()
    text = (paths.log_dir() / logsetup.LOG_FILE).read_text(encoding="utf-8")
    assert "request failed" in text and "RuntimeError" in text
    assert TOKEN not in text
    assert text.count("[redacted]") >= 3


def test_setup_twice_does_not_double_lines():
    setup_logging(to_file=True)
    setup_logging(to_file=True)
    logging.getLogger("mmexport.test").info("only once")
    for handler in logging.getLogger("mmexport").handlers:
        handler.flush()
    text = (paths.log_dir() / logsetup.LOG_FILE).read_text(encoding="utf-8")
    assert text.count("only once") == 1
