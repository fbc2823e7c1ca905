"""The shared page cache: entries kept with the versions of their tags (see tags.py).

Every invalidation takes the next number of a shared counter; a tag's version is (number of its
last change, number of its last change never served stale, time of its last change, end of its
grace). An entry records the versions of its tags when it was made; it is fresh while they are
unchanged. After a change, one process (holding a short lock) makes it again; meanwhile others
get the old copy within the grace (PAGE_CACHE_GRACE seconds, or the schedule's), except after a
removal or a change readers must see at once (a publication, an approved comment): they wait
for that one process (PAGE_CACHE_WAIT_MS at most), so a first miss is no stampede either. A page is not kept when one
of its tags changed after the counter was read at the start of its request: it may have been
made from the data before the change. A process remembers which tags each key had, so a hit
reads the entry and its tags' versions in one round trip.

When the shared cache fails, pages are made and served uncached for a second before it is
tried again: readers never see its failure.
"""

import datetime
import hashlib
import logging
import os
import pickle
import time
import weakref

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction

from . import cdn

logger = logging.getLogger(__name__)

NEXT_KEY = "pc:next"
SEQ_KEY = "pc:seq"
SCHEDULE_LOCK = "pc:next:lock"
# Registered by tags.on_schedule: (next_moment(now), due_tags(since, until), grace or None).
SCHEDULES = []
# What this process knows of each key's tags, so that a hit reads their versions at once.
_known = {}
MAX_KNOWN = 20_000
# A Redis connection kept per cache backend (one backend per thread), for reads: (pid, connection).
_connections = weakref.WeakKeyDictionary()
# The MGET commands sent by _get_many, packed, by list of keys, per backend: ~2 KB each (a page
# and its tags' versions), so far fewer than the keys remembered in _known. Popular pages come
# back within a thousand reads; 4,000 grew a worker by 8 MB over 10,000 uncached pages.
_packed_commands = weakref.WeakKeyDictionary()
MAX_PACKED = 1_000
# After a failure of the shared cache, it is left alone until then (time.monotonic()).
_down_until = 0.0
RETRY_AFTER = 1.0


class Unavailable(Exception):
    """The shared cache did not answer."""


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def available():
    return time.monotonic() >= _down_until


def _call(method, *args, **kwargs):
    """A cache operation; Unavailable when the cache fails (then skipped for RETRY_AFTER)."""
    global _down_until
    if not available():
        raise Unavailable
    try:
        if method == "get_many":
            return _get_many(*args)
        return getattr(cache(), method)(*args, **kwargs)
    except ValueError:  # incr() of a missing key: the cache works
        raise
    except Exception as error:  # each backend raises its own errors (redis, database)
        _down_until = time.monotonic() + RETRY_AFTER
        logger.warning("Page cache unavailable: %s", error)
        raise Unavailable from error


def _get_many(keys):
    """The cache's get_many; with Redis, one MGET on a connection kept for the backend, with the
    keys made once and the values read as Django's serializer writes them. Django makes a client
    and validates each key, redis-py takes a connection from its pool and wraps the command in
    retries, and each value is first tried as an int: together most of a hit's cost outside the
    round trip. A failed read closes the connection (the next read opens a new one)."""
    backend = cache()
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    kept = _connections.get(backend)
    if kept is None or kept[0] != os.getpid():  # none yet, or made before a fork
        pool = backend._cache.get_client().connection_pool
        kept = _connections[backend] = (os.getpid(), pool.make_connection())
    connection = kept[1]
    # The command as sent, made once per list of keys: a page's hit asks for the same keys (the
    # page and its tags' versions) every time, and packing thirty keys cost a fifth of a hit.
    packed = _packed_commands.get(backend)
    if packed is None:
        packed = _packed_commands[backend] = {}
    elif len(packed) >= MAX_PACKED:
        packed.clear()
    asked = tuple(keys)
    command = packed.get(asked)
    if command is None:
        command = packed[asked] = connection.pack_command("MGET", *(backend.make_key(key) for key in keys))
    try:
        connection.send_packed_command(command)
        values = connection.read_response()
    except BaseException:
        connection.disconnect()
        raise
    return {key: _loads(value) for key, value in zip(keys, values, strict=True) if value is not None}


def _loads(value):
    # Django's RedisSerializer stores an int as its digits and anything else pickled (protocol 5,
    # which starts with 0x80).
    return pickle.loads(value) if value[:1] == b"\x80" else int(value)


def _vkey(tag):
    return f"pc:v:{tag}"


def _remember(key, tags):
    if len(_known) >= MAX_KNOWN:
        _known.clear()
    _known[key] = tuple(tags)


def read(key, *extra):
    """(entry or None, found): the entry at `key` and, in the same round trip, the schedule, the
    versions of the tags this process saw it with and the `extra` keys; more versions are read
    if needed."""
    keys = [key, NEXT_KEY, SEQ_KEY, *extra, *map(_vkey, _known.get(key, ()))]
    found = _call("get_many", keys)
    if run_schedule(found.get(NEXT_KEY), time.time()):
        found = _call("get_many", keys)
    return entry_in(key, found), found


