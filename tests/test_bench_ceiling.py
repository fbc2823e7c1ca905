"""The ceiling page of `make bench` exists only when BENCH_VIEWS is on."""

import importlib

import pytest
from django.urls import clear_url_caches

import magazine.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_urls(settings):
    settings.BENCH_VIEWS = True
    importlib.reload(magazine.urls)
    clear_url_caches()
    yield
    settings.BENCH_VIEWS = False
    importlib.reload(magazine.urls)
    clear_url_caches()


def test_ceiling_is_not_served_by_default(client):
    assert client.get("/__bench/ceiling").status_code == 404


def test_ceiling_returns_a_fixed_body_of_the_asked_size_and_is_never_page_cached(client, bench_urls):
    response = client.get("/__bench/ceiling?bytes=5000")
    assert response.status_code == 200 and len(response.content) == 5000 + len(b"<!DOCTYPE html><title>ceiling</title>")
    assert "X-Page-Cache" not in response
    assert client.get("/__bench/ceiling?bytes=abc").status_code == 200
