"""Reads counted without cookies: Redis hour buckets, written to the database about every minute.

A beacon (static/mostread/beacon.js) posts once per browser, article and day. Here each read
is deduplicated per address and day by a salted hash (the salt is random, made each day and
kept two days in Redis; addresses are never stored), then added to the pending counts in
Redis. Whichever request first finds the last flush over READS_FLUSH_SECONDS old writes the
pending counts to the database, under a lock; so a Redis restart loses at most the counts
received since the last flush. Without Redis, reads are written to the database at once.
"""

import datetime
import hashlib
import logging
import os

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from .models import HourlyReads, ReadCount

log = logging.getLogger(__name__)

PENDING = "mostread:pending"
FLUSHED = "mostread:flushed"
FLUSH_LOCK = "mostread:flush-lock"
SALT = "mostread:salt:{day}"
SEEN = "mostread:seen:{day}:{digest}"
RECOMPUTE = "mostread:recompute"
# One round trip per read: count it unless this address read this article today; then say
# when the pending counts were last written to the database.
COUNT_SCRIPT = """
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
end
return redis.call('GET', KEYS[3])
"""
DAY_SECONDS = 86400

_client = None
_script = None
_salts = {}


def client():
    """The Redis client of this process, or None when no Redis is configured."""
    global _client, _script
    if _client is None and settings.READS_REDIS_URL:
        _client = redis.Redis.from_url(settings.READS_REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
        _script = _client.register_script(COUNT_SCRIPT)
    return _client


def reset_client():
    """Forget the client (tests point READS_REDIS_URL elsewhere)."""
    global _client, _script
    _client = _script = None
    _salts.clear()


def hour_of(moment):
    return moment.astimezone(datetime.UTC).replace(minute=0, second=0, microsecond=0)


def _salt(day):
    """Today's random salt, the same in every process, gone two days later."""
    if day not in _salts:
        key = SALT.format(day=day)
        client().set(key, os.urandom(16).hex(), nx=True, ex=2 * DAY_SECONDS)
        _salts.clear()
        _salts[day] = client().get(key)
    return _salts[day]


def record(article_id, address, now=None):
    """Count one read of an article from an address; never raises (a lost read is no error).
    True when the database may have been used (a flush, or no Redis)."""
    now = now or timezone.now()
    try:
        if client() is None:
            _record_in_database(article_id, address, now)
            return True
        return _record_in_redis(article_id, address, now)
    except (redis.RedisError, OSError):
        log.warning("read not counted: Redis unavailable", exc_info=True)
        return True


def _record_in_redis(article_id, address, now):
    day = timezone.localdate(now).isoformat()
    digest = hashlib.blake2b(f"{address}|{article_id}".encode(), key=_salt(day), digest_size=12).hexdigest()
    field = f"{int(hour_of(now).timestamp())}:{article_id}"
    flushed = _script(keys=[SEEN.format(day=day, digest=digest), PENDING, FLUSHED], args=[2 * DAY_SECONDS, field])
    if flushed is None or now.timestamp() - float(flushed) >= settings.READS_FLUSH_SECONDS:
        flush(now)
        return True
    return False


def _record_in_database(article_id, address, now):
    day = timezone.localdate(now).isoformat()
    digest = hashlib.blake2b(f"{address}|{article_id}|{day}".encode(), key=settings.SECRET_KEY.encode()[:64],
                             digest_size=12).hexdigest()
    if cache.add(SEEN.format(day=day, digest=digest), 1, 2 * DAY_SECONDS):
        write({(hour_of(now), int(article_id)): 1})
        maybe_recompute(now)


def flush(now=None):
    """Write the pending counts to the database, if no other process is doing it."""
    now = now or timezone.now()
    redis_client = client()
    if not redis_client.set(FLUSH_LOCK, "1", nx=True, ex=30):
        return
    try:
        flushed = redis_client.get(FLUSHED)
        if flushed is not None and now.timestamp() - float(flushed) < settings.READS_FLUSH_SECONDS:
            return  # another process has just done it
        with redis_client.pipeline(transaction=True) as pipe:
            pending, _ = pipe.hgetall(PENDING).delete(PENDING).execute()
        try:
            write(_parse(pending))
        except Exception:
            # Put them back for the next flush rather than lose them.
            with redis_client.pipeline(transaction=False) as pipe:
                for field, count in pending.items():
                    pipe.hincrby(PENDING, field, int(count))
                pipe.execute()
            raise
        redis_client.set(FLUSHED, str(now.timestamp()))
    finally:
        redis_client.delete(FLUSH_LOCK)
    maybe_recompute(now)


def write(counts):
    """Add {(hour, article id): reads} to the hour buckets and the totals (two statements)."""
    from articles.models import Article

    known = set(Article.objects.filter(pk__in={pk for _, pk in counts}).values_list("pk", flat=True))
    adapt = connection.ops.adapt_datetimefield_value
    rows = [(pk, adapt(hour), n) for (hour, pk), n in counts.items() if pk in known and n > 0]
    if not rows:
        return
    totals = {}
    for pk, _, n in rows:
        totals[pk] = totals.get(pk, 0) + n
    hourly, per_article = HourlyReads._meta.db_table, ReadCount._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {hourly} (article_id, hour, count) VALUES (%s, %s, %s) "
            f"ON CONFLICT (article_id, hour) DO UPDATE SET count = {hourly}.count + excluded.count",
            rows,
        )
        cursor.executemany(
            f"INSERT INTO {per_article} (article_id, last_24h, last_7d, total) VALUES (%s, 0, 0, %s) "
            f"ON CONFLICT (article_id) DO UPDATE SET total = {per_article}.total + excluded.total",
            list(totals.items()),
        )


def maybe_recompute(now):
    """Recompute the lists at most every READS_RECOMPUTE_SECONDS, in whichever process comes first."""
    if cache.add(RECOMPUTE, now.timestamp(), settings.READS_RECOMPUTE_SECONDS):
        from .ranking import recompute

        recompute(now)


def _parse(pending):
    """Redis' {b"<hour timestamp>:<article id>": b"<reads>"} as {(hour, article id): reads}."""
    counts = {}
    for field, count in pending.items():
        hour, _, article_id = field.decode().partition(":")
        counts[(datetime.datetime.fromtimestamp(int(hour), tz=datetime.UTC), int(article_id))] = int(count)
    return counts


def pending_counts():
    """What Redis holds and the database does not have yet: {(hour, article id): reads}."""
    return _parse(client().hgetall(PENDING))
