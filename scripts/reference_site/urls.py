from functools import lru_cache

from django.http import HttpResponse
from django.urls import path


@lru_cache(maxsize=8)
def _body(size):
    return b"<!DOCTYPE html><title>reference</title>" + b"x" * size


def page(request):
    """A fixed body as long as the page being compared (?bytes=N), like the project's ceiling view."""
    try:
        size = min(max(int(request.GET.get("bytes", 20000)), 0), 1024 * 1024)
    except ValueError:
        size = 20000
    return HttpResponse(_body(size))


urlpatterns = [path("", page)]
