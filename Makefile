# Every target creates .venv and installs what it needs; nothing relies on a manual step.
# Versions are pinned in constraints.txt (Python) and package-lock.json (KaTeX).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PY_STAMP := $(VENV)/.installed
JS_STAMP := node_modules/.installed
HOST := 127.0.0.1
PORT := 8000
# mkdocs-material 9.8 prints an end-of-life notice on every run; it is not a build problem.
export NO_MKDOCS_2_WARNING := 1
# ...and a plugin (mkdocs-redirects or mkdocs-static-i18n) prints a banner of its own about MkDocs 2.
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve site test test-oldest check-site bench lint clean mutation

help:
	@echo "make serve       build the site (notebooks executed) and serve it on http://$(HOST):$(PORT)"
	@echo "make test        unit, property, reference and docs-example tests, then a strict build"
	@echo "make test-oldest the unit tests, docs examples and paste test on the oldest NumPy declared"
	@echo "make site        build the site into site/"
	@echo "make check-site  open every page of the built site in headless chromium"
	@echo "make bench       timings side by side with PyTorch (CPU)"
	@echo "make lint        ruff and mypy"
	@echo "make mutation MODULE=name  mutmut on src/dlnotes/<name>.py with its tests (minutes; not in CI)"

install: $(PY_STAMP) $(JS_STAMP)

$(PY_STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

site: install
	$(BIN)/mkdocs build --strict

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST):$(PORT)

# pytest and the strict build (which executes the notebooks, or reuses their cached outputs)
# run side by side on the two cores; the build's log is printed after the tests.
test: install
	@mkdir -p .cache
	@$(BIN)/mkdocs build --strict > .cache/build.log 2>&1 & build=$$!; \
	$(PY) -m pytest; tests=$$?; \
	wait $$build; built=$$?; \
	echo "== mkdocs build --strict (exit $$built)"; cat .cache/build.log; \
	test $$tests -eq 0 && test $$built -eq 0

# The oldest NumPy that pyproject.toml declares (numpy>=1.26), in a second venv: every other
# package at its pin in constraints.txt. The tests of the site, the benchmarks and the notebooks
# do not depend on the NumPy version and are left out (a few minutes in all).
NUMPY_OLDEST := 1.26.4
OLDEST := .venv-oldest
OLDEST_STAMP := $(OLDEST)/.installed
OLDEST_TESTS := $(filter-out $(addprefix tests/test_,bench.py build_cache.py errata_table.py \
	exercise_pages.py exercises_cli.py glossary.py glossary_search.py page_structure.py \
	rooms.py source_text.py translation.py), $(wildcard tests/test_*.py))

$(OLDEST_STAMP): pyproject.toml constraints.txt
	test -x $(OLDEST)/bin/python || $(PYTHON) -m venv $(OLDEST)
	grep -v '^numpy==' constraints.txt > $(OLDEST)/constraints.txt
	$(OLDEST)/bin/python -m pip install --quiet --disable-pip-version-check \
		-c $(OLDEST)/constraints.txt 'numpy==$(NUMPY_OLDEST)' -e '.[test,reference,fast]'
	touch $@

test-oldest: $(OLDEST_STAMP)
	$(OLDEST)/bin/python -c 'import numpy; assert numpy.__version__ == "$(NUMPY_OLDEST)", numpy.__version__'
	$(OLDEST)/bin/python -m pytest -q -p no:cacheprovider $(OLDEST_TESTS) docs src

check-site: install
	@command -v chromium >/dev/null || { \
		echo "chromium is missing: installing Debian's package"; \
		$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
		$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium >/dev/null; }
	$(BIN)/mkdocs build --strict
	$(PY) -m pytest -m browser tests/browser

bench: install
	$(PY) benchmarks/bench.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# One chapter module at a time (the whole package would take hours); hypothesis seeded so a score
# does not move between runs; niced, since it keeps both cores busy. Last line: the score.
mutation: install
	@test -n "$(MODULE)" || { echo "usage: make mutation MODULE=name (a module of src/dlnotes)"; exit 2; }
	DLNOTES_HYPOTHESIS_PROFILE=mutation nice -n 10 $(PY) tools/mutation.py $(MODULE)

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache .hypothesis .cache
