"""Vietnamese search: folded documents, queries, and highlighted excerpts.

Titles, sapos and bodies are stored folded ("Đống Đa" -> "dong da") as plain
space-separated words, so that every backend matches the same whole words:
PostgreSQL through a weighted tsvector with a GIN index, SQLite by looking
for " word " in the folded text.
"""

import functools
import html
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection, connections
from django.db.models import Q
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from vietnamese import fold, nfc

MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2
MAX_QUERY_WORDS = 12
# Results shown for one query at most (50 pages); counting further costs without helping anyone.
MAX_RESULTS = 500
EXCERPT_LENGTH = 240
# Newest candidates a rank is first looked for among (RankedSearch._slice).
WINDOW = 200

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
    return html.unescape(_without_tags(body_html or "")).replace("\xa0", " ")


# Markup as the sanitizer writes it (articles/sanitize.py): text without "<" whose "&" all start
# entities, start and end tags with double-quoted attributes, no comment nor element whose text
# the parser reads raw (script, style…).
_TAG = r"""<(?:[a-zA-Z][a-zA-Z0-9]*(?:\s+[^\s"'>/=]+(?:="[^"]*")?)*\s*/?|/[a-zA-Z][a-zA-Z0-9]*\s*)>"""
_RAW_TEXT = r"</?(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b"
_PLAIN_MARKUP = re.compile(
    rf"(?:[^<&]++|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);|(?!{_RAW_TEXT}){_TAG})*+", re.I,
)
_TAGS = re.compile(_TAG)


def _without_tags(markup):
    """strip_tags(markup): on such markup, where Django's HTML parser keeps the text and entities
    as they are and drops the tags, one regular expression does the same (a tenth of the time);
    anything else goes through strip_tags."""
    if _PLAIN_MARKUP.fullmatch(markup):
        return _TAGS.sub("", markup)
    return strip_tags(markup)


