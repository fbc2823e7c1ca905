"""Answer an old address with a 301, only where the site would otherwise answer 404 (like
django.contrib.redirects' fallback), so that normal pages cost no query. The one exception is
WordPress's front-page form "/?p=123": the home page ignores query strings and would never be
a 404, so "/" with one of those parameters is looked up first.

Placed after (inside) pagecache's middleware: the 301 is cached like the page it replaces."""

from django.http import HttpResponsePermanentRedirect

from pagecache import tags

from .models import PAGE_TAG, WORDPRESS_QUERY_KEYS, find_redirect


def _redirect(request):
    # Whatever the table says, this answer depends on it (and on the article it points to).
    tags.add(request, PAGE_TAG)
    found = find_redirect(request.path, request.META.get("QUERY_STRING", ""))
    if found is None or (found.article is not None and not found.article.is_published()):
        return None
    target = found.target()
    tags.add(request, tags.of(target))
    return HttpResponsePermanentRedirect(target.get_absolute_url())


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if request.path == "/" and any(key in request.GET for key in WORDPRESS_QUERY_KEYS):
            response = _redirect(request)
            if response is not None:
                return response
        response = self.get_response(request)
        if response.status_code == 404:
            return _redirect(request) or response
        return response
