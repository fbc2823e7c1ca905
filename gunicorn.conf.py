"""gunicorn settings for production: `gunicorn magazine.wsgi` reads this file from the project root.

Each value can be changed from the environment without editing the file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes per core is a good start for a page that waits on the database now and then.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# Threads let one worker keep connections alive and wait on the database for several requests.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
keepalive = 5
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
# Load the project once, then fork: less memory, and import errors stop the start at once.
preload_app = True
# Recycle workers now and then so that no slow leak grows without bound (a worker's memory is
# flat over 10,000 uncached pages: README, "Rendering"). Rarely: most answers are page-cache hits
# (2,000-3,000 a second on two cores), and a recycled worker leaves its kept-alive connections
# to the other one, which then serves every client on one core while the new worker idles, until
# the next recycle moves them again (the newsroom bench: half the throughput, a core idle).
max_requests = 1_000_000
max_requests_jitter = 100_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No request header may set SCRIPT_NAME or PATH_INFO (gunicorn trusts them from
# forwarded_allow_ips by default): a forged one would change the links of a cached page.
forwarder_headers = os.environ.get("FORWARDER_HEADERS", "")
