
from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.metadata import lines_html
from articles.models import stored_datetime
from corrections.models import Correction

register = template.Library()


def corrections_of(article):
    """An article's corrections, newest first, kept on the article for the page: loaded with it
    on its page (articles.models.article_for_page()), otherwise one query."""
    if not hasattr(article, "_public_corrections"):
        rows = article.page_rows("correction_rows")
        if rows is not None:
            article._public_corrections = [
                Correction(id=pk, article=article, text=text, corrected_at=stored_datetime(at)) for pk, text, at in rows
            ]
        else:
            article._public_corrections = list(article.corrections.newest()) if article.pk else []
    return article._public_corrections


@register.simple_tag
def article_corrections(article):
    """The "Đính chính" box of an article page; nothing for an article readers cannot see.
    Built here, as comments and cards are: most articles have none, and an empty inclusion
    template still cost a tenth of a millisecond."""
    corrections = corrections_of(article) if article.is_published() else []
    if not corrections:
        return ""
    items = "".join(
        f'\n    <li class="correction" id="dinh-chinh-{correction.pk}"><strong>Đính chính lúc '
        f"{_time(correction.corrected_at)}:</strong> {lines_html(correction.text)}</li>\n    "
        for correction in corrections
    )
    return mark_safe(
        '<aside class="corrections" aria-labelledby="dinh-chinh">\n'
        '  <h2 class="corrections-title" id="dinh-chinh">Đính chính</h2>\n'
        f'  <ul class="corrections-items">\n    {items}\n  </ul>\n</aside>'
    )


def _time(moment):
    local = timezone.localtime(moment)
    return f'<time datetime="{local.isoformat()}">{local.strftime("%H:%M %d/%m/%Y")}</time>'
