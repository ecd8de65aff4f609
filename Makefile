# Each target is a thin line over scripts/; `make help` lists them.
# The README's two commands are `make serve` and `make test`: both set everything up first.
PY := .venv/bin/python
# Material prints an end-of-life banner at every build; MAINTAINERS.md covers the move to Zensical.
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help
.PHONY: help setup generate wheel site serve test lint readability bench mutate clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

setup:  ## install everything (Chromium, .venv, npm packages); skips what is up to date
	@bash scripts/setup.sh

generate: setup  ## write the site's policy tables and FAQ data into generated/
	@$(PY) scripts/generate_content.py

wheel: setup  ## build the estimator wheel, the Pyodide runtime and pyodide-lock.json into docs/assets/runtime/
	@$(PY) scripts/build_runtime.py

site: generate wheel  ## build the complete static site into site/ (strict), with its service worker and _headers
	@$(PY) -m mkdocs build --strict --quiet
	@$(PY) scripts/finish_site.py
	@echo "site/ is ready to copy to any static host"

serve: generate wheel  ## preview the site with live reload at http://127.0.0.1:8000/
	@$(PY) scripts/serve.py

lint: wheel  ## ruff, mypy --strict, codespell; Biome (JS lint + format) and tsc --checkJs --strict
	@$(PY) -m ruff check estimator tests scripts
	@$(PY) -m ruff format --check estimator tests scripts
	@$(PY) -m mypy
	@$(PY) -m codespell_lib docs estimator README.md MAINTAINERS.md
	@node_modules/.bin/biome check
	@$(PY) scripts/contract_samples.py
	@node_modules/.bin/tsc -p tsconfig.json
	@node_modules/.bin/tsc -p tsconfig.worker.json
	@node_modules/.bin/tsc -p tsconfig.node.json

test: site lint  ## everything: lint, CPython tests, the same tests in Pyodide, site and browser tests
	@node tests/pyodide/run_in_pyodide.mjs
	@$(PY) -m pytest -n 2 -q

readability: setup  ## every page's Flesch reading-ease score (the floor is 60)
	@$(PY) tests/site/test_prose.py

bench: site  ## benchmarks (not tests): the site in headless Chromium against a bare Pyodide boot, and estimates per second in CPython and Pyodide
	@$(PY) scripts/bench_site.py

mutate: setup  ## mutation testing of estimator/ with its tests (slow, not part of `test`); fails if a mutant survives
	@bash scripts/mutate.sh

clean:  ## remove build output (keeps .venv and node_modules)
	rm -rf build generated site docs/assets/runtime bench-results mutants .pytest_cache .mypy_cache .ruff_cache .hypothesis
