# Two commands on a fresh machine: `make run` (install + launch) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARGS   ?=

PORT   ?= 8000

.PHONY: run serve test test-newest lint format bench clean

# The newest Python this machine has (pyenv's, else python3.13/3.12 on the PATH): the suite
# runs on it too, as CI does, so code that only one Python accepts is caught.
NEWEST ?= $(shell ls -d $$HOME/.pyenv/versions/3.*/bin/python3 2>/dev/null | sort -V | tail -1)

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

$(VENV)/.serve-installed: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[serve]'
	touch $@

## The explorer in a web browser on this machine (open the URL it prints; PORT=8000 by default).
serve: $(VENV)/.serve-installed
	$(BIN)/semax-explorer serve --port $(PORT) $(ARGS)

## Install the test dependencies and run every test.
test: $(VENV)/.test-installed
	@tools/system-deps
	$(BIN)/python -m pytest

## The whole suite again on the newest Python here (in .venv-newest).
test-newest:
	@if [ -z "$(NEWEST)" ]; then echo "no other Python here: skipped"; exit 0; fi
	@echo "the suite on $$($(NEWEST) --version)"
	@[ -x .venv-newest/bin/python ] || $(NEWEST) -m venv .venv-newest
	.venv-newest/bin/python -m pip install --quiet --upgrade pip
	.venv-newest/bin/python -m pip install --quiet -e '.[test]'
	# One snapshot is compared on 3.11 only (tests/app/test_snapshots.py says why): unused here, not failed.
	.venv-newest/bin/python -m pytest -q --snapshot-warn-unused

## ruff and mypy, as CI runs them.
lint: $(VENV)/.test-installed
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/mypy

format: $(VENV)/.test-installed
	$(BIN)/ruff format tui tests benchmarks
	$(BIN)/ruff check --fix tui tests benchmarks

clean:
	rm -rf $(VENV) .venv-newest build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

## Speed and memory against baselines from the same run (not part of make test). Item 9
## times the served explorer in Chromium, which tools/system-deps installs.
bench: $(VENV)/.test-installed
	@tools/system-deps
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)