def clean_query(raw):
    """What the reader typed, made safe: NFC, no control characters, at most 200 characters."""
    text = _CONTROL.sub("", nfc(raw or ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    """Distinct folded words of a cleaned query, in order, at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]


def _tsquery(terms):
    # Terms are word characters only, quoted anyway, so the raw tsquery is always valid.
    return " & ".join(f"'{term}'" for term in terms)


def search_vector():
    """The weighted tsvector of the folded columns (PostgreSQL only)."""
    return (
        SearchVector("search_title", weight="A", config="simple")
        + SearchVector("search_sapo", weight="B", config="simple")
        + SearchVector("search_body", weight="C", config="simple")
    )


def title_vector():
    """The expression the title GIN index is built on (PostgreSQL only)."""
    return SearchVector("search_title", config="simple")


def title_sapo_vector():
    """The expression the title-and-sapo GIN index is built on (PostgreSQL only)."""
    return SearchVector("search_title", "search_sapo", config="simple")


def _in_title_or_sapo(terms, vendor):
    """A Q: every term in the title or the sapo (folded)."""
    if vendor == "postgresql":
        query = SearchQuery(_tsquery(terms), search_type="raw", config="simple")
        return Q(SearchVectorExact(title_sapo_vector(), query))
    condition = Q()
    for term in terms:
        condition &= Q(search_title__contains=f" {term} ") | Q(search_sapo__contains=f" {term} ")
    return condition


def in_title_or_sapo(queryset, text):
    """Articles whose title or sapo holds every word of text, folded ("ha noi" finds "Hà Nội"):
    the admin's search box and article autocompletes, read from the title-and-sapo GIN index on
    PostgreSQL. Blank text leaves the queryset as it is; text without a word finds nothing."""
    if not text or not text.strip():
        return queryset
    terms = query_words(clean_query(text))
    if not terms:
        return queryset.none()
    return queryset.filter(_in_title_or_sapo(terms, connection.vendor))


def _typed_in_title(query, terms):
    """The words of the phrase as typed, diacritics and all (looked for in the title), or None when
    the query carries no diacritics (nor đ), so that typing them adds nothing to rank by."""
    typed = _WORD.findall(query.lower())
    if not typed or " ".join(typed) == " ".join(terms):
        return None
    return typed


# Conditions of the ranked search as SQL: (sql, params), over the article table's columns.
_ARTICLES = '"articles_article"'


def _all(*conditions):
    return " AND ".join(f"({sql})" for sql, _ in conditions), [p for _, params in conditions for p in params]


def _any(*conditions):
    return " OR ".join(f"({sql})" for sql, _ in conditions), [p for _, params in conditions for p in params]


def _not(condition):
    return f"NOT ({condition[0]})", condition[1]


# PostgreSQL: the expressions the title and the title-and-sapo GIN indexes are built on (title_vector(),
# title_sapo_vector()), written as the ORM writes them so that the planner reads those indexes, and the
# weighted vector (its own GIN index).
_VECTORS = {
    "title": f"to_tsvector('simple'::regconfig, COALESCE({_ARTICLES}.\"search_title\", ''))",
    "title_or_sapo": (
        f"to_tsvector('simple'::regconfig, COALESCE({_ARTICLES}.\"search_title\", '') || ' ' || "
        f"COALESCE({_ARTICLES}.\"search_sapo\", ''))"
    ),
    "anywhere": f'{_ARTICLES}."search_vector"',
}


def _typed_condition(typed, vendor):
    """The phrase as typed in the title, case aside, as whole words."""
    if vendor == "postgresql":
        return f'{_ARTICLES}."title"::text ~* %s', [r"\m" + r"\W+".join(map(re.escape, typed)) + r"\M"]
    return f"{_ARTICLES}.\"title\" REGEXP '(?i)' || %s", [r"\b" + r"\W+".join(map(re.escape, typed)) + r"\b"]


def _candidates(terms, vendor):
    """{name: condition}: every term in the title, in title or sapo, anywhere."""
    if vendor == "postgresql":
        every = _tsquery(terms)
        return {name: (f"{sql} @@ to_tsquery('simple'::regconfig, %s)", [every]) for name, sql in _VECTORS.items()}

    return {
        "title": _all(*(_has("search_title", term) for term in terms)),
        "title_or_sapo": _all(*(_any(_has("search_title", term), _has("search_sapo", term)) for term in terms)),
        "anywhere": _all(*(
            _any(_has("search_title", term), _has("search_sapo", term), _has("search_body", term)) for term in terms
        )),
    }


def _has(field, words):
    """Elsewhere than on PostgreSQL: the folded column holds these words (" dong da ")."""
    return f"{_ARTICLES}.\"{field}\" LIKE %s ESCAPE '\\'", [f"% {words} %"]


def _ranks(query, terms, vendor):
    """(candidates, condition) per rank, best first, each condition excluding the ranks above (see
    RankedSearch).

    candidates names the cheap, exact index condition the rank's rows all meet
    ("title", "title_or_sapo", "anywhere"), or is None."""
    if vendor == "postgresql":
        return _postgresql_ranks(query, terms)
    typed = _typed_in_title(query, terms)
    candidates = _candidates(terms, vendor)
    tiers = [_all(candidates["title"], _typed_condition(typed, vendor))] if typed is not None else []
    if len(terms) > 1:
        phrase = " ".join(terms)
        phrase_in_title = _has("search_title", phrase)
        phrase_in_title_or_sapo = _any(phrase_in_title, _has("search_sapo", phrase))
        tiers += [phrase_in_title, phrase_in_title_or_sapo, _any(phrase_in_title_or_sapo, _has("search_body", phrase))]
    ranks, above = [], []
    for tier in [*tiers, candidates["title"], candidates["title_or_sapo"], candidates["anywhere"]]:
        ranks.append((None, _all(tier, _not(_any(*above))) if above else tier))
        above.append(tier)
    return ranks


def _postgresql_ranks(query, terms):
    """The ranks on PostgreSQL, each read from the GIN index that narrows it most.

    Title ranks ask the title index and check the phrase on the title itself,
    title-or-sapo ranks likewise; only the ranks that need the body read the
    weighted vector (title A, sapo B, body C), stored out of line: its tsquery
    carries the rank's exclusions ("phrase anywhere & !phrase in title or
    sapo"), so that a row's vector is read and checked once.
    """
    def on(vector, text):
        return f"{_VECTORS[vector]} @@ to_tsquery('simple'::regconfig, %s)", [text]

    def joined(weight, operator):
        return "(" + f" {operator} ".join(f"'{term}'{weight}" for term in terms) + ")"

    in_title = on("title", joined("", "&"))
    in_title_or_sapo = on("title_or_sapo", joined("", "&"))
    ranks = [
        ("title", in_title),
        ("title_or_sapo", _all(in_title_or_sapo, _not(in_title))),
        ("anywhere", on("anywhere", f"{joined('', '&')} & !{joined(':AB', '&')}")),
    ]
    if len(terms) > 1:
        phrase_in_title = on("title", joined("", "<->"))
        phrase_in_title_or_sapo = on("title_or_sapo", joined("", "<->"))
        not_phrase, every_word_ab = f"!{joined('', '<->')}", joined(":AB", "&")
        ranks = [
            ("title", _all(in_title, phrase_in_title)),
            ("title_or_sapo", _all(in_title_or_sapo, phrase_in_title_or_sapo, _not(phrase_in_title))),
            ("anywhere", on("anywhere", f"{joined('', '<->')} & !{joined(':AB', '<->')}")),
            ("title", _all(in_title, on("anywhere", f"{joined(':A', '&')} & {not_phrase}"))),
            ("title_or_sapo", _all(
                in_title_or_sapo, on("anywhere", f"{every_word_ab} & !{joined(':A', '&')} & {not_phrase}"),
            )),
            ("anywhere", on("anywhere", f"{joined('', '&')} & !{joined(':AB', '&')} & {not_phrase}")),
        ]
    typed = _typed_in_title(query, terms)
    if typed is not None:  # the first rank splits: the phrase as typed, then the rest of it
        in_typed = _typed_condition(typed, "postgresql")
        ranks[:1] = [("title", _all(ranks[0][1], in_typed)), ("title", _all(ranks[0][1], _not(in_typed)))]
    return ranks


# PostgreSQL: how the statements below read the table, set in the same round trip as each one
# (a statement sent with others runs in one transaction, which SET LOCAL lasts for). The planner
# misjudges how often words occur together ("Hồ Gươm") and that every row a walk filters costs a
# tsvector read from TOAST, while a bitmap scan of a GIN index reads only the matching rows of the
# (small) table: GIN bitmap scans, never a walk. A window's rows are read by their primary key
# instead, not every candidate from a GIN index, whose estimate of a few rows the planner would trust.
_GIN_SCANS = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = on; "
_BY_KEY = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = on; SET LOCAL enable_bitmapscan = off; "
_DEFAULT_SCANS = (
    "SET LOCAL enable_seqscan = DEFAULT; SET LOCAL enable_indexscan = DEFAULT; SET LOCAL enable_bitmapscan = DEFAULT"
)


class RankedSearch:
    """Articles containing every term, best first, for a Paginator.

    Rank: the phrase as typed (same diacritics) in the title; the words
    adjacent and in order (folded) in the title, in title or sapo, anywhere;
    then the words apart: every term in the title, in title or sapo, anywhere.
    Newer first within a rank. Each rank is its own query ordered by
    publication time, so that a page costs a few index scans however many
    articles match (a single ORDER BY rank would read every match). Counts stop
    at MAX_RESULTS.

    The statements are SQL written here (only the queryset's own conditions, "published", are
    compiled by the ORM): building and compiling them with the ORM cost more than the rest of
    the search. A first page usually costs the count, the newest title candidates, the first
    rank among them, and the articles (`fetch`).
    """

    def __init__(self, queryset, terms, vendor, query="", fetch=None):
        """fetch(ids, where) gives {id: article} of these ids that meet where ((sql, params));
        by default the queryset's in_bulk()."""
        self.queryset = queryset
        self.vendor = vendor
        self.fetch = fetch or (lambda ids, where: queryset.in_bulk(ids))
        self.ranks = []
        self._windows = {}
        self._count = 0 if not terms else None
        self._scans_set = False
        if terms:
            self.public = _where(queryset)
            self.candidates = _candidates(terms, vendor)
            self.ranks = _ranks(query, terms, vendor)

    def count(self):
        """How many articles match, at most MAX_RESULTS (one query)."""
        if self._count is None:
            self._count = self._rows(_count_sql(self._select(self.candidates["anywhere"], MAX_RESULTS)))[0][0]
            self._scans_done()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("RankedSearch supports slices only")
        start, stop = key.start or 0, min(key.stop if key.stop is not None else MAX_RESULTS, MAX_RESULTS)
        ids = self._ids(start, max(0, stop - start)) if self.ranks else []
        self._scans_done()
        articles = self.fetch(ids, self.public) if ids else {}
        return [articles[pk] for pk in ids if pk in articles]

    def _ids(self, skip, want):
        """The ids of `want` results after the first `skip`, rank by rank."""
        ids = []
        for candidates, rank in self.ranks:
            if not want:
                break
            found = self._slice(candidates, rank, skip, skip + want)
            if found:
                ids += found
                want -= len(found)
                skip = 0
            elif skip:
                # This rank ends before the page starts: skip all of it.
                skip -= self._rows(_count_sql(self._select(rank, skip)))[0][0]
        return ids

    def _slice(self, candidates, rank, start, stop):
        """rank's ids [start:stop], looked for first among the WINDOW newest of its candidates.

        A rank's rows are among its candidates, so the rank's rows within the newest
        candidates are its newest rows: a full slice there is the answer. Finding it
        checks the rank's costly conditions (a phrase, the body's vector) on WINDOW rows
        instead of every candidate; only when it falls short is the whole rank read.
        """
        if candidates is not None and stop <= WINDOW:
            if candidates not in self._windows:
                self._windows[candidates] = self._ids_of(self.candidates[candidates], WINDOW)
            window = self._windows[candidates]
            found = self._ids_of(rank, stop - start, start, among=window) if window else []
            if len(found) == stop - start or len(window) < WINDOW:
                return found
        return self._ids_of(rank, stop - start, start)

    def _select(self, condition, limit, offset=0, among=(), newest=False):
        """(sql, params): the ids of public articles meeting condition (and among `among`)."""
        sql, params = _all(self.public, condition)
        if among:
            sql += f' AND {_ARTICLES}."id" IN ({", ".join(["%s"] * len(among))})'
            params = [*params, *among]
        order = f' ORDER BY {_ARTICLES}."published_at" DESC, {_ARTICLES}."id" DESC' if newest else ""
        sql = f'SELECT {_ARTICLES}."id" FROM {_ARTICLES} WHERE {sql}{order} LIMIT %s'
        return (f"{sql} OFFSET %s", [*params, limit, offset]) if offset else (sql, [*params, limit])

    def _ids_of(self, condition, limit, offset=0, among=()):
        """The newest ids meeting condition, [offset:offset + limit]; among ids, read by key."""
        statement = self._select(condition, limit, offset, among, newest=True)
        return [pk for (pk,) in self._rows(statement, by_key=bool(among))]

    def _rows(self, statement, by_key=False):
        sql, params = statement
        if self.vendor == "postgresql":
            sql = (_BY_KEY if by_key else _GIN_SCANS) + sql
            self._scans_set = True
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _scans_done(self):
        """Inside a transaction the scan settings last until it ends: set them back (one query)."""
        connection = connections[self.queryset.db]
        if self._scans_set and not connection.get_autocommit():
            with connection.cursor() as cursor:
                cursor.execute(_DEFAULT_SCANS)
        self._scans_set = False


def _where(queryset):
    """The queryset's own conditions ("published") as (sql, params), compiled by the ORM."""
    query = queryset.query
    sql, params = query.get_compiler(queryset.db).compile(query.where)
    return (sql or "1 = 1"), list(params)


def _count_sql(statement):
    sql, params = statement
    return f"SELECT COUNT(*) FROM ({sql}) matches", params


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    return fold(char)


# The folding of every character seen (but lower-case ASCII, which stays), for str.translate, and
# the characters that fold to other than one character. At most MAX_SEEN characters.
_TABLE, _SEEN, _UNEVEN = {}, set(), set()
MAX_SEEN = 20_000


def _learn(chars):
    if len(_SEEN) > MAX_SEEN:
        _TABLE.clear()
        _SEEN.clear()
        _UNEVEN.clear()
    for char in chars:
        if not (char.isascii() and not char.isupper()):
            out = _TABLE[ord(char)] = _fold_char(char)
            if len(out) != 1:
                _UNEVEN.add(char)
    _SEEN.update(chars)


def _folded_with_positions(text):
    """text folded character by character, with the index in text of every folded character
    (None when each character folds to exactly one: then the indexes are the same)."""
    chars = set(text)
    if not _SEEN.issuperset(chars):
        _learn(chars - _SEEN)
    if _UNEVEN.isdisjoint(chars):
        # The usual case (NFC text): one str.translate instead of a loop over a whole body.
        return text.translate(_TABLE), None
    folded, origin = [], []
    for index, char in enumerate(text):
        out = char if char.isascii() and not char.isupper() else _fold_char(char)
        folded.append(out)
        origin.extend([index] * len(out))
    return "".join(folded), origin


def match_spans(text, terms, first=False):
    """(start, end) spans of text whose folded form is one of the terms, as whole words (only the
    first one if `first`)."""
    if not terms or not text:
        return []
    folded, origin = _folded_with_positions(text)
    spans = []
    for found in _pattern(tuple(terms)).finditer(folded):
        start, end = found.start(), found.end()
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        # Keep combining marks that belong to the last letter (text not in NFC).
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end))
        if first:
            break
    return spans


