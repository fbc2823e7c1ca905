"""The arithmetic of `make soak` (scripts/soak.py); the soak itself runs outside `make test`."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location("soak", Path(__file__).resolve().parent.parent / "scripts" / "soak.py")
soak = importlib.util.module_from_spec(spec)
spec.loader.exec_module(soak)
Result = soak.Result


def read(started, status, duration=0.05):
    return Result("read", started, started + duration, status)


def comment(started, status, marker):
    return Result("comment", started, started + 0.1, status, marker)


def test_requests_are_counted_before_during_and_after_the_outage():
    results = [read(1, 200), read(9.98, 503, duration=0.5), read(12, 503), read(15.2, 503), read(16, 200)]
    report = soak.summarize(results, down_at=10, up_at=15)
    # A request that began before the stop but ended after it counts as during.
    assert (report["before_requests"], report["during_requests"], report["after_requests"]) == (1, 2, 2)
    assert (report["before_5xx"], report["during_5xx"], report["after_5xx"]) == (0, 2, 1)
    assert report["outage_seconds"] == 5
    assert report["recovery_seconds"] == 0.2
    assert soak.verdict(report) == []  # a failure 0.2 s after the restart is within the allowance


def test_recovery_is_the_time_until_the_last_failure_after_restart():
    results = [read(15.5, 503), read(16.2, 0), read(17, 200)]
    assert soak.recovery_seconds(results, up_at=15) == 1.2
    assert soak.recovery_seconds([read(16, 200)], up_at=15) == 0.0


def test_errors_outside_the_outage_fail_the_soak():
    report = soak.summarize([read(1, 500), read(20, 502), read(21, 200)], down_at=10, up_at=12)
    problems = soak.verdict(report)
    assert "1 errors before the outage" in problems
    assert any("after PostgreSQL was back" in p for p in problems)


def test_comments_answered_with_success_must_be_stored_exactly_once():
    results = [comment(1, 303, "soak-a"), comment(2, 303, "soak-b"), comment(3, 303, "soak-c"),
               comment(11, 503, "soak-d")]
    check = soak.comment_check(results, {"soak-a": 1, "soak-b": 2, "soak-d": 1})
    assert check == {"answered_ok": 3, "stored": 4, "lost": 1, "doubled": 1, "stored_without_success_answer": 1}
    report = soak.summarize(results, down_at=10, up_at=12, stored_counts={"soak-a": 1, "soak-b": 2, "soak-d": 1})
    assert "comments lost: 1, doubled: 1" in soak.verdict(report)


def test_reads_must_not_fail_once_redis_is_stopped_but_comments_may_be_refused():
    results = [read(41, 200), comment(41.5, 503, "soak-e"), read(42, 200), read(44, 200)]
    report = soak.summarize(results, down_at=10, up_at=15, redis=(40, 43))
    assert report["redis"] == {"outage_seconds": 3, "reads": 3, "read_5xx": 0, "reads_during_outage": 2,
                               "comments_during_outage": 1, "comments_refused_during_outage": 1}
    # A refused comment during Redis's outage is not PostgreSQL's late recovery either.
    assert report["recovery_seconds"] == 0.0 and soak.verdict(report) == []
    failing = soak.summarize([*results, read(45, 500)], down_at=10, up_at=15, redis=(40, 43))
    assert "1 reads failed once Redis was stopped" in soak.verdict(failing)
