"""`make bench-admin`: the newsroom admin at archive scale, on PostgreSQL.

Builds (once; `--reuse` keeps it) a database of 100,000 articles and 1,000,000 comments with
generate_content, then adds what a real newsroom has: 150 articles in review, an article with
34 tags and 20 related articles, one with 60 versions (6,000 words), one with 2,000 comments,
and a journalist's drafts. Then it times every admin screen as the editor, the journalist and
the superuser with Django's test client (page cache off), in one process that plays the
worker, and prints the median ms, the query count and the page size of each, and the
process's peak memory. The build and the measurement run in separate processes, so that
the peak memory is the measurement's alone.

    make bench-admin                      # build if needed (a fresh build drops bench_admin)
    make bench-admin BENCH_ADMIN_ARGS=--reuse   # measure the database built before
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_admin"
ARTICLES, COMMENTS = 100_000, 1_000_000
TARGET_MS, TARGET_BYTES, TARGET_BULK_MS, TARGET_RSS_MB = 300, 1_000_000, 1000, 300
EDITOR, JOURNALIST, SUPERUSER = "bench-bientap", "bench-phongvien", "bench-admin"


def log(message):
    print(message, file=sys.stderr, flush=True)


def environment(database):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update({
        "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0", "PAGE_CACHE": "0", "DATABASE_URL": database,
        # The shared cache, as in production (BENCH_REDIS_URL); Django's database cache otherwise,
        # which pays several queries for each tag a save invalidates.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
        "STATIC_ROOT": str(RESULTS / "static"), "MEDIA_ROOT": str(RESULTS / "media"),
    })
    return env


def run(database, *args):
    subprocess.run([PYTHON, *args], cwd=ROOT, env=environment(database), check=True)


def psql_url(database, name):
    base, _, _ = database.rpartition("/")
    return f"{base}/{name}"


def database_ready(database):
    """Whether the bench database exists with the newsroom extras in it."""
    code = (
        "import django; django.setup();"
        "from django.contrib.auth import get_user_model as g;"
        f"import sys; sys.exit(0 if g().objects.filter(username={SUPERUSER!r}).exists() else 1)"
    )
    probe = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env={
        **environment(database), "DJANGO_SETTINGS_MODULE": "magazine.settings",
    }, capture_output=True)
    return probe.returncode == 0


def build(database, articles, comments):
    name = database.rpartition("/")[2]
    maintenance = psql_url(database, "postgres")
    log(f"building {name}: {articles} articles, {comments} comments (takes a while)")
    subprocess.run(["psql", maintenance, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", maintenance, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    run(database, "manage.py", "migrate", "--noinput", "-v", "0")
    run(database, "manage.py", "generate_content", "--articles", str(articles), "--comments", str(comments),
        "--authors", "300", "--batch", "2000")
    run(database, __file__, "--phase", "extras")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reuse", action="store_true", help="keep the bench database if it is built")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--comments", type=int, default=COMMENTS)
    parser.add_argument("--repeat", type=int, default=3, help="timings per screen (the median is shown)")
    parser.add_argument("--phase", choices=["extras", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE
    if args.phase:
        os.environ.update(environment(database))
        os.environ["DJANGO_SETTINGS_MODULE"] = "magazine.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        import bench_admin_screens as screens

        if args.phase == "extras":
            screens.add_newsroom()
        else:
            sys.exit(screens.measure(args.repeat))
        return
    if not (args.reuse and database_ready(database)):
        build(database, args.articles, args.comments)
    else:
        log("reusing the bench database; applying new migrations")
        run(database, "manage.py", "migrate", "--noinput", "-v", "0")
    run(database, "manage.py", "collectstatic", "--noinput", "-v", "0")
    run(database, __file__, "--phase", "measure", "--repeat", str(args.repeat))


if __name__ == "__main__":
    started = time.monotonic()
    main()
    log(f"done in {statistics.fmean([time.monotonic() - started]):.0f} s")
