"""Vietnamese search: folded documents, queries, and highlighted excerpts.

Titles, sapos and bodies are stored folded ("Đống Đa" -> "dong da") as plain
space-separated words, so that every backend matches the same whole words:
PostgreSQL through a weighted tsvector with a GIN index, SQLite by looking
for " word " in the folded text.
"""

import html
import re
import unicodedata

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import conditional_escape, format_html, format_html_join, strip_tags

from .text import fold, nfc

MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2
MAX_QUERY_WORDS = 12
EXCERPT_LENGTH = 240

# A word: letters and digits of any script (underscore excluded).
_WORD = re.compile(r"[^\W_]+")
# Control characters (NUL included) never belong in a query.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def words(text):
    """The folded words of text: "Đống Đa, 2024!" -> ["dong", "da", "2024"]."""
    return _WORD.findall(fold(text))


def document(text):
    """Folded text as stored for search: " dong da 2024 " (spaces around every word)."""
    found = words(text)
    return f" {' '.join(found)} " if found else ""


def body_text(body_html):
    """The readable text of an article body."""
    return html.unescape(strip_tags(body_html or "")).replace("\xa0", " ")


def clean_query(raw):
    """What the reader typed, made safe: NFC, no control characters, at most 200 characters."""
    text = _CONTROL.sub("", nfc(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    """Distinct folded words of a cleaned query, in order, at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]


def _tsquery(terms, weights=""):
    # Terms are word characters only, quoted anyway, so the raw tsquery is always valid.
    suffix = f":{weights}" if weights else ""
    return " & ".join(f"'{term}'{suffix}" for term in terms)


def search_vector():
    """The weighted tsvector of the folded columns (PostgreSQL only)."""
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("search_title", weight="A", config="simple")
        + SearchVector("search_sapo", weight="B", config="simple")
        + SearchVector("search_body", weight="C", config="simple")
    )


def filter_and_rank(queryset, terms, vendor):
    """Articles containing every term, best first: all in the title, then all in title or sapo, then anywhere.

    Newer articles come first within a rank.
    """
    if vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        def matches(weights=""):
            return Q(search_vector=SearchQuery(_tsquery(terms, weights), search_type="raw", config="simple"))

        queryset = queryset.filter(matches())
        in_title, in_title_or_sapo = matches("A"), matches("AB")
    else:
        def has(field, term):
            return Q(**{f"{field}__contains": f" {term} "})

        for term in terms:
            queryset = queryset.filter(has("search_title", term) | has("search_sapo", term) | has("search_body", term))
        in_title = Q()
        in_title_or_sapo = Q()
        for term in terms:
            in_title &= has("search_title", term)
            in_title_or_sapo &= has("search_title", term) | has("search_sapo", term)
    rank = Case(
        When(in_title, then=Value(3)),
        When(in_title_or_sapo, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-pk")


def _folded_with_positions(text):
    """text folded character by character, with the index in text of every folded character."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for out in fold(char):
            folded.append(out)
            origin.append(index)
    return "".join(folded), origin


def match_spans(text, terms):
    """(start, end) spans of text whose folded form is one of the terms, as whole words."""
    if not terms or not text:
        return []
    folded, origin = _folded_with_positions(text)
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
    spans = []
    for found in pattern.finditer(folded):
        start = origin[found.start()]
        end = origin[found.end() - 1] + 1
        # Keep combining marks that belong to the last letter (text not in NFC).
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end))
    return spans


def highlight(text, terms):
    """text, escaped, with every matched word in <mark>."""
    spans = match_spans(text, terms)
    parts, last = [], 0
    for start, end in spans:
        parts.append(conditional_escape(text[last:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        last = end
    parts.append(conditional_escape(text[last:]))
    return format_html_join("", "{}", ((part,) for part in parts))


def excerpt(article, terms, length=EXCERPT_LENGTH):
    """A highlighted passage of the sapo or body around the first match."""
    for text in (article.sapo, body_text(article.body)):
        text = " ".join(text.split())
        spans = match_spans(text, terms)
        if spans:
            return highlight(_window(text, spans[0][0], length), terms)
    text = " ".join((article.sapo or body_text(article.body)).split())
    return highlight(_window(text, 0, length), terms)


def _window(text, position, length):
    """About `length` characters of text around position, cut at spaces, with ellipses."""
    if len(text) <= length:
        return text
    start = max(0, position - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < position else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > position else end
    return f"{'… ' if start else ''}{text[start:end]}{' …' if end < len(text) else ''}"
