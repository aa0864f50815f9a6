# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed
HOST ?= 127.0.0.1:8000
# Only for `make check`: a key long and varied enough for the deploy checks.
DEPLOY_CHECK_KEY = check-deploy-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH

.PHONY: install run serve worker migrate demo test test-cluster test-browser screenshots bench bench-http mutation lint format check messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo

run: demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

# Production's web server: gunicorn with coalition/gunicorn.conf.py (GUNICORN_BIND, _WORKERS,
# _TIMEOUT...). Run `manage.py migrate` once per release first; each server collects its own
# static files.
serve: $(STAMP)
	$(BIN)/python manage.py collectstatic --noinput -v0
	exec $(BIN)/gunicorn --config coalition/gunicorn.conf.py

# Production's background worker: mail, image variants, search rebuilds, and (-B) the
# scheduler that publishes due articles every minute. Run exactly one worker with -B; more
# workers without it. Reads CELERY_BROKER_URL (redis://…) like the web servers.
WORKER_ARGS ?= --concurrency 2
worker: $(STAMP)
	mkdir -p build
	$(BIN)/celery -A coalition worker -B --schedule build/celerybeat-schedule --loglevel INFO $(WORKER_ARGS)

test: $(STAMP)
	$(BIN)/pytest -m "not browser and not cluster" $(PYTEST_ARGS)

# Two gunicorn servers, a Celery worker, PostgreSQL (DATABASE_URL or PG_URL), Redis
# (REDIS_TEST_URL) and SeaweedFS on loopback ports: what several machines share, tested.
test-cluster: $(STAMP)
	$(BIN)/pytest -m cluster tests/cluster $(PYTEST_ARGS)

# axe-core checks the pages for WCAG 2.2 AA; npm puts it in build/, which git ignores.
AXE_DIR ?= build/axe
AXE_JS = $(AXE_DIR)/node_modules/axe-core/axe.min.js

$(AXE_JS):
	npm install --no-save --no-audit --no-fund --prefix $(AXE_DIR) axe-core@4

test-browser: $(STAMP) $(AXE_JS)
	AXE_CORE_JS=$(AXE_JS) $(BIN)/pytest -m browser tests/browser $(PYTEST_ARGS)

# The pictures of the README's editors' guide, taken by the browser test that walks the
# editors' story. They live in coalition/demo/screenshots/ because the top level of the
# repository is fixed (see the README's "Layout"); commit them after looking at each one.
GUIDE_SCREENSHOTS ?= coalition/demo/screenshots
screenshots: $(STAMP)
	GUIDE_SCREENSHOTS=$(GUIDE_SCREENSHOTS) $(BIN)/pytest -m browser tests/browser/test_editors_desk.py \
		-p no:cacheprovider $(PYTEST_ARGS)

# Benchmarks (not part of `make test` or CI); see the README's "Performance" section.
# `make bench`: in-process timings of every public page and the admin at 100,000 generated
# articles, on PostgreSQL; the data is made on the first run (minutes) and kept (--reuse-db).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/coalition_bench
bench: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/pytest tests/perf -o addopts="" -p no:cacheprovider \
		--reuse-db -s -q $(PYTEST_ARGS)

# `make bench-http`: gunicorn and wrk over the demo content plus 10,000 generated articles,
# each public page cached and uncached against a static file; fails when a target is missed.
bench-http: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python tests/perf/http_bench.py $(BENCH_ARGS)

# Mutation testing ([tool.mutmut] in pyproject.toml) of the portal's access rules, the workflow,
# revisions and the published() querysets. Narrow it with MUTANTS='coalition.portal.access.*'.
MUTANTS ?= coalition.portal.access.* articles.workflow.* coalition.revisions.* *QuerySet?published__mutmut_*
mutation: $(STAMP)
	$(BIN)/mutmut run $(foreach pattern,$(MUTANTS),'$(pattern)')
	$(BIN)/mutmut results

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=$(DEPLOY_CHECK_KEY) ALLOWED_HOSTS=coalition.example.org SITE_URL=https://coalition.example.org \
		MEDIA_STORAGE=s3 PUBLIC_MEDIA_BUCKET=coalition-media PRIVATE_MEDIA_BUCKET=coalition-documents \
		CACHE_URL=redis://127.0.0.1:6379/0 EMAIL_URL=smtp+tls://mail.example.org:587 \
		CELERY_BROKER_URL=redis://127.0.0.1:6379/1 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Refresh the catalogue of every configured language but English (settings.LANGUAGES, from the
# LANGUAGES variable) from the code and templates, and compile them; a new language's catalogue
# is created. Needs gettext (Debian: apt-get install gettext). The compiled .mo files are
# committed, so `make run` needs neither.
MESSAGES_IGNORE = --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=media \
	--ignore=private --ignore=node_modules --ignore=build --ignore=mutants
messages: $(STAMP)
	locales="$$($(BIN)/python manage.py catalogue_languages | sed 's/[^ ][^ ]*/--locale &/g')" && \
	$(BIN)/python manage.py makemessages $$locales --no-obsolete --no-location $(MESSAGES_IGNORE) && \
	$(BIN)/python manage.py compilemessages $$locales $(MESSAGES_IGNORE)

clean:
	rm -rf $(VENV) db.sqlite3 media private staticfiles
