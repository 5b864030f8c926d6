"""`--self-test`: proves that an installed or frozen program has everything it needs at run time.

It imports every module, loads the German translations, builds every wizard page, exports three chats
from the built-in demo server into a temporary folder and verifies that archive. One line per check;
exit code 0 when all passed, 1 at the first failure. It never touches the person's own settings, log or
saved sign-ins: everything it writes goes to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import struct
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import mmexport
from mmexport import APP_ID, APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

    from mmexport.demo.workspace import Workspace

# Modules that run something when imported, so walking the package must not import them.
SKIPPED_MODULES = {"mmexport.__main__"}
# Third-party modules that are imported lazily (by name or inside functions), so a freezer may miss them.
RUNTIME_MODULES = (
    "requests",
    "urllib3",
    "truststore",
    "keyring",
    "keyring.backends",
    "platformdirs",
    "orjson",
    "markupsafe",
    "markdown_it",
    "pygments.lexers.python",  # lexers are looked up by name when a message has a code block
    "pygments.lexers.shell",
    "pygments.formatters.html",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
)
VIEWER_ASSETS = ("viewer.css", "viewer.js", "emoji-names.json")
CHATS_TO_EXPORT = 3
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
QM_HASHES_TAG = 0x42


class CheckFailed(Exception):
    """A check found something missing; the message says what, in plain words."""


@dataclass
class SelfTestContext:
    """What the checks share: the Qt application (made once) and a scratch folder."""

    scratch: Path
    app: object | None = None
    archive: Path | None = None


def check_imports(ctx: SelfTestContext) -> str:
    names = [n for n in _own_module_names() if n not in SKIPPED_MODULES]
    for name in (*names, *RUNTIME_MODULES):
        try:
            importlib.import_module(name)
        except Exception as exc:  # any failure here means the bundle is broken
            raise CheckFailed(f"cannot import {name}: {exc}") from exc
    return f"imported {len(names)} modules of {APP_ID} and {len(RUNTIME_MODULES)} libraries"


def _own_module_names() -> list[str]:
    names = ["mmexport"]
    for info in pkgutil.walk_packages(mmexport.__path__, prefix="mmexport."):
        names.append(info.name)
    return sorted(set(names))


def check_secret_store(ctx: SelfTestContext) -> str:
    """Reports which secret store sign-ins would be kept in; having none is allowed (the wizard says so)."""
    import keyring

    backend = keyring.get_keyring()
    name = getattr(backend, "name", type(backend).__name__)
    if type(backend).__module__.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return f"no secret store on this system ({name}): sign-ins would be kept for the session only"
    return f"secret store available: {name}"


def check_resources(ctx: SelfTestContext) -> str:
    from mmexport.resources import resource_path, resources_dir

    missing = [name for name in VIEWER_ASSETS if not resource_path("viewer", name).is_file()]
    if missing:
        raise CheckFailed(f"viewer files missing in {resources_dir()}: {', '.join(missing)}")
    icons = sorted(resource_path("icons").glob(f"{APP_ID}-*.png"))
    if not icons:
        raise CheckFailed(f"no program icon in {resource_path('icons')}")
    pictures = [p for p in resource_path("signin").glob("*") if p.is_file()]
    return (
        f"found resources in {resources_dir()} ({len(VIEWER_ASSETS)} viewer files, "
        f"{len(icons)} icon sizes, {len(pictures)} sign-in pictures)"
    )


def check_qt_application(ctx: SelfTestContext) -> str:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen: the checks need none
    from PySide6.QtGui import QGuiApplication

    from mmexport.gui.application import create_application
    from mmexport.gui.wizard import app_icon

    ctx.app = create_application([sys.argv[0] if sys.argv else APP_ID])
    icon = app_icon()
    if icon.isNull() or icon.pixmap(16, 16).isNull():
        raise CheckFailed("the program icon cannot be loaded (PNG support or icon files missing)")
    return f"started Qt {_qt_version()} on the '{QGuiApplication.platformName()}' platform, icon loaded"


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


def check_translations(ctx: SelfTestContext) -> str:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from mmexport.resources import resource_path

    qt_dirs = [
        resource_path("translations"),
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ]
    qtbase = next((d / "qtbase_de.qm" for d in qt_dirs if (d / "qtbase_de.qm").is_file()), None)
    if qtbase is None:
        raise CheckFailed(
            f"Qt's German translation qtbase_de.qm is in none of {', '.join(map(str, qt_dirs))}"
        )
    translator = _load_translator(qtbase)
    QCoreApplication.installTranslator(translator)
    try:
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    finally:
        QCoreApplication.removeTranslator(translator)
    if cancel != "Abbrechen":
        raise CheckFailed(f"qtbase_de.qm loaded but translates 'Cancel' as {cancel!r}")
    parts = [f"Qt {count_qm_messages(qtbase)} messages"]
    ours = resource_path("translations", f"{APP_ID}_de.qm")
    if ours.is_file():
        _load_translator(ours)
        parts.append(f"{APP_NAME} {count_qm_messages(ours)} messages")
    else:
        parts.append(f"no {ours.name} yet")
    # QTranslator has no public count; the hash table of a .qm file has one 8-byte entry per message.
    return f"German translation loaded ({', '.join(parts)})"


def _load_translator(path: Path) -> QTranslator:
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(path)) or translator.isEmpty():
        raise CheckFailed(f"cannot load the translation {path}")
    return translator


def count_qm_messages(path: Path) -> int:
    """How many messages a compiled Qt translation (.qm) holds, read from its hash table."""
    data = path.read_bytes()
    if not data.startswith(QM_MAGIC):
        raise CheckFailed(f"{path.name} is not a Qt translation file")
    offset = len(QM_MAGIC)
    while offset + 5 <= len(data):
        tag = data[offset]
        (length,) = struct.unpack_from(">I", data, offset + 1)
        if tag == QM_HASHES_TAG:
            return length // 8
        offset += 5 + length
    return 0


def check_wizard_pages(ctx: SelfTestContext) -> str:
    from mmexport.gui.wizard import ExportWizard
    from mmexport.settings import Settings

    wizard = ExportWizard(settings=Settings())
    try:
        pages = [wizard.page(page_id) for page_id in wizard.pageIds()]
        if not pages or any(page is None for page in pages):
            raise CheckFailed("the wizard has missing pages")
        wizard.show()
        rendered = wizard.grab()  # paints the first page: fonts, styles and images are all there
        if rendered.isNull():
            raise CheckFailed("the wizard window could not be drawn")
        titles = [page.title() for page in pages]
        if not all(titles):
            raise CheckFailed("a wizard page has no title")
    finally:
        wizard.shutdown()
        wizard.hide()
        wizard.deleteLater()
    return f"built {len(pages)} wizard pages"


def check_demo_export(ctx: SelfTestContext) -> str:
    from mmexport.archive.layout import INDEX
    from mmexport.demo.server import DemoServer
    from mmexport.exporting.engine import Exporter
    from mmexport.exporting.options import ExportOptions
    from mmexport.mattermost import Client

    out = ctx.scratch / "archive"
    with DemoServer() as server:
        channel_ids = pick_demo_chats(server.workspace)
        options = ExportOptions(formats=["html", "json", "txt", "pdf"], jobs=2)
        result = Exporter(Client(server.url, server.token), out, channel_ids, options).run()
    if result.outcome != "done":
        raise CheckFailed(f"the demo export ended with '{result.outcome}': {result.message}")
    if not (out / INDEX).is_file():
        raise CheckFailed("the demo export wrote no index.html")
    if not list(out.glob("channels/*/*/messages.pdf")):
        raise CheckFailed("the demo export wrote no messages.pdf (fpdf2, its fonts or its ICC profile missing?)")
    ctx.archive = out
    return (
        f"exported {_count(result.channels, 'chat')}, {_count(result.posts, 'message')}, "
        f"{_count(result.files, 'file')} from the demo server"
    )


def pick_demo_chats(workspace: Workspace) -> list[str]:
    """A public or private channel with attachments, a direct chat and one more: the kinds people export.

    The demo's files channel holds deliberately missing files; "messdaten" holds one good picture."""
    channels = workspace.channels_of_user(workspace.me_id)
    by_kind: dict[str, list[dict]] = {}
    for channel in sorted(channels, key=lambda c: len(workspace.visible_posts(c["id"]))):
        if channel.get("delete_at"):
            continue
        by_kind.setdefault("D" if channel["type"] in ("D", "G") else "channel", []).append(channel)
    chosen = [c for c in channels if c["name"] == "messdaten"][:1]
    for kind in ("D", "channel"):
        chosen += [c for c in by_kind.get(kind, [])[:1] if c not in chosen]
    for channel in by_kind.get("channel", []):
        if len(chosen) >= CHATS_TO_EXPORT:
            break
        if channel not in chosen:
            chosen.append(channel)
    return [c["id"] for c in chosen[:CHATS_TO_EXPORT]]