def entry_in(key, found):
    """The entry at `key` among what was read (`found`), with the versions of all its tags."""
    entry = found.get(key)
    if entry is not None and _known.get(key) != tuple(entry["tags"]):
        # Read without (all) its tags' versions: the first time this process sees it, or its
        # tags changed. A version not in the cache stays missing from `found`: judge() decides.
        missing = [_vkey(tag) for tag in entry["tags"] if _vkey(tag) not in found]
        if missing:
            found.update(_call("get_many", missing))
        _remember(key, entry["tags"])
    return entry


def judge(entry, found, now):
    """"fresh", "stale" (changed, may be served within the grace) or None (make it again)."""
    if entry["expires"] <= now:
        return None
    state = "fresh"
    for tag, recorded in entry["tags"].items():
        current = found.get(_vkey(tag))
        if current == recorded:
            continue
        if current is None or current[1] != recorded[1] or entry["status"] != 200:
            return None
        if now > grace_end(current):
            return None
        state = "stale"
    return state


def grace_end(version):
    return version[3] if len(version) > 3 else version[2] + settings.PAGE_CACHE_GRACE


def started(found):
    """The invalidation counter read with an entry: call before making what is to be kept."""
    number = found.get(SEQ_KEY)
    if number is None:  # a new cache (or an evicted counter): start above any number it gave
        _call("add", SEQ_KEY, time.time_ns() // 1000, timeout=None)
        number = found[SEQ_KEY] = _call("get", SEQ_KEY) or 0
    return number


def versions(tags, start):
    """The versions of `tags` to record with something made in a request that started at counter
    `start`; None when one of them changed since (it may have been made from the data before)."""
    keys = [_vkey(tag) for tag in tags]
    found = _call("get_many", keys) if keys else {}
    result = {}
    for tag, key in zip(tags, keys, strict=True):
        version = found.get(key)
        if version is None:
            # First sight (or evicted): a version no entry has recorded.
            version = (start, 0, time.time())
            if not _call("add", key, version, timeout=None):
                version = _call("get", key) or version
        if version[0] > start:
            return None
        result[tag] = version
    return result


def put(key, entry):
    _call("set", key, entry, timeout=settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_GRACE)
    _remember(key, entry["tags"])


def _lkey(key):
    return f"pc:lock:{key}"


def lock(key):
    """Whether this process may make the page at `key` again (a short lock shared by all)."""
    return _call("add", _lkey(key), 1, timeout=max(1, settings.PAGE_CACHE_GRACE))


def unlock(key):
    _call("delete", _lkey(key))


def wait(key):
    """Wait for the process holding the lock on `key` to keep its page: (entry, found) once it is
    fresh, or (None, found) when the lock is gone without one or after PAGE_CACHE_WAIT_MS."""
    deadline = time.monotonic() + settings.PAGE_CACHE_WAIT_MS / 1000
    # Short pauses: a reader waiting for a page made in 20 ms should not sleep 40 ms more (a
    # look costs one small read of the shared cache).
    pause = 0.002
    while True:
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        entry, found = read(key, _lkey(key))
        if entry is not None and judge(entry, found, time.time()) == "fresh":
            return entry, found
        if _lkey(key) not in found or time.monotonic() >= deadline:
            return None, found
        pause = min(pause * 2, 0.01)


def page_key(request, params):
    """The key of a reader's page: scheme, host, the full path answered (SCRIPT_NAME included)
    and only the query parameters the view reads."""
    query = "&".join(f"{name}={value}" for name in params for value in request.GET.getlist(name))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "pc:p:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


# Invalidation.

def invalidate(tags, removal=False, at_once=False, grace=None):
    """Change the versions of `tags` now, and again with a CDN purge once the transaction
    commits: no process keeps a page made from the data before the change. `at_once`: never
    served stale, like a removal; `grace`: seconds a stale copy may be served (PAGE_CACHE_GRACE)."""
    tags = sorted({tag for tag in tags if tag})
    if not tags:
        return
    how = (removal or at_once, settings.PAGE_CACHE_GRACE if grace is None else grace)
    _bump(tags, *how)
    # Found here, by the writer, so that readers need not (see run_schedule).
    reschedule(only_if_unknown=True)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _announce(tags, removal, how))
    else:
        _announce(tags, removal, how, bumped=True)


def _announce(tags, removal, how, bumped=False):
    if not bumped:
        _bump(tags, *how)
    cdn.purge(tags, soft=not removal)


