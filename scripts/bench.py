"""`make bench`: gunicorn with production settings on PostgreSQL, measured with wrk.

For each archive size (1,000 then 100,000 articles, made with generate_content) it starts two
gunicorn servers (2 workers each), one with the page cache and one without, and measures in
alternating rounds, so that drift on a shared machine hits every target alike:

  (a) ceiling        a minimal Django view returning a body as long as the article page
  (b) article cached the article page from the page cache (and its 304 answer)
  (c) article        the article page rendered for every request (menu and sidebar from the
                     fragment cache), and with no cache at all
  (d) home, section, search (search only when this build has /tim-kiem/)

It prints requests per second, p50 and p99 for each, with the ratio of req/s to (a), writes
the table to bench-results/, and profiles the uncached article page with cProfile.
Loopback only; every wrk run is bounded in time.
"""

import argparse
import cProfile
import datetime
import io
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from services import (
    backends_vcl,
    create_bench_database,
    ensure_debian_package,
    ensure_varnish,
    free_port,
    wait_for_port,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/magazine_bench"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
REFERENCE = "(r) reference: bare Django"
TARGETS = [("(b) article, cached", 0.8), ("(a) ceiling", 0.8), ("(b) article, through Varnish", 2)]


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_wrk():
    ensure_debian_package("wrk", "wrk")


def environment(args, page_cache, fragments=True):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update({
        "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
        # Loopback speaks plain HTTP: no HTTPS redirect, no secure-only cookies.
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": args.database, "PAGE_CACHE": "1" if page_cache else "0", "BENCH_VIEWS": "1",
        "FRAGMENT_CACHE": "1" if fragments else "0",
        "STATIC_ROOT": str(RESULTS / "static"), "MEDIA_ROOT": str(RESULTS / "media"),
        "WEB_CONCURRENCY": str(args.workers), "GUNICORN_LOG_LEVEL": "warning", "LOG_LEVEL": "ERROR",
    })
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(args, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=environment(args, True), check=True)


def reset_database(args):
    """A fresh bench database (never the development or test ones)."""
    create_bench_database(args.database)
    manage(args, "migrate", "--noinput", "-v0")
    manage(args, "collectstatic", "--noinput", "-v0")


def article_count(args):
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from articles.models import Article; print(Article.objects.count())"],
        cwd=ROOT, env=environment(args, True), check=True, capture_output=True, text=True,
    ).stdout
    return int(out.strip().splitlines()[-1])


class Server:
    """gunicorn with the project's gunicorn.conf.py: the site, or the reference (scripts/reference_site)."""

    def __init__(self, args, page_cache, fragments=True, app="magazine.wsgi", log=None, options=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "ab") if log else None  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", app, "--pythonpath", str(ROOT / "scripts"),
             "--bind", f"127.0.0.1:{self.port}", *options],
            cwd=ROOT, env=environment(args, page_cache, fragments), stdout=self.log, stderr=self.log,
        )
        try:
            wait_for_port(self.port, timeout=60)
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        if self.log:
            self.log.close()


