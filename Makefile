# One command to run the app, one to run every test. Both create .venv and install what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev browser sample bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt

run: install
	$(BIN)/streamlit run app.py

browser:
	sh scripts/install-browser.sh

test: install-dev browser
	$(BIN)/python -m pytest -q

sample: install
	$(BIN)/python -m kmdash.synthetic sample_data

bench: install-dev
	$(BIN)/python bench/bench_summary.py
	$(BIN)/python bench/bench_app.py
	$(BIN)/python bench/bench_plan.py
