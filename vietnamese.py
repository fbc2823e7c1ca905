"""Vietnamese text helpers: NFC normalisation, diacritic folding and slugs."""

import re
import unicodedata

# Paths the URL table owns; a section (or article) slug must never shadow them.
RESERVED_SLUGS = frozenset(
    {
        "admin", "tag", "tac-gia", "tim-kiem", "binh-luan", "rss", "media", "static",
        "sitemap", "sitemap-news", "sitemap-xml", "robots-txt", "healthz", "ckeditor5",
        "api", "feed", "favicon-ico", "dinh-chinh", "so-bao", "doc",
    }
)
SLUG_MAX_LENGTH = 200
# Room left for a "-123" suffix that makes a slug unique.
SLUG_BASE_LENGTH = 190

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text):
    return unicodedata.normalize("NFC", text or "")


def fold(text):
    """Lower-case text with Vietnamese diacritics removed: "Đống Đa" -> "dong da".

    Works on composed and decomposed input alike.
    """
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def slugify_vi(text, max_length=SLUG_BASE_LENGTH):
    """ASCII slug of a Vietnamese title, cut at a word boundary.

    "Chỉ số cải cách hành chính của quận Đống Đa"
    -> "chi-so-cai-cach-hanh-chinh-cua-quan-dong-da"
    """
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut[-1] != "-" and "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut[:max_length].strip("-")


def unique_slug(text, taken, fallback="bai-viet"):
    """A slug for text that `taken(slug)` says is free and is not reserved."""
    base = slugify_vi(text) or fallback
    candidate, n = base, 1
    while candidate in RESERVED_SLUGS or taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