def _next_number():
    try:
        return _call("incr", SEQ_KEY)
    except ValueError:
        # The counter is gone (evicted): start again above any number it gave.
        _call("add", SEQ_KEY, time.time_ns() // 1000, timeout=None)
        return _call("incr", SEQ_KEY)


def _bump(tags, never_stale, grace):
    try:
        number, now = _next_number(), time.time()
        old = _call("get_many", [_vkey(tag) for tag in tags])
        new = {}
        for tag in tags:
            hard = (old.get(_vkey(tag)) or (0, 0, 0))[1]
            new[_vkey(tag)] = (number, number if never_stale else hard, now, now + grace)
        _call("set_many", new, timeout=None)
    except Unavailable:
        logger.error("Page cache unavailable: tags %s not invalidated", tags)


# Content that changes by itself: run by the first reader's request after its moment.

def _moment(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def next_moment(now):
    """The POSIX time of the next change by schedule after `now`, or None (a query per source)."""
    found = [next_fn(_moment(now)) for next_fn, _, _ in SCHEDULES]
    moments = [moment.timestamp() for moment in found if moment is not None]
    return min(moments) if moments else None


def run_schedule(value, now):
    """Invalidate what came due since the last check (`value` is NEXT_KEY's (checked, moment)).
    True when it invalidated something. Costs nothing until the moment comes."""
    if value is not None:
        checked, moment = value
        if checked <= now and (moment is None or now < moment):
            return False
    if not _call("add", SCHEDULE_LOCK, 1, timeout=10):
        return False  # another process is on it
    try:
        changed = False
        # Without a previous check (a new cache: no entry to correct) only the next moment is found.
        if value is not None and value[0] <= now:
            for _, due_tags, grace in SCHEDULES:
                for tags, removal in due_tags(_moment(value[0]), _moment(now)):
                    # What came due is news (a scheduled article appearing), unless the schedule
                    # gives a grace (the sidebars' refresh).
                    invalidate(tags, removal=removal, at_once=grace is None, grace=grace)
                    changed = True
        _call("set", NEXT_KEY, (now, next_moment(now)), timeout=None)
    finally:
        _call("delete", SCHEDULE_LOCK)
    return changed


def upcoming(found):
    """The next scheduled change (POSIX time) as read with an entry, or None."""
    value = found.get(NEXT_KEY)
    return value[1] if value is not None else None


def reschedule(only_if_unknown=False):
    """A new future moment was saved: make sure the schedule wakes up for it (a query per
    source). The moment already due, if any, is kept: the next reader's request runs it."""
    try:
        value = _call("get", NEXT_KEY)
        if value is not None and only_if_unknown:
            return
        now = time.time()
        moment = next_moment(now)
        if value is not None:
            checked, old = value
            moment = old if moment is None else moment if old is None else min(old, moment)
            now = min(checked, now)
        _call("set", NEXT_KEY, (now, moment), timeout=None)
    except Unavailable:
        pass


# Fragments shared by pages.

# The fragments each view's pages read, by the last request of that view in this process: the
# first fragment a request reads brings the others in the same round trip.
_fragments_of_view = {}


def fragment(request, name, producer, tags_of):
    from .tags import add

    memo = getattr(request, "_page_cache_fragments", None)
    if memo is None and request is not None:
        memo = request._page_cache_fragments = {}
    if memo is not None and name in memo:
        value, tags = memo[name]
    else:
        value, tags = _fragment(request, name, producer, tags_of)
        if memo is not None:
            memo[name] = (value, tags)
    add(request, *tags)
    return value


def _fragment(request, name, producer, tags_of):
    if request is None or not settings.FRAGMENT_CACHE_ENABLED or not available():
        value = producer()
        return value, tags_of(value)
    key = f"pc:f:{name}"
    try:
        entry, found = _read_fragment(request, key)
        if entry is not None and judge(entry, found, time.time()) == "fresh":
            return entry["value"], tuple(entry["tags"])
        start = started(found)
        value = producer()
        tags = tuple(tags_of(value))
        recorded = versions(tags, start)
        if recorded is not None:
            put(key, {"value": value, "tags": recorded, "status": 200,
                      "expires": time.time() + settings.PAGE_CACHE_SECONDS})
        return value, tags
    except Unavailable:
        value = producer()
        return value, tags_of(value)


def _read_fragment(request, key):
    """(entry, found) of the fragment at `key`: the request's first fragment is read with the
    fragments its view read last time (and their tags' versions), the others from that read."""
    read_before = getattr(request, "_page_cache_read", None)
    if read_before is not None:
        request._page_cache_fragment_keys.append(key)
        if key in read_before:
            return entry_in(key, read_before), read_before
        return read(key)  # not among the first read's: a round trip of its own
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match is not None else None
    keys = request._page_cache_fragment_keys = [key]
    others = []
    if view is not None:
        if len(_fragments_of_view) >= MAX_KNOWN:
            _fragments_of_view.clear()
        others = [other for other in _fragments_of_view.get(view, ()) if other != key]
        _fragments_of_view[view] = keys  # this request's, filled as it reads them
    extra = [*others, *{_vkey(tag) for other in others for tag in _known.get(other, ())}]
    entry, found = read(key, *extra)
    for other in others:
        found.setdefault(other, None)  # read: absent from the cache
    request._page_cache_read = found
    return entry, found
