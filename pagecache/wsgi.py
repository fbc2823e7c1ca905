"""Page-cache hits answered before Django's request handling: a hit is one Redis round trip and
the answer PageCacheMiddleware would give, without the handler, the middleware chain and the
request signals around it (they cost more than the hit itself). Anything else (no entry, a stale
or changed one, a query string, staff, the cache down) goes to Django unchanged, with what was
read handed to the middleware so that it is not read twice."""

import time
from http import HTTPStatus

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from . import store
from .middleware import READ, cacheable, reply

STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


class PageCacheApp:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = None
        if not environ.get("QUERY_STRING") and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            answer = self.hit(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(STATUS_LINES[status], headers)
        return [body]

    def hit(self, environ):
        """The cached answer as (status, headers, body), or None (then Django answers)."""
        request = WSGIRequest(environ)
        try:
            if not cacheable(request):
                return None
            # Without a query string the key needs no view: the same key as the middleware's.
            key = store.page_key(request, ())
            entry, found = store.read(key)
        except (DisallowedHost, store.Unavailable):
            return None
        if entry is None or store.judge(entry, found, time.time()) != "fresh":
            environ[READ] = (key, entry, found)
            return None
        return reply(request, entry, found, "hit")