def check_verify(ctx: SelfTestContext) -> str:
    from mmexport.exporting.verify import verify_archive

    archive = ctx.archive
    if archive is None:
        raise CheckFailed("there is no archive to verify")
    report = verify_archive(archive)
    if not report.ok:
        raise CheckFailed("the archive does not match its manifest: " + "; ".join(report.errors[:3]))
    counts = ", ".join(
        (_count(report.channels, "chat"), _count(report.posts, "message"), _count(report.files, "file"))
    )
    return f"verified archive ({counts})"


CHECKS: tuple[Callable[[SelfTestContext], str], ...] = (
    check_imports,
    check_secret_store,
    check_resources,
    check_qt_application,
    check_translations,
    check_wizard_pages,
    check_demo_export,
    check_verify,
)


def run(out: TextIO | None = None) -> int:
    """Runs every check in order, printing one line each; returns the exit code."""
    out = out or sys.stdout
    started = time.monotonic()
    print(f"{APP_NAME} {__version__} self-test ({'frozen' if _frozen() else 'from source'})", file=out)
    previous_home = os.environ.get("MMEXPORT_HOME")
    with tempfile.TemporaryDirectory(prefix="mmexport-selftest-") as scratch:
        # Settings, log and state of this run stay in the scratch folder, away from the person's own.
        os.environ["MMEXPORT_HOME"] = str(Path(scratch) / "home")
        ctx = SelfTestContext(scratch=Path(scratch))
        try:
            for check in CHECKS:
                try:
                    line = check(ctx)
                except CheckFailed as exc:
                    print(f"FAIL {exc}", file=out)
                    return 1
                except Exception:
                    print(f"FAIL {check.__name__} crashed:", file=out)
                    traceback.print_exc(file=out)
                    return 1
                print(f"ok  {line}", file=out, flush=True)
        finally:
            _restore_env("MMEXPORT_HOME", previous_home)
    print(f"all checks passed in {time.monotonic() - started:.1f} s", file=out)
    return 0


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def main() -> int:
    if sys.stdout is not None:
        return run()
    # A windowed program on Windows has no console: the report goes to a file next to the temp folder.
    report = Path(tempfile.gettempdir()) / f"{APP_ID}-self-test.txt"
    with open(report, "w", encoding="utf-8") as out:
        return run(out)


if __name__ == "__main__":
    sys.exit(main())


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
