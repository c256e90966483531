# docket's single entry point. `make demo` and `make test` work on a fresh machine with Python 3.11:
# they build the virtual environment from the hashed lock file first.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit serve lock bench clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; docket needs Python 3.11 (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m docket.knowledge.gazetteer build
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/docket demo

lint: install
	$(BIN)/ruff check src tests scripts benchmarks training
	$(BIN)/ruff format --check src tests scripts benchmarks training
	$(BIN)/vulture  # dead code; paths, confidence and the framework-only names in pyproject.toml

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/python benchmarks/ingest.py

lock:
	$(BIN)/pip-compile --quiet --no-emit-index-url --no-emit-find-links --generate-hashes --extra dev --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) docket-data .pytest_cache .mypy_cache .ruff_cache
