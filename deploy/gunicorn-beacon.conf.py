"""gunicorn settings for the "Đọc nhiều" beacon's own app server:

    gunicorn -c deploy/gunicorn-beacon.conf.py

It answers POST /doc/<id>/ only (magazine/beacon_wsgi.py); Varnish sends the beacon there
(deploy/varnish/default.vcl), so that cached pages never queue behind a flood of reads in the
page server's workers. Its processes also run at the lowest CPU priority (BEACON_PRIORITY):
when pages and beacons want the same cores, pages go first, and a read that waits, or is lost
while the machine is saturated, costs a reader nothing. Each value can be changed from the
environment.
"""

import multiprocessing
import os
import runpy
from pathlib import Path

# The page server's settings (gunicorn.conf.py: timeouts, logs, trusted forwarders), then what
# differs for the beacon.
globals().update({
    name: value
    for name, value in runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py")).items()
    if not name.startswith("_")
})

bind = os.environ.get("BEACON_BIND", "127.0.0.1:8100")
wsgi_app = "magazine.beacon_wsgi:application"
# One process per core: the beacon never waits on the database but for the flush once a minute.
workers = int(os.environ.get("BEACON_WORKERS", multiprocessing.cpu_count()))
threads = int(os.environ.get("BEACON_THREADS", 4))
# A beacon keeps nothing between requests: recycling every 5,000 as the page server does would
# restart a worker every few seconds under load.
max_requests = 200_000
max_requests_jitter = 20_000
# "idle" (the default): the kernel's SCHED_IDLE policy, which any ordinary process waking up
# preempts at once (a nice value alone still lets the running beacon finish its time slice,
# about a millisecond, before a page); or a nice value, 0 to 19.
PRIORITY = os.environ.get("BEACON_PRIORITY", "idle")


def on_starting(server):
    """Lower the master's priority before it forks: the workers and their threads inherit it.

    With the kernel's autogroups (one per session: each systemd service, or a command run with
    setsid) priorities only rank processes within their own group, so a server leading its own
    session lowers its group too. Under systemd with cgroup v2, `CPUWeight=idle` in the unit
    does what SCHED_IDLE does here, across services."""
    nice = 19 if PRIORITY == "idle" else int(PRIORITY)
    os.setpriority(os.PRIO_PROCESS, 0, max(nice, os.getpriority(os.PRIO_PROCESS, 0)))
    if PRIORITY == "idle":
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    if os.getsid(0) == os.getpid():
        try:
            with open("/proc/self/autogroup", "w") as autogroup:
                autogroup.write(str(nice))
        except OSError:
            pass  # no autogroups in this kernel
