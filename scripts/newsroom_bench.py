"""`make bench-newsroom`: readers while the newsroom works (issue 11, point 8).

PostgreSQL (BENCH_DATABASE_URL, reset unless --keep) with 20,000 articles from generate_content,
gunicorn with production settings (2 workers) and the page cache in Redis (BENCH_REDIS_URL, or
a private redis-server on a free port). Readers are wrk with scripts/newsroom.lua, replaying a
list of paths drawn beforehand: the home page 20 %, the sections 10 %, the newest 5,000 articles
70 %, weighted by rank⁻¹ (Zipf). A warm-up reads every listed path once, then a settle round
(readers only, not counted) lets whatever the warm-up left behind pass. Then --pairs pairs of
rounds, alternated (quiet, newsroom, quiet, newsroom...):

  quiet     readers only
  newsroom  the same readers while scripts/newsroom.py saves a draft every 2 s, publishes an
            article every 15 s and approves a comment every 5 s, and checks after each
            publication and approval that the next reader request shows it

It prints each round's req/s, p50, p99 and the page cache's answers (X-Page-Cache), each pair's
newsroom/quiet ratios, and the CPU seconds each group of processes used in each round (from
/proc: gunicorn, PostgreSQL, redis-server, the newsroom writer, wrk, and the machine's total).
Throughput and p99 are judged on the median of the pairs' ratios, cache share and stale reads
on all newsroom rounds together. The report also goes to bench-results/.
"""

import argparse
import bisect
import collections
import datetime
import itertools
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import bench
from services import RedisServer

SCRIPTS = Path(__file__).resolve().parent
LUA = SCRIPTS / "newsroom.lua"
WRITER = SCRIPTS / "newsroom.py"
SHARES = {"home": 0.20, "sections": 0.10, "articles": 0.70}


# ---------------------------------------------------------------- the readers' paths


def zipf_cumulative(count):
    """Cumulative weights of ranks 1..count with weight 1/rank."""
    return list(itertools.accumulate(1 / rank for rank in range(1, count + 1)))


def reader_list(paths, length, seed=1):
    """`length` paths drawn with the readers' habits from {"home", "sections", "articles"}
    (articles newest first: the rank of each is its place in the list)."""
    rng = random.Random(seed)
    articles, sections = paths["articles"], paths["sections"]
    cumulative = zipf_cumulative(len(articles))
    total = cumulative[-1]
    drawn = []
    for _ in range(length):
        kind = rng.random()
        if kind < SHARES["home"]:
            drawn.append(paths["home"])
        elif kind < SHARES["home"] + SHARES["sections"]:
            drawn.append(sections[rng.randrange(len(sections))])
        else:
            drawn.append(articles[bisect.bisect_left(cumulative, rng.random() * total)])
    return drawn


# ---------------------------------------------------------------- wrk


def parse_wrk(out):
    """req/s, p50, p99 (ms), the X-Page-Cache tally of newsroom.lua and the 5xx, from wrk's output."""
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    tally = dict(re.findall(r"(\w+)=(\d+)", re.search(r"^newsroom-tally (.*)$", out, re.M).group(1)))
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": bench.parse_duration(latency["50"]) if "50" in latency else float("nan"),
        "p99": bench.parse_duration(latency["99"]) if "99" in latency else float("nan"),
        "socket_errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out)),
    }
    result.update({name: int(value) for name, value in tally.items()})
    return result


def cache_share(row):
    """Share of answers the page cache served (fresh hits, and stale copies in grace)."""
    total = row["hit"] + row["stale"] + row["miss"] + row["none"]
    return (row["hit"] + row["stale"]) / total if total else 0.0


# gunicorn's access log, for the page cache's answers by kind of page (the Lua tally has no paths).
# Path, cache state, duration in ms, time and user agent (bench-results/newsroom-access.log is kept
# after the run: which answers were slow, and when).
ACCESS_FORMAT = "%(U)s %({x-page-cache}o)s %(M)s %(t)s %(a)s"
CHECKER = "nhn-newsroom-check/1"  # the newsroom's own reads (scripts/newsroom.py), not counted


def page_kind(path):
    return "home" if path == "/" else "article" if path.endswith(".html") else "section"


