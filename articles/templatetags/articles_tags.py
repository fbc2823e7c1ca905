import datetime
from functools import lru_cache
from html import escape

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.metadata import local_iso
from images.renditions import LAZY, dimensions, picture_html
from web.reversing import cached_reverse

register = template.Library()


@register.filter
def isotime(moment):
    """The value of a <time datetime="…"> attribute (or a sitemap's lastmod): to the second, with
    the +07:00 offset; a plain date stays a date."""
    if isinstance(moment, datetime.date) and not isinstance(moment, datetime.datetime):
        return moment.isoformat()
    return local_iso(moment) or ""


# How wide each kind of card shows its image (static/css/site.css), for the browser's choice.
CARD_SIZES = {
    "feature": "(min-width: 64rem) 34rem, (min-width: 40rem) 60vw, 100vw",
    "row": "(min-width: 48rem) 14rem, 100vw",
    "small": "(min-width: 64rem) 18rem, (min-width: 40rem) 50vw, 100vw",
}
ARTICLE_SIZES = "(min-width: 48rem) 42rem, 100vw"


@register.simple_tag
def cover_picture(article):
    """The cover image of an article page: the first image on screen, so not lazy."""
    return picture(article.cover_image, article.cover_alt, ARTICLE_SIZES, eager=True)


@register.simple_tag
def picture(image, alt="", sizes="100vw", eager=False, css_class=""):
    """An uploaded image (an ImageField value) with its renditions, width, height and loading,
    computed from the stored name and dimensions: no query, no disk access."""
    if not image:
        return ""
    width, height = dimensions(image)
    return picture_at(image.url, width, height, alt, sizes, eager, css_class)


def picture_at(url, width, height, alt, sizes, eager=False, css_class=""):
    """picture() of an image stored at `url`, from its kept dimensions (None when unknown: an
    image stored before they were kept shows as a plain <img>)."""
    if not (width and height):
        lazy = "" if eager else LAZY
        return format_html('<img src="{}" alt="{}"{}>', url, alt, lazy)
    return picture_html(url, width, height, alt, sizes, eager=eager, css_class=css_class)


@register.simple_tag
def cards(articles, variant="", show_sapo=False, show_section=False, level=3, eager_first=False):
    """`{% cards page "row" show_sapo=True %}`: a list's cards in one call (articles/cards.py)."""
    from articles.cards import cards

    return cards(articles, variant, show_sapo, show_section, level, eager_first)


# The site's header and footer (base.html), built here: their template loops were a third of
# base.html's rendering on every page.

@register.simple_tag(takes_context=True)
def menu_items(context):
    """The section menu's items; the current section (`section` in the context) marked."""
    current = context.get("section")
    current = getattr(current, "pk", None) if current else None
    return mark_safe("".join(
        f'\n      <li><a href="{escape(s.get_absolute_url())}"{ARIA_CURRENT if s.pk == current else ""}>'
        f"{escape(s.name)}</a></li>\n      "
        for s in context.get("menu_sections") or ()
    ))


ARIA_CURRENT = ' aria-current="page"'


@register.simple_tag
def masthead_items():
    """The footer's masthead (settings.MASTHEAD), the email as a link."""
    return _masthead(tuple(settings.MASTHEAD))


@lru_cache(maxsize=4)
def _masthead(masthead):
    def shown(label, value):
        return f'<a href="mailto:{escape(value)}">{escape(value)}</a>' if label == "Email" else escape(value)

    return mark_safe("".join(
        f"\n      <div><dt>{escape(label)}</dt> <dd>{shown(label, value)}</dd></div>" for label, value in masthead
    ))


@register.simple_tag
def url_of(viewname):
    """{% url %} without arguments, remembered (web.reversing)."""
    return cached_reverse(viewname)
