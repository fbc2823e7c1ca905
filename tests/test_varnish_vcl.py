"""The shipped VCL in a real varnishd, in front of a tiny app server that tags its pages.

What the VCL does on its own: caching by the app's s-maxage, purges by xkey (soft and hard,
from the ACL only), grace when the app fails, clean keys (tracking parameters, sorted query
strings, cookies, Accept-Language, Accept-Encoding). tests/test_varnish.py runs the project
itself behind it.
"""

import gzip
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pagecache import cdn
from tests.varnish_server import Varnish


class Origin:
    """Serves any path as a page tagged with `tags[path]` ("page:<path>" by default); the body
    counts the renders, so a test can tell a cached copy from a fresh one."""

    def __init__(self):
        self.tags = {}
        self.renders = {}
        self.seen = []  # (method, path, headers) of every request but the health checks
        self.failing = False
        self.gone = False
        origin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                if origin.gone:  # a kept-alive connection outlives the server: drop it unanswered
                    self.close_connection = True
                    return None
                if self.path == "/healthz":
                    return self.answer(200, b"ok", {})
                origin.seen.append((self.command, self.path, dict(self.headers)))
                if origin.failing:
                    return self.answer(500, b"down", {})
                count = origin.renders[self.path] = origin.renders.get(self.path, 0) + 1
                tags = origin.tags.get(self.path.partition("?")[0], "page:" + self.path)
                headers = {
                    "Cache-Control": "public, max-age=60, s-maxage=86400",
                    "Vary": "Accept-Encoding, Accept-Language",
                    "xkey": tags,
                    "Surrogate-Key": tags,
                }
                return self.answer(200, f"{self.path} render {count}".encode(), headers)

            do_POST = do_GET  # noqa: N815

            def answer(self, status, body, headers):
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.gone = True
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def origin():
    origin = Origin()
    yield origin
    origin.close()


@pytest.fixture(scope="module")
def varnish(origin, tmp_path_factory):
    varnish = Varnish(tmp_path_factory.mktemp("varnish"), [origin.port])
    yield varnish
    varnish.stop()


@pytest.fixture(autouse=True)
def app_answers(origin):
    origin.failing = False
    yield