@functools.lru_cache(maxsize=256)
def _pattern(terms):
    """Any of the terms as a whole word, the longest first."""
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def _joined(spans, text):
    """Spans with only spaces between them merged: "<mark>Đống Đa</mark>", not two marks."""
    joined = []
    for start, end in spans:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def highlight(text, terms):
    """text, escaped, with every matched word (or run of words) in <mark>.

    Escaped with html.escape, as Django's escape does (format_html per match cost more than the
    rest of an excerpt)."""
    parts, last = [], 0
    for start, end in _joined(match_spans(text, terms), text):
        parts.append(f"{html.escape(text[last:start])}<mark>{html.escape(text[start:end])}</mark>")
        last = end
    parts.append(html.escape(text[last:]))
    return mark_safe("".join(parts))


def excerpt(article, terms, length=EXCERPT_LENGTH):
    """A highlighted passage of the sapo or body around the first match (the body's text is
    only made when the sapo has no match)."""
    sapo = " ".join((article.sapo or "").split())
    spans = match_spans(sapo, terms, first=True)
    if spans:
        return highlight(_window(sapo, spans[0][0], length), terms)
    body = " ".join(body_text(article.body).split())
    spans = match_spans(body, terms, first=True)
    if spans:
        return highlight(_window(body, spans[0][0], length), terms)
    return highlight(_window(sapo if article.sapo else body, 0, length), terms)


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
