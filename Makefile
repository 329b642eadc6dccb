# Everything a fresh machine with Python 3.11 and make needs: `make book`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0

.PHONY: book test lint unit notebooks book-strict translations-check browser translations clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

book: $(STAMP)  ## English in _build/html (executing every chapter), Chinese in _build/html/zh
	$(BIN)/jupyter-book build .
	$(BIN)/python i18n/zh.py build

test: lint unit notebooks book-strict translations-check browser  ## every test

lint: $(STAMP)  ## ruff: lint and format check (lines <= 100, so no code block in the book scrolls)
	$(BIN)/ruff check gan_tutorial tests benchmarks i18n book/_ext/gan_book_i18n.py
	$(BIN)/ruff format --check gan_tutorial tests benchmarks i18n book/_ext/gan_book_i18n.py

unit: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/test_browser.py

notebooks: $(STAMP)  ## every chapter runs and its check cells pass
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env --timeout=300 -p no:cacheprovider book

book-strict: $(STAMP)  ## fresh builds (--all) of both editions: any warning fails
# (a failed notebook, a broken reference, an untranslated paragraph in the Chinese edition)
	$(BIN)/jupyter-book build --all -W -n --keep-going .
	$(BIN)/python i18n/zh.py build --strict

translations-check: $(STAMP)  ## locales/zh_CN: all translated, none fuzzy, no role lost
	$(BIN)/python i18n/zh.py check

translations: $(STAMP)  ## after an English edit: update locales/zh_CN/*.po
	$(BIN)/python i18n/zh.py update

browser: $(STAMP)  ## each rendered page of both editions in headless Chromium
	$(BIN)/python -m pytest tests/test_browser.py

clean:
	rm -rf _build
