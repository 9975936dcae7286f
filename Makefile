# Every command creates the virtual environment on first use: a fresh clone needs only
# Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed
# The Django templates, which djhtml indents (every app keeps its own under templates/).
TEMPLATES = $(shell find . -path ./.venv -prune -o -path ./node_modules -prune -o -path '*/templates/*.html' -print)
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run serve test lint format messages bench opensearch screenshots clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# axe-core for the browser tests' accessibility checks, from package-lock.json, when npm is
# there; without it the browser tests skip the axe check locally (CI requires it).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm not found: the browser tests will skip the axe-core check (apt-get install npm)"; fi

install: $(STAMP) $(AXE) ## Create .venv and install the pinned dependencies (and axe-core with npm)
	$(MANAGE) compile_ui_messages

run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install ## Migrate SQLite, load the demo content, set up the partner languages, serve
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) setup_partners
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Production settings under gunicorn, with the task worker (set SECRET_KEY, ALLOWED_HOSTS)
	HOST=$(HOST) PORT=$(PORT) PYTHON=$(BIN)/python repo_site/serve.sh

test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff check and format check; template indentation; mypy on the typed core; migrations up to date
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "$(BIN)/djhtml --check <templates>" && $(BIN)/djhtml --check $(TEMPLATES)
	$(BIN)/mypy
	$(MANAGE) makemigrations --check --dry-run

format: install ## Apply ruff's fixes and formatting, and indent the templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATES)

messages: install ## Refresh locale/*/django.po from the templates and code
	$(MANAGE) makemessages --all --no-location --ignore=.venv --ignore=tests --ignore=bench

bench: install ## Benchmarks as ratios to baselines in the same run (options: BENCH_ARGS=--help)
	$(BIN)/python -m bench $(BENCH_ARGS)

opensearch: ## Run a local single-node OpenSearch 2.19 on 127.0.0.1, port OPENSEARCH_PORT (9200)
	search/opensearch/run.sh

screenshots: install ## Retake the README screenshots (docs/screenshots) in headless Chromium
	SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest tests/e2e/test_screenshots.py -q

clean: ## Remove the virtual environment, database, media and caches
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache search/opensearch/target search/opensearch/.node
