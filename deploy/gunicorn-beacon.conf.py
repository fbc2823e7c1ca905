"""gunicorn settings for the "Đọc nhiều" beacon's own app server:

    gunicorn -c deploy/gunicorn-beacon.conf.py

It answers POST /doc/<id>/ only (magazine/beacon_wsgi.py); Varnish sends the beacon there
(deploy/varnish/default.vcl), so that cached pages never queue behind a flood of reads in the
page server's workers. Its processes run at a lower CPU priority (BEACON_NICE, 10 by default):
when pages and beacons want the same cores, pages go first, and a read waiting a few
milliseconds more costs nobody anything. Each value can be changed from the environment.
"""

import multiprocessing
import os

bind = os.environ.get("BEACON_BIND", "127.0.0.1:8100")
wsgi_app = "magazine.beacon_wsgi:application"
# One process per core: the beacon never waits on the database but for the flush once a minute.
workers = int(os.environ.get("BEACON_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("BEACON_THREADS", 4))
keepalive = 5
timeout = 30
graceful_timeout = 20
preload_app = True
# A beacon keeps nothing between requests: recycling every 5,000 as the page server does would
# restart a worker every few seconds under load.
max_requests = 200_000
max_requests_jitter = 20_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
forwarder_headers = os.environ.get("FORWARDER_HEADERS", "")
NICE = int(os.environ.get("BEACON_NICE", 10))


def on_starting(server):
    """Lower the priority of the master before it forks: the workers inherit it.

    With the kernel's autogroups (one per session, as each systemd service or setsid gets) a
    process's nice value only ranks it within its own group, so the group of a server that
    leads its own session is lowered too. Under systemd with the cpu controller, CPUWeight= in
    the unit does the same."""
    os.nice(NICE)
    if os.getsid(0) == os.getpid():
        try:
            with open("/proc/self/autogroup", "w") as autogroup:
                autogroup.write(str(NICE))
        except OSError:
            pass  # no autogroups in this kernel
