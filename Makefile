# Two commands set everything up: `make generate`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CODEGEN := $(BIN)/akeneo-codegen
SPEC := spec/openapi.yaml
OUTPUT := generated

.PHONY: generate validate check test pytest typecheck lint golden bench clean help

help:
	@echo "make generate   set up .venv (first run), validate the spec, regenerate $(OUTPUT)/"
	@echo "make test       everything CI checks: pytest, mypy --strict, ruff, make check"
	@echo "make check      fail with a diff when $(OUTPUT)/ differs from what the spec gives"
	@echo "make validate   report every problem of the spec"
	@echo "make lint       ruff and mypy only"
	@echo "make golden     regenerate the generator's own golden copies under tests/golden/"
	@echo "make bench      time regeneration; figures go to bench/results.md"
	@echo "make clean      remove .venv and caches"

# The virtual environment, rebuilt when the pins change.
$(STAMP): pyproject.toml requirements-lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed, found " + sys.version)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements-lock.txt -e '.[dev]'
	touch $(STAMP)

validate: $(STAMP)
	$(CODEGEN) validate $(SPEC)

generate: validate
	$(CODEGEN) generate $(SPEC) -o $(OUTPUT)

check: $(STAMP)
	$(CODEGEN) check $(SPEC) -o $(OUTPUT)

pytest: $(STAMP)
	$(BIN)/pytest -n 2 -p no:cacheprovider

typecheck: $(STAMP)
	$(BIN)/mypy --strict generator
	cd $(OUTPUT) && ../$(BIN)/mypy --strict --cache-dir ../.mypy_cache/generated akeneo_pim

lint: $(STAMP) typecheck
	$(BIN)/ruff check generator tests templates/runtime $(OUTPUT)

test: lint check pytest

golden: $(STAMP)
	$(BIN)/python -m tests.golden.regenerate

bench: $(STAMP)
	$(BIN)/python bench/bench_generate.py bench/results.md

clean:
	rm -rf $(VENV) .cache .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
