"""Error pages that need no database: they are shown when it is down or the request is garbage."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 10


def _page(template, status):
    return HttpResponse(render_to_string(template), status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return _page("400.html", 400)


def payload_too_large(request):
    return _page("413.html", 413)


def server_error(request):
    """500, or 503 with Retry-After while the database cannot be reached."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = _page("500.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _page("500.html", 500)
