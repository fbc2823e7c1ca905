# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Test tools from npm (package-lock.json): the Nu HTML checker (run with Java) and axe-core.
NODE_STAMP := node_modules/.installed-stamp
MO := locale/vi/LC_MESSAGES/django.mo locale/vi/LC_MESSAGES/djangojs.mo

# Test runs: production-like settings, minus HTTPS (the test servers speak HTTP).
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-not-secret ALLOWED_HOSTS=localhost,127.0.0.1,testserver \
	SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0

.PHONY: install run test lint lighthouse backup restore soak bench profile bench-images bench-import bench-admin bench-newsroom bench-reads

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) $(MO)

# The project's Vietnamese catalogue (locale/); the .mo is committed too, for machines without gettext.
locale/%.mo: locale/%.po
	if command -v msgfmt >/dev/null; then msgfmt --check -o $@ $<; else touch $@; fi

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(NODE_STAMP)

run: $(STAMP) $(MO)
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_demo --users
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .

test: lint $(NODE_STAMP) $(MO)
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(VENV)/bin/pytest

# Lighthouse (npm, package-lock.json) with /usr/bin/chromium on home, section, article, tag, author
# search and a search result page, mobile and desktop: the demo site served by gunicorn with DEBUG=0 on a free port
# (scripts/lighthouse.py). Prints the 56 scores; fails when one is below 100 (but for the one accepted audit).
lighthouse: $(STAMP) $(NODE_STAMP) $(MO)
	$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

# Backups (PostgreSQL): run with the production environment (DATABASE_URL, SECRET_KEY, MEDIA_ROOT).
backup: $(STAMP)
	$(PY) manage.py backup

restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/<folder> [FORCE=1]"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" $(if $(FORCE),--force)

# Load with a fault: gunicorn on a private PostgreSQL that is restarted mid-run (see scripts/soak.py).
soak: $(STAMP)
	$(PY) scripts/soak.py $(SOAK_ARGS)

# Throughput of the public pages with gunicorn on PostgreSQL, measured with wrk (see README.md).
# Resets the database magazine_bench (BENCH_DATABASE_URL) and fills it with generate_content;
# then the beacon bench (bench-reads) and uncached rendering in process (profile).
bench: $(STAMP)
	$(PY) scripts/bench.py $(BENCH_ARGS)
	$(PY) scripts/bench_reads.py $(BENCH_READS_ARGS)
	$(PY) scripts/bench_render.py $(BENCH_RENDER_ARGS)

# Uncached rendering in process (scripts/bench_render.py): median ms, queries and a cProfile summary
# per public page at 1,000 articles (database magazine_bench_render_1k, built once); `make bench`
# adds 100,000 articles, the gunicorn ratio to a bare view and the workers' memory (see README.md).
profile: $(STAMP)
	$(PY) scripts/bench_render.py --quick $(BENCH_RENDER_ARGS)

# Memory of the gunicorn workers while 4 big image uploads run at once (see scripts/bench_images.py).
bench-images: $(STAMP)
	$(PY) scripts/bench_images.py $(BENCH_IMAGES_ARGS)

# import_wordpress on PostgreSQL: a generated 100 MB export (10,000 posts, 50,000 comments),
# timed, with the importer's peak memory (see README.md). Resets BENCH_DATABASE_URL.
bench-import: $(STAMP)
	$(PY) scripts/bench_import.py $(BENCH_ARGS)

# The newsroom admin at archive scale (100,000 articles, 1,000,000 comments) on PostgreSQL, timed
# with Django's test client as editor, journalist and superuser (see README.md). Builds the database
# bench_admin (BENCH_DATABASE_URL) with generate_content the first time;
# BENCH_ADMIN_ARGS=--reuse measures it again without rebuilding.
bench-admin: $(STAMP)
	$(PY) scripts/bench_admin.py $(BENCH_ADMIN_ARGS)

# Readers while the newsroom works: 20,000 articles, quiet and newsroom rounds alternated (see README.md).
bench-newsroom: $(STAMP)
	$(PY) scripts/newsroom_bench.py $(BENCH_ARGS)

# The "Đọc nhiều" beacon under load, and cached pages' p99 beside it (see README.md, Đọc nhiều).
# Resets the database magazine_bench_reads (BENCH_DATABASE_URL); starts its own redis-server.
bench-reads: $(STAMP)
	$(PY) scripts/bench_reads.py $(BENCH_READS_ARGS)
