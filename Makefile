# The two commands of the README.
#   make        create (or reuse) the virtualenv .venv, install the package there, build exports/
#   make test   install the test dependencies at the newest releases pyproject.toml allows,
#               Debian's chromium for the explorer tests and Debian's Virtuoso for the store
#               comparison when missing, and run the tests
# Any python3 works, Debian's own included (PEP 668 forbids installing into it, so nothing is).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --quiet --disable-pip-version-check
CHROMIUM := /usr/bin/chromium
VIRTUOSO := /usr/bin/virtuoso-t
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test constraints

build: $(PY)
	$(PIP) install -e .
	$(PY) -m graph build

test: $(PY) $(CHROMIUM) $(VIRTUOSO)
	$(PIP) install --upgrade --upgrade-strategy eager -e '.[test]'
	$(PY) -m pytest

# Debian's python3 has venv only with its python3-venv package.
$(PY):
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y python3-venv && \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }

# Playwright drives the system's browser; it never downloads one of its own.
$(CHROMIUM):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium

# The store comparison (tests/test_stores.py) loads the exports into Debian's Virtuoso.
$(VIRTUOSO):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y virtuoso-opensource

# The exact releases of every dependency, for a reproducible install (see the README).
constraints: $(PY)
	$(PIP) install -e '.[test]'
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check > constraints.txt
