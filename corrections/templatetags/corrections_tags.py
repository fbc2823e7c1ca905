from django import template

register = template.Library()


def corrections_of(article):
    """An article's corrections, newest first (one query, kept on the article for the page)."""
    if not hasattr(article, "_public_corrections"):
        article._public_corrections = list(article.corrections.newest()) if article.pk else []
    return article._public_corrections


@register.inclusion_tag("corrections/box.html")
def article_corrections(article):
    """The "Đính chính" box of an article page; nothing for an article readers cannot see."""
    return {"corrections": corrections_of(article) if article.is_published() else []}
