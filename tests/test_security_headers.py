import os
import subprocess
import sys
from pathlib import Path

import pytest

from .factories import EDITOR, make_article, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize("kind", ["home", "article", "section", "missing", "healthz"])
def test_public_responses_carry_the_security_headers(client, kind):
    article = make_article()
    path = {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "missing": "/khong-co-trang-nay/",
        "healthz": "/healthz",
    }[kind]
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_security_headers(response)
    assert "style-src 'self';" in response.headers["Content-Security-Policy"] + ";"


def test_the_admin_allows_ckeditor_styles_but_still_no_inline_script(client):
    client.force_login(make_user(role=EDITOR))
    response = client.get("/admin/articles/article/add/")
    assert response.status_code == 200
    assert_security_headers(response)
    csp = response.headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp
    assert "blob:" in csp


def test_public_pages_contain_no_inline_script_or_style(client):
    article = make_article()
    for path in ("/", article.get_absolute_url(), article.section.get_absolute_url()):
        page = client.get(path).content.decode()
        for chunk in page.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            data_block = 'type="application/json"' in tag or 'type="application/ld+json"' in tag
            assert "src=" in tag or data_block, f"inline script on {path}: {tag}"
        assert " onclick=" not in page and " onload=" not in page
        # style-src 'self' also blocks <style> elements and style="" attributes.
        assert "<style" not in page and ' style="' not in page


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # A clean environment: nothing from the test run (relaxed HTTPS, async-unsafe) leaks in.
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "k8$Jq2!vXz-production-like-secret-key-with-enough-entropy-Zp9#wL4",
        "ALLOWED_HOSTS": "nguoihanoi.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {"PATH": os.environ["PATH"], "DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
