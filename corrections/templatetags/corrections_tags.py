from django import template

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


@register.inclusion_tag("corrections/box.html")
def article_corrections(article):
    """The "Đính chính" box of an article page; nothing for an article readers cannot see."""
    return {"corrections": corrections_of(article) if article.is_published() else []}
