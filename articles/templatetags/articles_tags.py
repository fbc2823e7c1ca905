import datetime

from django import template
from django.utils.html import format_html

from articles.metadata import local_iso
from images.renditions import LAZY, dimensions, picture_html

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
def card_picture(article, variant="", eager=False):
    return picture(article.cover_image, article.cover_alt, CARD_SIZES.get(variant, CARD_SIZES["small"]), eager)


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
    if not (width and height):
        lazy = "" if eager else LAZY
        return format_html('<img src="{}" alt="{}"{}>', image.url, alt, lazy)
    return picture_html(image.url, width, height, alt, sizes, eager=eager, css_class=css_class)


@register.simple_tag
def cards(articles, variant="", show_sapo=False, show_section=False, level=3, eager_first=False):
    """`{% cards page "row" show_sapo=True %}`: a list's cards in one call (articles/cards.py)."""
    from articles.cards import cards

    return cards(articles, variant, show_sapo, show_section, level, eager_first)
