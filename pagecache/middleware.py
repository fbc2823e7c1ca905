"""A page cache for anonymous readers, shared by every process (see store.py)."""

import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from . import store

CACHEABLE_STATUS = {200, 301, 404}
CONDITIONAL_HEADERS = {
    "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
}


def is_public(request):
    """A reader's page: GET or HEAD, outside the newsroom, uploads and static files."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(
        tuple(settings.PAGE_CACHE_EXCLUDE)
    )


def is_staff_request(request):
    # Logged-in people carry a session cookie; readers never get one on public pages.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public(request):
            return self.get_response(request)
        if is_staff_request(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            return response
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        key = store.page_key(request.get_host(), request.get_full_path())
        version, entry = store.lookup(key, time.time())
        request._pagecache_version = version
        if entry is None:
            response = self.get_response(request)
            entry = self.store(request, key, version, response)
            if entry is None:
                return response
            response["X-Page-Cache"] = "miss"
        else:
            response = rebuild(entry)
            response["X-Page-Cache"] = "hit"
        return self.finish(request, response, entry)

    def store(self, request, key, version, response):
        """Keep a reader's response until the next content change, at most PAGE_CACHE_SECONDS
        and never past the next scheduled publication. None when it must not be kept."""
        if (
            response.status_code not in CACHEABLE_STATUS
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return None
        now = time.time()
        state = getattr(request, "_pagecache_state", None)
        if state is not None and state[0] == version:
            expires = state[1]  # read while the page was made
        else:
            expires = now + settings.PAGE_CACHE_SECONDS
            upcoming = store.next_change(version, now)
            if upcoming is not None:
                expires = min(expires, upcoming)
        if expires <= now:
            return None
        etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
        entry = {
            "version": version,
            "status": response.status_code,
            # The validators go with the stored headers: a hit only adds Cache-Control.
            "headers": [*response.items(), ("ETag", etag), ("Last-Modified", http_date(int(now)))],
            "content": response.content,
            "etag": etag,
            "last_modified": int(now),
            "expires": expires,
        }
        store.put_entry(key, entry, now)
        return entry

    def finish(self, request, response, entry):
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["last_modified"])
        max_age = max(0, min(settings.PAGE_CACHE_MAX_AGE, int(entry["expires"] - time.time())))
        response["Cache-Control"] = f"public, max-age={max_age}"
        if not CONDITIONAL_HEADERS & request.META.keys():
            return response
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
        )


def rebuild(entry):
    return HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
