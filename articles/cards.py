"""Article cards as HTML, built in Python: a list page shows twenty, the home page thirty, and an
{% include %} per card cost more than the rest of the page (bench_render, README "Rendering").

The markup is what the template include card.html gave (tests/test_render_unchanged.py).
"""

from html import escape

from django.template.defaultfilters import truncatewords
from django.utils.safestring import mark_safe

from .metadata import time_html
from .templatetags.articles_tags import card_picture


def card(article, variant="", show_sapo=False, show_section=False, eager=False, level=3):
    """One card; the article needs what ArticleQuerySet.for_listing() loads (no query here).

    Text goes through html.escape as Django's escape does (format_html and its lazy-string
    checks cost a third of a list page, for the same output); the picture is safe markup."""
    url = escape(article.get_absolute_url())
    image = (
        f'<a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">'
        f"{card_picture(article, variant, eager)}</a>"
    ) if article.cover_image else ""
    kicker = (
        f'<a class="kicker" href="{escape(article.section.get_absolute_url())}">{escape(article.section.name)}</a>'
    ) if show_section else ""
    sapo = f'<p class="card-sapo">{escape(truncatewords(article.sapo, 40))}</p>' if show_sapo and article.sapo else ""
    return (
        f'<article class="card{f" card-{variant}" if variant else ""}">\n  {image}\n  <div class="card-text">\n'
        f'    {kicker}\n    <h{level} class="card-title"><a href="{url}">{escape(article.title)}</a></h{level}>\n'
        f'    {sapo}\n    <p class="card-meta">{time_html(article.published_at)}</p>\n  </div>\n</article>\n'
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
