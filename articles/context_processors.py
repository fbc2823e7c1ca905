from django.conf import settings

from .models import Section


def site(request):
    """The section menu and site name every public page shows (one query, lazily)."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "menu_sections": Section.objects.only("name", "slug"),
    }
