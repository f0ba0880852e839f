# The two commands of the README.
#   make        install the package and build the graph into exports/
#   make test   install what the tests need (Python packages; Debian's chromium
#               for the explorer tests, when missing) and run them
PYTHON ?= python3
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test

build:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e .
	$(PYTHON) -m graph build

test: $(CHROMIUM)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(PYTHON) -m pytest

# Playwright drives the system's browser; it never downloads one of its own.
$(CHROMIUM):
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium
