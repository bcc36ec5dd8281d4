# One command to run the app, one to run every test. Both create .venv and install what they need.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

# system: Debian's Pango for the board pack's PDF (scripts/install-system.sh)
.PHONY: run test install install-dev system browser sample bench mutants loadtest fuzz office office-check office-stop

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python system
	$(BIN)/pip install -q -r requirements.txt

install-dev: $(BIN)/python system
	$(BIN)/pip install -q -r requirements-dev.txt

run: install
	$(BIN)/streamlit run app.py

# The app for an office without Docker (scripts/office.sh): server mode on port 8501, its store on the local
# PostgreSQL (database kmdash), in the background until office-stop; office-check says OK or FAIL per check.
office: install
	sh scripts/office.sh start

office-check:
	sh scripts/office.sh check

office-stop:
	sh scripts/office.sh stop

system:
	sh scripts/install-system.sh

browser:
	sh scripts/install-browser.sh

test: install-dev browser
	KMDASH_TEST_PG_URL="$$(sh scripts/start-postgres.sh)" $(BIN)/python -m pytest -q

# Mutation testing of the core modules, one module at a time (not part of `make test`): slow, run by hand.
# MODULES="analyse filters" picks some; scripts/mutants.py lists them all with the tests each is tried by.
mutants: install-dev
	$(BIN)/python scripts/mutants.py $(MODULES)

# Coverage-guided fuzzing (atheris) of the read path, FUZZ_RUNS executions per format, one format after another
# (not part of `make test`); FUZZ_FORMATS="csv ods" picks some; findings under fuzz/crashes/ (fuzz/run.py).
FUZZ_RUNS ?= 200000
fuzz: install-dev
	$(BIN)/python fuzz/run.py --runs $(FUZZ_RUNS) $(FUZZ_FORMATS)

sample: install
	$(BIN)/python -m kmdash.synthetic sample_data

bench: install-dev
	$(BIN)/python bench/bench_summary.py
	$(BIN)/python bench/bench_app.py
	$(BIN)/python bench/bench_plan.py
	$(BIN)/python bench/bench_followup.py
	$(BIN)/python bench/bench_province.py
	$(BIN)/python bench/bench_pack.py
	$(BIN)/python bench/bench_history.py
	$(BIN)/python bench/bench_access.py

# Ten browser sessions at once on one real server, three rounds of uploads (not part of `make test`): each sees
# its own figures; p50/p95 seconds to the tiles and the server's memory per round; fails on growth over 1.3x.
loadtest: install-dev browser
	$(BIN)/python bench/loadtest.py