def by_kind(lines):
    """{kind: Counter of X-Page-Cache answers} from access log lines in ACCESS_FORMAT."""
    kinds = {}
    for line in lines:
        path, state, _ms, _day, _zone, agent = (line.split(" ", 5) + [""] * 6)[:6]
        if agent.strip() != CHECKER:
            kinds.setdefault(page_kind(path), collections.Counter())[state if state != "-" else "none"] += 1
    return kinds


def wrk_command(args, url, path_file, duration=None):
    return ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{duration or args.duration}s",
            "--timeout", "5s", "--latency", "-s", str(LUA), url, "--", str(path_file), str(args.threads)]


def reap(process, timeout):
    """Wait for `process` (a Popen) to end: (its exit code, the CPU seconds it used in its life)."""
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_utime + usage.ru_stime


def run_round(args, url, path_file, name, duration=None):
    """One wrk run: its row, with "wrk_cpu", the CPU seconds wrk itself used."""
    command = wrk_command(args, url, path_file, duration)
    wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = wrk.stdout.read()
    wrk.stdout.close()
    code, cpu = reap(wrk, (duration or args.duration) + 60)
    if code != 0:
        raise subprocess.CalledProcessError(code, command, out)
    (bench.RESULTS / f"newsroom-wrk-{name}.txt").write_text(out)  # the last run's, for a closer look
    return {**parse_wrk(out), "wrk_cpu": cpu}


# ---------------------------------------------------------------- CPU accounting


TICK = os.sysconf("SC_CLK_TCK")
Proc = collections.namedtuple("Proc", "pid ppid comm start own reaped title")


def proc_stat(pid):
    """A live process from /proc/<pid>/stat: its CPU seconds (utime + stime) and those of its
    children it has reaped (cutime + cstime); None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()  # fields[0] is the state, field 3 of proc(5)
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    title = ""
    if comm == "postgres":  # a backend's title names its database: "postgres: 15/main: user db host state"
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return None
    return Proc(pid, int(fields[1]), comm, int(fields[19]), (utime + stime) / TICK, (cutime + cstime) / TICK,
                title.strip())


def processes():
    """{(pid, start): Proc} of every process now (the start time tells a reused pid apart)."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (proc := proc_stat(int(entry))) is not None:
            table[proc.pid, proc.start] = proc
    return table


