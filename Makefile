# Sentra — the two commands a newcomer needs are `make run` and `make test`.
# Needs only Python 3.11+ and make; everything else goes into .venv.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest workers (pytest-xdist); 0 runs the suite in one process.
WORKERS ?= 2
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k reservation -x"`.
PYTEST_ARGS ?=
# SKIP_BROWSER=1 leaves out the browser tests even when Chromium is installed (.ci/run runs them apart).
SKIP_BROWSER ?=
CHROMIUM := $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || true)
MSGFMT := $(shell command -v msgfmt 2>/dev/null || true)
LOCALE_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media --ignore=bench/data --ignore=bench/peer/.venv

ifeq ($(WORKERS),0)
XDIST :=
else
XDIST := -n $(WORKERS)
endif

# yes when the browser tests run: Chromium is installed and SKIP_BROWSER is not set.
ifneq ($(SKIP_BROWSER),)
RUN_BROWSER :=
else ifeq ($(CHROMIUM),)
RUN_BROWSER :=
else
RUN_BROWSER := yes
endif

.PHONY: help screens run test lint check-migrations check-translations pytest bench bench-peer messages compilemessages clean distclean

help:
	@echo "make run     serve the demo site at http://$(HOST):$(PORT)/ (SQLite, demo data, DEBUG on)"
	@echo "make test    ruff, migration and translation checks, then the test suite"
	@echo "make bench   performance benchmark (bench/run.py)"
	@echo "make screens screenshots of every role's pages at 360x740 and 1280x800 in screens/ (Chromium)"
	@echo "make bench-peer  the benchmark with django-oscar measured beside Sentra (own virtualenv)"
	@echo "make messages  update locale/en/LC_MESSAGES/django.po and compile it"
	@echo "make clean   remove caches and collected static files (distclean: also .venv, db.sqlite3, media)"

# --- virtualenv -------------------------------------------------------------

$(PY):
	@py=""; \
	for candidate in python3.11 python3.12 python3.13 python3.14 python3; do \
	  if command -v $$candidate >/dev/null 2>&1 \
	     && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then \
	    py=$$candidate; break; \
	  fi; \
	done; \
	if [ -z "$$py" ]; then echo "ERROR: Sentra needs Python 3.11 or newer (python3.11 or python3)." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$py ($$($$py --version))"; \
	$$py -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "ERROR: could not create $(VENV); on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }

# Stamp files: pip runs again only when a requirements file changes.
$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

# --- make run ---------------------------------------------------------------

run: export DJANGO_DEBUG = 1
# Links in emails and printed QR labels follow PORT (`make run PORT=8001`), also when the shell or .env still
# names a local :8000 address; a real site URL (https://…) set in the environment is kept.
run: export SENTRA_SITE_URL := $(if $(filter http://127.0.0.1:% http://localhost:%,$(SENTRA_SITE_URL)),http://$(HOST):$(PORT),$(or $(SENTRA_SITE_URL),http://$(HOST):$(PORT)))
run: $(VENV)/.installed-run
	@if [ -n "$(MSGFMT)" ]; then $(MANAGE) compilemessages $(LOCALE_IGNORE) -v 0; \
	else echo "msgfmt not found: using the committed .mo translation files"; fi
	$(MANAGE) migrate --no-input -v 1
	@if ! $(MANAGE) help seed_demo >/dev/null 2>&1; then \
	  echo "WARNING: manage.py seed_demo is not available yet; the site starts without demo data."; \
	elif $(MANAGE) shell -v 0 -c "import sys; from vendors.models import Centre; sys.exit(0 if Centre.objects.exists() else 1)"; then \
	  echo "Database already has data: not seeding (run 'manage.py seed_demo' yourself to refresh it)."; \
	else \
	  echo "Empty database: loading demo data (manage.py seed_demo)"; $(MANAGE) seed_demo; \
	fi
	$(MANAGE) createcachetable
	@echo ""
	@echo "Sentra runs at http://$(HOST):$(PORT)/  — demo accounts in README.md (password: sentra-demo). Ctrl+C stops."
	@echo "Links in emails and QR labels: $$SENTRA_SITE_URL"
	@echo "The task worker (emails) runs beside it: manage.py db_worker."
	@$(MANAGE) db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# --- make test --------------------------------------------------------------

test: lint check-migrations check-translations pytest

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check-migrations: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=tests.settings $(MANAGE) makemigrations --check --dry-run

check-translations:
	@bash .ci/check-translations

pytest: $(VENV)/.installed-dev
	@if [ -z "$(CHROMIUM)" ] && [ -z "$(SKIP_BROWSER)" ]; then \
	  echo ""; \
	  echo "################################################################################"; \
	  echo "#  Chromium NOT FOUND: the browser tests (-m browser) are SKIPPED.             #"; \
	  echo "#  Install Debian's chromium (apt-get install chromium) to run them.           #"; \
	  echo "################################################################################"; \
	  echo ""; \
	fi
	$(VENV)/bin/pytest $(XDIST) -m "not browser" $(PYTEST_ARGS)
	@# Browser tests run apart, as in .ci/run: their live server flushes the database between tests.
	@if [ -n "$(RUN_BROWSER)" ]; then \
	  code=0; $(VENV)/bin/pytest -m browser $(PYTEST_ARGS) || code=$$?; \
	  if [ $$code -eq 5 ]; then echo "No browser tests selected."; elif [ $$code -ne 0 ]; then exit $$code; fi; \
	fi

# --- other ------------------------------------------------------------------

# Screenshots per role journey, phone and desktop, in screens/ (not committed); Debian's Chromium, never
# `playwright install`.
screens: $(VENV)/.installed-dev
	@if [ -z "$(CHROMIUM)" ]; then echo "ERROR: Chromium not found (apt-get install chromium)" >&2; exit 1; fi
	rm -rf screens
	SENTRA_SCREENS=$(CURDIR)/screens $(VENV)/bin/pytest -q -m browser -p no:randomly tests/browser/test_screens.py
	@echo "Screenshots in screens/ ($$(ls screens | wc -l) files)."

bench: $(VENV)/.installed-dev
	@if [ -f bench/run.py ]; then $(PY) bench/run.py $(BENCH_ARGS); \
	else echo "bench/run.py does not exist yet."; fi

# django-oscar in its own virtualenv (bench/peer/requirements.txt), measured beside Sentra in the same run.
PEER_VENV := bench/peer/.venv
$(PEER_VENV)/.installed: bench/peer/requirements.txt | $(PY)
	$(PY) -c "import venv; venv.create('$(PEER_VENV)', with_pip=True)"
	$(PEER_VENV)/bin/python -m pip --disable-pip-version-check install -q -r bench/peer/requirements.txt
	@touch $@

bench-peer: $(VENV)/.installed-dev $(PEER_VENV)/.installed
	$(PY) bench/run.py --peer $(PEER_VENV)/bin/python $(BENCH_ARGS)

messages: export DJANGO_DEBUG = 1
messages: $(VENV)/.installed-run
	@if [ -z "$(MSGFMT)" ]; then echo "ERROR: gettext is needed (apt-get install gettext)" >&2; exit 1; fi
	$(MANAGE) makemessages -l en $(LOCALE_IGNORE) --no-obsolete
	$(MANAGE) compilemessages $(LOCALE_IGNORE)

compilemessages: export DJANGO_DEBUG = 1
compilemessages: $(VENV)/.installed-run
	$(MANAGE) compilemessages $(LOCALE_IGNORE)

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .hypothesis staticfiles test-results

distclean: clean
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media private
