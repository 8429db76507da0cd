# The two commands of the README: `make up` and `make test`.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: up down test unit install

$(BIN)/codelab: pyproject.toml graders/pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]' -e ./graders
	touch $@

install: $(BIN)/codelab

up: install
	$(BIN)/codelab up

down: install
	$(BIN)/codelab down

unit: install
	$(BIN)/pytest -q tests/unit graders/tests

# The whole suite: unit tests, then the real stack (builds or refreshes the images first).
test: install
	$(BIN)/ruff check src tests benchmarks graders
	$(BIN)/codelab images build
	$(BIN)/pytest -v tests/unit graders/tests tests/e2e
