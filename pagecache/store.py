"""The shared page cache: one content version, and entries that record the version they were
made under.

Every process reads the version from the shared cache (Redis or the database cache) on each
request, together with what it needs (one round trip), so a bump made by any process is seen
by all of them on their next request. Entries also carry their own expiry time, checked on
read, so nothing outlives the next scheduled publication even on a backend whose clock is not
the application's.
"""

import datetime
import hashlib
import time
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models import Min, Q

VERSION_KEY = "pagecache:version"
NEXT_KEY = "pagecache:next"
# Fragment names this process has used: read ahead with the version on every request.
_known_fragments = set()


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def current_version():
    """The content version (one cache read; a second only the very first time)."""
    version = cache().get(VERSION_KEY)
    if version is None:
        cache().add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache().get(VERSION_KEY)
    return version


def invalidate():
    """Forget every cached page and fragment, in every process. Call it after changes made
    without model signals (queryset.update(), bulk_create(), raw SQL). Also finds the next
    scheduled change now (a query or two), so that readers need not."""
    version = time.time_ns()
    cache().set(VERSION_KEY, version, timeout=None)
    _find_next_change(version, time.time())


def next_change(version, now, cached=None):
    """The first moment (a POSIX timestamp) after `now` when some page changes by itself,
    such as a scheduled article appearing, or None. Found when the content changes, and again
    only once that moment has passed. `cached` is the NEXT_KEY value when the caller has read
    it already."""
    if cached is None:
        cached = cache().get(NEXT_KEY)
    if cached is not None:
        cached_version, found_at, moment = cached
        # Valid for the version it was found for, from when it was found until that moment.
        if cached_version == version and found_at <= now and (moment == 0 or moment > now):
            return moment or None
    return _find_next_change(version, now)


def _find_next_change(version, now):
    """Ask PAGE_CACHE_SCHEDULES and PAGE_CACHE_TIME_FIELDS (a query each, one per model)."""
    when = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
    found = [_call(path, when) for path in schedule_sources()]
    fields = {}
    for label in getattr(settings, "PAGE_CACHE_TIME_FIELDS", []):
        model_label, _, field = label.rpartition(".")
        fields.setdefault(model_label, []).append(field)
    found += [moment for label, names in fields.items() for moment in _next_values(label, names, when)]
    moments = [moment.timestamp() for moment in found if moment]
    soonest = min(moments) if moments else None
    cache().set(NEXT_KEY, (version, now, soonest or 0), timeout=settings.PAGE_CACHE_SECONDS)
    return soonest


def schedule_sources():
    return getattr(settings, "PAGE_CACHE_SCHEDULES", [])


def _next_values(model_label, fields, now):
    """The smallest value after `now` of each date-time field of a model (one query); nothing
    when the model's app is not installed."""
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return []
    soonest = model._default_manager.aggregate(
        **{field: Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields}
    )
    return list(soonest.values())


def _call(path, now):
    module_path, _, name = path.rpartition(".")
    try:
        module = import_module(module_path)
    except ImportError:
        return None  # an app that is not installed in this build
    return getattr(module, name)(now)


def _fragment_key(name):
    return f"pagecache:fragment:{name}"


def request_state(request):
    """(version, expires, fragments) for this request, read from the shared cache in one round
    trip: what is cached while answering it is marked with that version and kept until `expires`."""
    state = getattr(request, "_pagecache_state", None)
    if state is None:
        now = time.time()
        version = getattr(request, "_pagecache_version", None)
        names = sorted(_known_fragments)
        keys = [NEXT_KEY] + [_fragment_key(name) for name in names]
        found = cache().get_many(keys if version else [VERSION_KEY, *keys])
        version = version or found.get(VERSION_KEY) or current_version()
        upcoming = next_change(version, now, found.get(NEXT_KEY))
        expires = now + settings.PAGE_CACHE_SECONDS
        if upcoming is not None:
            expires = min(expires, upcoming)
        fragments = {name: found.get(_fragment_key(name)) for name in names}
        state = request._pagecache_state = (version, expires, fragments)
    return state


def fragment(request, name, producer):
    """Data that many pages show alike (the menu, the newest articles), computed once per content
    version and shared by every process; `producer()` runs when it is missing. Without a request
    (or with FRAGMENT_CACHE off) it just calls `producer()`."""
    if request is None or not settings.FRAGMENT_CACHE_ENABLED:
        return producer()
    version, expires, fragments = request_state(request)
    now = time.time()
    entry = fragments[name] if name in fragments else cache().get(_fragment_key(name))
    _known_fragments.add(name)
    if entry is None or entry[0] != version or entry[1] <= now:
        entry = fragments[name] = (version, expires, producer())
        if expires > now:
            cache().set(_fragment_key(name), entry, timeout=int(expires - now) + 1)
    return entry[2]


def page_key(host, full_path):
    digest = hashlib.blake2b(f"{host}{full_path}".encode(), digest_size=16).hexdigest()
    return f"pagecache:page:{digest}"


def lookup(key, now):
    """(content version, the page's entry or None), in one round trip to the shared cache: an
    entry counts only if it was made under the current version and has not expired."""
    found = cache().get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return current_version(), None
    entry = found.get(key)
    if entry is None or entry["version"] != version or entry["expires"] <= now:
        return version, None
    return version, entry


def put_entry(key, entry, now):
    cache().set(key, entry, timeout=max(1, int(entry["expires"] - now) + 1))
