# Two commands on a fresh machine: `make run` (install + launch) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

.PHONY: run test lint format bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Install into .venv and open the explorer (pass options with ARGS="--topic mechanism/bdnf").
run: $(VENV)/.installed
	$(BIN)/semax-explorer $(ARGS)

## Install the test dependencies and run every test.
test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

## ruff and mypy, as CI runs them.
lint: $(VENV)/.test-installed
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/mypy

format: $(VENV)/.test-installed
	$(BIN)/ruff format tui tests benchmarks
	$(BIN)/ruff check --fix tui tests benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

## Speed and memory against baselines from the same run (not part of make test).
bench: $(VENV)/.test-installed
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)
