from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pagecache.store import fragment

from .models import Section


def site(request):
    """The section menu and site name every public page shows (no query once cached)."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "menu_sections": SimpleLazyObject(
            lambda: fragment(request, "menu", lambda: list(Section.objects.only("name", "slug")))
        ),
    }
