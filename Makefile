# Front Office — the two commands first: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_FLAGS ?= -q -n auto --maxprocesses=4

.PHONY: demo test lint test-sqlite test-postgres bench install serve clean messages

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

## make demo: install, migrate the embedded SQLite database, seed the demo if empty, serve on 127.0.0.1:8000
demo: $(STAMP)
	FRONTOFFICE_ENV=demo $(PY) manage.py migrate --noinput -v0
	FRONTOFFICE_ENV=demo $(PY) manage.py seed_demo
	FRONTOFFICE_ENV=demo $(PY) manage.py install_transaction_codes -v0
	FRONTOFFICE_ENV=demo $(PY) manage.py seed_cashiering_demo
	FRONTOFFICE_ENV=demo $(PY) manage.py seed_back_office_demo
	FRONTOFFICE_ENV=demo $(PY) manage.py seed_staff_demo
	FRONTOFFICE_ENV=demo $(PY) manage.py runserver --noreload $(HOST):$(PORT)

## make test: lint, architecture contracts, the whole suite on SQLite and again on PostgreSQL
test: lint test-sqlite test-postgres

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	FRONTOFFICE_ENV=test $(PY) manage.py makemigrations --check --dry-run -v0
	FRONTOFFICE_ENV=test $(PY) manage.py check

test-sqlite: $(STAMP)
	@echo "== tests on SQLite =="
	DATABASE_URL=sqlite:///:memory: $(VENV)/bin/pytest $(PYTEST_FLAGS) -m "not postgres"

test-postgres: $(STAMP)
	@echo "== tests on PostgreSQL =="
	scripts/with-postgres.sh $(VENV)/bin/pytest $(PYTEST_FLAGS) -m "not browser"

## make bench: availability and booking benchmarks on SQLite and PostgreSQL (figures next to the raw-SQL floor)
bench: $(STAMP)
	FRONTOFFICE_ENV=test $(PY) -m benchmarks.run --database sqlite
	scripts/with-postgres.sh env FRONTOFFICE_ENV=test $(PY) -m benchmarks.run --database postgres

## make messages: refresh the Spanish catalogue and compile it (needs GNU gettext); commit both files
messages: $(STAMP)
	cd frontoffice && FRONTOFFICE_ENV=test ../$(PY) ../manage.py makemessages -l es --no-obsolete -i "*/tests/*"
	cd frontoffice && FRONTOFFICE_ENV=test ../$(PY) ../manage.py compilemessages -l es

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static var/bench
