# Two commands set everything up: `make generate`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CODEGEN := $(BIN)/akeneo-codegen
SPEC := spec/openapi.yaml
# The companion document beside it (generator/companions.py): generate and check include it.
EVENTS_SPEC := spec/event-platform/openapi.yaml
OUTPUT := generated
# The contract suite's own venv: openapi-core's pins conflict with the generator's (tests/contract/requirements.txt).
CONTRACT_VENV := .venv-contract
CONTRACT_STAMP := $(CONTRACT_VENV)/.installed

.PHONY: generate validate check test pytest typecheck lint golden bench spec-diff clean help contract package-test spec-lint

help:
	@echo "make generate   set up .venv (first run), validate the spec, regenerate $(OUTPUT)/"
	@echo "make test       everything CI checks: pytest, mypy --strict, ruff, make check"
	@echo "make check      fail with a diff when $(OUTPUT)/ differs from what the spec gives"
	@echo "make validate   report every problem of the spec"
	@echo "make lint       ruff and mypy only"
	@echo "make contract   every operation through the client, validated against the spec (openapi-core)"
	@echo "make package-test  build wheel and sdist, install and type-check them on Python 3.10 and 3.13"
	@echo "make golden     regenerate the generator's own golden copies under tests/golden/"
	@echo "make bench      time regeneration, the spec diff and the runtime; figures go to bench/results.md"
	@echo "make spec-diff  BASE=<rev>: what spec/ changes since <rev> (default HEAD), API and client"
	@echo "make spec-lint  bundle the spec; openapi-python-client and Redocly lint must give 0 warnings"
	@echo "make docs       build the documentation site into site/ (mkdocs --strict)"
	@echo "make docs-test  the site in headless Chromium: search, links, console errors; screenshots in site-test/"
	@echo "make clean      remove .venv and caches"

# The virtual environment, rebuilt when the pins change.
$(STAMP): pyproject.toml requirements-lock.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is needed, found " + sys.version)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements-lock.txt -e '.[dev]'
	touch $(STAMP)

validate: $(STAMP)
	$(CODEGEN) validate $(SPEC)
	$(CODEGEN) validate $(EVENTS_SPEC)

generate: validate
	$(CODEGEN) generate $(SPEC) -o $(OUTPUT)

check: $(STAMP)
	$(CODEGEN) check $(SPEC) -o $(OUTPUT)

pytest: $(STAMP)
	$(BIN)/pytest -n 2 -p no:cacheprovider

typecheck: $(STAMP)
	$(BIN)/mypy --strict generator tools scripts
	cd $(OUTPUT) && ../$(BIN)/mypy --strict --cache-dir ../.mypy_cache/generated akeneo_pim

lint: $(STAMP) typecheck
	$(BIN)/ruff check generator tests templates/runtime templates/testing bench scripts tools $(OUTPUT)

$(CONTRACT_STAMP): tests/contract/requirements.txt
	test -x $(CONTRACT_VENV)/bin/python || $(PYTHON) -m venv $(CONTRACT_VENV)
	$(CONTRACT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/contract/requirements.txt
	touch $(CONTRACT_STAMP)

contract: $(CONTRACT_STAMP)
	AKENEO_CONTRACT=1 PYTHONPATH=.:$(OUTPUT) $(CONTRACT_VENV)/bin/python -m pytest -n 2 -p no:cacheprovider $(OUTPUT)/tests tests/contract

package-test: $(STAMP)
	$(BIN)/python tests/package/check_package.py

test: lint check spec-lint package-test contract pytest docs-test

golden: $(STAMP)
	$(BIN)/python -m tests.golden.regenerate

bench: $(STAMP)
	$(BIN)/python -m bench.bench_generate bench/results.md
	$(BIN)/python -m bench.bench_diff bench/results.md
	PYTHONPATH=$(OUTPUT) $(BIN)/python -m bench.bench_runtime bench/results.md
	PYTHONPATH=$(OUTPUT) $(BIN)/python -m bench.bench_prefetch bench/results.md
	PYTHONPATH=$(OUTPUT) $(BIN)/python -m bench.bench_batch_memory bench/results.md

# What the work tree's spec/ changes since BASE, to the HTTP API and to the Python client.
BASE ?= HEAD
FORMAT ?= text
spec-diff: $(STAMP)
	$(CODEGEN) diff --base $(BASE) --head spec --format $(FORMAT)

clean:
	rm -rf $(VENV) $(CONTRACT_VENV) $(TOOLS_VENV) tools/openapi-lint/node_modules .cache .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The bundled spec through other OpenAPI tools, 0 warnings (tools/spec_lint.py). openapi-python-client
# has its own venv (its pins are not the generator's); Redocly CLI is pinned in tools/openapi-lint.
TOOLS_VENV := .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.installed
LINT_STAMP := tools/openapi-lint/node_modules/.installed
BUNDLE := build/openapi.yaml

$(TOOLS_STAMP): tools/openapi-python-client/requirements.txt
	test -x $(TOOLS_VENV)/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tools/openapi-python-client/requirements.txt
	touch $(TOOLS_STAMP)

$(LINT_STAMP): tools/openapi-lint/package.json tools/openapi-lint/package-lock.json
	cd tools/openapi-lint && npm ci --no-audit --no-fund --silent
	touch $(LINT_STAMP)

spec-lint: $(STAMP) $(TOOLS_STAMP) $(LINT_STAMP)
	$(CODEGEN) bundle $(SPEC) -o $(BUNDLE)
	$(BIN)/python tools/spec_lint.py $(BUNDLE) $(TOOLS_VENV)/bin/openapi-python-client tools/openapi-lint/node_modules/.bin/redocly
# 10 minutes of mixed calls from 64 threads and 500 tasks against a hostile local server; not part
# of `make test`. SOAK_SECONDS=60 for a shorter run. Figures go to bench/results.md.
SOAK_SECONDS ?= 600
.PHONY: soak
soak: $(STAMP)
	PYTHONPATH=$(OUTPUT):tests/runtime $(BIN)/python -m bench.soak --seconds $(SOAK_SECONDS) bench/results.md

# The documentation site: sources from docs/ and the IR (generator/docs.py), built by MkDocs with
# --strict (any warning fails) into site/; docs-test checks it in headless Chromium (tests/docs/browser.py).
DOCS_SRC := build/docs-src
CHROMIUM := /usr/bin/chromium
.PHONY: docs docs-test
docs: $(STAMP)
	$(BIN)/python -m generator.docs $(SPEC) $(DOCS_SRC)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

$(CHROMIUM):
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

docs-test: docs $(CHROMIUM)
	$(BIN)/python -m tests.docs.browser site site-test --chromium $(CHROMIUM)
