"""Derived work: what follows from an article's text and images, made in one explicit step.

Article.save() keeps only the article's invariants (NFC text, the sanitized body, a slug, the
publication time). What is derived from them costs disk reads and image work, so it is done by
derive(), called by every path that writes an article's text or images — the admin's form, the
WordPress import, generate_content, load_demo — before the write:

- the body's uploaded images: renditions, then <picture> markup with size and loading;
- the cover image: cleaned, with its renditions and size (images.renditions.prepare_images);
- the folded search columns.

A status change (the workflow) derives nothing: publishing is one save. After the write,
update_search_vectors() refreshes PostgreSQL's tsvector from the folded columns (one query,
for many rows at once on bulk paths).
"""

from images.renditions import caption_as_alt, prepare_images, rewrite_body_images

from .models import Article, update_search_vectors

__all__ = ["derive", "save", "stored_body", "update_search_vectors"]

DERIVED_FIELDS = ("body", "cover_image", "cover_width", "cover_height", "search_title", "search_sapo", "search_body")


def stored_body(html):
    """The body as derive() stores it: sanitized, images with their alt text and <picture>."""
    return rewrite_body_images(caption_as_alt(Article.stored_value("body", html)))


def derive(article):
    """Fill the derived fields of `article` in memory, before the save that writes them."""
    article.keep_invariants()
    article.body = stored_body(article.body)
    prepare_images(article)
    article.fill_search_fields()


def save(article, update_fields=None, **kwargs):
    """One article written with its derived work: derive(), save(), the search vector.
    `update_fields` get the derived fields added."""
    derive(article)
    if update_fields is not None:
        update_fields = {*update_fields, *DERIVED_FIELDS}
    article.save(update_fields=update_fields, **kwargs)
    update_search_vectors([article.pk])
    return article
