"""Uncached rendering (issue 12), run by `make bench` and, quicker, by `make profile`.

For each archive size (1,000 and 100,000 articles, one PostgreSQL database per size, built
once with load_demo and generate_content and reused) it renders the public pages in this
process through Django's whole stack (the test client) with the page cache off and the shared
fragments in Redis as in production (a private redis-server unless --redis-url), and prints per
page the median wall time, the median CPU time of this process (the Python cost, less sensitive
to a loaded machine), the queries and the HTML size; a cProfile summary per page goes to
bench-results/render-<size>-<page>.txt.

At the largest size it then starts gunicorn (2 workers) on PostgreSQL without the page cache
and a bare Django view (no middleware), measures both with wrk in alternating rounds (the
ratio is the issue's "≥ 0.12 × a bare view"), and sends 10,000 mixed uncached requests to
one more gunicorn, printing its workers' resident memory as the run goes.

Loopback only, ports in BENCH_PORTS (19000-19999 by default); every run bounded in time.
"""

import argparse
import concurrent.futures
import cProfile
import datetime
import http.client
import io
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from services import create_bench_database, ensure_debian_package, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/magazine_bench_render"
# Medians per page at the largest size (ms), and the gunicorn ratio (issue 12, point 2).
TARGETS = {"article": 3, "article, 500 comments": 3, "article, 2,000 comments": 3, "home": 5,
           "section": 3, "section, page 50": 3, "tag": 3, "author": 3, "search": 8}
RATIO_TARGET = 0.12
RSS_LIMIT_MB = 250
COMMENTED = {"article, 500 comments": 500, "article, 2,000 comments": 2000}


def log(message):
    print(message, file=sys.stderr, flush=True)


def environment(database, redis_url, page_cache=False):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update({
        "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": database, "PAGE_CACHE": "1" if page_cache else "0", "REDIS_URL": redis_url,
        "STATIC_ROOT": str(RESULTS / "static"), "MEDIA_ROOT": str(RESULTS / "media-render"),
        "GUNICORN_LOG_LEVEL": "warning", "LOG_LEVEL": "ERROR",
    })
    return env


def manage(env, *command, capture=False):
    result = subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True,
                            capture_output=capture, text=True)
    return result.stdout if capture else None


def database_for(base, size):
    return f"{base}_{size // 1000}k" if size % 1000 == 0 else f"{base}_{size}"


