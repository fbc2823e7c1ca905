"""Answer an old address with a 301.

Two middlewares, so that normal pages cost no query:
- `RedirectFallbackMiddleware`, after (inside) pagecache's middleware, looks the table up only
  where the site would otherwise answer 404 (like django.contrib.redirects' fallback); the 301 is
  cached like the page it replaces.
- `WordPressQueryMiddleware`, before the page cache, handles WordPress's front-page form
  "/?p=123": the home page reads no query parameter, so the page cache would answer it with the
  home page. It costs nothing unless "/" carries one of those parameters.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from pagecache import tags

from .models import PAGE_TAG, WORDPRESS_QUERY_KEYS, find_redirect


def _redirect(request):
    # Whatever the table says, this answer depends on it (and on what it points to).
    tags.add(request, PAGE_TAG)
    found = find_redirect(request.path, request.META.get("QUERY_STRING", ""))
    if found is None or (found.article is not None and not found.article.is_published()):
        return None
    target = found.target()
    tags.add(request, tags.of(target))
    return HttpResponsePermanentRedirect(target.get_absolute_url())


class WordPressQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and request.path == "/"
            and any(key in request.GET for key in WORDPRESS_QUERY_KEYS)
            and "%00" not in request.META.get("QUERY_STRING", "")  # refused later, never looked up
        ):
            response = _redirect(request)
            if response is not None:
                # Browsers and the CDN keep it by its full address; the page cache never sees it.
                patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
                return response
        return self.get_response(request)


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return _redirect(request) or response
        return response
