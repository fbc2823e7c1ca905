"""The beacon answered before Django's request handling: a read is one Redis round trip, and
the middleware stack (sessions, CSRF, security headers for a 204 without a body) would cost
several times that. Everything else goes to Django unchanged."""

import re

from django.db import close_old_connections

from . import counter
from .views import BEACON_BODY, address_of, is_reader

BEACON_PATH = re.compile(r"^/doc/([0-9]{1,18})/$")
NO_CONTENT = [("Content-Length", "0"), ("Cache-Control", "no-store")]


class BeaconMiddleware:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        match = BEACON_PATH.match(environ.get("PATH_INFO", ""))
        if match is None or environ.get("REQUEST_METHOD") != "POST":
            return self.application(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        body = environ["wsgi.input"].read(length) if 0 < length <= 64 else b""
        if body == BEACON_BODY and is_reader(environ.get("HTTP_USER_AGENT", "")):
            used_database = True
            try:
                used_database = counter.record(int(match.group(1)), address_of(environ))
            finally:
                # A flush used the database outside a request: the same care as Django's.
                if used_database:
                    close_old_connections()
        start_response("204 No Content", NO_CONTENT)
        return []
