# The README's commands. Each target installs what it needs by itself on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint sysdeps venv bench package package-check clean screenshots translations windows-check

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

sysdeps:
	bash .ci/sysdeps.sh

# Shows the program on the built-in demo server: the wizard where there is a screen,
# otherwise the same export through the command line.
demo: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(VENV)/bin/mmexport gui --demo; \
	else \
		$(PY) -m mmexport.demo.showcase; \
	fi

# mypy reads its settings (which files, how strict) from pyproject.toml.
lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/mypy

test: sysdeps $(STAMP)
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# Installers: the PyInstaller one-folder bundle (dist/mmexport/) and the Debian package (dist/*.deb).
# Windows, macOS and the AppImage are built by .github/workflows/release.yml on a version tag.
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB := dist/mmexport_$(VERSION)_$(DEB_ARCH).deb
PACKAGE_SOURCES := pyproject.toml $(shell find app resources packaging -type f -not -path '*/__pycache__/*' 2>/dev/null)

package: sysdeps $(STAMP)
	$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install -q -e '.[dev,package]'
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/mmexport.spec
	QT_QPA_PLATFORM=offscreen dist/mmexport/mmexport --self-test
	$(PY) packaging/linux/build_deb.py

# Builds the package only when a source changed since the last .deb, then installs it with dpkg, runs the
# installed program's self-test and removes it again.
$(DEB): $(PACKAGE_SOURCES)
	$(MAKE) package

package-check: $(DEB)
	bash packaging/linux/check_deb.sh

# German texts of the program: lupdate collects every tr()/translate() text into the .ts file (the source
# of truth, translated by hand), lrelease compiles it into the .qm the program loads. Qt's own German
# (standard buttons and dialogs) is copied next to it, so that no packaging tool can lose it.
# English needs a catalog too, for plural forms only ("1 chat", "9 chats" from "%n chat(s)").
TS := resources/translations/mmexport_de.ts
TS_EN := resources/translations/mmexport_en.ts
TR_SOURCES = $$(find app/mmexport/gui -name '*.py' | sort) \
		app/mmexport/exporting/engine.py app/mmexport/exporting/events.py app/mmexport/exporting/messages.py \
		$$(find app/mmexport/archive app/mmexport/exporting/formats -name '*.py' | sort) \
		$$(find app/mmexport/exporting/convert -name '*.py' | sort)
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations relative -no-obsolete $(TR_SOURCES) -ts $(TS)
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -pluralonly -source-language en \
		-target-language en $(TR_SOURCES) -ts $(TS_EN)
	$(VENV)/bin/pyside6-lrelease $(TS) -qm resources/translations/mmexport_de.qm
	$(VENV)/bin/pyside6-lrelease $(TS_EN) -qm resources/translations/mmexport_en.qm
	cp $(VENV)/lib/python3*/site-packages/PySide6/Qt/translations/qtbase_de.qm resources/translations/

# The Windows program built, installed and tried under wine (issue 19): packaging/windows/windows_check.py.
# Installs wine, Xvfb and MinGW with apt, downloads pinned inputs into the git-ignored .cache/windows/.
windows-check: $(STAMP)
	nice -n 10 $(PY) packaging/windows/windows_check.py
