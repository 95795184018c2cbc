# `make build` and `make test` set themselves up: a local virtual environment with pinned packages.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PAPERS ?= papers
SITE   ?= site
CORPUS ?= ../shared/corpora/arxiv-cs-2025.jsonl.gz
N      ?= 35020
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test lint serve deploy quality clean

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

build: $(VENV)/.runtime  ## Generate the pages from $(PAPERS) and build the site in $(SITE)/
	$(BIN)/python -m generator build $(foreach p,$(PAPERS),--papers $(p)) --site $(SITE) \
		$(if $(SKIP_INVALID),--skip-invalid)

test: $(VENV)/.dev  ## Unit, golden, property and end-to-end tests
	$(BIN)/python -m pytest -q

lint: $(VENV)/.dev  ## ruff and mypy
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

serve: build  ## Preview with live reload on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve

deploy: build  ## Publish site/ to the gh-pages branch
	$(BIN)/mkdocs gh-deploy --force

quality: build  ## Related-paper precision against hand-labelled topics (needs ../shared)
	$(BIN)/pip install --quiet numpy scikit-learn
	$(BIN)/python -m generator build --papers ../shared/eval/day-2025-10-15.topics.json \
		--docs build/eval/docs --no-site
	$(BIN)/python ../shared/eval/related_quality.py build/eval/docs/papers.json \
		--gold ../shared/eval/day-2025-10-15.topics.json

clean:
	rm -rf $(SITE) build .cache docs/index.md docs/papers docs/themes docs/papers.json
