#!/usr/bin/env python3
"""Soak test: gunicorn on its own throwaway PostgreSQL and Redis, mixed traffic, a restart of each.

    make soak                      # 60 s of traffic, PostgreSQL down from 20 s to 25 s, Redis from 40 s to 43 s
    .venv/bin/python scripts/soak.py --duration 90 --outage-at 30 --outage-for 10 --redis-at 60

It never touches the machine's PostgreSQL or Redis: it runs initdb into a temporary
folder and starts a private server (as the `postgres` OS user when run as root), and a
private redis-server for the cache, each on a free loopback port. Traffic comes
from many simulated client addresses through X-Forwarded-For, which the app trusts
in this setup (COMMENTS_TRUSTED_PROXY_HEADER).
Comment posts are part of the mix only when the comments app answers at
/binh-luan/<id>/token/. The report says how many requests were served, the 5xx
before, during and after the database outage, how long recovery took, the 5xx of
reads from the moment Redis stops to the end (there must be none: pages are then
rendered uncached), and whether every comment answered with success is stored
exactly once. Exit status 1 when a criterion fails.
"""

import argparse
import contextlib
import glob
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from services import RedisServer, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
COMMENT_MARK = "soak-"
# After PostgreSQL is back, 5xx are tolerated this long (the first request of each
# worker finds its old connection dead, CONN_HEALTH_CHECKS replaces it).
RECOVERY_ALLOWANCE = 5.0


@dataclass
class Result:
    kind: str  # "read" or "comment"
    started: float
    ended: float
    status: int  # 0 when the connection itself failed
    marker: str = ""


# ---------------------------------------------------------------- the report


def classify(results, down_at, up_at):
    """Before: ended before the stop was asked for; after: began once PostgreSQL was back;
    during: everything that overlapped the outage."""
    phases = {"before": [], "during": [], "after": []}
    for result in results:
        if down_at is None or result.ended < down_at:
            phases["before"].append(result)
        elif up_at is None or result.started < up_at:
            phases["during"].append(result)
        else:
            phases["after"].append(result)
    return phases


def failed(result):
    return result.status == 0 or result.status >= 500


def recovery_seconds(results, up_at, until=None):
    """Seconds from PostgreSQL's restart until the last failed request began before `until` (Redis's
    stop, when it follows), 0 when none failed after."""
    if up_at is None:
        return None
    late = [r.started for r in results if r.started >= up_at and failed(r) and (until is None or r.started < until)]
    return round(max(late) - up_at, 2) if late else 0.0


def comment_check(results, stored_counts):
    """Compare comments answered with success to what the database holds (marker -> row count)."""
    answered = [r.marker for r in results if r.kind == "comment" and 200 <= r.status < 400]
    lost = [m for m in answered if stored_counts.get(m, 0) == 0]
    doubled = [m for m, count in stored_counts.items() if count > 1]
    unanswered = [m for m in stored_counts if m not in set(answered)]
    return {"answered_ok": len(answered), "stored": sum(stored_counts.values()), "lost": len(lost),
            "doubled": len(doubled), "stored_without_success_answer": len(unanswered)}


def redis_check(results, redis_down_at, redis_up_at):
    """From Redis's stop to the end: reads must never fail; comment posts may be refused."""
    later = [r for r in results if r.ended >= redis_down_at]
    reads = [r for r in later if r.kind == "read"]
    during = [r for r in later if r.started < redis_up_at]
    return {
        "outage_seconds": round(redis_up_at - redis_down_at, 2),
        "reads": len(reads),
        "read_5xx": sum(1 for r in reads if failed(r)),
        "reads_during_outage": sum(1 for r in during if r.kind == "read"),
        "comments_during_outage": sum(1 for r in during if r.kind == "comment"),
        "comments_refused_during_outage": sum(1 for r in during if r.kind == "comment" and r.status >= 400),
    }


def summarize(results, down_at, up_at, stored_counts=None, redis=None):
    """`redis`: (stopped at, started at) when Redis was restarted after PostgreSQL's outage."""
    phases = classify(results, down_at, up_at)
    report = {
        "requests": len(results),
        "served_ok": sum(1 for r in results if 0 < r.status < 500),
        "per_second": round(len(results) / max(1e-9, max((r.ended for r in results), default=0)
                                               - min((r.started for r in results), default=0)), 1),
        "outage_seconds": round(up_at - down_at, 2) if down_at is not None and up_at is not None else None,
    }
    for name, group in phases.items():
        report[f"{name}_requests"] = len(group)
        report[f"{name}_5xx"] = sum(1 for r in group if failed(r))
    report["recovery_seconds"] = recovery_seconds(results, up_at, until=redis[0] if redis else None)
    origin = min((r.started for r in results), default=0)
    failures = [r.started - origin for r in results if failed(r)]
    report["first_5xx_at"] = round(min(failures), 2) if failures else None
    report["last_5xx_at"] = round(max(failures), 2) if failures else None
    if stored_counts is not None:
        report["comments"] = comment_check(results, stored_counts)
    if redis is not None:
        report["redis"] = redis_check(results, *redis)
    return report