def machine_times():
    """CPU seconds of the whole machine (all cores) so far: busy, steal and idle, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (values + [0] * 8)[:8]
    return {"busy": (user + nice + system + irq + softirq) / TICK, "steal": steal / TICK,
            "idle": (idle + iowait) / TICK}


PG_BENCH, PG_AUTOVACUUM, PG_OTHER, PG_MAIN = (
    "PostgreSQL: bench database's backends", "PostgreSQL: autovacuum",
    "PostgreSQL: other databases' backends", "PostgreSQL: postmaster, background, unseen ends",
)


def postgres_group(title, database):
    """The group of a PostgreSQL process, from its title (/proc/<pid>/cmdline)."""
    words = title.split(": ", 2)[-1].split()
    if "autovacuum" in title:
        return PG_AUTOVACUUM
    if len(words) >= 3 and ("(" in words[2] or words[2] == "[local]"):
        return PG_BENCH if words[1] == database else PG_OTHER
    return PG_MAIN  # the postmaster, checkpointer, background writer, WAL writer, launchers


class CpuWatch:
    """CPU seconds per group of processes over one round, from /proc.

    `group_of(proc)` names a process's group (None: not counted). Every process is read at the
    start, every `every` seconds and at the end; each counts what it used between its first and
    its last reading in the round. A process that ended (a recycled gunicorn worker, a backend
    whose connection closed) is in its parent's reaped-children time, whole: its parent counts
    that less what the child was last seen to have used, i.e. the time after its last reading
    (and children never seen at all)."""

    def __init__(self, group_of, every=1.0):
        self.group_of, self.every = group_of, every
        self.stopping = threading.Event()

    def start(self):
        self.first = processes()
        self.seen = dict(self.first)
        self.machine, self.began = machine_times(), time.time()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while not self.stopping.wait(self.every):
            self.seen.update(processes())

    def stop(self):
        """{"cpu": {group: CPU seconds}, "started": {group: processes that began in the round},
        "machine": the machine's busy, steal and idle seconds in the round, "span": (start, end)
        in POSIX time}."""
        self.stopping.set()
        self.thread.join()
        end = processes()
        self.seen.update(end)
        machine = machine_times()
        ended = collections.Counter()  # by parent: what its ended children had used when last seen
        for key, proc in self.seen.items():
            if key not in end:
                ended[proc.ppid] += proc.own + proc.reaped
        cpu, started = collections.Counter(), collections.Counter()
        for key, last in self.seen.items():
            group = self.group_of(last)
            if group is None:
                continue
            first = self.first.get(key)
            used = last.own + last.reaped - (first.own + first.reaped if first else 0.0)
            if key in end:  # its ended children were reaped in full: count only what they had not shown
                used -= ended[last.pid]
            cpu[group] += used
            started[group] += first is None
        self.machine = {name: machine[name] - self.machine[name] for name in machine}
        return {"cpu": dict(cpu), "started": dict(started), "machine": self.machine,
                "span": (self.began, time.time())}


# ---------------------------------------------------------------- the newsroom


def writer_command(*arguments):
    return [bench.PYTHON, str(WRITER), *arguments]


def run_writer(args, env, *arguments):
    out = subprocess.run(writer_command(*arguments), cwd=bench.ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


GUNICORN, REDIS, WRITER_CPU, WRK_CPU = "gunicorn (master and workers)", "redis-server", "newsroom writer", "wrk"
CPU_GROUPS = [GUNICORN, PG_BENCH, PG_AUTOVACUUM, PG_OTHER, PG_MAIN, REDIS, WRITER_CPU, WRK_CPU]


def cpu_groups(server_pid, redis_pid, database):
    """group_of for CpuWatch: gunicorn's master and workers, every PostgreSQL process, redis-server
    (the private one, or every redis-server when the bench uses a shared one)."""
    def group_of(proc):
        if server_pid in (proc.pid, proc.ppid):
            return GUNICORN
        if proc.comm == "postgres":
            return postgres_group(proc.title, database)
        if proc.pid == redis_pid or (redis_pid is None and proc.comm == "redis-server"):
            return REDIS
        return None

    return group_of


# The sidebars and related articles of every page top up with the newest articles at the first
# request after each multiple of PAGE_CACHE_TOPUP_SECONDS (POSIX time) that follows a publication
# (articles/caching.py): every page read after it is made again once.
TOPUP_SECONDS = int(os.environ.get("PAGE_CACHE_TOPUP_SECONDS", 300))


def topup_moments(start, end, every=TOPUP_SECONDS):
    """How many top-up moments fall in (start, end]."""
    return int(end // every) - int(start // every)


def watched(row, usage):
    row.update(cpu={**usage["cpu"], WRK_CPU: row.pop("wrk_cpu")}, started=usage["started"],
               machine=usage["machine"], topup=topup_moments(*usage["span"]) > 0)
    return row


def quiet_round(args, url, path_file, group_of, name):
    watch = CpuWatch(group_of).start()
    row = run_round(args, url, path_file, name)
    return watched(row, watch.stop())


def newsroom_round(args, env, url, path_file, comment_ids, events_file, group_of, name):
    """wrk and the newsroom at the same time; the writer starts its schedule when wrk starts."""
    writer = subprocess.Popen(
        writer_command("write", "--site", url, "--duration", str(args.duration - 1),
                       "--comment-ids", ",".join(map(str, comment_ids)), "--events", str(events_file)),
        cwd=bench.ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    if writer.stdout.readline().strip() != "ready":
        writer.kill()
        sys.exit("the newsroom writer did not start")
    writer.stdout.close()
    watch = CpuWatch(group_of).start()
    loaded = next(p.own + p.reaped for (pid, _), p in watch.first.items() if pid == writer.pid)  # Django's start
    result = {}
    readers = threading.Thread(target=lambda: result.update(run_round(args, url, path_file, name)))
    readers.start()
    writer.stdin.write("go\n")
    writer.stdin.close()
    readers.join()
    code, writer_cpu = reap(writer, 60)
    if code != 0 or "rps" not in result:
        sys.exit("the newsroom writer failed" if code != 0 else "wrk failed in the newsroom round")
    result = watched(result, watch.stop())
    result["cpu"][WRITER_CPU] = writer_cpu - loaded
    events = [json.loads(line) for line in Path(events_file).read_text().splitlines()]
    return result, events


def freshness(events):
    checks = [e for e in events if e["event"] == "check"]
    steps = [e for e in events if e["event"] != "check"]
    return {
        "checks": len(checks),
        "stale": [c for c in checks if not c["fresh"]],
        "by_kind": {kind: sum(1 for c in checks if c["kind"] == kind)
                    for kind in sorted({c["kind"] for c in checks})},
        "steps": {name: [s["ms"] for s in steps if s["event"] == name] for name in ("draft", "publish", "approve")},
    }


# ---------------------------------------------------------------- the report


def warm_up(url, paths, workers=4):
    """Read every listed path once, so that the quiet round starts on a warm cache."""
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda path: bench.fetch(url + path), paths))


def pair_ratios(pairs):
    """newsroom/quiet throughput and p99 of each (quiet, newsroom) pair of rows."""
    return [{"rps": busy["rps"] / quiet["rps"], "p99": busy["p99"] / quiet["p99"]} for quiet, busy in pairs]


def together(rows):
    """The page cache's answers of several rounds added up (for the cache share of all of them)."""
    return {name: sum(row[name] for row in rows) for name in ("hit", "stale", "miss", "none", "5xx")}


