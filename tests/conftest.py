"""Shared fixtures: the demo server over real HTTP, an in-memory keyring, a demo archive."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Tests never touch the machine's real secret store."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path_factory, monkeypatch):
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    # Settings, logs and caches of the program go to a temporary folder, never the real user's.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MMEXPORT_HOME", str(home))
    monkeypatch.delenv("MMEXPORT_TOKEN", raising=False)
    yield backend


@pytest.fixture
def demo_server():
    """A fresh demo server on 127.0.0.1 (ephemeral port) for a test that changes or counts things."""
    from mmexport.demo.server import DemoServer

    with DemoServer() as server:
        yield server


@pytest.fixture(scope="session")
def shared_demo_server():
    """One demo server for read-only tests; do not change its workspace or knobs."""
    from mmexport.demo.server import DemoServer

    with DemoServer() as server:
        yield server
