"""Page-cache hits answered before Django's request handling: a hit is one Redis round trip and
the answer PageCacheMiddleware would give, without the handler, the middleware chain and the
request signals around it (they cost more than the hit itself). Anything else (no entry, a stale
or changed one, a query string, staff, the cache down) goes to Django unchanged, with what was
read handed to the middleware so that it is not read twice."""

import time

from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest

from . import store
from .middleware import READ, PageCacheMiddleware, cacheable


class PageCacheApp:
    def __init__(self, application):
        self.application = application
        self.middleware = PageCacheMiddleware(None)

    def __call__(self, environ, start_response):
        response = None
        if not environ.get("QUERY_STRING") and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            response = self.hit(environ)
        if response is None:
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [response.content]

    def hit(self, environ):
        """The cached answer, or None (then Django answers)."""
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
        return self.middleware.answer(request, entry, found, "hit")
