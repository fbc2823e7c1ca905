"""A readable comparison of two versions of an article, for the history page.

Text only: tags are stripped (a paragraph becomes a line) and the words that
changed are marked. The result is plain data; the template escapes it.
"""

import html
import re
from difflib import SequenceMatcher

from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html, format_html_join, strip_tags

from authors.models import Author

from .models import Article, ArticleAuthor, Section, Tag, TaggedArticle
from .workflow import local_time

# Where a block ends in the body, a line ends in the text.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|tr|ul|ol|figure|table)>|<br\s*/?>", re.IGNORECASE)
TOKEN = re.compile(r"\n|[^\S\n]+|\w+|[^\w\s]")
TEXT_FIELDS = [("title", "Tiêu đề"), ("sapo", "Sapo"), ("body", "Nội dung")]
OTHER_FIELDS = ["status", "published_at", "section", "slug", "cover_caption", "cover_alt", "cover_credit",
                "allow_comments", "review_note"]


def html_to_text(value):
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", value or "")))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# Word diffs cost about len(a) * len(b) in the worst case: past this, a changed run of paragraphs
# that cannot be paired one to one is shown as removed, then added.
MAX_WORD_DIFF = 400_000


def diff_words(old, new):
    """[(op, text)] with op "equal", "delete" or "insert": paragraph by paragraph (lines), then
    word by word inside the paragraphs that changed, so that the work grows with what changed,
    not with the square of the article's length."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for before, after in zip(a[i1:i2], b[j1:j2], strict=True):
                segments += _diff_tokens(before, after)
        else:
            segments += _diff_tokens("".join(a[i1:i2]), "".join(b[j1:j2]))
    return _merged(segments)


def _diff_tokens(old, new):
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    if len(a) * len(b) > MAX_WORD_DIFF:
        return [("delete", old), ("insert", new)]
    segments = []
    # Spaces are junk to the matcher: a match never starts on one (but takes them in), so that the
    # same " " in every sentence does not make it compare every pair of spaces.
    for tag, i1, i2, j1, j2 in SequenceMatcher(str.isspace, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


def _merged(segments):
    """Neighbouring segments of one kind joined, empty ones dropped."""
    merged = []
    for op, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


TAGS = {"delete": "del", "insert": "ins"}


def segments_html(segments):
    """The segments as escaped text with <del> and <ins>: built here, as a template loop over
    thousands of segments took longer than the diff."""
    return format_html_join("", "{}", (
        (format_html("<{0}>{1}</{0}>", TAGS[op], text) if op in TAGS else text,) for op, text in segments
    ))


def _display(name, value, sections):
    if value in (None, ""):
        return "(trống)"
    if name == "status":
        return Article.Status(value).label if value in Article.Status.values else value
    if name == "published_at":
        return local_time(value)
    if name == "section":
        return sections.get(value, f"#{value}")
    if name == "allow_comments":
        return "Có" if value else "Không"
    return str(value)


def _related_names(version, through, field, model):
    """Names of the authors (or tags) saved with the version, in order."""
    content_type = ContentType.objects.get_for_model(through)
    parts = [v.field_dict for v in version.revision.version_set.filter(content_type=content_type)]
    parts.sort(key=lambda part: (part.get("position", 0), part.get("id") or 0))
    names = dict(model.objects.filter(pk__in=[p[field] for p in parts]).values_list("pk", "name"))
    return ", ".join(names.get(p[field], f"#{p[field]}") for p in parts) or "(trống)"


def compare_versions(older, newer):
    """What changed from `older` to `newer`: text fields word by word, the others as before → after."""
    old, new = older.field_dict, newer.field_dict
    texts = []
    for name, label in TEXT_FIELDS:
        before, after = old.get(name) or "", new.get(name) or ""
        if name == "body":
            before, after = html_to_text(before), html_to_text(after)
        segments = diff_words(before, after)
        texts.append({
            "label": label, "changed": before != after, "segments": segments, "html": segments_html(segments),
        })
    section_ids = [old.get("section_id"), new.get("section_id")]
    sections = dict(Section.objects.filter(pk__in=section_ids).values_list("pk", "name"))
    others = []
    for name in OTHER_FIELDS:
        field = Article._meta.get_field(name)
        before, after = old.get(field.attname), new.get(field.attname)
        if before != after:
            others.append({
                "label": field.verbose_name.capitalize(),
                "before": _display(name, before, sections),
                "after": _display(name, after, sections),
            })
    for label, through, field, model in (
        ("Tác giả", ArticleAuthor, "author_id", Author), ("Thẻ", TaggedArticle, "tag_id", Tag),
    ):
        before, after = _related_names(older, through, field, model), _related_names(newer, through, field, model)
        if before != after:
            others.append({"label": label, "before": before, "after": after})
    return {"texts": texts, "others": others}
