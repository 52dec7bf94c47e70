# jji-traject — the two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.geinstalleerd
PG_TEST_URL := postgres://postgres@127.0.0.1:5432/jji_traject
# make test uses the PostgreSQL at 127.0.0.1:5432 when it answers and DATABASE_URL is not
# set; otherwise SQLite (and the browser tests, which need PostgreSQL, are skipped).
# The same for Redis at 127.0.0.1:6379 (tests run tasks eagerly, except the real-worker test).
REDIS_TEST_URL := redis://127.0.0.1:6379/15
poort_open = $(shell $(PYTHON) -c "import socket; s=socket.socket(); s.settimeout(1); print('$(2)' if s.connect_ex(('127.0.0.1',$(1)))==0 else '')" 2>/dev/null)
TEST_DATABASE_URL = $(or $(DATABASE_URL),$(call poort_open,5432,$(PG_TEST_URL)))
TEST_REDIS_URL = $(or $(REDIS_URL),$(call poort_open,6379,$(REDIS_TEST_URL)))
# With DEBUG off the app refuses a SECRET_KEY shorter than 50 characters or a published one:
# the test and bench runs get a fresh random key each time (never written down).
# On PostgreSQL the tests create the database roles (README, "Database roles") with passwords
# made the same way, per run: tests/databaserollen.py runs db_rollen's code on the test database.
NIEUWE_SLEUTEL = $$($(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))")

.PHONY: run test install lint check messages clean bench bench-pdf bench-load

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

## make run: the app with demo data on SQLite, Celery eager, at http://127.0.0.1:8000
## (no second factor unless TWEE_FACTOR=verplicht make run: demo_data prints the demo TOTP secret)
run: $(STAMP) var/secret_key
	export DEBUG=true SECRET_KEY="$$(cat var/secret_key)" TWEE_FACTOR="$${TWEE_FACTOR:-uit}"; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py demo_data && \
	echo "jji-traject draait op http://127.0.0.1:8000 (stoppen: Ctrl+C)" && \
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite, browser tests included
test: $(STAMP)
	export DEBUG=false SECRET_KEY="$(NIEUWE_SLEUTEL)" ALLOWED_HOSTS=localhost,127.0.0.1,testserver \
	       SECURE_SSL_REDIRECT=false CELERY_TASK_ALWAYS_EAGER=true TWEE_FACTOR=verplicht \
	       DATABASE_URL="$(TEST_DATABASE_URL)" REDIS_URL="$(TEST_REDIS_URL)" \
	       DB_WACHTWOORD_EIGENAAR="$(NIEUWE_SLEUTEL)" DB_WACHTWOORD_APP="$(NIEUWE_SLEUTEL)"; \
	echo "Tests op: $${DATABASE_URL:-SQLite}, $${REDIS_URL:-geen Redis}"; \
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && \
	$(VENV)/bin/lint-imports --no-cache && \
	DEBUG=true DATABASE_URL= $(PY) manage.py makemigrations --check --dry-run && \
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports --no-cache

## make messages: refresh the translation catalogue (needs gettext) and compile it
messages: $(STAMP)
	DEBUG=true $(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf var/static var/jji-traject.sqlite3* test-artifacts

## make bench: the scale benchmark on PostgreSQL (its own database jji_traject_bench; not part of make test)
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/jji_traject_bench
bench: $(STAMP)
	export DEBUG=false SECRET_KEY="$(NIEUWE_SLEUTEL)" ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false \
		CELERY_TASK_ALWAYS_EAGER=true DATABASE_URL=$(BENCH_DATABASE_URL); \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py bench $(BENCH_OPTIES)

## make bench-load: gunicorn + locust on the bench database (filled to 100k trajecten when short),
## 20 and 50 users with and without think time, and the health check alone (not part of make test)
bench-load: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	export DEBUG=false SECRET_KEY="$(NIEUWE_SLEUTEL)" ALLOWED_HOSTS=127.0.0.1,testserver SECURE_SSL_REDIRECT=false \
		CELERY_TASK_ALWAYS_EAGER=true DATABASE_URL=$(BENCH_DATABASE_URL); \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py bench_belasting $(BENCH_OPTIES)

## make bench-pdf: render time of a full demo overdrachtsdocument, PDF against the same HTML page (own SQLite database)
bench-pdf: $(STAMP)
	export DEBUG=false SECRET_KEY="$(NIEUWE_SLEUTEL)" ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=false \
		CELERY_TASK_ALWAYS_EAGER=true DATABASE_URL=sqlite:///$(CURDIR)/var/pdf_bench.sqlite3; \
	rm -f var/pdf_bench.sqlite3 && mkdir -p var && \
	$(PY) manage.py migrate --noinput --verbosity 0 && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py demo_data > /dev/null && \
	$(PY) manage.py overdracht_bench
