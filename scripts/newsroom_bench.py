"""`make bench-newsroom`: readers while the newsroom works (issue 11, point 8).

PostgreSQL (BENCH_DATABASE_URL, reset unless --keep) with 20,000 articles from generate_content,
gunicorn with production settings (2 workers) and the page cache in Redis (BENCH_REDIS_URL, or
a private redis-server on a free port). Readers are wrk with scripts/newsroom.lua, replaying a
list of paths drawn beforehand: the home page 20 %, the sections 10 %, the newest 5,000 articles
70 %, weighted by rank⁻¹ (Zipf). After a warm-up that reads every listed path once, two rounds:

  quiet     readers only
  newsroom  the same readers while scripts/newsroom.py saves a draft every 2 s, publishes an
            article every 15 s and approves a comment every 5 s, and checks after each
            publication and approval that the next reader request shows it

It prints req/s, p50, p99 and the page cache's answers (X-Page-Cache) for each round, the
freshness checks, and the targets; the table also goes to bench-results/.
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
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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
ACCESS_FORMAT = "%(U)s %({x-page-cache}o)s %(a)s"
CHECKER = "nhn-newsroom-check/1"  # the newsroom's own reads (scripts/newsroom.py), not counted


def page_kind(path):
    return "home" if path == "/" else "article" if path.endswith(".html") else "section"


def by_kind(lines):
    """{kind: Counter of X-Page-Cache answers} from access log lines in ACCESS_FORMAT."""
    kinds = {}
    for line in lines:
        path, state, agent = (line.split(" ", 2) + ["", ""])[:3]
        if agent.strip() != CHECKER:
            kinds.setdefault(page_kind(path), collections.Counter())[state if state != "-" else "none"] += 1
    return kinds


def wrk_command(args, url, path_file):
    return ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
            "--timeout", "5s", "--latency", "-s", str(LUA), url, "--", str(path_file), str(args.threads)]


def run_round(args, url, path_file, name):
    out = subprocess.run(wrk_command(args, url, path_file), check=True, capture_output=True, text=True,
                         timeout=args.duration + 60).stdout
    (bench.RESULTS / f"newsroom-wrk-{name}.txt").write_text(out)  # the last run's, for a closer look
    return parse_wrk(out)


# ---------------------------------------------------------------- the newsroom


def writer_command(*arguments):
    return [bench.PYTHON, str(WRITER), *arguments]


def run_writer(args, env, *arguments):
    out = subprocess.run(writer_command(*arguments), cwd=bench.ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def newsroom_round(args, env, url, path_file, comment_ids, events_file):
    """wrk and the newsroom at the same time; the writer starts its schedule when wrk starts."""
    writer = subprocess.Popen(
        writer_command("write", "--site", url, "--duration", str(args.duration - 1),
                       "--comment-ids", ",".join(map(str, comment_ids)), "--events", str(events_file)),
        cwd=bench.ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    if writer.stdout.readline().strip() != "ready":
        writer.kill()
        sys.exit("the newsroom writer did not start")
    result = {}
    readers = threading.Thread(target=lambda: result.update(run_round(args, url, path_file, "newsroom")))
    readers.start()
    writer.stdin.write("go\n")
    writer.stdin.close()
    readers.join()
    if writer.wait(timeout=60) != 0:
        sys.exit("the newsroom writer failed")
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


def verdicts(quiet, busy, fresh):
    ratio = busy["rps"] / quiet["rps"]
    p99 = busy["p99"] / quiet["p99"]
    share = cache_share(busy)
    stale = len(fresh["stale"])

    def mark(ok):
        return "met" if ok else "**not met**"

    return [
        f"newsroom/quiet throughput {ratio:.2f} (target ≥ 0.9): {mark(ratio >= 0.9)}",
        f"page cache share in the newsroom round {share:.1%} (target ≥ 95 %): {mark(share >= 0.95)}",
        f"newsroom p99 {p99:.2f} × quiet p99 (target ≤ 2): {mark(p99 <= 2)}",
        f"stale reads {stale} of {fresh['checks']} checks (target 0): {mark(stale == 0)}",
    ]


def table(quiet, busy):
    lines = ["| round | req/s | p50 ms | p99 ms | hit | stale | miss | no header | cache share | 5xx |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, row in (("quiet", quiet), ("newsroom", busy)):
        lines.append(f"| {name} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['hit']} | "
                     f"{row['stale']} | {row['miss']} | {row['none']} | {cache_share(row):.1%} | {row['5xx']} |")
    return "\n".join(lines)


def kind_table(quiet, busy):
    lines = ["| page | round | requests | hit | stale | miss |", "|---|---|---:|---:|---:|---:|"]
    for kind in ("home", "section", "article"):
        for name, row in (("quiet", quiet), ("newsroom", busy)):
            counts = row["kinds"].get(kind, collections.Counter())
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
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
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
        comment_ids = run_writer(args, env, "prepare", "--comments", str(args.duration // 5 + 2))

        access = folder / "access.log"
        server = bench.Server(args, page_cache=True, log=bench.RESULTS / "newsroom-gunicorn.log",
                              options=["--access-logfile", str(access), "--access-logformat", ACCESS_FORMAT])
        distinct = sorted(set(drawn))
        bench.log(f"warm-up: {len(distinct)} distinct paths of {len(drawn)} drawn")
        warm_up(server.url, distinct)
        bench.log(f"quiet round: {args.duration} s")
        start = access.stat().st_size
        quiet = run_round(args, server.url, path_file, "quiet")
        middle = access.stat().st_size
        bench.log(f"newsroom round: {args.duration} s")
        busy, events = newsroom_round(args, env, server.url, path_file, comment_ids, folder / "events.jsonl")
        log = access.read_bytes()
        quiet["kinds"] = by_kind(log[start:middle].decode(errors="replace").splitlines())
        busy["kinds"] = by_kind(log[middle:].decode(errors="replace").splitlines())
    finally:
        if server is not None:
            server.stop()
        if redis is not None:
            redis.stop()
        shutil.rmtree(folder, ignore_errors=True)

    fresh = freshness(events)
    cache = "a private redis-server" if redis is not None else "Redis"
    header = (
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC · {platform.node()} · {os.cpu_count()} cores · "
        f"{args.articles:,} articles · gunicorn {args.workers} workers (gthread) · PostgreSQL · page cache in "
        f"{cache} · wrk -t{args.threads} -c{args.connections} · 2 rounds of {args.duration} s after a warm-up · "
        f"readers: home {SHARES['home']:.0%}, sections {SHARES['sections']:.0%}, newest {args.newest:,} "
        f"articles {SHARES['articles']:.0%} (Zipf)"
    )
    report = "\n".join([header, "", table(quiet, busy), "", "By page (gunicorn's access log):", "",
                        kind_table(quiet, busy), "", *freshness_lines(fresh), "",
                        *(f"- {line}" for line in verdicts(quiet, busy, fresh))]) + "\n"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    (bench.RESULTS / f"newsroom-{stamp}.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
