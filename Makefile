# The README's commands. Each target installs what it needs by itself on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint sysdeps venv bench package clean screenshots translations

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

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench

test: sysdeps $(STAMP)
	$(VENV)/bin/ruff check app tests bench
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
