"""Article cards as HTML, built in Python: a list page shows twenty, the home page thirty, and an
{% include %} per card cost more than the rest of the page (bench_render, README "Rendering").

The markup is what the template include card.html gave (tests/test_render_unchanged.py).
"""

from functools import lru_cache
from html import escape

from django.template.defaultfilters import truncatewords
from django.utils.safestring import mark_safe

from .metadata import time_html
from .models import Article
from .templatetags.articles_tags import CARD_SIZES, picture_at

# Where covers are stored (the field's storage, as article.cover_image.url would ask).
COVERS = Article._meta.get_field("cover_image").storage


def card(article, variant="", show_sapo=False, show_section=False, eager=False, level=3):
    """One card; the article needs what ArticleQuerySet.for_listing() loads (no query here)."""
    section = article.section if show_section else None
    return _card(
        article.get_absolute_url(), article.title, article.sapo if show_sapo else "", article.published_at,
        article.cover_image.name, article.cover_width, article.cover_height, article.cover_alt,
        section.get_absolute_url() if section else None, section.name if section else None,
        variant, eager, level,
    )


@lru_cache(maxsize=4096)
def _card(url, title, sapo, published_at, cover, cover_width, cover_height, cover_alt, section_url, section_name,
          variant, eager, level):
    """A card's markup from what it shows, remembered: list pages show the same cards over and
    over (a card was a third of a list page), and the markup depends on nothing else.

    Text goes through html.escape as Django's escape does (format_html and its lazy-string
    checks cost a third of a list page, for the same output); the picture is safe markup."""
    url = escape(url)
    image = ""
    if cover:
        sizes = CARD_SIZES.get(variant, CARD_SIZES["small"])
        picture = picture_at(COVERS.url(cover), cover_width, cover_height, cover_alt, sizes, eager)
        image = f'<a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">{picture}</a>'
    kicker = (
        f'<a class="kicker" href="{escape(section_url)}">{escape(section_name)}</a>'
    ) if section_url is not None else ""
    sapo = f'<p class="card-sapo">{escape(truncatewords(sapo, 40))}</p>' if sapo else ""
    return (
        f'<article class="card{f" card-{variant}" if variant else ""}">\n  {image}\n  <div class="card-text">\n'
        f'    {kicker}\n    <h{level} class="card-title"><a href="{url}">{escape(title)}</a></h{level}>\n'
        f'    {sapo}\n    <p class="card-meta">{time_html(published_at)}</p>\n  </div>\n</article>\n'
    )


def cards(articles, variant="", show_sapo=False, show_section=False, level=3, eager_first=False):
    """The cards of a list, the first one eager when it is the first image on screen."""
    return mark_safe("".join(
        card(article, variant, show_sapo, show_section, eager_first and n == 0, level)
        for n, article in enumerate(articles)
    ))


def search_results(results):
    """The search page's results, (article, highlighted title, highlighted excerpt) each, as the
    loop of search.html wrote them (the articles need what models.search_results() loads)."""
    return mark_safe("".join(_search_result(article, title, excerpt) for article, title, excerpt in results))


def _search_result(article, title, excerpt):
    url = escape(article.get_absolute_url())
    image = (
        f'<a class="card-image" href="{url}" tabindex="-1"><img src="{escape(article.cover_image.url)}" '
        f'alt="{escape(article.cover_alt)}" loading="lazy"></a>'
    ) if article.cover_image else ""
    section = article.section
    names = [escape(author.name) for author in article.byline_authors()]
    byline = f"{', '.join(names)} · " if names else ""
    return (
        f'\n  <article class="card card-row search-result">\n    {image}\n    <div class="card-text">\n'
        f'      <a class="kicker" href="{escape(section.get_absolute_url())}">{escape(section.name)}</a>\n'
        f'      <h2 class="card-title"><a href="{url}">{title}</a></h2>\n'
        f'      <p class="card-sapo">{excerpt}</p>\n'
        f'      <p class="card-meta">{byline}{time_html(article.published_at)}</p>\n    </div>\n  </article>\n  '
    )
