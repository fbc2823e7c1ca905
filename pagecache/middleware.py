"""A page cache for anonymous readers, shared by every process (see store.py and tags.py).

First in MIDDLEWARE: a hit is answered here, with the headers the rest of the stack gave the
page when it was made (CSP, Permissions-Policy, …), kept in the entry.
"""

import contextlib
import functools
import gzip
import hashlib
import time

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import store, tags

try:
    import brotli
except ImportError:  # optional: gzip only
    brotli = None

CACHEABLE_STATUS = {200, 301, 404}
CONDITIONAL_HEADERS = {
    "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
}
# Headers set per answer, never kept in an entry.
NOT_KEPT = {
    "content-length", "content-encoding", "etag", "last-modified", "cache-control", "vary",
    "x-page-cache", "xkey", "surrogate-key",
}
# The tag headers stay under this many characters; past it a page keeps its listing tags only.
MAX_TAG_HEADER = 4000


def is_public(request):
    """A reader's page: GET or HEAD, outside the newsroom, uploads and static files."""
    return request.method in ("GET", "HEAD") and not request.path_info.startswith(
        tuple(settings.PAGE_CACHE_EXCLUDE)
    )


def is_staff_request(request):
    # Logged-in people carry a session cookie; readers never get one on public pages.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def view_params(request):
    """The query parameters the answering view reads (tags.reads); none for a 404."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ()
    return getattr(match.func, "page_cache_params", ())


def cacheable(request):
    """A reader's page the cache may answer (not staff, not a request to redirect to HTTPS)."""
    return (
        is_public(request)
        and not is_staff_request(request)
        and settings.PAGE_CACHE_ENABLED
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    )


# What the WSGI fast path (pagecache/wsgi.py) read for a request it passes on: (key, entry, found).
# Only code can put it there (a client's headers all start with HTTP_).
READ = "pagecache.read"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable(request):
            return self.uncached(request)
        key = store.page_key(request, view_params(request))
        locked = False
        try:
            entry, found = self.read(request, key)
            state = store.judge(entry, found, time.time()) if entry is not None else None
            if state == "fresh":
                return self.answer(request, entry, found, "hit")
            locked = self.may_make(key)
            if not locked:
                if state == "stale":
                    return self.answer(request, entry, found, "stale")
                # Nothing that may be served: wait for the process making it (no stampede).
                made, found = store.wait(key)
                if made is not None:
                    return self.answer(request, made, found, "hit")
            start = store.started(found)
        except store.Unavailable:
            return self.uncached(request, degraded=True)
        try:
            response = self.get_response(request)
            new = self.keep(request, key, response, start)
        finally:
            if locked:
                self.unlock(key)
        if new is None:
            return self.label(request, response)
        return self.answer(request, new, found, "miss")

    def read(self, request, key):
        handed = request.META.pop(READ, None)
        if handed is not None and handed[0] == key:
            return handed[1], handed[2]
        return store.read(key)

    def may_make(self, key):
        """Whether this request makes the page again; False while another one does."""
        try:
            return store.lock(key)
        except store.Unavailable:
            return True

    def unlock(self, key):
        with contextlib.suppress(store.Unavailable):
            store.unlock(key)

    def uncached(self, request, degraded=False):
        response = self.get_response(request)
        if is_public(request) and not is_staff_request(request):
            return self.label(request, response, "off" if degraded else None)
        if is_public(request) and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response

    def label(self, request, response, state=None):
        """A reader's page answered without the cache: its tags for the CDN, and why."""
        if settings.PAGE_CACHE_ENABLED and state:
            response["X-Page-Cache"] = state
        header = tag_header(tags.collected(request) - {tags.PARTIAL})
        if header and settings.PAGE_CACHE_ENABLED:
            response["xkey"] = response["Surrogate-Key"] = header
        return response

    def keep(self, request, key, response, started):
        """Store a reader's response with its tags; the new entry, or None when it must not be kept."""
        if (
            response.status_code not in CACHEABLE_STATUS
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
            or response.has_header("Content-Encoding")
        ):
            return None
        page_tags = sorted(tags.collected(request) - {tags.PARTIAL})
        header = tag_header(page_tags)
        partial = tags.PARTIAL in tags.collected(request) or len(header) < len(" ".join(page_tags))
        try:
            recorded = store.versions(header.split(), started)
            entry = make_entry(response, recorded or {}, header, partial)
            if recorded is not None and len(entry["gzip"]) <= settings.PAGE_CACHE_MAX_BYTES:
                store.put(key, entry)
        except store.Unavailable:
            entry = make_entry(response, {}, header, partial)
        return entry

    def answer(self, request, entry, found, state):
        status, headers, body = reply(request, entry, found, state)
        return HttpResponse(body, status=status, headers=headers)


