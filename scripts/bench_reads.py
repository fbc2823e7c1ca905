"""`make bench-reads`: the "Đọc nhiều" beacon under load, and what it does to cached pages.

Resets the bench database (BENCH_DATABASE_URL, default magazine_bench_reads; its name must
contain "bench"), loads the demo, starts a private redis-server and, with production settings on
loopback, the page server (gunicorn.conf.py, magazine.wsgi) and the beacon's own server
(deploy/gunicorn-beacon.conf.py, at the lowest CPU priority). Two setups are measured, in
alternating rounds:

  shared      the beacon sent to the page server (a site without Varnish: its workers answer both)
  own server  the beacon sent to its own server (what the shipped Varnish VCL does)

and in each round, with wrk:

  (a) page            the cached article page at a fixed rate (--page-rate), alone
  (b) beacon          POST /doc/<id>/ from random addresses as fast as it goes (every read
                      counted: the worst case): the beacon's capacity, in each setup
  (c) page + beacon   (a) while the beacon is driven at a fixed --beacon-rate (2,000/s) beside
                      it, in each setup
  (e) saturated       the page as fast as 4 connections go, alone and beside (b) in each setup:
                      for information
  (d) ceiling         a minimal Django view (/__bench/ceiling), for scale on a shared machine

A fixed rate is wrk with a pacing script: each wrk thread sends its share of the rate on a
schedule (LuaJIT's ffi reads the monotonic clock), whatever the answers' latency, as long as
a connection is free; the rate reached is reported beside the target.

Targets (issue 15): the beacon holds 2,000 requests/s; the page's p99 under (c) stays within
1.5 × its p99 under (a). Prints the table, writes it to bench-results/, and checks that the reads
reached PostgreSQL (flushed at least once a minute by whichever request found the last flush old).
"""

