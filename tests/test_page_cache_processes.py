"""Two server processes on one database: a change made through one shows on the other at once.

Runs real gunicorn processes against a file-based SQLite database, with the database cache
and, when REDIS_TEST_URL is set, with Redis.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from .services import redis_test_url, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
SETUP = """
from django.contrib.auth import get_user_model
from articles.models import Article, Section
get_user_model().objects.create_superuser("tongbientap", "tbt@example.com", "mat-khau-thu")
section = Section.objects.create(name="Hà Nội", slug="ha-noi")
article = Article.objects.create(title="Phố cổ vào thu", section=section, status="published", body="<p>Thu.</p>")
article.tags.add("Mùa thu")
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(database, redis_url=None):
    env = {
        key: value for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update({
        "DEBUG": "0", "SECRET_KEY": "test-only-not-secret", "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0", "PAGE_CACHE": "1", "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(database.parent / "static"),
    })
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def _manage(env, *args, stdin=None):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, input=stdin, text=True,
        check=True, capture_output=True, timeout=120,
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("two-servers") / "db.sqlite3"
    env = _environment(path)
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    _manage(env, "shell", stdin=SETUP)
    return path




@pytest.fixture(params=["database", "redis"])
def servers(request, database):
    redis_url = None
    if request.param == "redis":
        redis_url = redis_test_url()
        if not redis_url:
            pytest.skip("no Redis: REDIS_TEST_URL is not set and 127.0.0.1:6379 does not answer")
    env = _environment(database, redis_url)
    ports = [_free_port(), _free_port()]
    processes = [start_gunicorn(env, port) for port in ports]
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def _get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers, response.read().decode()


class Editor:
    """An editor's browser session on one server: logs in and edits through the admin."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def _csrf(self, path):
        page = self.opener.open(self.base + path, timeout=10).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def post(self, path, fields):
        fields = {"csrfmiddlewaretoken": self._csrf(path), **fields}
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        return self.opener.open(request, timeout=10)

    def login(self):
        self.post("/admin/login/?next=/admin/", {"username": "tongbientap", "password": "mat-khau-thu"})


def test_section_renamed_through_one_server_shows_on_the_other(servers):
    first, second = servers
    new_name = f"Thủ đô {uuid.uuid4().hex[:6]}"
    for _ in range(2):
        headers, page = _get(second + "/")
    assert headers["X-Page-Cache"] == "hit"
    assert new_name not in page
    _get(first + "/")

    editor = Editor(first)
    editor.login()
    editor.post("/admin/articles/section/1/change/", {
        "name": new_name, "slug": "ha-noi", "position": "0", "description": "",
    })

    headers, page = _get(second + "/")
    assert new_name in page, "the other server served a stale page"
    assert headers["X-Page-Cache"] == "miss"
    assert new_name in _get(first + "/ha-noi/")[1]


def test_static_files_have_hashed_names_and_far_future_caching(servers):
    base = servers[0]
    _, page = _get(base + "/")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert css, "the stylesheet is linked under its hashed name"
    headers, _ = _get(base + css.group(1))
    assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    request = urllib.request.Request(base + css.group(1), headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"


def test_a_forged_script_name_header_changes_no_page(servers):
    base = servers[0]
    forged = urllib.request.Request(base + "/ha-noi/", headers={"SCRIPT_NAME": "/gia-mao"})
    with urllib.request.urlopen(forged, timeout=10) as response:
        assert "/gia-mao/" not in response.read().decode()
    headers, page = _get(base + "/ha-noi/")
    assert "/gia-mao/" not in page
    assert "section1" in headers["xkey"].split() and headers["xkey"] == headers["Surrogate-Key"]


def test_a_tag_renamed_through_one_server_refreshes_only_the_pages_showing_it_on_the_other(servers):
    first, second = servers
    new_name = f"Thu Hà Nội {uuid.uuid4().hex[:6]}"
    article = re.search(r'href="(/pho-co-vao-thu-\d+\.html)"', _get(second + "/")[1]).group(1)
    for url in ("/", article):
        _get(second + url)
        assert _get(second + url)[0]["X-Page-Cache"] == "hit"
    editor = Editor(first)
    editor.login()
    editor.post("/admin/articles/tag/1/change/", {"name": new_name})
    headers, page = _get(second + article)
    assert headers["X-Page-Cache"] == "miss" and new_name in page
    assert _get(second + "/")[0]["X-Page-Cache"] == "hit"
