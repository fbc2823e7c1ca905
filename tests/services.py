"""The real services the tests use when this machine has them."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent

LOCAL_REDIS = "redis://127.0.0.1:6379/15"


def redis_test_url():
    """REDIS_TEST_URL, else database 15 of the Redis on 127.0.0.1:6379 when it answers; None without Redis.

    The Redis-backed tests empty that database (cache.clear() is FLUSHDB): point
    REDIS_TEST_URL at another database when 15 holds anything of value.
    """
    url = os.environ.get("REDIS_TEST_URL")
    if url:
        return url
    try:
        redis.Redis.from_url(LOCAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return LOCAL_REDIS


def start_gunicorn(env, port, beacon=False, access_log=None):
    """One gunicorn worker of the project on 127.0.0.1:`port`, returned once /healthz answers:
    the page server (gunicorn.conf.py), or with `beacon` the read beacon's own server
    (deploy/gunicorn-beacon.conf.py). `access_log`: a file for its access log."""
    app = ["-c", str(ROOT / "deploy" / "gunicorn-beacon.conf.py")] if beacon else ["magazine.wsgi"]
    logging = ["--access-logfile", str(access_log)] if access_log else []
    # Its errors go to a file, not a pipe, so that a long run never blocks on them; the child
    # keeps its own descriptor once started.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *app, "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--log-level", "warning", *logging],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                return process
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None:
                    errors.seek(0)
                    raise RuntimeError(errors.read().decode()) from None
                time.sleep(0.2)
        process.kill()
        raise RuntimeError("gunicorn did not start")
