# The two commands a newcomer needs: `make run` (demo portal on http://127.0.0.1:8000/)
# and `make test`. Each target sets up what it needs, starting from a clean clone.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

# A stamp named after the requirement files' hash: pip runs again only when they change.
REQ_HASH := $(shell sha256sum < requirements.txt | cut -c1-12)
DEV_HASH := $(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
RUN_STAMP := $(VENV)/.installed-$(REQ_HASH)
DEV_STAMP := $(VENV)/.installed-dev-$(DEV_HASH)
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check

# A virtualenv whose stamp is there but not every tool the targets run (copied or restored
# from elsewhere, or a tool removed by hand) is installed again rather than trusted.
DEV_TOOLS := $(BIN)/pytest $(BIN)/ruff $(BIN)/lint-imports $(BIN)/bandit
ifneq ($(words $(wildcard $(DEV_TOOLS))),$(words $(DEV_TOOLS)))
.PHONY: $(DEV_STAMP)
endif

.PHONY: help run test lint messages bench worker beat clean

help:
	@echo "make run       demo portal on http://127.0.0.1:8000/ (SQLite, tasks in-process)"
	@echo "make test      the test suite (SQLite, tasks in-process, one process per core; PYTEST_ARGS passed on)"
	@echo "make lint      ruff check, ruff format --check, the import contracts (lint-imports), bandit"
	@echo "make messages  update and compile locale/ (needs gettext)"
	@echo "make bench     benchmarks (bench/run.py)"
	@echo "make worker    Celery worker  } both need CELERY_BROKER_URL, as the web process does"
	@echo "make beat      Celery beat    }"
	@echo "make clean     remove the virtualenv and caches (keeps var/: local database, key)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# requirements-dev.txt includes requirements.txt, so it satisfies the runtime stamp too.
$(DEV_STAMP): | $(BIN)/python
	$(PIP_INSTALL) -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@ $(RUN_STAMP)

# The demo runs as users will see it: the portal's own error pages, not Django's debug page
# (which lists every address). `make run DEBUG=1` for the debug page.
run: $(RUN_STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	DEBUG=$(or $(DEBUG),0) $(MANAGE) runserver 127.0.0.1:8000

test: $(DEV_STAMP)
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/bandit -c pyproject.toml -r . -q

messages: $(DEV_STAMP)
	$(MANAGE) makemessages -l zh_Hans -l en \
		--ignore=.venv --ignore=var --ignore=staticfiles --ignore=static --ignore=bench --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

worker: $(RUN_STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0" >&2; exit 1; }
	$(BIN)/celery -A portal worker -l info

beat: $(RUN_STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0" >&2; exit 1; }
	mkdir -p var
	$(BIN)/celery -A portal beat -l info --schedule var/celerybeat-schedule

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
