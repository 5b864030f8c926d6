"""The keyring wrapper: works with a store, degrades to False/None without one, never raises."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
import pytest

from mmexport import secrets

URL = "https://chat.example.org"
TOKEN = "8xk3fz1u4p8zjbd1ds9tqqbxuc"


class BrokenKeyring(keyring.backend.KeyringBackend):
    """A locked or absent secret store: every call fails the way real backends do."""

    priority = 1

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service, username):
        raise self.error

    def set_password(self, service, username, password):
        raise self.error

    def delete_password(self, service, username):
        raise self.error


def test_save_load_forget(memory_keyring):
    assert secrets.keyring_available()[0]
    assert secrets.save_token(URL, "anna", TOKEN)
    assert secrets.load_token(URL) == TOKEN
    assert secrets.load_token(URL + "/") == TOKEN  # the lookup needs only the server address
    assert secrets.load_token("https://other.example.org") is None
    assert (f"mmexport:{URL}", secrets.TOKEN_KEY) in memory_keyring.store
    assert secrets.forget_token(URL)
    assert secrets.load_token(URL) is None
    assert secrets.forget_token(URL)  # forgetting twice is fine


@pytest.mark.parametrize(
    "error",
    [keyring.errors.KeyringLocked("locked"), keyring.errors.NoKeyringError("none"), RuntimeError("dbus"),
     keyring.errors.InitError("init")],
)  # fmt: skip
def test_failing_backend_degrades(error):
    keyring.set_keyring(BrokenKeyring(error))
    assert secrets.save_token(URL, "anna", TOKEN) is False
    assert secrets.load_token(URL) is None
    assert secrets.forget_token(URL) is False


def test_no_keyring_is_reported_plainly():
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    usable, reason = secrets.keyring_available()
    assert not usable
    assert "only until the program is closed" in reason
    assert secrets.save_token(URL, "anna", TOKEN) is False
    assert secrets.load_token(URL) is None
