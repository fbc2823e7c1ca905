"""The pieces of `make bench-newsroom` (scripts/newsroom_bench.py, scripts/newsroom.py, scripts/newsroom.lua).

The bench itself (20,000 articles, two rounds of 20 s) runs outside `make test`; these check its
arithmetic, its wrk script against a real server, and the newsroom's steps and freshness checks.
"""

import collections
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
    assert (row["rps"], row["p50"], row["p99"], row["socket_errors"]) == (1600.0, 4.2, 21.5, 3)
    assert (row["hit"], row["stale"], row["miss"], row["none"], row["5xx"]) == (30000, 400, 1600, 0, 3)
    assert newsroom_bench.cache_share(row) == 0.95


def test_access_log_lines_give_the_cache_answers_by_kind_of_page():
    lines = ["/ hit -", "/ stale -", "/ha-noi/ miss -", "/bai-1.html hit -", "/bai-1.html - -",
             f"/ miss {newsroom_bench.CHECKER}"]
    kinds = newsroom_bench.by_kind(lines)
    assert kinds == {"home": {"hit": 1, "stale": 1}, "section": {"miss": 1}, "article": {"hit": 1, "none": 1}}


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