def ensure_database(database, redis_url, size):
    """The database of one size: made once (a few minutes at 100,000), reused while it holds `size`."""
    create_bench_database(database, reset=False)
    env = environment(database, redis_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    count = "from articles.models import Article; print(Article.objects.count())"
    have = int(manage(env, "shell", "-c", count, capture=True).split()[-1])
    if have == 0:
        manage(env, "load_demo")
        have = int(manage(env, "shell", "-c", count, capture=True).split()[-1])
    if have < size:
        log(f"generating {size - have} articles in {database.rsplit('/', 1)[1]}")
        manage(env, "generate_content", "--articles", str(size - have), "--authors", str(max(5, size // 2000)))


ROUNDS = 10

# ---- in process (a child per size: Django is set up once per database) --------------------------

def long_threads():
    """An article with 500 approved comments and one with 2,000 (one in ten a reply from the newsroom)."""
    from django.utils import timezone

    from articles.models import Article
    from comments.models import Comment

    found = {}
    candidates = Article.objects.published().newest()[10:12]
    for (label, count), article in zip(COMMENTED.items(), candidates, strict=True):
        if Comment.objects.approved().filter(article=article).count() < count:
            start = timezone.now() - datetime.timedelta(days=30)
            Comment.objects.filter(article=article).delete()
            Comment.objects.bulk_create([
                Comment(article=article, name=f"Bạn đọc {n}", email=f"ban-doc-{n}@example.com",
                        body=f"Ý kiến số {n} về bài viết: Hà Nội mùa thu đẹp lắm.", status=Comment.Status.APPROVED,
                        created_at=start + datetime.timedelta(minutes=n))
                for n in range(count - count // 10)
            ], batch_size=1000)
            tops = Comment.objects.filter(article=article).order_by("pk")[: count // 10]
            Comment.objects.bulk_create([
                Comment(article=article, parent=top, name="Ban biên tập", email="bbt@example.com",
                        body="Cảm ơn bạn đã góp ý.", status=Comment.Status.APPROVED, is_staff_reply=True,
                        created_at=top.created_at + datetime.timedelta(seconds=30))
                for top in tops
            ])
        found[label] = article.get_absolute_url()
    return found


def page_urls():
    from django.db.models import Count

    from articles.demo import content
    from articles.models import Article, Section, Tag
    from authors.models import Author
    from vietnamese import slugify_vi

    reference = Article.objects.get(slug=slugify_vi(content.REFERENCE["title"]))
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    author = Author.objects.annotate(n=Count("bylines")).order_by("-n").first()
    return {
        "article": reference.get_absolute_url(),
        **long_threads(),
        "home": "/",
        "section": section.get_absolute_url(),
        "section, page 50": section.get_absolute_url() + "?page=50",
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search": "/tim-kiem/?q=ha+noi",
    }


def fetch_counting(client, url):
    """The page and its number of queries (not CaptureQueriesContext: request_started empties the
    log it slices)."""
    from django.db import connection

    queries = []

    def count(execute, sql, *rest):
        queries.append(sql)
        return execute(sql, *rest)

    with connection.execute_wrapper(count):
        return client.get(url).content, len(queries)


def measure_in_process(args):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "magazine.settings"
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # this run's Redis db: fragments of another size's database must not show
    urls = page_urls()
    if args.pages:
        urls = {name: url for name, url in urls.items() if name in args.pages.split(";")}
    client = Client(HTTP_HOST="127.0.0.1")
    rows, samples = {}, {}
    for name, url in urls.items():
        for _ in range(args.warm):
            response = client.get(url)
            assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
            assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
        body, queries = fetch_counting(client, url)
        rows[name] = {"url": url, "queries": queries, "bytes": len(body)}
        samples[name] = {"wall": [], "cpu": [], "rounds": []}
    # The pages take turns, a few requests each, for ROUNDS rounds: this machine goes through slow
    # phases of several seconds (the same request 1.9 ms of CPU, then 4.0), which would otherwise
    # fall on whichever pages were measured then.
    per_round = max(1, args.requests // ROUNDS)
    for _ in range(ROUNDS):
        for name, url in urls.items():
            cpu_round = []
            for _ in range(per_round):
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(url)
                samples[name]["wall"].append((time.perf_counter() - started) * 1000)
                cpu_round.append((time.process_time() - started_cpu) * 1000)
            samples[name]["cpu"] += cpu_round
            samples[name]["rounds"].append(statistics.median(cpu_round))
    for name, url in urls.items():
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(max(10, args.requests // 4)):
            client.get(url)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(50)
        slug = name.replace(", ", "-").replace(" ", "-").replace(",", "")
        (RESULTS / f"render-{args.size}-{slug}.txt").write_text(f"{name}: {url}\n{out.getvalue()}")
        rows[name].update(median=statistics.median(samples[name]["wall"]), cpu=statistics.median(samples[name]["cpu"]),
                          best=min(samples[name]["rounds"]))
        log(f"  {args.size:>7,} {name:<26} {rows[name]['median']:6.2f} ms, CPU {rows[name]['cpu']:6.2f} ms "
            f"(quietest round {rows[name]['best']:.2f}), {rows[name]['queries']:3d} queries")
    print(json.dumps(rows))


# ---- gunicorn ----------------------------------------------------------------------------------

class Ports:
    def __init__(self, first, last):
        self.next, self.last = first, last

    def take(self):
        import socket

        while self.next <= self.last:
            port, self.next = self.next, self.next + 1
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
            return port
        raise RuntimeError("no free port left in BENCH_PORTS")


class Server:
    def __init__(self, env, port, app, *options):
        self.port = port
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", app, "--pythonpath", str(ROOT / "scripts"),
             "--bind", f"127.0.0.1:{port}", "--workers", "2", *options],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(port, timeout=60)
        except RuntimeError:
            self.stop()
            raise

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wrk(url, seconds):
    import re

    out = subprocess.run(["wrk", "-t", "2", "-c", "8", "-d", f"{seconds}s", "--timeout", "5s", url],
                         check=True, capture_output=True, text=True, timeout=seconds + 30).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert not bad, f"{url}: {bad.group(0)}"
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def ratio(env, ports, article, body_bytes, args):
    ensure_debian_package("wrk", "wrk")
    site = Server(env, ports.take(), "magazine.wsgi")
    bare = Server(env, ports.take(), "reference_site.bare_wsgi")
    try:
        if body_bytes is None:
            connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
            connection.request("GET", article)
            body_bytes = len(connection.getresponse().read())
            connection.close()
        targets = {"bare": f"http://127.0.0.1:{bare.port}/?bytes={body_bytes}",
                   "article": f"http://127.0.0.1:{site.port}{article}"}
        for url in targets.values():
            wrk(url, 2)
        runs = {name: [] for name in targets}
        for round_number in range(args.rounds):
            for name in (targets if round_number % 2 == 0 else reversed(list(targets))):
                runs[name].append(wrk(targets[name], args.duration))
        ratios = [a / b for a, b in zip(runs["article"], runs["bare"], strict=True)]
        result = {"bare": statistics.median(runs["bare"]), "article": statistics.median(runs["article"]),
                  "ratio": statistics.median(ratios)}
        log(f"  gunicorn: uncached article {result['article']:.0f} req/s, bare view {result['bare']:.0f} req/s, "
            f"ratio {result['ratio']:.3f}")
        return result
    finally:
        site.stop()
        bare.stop()


def mixed_urls(env, count):
    script = (
        "import json, random\n"
        "from articles.models import Article, Section, Tag\nfrom authors.models import Author\n"
        "random.seed(12)\n"
        "ids = list(Article.objects.published().values_list('pk', flat=True))\n"
        "picked = random.sample(ids, min(3000, len(ids)))\n"
        "arts = [a.get_absolute_url() for a in Article.objects.filter(pk__in=picked)]\n"
        "secs = [s.get_absolute_url() for s in Section.objects.all()]\n"
        "tags = [t.get_absolute_url() for t in Tag.objects.all()[:300]]\n"
        "auths = [a.get_absolute_url() for a in Author.objects.all()[:100]]\n"
        "print(json.dumps([arts, secs, tags, auths]))\n"
    )
    arts, secs, tags, auths = json.loads(manage(env, "shell", "-c", script, capture=True).splitlines()[-1])
    rng = random.Random(5)
    words = ["ha noi", "pho co", "mua thu", "van hoa", "giao thong", "dong da", "ho guom", "le hoi"]
    urls = []
    for n in range(count):
        kind = n % 10
        if kind < 6:
            urls.append(rng.choice(arts))
        elif kind == 6:
            urls.append("/" if rng.random() < 0.5 else f"{rng.choice(secs)}?page={rng.randint(1, 60)}")
        elif kind == 7:
            urls.append(f"{rng.choice(tags)}?page={rng.randint(1, 3)}")
        elif kind == 8:
            urls.append(rng.choice(auths))
        else:
            urls.append("/tim-kiem/?q=" + rng.choice(words).replace(" ", "+") + f"&page={rng.randint(1, 3)}")
    return urls


def memory(env, ports, args):
    """Worker RSS through `requests` mixed uncached requests; gunicorn never recycles a worker here
    (max_requests 0), so growth would show."""
    urls = mixed_urls(env, args.memory_requests)
    server = Server(env, ports.take(), "magazine.wsgi", "--max-requests", "0")
    samples, errors = [], 0

    def fetch_many(chunk):
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        for url in chunk:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            if response.status not in (200, 301, 302, 404):
                errors += 1
        connection.close()

    try:
        step = args.memory_requests // 20
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            for start in range(0, len(urls), step):
                chunk = urls[start:start + step]
                list(pool.map(fetch_many, [chunk[i::4] for i in range(4)]))
                samples.append((start + len(chunk), [rss_mb(pid) for pid in server.workers()]))
                log(f"  {samples[-1][0]:>6,} requests: workers " + ", ".join(f"{m:.0f} MB" for m in samples[-1][1]))
    finally:
        server.stop()
    half = [max(mbs) for done, mbs in samples if done > args.memory_requests // 2]
    return {"samples": samples, "peak": max(max(mbs) for _, mbs in samples),
            "growth_last_half": half[-1] - half[0], "errors": errors}


# ---- report ------------------------------------------------------------------------------------

def report(results, sizes, extra, load):
    largest = sizes[-1]
    lines = ["| page | " + " | ".join(f"{s:,} articles: wall ms | CPU ms | quietest round | queries | KB"
                                      for s in sizes)
             + f" | target (CPU ms at {largest:,}, median) |",
             "|---|" + "---:|---:|---:|---:|---:|" * len(sizes) + "---|"]
    for name in results[sizes[0]]:
        cells = [f"{results[s][name]['median']:.2f} | {results[s][name]['cpu']:.2f} | {results[s][name]['best']:.2f} | "
                 f"{results[s][name]['queries']} | {results[s][name]['bytes'] / 1024:.1f}" for s in sizes]
        target = TARGETS.get(name)
        verdict = ("met" if results[largest][name]["cpu"] <= target else "**not met**") if target else ""
        lines.append(f"| {name} | " + " | ".join(cells) + f" | ≤ {target} ms: {verdict} |")
    if "ratio" in extra:
        r = extra["ratio"]
        verdict = "met" if r["ratio"] >= RATIO_TARGET else "**not met**"
        lines.append(f"\ngunicorn at {largest:,} (2 workers, wrk -t2 -c8): uncached article {r['article']:.0f} req/s, "
                     f"bare Django view (no middleware) {r['bare']:.0f} req/s: ratio {r['ratio']:.3f} "
                     f"(target ≥ {RATIO_TARGET}): {verdict}")
    if "memory" in extra:
        m = extra["memory"]
        verdict = "met" if m["peak"] < RSS_LIMIT_MB and m["growth_last_half"] <= 5 else "**not met**"
        lines.append(f"\nWorker RSS over {m['samples'][-1][0]:,} mixed uncached requests at {largest:,}: peak "
                     f"{m['peak']:.0f} MB, growth over the last half {m['growth_last_half']:+.1f} MB, "
                     f"{m['errors']} errors (target < {RSS_LIMIT_MB} MB, no growth): {verdict}")
    lines.append(f"\nLoad average before / after: {load[0]} / {load[1]}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=os.environ.get("BENCH_RENDER_DATABASE_URL", DEFAULT_DATABASE),
                        help="base URL; each size gets its own database (_1k, _100k)")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_RENDER_REDIS_URL", ""),
                        help="the shared cache, flushed for each size; by default a private redis-server")
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--requests", type=int, help="timed requests per page (100; 30 with --quick)")
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--memory-requests", type=int, default=10_000)
    parser.add_argument("--ports", default=os.environ.get("BENCH_PORTS", "19000-19999"))
    parser.add_argument("--pages", default="", help="only these pages, separated by ';' (e.g. 'home;tag')")
    parser.add_argument("--quick", action="store_true", help="`make profile`: in process only, 1,000 articles")
    parser.add_argument("--servers-only", action="store_true", help="the gunicorn ratio and memory only")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    if args.in_process:
        return measure_in_process(args)
    if args.quick:
        args.sizes = "1000"
    if args.requests is None:
        args.requests = 30 if args.quick else 100
    sizes = [int(size) for size in args.sizes.split(",")]
    ports = Ports(*(int(p) for p in args.ports.split("-")))
    redis = None
    if not args.redis_url:
        ensure_debian_package("redis-server", "redis-server")
        port = ports.take()
        redis = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                  "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(port)
        args.redis_url = f"redis://127.0.0.1:{port}/0"
    try:
        run(args, sizes, ports)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)


def run(args, sizes, ports):
    load = [Path("/proc/loadavg").read_text().split()[0]]
    results, extra = {}, {}
    for size in sizes if not args.servers_only else ():
        database = database_for(args.database, size)
        ensure_database(database, args.redis_url, size)
        env = environment(database, args.redis_url)
        out = subprocess.run(
            [PYTHON, __file__, "--in-process", "--size", str(size), "--requests", str(args.requests),
             "--warm", str(args.warm), "--pages", args.pages],
            cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE, text=True,
        )
        results[size] = json.loads(out.stdout.strip().splitlines()[-1])
    if not args.quick:
        env = environment(database_for(args.database, sizes[-1]), args.redis_url)
        if args.servers_only:
            ensure_database(database_for(args.database, sizes[-1]), args.redis_url, sizes[-1])
            script = ("from articles.models import Article; from articles.demo import content; "
                      "from vietnamese import slugify_vi; print(Article.objects.get("
                      "slug=slugify_vi(content.REFERENCE['title'])).get_absolute_url())")
            article = {"url": manage(env, "shell", "-c", script, capture=True).split()[-1], "bytes": None}
        else:
            article = results[sizes[-1]]["article"]
        extra["ratio"] = ratio(env, ports, article["url"], article["bytes"], args)
        extra["memory"] = memory(env, ports, args)
    load.append(Path("/proc/loadavg").read_text().split()[0])
    now = datetime.datetime.now(datetime.UTC)
    header = (f"{now:%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} cores · "
              f"in process (Django test client, page cache off, fragments in Redis), {args.requests} requests "
              f"per page taking turns in {ROUNDS} rounds, medians (and the median of the quietest round); "
              "cProfile summaries in bench-results/render-*.txt")
    text = header + "\n\n" + (report(results, sizes, extra, load) if results else json.dumps(extra))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    (RESULTS / f"render-{stamp}.md").write_text(text + "\n" + json.dumps({"results": results, "extra": extra}) + "\n")
    print(text)


if __name__ == "__main__":
    main()
