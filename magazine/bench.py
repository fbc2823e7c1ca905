"""The ceiling of `make bench`: the cheapest page this project can serve (only with BENCH_VIEWS=1)."""

from functools import lru_cache

from django.http import HttpResponse

MAX_BYTES = 1024 * 1024


@lru_cache(maxsize=8)
def _body(size):
    return b"<!DOCTYPE html><title>ceiling</title>" + b"x" * size


def ceiling(request):
    """A fixed body as long as the page being compared (?bytes=N): all of Django but the page's work."""
    try:
        size = min(max(int(request.GET.get("bytes", 20000)), 0), MAX_BYTES)
    except ValueError:
        size = 20000
    return HttpResponse(_body(size), content_type="text/html; charset=utf-8")
