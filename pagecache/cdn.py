"""Tell the CDN (Varnish with xkey, deploy/varnish/default.vcl) in front which tags changed.

`purge(tags, soft=True)` sends, once the current transaction commits, one request to each of
`CDN_PURGE_URLS`:

    PURGE <url>   xkey-purge: <tags separated by spaces>   xkey-soft: 1 | 0

A soft purge (edits) keeps the old copy for Varnish to serve only if the app cannot answer; a
hard purge (removals: unpublish, archive, delete) drops it. The requests go from one
background thread per URL, so a slow or dead CDN never blocks or fails the editor's save: the
caller waits at most `CDN_PURGE_WAIT` seconds for the first attempt (so that in the usual case
the purge is done before the editor's page comes back). A failed attempt is logged and retried
`CDN_PURGE_RETRIES` times with growing delays (`CDN_PURGE_BACKOFF`, ×4 each time); the last
failure stays a log line. Nothing is sent when `CDN_PURGE_URLS` is empty.
"""

import atexit
import heapq
import http.client
import itertools
import logging
import os
import queue
import threading
import time
import urllib.parse

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def purge(tags, soft=True):
    """Purge every CDN object carrying one of `tags`, after the current transaction commits
    (at once outside a transaction). Never raises."""
    tags = sorted(set(tags))
    if tags and settings.CDN_PURGE_URLS:
        transaction.on_commit(lambda: _send(tags, soft), robust=True)


def _send(tags, soft):
    jobs = [_sender(url).submit(tags, soft) for url in settings.CDN_PURGE_URLS]
    deadline = time.monotonic() + settings.CDN_PURGE_WAIT
    for job in jobs:
        job.tried.wait(max(0.0, deadline - time.monotonic()))


class _Job:
    def __init__(self, tags, soft):
        self.headers = {"xkey-purge": " ".join(tags), "xkey-soft": "1" if soft else "0"}
        self.attempts = 0
        self.tried = threading.Event()  # set after the first attempt, whatever its outcome


class _Sender:
    """One URL's queue and thread: a dead CDN delays only its own purges."""

    def __init__(self, url):
        self.url = url
        self.jobs = queue.Queue()
        self.pending = 0
        self.idle = threading.Condition()
        self.order = itertools.count()
        threading.Thread(target=self._run, name=f"cdn-purge {url}", daemon=True).start()

    def submit(self, tags, soft):
        job = _Job(tags, soft)
        with self.idle:
            self.pending += 1
        self.jobs.put(job)
        return job

    def _run(self):
        retries = []  # heap of (when, order, job)
        while True:
            timeout = max(0.0, retries[0][0] - time.monotonic()) if retries else None
            try:
                due = [self.jobs.get(timeout=timeout)]
            except queue.Empty:
                due = []
            while retries and retries[0][0] <= time.monotonic():
                due.append(heapq.heappop(retries)[2])
            for job in due:
                delay = self._attempt(job)
                if delay is None:
                    with self.idle:
                        self.pending -= 1
                        self.idle.notify_all()
                else:
                    heapq.heappush(retries, (time.monotonic() + delay, next(self.order), job))

    def _attempt(self, job):
        """Send once; the delay before the next attempt, or None when this job is over."""
        job.attempts += 1
        try:
            status = self._request(job.headers)
            error = None if status == 200 else f"HTTP {status}"
        except (OSError, http.client.HTTPException) as exc:
            status, error = None, str(exc) or type(exc).__name__
        finally:
            job.tried.set()
        tags = job.headers["xkey-purge"]
        if error is None:
            return None
        if status is not None and status < 500:
            logger.error("CDN purge of [%s] refused by %s: %s", tags, self.url, error)
            return None
        if job.attempts > settings.CDN_PURGE_RETRIES:
            logger.error(
                "CDN purge of [%s] at %s failed %d times, giving up: %s",
                tags, self.url, job.attempts, error,
            )
            return None
        delay = settings.CDN_PURGE_BACKOFF * 4 ** (job.attempts - 1)
        logger.warning(
            "CDN purge of [%s] at %s failed (%s), retrying in %.1f s", tags, self.url, error, delay
        )
        return delay

    def _request(self, headers):
        url = urllib.parse.urlsplit(self.url)
        kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        connection = kind(url.hostname, url.port, timeout=settings.CDN_PURGE_TIMEOUT)
        try:
            connection.request("PURGE", url.path or "/", headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def wait_idle(self, timeout):
        with self.idle:
            return self.idle.wait_for(lambda: self.pending == 0, timeout)


_senders = {}
_senders_pid = None
_senders_lock = threading.Lock()


def _sender(url):
    global _senders_pid
    with _senders_lock:
        if _senders_pid != os.getpid():  # threads do not survive a fork (gunicorn's preload)
            _senders.clear()
            _senders_pid = os.getpid()
        if url not in _senders:
            _senders[url] = _Sender(url)
        return _senders[url]


def wait_until_sent(timeout=None):
    """Wait until every purge asked in this process is sent or given up; False on timeout."""
    with _senders_lock:
        senders = list(_senders.values()) if _senders_pid == os.getpid() else []
    if not senders:
        return True
    deadline = time.monotonic() + (settings.CDN_PURGE_TIMEOUT if timeout is None else timeout)
    return all(sender.wait_idle(max(0.0, deadline - time.monotonic())) for sender in senders)


@atexit.register
def _flush_at_exit():
    # A worker that stops (gunicorn's max_requests) gives its last purges a moment to leave.
    if not wait_until_sent():
        logger.error("CDN purges still unsent at exit")