def verdict(report):
    """The criteria of issues 8 and 11, as a list of failures (empty: pass)."""
    problems = []
    if report["before_5xx"]:
        problems.append(f"{report['before_5xx']} errors before the outage")
    if report["recovery_seconds"] is not None and report["recovery_seconds"] > RECOVERY_ALLOWANCE:
        problems.append(f"errors continued {report['recovery_seconds']} s after PostgreSQL was back")
    if report["served_ok"] == 0:
        problems.append("nothing was served")
    redis = report.get("redis")
    if redis and redis["read_5xx"]:
        problems.append(f"{redis['read_5xx']} reads failed once Redis was stopped")
    comments = report.get("comments")
    if comments and (comments["lost"] or comments["doubled"]):
        problems.append(f"comments lost: {comments['lost']}, doubled: {comments['doubled']}")
    return problems


# ---------------------------------------------------------------- PostgreSQL


def pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not candidates:
        sys.exit(f"{name} not found: install PostgreSQL server binaries")
    return candidates[-1]


class Postgres:
    """A private PostgreSQL server in a temporary folder, as the postgres user when we are root."""

    def __init__(self, folder, port):
        self.folder, self.port = Path(folder), port
        self.data, self.log = self.folder / "data", self.folder / "postgres.log"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command):
        subprocess.run([*self.as_postgres, *command], check=True, stdout=subprocess.DEVNULL)

    def init(self):
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode="fast"):
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def psql(self, sql, database="postgres"):
        out = subprocess.run(
            [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-At", "-F", "\t", "-c", sql],
            check=True, capture_output=True, text=True,
        )
        return out.stdout


# ---------------------------------------------------------------- traffic


class Site:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, client_ip="10.0.0.1"):
        headers = {"Host": "127.0.0.1", "X-Forwarded-For": client_ip, "User-Agent": "nhn-soak/1"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def discover(site):
    """Public paths to read, and the ids of articles, from the home page."""
    status, body = site.request("GET", "/")
    if status != 200:
        sys.exit(f"home page answered {status}")
    html = body.decode("utf-8", "replace")
    hrefs = set(re.findall(r'href="(/[^"#?]*)"', html))
    articles = sorted(h for h in hrefs if h.endswith(".html"))
    ids = [int(m.group(1)) for h in articles if (m := re.search(r"-(\d+)\.html$", h))]
    others = sorted(h for h in hrefs if not h.endswith(".html") and not h.startswith(("/static/", "/media/")))
    return ["/", "/healthz", *articles, *others], ids


def commentable(site, article_ids):
    """The articles whose comment form answers (none when the comments app is absent)."""
    return [pk for pk in article_ids if site.request("GET", f"/binh-luan/{pk}/token/")[0] == 200]


def random_ip(rng):
    return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"


def post_comment(site, article_id, rng):
    ip = random_ip(rng)
    marker = f"{COMMENT_MARK}{uuid.uuid4().hex}"
    status, body = site.request("GET", f"/binh-luan/{article_id}/token/", client_ip=ip)
    if status != 200:
        return status, ""
    token = json.loads(body)["token"]
    form = {"token": token, "name": "Bạn đọc thử tải", "email": "soak@example.com", "website": "",
            "body": f"Bình luận thử tải {marker}: nội dung đủ dài để được nhận."}
    status, _ = site.request("POST", f"/binh-luan/{article_id}/", urlencode(form).encode(), client_ip=ip)
    return status, marker


def traffic(site, paths, article_ids, with_comments, until, results, lock, seed, comment_share):
    rng = random.Random(seed)
    while time.monotonic() < until:
        started = time.monotonic()
        marker = ""
        kind = "comment" if with_comments and rng.random() < comment_share else "read"
        try:
            if kind == "comment":
                status, marker = post_comment(site, rng.choice(article_ids), rng)
            else:
                status, _ = site.request("GET", rng.choice(paths), client_ip=random_ip(rng))
        except (OSError, http.client.HTTPException):
            status = 0
        with lock:
            results.append(Result(kind, started, time.monotonic(), status, marker))


def stored_comment_counts(postgres):
    out = postgres.psql(
        "SELECT substring(body from 'soak-[0-9a-f]{32}'), count(*) FROM comments_comment "
        f"WHERE body LIKE '%{COMMENT_MARK}%' GROUP BY 1",
        database="magazine",
    )
    counts = {}
    for line in out.splitlines():
        marker, count = line.split("\t")
        counts[marker] = int(count)
    return counts


# ---------------------------------------------------------------- main


def environment(args, folder, redis_url):
    env = {
        "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{args.pg_port}/magazine",
        # Plain HTTP on the loopback: no HTTPS redirect, no HSTS.
        "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0",
        "MEDIA_ROOT": str(Path(folder) / "media"), "SERVE_MEDIA": "1",
        # The client address comes from X-Forwarded-For, as behind the production proxy.
        "COMMENTS_TRUSTED_PROXY_HEADER": "HTTP_X_FORWARDED_FOR",
        # Robots wait a few seconds before posting; the soak's clients need not.
        "COMMENTS_TOKEN_MIN_AGE": "0",
        # The demo articles are years old; keep their comments open.
        "COMMENTS_CLOSE_AFTER_DAYS": "0",
        "LOG_LEVEL": "ERROR",
        "REDIS_URL": redis_url,
    }
    return env


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of traffic")
    parser.add_argument("--outage-at", type=float, default=20, help="seconds into the traffic")
    parser.add_argument("--outage-for", type=float, default=5, help="seconds PostgreSQL stays down")
    parser.add_argument("--redis-at", type=float, default=40, help="seconds into the traffic (after PostgreSQL's)")
    parser.add_argument("--redis-for", type=float, default=3, help="seconds Redis stays down")
    parser.add_argument("--clients", type=int, default=8, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--comment-share", type=float, default=0.3)
    parser.add_argument("--pg-port", type=int, default=0, help="0: a free port")
    parser.add_argument("--http-port", type=int, default=0, help="0: a free port")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    if args.redis_at < args.outage_at + args.outage_for:
        parser.error("--redis-at must come after PostgreSQL is back")
    args.pg_port = args.pg_port or free_port()
    args.http_port = args.http_port or free_port()

    folder = tempfile.mkdtemp(prefix="nhn-soak-")
    postgres = Postgres(folder, args.pg_port)
    redis = RedisServer(folder)
    gunicorn = None
    env = environment(args, folder, redis.url)
    try:
        redis.start()
        print(f"Redis: port {redis.port}", flush=True)
        print(f"PostgreSQL: initdb in {folder}, port {args.pg_port}", flush=True)
        postgres.init()
        postgres.start()
        postgres.psql("CREATE DATABASE magazine")
        manage = [str(PYTHON), "manage.py"]
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"],
                        ["load_demo", "-v0"]):
            subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        log = open(Path(folder) / "gunicorn.log", "ab")  # noqa: SIM115 (closed with the folder)
        gunicorn = subprocess.Popen(
            [str(GUNICORN), "magazine.wsgi", "--bind", f"127.0.0.1:{args.http_port}",
             "--workers", str(args.workers), "--timeout", "30", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        site = Site(args.http_port)
        for _ in range(60):
            try:
                if site.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            sys.exit("gunicorn did not answer /healthz")
        paths, article_ids = discover(site)
        article_ids = commentable(site, article_ids)
        with_comments = bool(article_ids)
        print(f"gunicorn: {args.workers} workers; {len(paths)} paths; comments: "
              f"{'yes' if with_comments else 'no (no /binh-luan/ in this tree)'}", flush=True)

        results, lock = [], threading.Lock()
        start = time.monotonic()
        until = start + args.duration
        threads = [
            threading.Thread(target=traffic, args=(site, paths, article_ids, with_comments, until, results, lock,
                                                   seed, args.comment_share))
            for seed in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.outage_at)
        print(f"{time.monotonic() - start:5.1f} s: stopping PostgreSQL", flush=True)
        down_at = time.monotonic()
        postgres.stop()
        time.sleep(args.outage_for)
        postgres.start()
        up_at = time.monotonic()
        print(f"{up_at - start:5.1f} s: PostgreSQL is back", flush=True)
        time.sleep(max(0.0, start + args.redis_at - time.monotonic()))
        print(f"{time.monotonic() - start:5.1f} s: stopping Redis", flush=True)
        redis_down_at = time.monotonic()
        redis.stop()
        time.sleep(args.redis_for)
        redis.start()
        redis_up_at = time.monotonic()
        print(f"{redis_up_at - start:5.1f} s: Redis is back", flush=True)
        for thread in threads:
            thread.join()

        stored = stored_comment_counts(postgres) if with_comments else None
        report = summarize(results, down_at, up_at, stored, redis=(redis_down_at, redis_up_at))
        report["clients"], report["workers"], report["duration"] = args.clients, args.workers, args.duration
        print(json.dumps(report, indent=2, ensure_ascii=False))
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        problems = verdict(report)
        print("PASS" if not problems else "FAIL: " + "; ".join(problems))
        return 1 if problems else 0
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        with contextlib.suppress(subprocess.CalledProcessError):
            postgres.stop("immediate")
        redis.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
