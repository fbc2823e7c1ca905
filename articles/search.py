"""Vietnamese search: folded documents, queries, and highlighted excerpts.

Titles, sapos and bodies are stored folded ("Đống Đa" -> "dong da") as plain
space-separated words, so that every backend matches the same whole words:
PostgreSQL through a weighted tsvector with a GIN index, SQLite by looking
for " word " in the folded text.
"""

import contextlib
import functools
import html
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connection, transaction
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
    return html.unescape(strip_tags(body_html or "")).replace("\xa0", " ")


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


def _conditions(terms, vendor):
    """Q objects: every term in the title; in title or sapo; anywhere."""
    if vendor == "postgresql":
        query = SearchQuery(_tsquery(terms), search_type="raw", config="simple")
        return (
            Q(SearchVectorExact(title_vector(), query)),
            Q(SearchVectorExact(title_sapo_vector(), query)),
            Q(search_vector=query),
        )

    def has(field, term):
        return Q(**{f"{field}__contains": f" {term} "})

    in_title, in_title_or_sapo, anywhere = Q(), Q(), Q()
    for term in terms:
        in_title &= has("search_title", term)
        in_title_or_sapo &= has("search_title", term) | has("search_sapo", term)
        anywhere &= has("search_title", term) | has("search_sapo", term) | has("search_body", term)
    return in_title, in_title_or_sapo, anywhere


def in_title_or_sapo(queryset, text):
    """Articles whose title or sapo holds every word of text, folded ("ha noi" finds "Hà Nội"):
    the admin's search box and article autocompletes, read from the title-and-sapo GIN index on
    PostgreSQL. Blank text leaves the queryset as it is; text without a word finds nothing."""
    if not text or not text.strip():
        return queryset
    terms = query_words(clean_query(text))
    if not terms:
        return queryset.none()
    return queryset.filter(_conditions(terms, connection.vendor)[1])


def _typed_in_title(query, terms, vendor):
    """The phrase as typed, diacritics and all, in the title: a Q, or None when the query
    carries no diacritics (nor đ), so that typing them adds nothing to rank by."""
    typed = _WORD.findall(query.lower())
    if not typed or " ".join(typed) == " ".join(terms):
        return None
    boundary = (r"\m", r"\M") if vendor == "postgresql" else (r"\b", r"\b")
    return Q(title__iregex=boundary[0] + r"\W+".join(map(re.escape, typed)) + boundary[1])


def _ranks(query, terms, vendor):
    """(candidates, Q) per rank, best first, each Q excluding the ranks above (see RankedSearch).

    candidates names the cheap, exact index condition the rank's rows all meet
    ("title", "title_or_sapo", "anywhere"), or is None."""
    if vendor == "postgresql":
        return _postgresql_ranks(query, terms)
    typed = _typed_in_title(query, terms, vendor)
    in_title, in_title_or_sapo, anywhere = _conditions(terms, vendor)
    tiers = [in_title & typed] if typed is not None else []
    if len(terms) > 1:
        folded = f" {' '.join(terms)} "
        phrase_in_title = Q(search_title__contains=folded)
        phrase_in_title_or_sapo = phrase_in_title | Q(search_sapo__contains=folded)
        tiers += [phrase_in_title, phrase_in_title_or_sapo, phrase_in_title_or_sapo | Q(search_body__contains=folded)]
    ranks, above = [], Q(pk__in=[])
    for tier in [*tiers, in_title, in_title_or_sapo, anywhere]:
        ranks.append((None, tier & ~above))
        above |= tier
    return ranks


def _postgresql_ranks(query, terms):
    """The ranks on PostgreSQL, each read from the GIN index that narrows it most.

    Title ranks ask the title index and check the phrase on the title itself,
    title-or-sapo ranks likewise; only the ranks that need the body read the
    weighted vector (title A, sapo B, body C), stored out of line: its tsquery
    carries the rank's exclusions ("phrase anywhere & !phrase in title or
    sapo"), so that a row's vector is read and checked once.
    """
    def on_vector(text):
        return Q(search_vector=SearchQuery(text, search_type="raw", config="simple"))

    def joined(weight, operator):
        return "(" + f" {operator} ".join(f"'{term}'{weight}" for term in terms) + ")"

    def query_of(text):
        return SearchQuery(text, search_type="raw", config="simple")

    in_title = Q(SearchVectorExact(title_vector(), query_of(joined("", "&"))))
    in_title_or_sapo = Q(SearchVectorExact(title_sapo_vector(), query_of(joined("", "&"))))
    ranks = [
        ("title", in_title),
        ("title_or_sapo", in_title_or_sapo & ~in_title),
        ("anywhere", on_vector(f"{joined('', '&')} & !{joined(':AB', '&')}")),
    ]
    if len(terms) > 1:
        phrase_in_title = Q(SearchVectorExact(title_vector(), query_of(joined("", "<->"))))
        phrase_in_title_or_sapo = Q(SearchVectorExact(title_sapo_vector(), query_of(joined("", "<->"))))
        not_phrase, every_word_ab = f"!{joined('', '<->')}", joined(":AB", "&")
        ranks = [
            ("title", in_title & phrase_in_title),
            ("title_or_sapo", in_title_or_sapo & phrase_in_title_or_sapo & ~phrase_in_title),
            ("anywhere", on_vector(f"{joined('', '<->')} & !{joined(':AB', '<->')}")),
            ("title", in_title & on_vector(f"{joined(':A', '&')} & {not_phrase}")),
            ("title_or_sapo", in_title_or_sapo & on_vector(f"{every_word_ab} & !{joined(':A', '&')} & {not_phrase}")),
            ("anywhere", on_vector(f"{joined('', '&')} & !{joined(':AB', '&')} & {not_phrase}")),
        ]
    typed = _typed_in_title(query, terms, "postgresql")
    if typed is not None:  # the first rank splits: the phrase as typed, then the rest of it
        ranks[:1] = [("title", ranks[0][1] & typed), ("title", ranks[0][1] & ~typed)]
    return ranks


