from django.conf import settings
from django.core.checks import Warning, register

PROCESS_LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def shared_cache(app_configs, **kwargs):
    alias = getattr(settings, "PAGE_CACHE_ALIAS", "default")
    if settings.PAGE_CACHE_ENABLED and settings.CACHES[alias]["BACKEND"] in PROCESS_LOCAL_BACKENDS:
        return [Warning(
            "The page cache lives in a cache of this process alone: other processes would not see "
            "invalidations.",
            hint="Use Redis (REDIS_URL) or the database cache.",
            id="pagecache.W001",
        )]
    return []
