"""Shared fixtures: the demo server over real HTTP, an in-memory keyring, a demo archive."""

from __future__ import annotations

import keyring
import keyring.backend
import pytest
from hypothesis import HealthCheck, settings

from outcomes import assert_only_lost_files

# Property tests judge correctness, not speed: on a loaded two-core CI machine Hypothesis's own timers
# (the per-example deadline, the "input generation is slow" check) fail tests that are right.
settings.register_profile("mmexport", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("mmexport")


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


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory):
    """A real export of the demo server's small workspace (every chat, files, avatars, emoji, all formats).

    Read-only: copy it (shutil.copytree) before changing anything in it."""
    from mmexport.demo.server import DemoServer
    from mmexport.exporting.engine import Exporter
    from mmexport.exporting.options import ExportOptions
    from mmexport.mattermost import Client

    out = tmp_path_factory.mktemp("demo-archive") / "archive"
    with DemoServer() as server:
        ws = server.workspace
        channel_ids = [c["id"] for c in ws.channels_of_user(ws.me_id)]
        options = ExportOptions(include_archived=True, formats=["html", "json", "txt", "csv"])
        result = Exporter(Client(server.url, server.token), out, channel_ids, options).run()
    assert_only_lost_files(result)
    return out