import argparse
import datetime
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from services import create_bench_database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/magazine_bench_reads"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
# Pacing: a wrk thread's requests take turns on a schedule of one every `interval` ms. A thread
# more than 50 ms behind (every connection busy) restarts its schedule: no burst to catch up.
PACED_LUA = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } nhn_timespec;
int clock_gettime(int clock, nhn_timespec *now);
]]
local now_ts = ffi.new("nhn_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, now_ts)
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end
local interval = %(interval).6f
local slot = nil
function delay()
  local now = now_ms()
  if slot == nil or slot < now - 50 then slot = now end
  slot = slot + interval
  return math.max(0, math.floor(slot - now))
end
"""
BEACON_LUA = """
wrk.method = "POST"
wrk.body = "doc"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["User-Agent"] = "%(agent)s"
local ids = {%(ids)s}
request = function()
  wrk.headers["X-Forwarded-For"] = math.random(1, 223) .. "." .. math.random(0, 255) .. "." ..
    math.random(0, 255) .. "." .. math.random(1, 254)
  return wrk.format(nil, "/doc/" .. ids[math.random(#ids)] .. "/")
end
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(args, redis_url):
    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update({
        "DEBUG": "0", "SECRET_KEY": "bench-only-not-secret-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": args.database, "PAGE_CACHE": "1", "REDIS_URL": redis_url, "BENCH_VIEWS": "1",
        # wrk sends a random X-Forwarded-For: every beacon comes from a new reader.
        "COMMENTS_TRUSTED_PROXY_HEADER": "HTTP_X_FORWARDED_FOR",
        "STATIC_ROOT": str(RESULTS / "static"), "MEDIA_ROOT": str(RESULTS / "media"),
        "WEB_CONCURRENCY": str(args.workers), "GUNICORN_LOG_LEVEL": "warning",
    })
    return env


def manage(env, *command, capture=False):
    result = subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True,
                            capture_output=capture, text=True)
    return result.stdout if capture else None


def reset_database(args):
    create_bench_database(args.database)


class Process:
    def __init__(self, command, env=None, url=None):
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while url and time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        if url:
            self.stop()
            sys.exit(f"{command[0]} did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def start_redis(directory):
    port = free_port()
    server = Process(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
                      "--dir", directory])
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode == 0:
            return server, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    server.stop()
    sys.exit("redis-server did not start")


def parse_duration(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk_command(url, connections, duration, threads, script=None):
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "5s", "--latency"]
    return command + (["-s", script] if script else []) + [url]


def parse(out):
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": parse_duration(latency["50"]) if "50" in latency else float("nan"),
        "p99": parse_duration(latency["99"]) if "99" in latency else float("nan"),
        "errors": (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0),
    }


def cpu_seconds(pids):
    """CPU time used so far by these processes, their children alive, and their children gone
    (gunicorn recycles a worker after max_requests: its time is then the master's cutime)."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid):
        # The fields after the command's ")": state is field 3, so utime (14) is at index 11.
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()

    total = 0
    for pid in pids:
        total += sum(int(n) for n in stat(pid)[11:15])  # utime, stime, cutime, cstime
        for entry in Path("/proc").iterdir():
            try:
                fields = stat(entry.name) if entry.name.isdigit() else None
            except OSError:
                continue  # gone meanwhile
            if fields and fields[1] == str(pid):  # its parent
                total += int(fields[11]) + int(fields[12])
    return total / tick


def run(command, timeout):
    return parse(subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout).stdout)


def paced(directory, name, rate, threads, body=""):
    """A wrk script sending `rate` requests/s in all over `threads` threads (and `body`'s requests)."""
    script = Path(directory) / f"{name}.lua"
    script.write_text(PACED_LUA % {"interval": 1000 * threads / rate} + body)
    return str(script)


def beside(load, probe, timeout):
    """Run `load` (a wrk command), then `probe` 2 s later while it runs: both results."""
    loaded = subprocess.Popen(load, stdout=subprocess.PIPE, text=True)
    time.sleep(2)
    probed = run(probe, timeout)
    return probed, parse(loaded.communicate(timeout=timeout)[0])


SETUPS = {"shared": "", "own server": " (own server)"}


def measure(args, urls, directory, beacon_body, server_pids):
    """`urls`: page, ceiling, and the beacon's URL in each setup; `server_pids`: the processes
    whose CPU time a beacon costs, in each setup."""
    timeout = args.duration + 30
    beacon_script = Path(directory) / "beacon.lua"
    beacon_script.write_text(beacon_body)
    page_paced = paced(directory, "page", args.page_rate, 1)
    beacon_paced = paced(directory, "beacon-paced", args.beacon_rate, args.threads, beacon_body)
    page = wrk_command(urls["page"], args.page_connections, args.duration, 1, page_paced)
    page_saturating = wrk_command(urls["page"], args.page_connections, args.duration, 1)
    ceiling = wrk_command(urls["ceiling"], args.connections, args.duration, args.threads)
    runs = {"ceiling": [], "page saturating": []}
    cpu = {setup: [] for setup in SETUPS}
    for round_number in range(args.rounds):
        runs["ceiling"].append(run(ceiling, timeout))
        runs["page saturating"].append(run(page_saturating, timeout))
        summary = []
        for setup, suffix in SETUPS.items():
            # The page alone just before the page beside the beacon: on a shared machine the
            # other work changes between the two as little as it can.
            runs.setdefault("page" + suffix, []).append(run(page, timeout))
            url = urls["beacon " + setup]
            beacon = wrk_command(url, args.connections, args.duration, args.threads, str(beacon_script))
            # The loads beside the page run 4 s longer: from 2 s before it to 2 s after.
            beacon_load = wrk_command(url, args.connections, args.duration + 4, args.threads, beacon_paced)
            beacon_flood = wrk_command(url, args.connections, args.duration + 4, args.threads, str(beacon_script))
            used = cpu_seconds(server_pids[setup])
            flood = run(beacon, timeout)
            used = cpu_seconds(server_pids[setup]) - used
            cpu[setup].append({"ms": 1000 * used / flood["requests"], "cores": used / args.duration})
            runs.setdefault("beacon" + suffix, []).append(flood)
            probed, load = beside(beacon_load, page, timeout)
            runs.setdefault("page + beacon" + suffix, []).append(probed)
            runs.setdefault("beacon beside page" + suffix, []).append(load)
            probed, flooding = beside(beacon_flood, page_saturating, timeout)
            runs.setdefault("page saturating + beacon saturating" + suffix, []).append(probed)
            runs.setdefault("beacon saturating beside page" + suffix, []).append(flooding)
            summary.append(f"{setup}: beacon {flood['rps']:.0f} req/s, page p99 alone "
                           f"{runs['page' + suffix][-1]['p99']:.2f} ms, beside {load['rps']:.0f} beacons/s "
                           f"{runs['page + beacon' + suffix][-1]['p99']:.2f} ms")
        log(f"  round {round_number + 1}/{args.rounds} (load {os.getloadavg()[0]:.1f}): " + "; ".join(summary))
    ratios = {setup: [beside["p99"] / alone["p99"] for alone, beside in
                      zip(runs["page" + suffix], runs["page + beacon" + suffix], strict=True)]
              for setup, suffix in SETUPS.items()}
    return {
        name: {key: median(r[key] for r in results) for key in ("rps", "p50", "p99")}
        | {"errors": sum(r["errors"] for r in results)}
        for name, results in runs.items()
    }, {setup: {key: statistics.median(r[key] for r in rounds) for key in ("ms", "cores")}
        | {"ratios": ratios[setup]} for setup, rounds in cpu.items()}


def median(values):
    """The median of the runs that have the figure (wrk prints no percentiles for a run whose
    every request timed out)."""
    values = [value for value in values if not math.isnan(value)]
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32, help="wrk connections of the beacon load")
    parser.add_argument("--page-connections", type=int, default=4, help="wrk connections reading the page")
    parser.add_argument("--page-rate", type=int, default=200, help="page requests/s of (a) and (c)")
    parser.add_argument("--beacon-rate", type=int, default=2000, help="beacon requests/s beside the page in (c)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2, help="page server's workers")
    parser.add_argument("--beacon-workers", type=int, default=os.cpu_count() or 1, help="beacon server's workers")
    args = parser.parse_args()
    for tool in ("wrk", "redis-server", "redis-cli", "createdb"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing (apt-get install wrk redis-server postgresql-client)")
    RESULTS.mkdir(exist_ok=True)
    reset_database(args)
    directory = tempfile.mkdtemp(prefix="nhn-bench-reads-")
    redis_server, redis_url = start_redis(directory)
    env = environment(args, redis_url)
    server = beacon_server = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        manage(env, "load_demo", "-v", "0")
        ids = manage(env, "shell", "-c", "from articles.models import Article\n"
                     "print(','.join(str(pk) for pk in Article.objects.published().values_list('pk', flat=True)))\n"
                     "print(Article.objects.published().first().get_absolute_url())", capture=True).split()
        article_ids, article_url = ids[-2], ids[-1]
        before = int(manage(env, "shell", "-c", "from django.db.models import Sum\nfrom mostread.models import "
                            "HourlyReads\nprint(HourlyReads.objects.aggregate(n=Sum('count'))['n'] or 0)",
                            capture=True).split()[-1])
        port, beacon_port = free_port(), free_port()
        base, beacon_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{beacon_port}"
        server = Process([PYTHON, "-m", "gunicorn", "magazine.wsgi", "--bind", f"127.0.0.1:{port}"], env,
                         base + "/healthz")
        # In this bench's session, so in its scheduler autogroup with the page server, Redis and
        # wrk: its priority ranks it below them. (A server leading its own session, as under
        # systemd, lowers its own autogroup too: deploy/gunicorn-beacon.conf.py.)
        beacon_server = Process([PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn-beacon.conf.py", "--bind",
                                 f"127.0.0.1:{beacon_port}"], env | {"BEACON_WORKERS": str(args.beacon_workers)},
                                beacon_base + "/healthz")
        pid = beacon_server.process.pid
        beacon_priority = (f"{'SCHED_IDLE, ' if os.sched_getscheduler(pid) == os.SCHED_IDLE else ''}"
                           f"nice {os.getpriority(os.PRIO_PROCESS, pid)}")
        beacon_body = BEACON_LUA % {"agent": BROWSER, "ids": article_ids}
        script = Path(directory) / "beacon.lua"
        script.write_text(beacon_body)
        for _ in range(3):  # the page into the cache
            urllib.request.urlopen(base + article_url, timeout=10).read()
        log(f"measuring: {args.rounds} rounds of {args.duration} s, page server {args.workers} workers, "
            f"beacon server {args.beacon_workers} workers ({beacon_priority})")
        before_load = os.getloadavg()[0]
        urls = {"page": base + article_url, "ceiling": base + "/__bench/ceiling", "beacon shared": base + "/doc/",
                "beacon own server": beacon_base + "/doc/"}
        results, cpu = measure(args, urls, directory, beacon_body, {
            "shared": [server.process.pid, redis_server.process.pid],
            "own server": [beacon_server.process.pid, redis_server.process.pid],
        })
        # The 1-minute load average before (the other sessions) and after (they and this bench).
        load = f"{before_load:.1f} before, {os.getloadavg()[0]:.1f} at the end"
        # One more beacon a minute after the last flush at most: what Redis still holds is written.
        time.sleep(61)
        subprocess.run(["wrk", "-t1", "-c1", "-d1s", "-s", str(script), beacon_base + "/doc/"], check=True,
                       capture_output=True)
        after = int(manage(env, "shell", "-c", "from django.db.models import Sum\nfrom mostread.models import "
                           "HourlyReads\nprint(HourlyReads.objects.aggregate(n=Sum('count'))['n'] or 0)",
                           capture=True).split()[-1])
    finally:
        for process in (server, beacon_server):
            if process:
                process.stop()
        redis_server.stop()
        shutil.rmtree(directory, ignore_errors=True)
    report(args, results, cpu, after - before, load, beacon_priority)


LABELS = {
    "ceiling": "(d) ceiling: a minimal Django view",
    "page": "(a) cached article page at {page_rate}/s, alone",
    "page saturating": "(e) cached article page as fast as it goes, alone",
    "beacon": "(b) beacon as fast as it goes",
    "page + beacon": "(c) cached article page at {page_rate}/s beside the beacon at {beacon_rate}/s",
    "beacon beside page": "(c) the beacon load (target {beacon_rate}/s) beside the page",
    "page saturating + beacon saturating": "(e) page as fast as it goes beside the beacon as fast as it goes",
    "beacon saturating beside page": "(e) the beacon as fast as it goes beside the page",
}


def label(name, rates):
    if name in ("ceiling", "page saturating"):
        return LABELS[name].format(**rates)
    for setup, suffix in SETUPS.items():
        if suffix and name.endswith(suffix):
            return f"{setup}: " + LABELS[name.removesuffix(suffix)].format(**rates)
    return "shared: " + LABELS[name].format(**rates)


def report(args, results, cpu, stored, load, beacon_priority):
    rates = {"page_rate": f"{args.page_rate:,}", "beacon_rate": f"{args.beacon_rate:,}"}
    lines = [
        f"# Đọc nhiều beacon bench, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"{platform.node()}, {os.cpu_count()} cores (shared; load average {load}), page server {args.workers} "
        f"gunicorn workers, beacon server {args.beacon_workers} workers ({beacon_priority}), PostgreSQL, private "
        f"Redis; {args.rounds} rounds of {args.duration} s, medians; beacon wrk -t{args.threads} "
        f"-c{args.connections}, page wrk -t1 -c{args.page_connections}",
        "",
        "| run | req/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(f"| {label(name, rates)} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} |"
          for name, r in results.items()),
        "",
    ]
    for setup, suffix in SETUPS.items():
        capacity = results["beacon" + suffix]["rps"]
        ratio = results["page + beacon" + suffix]["p99"] / results["page" + suffix]["p99"]
        by_round = ", ".join(f"{r:.2f}" for r in cpu[setup]["ratios"])
        reached = results["beacon beside page" + suffix]["rps"]
        # The target holds the page beside the beacon at its rate: a beacon that fell short
        # (the machine busy with other work) proves nothing either way.
        verdict = ("NOT met" if ratio > 1.5 else "met" if reached >= 0.95 * args.beacon_rate
                   else f"not shown (the beacon reached {reached:,.0f} of {args.beacon_rate:,}/s)")
        saturated = results["page saturating + beacon saturating" + suffix]["p99"] / results["page saturating"]["p99"]
        lines += [
            f"- {setup}: beacon capacity {capacity:,.0f} req/s (target ≥ 2,000): "
            f"{'met' if capacity >= 2000 else 'NOT met'}",
            f"- {setup}: cached page p99 beside the beacon at {results['beacon beside page' + suffix]['rps']:,.0f} "
            f"req/s / alone: {ratio:.2f} (target ≤ 1.5): {verdict}; by round {by_round}",
            f"- {setup}: CPU per beacon request in gunicorn and Redis: {cpu[setup]['ms']:.3f} ms "
            f"({cpu[setup]['cores']:.2f} of {os.cpu_count()} cores while the beacon goes as fast as it can; "
            "wrk's own share is not counted)",
            f"- {setup}, for information, both as fast as they go: page p99 {saturated:.2f} × its p99 alone",
        ]
    lines.append(f"- reads stored in PostgreSQL during the run: {stored}")
    text = "\n".join(lines) + "\n"
    print(text)
    (RESULTS / f"reads-{datetime.datetime.now():%Y%m%d-%H%M%S}.md").write_text(text)


if __name__ == "__main__":
    main()
