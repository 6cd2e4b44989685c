# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# One process (with threads) counts rate limits in memory; more need Redis (see README).
WORKERS ?= 1
# Plain http on this machine: the session cookie cannot be Secure here. Behind HTTPS keep it on.
RUN_ENV := CHALLENGES_COOKIE_SECURE=false

.PHONY: run test install install-dev chromium axe lint translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(VENV)/installed-dev

# Installed again only when the dependencies change (CI runs tests while `make test` starts).
$(VENV)/installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

run: install
	$(RUN_ENV) $(BIN)/challenges db upgrade
	$(RUN_ENV) $(BIN)/challenges seed demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT) (stop with Ctrl+C)"
	$(RUN_ENV) $(BIN)/gunicorn --config python:challenges.gunicorn_config --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - "challenges:create_app()"

test: install-dev chromium axe
	$(BIN)/pytest
	node --test tests/js/

# axe-core (npm, pinned in package-lock.json) for the accessibility browser tests; never a CDN.
# Installed again only when the lock file changes.
axe: node_modules/installed

node_modules/installed: package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# The browser tests drive Debian's chromium (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium: sudo apt-get install -y chromium" >&2; exit 1; \
	  fi; }

lint: install-dev
	$(BIN)/ruff check src tests
	$(BIN)/lint-imports

# Extract new texts into the catalogues (then translate nl, and run `make test`).
translations: install-dev
	$(BIN)/pybabel extract --mapping babel.cfg --keywords _l --keywords lazy_pgettext:1c,2 --no-location --sort-output --output-file src/challenges/translations/messages.pot src templates
	$(BIN)/pybabel update --input-file src/challenges/translations/messages.pot --output-dir src/challenges/translations --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) node_modules dist build
