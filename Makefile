# Everything a fresh machine with Python 3.11 and make needs: `make book`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0

.PHONY: book test lint unit notebooks book-strict browser clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

book: $(STAMP)  ## build the book into _build/html, executing every chapter
	$(BIN)/jupyter-book build .

test: lint unit notebooks book-strict browser  ## every test

lint: $(STAMP)  ## ruff: lint and format check (lines <= 100, so no code block in the book scrolls)
	$(BIN)/ruff check gan_tutorial tests benchmarks tools
	$(BIN)/ruff format --check gan_tutorial tests benchmarks tools

unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/test_browser.py

notebooks: $(STAMP)  ## every chapter runs and its check cells pass
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env --timeout=300 -p no:cacheprovider book

book-strict: $(STAMP)  ## a fresh build (--all) in which any warning, failed notebook or broken reference fails
	$(BIN)/jupyter-book build --all -W -n --keep-going .

browser: $(STAMP)  ## each rendered page in headless Chromium
	$(BIN)/python -m pytest tests/test_browser.py

clean:
	rm -rf _build
