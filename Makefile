# Two commands: `make run` tries the portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

# The test suite runs on the real services; both can be overridden.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/integration_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run test lint venv messages worker backup restore clean

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# Embedded default unless DATABASE_URL/REDIS_URL are set: SQLite, tasks in-process.
# With REDIS_URL set, a Celery worker and beat run beside the web server.
run: venv
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
	  DEBUG=$${DEBUG:-true} $(VENV)/bin/celery -A integration_portal worker --beat -l info & \
	fi; \
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:8000

test: venv lint
	DEBUG=true \
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} \
	REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .

worker: venv
	$(VENV)/bin/celery -A integration_portal worker -l info

# Backup of the database and MEDIA_ROOT into a new folder, and restore into an empty
# database and MEDIA_ROOT (see the README's "Backup and restore"). No venv step: a
# production host runs them with the runtime packages it has.
backup:
	@test -n "$(TO)" || { echo "usage: make backup TO=/path/to/new/folder"; exit 2; }
	$(PY) manage.py backup --to "$(TO)"

restore:
	@test -n "$(FROM)" || { echo "usage: make restore FROM=/path/to/backup/folder"; exit 2; }
	$(PY) manage.py restore --from "$(FROM)"

# Rebuild the Danish-first catalogues (msgids are Danish; English is the translation).
messages: venv
	DEBUG=true $(PY) manage.py makemessages -l en --no-location --ignore=.venv \
	  --ignore=staticfiles --ignore="*/tests/*" --ignore=conftest.py
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
