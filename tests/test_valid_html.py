"""The public pages pass the current Nu HTML Checker (npm vnu-jar, pinned in package-lock.json)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article
from authors.models import Author

from .normal_use import comment_and_approve, publish_through_admin

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
REFERENCE_SLUG = "chi-so-cai-cach-hanh-chinh-cua-quan-dong-da"


@pytest.fixture
def java():
    path = shutil.which("java")
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("java is missing: apt-get install -y default-jre-headless")
        pytest.skip("java is not installed")
    if not VNU_JAR.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{VNU_JAR} is missing: run make test (npm ci)")
        pytest.skip("vnu.jar is not installed (npm ci)")
    return path


def check(java, files):
    """The checker's error messages, by file name; one JVM start for all files."""
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    errors = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        name = Path(message.get("url", "").removeprefix("file:")).name
        errors.setdefault(name, []).append(f"{message.get('lastLine')}: {message['message']}")
    return errors


def public_pages():
    article = Article.objects.published().get(slug__startswith=REFERENCE_SLUG)
    author = Author.objects.filter(articles=article).first()
    made, editor = publish_through_admin(section=article.section)
    comment_and_approve(made, editor)
    comment_and_approve(made, editor, name="Lê Văn Tám", body="Mong có thêm ảnh về phố cổ & đèn lồng <3.")
    return {
        "published-through-admin": made.get_absolute_url(),
        "its-author": made.authors.first().get_absolute_url(),
        "home": "/",
        "section": article.section.get_absolute_url(),
        "section-page-2": article.section.get_absolute_url() + "?page=2",
        "article": article.get_absolute_url(),
        "tag": article.tags.first().get_absolute_url(),
        "author": author.get_absolute_url(),
        "search": "/tim-kiem/?q=%C4%90%E1%BB%91ng+%C4%90a",
        "search-no-results": "/tim-kiem/?q=kh%C3%B4ng+c%C3%B3+g%C3%AC",
        "search-empty": "/tim-kiem/?q=",
        "search-odd": "/tim-kiem/?q=%3Cb%3E%22%27%26",
        "not-found": "/khong-co-trang-nay/",
    }


def test_public_pages_pass_the_nu_html_checker(client, java, tmp_path):
    call_command("load_demo", verbosity=0)
    files = []
    for name, url in public_pages().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        files.append(tmp_path / f"{name}.html")
        files[-1].write_bytes(response.content)
    broken = tmp_path / "broken-on-purpose.html"
    broken.write_text('<!DOCTYPE html><html lang="vi"><title>x</title><p><div></p></span>', encoding="utf-8")
    errors = check(java, [*files, broken])
    assert errors.pop(broken.name), "the checker must report the broken page"
    assert errors == {}, json.dumps(errors, ensure_ascii=False, indent=1)