def tag_header(page_tags):
    """The page's tags for xkey/Surrogate-Key, bounded: listing tags win over single objects."""
    ordered = sorted(page_tags, key=lambda tag: (not tag.startswith(tags.NEWEST), tag))
    words, size = [], 0
    for tag in ordered:
        if size + len(tag) + 1 > MAX_TAG_HEADER:
            break
        words.append(tag)
        size += len(tag) + 1
    return " ".join(words)


def make_entry(response, recorded, header, partial):
    content = response.content
    digest = hashlib.blake2b(content, digest_size=16).hexdigest()
    modified = int(max((version[2] for version in recorded.values()), default=time.time()))
    vary = [
        value.strip() for value in response.get("Vary", "").split(",")
        if value.strip() and value.strip().lower() != "accept-language"
    ]
    return {
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.items() if name.lower() not in NOT_KEPT],
        "vary": vary,
        "gzip": gzip.compress(content, compresslevel=6, mtime=0),
        "br": brotli.compress(content, quality=5) if brotli else None,
        "digest": digest,
        "size": len(content),
        "modified": modified,
        "tags": recorded,
        "tag_header": header,
        "partial": partial,
        "expires": time.time() + settings.PAGE_CACHE_SECONDS,
    }


# The last pages unpacked by this process for clients that accept no compression, by digest.
_unpacked = {}
MAX_UNPACKED = 64


def identity(entry):
    body = _unpacked.get(entry["digest"])
    if body is None:
        if len(_unpacked) >= MAX_UNPACKED:
            _unpacked.clear()
        body = _unpacked[entry["digest"]] = gzip.decompress(entry["gzip"])
    return body


def accepted(request, entry):
    """The encoding to answer with: br, gzip or identity, by what the client accepts."""
    offered = {
        part.split(";")[0].strip().lower(): "q=0" not in part.replace(" ", "")
        for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(",")
    }
    if entry["br"] is not None and offered.get("br"):
        return "br"
    if offered.get("gzip"):
        return "gzip"
    return "identity"


def reply(request, entry, found, state):
    """The kept page's answer to `request`, as (status, [(header, value)], body): built from plain
    strings, since the WSGI fast path (wsgi.py) sends it without making a response object."""
    encoding = accepted(request, entry)
    suffix = "" if encoding == "identity" else f"-{encoding}"
    etag = f'"{entry["digest"]}{suffix}"'
    max_age = 0 if state == "stale" else max_age_of(entry, found, settings.PAGE_CACHE_MAX_AGE)
    cache_control = f"public, max-age={max_age}"
    if settings.CDN_PURGE_URLS and state != "stale":
        limit = settings.PAGE_CACHE_SECONDS if entry["partial"] else settings.PAGE_CACHE_CDN_MAX_AGE
        cache_control += f", s-maxage={max_age_of(entry, found, limit, purged=True)}"
    # What a 304 keeps (RFC 9110, 15.4.5), then the rest.
    validators = [
        ("Vary", ", ".join([*entry["vary"], "Accept-Encoding"])),
        ("ETag", etag),
        ("Last-Modified", last_modified(entry["modified"])),
        ("Cache-Control", cache_control),
    ]
    if CONDITIONAL_HEADERS & request.META.keys():
        kept = HttpResponse(status=entry["status"], headers=validators)
        conditional = get_conditional_response(
            request, etag=etag, last_modified=entry["modified"], response=kept
        )
        if conditional is not kept:  # a 304 (or 412): no body to unpack
            return conditional.status_code, [*conditional.items(), ("X-Page-Cache", state)], b""
    headers = [*entry["headers"], *validators, ("X-Page-Cache", state)]
    if entry["tag_header"]:
        headers += [("xkey", entry["tag_header"]), ("Surrogate-Key", entry["tag_header"])]
    if encoding == "identity":
        headers.append(("Content-Length", str(entry["size"])))
        body = b"" if request.method == "HEAD" else identity(entry)
    else:
        headers += [("Content-Encoding", encoding), ("Content-Length", str(len(entry[encoding])))]
        body = b"" if request.method == "HEAD" else entry[encoding]
    return entry["status"], headers, body


def max_age_of(entry, found, limit, purged=False):
    """`limit` seconds, or less: never past the next scheduled change, nor past the entry's end
    unless the cache asking is told of changes (the CDN, `purged`)."""
    now = time.time()
    ends = [] if purged else [entry["expires"]]
    upcoming = store.upcoming(found)
    if upcoming is not None:
        ends.append(upcoming)
    return max(0, min([limit, *(int(end - now) for end in ends)]))


@functools.lru_cache(maxsize=1024)
def last_modified(timestamp):
    return http_date(timestamp)
