"""Lighthouse on the demo site served as in production (gunicorn, DEBUG=0, collected static files).

Usage: .venv/bin/python scripts/lighthouse.py [--port N] [--page NAME ...] [--form-factor mobile|desktop]
       (`make lighthouse` runs the full grid: 7 pages (search with and without a query) x mobile and
       desktop x 4 categories = 56 scores.)

Builds a throwaway site in a temporary folder (SQLite database, media, static files) unless
LIGHTHOUSE_DATABASE_URL names a database to use (it is migrated and given the demo content),
serves it with gunicorn on 127.0.0.1, runs the npm `lighthouse` from node_modules with Debian's
/usr/bin/chromium (CHROME_PATH), prints every score and the audits that cost points, and exits 1
when any score is below 100 (but for ACCEPTED below). Performance is the best of up to --attempts
runs: its simulated throttling scales the CPU time measured, which a busy machine inflates.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORM_FACTORS = ["mobile", "desktop"]
PAGES = ["home", "section", "article", "tag", "author", "search", "search-results"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-default-apps --disable-sync --no-first-run"
)
# Audits that may cost points on purpose, and why. Any other lost point fails the run.
ACCEPTED = {
    ("search-results", "seo"): {
        "is-crawlable": "result pages are kept out of search engines on purpose (robots.txt Disallow "
        "and noindex): an endless space of query pages, as Google's guidelines advise; the search "
        "page itself is not",
    },
}
# The URL of each page, from the demo content (the reference article, its section, tag, author).
URLS_SCRIPT = """
import json
from articles.models import Article
a = Article.objects.published().get(slug__startswith="chi-so-cai-cach-hanh-chinh")
print(json.dumps({
    "home": "/",
    "section": a.section.get_absolute_url(),
    "article": a.get_absolute_url(),
    "tag": a.tags.order_by("name")[0].get_absolute_url(),
    "author": a.byline_authors()[0].get_absolute_url(),
    "search": "/tim-kiem/",
    "search-results": "/tim-kiem/?q=c%E1%BA%A3i+c%C3%A1ch",
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(folder, port):
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "lighthouse-only-not-secret"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        # Plain HTTP on loopback: Lighthouse counts 127.0.0.1 as a secure origin.
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        # No web server in front here to serve uploaded images.
        SERVE_MEDIA="1",
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        DATABASE_URL=os.environ.get("LIGHTHOUSE_DATABASE_URL") or f"sqlite:///{folder / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        GUNICORN_LOG_LEVEL="warning",
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def run_lighthouse(url, form_factor, out, categories=CATEGORIES):
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=45000",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    # On a loaded machine Lighthouse now and then loses the trace (NO_NAVSTART): run it again.
    for _attempt in range(3):
        if subprocess.run(command, cwd=ROOT, env=env).returncode == 0:
            return json.loads(out.read_text())
    raise RuntimeError(f"Lighthouse failed three times on {url} ({form_factor})")


def score_of(report, category):
    return round(report["categories"][category]["score"] * 100)


def lost_points(report, category):
    """The weighted audits of a category that did not score 1, with Lighthouse's explanation."""
    lost = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            detail = audit.get("displayValue") or audit.get("explanation") or ""
            lost.append(f"{ref['id']} ({audit['score']:.2f}) {detail}".strip())
    return lost


def audit_page(url, form_factor, out, attempts, categories=CATEGORIES):
    """Lighthouse's report on one page, and the performance score of every run made."""
    report = run_lighthouse(url, form_factor, out, categories)
    if "performance" not in categories:
        return report, []
    tries = [score_of(report, "performance")]
    # Simulated throttling multiplies the main-thread time measured on this machine: a busy
    # machine costs points the page does not. Take the best of a few runs.
    while tries[-1] < 100 and len(tries) < attempts:
        again = run_lighthouse(url, form_factor, out.with_suffix(".again.json"), categories)
        tries.append(score_of(again, "performance"))
        if tries[-1] > score_of(report, "performance"):
            report = again
    return report, tries


def serve(env):
    """gunicorn serving the site described by env, once it answers."""
    server = subprocess.Popen([str(Path(PYTHON).parent / "gunicorn"), "magazine.wsgi"], cwd=ROOT, env=env)
    try:
        wait_for(env["SITE_URL"] + "/healthz")
    except OSError:
        server.terminate()
        raise
    return server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port for gunicorn (default: a free one)")
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages")
    parser.add_argument("--form-factor", action="append", choices=FORM_FACTORS, help="only these")
    parser.add_argument("--attempts", type=int, default=3, help="runs at most, while performance is below 100")
    parser.add_argument("--skip-mobile-performance", action="store_true",
                        help="leave out the one category a busy machine changes (4x simulated CPU slowdown)")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args(argv)
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    rows, failures, accepted = [], [], []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        folder = Path(tmp)
        env = site_env(folder, args.port or free_port())
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        urls = json.loads(manage(env, "shell", "-c", URLS_SCRIPT, capture=True).strip().splitlines()[-1])
        server = serve(env)
        try:
            for page in args.page or PAGES:  # warm the page cache, as readers would find it
                wait_for(env["SITE_URL"] + urls[page])
            for form_factor in args.form_factor or FORM_FACTORS:
                for page in args.page or PAGES:
                    out = (args.reports or folder) / f"{page}-{form_factor}.json"
                    categories = [c for c in CATEGORIES if not (
                        args.skip_mobile_performance and form_factor == "mobile" and c == "performance")]
                    report, tries = audit_page(env["SITE_URL"] + urls[page], form_factor, out, args.attempts,
                                               categories)
                    row = {"page": page, "form_factor": form_factor, "url": urls[page], "performance_runs": tries,
                           "benchmark_index": report["environment"].get("benchmarkIndex")}
                    for category in categories:
                        row[category] = score_of(report, category)
                        lost = lost_points(report, category)
                        if row[category] < 100:
                            known = {audit.split()[0] for audit in lost} <= set(ACCEPTED.get((page, category), {}))
                            (accepted if known else failures).append((page, form_factor, category, lost))
                    rows.append(row)
                    print(f"{page:8} {form_factor:8} " + "  ".join(f"{c} {row.get(c, '-'):>3}" for c in CATEGORIES)
                          + (f"  (performance runs: {tries})" if len(tries) > 1 else "")
                          + f"  benchmarkIndex {row['benchmark_index']}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False))
    for page, form_factor, category, lost in accepted:
        reasons = "; ".join(ACCEPTED[(page, category)][audit.split()[0]] for audit in lost)
        print(f"accepted: {page} {form_factor} {category}: " + "; ".join(lost) + f" - {reasons}")
    for page, form_factor, category, lost in failures:
        print(f"BELOW 100: {page} {form_factor} {category}: " + "; ".join(lost))
    total = sum(category in row for row in rows for category in CATEGORIES)
    print(f"{total - len(failures) - len(accepted)} of {total} scores are 100; "
          f"{len(accepted)} below for the reason given")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
