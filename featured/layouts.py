"""The layouts of a featured list, built in Python as cards are (articles/cards.py): every public
page shows two or three lists, and their templates' node rendering cost more than the lists'
data. The markup is what templates/featured/layouts/*.html gave (tests/test_render_unchanged.py).

Text goes through html.escape, as Django's autoescape does; pictures are safe markup.
"""

from html import escape

from django.template.defaultfilters import truncatewords
from django.utils.safestring import mark_safe

from articles.metadata import time_html
from articles.templatetags.articles_tags import picture

LEAD_SIZES = "(min-width: 64rem) 44rem, 100vw"
LEAD_SECONDARY_SIZES = "(min-width: 64rem) 16rem, (min-width: 40rem) 25vw, 40vw"
THUMBNAIL_SIZES = "7rem"
LEAD_SECONDARY = '<ul class="lead-secondary">'


def _heading(featured_list, layout):
    key, title = escape(featured_list.key), escape(featured_list.title)
    return (
        f'<section class="featured featured-{layout} featured-{key}" aria-labelledby="ds-{key}">\n'
        f'  <h2 class="block-title" id="ds-{key}">{title}</h2>\n  <ul class="featured-items">\n    '
    )


def excerpts(featured_list, entries):
    items = []
    for entry in entries:
        excerpt = f'<p class="featured-excerpt">{escape(entry.excerpt)}</p>' if entry.excerpt else ""
        items.append(
            f'\n    <li class="featured-item">\n      <h3 class="featured-title"><a href="'
            f'{escape(entry.article.get_absolute_url())}">{escape(entry.title)}</a></h3>\n'
            f'      {excerpt}\n    </li>\n    '
        )
    return f'{_heading(featured_list, "excerpts")}{"".join(items)}\n  </ul>\n</section>\n'


def thumbnails(featured_list, entries):
    items = []
    for entry in entries:
        article, url = entry.article, escape(entry.article.get_absolute_url())
        image = (
            f'<a class="featured-thumb" href="{url}" tabindex="-1" aria-hidden="true">'
            f'{picture(article.cover_image, "", THUMBNAIL_SIZES)}</a>'
        ) if article.cover_image else ""
        items.append(
            f'\n    <li class="featured-item">\n      {image}\n      <h3 class="featured-title"><a href="{url}">'
            f'{escape(entry.title)}</a></h3>\n    </li>\n    '
        )
    return f'{_heading(featured_list, "thumbnails")}{"".join(items)}\n  </ul>\n</section>\n'


def lead(featured_list, entries):
    parts = [
        f'<section class="featured featured-lead featured-{escape(featured_list.key)}" '
        f'aria-label="{escape(featured_list.title)}">\n  '
    ]
    for n, entry in enumerate(entries):
        article, url = entry.article, escape(entry.article.get_absolute_url())
        if n == 0:
            image = (
                f'<a class="lead-image" href="{url}" tabindex="-1" aria-hidden="true">'
                f'{picture(article.cover_image, article.cover_alt, LEAD_SIZES, eager=True)}</a>'
            ) if article.cover_image else ""
            excerpt = (
                f'<p class="lead-excerpt">{escape(truncatewords(entry.excerpt, 60))}</p>' if entry.excerpt else ""
            )
            parts.append(
                f'\n  <article class="lead-story">\n    {image}\n    <div class="lead-text">\n'
                f'      <a class="kicker" href="{escape(article.section.get_absolute_url())}">'
                f'{escape(article.section.name)}</a>\n'
                f'      <h2 class="lead-title"><a href="{url}">{escape(entry.title)}</a></h2>\n'
                f'      {excerpt}\n'
                f'      <p class="card-meta">{time_html(article.published_at)}</p>\n'
                f'    </div>\n  </article>\n  {LEAD_SECONDARY if len(entries) > 1 else ""}\n  '
            )
        else:
            image = (
                f'<a class="lead-secondary-image" href="{url}" tabindex="-1" aria-hidden="true">'
                f'{picture(article.cover_image, "", LEAD_SECONDARY_SIZES)}</a>'
            ) if article.cover_image else ""
            parts.append(
                f'\n    <li class="lead-secondary-item">\n      {image}\n'
                f'      <h3 class="lead-secondary-title"><a href="{url}">{escape(entry.title)}</a></h3>\n'
                f'    </li>\n  {"</ul>" if n == len(entries) - 1 else ""}\n  '
            )
    parts.append("\n</section>\n")
    return "".join(parts)


LAYOUTS = {"excerpts": excerpts, "thumbnails": thumbnails, "lead": lead}


def render(selection):
    """A selection (FeaturedList.selection()) as HTML in its list's layout; empty without entries."""
    if not selection or not selection.entries:
        return mark_safe("\n")
    featured_list = selection.featured_list
    return mark_safe(LAYOUTS[featured_list.layout](featured_list, selection.entries) + "\n")