def verdicts(pairs, fresh):
    ratios = pair_ratios(pairs)
    ratio = statistics.median(r["rps"] for r in ratios)
    p99 = statistics.median(r["p99"] for r in ratios)
    share = cache_share(together([busy for _, busy in pairs]))
    stale = len(fresh["stale"])

    def mark(ok):
        return "met" if ok else "**not met**"

    return [
        f"newsroom/quiet throughput, median of {len(pairs)} pairs {ratio:.2f} (target ≥ 0.9): {mark(ratio >= 0.9)}",
        f"page cache share in the newsroom rounds {share:.1%} (target ≥ 95 %): {mark(share >= 0.95)}",
        f"newsroom p99 / quiet p99, median of {len(pairs)} pairs {p99:.2f} (target ≤ 2): {mark(p99 <= 2)}",
        f"stale reads {stale} of {fresh['checks']} checks (target 0): {mark(stale == 0)}",
    ]


def table(rounds):
    """One row per round: [(name, row)]; † marks a round in which a top-up moment fell."""
    lines = ["| round | req/s | p50 ms | p99 ms | hit | stale | miss | no header | cache share | 5xx |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, row in rounds:
        mark = " †" if row.get("topup") else ""
        lines.append(f"| {name}{mark} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['hit']} | "
                     f"{row['stale']} | {row['miss']} | {row['none']} | {cache_share(row):.1%} | {row['5xx']} |")
    if any(row.get("topup") for _, row in rounds):
        lines += ["", f"† a top-up moment (a multiple of {TOPUP_SECONDS} s) fell in the round: if an article was "
                      "published since the moment before, every page read after it is made again once (misses "
                      "that go on in the rounds that follow, for the pages read less often)."]
    return "\n".join(lines)


def pair_table(pairs):
    lines = ["| pair | throughput newsroom/quiet | p99 newsroom/quiet |", "|---|---:|---:|"]
    ratios = pair_ratios(pairs)
    for number, ratio in enumerate(ratios, 1):
        lines.append(f"| {number} | {ratio['rps']:.2f} | {ratio['p99']:.2f} |")
    lines.append(f"| **median** | **{statistics.median(r['rps'] for r in ratios):.2f}** | "
                 f"**{statistics.median(r['p99'] for r in ratios):.2f}** |")
    return "\n".join(lines)


def cpu_rows(row):
    """{line of the CPU table: seconds} for one round, with the rest of the machine's busy time."""
    cpu = {group: row["cpu"].get(group, 0.0) for group in CPU_GROUPS}
    machine = row["machine"]
    return {**cpu, "everything else on the machine": machine["busy"] - sum(cpu.values()),
            "machine busy (2 cores)": machine["busy"], "machine steal": machine["steal"],
            "machine idle": machine["idle"], "gunicorn CPU ms per request": 1000 * cpu[GUNICORN] / row["requests"],
            "gunicorn workers started (recycled)": row["started"].get(GUNICORN, 0)}


def cpu_table(rounds):
    """CPU seconds of each group in each round, the mean of each kind of round and their difference."""
    columns = [(name, cpu_rows(row)) for name, row in rounds]
    mean = {kind: {line: statistics.mean(c[line] for name, c in columns if name.startswith(kind))
                   for line in columns[0][1]} for kind in ("quiet", "newsroom")}
    lines = ["| CPU seconds | " + " | ".join(name for name, _ in columns) + " | mean quiet | mean newsroom | "
             "newsroom − quiet |", "|---|" + "---:|" * (len(columns) + 3)]
    for line in columns[0][1]:
        figures = [c[line] for _, c in columns] + [mean["quiet"][line], mean["newsroom"][line],
                                                   mean["newsroom"][line] - mean["quiet"][line]]
        digits = 0 if line.startswith("gunicorn workers") else 2
        # + 0.0: no "-0.00" for a difference rounded to nothing
        lines.append(f"| {line} | " + " | ".join(f"{round(figure, digits) + 0.0:.{digits}f}" for figure in figures)
                     + " |")
    return "\n".join(lines)


def kind_table(quiet, busy):
    """The page cache's answers by kind of page, all quiet rounds against all newsroom rounds."""
    lines = ["| page | rounds | requests | hit | stale | miss |", "|---|---|---:|---:|---:|---:|"]
    for kind in ("home", "section", "article"):
        for name, kinds in (("quiet", quiet), ("newsroom", busy)):
            counts = kinds.get(kind, collections.Counter())
            lines.append(f"| {kind} | {name} | {sum(counts.values())} | {counts['hit']} | {counts['stale']} | "
                         f"{counts['miss']} |")
    return "\n".join(lines)


def freshness_lines(fresh):
    kinds = ", ".join(f"{count} × {kind}" for kind, count in fresh["by_kind"].items())
    steps = ", ".join(f"{name} {len(ms)} × {sum(ms) / len(ms):.0f} ms" for name, ms in fresh["steps"].items() if ms)
    lines = [f"Freshness checks (the next reader request after the change): {kinds}.",
             f"Newsroom steps (mean time of the project's function, checks excluded): {steps}."]
    for stale in fresh["stale"]:
        shown = (f"shown {stale['shown_after_ms']} ms after the change" if "shown_after_ms" in stale
                 else "still not shown 1.5 s after the change")
        lines.append(f"- stale: {stale['kind']} {stale['path']} answered {stale['status']} "
                     f"({stale['cache'] or 'no X-Page-Cache'}) {stale['after_ms']} ms after the change; {shown}")
    return lines


# ---------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL", bench.DEFAULT_DATABASE))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""),
                        help="the page cache's Redis; a private redis-server when empty")
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--newest", type=int, default=5000, help="articles readers read")
    parser.add_argument("--paths", type=int, default=200000, help="length of the readers' list")
    parser.add_argument("--duration", type=int, default=20, help="seconds per round")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64,
                        help="wrk connections: with 8, how they fell on the 2 workers decided a round")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=3, help="pairs of rounds (quiet, newsroom) alternated")
    parser.add_argument("--settle", type=int, default=10, help="seconds of readers after the warm-up, not counted")
    parser.add_argument("--keep", action="store_true", help="reuse the bench database as it is")
    args = parser.parse_args()

    bench.ensure_wrk()
    bench.RESULTS.mkdir(exist_ok=True)
    # Tags decide when a page changes; the time limit only has to outlast the warm-up and the rounds.
    os.environ.setdefault("PAGE_CACHE_SECONDS", "3600")
    folder = Path(tempfile.mkdtemp(prefix="nhn-newsroom-"))
    redis = None
    if not args.redis_url:
        redis = RedisServer(folder)
        redis.start()
        args.redis_url = redis.url
    server = None
    try:
        if args.keep:
            bench.manage(args, "migrate", "--noinput", "-v0")
            bench.manage(args, "collectstatic", "--noinput", "-v0")
        else:
            bench.reset_database(args)
        have = bench.article_count(args)
        if have < args.articles:
            bench.log(f"generating {args.articles - have} articles (to {args.articles})")
            bench.manage(args, "generate_content", "--articles", str(args.articles - have), "--authors", "20")
        env = bench.environment(args, page_cache=True)
        paths = run_writer(args, env, "paths", "--newest", str(args.newest))
        drawn = reader_list(paths, args.paths)
        path_file = folder / "paths.txt"
        path_file.write_text("\n".join(drawn) + "\n")
        per_round = args.duration // 5 + 2  # approvals every 5 s, and a spare
        comment_ids = run_writer(args, env, "prepare", "--comments", str(per_round * args.pairs))

        access = folder / "access.log"
        server = bench.Server(args, page_cache=True, log=bench.RESULTS / "newsroom-gunicorn.log",
                              options=["--access-logfile", str(access), "--access-logformat", ACCESS_FORMAT])
        group_of = cpu_groups(server.process.pid, redis.process.pid if redis else None,
                              urlsplit(args.database).path.lstrip("/"))
        distinct = sorted(set(drawn))
        bench.log(f"warm-up: {len(distinct)} distinct paths of {len(drawn)} drawn")
        warm_up(server.url, distinct)
        if args.settle:
            bench.log(f"settle round: {args.settle} s of readers, not counted")
            run_round(args, server.url, path_file, "settle", args.settle)
        rounds, pairs, events, kinds = [], [], [], {"quiet": [], "newsroom": []}
        for number in range(1, args.pairs + 1):
            start = access.stat().st_size
            quiet = quiet_round(args, server.url, path_file, group_of, f"quiet-{number}")
            middle = access.stat().st_size
            busy, happened = newsroom_round(args, env, server.url, path_file,
                                            comment_ids[(number - 1) * per_round:number * per_round],
                                            folder / f"events-{number}.jsonl", group_of, f"newsroom-{number}")
            end = access.stat().st_size
            with access.open("rb") as log:
                log.seek(start)
                lines = log.read(end - start)
            kinds["quiet"] += lines[:middle - start].decode(errors="replace").splitlines()
            kinds["newsroom"] += lines[middle - start:].decode(errors="replace").splitlines()
            events += happened
            pairs.append((quiet, busy))
            for name, row in ((f"quiet {number}", quiet), (f"newsroom {number}", busy)):
                rounds.append((name, row))
                bench.log(f"{name}: {row['rps']:.0f} req/s, p99 {row['p99']:.1f} ms, cache {cache_share(row):.1%}, "
                          f"gunicorn {row['cpu'].get(GUNICORN, 0):.1f} s CPU{', a top-up moment' * row['topup']}")
    finally:
        if server is not None:
            server.stop()
        if redis is not None:
            redis.stop()
        if (folder / "access.log").exists():
            shutil.copy(folder / "access.log", bench.RESULTS / "newsroom-access.log")
        shutil.rmtree(folder, ignore_errors=True)

    fresh = freshness(events)
    cache = "a private redis-server" if redis is not None else "Redis"
    header = (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} cores · "
        f"{args.articles:,} articles · gunicorn {args.workers} workers (gthread) · PostgreSQL · page cache in "
        f"{cache} · wrk -t{args.threads} -c{args.connections} · after a warm-up and {args.settle} s of readers not "
        f"counted, {args.pairs} pairs of rounds of {args.duration} s (quiet, newsroom, alternated) · "
        f"readers: home {SHARES['home']:.0%}, sections {SHARES['sections']:.0%}, newest {args.newest:,} "
        f"articles {SHARES['articles']:.0%} (Zipf)"
    )
    report = "\n".join([
        header, "", table(rounds), "", pair_table(pairs), "",
        "CPU seconds used in each round (/proc; a process that ended counts in its parent's group):", "",
        cpu_table(rounds), "", "By page (gunicorn's access log):", "",
        kind_table(by_kind(kinds["quiet"]), by_kind(kinds["newsroom"])), "", *freshness_lines(fresh), "",
        *(f"- {line}" for line in verdicts(pairs, fresh)),
    ]) + "\n"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    (bench.RESULTS / f"newsroom-{stamp}.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
