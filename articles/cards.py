"""Article cards as HTML, built in Python: a list page shows twenty, the home page thirty, and an
{% include %} per card cost more than the rest of the page (bench_render, README "Rendering").

The markup is what the template include card.html gave (tests/test_render_unchanged.py).
"""

from django.template.defaultfilters import date, truncatewords
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime

from .metadata import local_iso
from .templatetags.articles_tags import card_picture

CARD = (
    '<article class="card{}">\n  {}\n  <div class="card-text">\n    {}\n'
    '    <h{} class="card-title"><a href="{}">{}</a></h{}>\n    {}\n'
    '    <p class="card-meta"><time datetime="{}">{}</time></p>\n  </div>\n</article>\n'
)


def card(article, variant="", show_sapo=False, show_section=False, eager=False, level=3):
    """One card; the article needs what ArticleQuerySet.for_listing() loads (no query here)."""
    url = article.get_absolute_url()
    image = format_html(
        '<a class="card-image" href="{}" tabindex="-1" aria-hidden="true">{}</a>', url,
        card_picture(article, variant, eager),
    ) if article.cover_image else ""
    kicker = format_html(
        '<a class="kicker" href="{}">{}</a>', article.section.get_absolute_url(), article.section.name
    ) if show_section else ""
    sapo = format_html(
        '<p class="card-sapo">{}</p>', truncatewords(article.sapo, 40)
    ) if show_sapo and article.sapo else ""
    published = article.published_at
    return format_html(
        CARD, f" card-{variant}" if variant else "", image, kicker, level, url, article.title, level, sapo,
        local_iso(published) or "", date(localtime(published), "H:i d/m/Y") if published else "",
    )


def cards(articles, variant="", show_sapo=False, show_section=False, level=3, eager_first=False):
    """The cards of a list, the first one eager when it is the first image on screen."""
    return format_html_join("", "{}", (
        (card(article, variant, show_sapo, show_section, eager_first and n == 0, level),)
        for n, article in enumerate(articles)
    ))
