# The two commands of the README: `make run` and `make test`. Everything else is for developers.
# Installs come from the lock files in requirements/ (exact versions with hashes), so every machine
# gets the set the suite passed on; `make lock` regenerates them from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
TEST_STAMP := $(VENV)/.test-installed
# uv resolves for a target interpreter and platform rather than the one running it, so the lock is
# the same whoever runs `make lock` (docs/configuration.md, "Reproducible installs").
TOOLS := .venv-tools
UV := $(TOOLS)/bin/uv
LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform linux \
	--index-url https://pypi.org/simple --quiet

.PHONY: run test lint format bench lock test-latest smoke screenshots clean plotly-bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements/runtime.txt pyproject.toml | $(BIN)/python
	@echo "== installing the runtime dependencies (requirements/runtime.txt) into $(VENV): a few minutes the first time"
	$(BIN)/pip install --require-hashes --no-deps -r requirements/runtime.txt
	$(BIN)/pip install --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): requirements/test.txt pyproject.toml | $(BIN)/python
	@echo "== installing the runtime and test dependencies (requirements/test.txt) into $(VENV): a few minutes the first time"
	$(BIN)/pip install --require-hashes --no-deps -r requirements/test.txt
	$(BIN)/pip install --no-deps --no-build-isolation -e .
	touch $@ $(RUNTIME_STAMP)

## run: the product on its embedded default (SQLite, demo data, dashboard at :8050, scheduler)
run: $(RUNTIME_STAMP)
	$(BIN)/samenwerkingsmonitor run

## test: lint and format checks, then the whole test suite (PostgreSQL too when TEST_DATABASE_URL is set)
## in TEST_WORKERS parallel processes (pytest-xdist; the browser tests share one of them)
TEST_WORKERS ?= 2
test: $(TEST_STAMP) lint
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadgroup

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## smoke: the production shape on this machine (PostgreSQL, migrate, gunicorn behind Caddy, scheduler)
smoke: $(TEST_STAMP)
	$(BIN)/python deploy/smoke.py

## screenshots: pictures of the pages for docs/handleiding.md in docs/img/ (the product on demo data
## on a port and temporary database of its own, driven in headless Chromium: docs/layout.md)
screenshots: $(TEST_STAMP)
	$(BIN)/python docs/screenshots.py

## plotly-bundle: dashboard/assets/plotly-monitor.min.js again, from dashboard/plotlyjs (npm, its lock
## file with hashes; the same bytes each time): after an upgrade of plotly or a new trace type in
## charts/template.py (tests/test_plotly_bundle.py says when)
plotly-bundle:
	cd dashboard/plotlyjs && npm ci --ignore-scripts --no-audit --no-fund && npm run build && rm -rf node_modules

## bench: the national-scale benchmark (see README)
bench: $(TEST_STAMP)
	$(BIN)/python bench/benchmark.py

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv>=0.5,<1"

## lock: regenerate requirements/*.txt from pyproject.toml, keeping the current pins where they still
## fit (UPGRADE=1: the newest allowed versions). The test set is resolved first and the runtime set
## then prefers its pins, so both files name the same version of every package they share.
lock: $(UV)
	$(UV) pip compile pyproject.toml --extra test $(LOCK_FLAGS) $(if $(UPGRADE),--upgrade) \
		-o requirements/test.txt
	cp requirements/test.txt requirements/runtime.txt
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -o requirements/runtime.txt
	@echo "requirements/runtime.txt: $$(grep -c '^[a-z]' requirements/runtime.txt) packages," \
		"requirements/test.txt: $$(grep -c '^[a-z]' requirements/test.txt)"

## test-latest: the suite on the newest versions pyproject.toml allows, in its own venv (not CI's path)
test-latest:
	$(PYTHON) -m venv $(VENV)-latest
	@echo "== installing the newest allowed versions into $(VENV)-latest"
	$(VENV)-latest/bin/pip install --upgrade --upgrade-strategy eager -e ".[test]"
	$(VENV)-latest/bin/pip list
	$(VENV)-latest/bin/pytest -q

clean:
	rm -rf $(VENV) $(VENV)-latest $(TOOLS) var .pytest_cache .ruff_cache
