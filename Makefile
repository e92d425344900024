# newsline: everything runs from a local virtualenv that the Makefile builds itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO_DB := .demo.db

.PHONY: demo test lint bench eval clean venv

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changes (the stamp carries its checksum).
$(STAMP): pyproject.toml | $(BIN)/python
	rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	touch $@

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsline ingest samples/ --db $(DEMO_DB)
	$(BIN)/newsline timeline --db $(DEMO_DB) --format table

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check newsline tests bench
	$(BIN)/mypy newsline

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

eval: $(STAMP)
	$(BIN)/python bench/eval_samples.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .ruff_cache .mypy_cache
