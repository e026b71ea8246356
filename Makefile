# Two commands on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
CHROMIUM := /usr/bin/chromium

.PHONY: run test test-unit test-app test-e2e warehouse refresh bench bench-quick lint clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Rebuilt when the snapshot, the catalogue, the region or the ETL code change.
data/warehouse/CURRENT: $(VENV)/.installed region.toml etl/catalog.toml $(wildcard data/snapshot/*) $(wildcard etl/*.py etl/sources/*.py etl/sql/*.sql)
	$(PY) -m etl build

warehouse: data/warehouse/CURRENT

# Fresh data from Statistics Finland, then a new warehouse: for cron or a systemd timer (README "Keeping the
# data fresh"). Stops at the first step that fails and exits non-zero (make's 2; its last line names the
# step's own code, e.g. 3 = a source failed): no build after a failed fetch, the current warehouse keeps
# serving. etl/buildlock.py keeps a second build from overlapping a running one. Like `make run`, it installs
# the requirements first when requirements.txt has changed.
refresh: $(VENV)/.installed
	$(PY) -m etl --quiet fetch
	$(PY) -m etl --quiet build --wait 900

run: $(VENV)/.installed data/warehouse/CURRENT
	$(PY) -m streamlit run app.py --server.address=localhost --server.port=$(PORT)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests (needs root or sudo)…"
	if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-dejavu-core

test: $(VENV)/.installed-dev $(CHROMIUM)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m tests.suite

test-unit: $(VENV)/.installed-dev
	$(PY) -m pytest -q tests/unit

test-app: $(VENV)/.installed-dev
	$(PY) -m pytest -q tests/app

test-e2e: $(VENV)/.installed-dev $(CHROMIUM)
	$(PY) -m pytest -q -m e2e

# Every benchmark of issue 7 (a few minutes); writes docs/benchmarks.md. Parts: python -m bench --help
bench: $(VENV)/.installed-dev $(CHROMIUM)
	$(PY) -m bench

# The page rerun ratios only, fewer repetitions; prints, writes no file.
bench-quick: $(VENV)/.installed-dev
	$(PY) -m bench --only pages --runs 5 --warmup 1 --budget 10

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) data/warehouse .pytest_cache .ruff_cache
