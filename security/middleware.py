"""Response headers that django's SecurityMiddleware does not set, and the CSP per area."""

from csp.constants import HEADER
from csp.utils import build_policy, default_config
from django.conf import settings
from django.db import DataError
from django.http import QueryDict


class PermissionsPolicyMiddleware:
    """Turns off browser features the site never uses (camera, geolocation, ...)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response


class AreaCSPMiddleware:
    """The strict site policy everywhere; the admin adds what CKEditor 5 needs.

    CKEditor 5 injects its stylesheets as <style> elements at run time and shows
    uploads as blob: previews, so the admin allows inline styles and blob: images.
    Scripts stay 'self' only everywhere: no inline script, no eval.

    No page uses a nonce or a per-view policy, so each area's header is built once, by
    django-csp's build_policy, instead of on every response (django-csp's middleware
    copied and joined the same policy for each one).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        config = default_config(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
        self.site = build_policy(config=config)
        self.admin = build_policy(config=config, update=settings.CSP_ADMIN_UPDATE)

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            return response  # Django's debug pages use inline scripts and styles
        if HEADER not in response:
            admin = request.path_info.startswith(settings.CSP_ADMIN_PREFIX)
            response[HEADER] = self.admin if admin else self.site
        return response


def _without_nul(query):
    """A copy of a QueryDict with NUL characters removed from keys and values."""
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    clean._mutable = False
    return clean


def _has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())


def limit_post_size(max_bytes):
    """Mark a view whose POST body may not exceed max_bytes: RejectNulMiddleware answers a
    bigger one with a short 413 before anything reads it."""

    def decorate(view):
        view.max_post_bytes = max_bytes
        return view

    return decorate


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RejectNulMiddleware:
    """A NUL character is never typed by a person, and PostgreSQL refuses to store or
    compare one (a ValueError, so a 500). In the path it gets a 400; in the query
    string or a form it is dropped, so `?page=%00` is simply page 1.

    Forms are read in process_view, after the size limit of the view (limit_post_size)
    has been checked: an oversized body is never parsed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            from .views import bad_request

            return bad_request(request)
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        limit = getattr(view_func, "max_post_bytes", None)
        if limit is not None:
            length = _declared_length(request)
            if length is None or length > limit:
                from .views import payload_too_large

                return payload_too_large(request)
        if _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return None


class AdminListQueryMiddleware:
    """An admin list asked for with a value the database or the calendar cannot hold
    (`?published_at__year=99999999999`) gets a 400, not a 500.

    Django turns most bad list parameters into `?e=1`, but lets an OverflowError (date
    hierarchy, integers past C's range) and a database DataError (numbers past the column's
    range) escape. This covers every changelist, including those of third-party apps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if not (match and match.url_name and match.url_name.endswith("_changelist")):
            return None
        if isinstance(exception, OverflowError | DataError):
            from .views import bad_request

            return bad_request(request)
        return None
