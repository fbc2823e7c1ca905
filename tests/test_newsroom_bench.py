"""The pieces of `make bench-newsroom` (scripts/newsroom_bench.py, scripts/newsroom.py, scripts/newsroom.lua).

The bench itself (20,000 articles, pairs of rounds of 20 s) runs outside `make test`; these check its
arithmetic, its CPU accounting on real processes, its wrk script against a real server, and the
newsroom's steps and freshness checks.
"""

import collections
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reversion.models import Version

from tests.factories import make_article, make_author, make_section

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import newsroom  # noqa: E402
import newsroom_bench  # noqa: E402

# Live-server tests keep the database's serialized content for the browser tests that follow.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:40000
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    3.20ms  80.00ms   90.00%
    Req/Sec   800.00    100.00     1.00k    70.00%
  Latency Distribution
     50%    4.20ms
     75%    6.00ms
     90%    8.00ms
     99%   21.50ms
  32000 requests in 20.00s, 700.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:   1600.00
Transfer/sec:     35.00MB
newsroom-tally hit=30000 stale=400 miss=1600 none=0 5xx=3
""".replace("21.50ms", "21.50ms ")  # wrk pads some figures with a trailing space


def test_readers_ask_for_home_sections_and_articles_in_their_shares_with_zipf_ranks():
    paths = {"home": "/", "sections": ["/ha-noi/", "/van-hoa/"],
             "articles": [f"/bai-{rank}.html" for rank in range(1, 101)]}
    drawn = newsroom_bench.reader_list(paths, 50000, seed=3)
    counts = collections.Counter(drawn)
    assert 0.19 < counts["/"] / 50000 < 0.21
    assert 0.09 < (counts["/ha-noi/"] + counts["/van-hoa/"]) / 50000 < 0.11
    # rank⁻¹: the newest article twice as read as the second, ten times as the tenth.
    assert 1.8 < counts["/bai-1.html"] / counts["/bai-2.html"] < 2.2
    assert 8 < counts["/bai-1.html"] / counts["/bai-10.html"] < 12
    assert drawn == newsroom_bench.reader_list(paths, 50000, seed=3)


def test_wrk_output_gives_throughput_latency_and_the_page_cache_tally():
    row = newsroom_bench.parse_wrk(WRK_OUTPUT)
    assert (row["rps"], row["requests"], row["p50"], row["p99"], row["socket_errors"]) == (1600.0, 32000, 4.2, 21.5, 3)
    assert (row["hit"], row["stale"], row["miss"], row["none"], row["5xx"]) == (30000, 400, 1600, 0, 3)
    assert newsroom_bench.cache_share(row) == 0.95


def test_access_log_lines_give_the_cache_answers_by_kind_of_page():
    at = "[01/Dec/2026:23:48:00 +0000]"
    lines = [f"/ hit 1 {at} -", f"/ stale 2 {at} -", f"/ha-noi/ miss 30 {at} -", f"/bai-1.html hit 1 {at} -",
             f"/bai-1.html - 4 {at} -", f"/ miss 9 {at} {newsroom_bench.CHECKER}"]
    kinds = newsroom_bench.by_kind(lines)
    assert kinds == {"home": {"hit": 1, "stale": 1}, "section": {"miss": 1}, "article": {"hit": 1, "none": 1}}


def row(rps, p99, hit=1000, stale=0, miss=0, requests=None):
    return {"rps": rps, "p50": 1.0, "p99": p99, "hit": hit, "stale": stale, "miss": miss, "none": 0, "5xx": 0,
            "requests": requests or hit + stale + miss}


def test_pairs_are_judged_on_the_median_of_their_ratios_and_the_cache_on_every_newsroom_round():
    pairs = [(row(1000, 10), row(500, 30)), (row(800, 20), row(760, 30)), (row(900, 40), row(1080, 20, miss=90))]
    ratios = newsroom_bench.pair_ratios(pairs)
    assert [round(r["rps"], 2) for r in ratios] == [0.5, 0.95, 1.2]
    assert [round(r["p99"], 2) for r in ratios] == [3.0, 1.5, 0.5]
    fresh = {"checks": 60, "stale": []}
    lines = newsroom_bench.verdicts(pairs, fresh)
    # One bad pair (0.5, 3 × p99) does not decide; the median (0.95, 1.5) does.
    assert "median of 3 pairs 0.95" in lines[0] and lines[0].endswith(": met")
    assert "median of 3 pairs 1.50" in lines[2] and lines[2].endswith(": met")
    # 90 misses in 3,090 answers of the newsroom rounds: 97.1 %, met; the same misses in one round alone would not be.
    assert "97.1%" in lines[1] and lines[1].endswith(": met")
    assert newsroom_bench.cache_share(pairs[2][1]) < 0.95
    assert lines[3] == "stale reads 0 of 60 checks (target 0): met"
    table = newsroom_bench.pair_table(pairs)
    assert table.splitlines()[-1] == "| **median** | **0.95** | **1.50** |"
    assert "not met" in newsroom_bench.verdicts(pairs[:1], {"checks": 20, "stale": [{}]})[3]


def test_rounds_in_which_a_top_up_moment_fell_are_marked():
    # The sidebars top up at multiples of PAGE_CACHE_TOPUP_SECONDS (articles/caching._boundary).
    assert newsroom_bench.topup_moments(1_800_000_290.0, 1_800_000_310.0, 300) == 1
    assert newsroom_bench.topup_moments(1_800_000_300.5, 1_800_000_320.5, 300) == 0
    assert newsroom_bench.topup_moments(1_800_000_000.0, 1_800_000_600.0, 300) == 2
    quiet, busy = row(1000, 10), row(500, 30, miss=900)
    busy["topup"] = True
    lines = newsroom_bench.table([("quiet 1", quiet), ("newsroom 1", busy)]).splitlines()
    assert lines[2].startswith("| quiet 1 | 1000 |") and lines[3].startswith("| newsroom 1 † | 500 |")
    assert lines[-1].startswith("† a top-up moment")


def test_cpu_table_shows_each_group_per_round_and_the_newsroom_s_extra():
    rounds = []
    for number, (gunicorn, writer) in enumerate([(10.0, 0.0), (14.0, 1.0), (12.0, 0.0), (15.0, 1.2)]):
        name = f"{'quiet' if number % 2 == 0 else 'newsroom'} {number // 2 + 1}"
        data = row(1000, 10, requests=20000)
        data.update(cpu={newsroom_bench.GUNICORN: gunicorn, newsroom_bench.WRITER_CPU: writer,
                         newsroom_bench.WRK_CPU: 3.0},
                    started={newsroom_bench.GUNICORN: number}, machine={"busy": 30.0, "steal": 0.5, "idle": 10.0})
        rounds.append((name, data))
    lines = {line.split(" | ")[0].lstrip("| "): line.split(" | ")[1:]
             for line in newsroom_bench.cpu_table(rounds).splitlines()[2:]}
    assert lines[newsroom_bench.GUNICORN] == ["10.00", "14.00", "12.00", "15.00", "11.00", "14.50", "3.50 |"]
    assert lines[newsroom_bench.WRITER_CPU][-3:] == ["0.00", "1.10", "1.10 |"]
    assert lines["everything else on the machine"][:2] == ["17.00", "12.00"]  # 30 − 10 − 3, 30 − 14 − 1 − 3
    assert lines["gunicorn CPU ms per request"][:2] == ["0.50", "0.70"]
    assert lines["gunicorn workers started (recycled)"][:4] == ["0", "1", "2", "3"]
    assert lines["machine busy (2 cores)"][-1] == "0.00 |"  # not "-0.00"


BURNER = """
import subprocess, sys, time
def burn(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
burn(float(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
for _ in range(int(sys.argv[2])):
    subprocess.run([sys.executable, "-I", "-S", "-c", sys.argv[3]], check=True)
print("done", flush=True)
sys.stdin.readline()
"""
CHILD = "import time\nwhile time.process_time() < 0.25: pass"


def burner(before, children):
    process = subprocess.Popen([sys.executable, "-c", BURNER, str(before), str(children), CHILD],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "ready\n"
    return process


def test_cpu_of_a_real_process_is_read_from_proc_and_from_its_end():
    process = burner(0.3, 1)
    try:
        proc = newsroom_bench.proc_stat(process.pid)
        assert proc.ppid == os.getpid() and proc.comm.startswith("python")
        assert 0.25 <= proc.own < 0.8 and proc.reaped == 0  # /proc counts in ticks of 10 ms
        process.stdin.write("go\n")
        process.stdin.flush()
        assert process.stdout.readline() == "done\n"
        proc = newsroom_bench.proc_stat(process.pid)
        assert 0.2 <= proc.reaped < 0.6  # its child, reaped
        process.stdin.close()
        code, cpu = newsroom_bench.reap(process, 30)
        assert code == 0 and 0.5 <= cpu < 1.4  # itself and its child, all its life
        assert newsroom_bench.proc_stat(process.pid) is None
    finally:
        process.kill()
    machine = newsroom_bench.machine_times()
    assert machine["busy"] > 0 and machine["idle"] > 0 and machine["steal"] >= 0


@pytest.mark.parametrize("every", [0.05, 60])
def test_cpu_watch_counts_a_round_s_work_and_ended_children_in_their_parent_s_group(every):
    process = burner(0.5, 2)  # 0.5 s before the round: not counted
    try:
        watch = newsroom_bench.CpuWatch(lambda p: "tree" if process.pid in (p.pid, p.ppid) else None, every).start()
        process.stdin.write("go\n")
        process.stdin.flush()
        assert process.stdout.readline() == "done\n"
        usage = watch.stop()
    finally:
        process.kill()
        process.wait()
    # Two children of 0.25 s each, whether a reading saw them (every 0.05 s) or only their parent's
    # reaped time did (every 60 s: no reading in between).
    assert 0.45 <= usage["cpu"]["tree"] < 0.95, usage
    assert usage["started"]["tree"] == (2 if every < 1 else 0)
    assert usage["machine"]["busy"] >= 0.5


@pytest.mark.django_db
def test_postgres_processes_are_grouped_by_their_title():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    backend = newsroom_bench.proc_stat(pid)
    if backend is None:
        pytest.skip("PostgreSQL runs on another machine")
    database = connection.settings_dict["NAME"]
    assert backend.comm == "postgres" and database in backend.title
    assert newsroom_bench.postgres_group(backend.title, database) == newsroom_bench.PG_BENCH
    assert newsroom_bench.postgres_group(backend.title, database + "_other") == newsroom_bench.PG_OTHER
    postmaster = newsroom_bench.proc_stat(backend.ppid)
    assert newsroom_bench.postgres_group(postmaster.title, database) == newsroom_bench.PG_MAIN
    assert newsroom_bench.postgres_group("postgres: 15/main: checkpointer", database) == newsroom_bench.PG_MAIN
    assert (newsroom_bench.postgres_group("postgres: 15/main: autovacuum worker", database)
            == newsroom_bench.PG_AUTOVACUUM)
    group_of = newsroom_bench.cpu_groups(os.getpid(), None, database)
    assert group_of(backend) == newsroom_bench.PG_BENCH
    assert group_of(newsroom_bench.proc_stat(os.getpid())) == newsroom_bench.GUNICORN


def test_schedule_saves_drafts_every_2_s_publishes_every_15_s_approves_every_5_s():
    steps = collections.Counter(step for _, step in newsroom.schedule(20))
    assert steps == {"draft": 10, "publish": 2, "approve": 4}
    assert [at for at, step in newsroom.schedule(20) if step == "publish"] == [2.5, 17.5]


@live
@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (make bench installs it)")
def test_wrk_script_replays_the_list_and_tallies_x_page_cache(live_server, tmp_path):
    article = make_article()
    paths = tmp_path / "paths.txt"
    paths.write_text(f"/\n{article.get_absolute_url()}\n")
    args = type("Args", (), {"threads": 1, "connections": 1, "duration": 3})
    out = subprocess.run(newsroom_bench.wrk_command(args, live_server.url, paths), check=True,
                         capture_output=True, text=True, timeout=30).stdout
    row = newsroom_bench.parse_wrk(out)
    # Two pages: each a miss the first time, hits afterwards.
    assert row["miss"] == 2 and row["hit"] > 0 and row["stale"] == row["none"] == row["5xx"] == 0


@live
def test_newsroom_steps_go_through_the_project_and_readers_see_each_change(live_server):
    section, author = make_section(), make_author()
    make_article(section=section, authors=[author])
    first, second = newsroom.prepare(2)
    user = newsroom.editor()

    draft = newsroom.save_draft(None, user, 1)
    draft = newsroom.save_draft(draft, user, 2)
    assert draft.status == "draft" and "Đoạn 2" in draft.body
    assert Version.objects.get_for_object(draft).count() == 2
    assert newsroom.check(live_server.url, "draft", draft.get_absolute_url(), "", time.monotonic(), 404)["fresh"]
    assert draft.get_absolute_url() not in newsroom.read(live_server.url, "/")[2]

    article = newsroom.publish(draft, user)
    checks = newsroom.publication_checks(live_server.url, article)
    assert [c["kind"] for c in checks] == ["publish: article page", "publish: home", "publish: section"]
    assert all(c["fresh"] for c in checks), checks

    approved = newsroom.approve(first, user)
    assert all(c["fresh"] for c in newsroom.approval_checks(live_server.url, approved))


@live
def test_a_change_readers_do_not_see_is_reported_as_a_stale_read(live_server):
    make_article()
    waiting = newsroom.prepare(1)[0]
    from comments.models import Comment

    # Still pending: the check must say the article page does not show it.
    [check] = newsroom.approval_checks(live_server.url, Comment.objects.get(pk=waiting))
    assert check["fresh"] is False and check["status"] == 200