def get(varnish, path, headers=None, method="GET", data=None):
    request = urllib.request.Request(varnish.url + path, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def purge(varnish, tags, soft=True):
    status, _, body = get(varnish, "/", {"xkey-purge": tags, "xkey-soft": "1" if soft else "0"}, "PURGE")
    return status


def test_pages_are_kept_for_their_s_maxage_and_tags_stay_inside(varnish):
    assert get(varnish, "/kept")[2] == b"/kept render 1"
    status, headers, body = get(varnish, "/kept")
    assert (status, body, headers["X-Cache"]) == (200, b"/kept render 1", "HIT")
    assert headers["Cache-Control"] == "public, max-age=60, s-maxage=86400"
    assert "xkey" not in headers and "Surrogate-Key" not in headers and "Age" not in headers


@pytest.mark.parametrize("soft", [True, False], ids=["soft", "hard"])
def test_a_purge_renews_exactly_the_pages_carrying_its_tags(varnish, origin, soft):
    name = "soft" if soft else "hard"
    origin.tags.update({f"/{name}-a": "article:1 home", f"/{name}-b": "article:2", f"/{name}-c": "home"})
    for path in (f"/{name}-a", f"/{name}-b", f"/{name}-c"):
        get(varnish, path)
    assert purge(varnish, "home", soft=soft) == 200
    # The next reader gets a fresh page, never the purged copy.
    assert get(varnish, f"/{name}-a")[2] == f"/{name}-a render 2".encode()
    assert get(varnish, f"/{name}-c")[2] == f"/{name}-c render 2".encode()
    status, headers, body = get(varnish, f"/{name}-b")
    assert (body, headers["X-Cache"]) == (f"/{name}-b render 1".encode(), "HIT")


def test_a_soft_purged_page_is_served_from_grace_while_the_app_fails(varnish, origin):
    origin.tags.update({"/graced": "article:10", "/removed": "article:11"})
    get(varnish, "/graced")
    get(varnish, "/removed")
    purge(varnish, "article:10", soft=True)
    purge(varnish, "article:11", soft=False)
    origin.failing = True
    assert get(varnish, "/graced")[:3:2] == (200, b"/graced render 1")
    # A removal is never served from an old copy.
    assert get(varnish, "/removed")[0] >= 500


@pytest.mark.django_db
def test_purges_from_pagecache_cdn_reach_varnish(varnish, origin, settings, django_capture_on_commit_callbacks):
    settings.CDN_PURGE_URLS = [varnish.url + "/"]
    origin.tags["/through-cdn"] = "article:20"
    get(varnish, "/through-cdn")
    with django_capture_on_commit_callbacks(execute=True):
        cdn.purge(["article:20"])
    assert cdn.wait_until_sent(5)
    assert get(varnish, "/through-cdn")[2] == b"/through-cdn render 2"


def test_a_purge_needs_tags(varnish):
    assert get(varnish, "/", {}, "PURGE")[0] == 400


def test_purges_from_outside_the_acl_are_refused(origin, tmp_path):
    elsewhere = Varnish(tmp_path / "varnish", [origin.port], purgers=["192.0.2.1"])
    try:
        origin.tags["/guarded"] = "article:30"
        get(elsewhere, "/guarded")
        assert purge(elsewhere, "article:30", soft=False) == 403
        assert get(elsewhere, "/guarded")[1]["X-Cache"] == "HIT"
    finally:
        elsewhere.stop()


def test_tracking_parameters_are_dropped_and_the_query_string_sorted(varnish, origin):
    get(varnish, "/news?page=2&q=ha+noi")
    for path in (
        "/news?q=ha+noi&page=2",
        "/news?utm_source=facebook&page=2&fbclid=IwAR0x&q=ha+noi&utm_medium=social",
        "/news?zarsrc=30&q=ha+noi&gclid=abc&page=2&utm_campaign",
    ):
        status, headers, body = get(varnish, path)
        assert (body, headers["X-Cache"]) == (b"/news?page=2&q=ha+noi render 1", "HIT"), path
    get(varnish, "/clean?utm_source=zalo&fbclid=x")
    assert [seen for _, seen, _ in origin.seen if seen.startswith("/clean")] == ["/clean"]


def test_analytics_cookies_are_ignored_and_a_session_passes(varnish, origin):
    get(varnish, "/cookies")
    status, headers, body = get(varnish, "/cookies", {"Cookie": "_ga=GA1.1.2; _fbp=fb.1.2; csrftoken=x"})
    assert headers["X-Cache"] == "HIT"
    status, headers, body = get(varnish, "/cookies", {"Cookie": "_ga=GA1.1.2; sessionid=abc"})
    assert (headers["X-Cache"], body) == ("PASS", b"/cookies render 2")
    assert origin.seen[-1][2]["Cookie"] == "_ga=GA1.1.2; sessionid=abc"


def test_posts_and_the_admin_pass(varnish, origin):
    for _ in range(2):
        assert get(varnish, "/admin/x")[1]["X-Cache"] == "PASS"
        assert get(varnish, "/posted", method="POST", data=b"a=1")[1]["X-Cache"] == "PASS"
    assert origin.renders["/admin/x"] == 2 and origin.renders["/posted"] == 2


def test_one_object_whatever_the_language_and_compression_asked(varnish, origin):
    get(varnish, "/languages", {"Accept-Language": "vi-VN,vi;q=0.9", "Accept-Encoding": "gzip, br"})
    status, headers, body = get(varnish, "/languages", {"Accept-Language": "en-US", "Accept-Encoding": "gzip"})
    assert headers["X-Cache"] == "HIT" and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"/languages render 1"
    assert "Accept-Language" not in headers["Vary"]
    status, headers, body = get(varnish, "/languages", {"Accept-Encoding": "identity"})
    assert body == b"/languages render 1" and "Content-Encoding" not in headers
    assert origin.renders["/languages"] == 1


def test_forwarder_headers_from_readers_are_dropped(varnish, origin):
    get(varnish, "/forwarded", {"SCRIPT_NAME": "/evil", "X-Forwarded-Host": "evil.example"})
    headers = {name.lower() for name in origin.seen[-1][2]}
    assert "script_name" not in headers and "x-forwarded-host" not in headers


def test_a_soft_purged_page_is_served_from_grace_when_the_app_is_gone(tmp_path):
    gone = Origin()
    varnish = Varnish(tmp_path / "varnish", [gone.port])
    try:
        gone.tags["/graced"] = "article:40"
        get(varnish, "/graced")
        purge(varnish, "article:40", soft=True)
        gone.close()  # nothing listens on its port any more
        assert get(varnish, "/graced")[:3:2] == (200, b"/graced render 1")
        assert get(varnish, "/never-seen")[0] == 503
    finally:
        varnish.stop()
