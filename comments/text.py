"""What readers type, made plain: one form for storing and showing, one for matching.

`clean_text` is what is stored: NFC, without the invisible characters that let a name look
blank or text run backwards. `fold_for_matching` is only compared, never shown: it also maps
full-width letters, look-alike Cyrillic and Greek letters and Vietnamese diacritics onto plain
Latin, so that "ｃａｓｉｎｏ", "cаsino" (Cyrillic а) and "c\u200basino" all read "casino".
"""

import re
import unicodedata

from vietnamese import fold

# Zero-width characters, bidi embeddings, overrides and isolates, and fillers that render as
# nothing. Other format characters (category Cf) go too: readers never need them in a comment.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufeff\uffa0]"
)

# Latin look-alikes that NFKC leaves alone (Cyrillic and Greek letters).
CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ɡ": "g", "ı": "i",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "s",
})
_SPACES = re.compile(r"\s+")


def clean_text(text):
    """NFC, without invisible and bidi control characters, Windows newlines made plain, stripped."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in _INVISIBLE.sub("", text) if ch in "\n\t" or unicodedata.category(ch) != "Cf")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def has_visible_text(text):
    """Whether the text shows anything: a letter, digit, symbol or punctuation, not only
    combining marks, spaces and controls."""
    return any(unicodedata.category(ch)[0] not in "MZC" for ch in text)


def fold_for_matching(text):
    """Lower-case plain Latin letters for comparing, never for showing: NFKC (full-width and
    styled letters), invisible characters removed, look-alikes mapped, diacritics and đ folded,
    runs of spaces made one."""
    text = unicodedata.normalize("NFKC", clean_text(text)).casefold().translate(CONFUSABLES)
    return _SPACES.sub(" ", fold(text)).strip()
