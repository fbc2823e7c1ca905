from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pagecache import tags

from .models import Section


def _menu_tags(sections):
    return [tags.MENU, *(tags.of(section) for section in sections)]


def menu_sections(request):
    """The sections of the menu, in order (one query, none once cached); whole, as a section's
    own page shows it (articles.views.section_detail finds its section here)."""
    return tags.fragment(request, "menu", lambda: list(Section.objects.all()), _menu_tags)


def site(request):
    """The section menu and site name every public page shows."""
    return {
        "site_name": settings.SITE_NAME,
        "masthead": settings.MASTHEAD,
        "site_url": settings.SITE_URL,
        "menu_sections": SimpleLazyObject(lambda: menu_sections(request)),
    }