class Varnish:
    """varnishd on a free loopback port in front of `backend_port`, with the shipped
    deploy/varnish/default.vcl; only backends.vcl (the app server, the purgers) is written here."""

    def __init__(self, backend_port):
        ensure_varnish()
        self.folder = Path(tempfile.mkdtemp(prefix="nhn-bench-varnish-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        (self.folder / "backends.vcl").write_text(
            backends_vcl([backend_port], purgers=("127.0.0.1",), probe=False)
        )
        self.process = subprocess.Popen(
            ["varnishd", "-F", "-j", "none", "-n", str(self.folder / "instance"), "-T", "none",
             "-a", f"127.0.0.1:{self.port}", "-f", str(VCL), "-p", f"vcl_path={self.folder}:{VCL.parent}",
             "-s", "malloc,256m"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(self.port)
        except RuntimeError:
            self.stop()
            raise

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def varnish_hit(headers):
    """A hit: X-Cache says so (the shipped VCL), or X-Varnish names the request and the object's."""
    return headers.get("X-Cache") == "HIT" or len(headers.get("X-Varnish", "").split()) == 2


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def pick_urls(args):
    script = (
        "from articles.models import Article, Section\n"
        "a = Article.objects.published().newest().first()\n"
        "s = Section.objects.get(slug='ha-noi')\n"
        "print(a.get_absolute_url()); print(s.get_absolute_url())\n"
    )
    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=environment(args, True),
                         check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return out[-2], out[-1]


def parse_duration(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url, args, headers=()):
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
               "--timeout", "5s", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(command + [url], check=True, capture_output=True, text=True, timeout=args.duration + 30).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        # No latency lines when no request finished in time.
        "p50": parse_duration(latency["50"]) if "50" in latency else float("nan"),
        "p99": parse_duration(latency["99"]) if "99" in latency else float("nan"),
        "errors": int(bad.group(1)) if bad else 0,
    }


def measure(targets, args):
    """Each target for `duration` seconds, round after round, in turn; ratios are to the first."""
    runs = {name: [] for name, *_ in targets}
    warm_up = argparse.Namespace(**{**vars(args), "duration": 2})
    for _name, url, headers in targets:  # caches, connections, imports
        wrk(url, warm_up, headers)
    for round_number in range(args.rounds):
        order = targets if round_number % 2 == 0 else list(reversed(targets))
        for name, url, headers in order:
            runs[name].append(wrk(url, args, headers))
            log(f"  round {round_number + 1}/{args.rounds} {name:<22} {runs[name][-1]['rps']:8.0f} req/s")
    reference = runs[targets[0][0]]
    return {
        name: {
            "rps": statistics.median(r["rps"] for r in results),
            "p50": statistics.median(r["p50"] for r in results),
            "p99": statistics.median(r["p99"] for r in results),
            "errors": sum(r["errors"] for r in results),
            # Each round's ratio to the first target of that same round, then the median: on a
            # shared machine the load drifts less within a round than across the run.
            "ratio": statistics.median(r["rps"] / base["rps"] for r, base in zip(results, reference, strict=True)),
        }
        for name, results in runs.items()
    }


def bench_scale(args, size):
    have = article_count(args)
    if have < size:
        log(f"generating {size - have} articles (to {size})")
        manage(args, "generate_content", "--articles", str(size - have), "--authors", str(max(5, size // 2000)))
    article, section = pick_urls(args)
    started = []

    def start(server):
        started.append(server)
        return server

    try:
        cached, uncached = start(Server(args, page_cache=True)), start(Server(args, page_cache=False))
        bare = start(Server(args, page_cache=False, fragments=False))
        reference = start(Server(args, page_cache=False, app="reference_site.wsgi"))
        varnish = start(Varnish(cached.port))
        status, headers, body = fetch(uncached.url + article)
        assert status == 200, f"article page answered {status}"
        fetch(cached.url + article)
        status, headers, _ = fetch(cached.url + article)
        assert headers.get("X-Page-Cache") == "hit", "the cached server did not serve from its cache"
        etag = headers["ETag"]
        fetch(varnish.url + article)
        status, headers, _ = fetch(varnish.url + article)
        assert status == 200 and varnish_hit(headers), f"Varnish answered {status} and no hit"
        targets = [
            (REFERENCE, f"{reference.url}/?bytes={len(body)}", ()),
            ("(a) ceiling", f"{uncached.url}/__bench/ceiling?bytes={len(body)}", ()),
            ("(b) article, cached", cached.url + article, ()),
            # As browsers ask: the stored gzip copy, served as it is.
            ("(b) article, cached, gzip", cached.url + article, ("Accept-Encoding: gzip",)),
            ("(b) article, 304", cached.url + article, (f"If-None-Match: {etag}",)),
            ("(b) article, through Varnish", varnish.url + article, ()),
            ("(c) article, uncached", uncached.url + article, ()),
            ("(c) article, no cache at all", bare.url + article, ()),
            ("(d) home", uncached.url + "/", ()),
            ("(d) section", uncached.url + section, ()),
            ("(d) section, page 40", uncached.url + section + "?page=40", ()),
        ]
        if fetch(uncached.url + "/tim-kiem/?q=ha+noi")[0] == 200:
            targets.append(("(d) search", uncached.url + "/tim-kiem/?q=ha+noi", ()))
        log(f"measuring {size} articles: article page {len(body)} bytes")
        return measure(targets, args), len(body)
    finally:
        for server in started:
            server.stop()


def table(results, sizes):
    lines = ["| target | " + " | ".join(
        f"{size:,} articles: req/s | p50 ms | p99 ms | ÷ (r)" for size in sizes) + " |"]
    lines.append("|---|" + "---:|---:|---:|---:|" * len(sizes))
    names = list(results[sizes[0]][0])
    for name in names:
        cells = []
        for size in sizes:
            row = results[size][0].get(name)
            if row is None:
                cells.append("– | – | – | –")
                continue
            flag = f" ({row['errors']} errors)" if row["errors"] else ""
            cells.append(f"{row['rps']:.0f}{flag} | {row['p50']:.1f} | {row['p99']:.1f} | {row['ratio']:.2f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def target_lines(results, sizes):
    """The hit path's targets (issue 11, point 7), as ratios of req/s to the reference."""
    lines = []
    for name, least in TARGETS:
        ratios = [results[size][0][name]["ratio"] for size in sizes]
        verdict = "met" if min(ratios) >= least else "**not met**"
        shown = ", ".join(f"{ratio:.2f} at {size:,}" for ratio, size in zip(ratios, sizes, strict=True))
        lines.append(f"- {name}: {shown} × the reference (target ≥ {least}): {verdict}")
    return lines


def profile_article(args, requests=200):
    """cProfile of the uncached article page, rendered in this process through Django's stack."""
    os.environ.update(environment(args, page_cache=False))
    os.environ["DJANGO_SETTINGS_MODULE"] = "magazine.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    article, _ = pick_urls(args)
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(20):
        assert client.get(article).status_code == 200
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(requests):
        client.get(article)
    profiler.disable()
    per_page = (time.perf_counter() - started) / requests * 1000
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    return per_page, out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""),
                        help="the shared cache; the database cache when empty")
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="reuse the bench database as it is")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()

    ensure_wrk()
    RESULTS.mkdir(exist_ok=True)
    if not args.keep:
        reset_database(args)
    else:
        manage(args, "migrate", "--noinput", "-v0")
        manage(args, "collectstatic", "--noinput", "-v0")
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {size: bench_scale(args, size) for size in sizes}

    cache = "Redis" if args.redis_url else "database cache"
    header = (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} cores · "
        f"gunicorn {args.workers} workers (gthread) · PostgreSQL · page cache in {cache} · "
        f"wrk -t{args.threads} -c{args.connections}, {args.rounds} alternating rounds of {args.duration} s, medians · "
        "article page " + ", ".join(f"{results[s][1]:,} bytes at {s:,}" for s in sizes)
    )
    report = header + "\n\n" + table(results, sizes) + "\n\n" + "\n".join(target_lines(results, sizes)) + "\n"
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        growth = []
        for name in ("(d) home", "(d) section"):
            cost = results[small][0][name]["rps"] / results[large][0][name]["rps"]
            growth.append(f"{name[4:]} costs {cost:.2f}× at {large:,} what it costs at {small:,}")
        report += "\n" + "; ".join(growth) + ".\n"
    if not args.no_profile:
        per_page, profile = profile_article(args)
        (RESULTS / "profile-article.txt").write_text(profile)
        report += f"\nUncached article page in one process (Django test client, no network): {per_page:.2f} ms.\n"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    (RESULTS / f"bench-{stamp}.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
