# scrapeclean: `make run` cleans examples/ into output/; `make test` runs the test suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export DO_NOT_TRACK ?= 1

.PHONY: install dev run test bench cv throughput serve clean-output help

help:
	@echo "make install  - create .venv and install scrapeclean"
	@echo "make run      - install, then clean examples/ into output/"
	@echo "make test     - install with dev extras, run pytest"
	@echo "make bench    - quality and speed benchmarks (needs ../shared/benchmark)"
	@echo "make cv       - 5-fold cross-validated quality of the text pipeline (minutes)"
	@echo "make throughput - end-to-end docs/s and memory on 20,000 synthetic pages (minutes)"
	@echo "make serve    - local Prefect server + scheduled inbox deployment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	$(BIN)/pip check
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

run: install
	$(BIN)/scrapeclean clean examples --output output

test: dev
	$(BIN)/python -m pytest -q

bench: dev
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/speed.py

cv: dev
	$(BIN)/python benchmarks/cv_pipeline.py

throughput: dev
	$(BIN)/python benchmarks/throughput.py --pages 20000

serve: install
	scripts/serve-local.sh inbox output 60

clean-output:
	rm -rf output/* && touch output/.gitkeep