class RankedSearch:
    """Articles containing every term, best first, for a Paginator.

    Rank: the phrase as typed (same diacritics) in the title; the words
    adjacent and in order (folded) in the title, in title or sapo, anywhere;
    then the words apart: every term in the title, in title or sapo, anywhere.
    Newer first within a rank. Each rank is its own query ordered by
    publication time, so that a page costs a few index scans however many
    articles match (a single ORDER BY rank would read every match). Counts stop
    at MAX_RESULTS.
    """

    def __init__(self, queryset, terms, vendor, query=""):
        if not terms:
            queryset, terms = queryset.none(), ["_"]
        self.queryset = queryset
        self.vendor = vendor
        in_title, in_title_or_sapo, anywhere = _conditions(terms, vendor)
        self.matches = queryset.filter(anywhere)
        newest = ("-published_at", "-pk")
        self.candidates = {
            name: queryset.filter(condition).order_by(*newest).values_list("pk", flat=True)
            for name, condition in [("title", in_title), ("title_or_sapo", in_title_or_sapo), ("anywhere", anywhere)]
        }
        self.ranks = [(name, queryset.filter(rank).order_by(*newest)) for name, rank in _ranks(query, terms, vendor)]
        self._windows = {}
        self._by_key = False
        self._count = None

    def count(self):
        """How many articles match, at most MAX_RESULTS (one query)."""
        if self._count is None:
            with self._index_scans():
                self._count = self.matches.order_by()[:MAX_RESULTS].count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("RankedSearch supports slices only")
        start, stop = key.start or 0, min(key.stop if key.stop is not None else MAX_RESULTS, MAX_RESULTS)
        with self._index_scans():
            ids = self._ids(start, max(0, stop - start))
            articles = self.queryset.in_bulk(ids) if ids else {}
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
                skip -= rank.order_by()[:skip].count()
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
                self._scans(by_key=False)
                self._windows[candidates] = list(self.candidates[candidates][:WINDOW])
            window = self._windows[candidates]
            self._scans(by_key=True)
            found = list(rank.filter(pk__in=window).values_list("pk", flat=True)[start:stop])
            if len(found) == stop - start or len(window) < WINDOW:
                return found
        self._scans(by_key=False)
        return list(rank.values_list("pk", flat=True)[start:stop])

    def _scans(self, by_key):
        """Inside _index_scans: read a window's rows by their primary key (by_key), not every
        candidate from a GIN index, whose estimate of a few rows the planner would trust;
        otherwise GIN bitmap scans. One query when the choice changes, none otherwise."""
        if self.vendor != "postgresql" or self._by_key == by_key:
            return
        self._by_key = by_key
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL enable_indexscan = {'on' if by_key else 'off'}; "
                           f"SET LOCAL enable_bitmapscan = {'off' if by_key else 'on'}")

    @contextlib.contextmanager
    def _index_scans(self):
        """On PostgreSQL, have the queries inside read the GIN indexes rather than walk the table.

        The planner misjudges how often words occur together ("Hồ Gươm") and
        that every row a walk filters costs a tsvector read from TOAST, while a
        bitmap scan of a GIN index reads only the matching rows of the (small)
        table. One query more per block (two inside an outer transaction).
        """
        if self.vendor != "postgresql":
            yield
            return
        nested = connection.in_atomic_block
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            self._by_key = False
            yield
            if nested:  # otherwise the transaction ends here, and the settings with it
                cursor.execute(
                    "SET LOCAL enable_seqscan = DEFAULT; SET LOCAL enable_indexscan = DEFAULT; "
                    "SET LOCAL enable_bitmapscan = DEFAULT"
                )


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


def match_spans(text, terms):
    """(start, end) spans of text whose folded form is one of the terms, as whole words."""
    if not terms or not text:
        return []
    folded, origin = _folded_with_positions(text)
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
    spans = []
    for found in pattern.finditer(folded):
        start, end = found.start(), found.end()
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        # Keep combining marks that belong to the last letter (text not in NFC).
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        spans.append((start, end))
    return spans


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
    spans = match_spans(sapo, terms)
    if spans:
        return highlight(_window(sapo, spans[0][0], length), terms)
    body = " ".join(body_text(article.body).split())
    spans = match_spans(body, terms)
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
