import os
import shutil
import tempfile

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made by the same tests are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_MEDIA_ROOT = tempfile.mkdtemp(prefix="nhn-test-media-")


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counters"},
    }
    settings.MEDIA_ROOT = _MEDIA_ROOT
    settings.SERVE_MEDIA = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def pytest_unconfigure(config):
    shutil.rmtree(_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep serialized_rollback working after a Playwright test.

    Playwright's sync API leaves an event loop running in the test thread, so
    Django hands later tests a new connection object, without the serialized
    test data: the next serialized_rollback test would start with no groups.
    """
    from django.db import connections

    wrapper = connections["default"]
    contents = getattr(wrapper, "_test_serialized_contents", None)
    if contents is not None:
        type(wrapper)._test_serialized_contents = contents
    yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    for alias in ("default", "counters"):
        caches[alias].clear()
    yield


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; CI (REQUIRE_BROWSER=1) must have it."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
